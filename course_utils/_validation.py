"""Generic argument checks shared by every public function of ``course_utils``: numbers, ints, bools, choices,
paths, arrays. The course's conventions (data orientation, labels, rows of ``compare``) are checked in
:mod:`course_utils._conventions`, a network's parameters in :mod:`course_utils.parameters`.

Each helper raises ``TypeError`` (wrong kind of value) or ``ValueError`` (right kind, bad value)
with a message that names the argument, shows what was given and says what is allowed.
"""

import numbers
import os
import re
from pathlib import Path

import numpy as np


def _show(value):
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_real(name, value, *, low=None, high=None, low_inclusive=True, high_inclusive=True):
    """Return ``value`` as a finite Python float inside the given bounds."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {_show(value)} of type {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    if low is not None and (value < low or (value == low and not low_inclusive)):
        sign = ">=" if low_inclusive else ">"
        raise ValueError(f"{name} must be {sign} {low}, got {value}")
    if high is not None and (value > high or (value == high and not high_inclusive)):
        sign = "<=" if high_inclusive else "<"
        raise ValueError(f"{name} must be {sign} {high}, got {value}")
    return value


def check_int(name, value, *, low=None, high=None):
    """Return ``value`` as a Python int (bools and floats are refused) inside ``[low, high]``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {_show(value)} of type {type(value).__name__}")
    value = int(value)
    if low is not None and value < low:
        raise ValueError(f"{name} must be >= {low}, got {value}")
    if high is not None and value > high:
        raise ValueError(f"{name} must be <= {high}, got {value}")
    return value


def check_bool(name, value):
    """Return ``value`` as a Python bool; only True/False (and numpy bools) are accepted."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {_show(value)} of type {type(value).__name__}")
    return bool(value)


def check_path(name, value):
    """Return ``value`` (a str or os.PathLike) as a ``pathlib.Path``."""
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(
            f"{name} must be a file path (a str or pathlib.Path), got {_show(value)} of type {type(value).__name__}"
        )
    return Path(value)


def check_array_dict(name, value, keys):
    """Return a dict ``{key: finite 2-D float64 array}`` for the given ``keys`` of the mapping ``value``.

    Used for the network's parameter, gradient and cache dicts. Missing keys raise ``ValueError``;
    a non-dict ``TypeError``; each array is checked by :func:`as_float_array` under the name
    ``name['key']`` (strings/complex -> ``TypeError``; not 2-D, NaN or inf -> ``ValueError``).
    """
    if not isinstance(value, dict):
        raise TypeError(f"{name} must be a dict with keys {', '.join(keys)}, got {type(value).__name__}")
    missing = [key for key in keys if key not in value]
    if missing:
        raise ValueError(f"{name} is missing {', '.join(missing)}; it needs {', '.join(keys)}")
    return {
        key: as_float_array(f"{name}[{key!r}]", value[key], allow_nonfinite=False, ndim=2).astype(
            np.float64, copy=False
        )
        for key in keys
    }


#: numpy's RandomState accepts seeds 0 .. 2**32 - 1.
MAX_SEED = 2**32 - 1


def check_seed(name, value):
    """Return ``value`` as an int seed for ``np.random.RandomState`` (0 .. 2**32 - 1)."""
    return check_int(name, value, low=0, high=MAX_SEED)


def check_choice(name, value, choices):
    """Return ``value`` if it is one of ``choices`` (strings), else raise naming the choices."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {', '.join(map(repr, choices))}; got {_show(value)}")
    if value not in choices:
        raise ValueError(f"unknown {name} {value!r}; available: {', '.join(map(repr, choices))}")
    return value


def as_float_array(name, value, *, allow_nonfinite=True, ndim=None):
    """Return ``value`` as a floating numpy array.

    float32 and float64 arrays keep their dtype (float16 becomes float32); ints, bools, Python
    scalars and lists become float64. Strings, objects and complex numbers raise ``TypeError``.
    """
    if isinstance(value, np.ndarray):
        array = value
    else:
        try:
            array = np.asarray(value)
        except ValueError:  # ragged nested lists
            raise ValueError(
                f"{name} must be a rectangular array of numbers, got the ragged sequence {_show(value)}"
            ) from None
    kind = array.dtype.kind
    if kind == "f":
        if array.dtype.itemsize < 4:
            array = array.astype(np.float32)
    elif kind in "iub":
        array = array.astype(np.float64)
    else:
        what = {"c": "complex", "U": "string", "S": "bytes", "O": "object"}.get(kind, str(array.dtype))
        raise TypeError(f"{name} must be real numbers (int or float), got an array of {what} values")
    if ndim is not None and array.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-D array, got shape {array.shape}")
    if not allow_nonfinite and not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must contain only finite values (no NaN or inf)")
    return array


def naming(argument, check, *args, **kwargs):
    """Return ``check(*args, **kwargs)``; if it raises a message that does not name ``argument``, prefix it.

    For third-party input checks (scikit-learn's ``validate_data`` in the estimator): their text is
    kept, since scikit-learn's estimator checks look for parts of it, and ``argument: `` is put first.
    """
    try:
        return check(*args, **kwargs)
    except (ValueError, TypeError) as error:
        if re.search(rf"(?<![\w.]){re.escape(argument)}(?!\w)", str(error)):
            raise
        kind = TypeError if isinstance(error, TypeError) else ValueError
        raise kind(f"{argument}: {error}") from error


def check_interval(a, b, a_name="a", b_name="b"):
    """Return ``(a, b)`` as finite floats with ``a < b``."""
    a, b = check_real(a_name, a), check_real(b_name, b)
    if not b > a:
        raise ValueError(f"{b_name} must be greater than {a_name}, got {a_name} = {a} and {b_name} = {b}")
    return a, b


def check_float_dtype(name, value):
    """Return ``np.float64`` or ``np.float32`` (as a ``np.dtype``) from a name or a numpy type."""
    try:
        dtype_name = np.dtype(value).name
    except TypeError:
        raise TypeError(f"{name} must be 'float64' or 'float32', got {_show(value)}") from None
    return np.dtype(check_choice(name, dtype_name, ("float64", "float32")))


def as_tuple(name, value, kind, singles=(str, numbers.Number)):
    """A non-empty tuple from a sequence; a single value (an instance of ``singles``, or None) is wrapped."""
    if isinstance(value, singles) or value is None:
        value = (value,)
    try:
        value = tuple(value)
    except TypeError:
        raise TypeError(f"{name} must be a sequence of {kind}, got {_show(value)}") from None
    if not value:
        raise ValueError(f"{name} must contain at least one {kind.rstrip('s')}, got an empty sequence")
    return value


def check_distinct_ints(name, values, *, low=None, high=None):
    """A tuple of distinct ints in ``[low, high]`` from a sequence of ints (or a single int)."""
    values = tuple(check_int(f"{name} entry", v, low=low, high=high) for v in as_tuple(name, values, "ints"))
    for v in values:
        if values.count(v) > 1:
            raise ValueError(f"{name} must not repeat a value, got {v} twice in {_show(values)}")
    return values


def check_learning_rate(name, value):
    """A learning rate: a finite number > 0."""
    return check_real(name, value, low=0.0, low_inclusive=False)
