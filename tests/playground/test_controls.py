"""Tests of course_utils.playground.controls: one input widget per setting, snapped to the choice lists."""

import pytest

from course_utils import activations, playground
from course_utils.playground.controls import controls


def test_one_control_per_setting_showing_its_value():
    c = controls(playground.check_settings())
    assert set(c) == set(playground.DEFAULTS) | {"discretize", "show_test"}
    assert {name: widget.value for name, widget in c.items() if name in playground.DEFAULTS} == playground.DEFAULTS
    assert c["features"].value == () and set(c["features"].boxes) == set(playground.FEATURES)


def test_iterations_snap_to_the_nearest_choice_and_other_settings_are_kept():
    c = controls(playground.check_settings(learning_rate=1.2, num_iterations=300, init=0.02, l2=0.05, n_hidden=12))
    assert c["num_iterations"].value == 200  # the one slider that snaps (to ITERATIONS)
    assert c["learning_rate"].value == 1.2 and c["init"].value == 0.02 and c["l2"].value == 0.05
    assert [value for _, value in c["l2"].options] == sorted([*playground.L2_RATES, 0.05])
    assert c["hidden_layers"].value == (12,) and c["hidden_layers"].units[0].options[-1] == 12


def test_the_learning_rate_slider_is_logarithmic_from_1e_4_to_10():
    rate = controls(playground.check_settings())["learning_rate"]
    assert (rate.base, 10.0**rate.min, 10.0**rate.max) == (10, *playground.LEARNING_RATE_RANGE)
    assert rate.value == 1.0 and rate.readout_format == ".2g"
    rate.value = 1e-4  # the smallest rate TensorFlow Playground offers above 0, and below the old slider's 0.001
    assert rate.value == 1e-4


def test_the_layers_control_adds_and_removes_layers_of_1_to_8_units():
    layers = controls(playground.check_settings(hidden_layers=(3,)))["hidden_layers"]
    assert [value for value in layers.units[0].options] == list(range(1, playground.MAX_UNITS + 1))
    layers.add_layer()
    layers.units[1].value = 8
    assert layers.value == (3, 8)
    layers.value = (2, 2, 2, 2)
    assert len(layers.units) == 4 and layers.add_button.disabled and not layers.remove_button.disabled
    layers.remove_layer()
    assert layers.value == (2, 2, 2) and len(layers.children) == 3 + 3  # label, two buttons, one box per layer
    with pytest.raises(Exception, match="hidden_layers"):
        layers.value = (2, 2, 2, 2, 2)


def test_a_learner_defined_activation_is_one_more_option(my_tanh):
    options = controls(playground.check_settings(activation=my_tanh))["activation"].options
    assert options[-1] == ("my_tanh", my_tanh) and [value for _, value in options[:-1]] == list(activations.available())
    labels = [label for label, _ in options[:-1]]
    assert labels == [*activations.nonlinear(), "linear"]  # the identity is listed as "linear"
    mine = activations.Activation("tanh", lambda z: z, lambda z: 1.0 + 0.0 * z)  # named like a built-in
    assert controls(playground.check_settings(activation=mine))["activation"].options[-1] == ("tanh (yours)", mine)
    linear = activations.Activation("linear", lambda z: z, lambda z: 1.0 + 0.0 * z)  # named like the list's label
    assert controls(playground.check_settings(activation=linear))["activation"].options[-1] == (
        "linear (yours)",
        linear,
    )
