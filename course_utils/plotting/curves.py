"""Curves: a training's cost, and a score's spread over seeds."""

import matplotlib.pyplot as plt
import numpy as np

from .. import _validation
from .._validation import as_float_array
from ..engine import RECORD_EVERY
from ._common import _check_ax


def plot_costs(costs, ax=None, every=RECORD_EVERY, label=None, log=False):
    """Plot a cost curve recorded every ``every`` iterations (x axis = iteration); call again for more curves.

    ``every`` defaults to the engine's recording interval (``engine.RECORD_EVERY``), so the costs that
    ``network.train`` and ``compare`` return are placed at their iterations."""
    costs = _validation.as_float_array("costs", costs, ndim=1)
    if costs.size == 0:
        raise ValueError("costs must hold at least one value, got an empty sequence")
    every = _validation.check_int("every", every, low=1)
    log = _validation.check_bool("log", log)
    if _check_ax(ax) is None:
        _, ax = plt.subplots(figsize=(6, 4), layout="constrained")
    ax.plot(np.arange(costs.size) * every, costs, label=label)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost (log scale)" if log else "cost")
    if not ax.get_title():
        ax.set_title("cost during training")
    if any(not line.get_label().startswith("_") for line in ax.get_lines()):
        ax.legend()
    return ax


def plot_spread(
    groups,
    ax=None,
    *,
    xlabel="",
    ylabel="accuracy (%)",
    title="spread over seeds",
    jitter=0.12,
    seed=0,
    offset=0.0,
    width=0.5,
    color=None,
    label=None,
):
    """Box plot plus jittered points (a strip) for a dict {group label: values}; return the axis.

    Call twice with ``offset`` (e.g. -0.2 and 0.2), ``width`` and ``label`` to put two conditions
    side by side per group. The jitter is drawn from ``np.random.RandomState(seed)``.
    """
    _check_ax(ax)
    if not isinstance(groups, dict) or not groups:
        raise ValueError(f"groups must be a non-empty dict {{label: values}}, got {type(groups).__name__}")
    values = [as_float_array(f"groups[{key!r}]", v, ndim=1, allow_nonfinite=False) for key, v in groups.items()]
    for key, v in zip(groups, values):
        if v.size == 0:
            raise ValueError(f"groups[{key!r}] must hold at least one value, got none")
    jitter = _validation.check_real("jitter", jitter, low=0.0, high=0.5)
    seed = _validation.check_seed("seed", seed)
    offset = _validation.check_real("offset", offset)
    width = _validation.check_real("width", width, low=0.0, low_inclusive=False)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4), layout="constrained")
    positions = np.arange(len(values)) + offset
    box = ax.boxplot(
        values,
        positions=positions,
        widths=width,
        showfliers=False,
        patch_artist=True,
        manage_ticks=False,
        medianprops=dict(color="k"),
    )
    line = ax.plot([], [], "o", color=color, label=label)[0]  # fixes the colour and legend entry
    colour = line.get_color()
    for patch in box["boxes"]:
        patch.set_facecolor(colour)
        patch.set_alpha(0.3)
    rs = np.random.RandomState(seed)
    for x, v in zip(positions, values):
        ax.plot(x + rs.uniform(-jitter, jitter, v.size) * width, v, "o", color=colour, alpha=0.7, markersize=4)
    ax.set_xticks(np.arange(len(values)), [str(key) for key in groups])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    if label is not None:
        ax.legend()
    return ax
