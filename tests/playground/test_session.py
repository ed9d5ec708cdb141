"""Tests of course_utils.playground.session: one run on the engine, its costs, scores, divergence and summary."""

import numpy as np
import pytest

from course_utils import activations, engine, network, playground


def test_run_default_trains_and_scores():
    result = playground.run()
    assert not result.diverged and result.message == "" and result.iteration == 1000
    assert result.X_train.shape == (2, 300) and result.X_test.shape == (2, 100)
    assert result.costs.shape == (10,) and result.costs[-1] < result.costs[0]
    assert result.test_costs.shape == (10,) and result.test_costs[-1] < result.test_costs[0]
    assert list(result.frames["iteration"]) == list(range(0, 1001, 100))
    assert np.array_equal(result.frames["train_cost"][:10], result.costs)  # the engine's records, bit for bit
    assert 85.0 <= result.train_accuracy <= 95.0  # the flower with tanh, 4 units: about 90 %
    assert 75.0 <= result.test_accuracy <= 95.0
    assert result.predict_proba(result.X_test).shape == (1, 100)
    text = playground.summary(result)
    assert text.startswith("tanh, 4 hidden units, learning rate 1, 1000 iterations: train accuracy ")
    assert f"test accuracy {result.test_accuracy:.1f}%" in text


def test_run_trains_exactly_like_network_train():
    """The playground trains on the engine: the same numbers as network.train, bit for bit."""
    result = playground.run(num_iterations=300, activation="relu")
    params, costs = network.train(
        result.X_train, result.Y_train, n_hidden=4, activation="relu", learning_rate=1.0, num_iterations=300, seed=2
    )
    assert np.array_equal(result.costs, costs)
    assert all(np.array_equal(result.params[key], params[key]) for key in params)


def test_run_without_test_set():
    result = playground.run(test_size=0.0, num_iterations=200)
    assert result.X_test is None and result.test_accuracy is None and result.test_costs is None
    assert result.X_train.shape == (2, 400)
    assert "test accuracy" not in playground.summary(result)


def test_run_reports_divergence_instead_of_raising(diverging):
    result = playground.run(**diverging)
    assert result.diverged and result.params is None and result.diverged_at == 500
    engine_message = engine.divergence_message("leaky_relu", 10.0, 500, 400, "the cost became nan")
    assert result.message == engine_message  # the engine's words, not the playground's
    assert result.costs.size == 5 and np.all(np.isfinite(result.costs))  # up to the last finite value
    assert result.test_costs.shape == result.costs.shape
    assert playground.summary(result).endswith(": " + result.message)
    with pytest.raises(ValueError, match="diverged"):
        result.predict_proba(result.X_train)


def test_run_notes_a_cost_that_went_up():
    result = playground.run(activation="relu", learning_rate=10.0)
    assert not result.diverged
    assert any("learning rate" in note for note in result.notes)


def test_features_change_the_network_input_and_the_boundary():
    plain = playground.run(dataset="noisy_circles", n_hidden=1, num_iterations=500)
    squares = playground.run(dataset="noisy_circles", n_hidden=1, num_iterations=500, features=("x1^2", "x2^2"))
    assert plain.params["W1"].shape == (1, 2) and squares.params["W1"].shape == (1, 4)
    grid = np.array([[0.0, 0.9, -0.9, 0.0], [0.0, 0.0, 0.0, 0.9]])
    assert not np.allclose(plain.predict_proba(grid), squares.predict_proba(grid))
    # one unit cannot separate two circles from (x1, x2), but can from the squares (a circle is a line there)
    assert plain.train_accuracy < 70 and squares.train_accuracy > 90
    assert "inputs x1, x2, x1², x2²" in playground.summary(squares)


def test_a_learner_defined_activation_trains(my_tanh):
    result = playground.run(activation=my_tanh, num_iterations=200)
    reference = playground.run(num_iterations=200)
    assert result.settings["activation"] is my_tanh
    assert playground.summary(result).startswith("my_tanh, 4 hidden units")
    assert np.allclose(result.costs, reference.costs, rtol=1e-12)  # the same function as tanh


def test_a_deep_run_with_l2_trains_exactly_like_deep_train():
    """Any depth, with L2: the playground's numbers are deep.train's (the same engine), bit for bit."""
    from course_utils import deep

    settings = dict(hidden_layers=(6, 4, 3), activation="elu", learning_rate=0.3, l2=0.1, init="he", seed=3)
    result = playground.run(num_iterations=400, dataset="spiral", **settings)
    params, costs = deep.train(
        result.X_train, result.Y_train, [2, 6, 4, 3, 1], activation="elu", learning_rate=0.3, num_iterations=400,
        init="he", seed=3, l2=0.1,
    )  # fmt: skip
    assert np.array_equal(result.costs, costs)
    assert all(np.array_equal(result.params[key], params[key]) for key in params)
    assert np.array_equal(result.frames["train_cost"][:4], costs)  # each frame's cost is the engine's (with L2)
    no_l2 = playground.run(num_iterations=400, dataset="spiral", **{**settings, "l2": 0.0})
    assert result.costs[0] > no_l2.costs[0]  # the L2 term is in the cost from the start


def test_linear_units_cannot_learn_xor_at_any_depth_and_tanh_can():
    linear = playground.run(dataset="xor", activation="identity", hidden_layers=(8, 8), num_iterations=2000)
    tanh = playground.run(
        dataset="xor", activation="tanh", hidden_layers=(8, 8), num_iterations=2000, learning_rate=0.3
    )
    assert playground.summary(linear).startswith("linear, 2 hidden layers (8, 8)")
    assert linear.train_accuracy < 65 < 90 < tanh.train_accuracy  # layers of the identity are one linear map


def test_the_data_seed_draws_another_sample_and_the_default_is_the_flower():
    default, other = playground.run(num_iterations=1), playground.run(num_iterations=1, data_seed=7)
    assert not np.array_equal(default.X_train, other.X_train)
    X, _ = playground.make_data("planar", 0.2, seed=7)
    assert {tuple(p) for p in other.X_train.T} <= {tuple(p) for p in X.T}


EVERY_ACTIVATION = [*activations.available(), "mine"]


@pytest.mark.parametrize("index, name", list(enumerate(EVERY_ACTIVATION)), ids=EVERY_ACTIVATION)
def test_every_activation_trains_and_draws_at_depths_1_to_4(index, name, my_tanh, is_png):
    """Every built-in (the identity too) and a learner's Activation, each at one of the depths 1-4 (in turn)."""
    activation = my_tanh if name == "mine" else name
    layers = (3,) * (1 + index % 4)
    result = playground.run(activation=activation, hidden_layers=layers, init="xavier", num_iterations=200, l2=0.01)
    assert not result.diverged and np.all(np.isfinite(result.costs)) and result.costs.shape == (2,)
    assert len(result.params) == 2 * (len(layers) + 1)
    assert np.array_equal(result.frames["train_cost"][:2], result.costs)  # the engine's costs, L2 term included
    assert 0 <= result.train_accuracy <= 100 and is_png(playground.render_png(result))
