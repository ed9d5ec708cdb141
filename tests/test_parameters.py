"""course_utils.parameters: weights that keep their record through copies, pickles and files."""

import copy
import pickle

import numpy as np
import pytest

from course_utils import activations, network
from course_utils.parameters import Parameters, check_layers, layer_keys


def relu_network(flower):
    X, Y = flower
    params, _ = network.train(X, Y, n_hidden=3, activation="relu", learning_rate=0.5, num_iterations=300, seed=2)
    return params


def assert_same_network(a, b):
    assert list(a) == list(b)
    for key in a:
        np.testing.assert_array_equal(a[key], b[key])
    assert a.activation.same_function(b.activation) and a.output == b.output


def test_layer_keys_and_sizes():
    assert layer_keys(1) == ("W1", "b1")
    assert layer_keys(3) == ("W1", "b1", "W2", "b2", "W3", "b3")
    rs = np.random.RandomState(0)
    deep = Parameters(
        {"W1": rs.randn(5, 2), "b1": np.zeros((5, 1)), "W2": rs.randn(4, 5), "b2": np.zeros((4, 1)),
         "W3": rs.randn(1, 4), "b3": np.zeros((1, 1))},
        "relu",
    )  # fmt: skip
    assert deep.n_layers == 3 and deep.layer_sizes == (2, 5, 4, 1)
    assert "activation relu, output sigmoid" in repr(deep)


def test_copy_deepcopy_and_pickle_keep_the_record(flower):
    params = relu_network(flower)
    for clone in (params.copy(), copy.deepcopy(params), pickle.loads(pickle.dumps(params))):
        assert type(clone) is Parameters
        assert_same_network(clone, params)
        np.testing.assert_array_equal(network.predict(clone, flower[0]), network.predict(params, flower[0]))
    clone = params.copy()
    clone["W1"][0, 0] += 1.0  # a copy owns its arrays
    assert clone["W1"][0, 0] != params["W1"][0, 0]


def test_save_and_load_round_trip_a_builtin(tmp_path, flower):
    params = relu_network(flower)
    params.save(tmp_path / "net.npz")
    loaded = Parameters.load(tmp_path / "net.npz")
    assert_same_network(loaded, params)
    assert loaded.activation.name == "relu"
    leaky = network.train(*flower, n_hidden=2, activation=activations.get("leaky_relu", slope=0.2), num_iterations=10)[
        0
    ]
    leaky.save(tmp_path / "leaky")  # numpy adds .npz
    assert Parameters.load(tmp_path / "leaky.npz").activation.params == {"slope": 0.2}
    with pytest.raises(ValueError, match=r"trained with.*another parameter value \(slope=0.01, not slope=0.2\)"):
        Parameters.load(tmp_path / "leaky.npz", activation="leaky_relu")


def test_a_learners_activation_is_given_again_when_loading(tmp_path, flower):
    def mine():  # re-running the cell that defines it builds new function objects each time
        return activations.Activation("my relu", lambda z: np.maximum(z, 0.0), lambda z: (z > 0) * 1.0)

    params, _ = network.train(*flower, n_hidden=3, activation=mine(), learning_rate=0.5, num_iterations=200)
    params.save(tmp_path / "mine.npz")
    with pytest.raises(ValueError, match=r"your own activation 'my relu'.*activation="):
        Parameters.load(tmp_path / "mine.npz")
    loaded = Parameters.load(tmp_path / "mine.npz", activation=mine())
    np.testing.assert_array_equal(network.predict(loaded, flower[0]), network.predict(params, flower[0]))
    with pytest.raises(ValueError, match="named 'my relu'"):
        Parameters.load(tmp_path / "mine.npz", activation="relu")


def test_a_plain_npz_needs_the_activation(tmp_path, flower):
    params = relu_network(flower)
    np.savez(tmp_path / "plain.npz", **params)
    with pytest.raises(ValueError, match="no record of their activation.*activation="):
        Parameters.load(tmp_path / "plain.npz")
    assert_same_network(Parameters.load(tmp_path / "plain.npz", activation="relu"), params)
    with np.load(tmp_path / "plain.npz") as data:  # the learner's own way back: a plain dict, which must say
        loaded = dict(data)
    with pytest.raises(ValueError, match="plain dict.*activation="):
        network.predict(loaded, flower[0])
    np.testing.assert_array_equal(network.predict(loaded, flower[0], "relu"), network.predict(params, flower[0]))


def test_pickling_a_lambda_activation_says_what_to_do(flower):
    mine = activations.Activation("my tanh", lambda z: np.tanh(z), lambda z: 1 - np.tanh(z) ** 2)
    params, _ = network.train(*flower, n_hidden=2, activation=mine, num_iterations=10)
    with pytest.raises(TypeError, match=r"'my tanh' cannot be pickled.*lambda.*def in a module.*params\.save"):
        pickle.dumps(params)


def test_the_recorded_activation_is_checked_when_set():
    params = network.initialize_parameters(2, 3)
    params.activation = "relu"  # a name or an Activation
    assert params.activation == activations.get("relu")
    with pytest.raises(ValueError, match=r"unknown activation 'relux' in params\.activation"):
        params.activation = "relux"
    with pytest.raises(TypeError, match=r"params\.activation must be"):
        params.activation = np.tanh


def test_check_layers_refuses_what_is_not_a_network():
    plain = dict(network.initialize_parameters(2, 3))
    with pytest.raises(ValueError, match="holds gradients.*pass the parameters"):
        check_layers("params", {"d" + key: value for key, value in plain.items()})
    with pytest.raises(ValueError, match=r"3 layers.*use course_utils\.deep"):
        check_layers("params", {**plain, "W3": np.ones((1, 1)), "b3": np.zeros((1, 1))}, n_layers=2)
    with pytest.raises(ValueError, match="is missing W2"):
        check_layers("params", {"W1": plain["W1"], "b1": plain["b1"], "b2": plain["b2"]})
    with pytest.raises(ValueError, match=r"keys other than.*'activation'"):
        check_layers("params", {**plain, "activation": np.array("relu")})
    with pytest.raises(ValueError, match=r"params\['W2'\] must have shape \(1, 3\)"):
        check_layers("params", {**plain, "W2": np.ones((2, 3)), "b2": np.zeros((2, 1))})
