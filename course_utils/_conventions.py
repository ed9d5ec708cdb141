"""The course's conventions, checked once: data in the column convention and the rows ``compare`` returns.

``X`` has shape ``(n_features, m)``, one column per example; ``Y`` has shape ``(1, m)``: the labels 0 and 1
(classification) or real targets (regression). Data in the rows convention gets a hint to transpose.
Rows are the dicts that ``experiments.compare`` returns. A network's parameters are checked in
:mod:`course_utils.parameters`; generic checks (numbers, choices, arrays) live in :mod:`course_utils._validation`.
One network's hidden layer sizes (an int or a tuple, scikit-learn's ``hidden_layer_sizes``) are checked here too.
"""

import numbers

import numpy as np

from ._validation import _show, as_float_array, check_int


def check_X(X, name="X", n_features=None, expected_by=None):
    """Return ``X`` as a finite float64 array of shape ``(n_features, m)`` (the course's column convention).

    ``expected_by`` names what needs ``n_features`` inputs (e.g. "params['W1']"), for the message.
    """
    X = as_float_array(name, X, ndim=2)
    if X.shape[0] < 1 or X.shape[1] < 1:
        raise ValueError(
            f"{name} must have shape (n_features, m) with at least one feature and one example, got shape {X.shape}"
        )
    if n_features is not None and X.shape[0] != n_features:
        hint = " (one row per example? pass X.T)" if X.shape[1] == n_features else ""
        if expected_by is not None:
            raise ValueError(
                f"{name} has {X.shape[0]} features (rows) but {expected_by} expects {n_features}: {name} must have "
                f"shape ({n_features}, m), got {X.shape}{hint}"
            )
        raise ValueError(f"{name} must have {n_features} features (rows), got shape {X.shape}{hint}")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} must contain only finite values (no NaN or inf)")
    return X.astype(np.float64, copy=False)


def check_XY(X, Y, *, x_name="X", y_name="Y", labels=True):
    """Check a data set in the course's column convention and return ``(X, Y)``.

    ``X`` must be a finite real array of shape ``(n_features, m)`` and ``Y`` an array of shape
    ``(1, m)``: the labels 0 and 1 (ints, bools or floats equal to 0/1; returned as int64) or, with
    ``labels=False`` (regression targets), any finite real numbers (returned as float64). Data in
    the rows convention (one example per row, ``y`` of shape ``(m,)``) gets a hint to transpose.
    """
    X = as_float_array(x_name, X, ndim=2)
    Y_array = np.asarray(Y) if not isinstance(Y, np.ndarray) else Y
    if Y_array.ndim == 1 and Y_array.size >= 1 and Y_array.size in X.shape:
        rows = Y_array.size == X.shape[0] and Y_array.size != X.shape[1]
        raise ValueError(
            f"{y_name} must have shape (1, {X.shape[0] if rows else X.shape[1]}) (one row, one column per example), "
            f"got shape {Y_array.shape}: "
            f"pass {y_name}.reshape(1, -1)" + (f" and {x_name}.T (one column per example)" if rows else "")
        )
    if Y_array.ndim == 2 and X.ndim == 2 and X.shape[0] != X.shape[1]:
        m_y = Y_array.shape[1] if Y_array.shape[0] == 1 else Y_array.shape[0] if Y_array.shape[1] == 1 else None
        if m_y is not None and m_y == X.shape[0] and m_y != X.shape[1]:
            raise ValueError(
                f"{x_name} has shape {X.shape}: one row per example? The course's functions take one column "
                f"per example, {x_name} of shape (n_features, m): pass {x_name}.T"
                + ("" if Y_array.shape[0] == 1 else f" and {y_name}.reshape(1, -1)")
            )
    X = check_X(X, x_name)
    Y = check_labels01(y_name, Y) if labels else check_targets(y_name, Y)
    m = X.shape[1]
    if Y.shape != (1, m):
        raise ValueError(
            f"{y_name} must have shape (1, {m}) (one row of {'labels' if labels else 'targets'}, one column per "
            f"example, matching {x_name} of shape {X.shape}), got shape {Y.shape}"
        )
    return X, Y


def check_targets(name, Y):
    """Return regression targets ``Y`` (any shape) as a finite float64 array with at least one value."""
    Y = as_float_array(name, Y, allow_nonfinite=False)
    if Y.size == 0:
        raise ValueError(f"{name} must contain at least one target value, got an empty array of shape {Y.shape}")
    return Y.astype(np.float64, copy=False)


def check_labels01(name, Y):
    """Return ``Y`` (any shape) as an int64 array if it holds only the labels 0 and 1."""
    Y = np.asarray(Y)
    if Y.dtype.kind not in "fiub":
        raise TypeError(f"{name} must hold the numbers 0 and 1, got an array of dtype {Y.dtype}")
    if Y.size == 0:
        raise ValueError(f"{name} must contain at least one label, got an empty array of shape {Y.shape}")
    if Y.dtype.kind == "f" and np.isnan(Y).any():
        raise ValueError(f"{name} must contain only the labels 0 and 1, got NaN")
    bad = (Y != 0) & (Y != 1)
    if bad.any():
        found = np.unique(Y[bad])[:5]
        raise ValueError(
            f"{name} must contain only the labels 0 and 1, got other values such as "
            f"{', '.join(_show(v.item()) for v in found)}"
        )
    return Y.astype(np.int64, copy=False)


def check_rows(name, rows, *, allow_empty=False):
    """Return ``rows`` (an iterable of dicts, e.g. from ``experiments.compare``) as a list."""
    if rows is None or isinstance(rows, (str, bytes, dict)) or not hasattr(rows, "__iter__"):
        raise TypeError(
            f"{name} must be a list of dicts (the rows experiments.compare returns), got {type(rows).__name__}"
        )
    rows = list(rows)
    if not rows and not allow_empty:
        raise ValueError(f"{name} must contain at least one row, got none")
    bad = next((row for row in rows if not isinstance(row, dict)), None)
    if bad is not None:
        raise TypeError(f"{name} must hold dicts (the rows experiments.compare returns), got a {type(bad).__name__}")
    return rows


def check_field(name, key, rows):
    """Return ``key`` if the first of ``rows`` has that field, else raise naming ``name`` and the fields."""
    if not isinstance(key, str) or key not in rows[0]:
        raise ValueError(f"{name}={_show(key)}, but the rows have no field {_show(key)}; fields: {', '.join(rows[0])}")
    return key


def check_hidden_layers(name, value):
    """One network's hidden layers as a tuple of ints >= 1, one per hidden layer, input to output.

    An int is one hidden layer (``4`` -> ``(4,)``); a tuple, list or 1-D array gives one size per layer:
    ``(8, 8, 8)`` is ONE network with three hidden layers of 8 units (scikit-learn's ``hidden_layer_sizes``).
    """
    if isinstance(value, numbers.Integral):
        return (check_int(name, value, low=1),)  # (a bool is refused there)
    if not isinstance(value, (tuple, list)) and not (isinstance(value, np.ndarray) and value.ndim == 1):
        raise TypeError(
            f"{name} must be an int (one hidden layer) or a tuple of ints, one per hidden layer, such as (8, 8, 8); "
            f"got {_show(value)} of type {type(value).__name__}"
        )
    sizes = tuple(check_int(f"{name}[{i}]", size, low=1) for i, size in enumerate(value))
    if not sizes:
        raise ValueError(
            f"{name} must hold at least one hidden layer size, such as (4,) or (8, 8, 8); got {_show(value)}"
        )
    return sizes
