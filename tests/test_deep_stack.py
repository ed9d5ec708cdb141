"""Tests of course_utils.deep_stack: layer statistics agree with what theory predicts at initialisation."""

import math

import numpy as np
import pytest

from course_utils import activations, deep_stack

IDENTITY = activations.Activation("identity", lambda z: z, np.ones_like)


def test_shapes_and_determinism():
    first = deep_stack.layer_statistics("relu", n_layers=3, width=16, m=50, seed=4)
    again = deep_stack.layer_statistics("relu", n_layers=3, width=16, m=50, seed=4)
    other = deep_stack.layer_statistics("relu", n_layers=3, width=16, m=50, seed=5)
    assert set(first) == {"mean", "std"}
    assert first["mean"].shape == first["std"].shape == (3,)
    np.testing.assert_array_equal(first["mean"], again["mean"])
    np.testing.assert_array_equal(first["std"], again["std"])
    assert not np.array_equal(first["std"], other["std"])


def test_same_weights_for_every_activation():
    # a linear unit with slope 1 on z > 0 and 0 elsewhere is ReLU: the two must agree bit for bit
    by_name = deep_stack.layer_statistics("relu", n_layers=4, width=32, m=100, seed=1)
    custom = activations.Activation("my relu", lambda z: np.maximum(z, 0.0), activations.relu_derivative)
    by_object = deep_stack.layer_statistics(custom, n_layers=4, width=32, m=100, seed=1)
    np.testing.assert_array_equal(by_name["mean"], by_object["mean"])


def test_first_layer_relu_matches_half_normal_moments():
    # with LeCun weights the first pre-activations are ~N(0, 1): relu has mean 1/sqrt(2 pi), std sqrt(1/2 - 1/(2 pi))
    stats = deep_stack.layer_statistics("relu", n_layers=1, width=256, m=2000, seed=0)
    assert stats["mean"][0] == pytest.approx(1 / math.sqrt(2 * math.pi), abs=0.01)
    assert stats["std"][0] == pytest.approx(math.sqrt(0.5 - 0.5 / math.pi), abs=0.01)


def test_relu_signal_halves_in_power_per_layer_with_lecun_but_not_with_he():
    lecun = deep_stack.layer_statistics("relu", n_layers=10, width=256, m=500, init="lecun", seed=0)
    he = deep_stack.layer_statistics("relu", n_layers=10, width=256, m=500, init="he", seed=0)
    # E[A_l**2] = E[Z_l**2] / 2 = E[A_{l-1}**2] / 2: on average the std shrinks by 1/sqrt(2) per layer
    per_layer = (lecun["std"][-1] / lecun["std"][0]) ** (1 / 9)
    assert per_layer == pytest.approx(1 / math.sqrt(2), rel=0.05)
    assert 0.6 < he["std"][-1] / he["std"][0] < 1.6
    # "he" is the standard deviation sqrt(2 / fan_in): passing that number gives the same stack
    explicit = deep_stack.layer_statistics("relu", n_layers=10, width=256, m=500, init=math.sqrt(2 / 256), seed=0)
    np.testing.assert_array_equal(explicit["std"], he["std"])


def test_selu_keeps_mean_zero_std_one_and_identity_keeps_std():
    selu = deep_stack.layer_statistics("selu", n_layers=20, width=256, m=1000, seed=0)
    assert np.all(np.abs(selu["mean"]) < 0.05)
    np.testing.assert_allclose(selu["std"], 1.0, atol=0.05)
    ident = deep_stack.layer_statistics(IDENTITY, n_layers=5, width=256, m=1000, seed=0)
    np.testing.assert_allclose(ident["std"], 1.0, atol=0.1)


def test_elu_mean_moves_toward_zero_relative_to_relu():
    relu = deep_stack.layer_statistics("relu", n_layers=15, width=256, m=1000, seed=0)
    elu = deep_stack.layer_statistics("elu", n_layers=15, width=256, m=1000, seed=0)
    assert relu["mean"][-1] / relu["std"][-1] > 0.6
    assert abs(elu["mean"][-1] / elu["std"][-1]) < 0.2


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"n_layers": 0}, "n_layers must be >= 1"),
        ({"width": 0}, "width must be >= 1"),
        ({"m": 1}, "m must be >= 2"),
        ({"init": "glorot"}, "unknown init 'glorot'"),
        ({"init": -1.0}, "init must be >= 0"),
    ],
)
def test_bad_arguments_raise_value_error(kwargs, match):
    with pytest.raises(ValueError, match=match):
        deep_stack.layer_statistics("relu", **kwargs)


def test_bad_types_raise_type_error():
    with pytest.raises(TypeError, match="n_layers must be an int"):
        deep_stack.layer_statistics("relu", n_layers=2.5)
    with pytest.raises(ValueError, match="unknown activation 'relux'"):
        deep_stack.layer_statistics("relux")
