"""Tests of plotting.curves: plot_costs (a training's cost) and plot_spread (box plot + strip of values per group)."""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from course_utils import engine, network, plotting


def test_plot_spread_draws_one_box_and_one_point_per_value():
    groups = {"tanh": [90.0, 89.5, 91.0], "relu": [60.0, 70.0]}
    ax = plotting.plot_spread(groups, xlabel="activation", label="init 0.01")
    points = [line for line in ax.get_lines() if line.get_marker() == "o" and len(line.get_xdata())]
    assert sorted(len(line.get_ydata()) for line in points) == [2, 3]
    ys = np.concatenate([line.get_ydata() for line in points])
    assert sorted(ys) == sorted(groups["tanh"] + groups["relu"])
    for line in points:  # jitter stays inside the box width around 0 and 1
        assert np.ptp(line.get_xdata()) <= 0.5
    assert [t.get_text() for t in ax.get_xticklabels()] == ["tanh", "relu"]
    assert ax.get_xlabel() == "activation" and ax.get_ylabel() == "accuracy (%)" and ax.get_title()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["init 0.01"]
    plt.close(ax.figure)


def _strips(ax):
    """x positions of the jittered points, one array per plot_spread call (box-plot lines have no marker)."""
    return [line.get_xdata() for line in ax.get_lines() if line.get_marker() == "o" and len(line.get_xdata())]


def test_plot_spread_side_by_side_and_reproducible():
    fig, ax = plt.subplots()
    plotting.plot_spread({"a": [1, 2, 3]}, ax=ax, offset=-0.2, width=0.3, label="x")
    plotting.plot_spread({"a": [1, 2, 3]}, ax=ax, offset=0.2, width=0.3, label="y")
    left, right = _strips(ax)
    assert np.all(left < 0) and np.all(right > 0)  # the two conditions do not overlap
    (again,) = _strips(plotting.plot_spread({"a": [1, 2, 3]}, offset=-0.2, width=0.3))
    np.testing.assert_array_equal(again, left)  # same seed, same jitter
    (other,) = _strips(plotting.plot_spread({"a": [1, 2, 3]}, offset=-0.2, width=0.3, seed=1))
    assert not np.array_equal(other, left)  # ... and another seed moves the points
    plt.close("all")


@pytest.mark.parametrize(
    "groups, error, match",
    [
        ({}, ValueError, "groups must be a non-empty dict"),
        ([1, 2], ValueError, "groups must be a non-empty dict"),
        ({"a": []}, ValueError, r"groups\['a'\] must hold at least one value"),
        ({"a": ["x"]}, TypeError, r"groups\['a'\]"),
    ],
)
def test_plot_spread_bad_groups(groups, error, match):
    with pytest.raises(error, match=match):
        plotting.plot_spread(groups)


def test_plot_spread_bad_ax_and_jitter():
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        plotting.plot_spread({"a": [1.0]}, ax="left")
    with pytest.raises(ValueError, match="jitter must be <= 0.5"):
        plotting.plot_spread({"a": [1.0]}, jitter=2.0)


def test_plot_costs_places_the_recorded_costs_at_their_iterations(flower):
    X, Y = flower
    _, costs = network.train(X, Y, n_hidden=2, num_iterations=1000)
    ax = plotting.plot_costs(costs, label="tanh")
    (line,) = ax.get_lines()
    np.testing.assert_array_equal(line.get_xdata(), np.arange(costs.size) * engine.RECORD_EVERY)
    np.testing.assert_array_equal(line.get_ydata(), costs)
    assert ax.get_xlabel() == "iteration" and ax.get_legend() is not None
    assert plotting.plot_costs(costs, log=True).get_yscale() == "log"
