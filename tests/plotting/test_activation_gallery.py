"""Tests of plotting.activation_gallery: one panel per activation carrying its values and derivative."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from course_utils import activations, plotting


def _curves(ax):
    """The (value, derivative) lines of a panel (the helper's grey zero lines are not labelled g...)."""
    lines = {line.get_label(): line for line in ax.get_lines()}
    return lines["g(z)"], lines["g′(z)"]


def test_default_gallery_has_every_nonlinear_activation_with_values_and_derivatives():
    axes = plotting.activation_gallery()
    names = activations.nonlinear()  # the identity ("linear") is a built-in, not one of the course's activations
    assert axes.shape == (-(-len(names) // 3), 3)  # three panels per row
    for ax, name in zip(axes.ravel(), names):
        assert ax.get_title() == activations.get(name).label
        value, slope = _curves(ax)
        z, y = value.get_data()
        np.testing.assert_array_equal(z, np.linspace(-4, 4, 401))
        np.testing.assert_array_equal(y, activations.get(name)(z))
        np.testing.assert_array_equal(slope.get_data()[1], activations.get(name).derivative(z))
        assert slope.get_linestyle() == "--"
        assert ax.get_xlabel() == "z"
    assert [ax.get_ylabel() for ax in axes[:, 0]] == ["g(z), g′(z)"] * axes.shape[0]
    fig = axes[0, 0].figure
    assert fig.get_suptitle()
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["g(z)", "g′(z)"]


def test_subset_custom_grid_parameters_and_hidden_spare_panels():
    z = np.linspace(-2, 2, 11)
    custom = activations.get("elu", alpha=2.0)
    axes = plotting.activation_gallery(["relu", custom], z=z, ncols=3)
    assert axes.shape == (1, 2)  # ncols is capped by the number of activations
    _, y = _curves(axes[0, 1])[0].get_data()
    np.testing.assert_array_equal(y, activations.elu(z, alpha=2.0))
    axes = plotting.activation_gallery(["relu", "tanh", "gelu"], ncols=2)
    assert axes.shape == (2, 2)
    assert [ax.get_visible() for ax in axes.ravel()] == [True, True, True, False]


@pytest.mark.parametrize(
    "names, error, match",
    [
        ([], ValueError, "names must be a non-empty list"),
        ("relu", ValueError, "names must be a non-empty list"),
        (["relu", "relux"], ValueError, "unknown activation 'relux'"),
        ([3], TypeError, "names must be an activation name"),
    ],
)
def test_bad_names(names, error, match):
    with pytest.raises(error, match=match):
        plotting.activation_gallery(names)


def test_bad_ncols_and_z():
    with pytest.raises(ValueError, match="ncols must be >= 1"):
        plotting.activation_gallery(ncols=0)
    with pytest.raises(ValueError, match="z must be a 1-D array"):
        plotting.activation_gallery(z=np.zeros((2, 2)))
