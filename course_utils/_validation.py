"""Argument checks shared by every public function of ``course_utils``.

Each helper raises ``TypeError`` (wrong kind of value) or ``ValueError`` (right kind, bad value)
with a message that names the argument, shows what was given and says what is allowed.
"""
import numbers

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
    array = np.asarray(value) if not isinstance(value, np.ndarray) else value
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
