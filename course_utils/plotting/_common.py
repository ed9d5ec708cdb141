"""What every plot checks: the axis to draw on and the data in the plane (points, labels, targets)."""

import numpy as np

from .. import _conventions, _validation

# The mesh code lives in course_utils._style once. Memory: a model is evaluated on ``resolution`` x ``resolution``
# points (at most 250 x 250 = 62 500, whatever the data range); a hidden layer of n units then needs about
# n x 0.5 MB per float64 array (25 MB for n = 50), so a notebook full of boundaries stays far below
# 300 MB. (The classic course code steps 0.01 through the data range: 800 x 800 points on the flower.)
BOUNDARY_MAX_RESOLUTION = 250


# Checked here, not in _validation: a matplotlib Axes is a plotting matter.
def _check_ax(ax):
    """Return ``ax`` if it is None or a matplotlib Axes, else raise a TypeError naming ``ax``."""
    from matplotlib.axes import Axes

    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes (e.g. from plt.subplots()) or None, got {type(ax).__name__}")
    return ax


# Checked here, not in _conventions: the plots draw points in the plane (2 features).
def _check_X(X, name="X"):
    """Return X as a finite float64 (2, m) array: points in the plane, one per column."""
    return _conventions.check_X(X, name, n_features=2)


# Checked here, not in _conventions: a plot accepts any two labels, as (1, m) or (m,), and colours them.
def _check_points(X, Y, x_name="X", y_name="Y"):
    """Return X (2, m) floats, the colour index (m,) of each label and the two label values."""
    X = _check_X(X, x_name)
    Y = np.asarray(Y)
    if Y.ndim == 2 and Y.shape[0] == 1:
        Y = Y[0]
    if Y.ndim != 1 or Y.shape[0] != X.shape[1]:
        raise ValueError(
            f"{y_name} must have shape (1, m) or (m,) with m = {X.shape[1]} (columns of {x_name}), got {np.shape(Y)}"
        )
    if Y.dtype.kind == "f" and not np.all(np.isfinite(Y)):
        raise ValueError(f"{y_name} must not contain NaN or inf")
    labels = np.unique(Y)
    if labels.size > 2:
        raise ValueError(f"{y_name} must hold at most two classes, got {labels.size}: {labels[:5]}")
    if np.isin(labels, [0, 1]).all():  # course labels: colour by value
        labels = np.array([0, 1])
    return X, np.searchsorted(labels, Y), labels


# Checked here, not in _conventions: a plot accepts regression targets as (1, m) or (m,).
def _check_targets(X, Y):
    """Regression targets (output "identity"): finite numbers, one per column of X."""
    Y = _validation.as_float_array("Y", Y, allow_nonfinite=False)
    if Y.size != X.shape[1] or Y.ndim > 2 or (Y.ndim == 2 and Y.shape[0] != 1):
        raise ValueError(f"Y must have shape (1, m) or (m,) with m = {X.shape[1]} (columns of X), got {Y.shape}")
    return Y
