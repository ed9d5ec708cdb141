"""Building 1-D functions from sums of activations, by hand (notebook 10).

Everything here is a one-hidden-layer network with one input and an identity output,

    y(x) = b2 + sum_j w2_j * g(w1_j * x + b1_j),

the logit of the course's network (notebooks 06-09) with n_x = 1. :class:`HiddenLayerSum` holds such a
sum; the constructions choose its weights from the target ``f`` instead of by training:

- :func:`sigmoid_staircase`: one sigmoid step per grid cell, as high as the change of ``f`` across it;
- :func:`relu_interpolant`: one ReLU hinge per knot, so the sum is the piecewise-linear interpolant;
- :func:`tent`, :func:`sawtooth` and :func:`sawtooth_one_layer`: width against depth (the tent map
  composed k times has 2**k linear pieces from k layers of 2 ReLU units; one hidden layer needs a unit
  per kink).

:func:`approximation_error` measures an approximation on a fine grid (max, L1 or L2 norm, optionally
leaving out a neighbourhood of a jump), :func:`observed_orders` turns errors at several grid spacings
into orders of convergence, and :func:`count_linear_pieces` counts the pieces of a sampled
piecewise-linear function. Grids are equally spaced: ``n`` cells of width ``h = (b - a) / n``.
"""

from typing import NamedTuple

import numpy as np

from . import activations as _activations
from . import model
from . import network as _network
from ._validation import _show, as_float_array, check_choice, check_int, check_interval, check_real
from .parameters import check_layers

__all__ = [
    "HiddenLayerSum",
    "sigmoid_staircase",
    "relu_interpolant",
    "approximation_error",
    "observed_orders",
    "tent",
    "sawtooth",
    "sawtooth_one_layer",
    "count_linear_pieces",
]

_TABLE_ENTRIES = 4_000_000  # largest (points x units) table evaluated at once


class HiddenLayerSum:
    """``y(x) = b2 + sum_j w2_j * g(w1_j * x + b1_j)``: one hidden layer, one input, identity output.

    ``w1``, ``b1`` and ``w2`` are 1-D arrays with one entry per hidden unit, ``b2`` is a number and
    ``activation`` a registry name or an ``activations.Activation``. ``s(x)`` accepts ``x`` of any
    shape and returns values of that shape. ``params`` gives the same numbers in the course's column
    convention (``W1 (n, 1)``, ``b1 (n, 1)``, ``W2 (1, n)``, ``b2 (1, 1)``), so this sum is exactly the
    logit ``Z2`` of ``network.forward_propagation(x.reshape(1, -1), s.params, activation)``.
    """

    def __init__(self, activation, w1, b1, w2, b2):
        self.activation = _activations.as_activation(activation)
        arrays = {}
        for name, value in (("w1", w1), ("b1", b1), ("w2", w2)):
            array = as_float_array(name, value, allow_nonfinite=False, ndim=1).astype(np.float64)
            if array.size == 0:
                raise ValueError(f"{name} must hold at least one hidden unit, got an empty array")
            arrays[name] = array
        if not arrays["w1"].shape == arrays["b1"].shape == arrays["w2"].shape:
            raise ValueError(
                "w1, b1 and w2 must have one entry per hidden unit, got lengths "
                f"{arrays['w1'].size}, {arrays['b1'].size} and {arrays['w2'].size}"
            )
        self.w1, self.b1, self.w2 = arrays["w1"], arrays["b1"], arrays["w2"]
        self.b2 = check_real("b2", b2)

    @classmethod
    def from_params(cls, params, activation=None, x_mean=0.0, x_std=1.0):
        """A trained one-input network as a sum over the raw input x (a :class:`HiddenLayerSum`).

        ``params`` holds ``W1 (n, 1)``, ``b1 (n, 1)``, ``W2 (1, n)`` and ``b2 (1, 1)``, e.g. from
        ``network.train(..., output="identity")``; ``activation`` defaults to the one stored on ``params``
        (a ``network.Parameters``); a plain dict needs it. A network trained on standardised inputs
        ``x~ = (x - x_mean) / x_std`` has units ``w2_j g(W1_j x~ + b1_j) = w2_j g(w1_j x + b1_j')`` with
        ``w1_j = W1_j / x_std`` and ``b1_j' = b1_j - W1_j x_mean / x_std``: the sum returned holds these
        weights, so ``s(x)`` is the network's output (its logit ``Z2``) at x and ``s.offsets`` are the
        points where the units switch on, in x's units. The defaults (0 and 1) take the weights as they are.
        """
        checked = check_layers(
            "params",
            params,
            n_layers=2,
            one_layer=("a HiddenLayerSum", "a sum of offset activations is what one hidden layer computes"),
        )
        if checked["W1"].shape[1] != 1:
            raise ValueError(
                f"params must be a network with one input (W1 of shape (n_h, 1)), got W1 of shape {checked['W1'].shape}"
            )
        act = _network.trained_activation(params, activation)
        x_mean = check_real("x_mean", x_mean)
        x_std = check_real("x_std", x_std, low=0.0, low_inclusive=False)
        w1 = checked["W1"][:, 0] / x_std
        return cls(act, w1, checked["b1"][:, 0] - w1 * x_mean, checked["W2"][0], float(checked["b2"][0, 0]))

    @property
    def n_units(self):
        """Number of hidden units."""
        return self.w1.size

    @property
    def offsets(self):
        """Where each unit switches on, ``-b1 / w1`` (shape ``(n_units,)``; inf for a unit with w1 = 0)."""
        nonzero = self.w1 != 0
        return np.where(nonzero, -self.b1 / np.where(nonzero, self.w1, 1.0), np.inf)

    @property
    def params(self):
        """The weights in the course's convention: dict ``W1 (n, 1)``, ``b1 (n, 1)``, ``W2 (1, n)``, ``b2 (1, 1)``."""
        return {
            "W1": self.w1[:, np.newaxis].copy(),
            "b1": self.b1[:, np.newaxis].copy(),
            "W2": self.w2[np.newaxis, :].copy(),
            "b2": np.array([[self.b2]]),
        }

    def unit_outputs(self, x):
        """Each unit's contribution ``w2_j * g(w1_j * x + b1_j)``: shape ``x.shape + (n_units,)``."""
        x = as_float_array("x", x, allow_nonfinite=False).astype(np.float64)
        return self.w2 * np.asarray(self.activation(x[..., np.newaxis] * self.w1 + self.b1), dtype=np.float64)

    def __call__(self, x):
        """The values y(x), of ``x``'s shape (float64); the (points x units) table is built in chunks."""
        x = as_float_array("x", x, allow_nonfinite=False).astype(np.float64)
        flat = x.ravel()
        out = np.empty(flat.size)
        chunk = max(1, _TABLE_ENTRIES // self.n_units)
        params = self.params  # the network's forward pass (course_utils.model), chunk by chunk
        for start in range(0, flat.size, chunk):
            values = model._forward(flat[np.newaxis, start : start + chunk], params, self.activation, "identity")
            out[start : start + chunk] = values["Z2"][0]
        return out.reshape(x.shape)

    def __repr__(self):
        return f"HiddenLayerSum({self.activation.name!r}, {self.n_units} units)"


def _values(name, f, x):
    """``f(x)`` as a finite float64 array of ``x``'s shape (a number is broadcast: constant functions)."""
    if not callable(f):
        raise TypeError(f"{name} must be a callable (an array of x -> an array of values), got {_show(f)}")
    values = as_float_array(f"{name}(x)", f(x)).astype(np.float64)
    if values.shape != x.shape:
        try:
            values = np.broadcast_to(values, x.shape).copy()
        except ValueError:
            raise ValueError(
                f"{name} must return one value per input (shape {x.shape}), got shape {values.shape}; "
                "write it with numpy functions so it works on arrays"
            ) from None
    if not np.all(np.isfinite(values)):
        raise ValueError(f"{name} must return finite values on [a, b], got NaN or inf")
    return values


def sigmoid_staircase(f, a, b, n, steepness=None, sharpness=1.0):
    """``f`` built from ``n`` sigmoid steps: a :class:`HiddenLayerSum` of ``n`` sigmoid units.

    The samples ``x_k = a + k h`` (k = 0..n, ``h = (b - a) / n``) cut [a, b] into n cells. Unit k sits
    in the middle of cell k, at ``a_k = a + (k + 1/2) h``, and climbs by the change of ``f`` across it::

        y(x) = f(a) + sum_k w_k * sigmoid(s * (x - a_k)),   w_k = f(x_{k+1}) - f(x_k).

    Read as a hidden layer: ``w1 = s``, ``b1 = -s * a_k``, ``w2 = w_k``, ``b2 = f(a)``. ``s`` is
    ``steepness`` if given, else ``sharpness * n / (b - a) = sharpness / h``, which grows with n so
    every step keeps the same shape relative to the cell: a step rises from 0.12 to 0.88 over about
    ``4 / sharpness`` cells. Sharp steps (sharpness 20 or more) make a staircase whose max error is
    first order in h. Soft steps (sharpness about 1, the default) blend into a smoothed copy of
    ``f`` whose error is second order in h in the interior; within a few cells of a and b it stays
    first order (the first and last steps are cut off). With a fixed ``steepness`` the error stops
    decreasing once h is small compared with 1 / s. Outside [a, b] the sum levels off at about
    f(a) and f(b).

    ``f`` must accept an array of points and return one finite value per point.
    """
    a, b = check_interval(a, b)
    n = check_int("n", n, low=1)
    sharpness = check_real("sharpness", sharpness, low=0.0, low_inclusive=False)
    if steepness is None:
        steepness = sharpness * n / (b - a)
    else:
        steepness = check_real("steepness", steepness, low=0.0, low_inclusive=False)
    x = np.linspace(a, b, n + 1)
    samples = _values("f", f, x)
    offsets = (x[:-1] + x[1:]) / 2
    return HiddenLayerSum("sigmoid", np.full(n, steepness), -steepness * offsets, np.diff(samples), float(samples[0]))


def relu_interpolant(f, a, b, n):
    """The piecewise-linear interpolant of ``f`` at n + 1 equal knots, as n ReLU hinges.

    Knots ``x_k = a + k h`` (k = 0..n, ``h = (b - a) / n``, as ``np.linspace(a, b, n + 1)``), slopes
    ``m_k = (f(x_{k+1}) - f(x_k)) / h`` of the n cells, and one hinge per knot x_0..x_{n-1}::

        y(x) = f(a) + sum_k c_k * relu(x - x_k),   c_0 = m_0,   c_k = m_k - m_{k-1} (the slope changes).

    On [a, b] this equals ``np.interp(x, knots, f(knots))`` up to round-off. As a hidden layer:
    ``w1 = 1``, ``b1 = -x_k``, ``w2 = c_k``, ``b2 = f(a)``; the first unit, with its kink at a, supplies
    the first slope. Outside [a, b] the sum is constant f(a) on the left and continues with the last
    slope on the right. For smooth ``f`` the max error is about h**2 / 8 * max|f''| (second order).
    """
    a, b = check_interval(a, b)
    n = check_int("n", n, low=1)
    knots = np.linspace(a, b, n + 1)
    samples = _values("f", f, knots)
    slopes = np.diff(samples) / np.diff(knots)
    changes = np.diff(slopes, prepend=0.0)
    return HiddenLayerSum("relu", np.ones(n), -knots[:-1], changes, float(samples[0]))


def approximation_error(f, approx, a, b, norm="max", exclude=None, n_points=2**14 + 1):
    """The error of ``approx`` against ``f`` on [a, b], measured on a fine grid.

    The grid is ``np.linspace(a, b, n_points)`` (both ends included). ``norm="max"`` is the largest
    ``|f - approx|`` on the grid; ``"l1"`` is the integral of ``|f - approx|`` and ``"l2"`` the square
    root of the integral of ``(f - approx)**2``, both by the trapezoid rule on that grid (so the
    grid must resolve the features of the error: keep its spacing well below the approximation's).
    ``exclude=(x0, radius)`` leaves out the points with ``|x - x0| < radius`` (e.g. a jump), which
    then count as zero error in the integrals. ``f`` and ``approx`` are callables on arrays.
    Returns a float.
    """
    a, b = check_interval(a, b)
    norm = check_choice("norm", norm, ("max", "l1", "l2"))
    n_points = check_int("n_points", n_points, low=2)
    x = np.linspace(a, b, n_points)
    keep = np.ones(n_points, dtype=bool)
    if exclude is not None:
        if not isinstance(exclude, (tuple, list)) or len(exclude) != 2:
            raise TypeError(f"exclude must be None or a pair (x0, radius), got {_show(exclude)}")
        x0 = check_real("exclude[0] (x0)", exclude[0])
        radius = check_real("exclude[1] (radius)", exclude[1], low=0.0)
        keep = np.abs(x - x0) >= radius
        if not keep.any():
            raise ValueError(f"exclude={_show(exclude)} leaves no point of [{a}, {b}] to measure")
    error = np.abs(_values("f", f, x) - _values("approx", approx, x))
    if norm == "max":
        return float(error[keep].max())
    weights = np.full(n_points, (b - a) / (n_points - 1))  # trapezoid rule
    weights[[0, -1]] /= 2
    if norm == "l1":
        return float(np.sum(weights * error * keep))
    return float(np.sqrt(np.sum(weights * error**2 * keep)))


class Orders(NamedTuple):
    """Observed orders of convergence: ``successive`` (one per pair of neighbours) and ``fitted``."""

    successive: np.ndarray
    fitted: float


def _paired(name, first, other_name, other, purpose):
    """Two finite 1-D float arrays of one length >= 2 (``other`` has one value per entry of ``first``)."""
    first = as_float_array(name, first, allow_nonfinite=False, ndim=1).astype(np.float64)
    other = as_float_array(other_name, other, allow_nonfinite=False, ndim=1).astype(np.float64)
    if first.size < 2:
        raise ValueError(f"{name} must hold at least 2 values {purpose}, got {first.size}")
    if other.shape != first.shape:
        raise ValueError(f"{other_name} must have one value per entry of {name} ({first.size}), got {other.size}")
    return first, other


def observed_orders(spacings, errors):
    """Orders p of ``error ~ C * spacing**p``, measured from errors at several spacings.

    ``spacings`` and ``errors`` are 1-D, of equal length (at least 2), positive and finite; the
    spacings distinct (e.g. ``h = (b - a) / n`` for n cells). ``successive[i]`` is
    ``log(errors[i] / errors[i+1]) / log(spacings[i] / spacings[i+1])``, the slope between neighbours on
    log-log axes; ``fitted`` is the slope of the least-squares line through all the points
    (``np.polyfit`` of log error against log spacing). Pass only the range where the leading term
    dominates to ``fitted`` (e.g. the smaller spacings). Notebook 02 computes the same two numbers
    for the sum of sigmoids.
    """
    spacings, errors = _paired("spacings", spacings, "errors", errors, "to measure an order")
    for name, values in (("spacings", spacings), ("errors", errors)):
        if np.any(values <= 0):
            raise ValueError(f"{name} must be positive (an order needs log {name}), got {values.min():g}")
    if np.unique(spacings).size != spacings.size:
        raise ValueError("spacings must be distinct, got a repeated spacing")
    log_h, log_e = np.log(spacings), np.log(errors)
    successive = (log_e[:-1] - log_e[1:]) / (log_h[:-1] - log_h[1:])
    fitted = float(np.polyfit(log_h, log_e, 1)[0])
    return Orders(successive, fitted)


def tent(x):
    """The tent map ``2 relu(x) - 4 relu(x - 1/2)``: 2x on [0, 1/2], 2 - 2x on [1/2, 1] (a layer of 2 ReLU units).

    It maps [0, 1] onto [0, 1] (1 - |2x - 1| there); left of 0 it is 0 and right of 1 it keeps falling.
    Returns an array of ``x``'s shape (float64).
    """
    x = as_float_array("x", x).astype(np.float64)
    return 2 * _activations.relu(x) - 4 * _activations.relu(x - 0.5)


def sawtooth(x, k):
    """The tent map composed ``k`` times: k hidden layers of 2 ReLU units each (k >= 0; k = 0 is x).

    On [0, 1] it is the sawtooth with 2**k linear pieces (2**(k-1) teeth) of slope +-2**k: 0 at the
    points j / 2**k with j even, 1 with j odd, linear in between. Returns an array of ``x``'s shape.
    """
    k = check_int("k", k, low=0)
    y = as_float_array("x", x).astype(np.float64)
    for _ in range(k):
        y = tent(y)
    return y


def sawtooth_one_layer(k):
    """:func:`sawtooth` ``(x, k)`` on [0, 1] as ONE hidden layer of 2**k ReLU units (a :class:`HiddenLayerSum`).

    Built from its kinks: a unit ``relu(x - j / 2**k)`` per kink j = 1..2**k - 1 with weight equal to
    the slope change there (-2**(k+1) at odd j, +2**(k+1) at even j), plus the unit ``relu(x)`` with
    weight 2**k for the first slope (its kink sits at the end point 0). Each unit adds at most one
    kink, so one hidden layer needs at least 2**k - 1 units for the 2**k pieces (k >= 1).
    """
    k = check_int("k", k, low=1)
    pieces = 2**k
    kinks = np.arange(pieces) / pieces  # 0 (the first slope) and the 2**k - 1 interior kinks
    changes = np.where(np.arange(pieces) % 2 == 1, -2.0, 2.0) * pieces
    changes[0] = pieces
    return HiddenLayerSum("relu", np.ones(pieces), -kinks, changes, 0.0)


def count_linear_pieces(x, values, rtol=1e-6):
    """Number of linear pieces of a piecewise-linear function sampled at increasing points ``x``.

    The slope is computed on every grid cell; a kink is where it changes by more than
    ``rtol * max|slope|`` (a kink inside a cell changes it twice in a row, and counts once).
    The grid must be fine enough that each piece spans at least three grid points. Returns an int.
    """
    x, values = _paired("x", x, "values", values, "(points)")
    if np.any(np.diff(x) <= 0):
        raise ValueError("x must be strictly increasing")
    rtol = check_real("rtol", rtol, low=0.0, low_inclusive=False)
    slopes = np.diff(values) / np.diff(x)
    scale = np.max(np.abs(slopes))
    changed = np.abs(np.diff(slopes)) > rtol * scale if scale > 0 else np.zeros(slopes.size - 1, dtype=bool)
    starts = changed & ~np.concatenate([[False], changed[:-1]])  # first of each run of changes
    return int(np.sum(starts)) + 1
