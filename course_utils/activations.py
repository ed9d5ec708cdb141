"""Activation functions and their derivatives, computed in numerically stable forms.

Every function takes ``z`` (a scalar, list or array of any shape) and returns values of the same
shape. float32 and float64 inputs keep their dtype; ints, bools and Python numbers are computed in
float64; a 0-d input gives a numpy scalar. No overflow warning is raised for any finite ``z``
(formulas never take ``exp`` of a large positive number) and the limits at ``+-inf`` are returned
where they exist.

Use a function directly (``sigmoid(z, offset=2.0)``) or get an :class:`Activation` object by name,
which bundles a function with its derivative: ``act = get("elu", alpha=1.0); act(z); act.derivative(z)``.
"""
import math

import numpy as np
from scipy import special

from ._validation import as_float_array, check_choice, check_real

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def _prepare(z):
    return as_float_array("z", z)


def _finish(out):
    return out[()] if out.ndim == 0 else out


def _tail_safe(z, low=-1e4, high=None):
    """z clipped to where the factor it multiplies is already exactly 0 (avoids inf * 0 = NaN at +-inf)."""
    return np.clip(z, z.dtype.type(low), None if high is None else z.dtype.type(high))


def _param(z, name, value, **bounds):
    """Check a parameter and return it in ``z``'s dtype (so float32 stays float32)."""
    return z.dtype.type(check_real(name, value, **bounds))


# --- the functions -------------------------------------------------------------------------------

def sigmoid(z, offset=0.0):
    """Logistic sigmoid sigma(z - offset) = 1 / (1 + exp(-(z - offset))).

    ``offset`` shifts the curve right: it is the input where the output is exactly 1/2 and the
    slope is steepest (1/4), not where the output is 0 (a sigmoid never reaches 0).
    """
    z = _prepare(z)
    return _finish(special.expit(z - _param(z, "offset", offset)))


def sigmoid_derivative(z, offset=0.0):
    """d sigma(z - offset)/dz = sigma(u) * sigma(-u) with u = z - offset (no 1 - sigma cancellation)."""
    z = _prepare(z)
    u = z - _param(z, "offset", offset)
    return _finish(special.expit(u) * special.expit(-u))


def tanh(z):
    """Hyperbolic tangent, tanh(z) = 2 * sigmoid(2z) - 1."""
    return _finish(np.tanh(_prepare(z)))


def tanh_derivative(z):
    """1 - tanh(z)**2, computed as 4e / (1 + e)**2 with e = exp(-2|z|) to stay accurate for large |z|."""
    z = _prepare(z)
    e = np.exp(-2 * np.abs(z))
    return _finish(4 * e / (1 + e) ** 2)


def relu(z):
    """Rectified linear unit max(0, z)."""
    z = _prepare(z)
    return _finish(np.maximum(z, z.dtype.type(0)))


def relu_derivative(z):
    """1 where z > 0, else 0 (the convention at z = 0 is 0, as in most libraries)."""
    z = _prepare(z)
    return _finish((z > 0).astype(z.dtype))


def leaky_relu(z, slope=0.01):
    """z for z > 0, slope * z otherwise; ``slope`` in [0, 1] (0 gives ReLU, 1 the identity)."""
    z = _prepare(z)
    slope = _param(z, "slope", slope, low=0.0, high=1.0)
    if slope == 0:  # slope * -inf would be NaN; the limit is ReLU's 0
        return relu(z)
    return _finish(np.where(z > 0, z, slope * z))


def leaky_relu_derivative(z, slope=0.01):
    """1 where z > 0, else ``slope`` (so ``slope`` at z = 0)."""
    z = _prepare(z)
    slope = _param(z, "slope", slope, low=0.0, high=1.0)
    return _finish(np.where(z > 0, z.dtype.type(1), slope))


def softplus(z, beta=1.0):
    """Softplus log(1 + exp(beta * z)) / beta, a smooth ReLU; ``beta`` > 0 sets its sharpness.

    Computed as logaddexp(0, beta * z) / beta, which never overflows. As beta grows it approaches
    ReLU; the largest gap is log(2) / beta, at z = 0.
    """
    z = _prepare(z)
    beta = _param(z, "beta", beta, low=0.0, low_inclusive=False)
    return _finish(np.logaddexp(z.dtype.type(0), beta * z) / beta)


def softplus_derivative(z, beta=1.0):
    """d softplus/dz = sigmoid(beta * z)."""
    z = _prepare(z)
    beta = _param(z, "beta", beta, low=0.0, low_inclusive=False)
    return _finish(special.expit(beta * z))


def elu(z, alpha=1.0):
    """Exponential linear unit: z for z > 0, alpha * (exp(z) - 1) for z <= 0; ``alpha`` >= 0.

    The negative branch uses expm1 (accurate near 0) and only ever sees z <= 0, so it cannot overflow.
    """
    z = _prepare(z)
    alpha = _param(z, "alpha", alpha, low=0.0)
    negative = alpha * np.expm1(np.minimum(z, z.dtype.type(0)))
    return _finish(np.where(z > 0, z, negative))


def elu_derivative(z, alpha=1.0):
    """1 for z > 0, alpha * exp(z) for z <= 0 (so ``alpha`` at z = 0)."""
    z = _prepare(z)
    alpha = _param(z, "alpha", alpha, low=0.0)
    return _finish(np.where(z > 0, z.dtype.type(1), alpha * np.exp(np.minimum(z, z.dtype.type(0)))))


def selu(z):
    """Scaled ELU (Klambauer et al., 2017): SELU_SCALE * elu(z, SELU_ALPHA); self-normalising."""
    z = _prepare(z)
    return _finish(z.dtype.type(SELU_SCALE) * elu(z, SELU_ALPHA))


def selu_derivative(z):
    """SELU_SCALE * elu_derivative(z, SELU_ALPHA)."""
    z = _prepare(z)
    return _finish(z.dtype.type(SELU_SCALE) * elu_derivative(z, SELU_ALPHA))


def _normal_density(z):
    """Standard normal density exp(-z**2 / 2) / sqrt(2 pi), accurate to a few ulp for large |z|.

    z is split as zh + zl with zh a multiple of 1/16, so zh * zh is exact and the rounding error of
    z * z (which exp would magnify by z**2 / 2) never enters the exponent.
    """
    z = np.clip(z, z.dtype.type(-1e3), z.dtype.type(1e3))  # the density is exactly 0 beyond
    zh = np.round(z * 16) / 16
    zl = z - zh
    return (z.dtype.type(_INV_SQRT_2PI) * np.exp(-0.5 * zh * zh)) * np.exp(-0.5 * zl * (z + zh))


def gelu(z):
    """Gaussian error linear unit z * Phi(z), exact form (Phi = standard normal CDF).

    Phi(z) = (1 + erf(z / sqrt 2)) / 2 is evaluated with ``scipy.special.ndtr``, which keeps full
    relative accuracy in the far left tail where 1 + erf(...) would cancel.
    """
    z = _prepare(z)
    return _finish(_tail_safe(z) * special.ndtr(z))


def gelu_derivative(z):
    """Phi(z) + z * phi(z), with phi the standard normal density."""
    z = _prepare(z)
    density = _normal_density(z)
    return _finish(special.ndtr(z) + _tail_safe(z, high=1e4) * density)


def silu(z):
    """Sigmoid linear unit (swish with beta = 1): z * sigmoid(z)."""
    z = _prepare(z)
    return _finish(_tail_safe(z) * special.expit(z))


def silu_derivative(z):
    """sigmoid(z) * (1 + z * sigmoid(-z))."""
    z = _prepare(z)
    s = special.expit(z)
    return _finish(s + _tail_safe(z, high=1e4) * s * special.expit(-z))


def sum_of_sigmoids(z, offsets):
    """Sum over k of sigmoid(z - offsets[k]) for every z; result has z's shape.

    ``offsets`` is a 1-D sequence of finite numbers. Multiplied by the offset spacing, the sum is a
    Riemann sum of the integral of sigmoid(z - a) over a, i.e. of softplus(z - a0) - softplus(z - b).
    """
    z = _prepare(z)
    offsets = as_float_array("offsets", offsets, allow_nonfinite=False, ndim=1)
    if offsets.size == 0:
        raise ValueError("offsets must contain at least one offset, got an empty sequence")
    offsets = offsets.astype(z.dtype, copy=False)
    return _finish(special.expit(z[..., np.newaxis] - offsets).sum(axis=-1))


# --- Activation objects and the registry ---------------------------------------------------------

class Activation:
    """An activation function bundled with its derivative.

    ``act(z)`` gives the values, ``act.derivative(z)`` gives dA/dZ at the same points and
    ``act.name`` names it. Build one from the registry with :func:`get`, or directly from any two
    callables, e.g. a deliberately wrong derivative for a gradient-check lesson::

        wrong = Activation("sigmoid (buggy)", sigmoid, lambda z: sigmoid_derivative(sigmoid(z)))
    """

    def __init__(self, name, function, derivative, **params):
        if not isinstance(name, str) or not name:
            raise TypeError(f"name must be a non-empty string, got {name!r}")
        for arg, value in (("function", function), ("derivative", derivative)):
            if not callable(value):
                raise TypeError(f"{arg} must be callable (z -> array), got {type(value).__name__}")
        self.name = name
        self.params = dict(params)
        self._function = function
        self._derivative = derivative

    def __call__(self, z):
        return self._function(z, **self.params)

    def derivative(self, z):
        """dA/dZ evaluated at ``z`` (same shape as ``z``)."""
        return self._derivative(z, **self.params)

    def __repr__(self):
        params = "".join(f", {key}={value!r}" for key, value in self.params.items())
        return f"Activation({self.name!r}{params})"

    def __eq__(self, other):
        if not isinstance(other, Activation):
            return NotImplemented
        return (self.name, self.params, self._function, self._derivative) == (
            other.name, other.params, other._function, other._derivative)

    def __hash__(self):
        return hash((self.name, tuple(sorted(self.params.items()))))


# name -> (function, derivative, parameter names)
_REGISTRY = {
    "sigmoid": (sigmoid, sigmoid_derivative, ("offset",)),
    "tanh": (tanh, tanh_derivative, ()),
    "relu": (relu, relu_derivative, ()),
    "leaky_relu": (leaky_relu, leaky_relu_derivative, ("slope",)),
    "softplus": (softplus, softplus_derivative, ("beta",)),
    "elu": (elu, elu_derivative, ("alpha",)),
    "selu": (selu, selu_derivative, ()),
    "gelu": (gelu, gelu_derivative, ()),
    "silu": (silu, silu_derivative, ()),
}


def available():
    """Names accepted by :func:`get` (and by every ``activation=`` argument), in course order."""
    return tuple(_REGISTRY)


def get(name, **params):
    """Return the :class:`Activation` called ``name``, e.g. ``get("leaky_relu", slope=0.1)``.

    Parameters are checked now, so a bad value fails here rather than during training.
    """
    check_choice("activation", name, available())
    function, derivative, allowed = _REGISTRY[name]
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        hint = ", ".join(allowed) if allowed else "none"
        raise TypeError(f"activation {name!r} has no parameter {unknown[0]!r}; its parameters: {hint}")
    function(0.0, **params)  # validates the parameter values with the function's own checks
    return Activation(name, function, derivative, **params)


def as_activation(activation, argument="activation"):
    """Accept a registry name or an :class:`Activation` and return an :class:`Activation`."""
    if isinstance(activation, Activation):
        return activation
    if isinstance(activation, str):
        return get(activation)
    raise TypeError(f"{argument} must be an activation name (one of {', '.join(map(repr, available()))}) "
                    f"or an Activation, got {type(activation).__name__}")
