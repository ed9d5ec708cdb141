"""Tests of course_utils.playground.controls: one input widget per setting, snapped to the choice lists."""

from course_utils import activations, playground
from course_utils.playground.controls import controls


def test_one_control_per_setting_showing_its_value():
    c = controls(playground.check_settings())
    assert set(c) == set(playground.DEFAULTS) | {"discretize", "show_test"}
    assert {name: widget.value for name, widget in c.items() if name in playground.DEFAULTS} == playground.DEFAULTS
    assert c["features"].value == () and set(c["features"].boxes) == set(playground.FEATURES)


def test_sliders_snap_to_the_nearest_choice():
    c = controls(playground.check_settings(learning_rate=1.2, num_iterations=300, init=0.02))
    assert c["learning_rate"].value == 1.0 and c["num_iterations"].value == 200 and c["init"].value == 0.01
    assert [value for _, value in c["learning_rate"].options] == list(playground.LEARNING_RATES)


def test_a_learner_defined_activation_is_one_more_option(my_tanh):
    options = controls(playground.check_settings(activation=my_tanh))["activation"].options
    assert options[-1] == ("my_tanh", my_tanh) and [label for label, _ in options[:-1]] == list(activations.available())
    mine = activations.Activation("tanh", lambda z: z, lambda z: 1.0 + 0.0 * z)  # named like a built-in
    assert controls(playground.check_settings(activation=mine))["activation"].options[-1] == ("tanh (yours)", mine)
