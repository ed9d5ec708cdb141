"""Tests of course_utils.plotting: the lines drawn carry the right data, titles and labels are set."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils import activations, plotting

# --- plot_activation / plot_with_derivative -----------------------------------------------------


def test_plot_activation_default_grid_and_values():
    ax = plotting.plot_activation("sigmoid")
    (line,) = ax.get_lines()[:1]
    z, y = line.get_data()
    np.testing.assert_array_equal(z, np.linspace(-6, 6, 601))
    np.testing.assert_array_equal(y, activations.sigmoid(z))
    assert line.get_label() == "σ"  # figures use the math name (activations.get(...).label)
    assert ax.get_title() == "σ"
    assert ax.get_xlabel() == "z" and ax.get_ylabel()


def test_plot_activation_derivative_of_activation_object_on_given_axis():
    fig, ax = plt.subplots()
    act = activations.get("leaky_relu", slope=0.2)
    z = np.linspace(-2, 2, 11)
    returned = plotting.plot_activation(act, z, ax=ax, derivative=True, label="mine", color="red")
    assert returned is ax
    line = ax.get_lines()[0]
    np.testing.assert_array_equal(line.get_ydata(), np.where(z > 0, 1.0, 0.2))
    assert line.get_label() == "mine"
    assert line.get_color() == "red"
    assert ax.get_title() == "derivative of leaky ReLU (s = 0.2)" and ax.get_ylabel() == "g′(z)"


def test_plot_activation_keeps_an_existing_title_and_adds_lines():
    ax = plotting.plot_activation("relu")
    ax.set_title("my title")
    plotting.plot_activation("softplus", ax=ax)
    assert ax.get_title() == "my title"
    labels = [line.get_label() for line in ax.get_lines()]
    assert "ReLU" in labels and "softplus" in labels


def test_plot_activation_plain_callable():
    def square(z):
        return z**2

    z = np.array([-1.0, 0.0, 2.0])
    ax = plotting.plot_activation(square, z)
    np.testing.assert_array_equal(ax.get_lines()[0].get_ydata(), [1.0, 0.0, 4.0])
    assert ax.get_title() == "square"
    with pytest.raises(TypeError, match="derivative"):
        plotting.plot_activation(square, z, derivative=True)


def test_plot_activation_bad_input():
    with pytest.raises(ValueError, match="available"):
        plotting.plot_activation("sigmoidd")
    with pytest.raises(TypeError, match="activation"):
        plotting.plot_activation(3.0)
    with pytest.raises(ValueError, match="z"):
        plotting.plot_activation("tanh", z=np.zeros((2, 3)))


def test_plot_with_derivative_two_titled_panels():
    z = np.linspace(-3, 3, 61)
    axes = plotting.plot_with_derivative("tanh", z)
    assert len(axes) == 2
    assert axes[0].figure is axes[1].figure
    np.testing.assert_array_equal(axes[0].get_lines()[0].get_ydata(), np.tanh(z))
    np.testing.assert_allclose(axes[1].get_lines()[0].get_ydata(), 1 - np.tanh(z) ** 2, atol=1e-15)
    assert axes[0].get_title() == "tanh" and axes[1].get_title() == "derivative of tanh"
    assert axes[0].get_ylabel() == "g(z)" and axes[1].get_ylabel() == "g′(z)"


def test_plot_with_derivative_given_axes_and_errors():
    fig, axes = plt.subplots(1, 2)
    returned = plotting.plot_with_derivative(activations.get("elu", alpha=0.5), axes=axes)
    assert list(returned) == list(axes)
    with pytest.raises(ValueError, match="axes"):
        plotting.plot_with_derivative("elu", axes=plt.subplots(1, 3)[1])
    with pytest.raises(TypeError, match="Activation"):
        plotting.plot_with_derivative(np.sin)


def test_plotting_changes_no_global_style():
    before = dict(plt.rcParams)
    plotting.plot_with_derivative("sigmoid")
    assert dict(plt.rcParams) == before
