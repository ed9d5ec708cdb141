"""Tests of course_utils.playground.settings: the data sets, the input features and the settings' checks."""

import numpy as np
import pytest

from course_utils import activations, datasets, playground

# --- data and features ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", playground.DATASETS)
def test_make_data_shapes_and_labels(name):
    X, Y = playground.make_data(name, noise=0.2)
    assert X.shape == (2, playground.M_POINTS) and X.dtype == np.float64
    assert Y.shape == (1, playground.M_POINTS) and set(np.unique(Y)) == {0, 1}
    X_again, Y_again = playground.make_data(name, noise=0.2)
    assert np.array_equal(X, X_again) and np.array_equal(Y, Y_again)  # reproducible
    X_noisy, _ = playground.make_data(name, noise=0.4)
    assert not np.allclose(X, X_noisy)  # noise moves the points


def test_make_data_planar_is_the_course_flower():
    X, Y = playground.make_data("planar", noise=0.2, m=400, seed=1)
    X_ref, Y_ref = datasets.load_planar_dataset()
    # the generator's sin and cos may differ from the shipped file's by an ulp on another numpy or CPU
    np.testing.assert_allclose(X, X_ref, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(Y, Y_ref)


def test_make_data_rejects_bad_arguments():
    with pytest.raises(ValueError, match="dataset"):
        playground.make_data("spirals")
    with pytest.raises(ValueError, match="noise"):
        playground.make_data("planar", noise=-0.1)


def test_features_stack_the_named_functions_in_one_order():
    X = np.array([[1.0, -2.0, 0.5], [3.0, 0.0, -1.0]])
    assert np.array_equal(playground.features(X), X)
    F = playground.features(X, ("sin(x2)", "x1^2"))  # given in any order, stacked in FEATURES order
    assert F.shape == (4, 3)
    assert np.allclose(F[2], X[0] ** 2) and np.allclose(F[3], np.sin(X[1]))
    every = playground.features(X, tuple(playground.FEATURES))
    assert every.shape == (7, 3)
    assert np.allclose(every[2:], [X[0] ** 2, X[1] ** 2, X[0] * X[1], np.sin(X[0]), np.sin(X[1])])
    assert set(playground.FEATURE_LABELS) == set(playground.FEATURES)
    with pytest.raises(ValueError, match="feature"):
        playground.features(X, ("x3",))
    with pytest.raises(TypeError, match="names"):
        playground.features(X, "x1^2")
    with pytest.raises(ValueError, match="X"):
        playground.features(X.T)


# --- settings and runs ---------------------------------------------------------------------------


def test_check_settings_fills_defaults_and_names_bad_values(my_tanh):
    assert playground.check_settings() == playground.DEFAULTS
    assert playground.check_settings(features=["x2^2", "x1^2"])["features"] == ("x1^2", "x2^2")
    assert playground.check_settings(activation=activations.get("relu"))["activation"] == "relu"
    assert playground.check_settings(activation=my_tanh)["activation"] is my_tanh
    with pytest.raises(TypeError, match="lr"):
        playground.check_settings(lr=0.1)
    with pytest.raises(ValueError, match="learning_rate"):
        playground.check_settings(learning_rate=0.0)
    with pytest.raises(ValueError, match="activation"):
        playground.check_settings(activation="swish2")
    with pytest.raises(ValueError, match="test_size"):
        playground.check_settings(test_size=0.95)
    with pytest.raises(ValueError, match="features"):
        playground.check_settings(features=("x1^3",))


def test_layers_l2_and_data_seed_settings_and_the_old_name_n_hidden():
    assert playground.DEFAULTS["hidden_layers"] == (4,) and playground.DEFAULTS["l2"] == 0.0
    assert playground.DEFAULTS["data_seed"] == playground.DATA_SEED
    assert playground.check_settings(n_hidden=3)["hidden_layers"] == (3,)  # an old call keeps working
    assert "n_hidden" not in playground.check_settings(n_hidden=3)
    assert playground.check_settings(hidden_layers=5)["hidden_layers"] == (5,)  # an int is one layer
    assert playground.check_settings(hidden_layers=[8, 8, 8, 8])["hidden_layers"] == (8, 8, 8, 8)
    with pytest.raises(TypeError, match="not both"):
        playground.check_settings(n_hidden=3, hidden_layers=(3,))
    with pytest.raises(ValueError, match="1 to 4 hidden layers"):
        playground.check_settings(hidden_layers=(2,) * 5)
    with pytest.raises(ValueError, match="n_hidden"):  # the message names the argument given
        playground.check_settings(n_hidden=0)
    with pytest.raises(ValueError, match="l2"):
        playground.check_settings(l2=-0.1)
    with pytest.raises(ValueError, match="data_seed"):
        playground.check_settings(data_seed=-1)


@pytest.mark.parametrize("name, make", [("xor", datasets.make_xor), ("spiral", datasets.make_spiral)])
def test_make_data_xor_and_spiral_are_the_datasets_generators(name, make):
    X, Y = playground.make_data(name, noise=0.3, seed=4)
    X_ref, Y_ref = make(m=playground.M_POINTS, noise=0.3, seed=4)
    assert np.array_equal(X, X_ref) and np.array_equal(Y, Y_ref)
    assert playground.DATASET_LABELS[name] in ("XOR", "spiral")


def test_summaries_name_the_layers_l2_and_linear():
    deep = playground.run(hidden_layers=(8, 4), l2=0.01, activation="identity", num_iterations=100)
    assert playground.summary(deep).startswith("linear, 2 hidden layers (8, 4), learning rate 1, L2 0.01, 100 it")
    one = playground.run(num_iterations=100)
    assert playground.summary(one).startswith("tanh, 4 hidden units, learning rate 1, 100 iterations")  # as before


def test_settings_saved_before_layers_and_l2_still_load():
    """A settings dict saved by the one-layer playground (its old names, no data_seed, layers or l2) gives today's
    defaults: one hidden layer of 4 units, no L2, the course's flower sample."""
    saved = {
        "dataset": "planar", "noise": 0.2, "test_share": 0.25, "features": [], "activation": "tanh", "n_hidden": 4,
        "learning_rate": 1.0, "num_iterations": 1000, "init_scale": 0.01, "seed": 2,
    }  # fmt: skip
    assert playground.check_settings(**saved) == playground.DEFAULTS
    assert playground.Playground(**saved).settings() == playground.DEFAULTS
