"""Figures used by the course notebooks: activations and derivatives, decision boundaries, curves, hidden units.

One module per kind of figure: :mod:`.activation_plots` (an activation and its derivative, the gallery),
:mod:`.boundaries` (data in the plane, a model's P(class 1), grids of boundaries), :mod:`.curves` (costs,
spreads over seeds) and :mod:`.hidden_units` (what each hidden unit computes). Colours and the mesh come from
:mod:`course_utils._style`, shared with the playground.

Every helper draws on ``ax`` (a matplotlib Axes) when one is given, otherwise it creates a new figure
and axis; it returns the axis (or array of axes) it drew on so the caller can add to it. Titles and
axis labels are set; no rcParams or other global style is changed on import or on call.
"""

from ._common import BOUNDARY_MAX_RESOLUTION
from .activation_plots import activation_gallery, plot_activation, plot_with_derivative
from .boundaries import boundary_grid, decision_values, plot_dataset, plot_decision_boundary
from .curves import plot_costs, plot_spread
from .hidden_units import HIDDEN_UNITS_MAX_PER_ROW, hidden_unit_values, plot_hidden_units

__all__ = [
    "BOUNDARY_MAX_RESOLUTION",
    "HIDDEN_UNITS_MAX_PER_ROW",
    "plot_activation",
    "plot_with_derivative",
    "activation_gallery",
    "plot_dataset",
    "decision_values",
    "plot_decision_boundary",
    "boundary_grid",
    "plot_costs",
    "plot_spread",
    "hidden_unit_values",
    "plot_hidden_units",
]
