"""Activation functions and their derivatives, computed in numerically stable forms.

Every function takes ``z`` (a scalar, list or array of any shape) and returns values of the same
shape. float32 and float64 inputs keep their dtype (float32 is computed in float64 and rounded
once, so it is accurate to the last float32 bit); ints, bools and Python numbers are computed in
float64; a 0-d input gives a numpy scalar. No overflow warning is raised for any finite ``z``
(formulas never take ``exp`` of a large positive number) and the limits at ``+-inf`` are returned
where they exist. Values are within a few units in the last place of the exact result for every
``z`` in [-1e3, 1e3], including the subnormal tails and the zeros of the GELU and SiLU derivatives
(tests/test_activations.py checks this against 50-digit mpmath values).

Use a function directly (``sigmoid(z, offset=2.0)``) or get an :class:`Activation` object by name,
which bundles a function with its derivative: ``act = get("elu", alpha=1.0); act(z); act.derivative(z)``.
"""

import functools
import math

import numpy as np
from scipy import special

from ._validation import as_float_array, check_choice, check_real

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_SQRT_HALF_PI = math.sqrt(math.pi / 2.0)
_INV_SQRT_2 = 1.0 / math.sqrt(2.0)

# Zeros of the GELU and SiLU derivatives, as double-double (hi + lo), and the Taylor coefficients
# c_k = f^(k)(z0) / k! (k = 1..30) of GELU's derivative f = Phi + z * phi about its zero; computed
# with mpmath at 60 digits. Near a zero, Phi(z) + z * phi(z) cancels catastrophically, so the
# relative error of the plain formula grows without bound there; the series in t = z - z0 does not.
_GELU_D_ZERO = (-0.7517915246935645, 1.4956759177009883e-17)
_GELU_D_TAYLOR = (
    0.4314939923140469,
    0.388284982990552,
    -0.018199676398671087,
    -0.1140082332972217,
    -0.014771522148244337,
    0.019421679838189067,
    0.004539228379125415,
    -0.002239538068073497,
    -0.0007448268386746817,
    0.00018633974623233514,
    8.615947861116571e-05,
    -1.121438018842664e-05,
    -7.74846130700372e-06,
    4.3284506257392273e-07,
    5.702764979242107e-07,
    -1.6044265494246427e-09,
    -3.5459866461783865e-08,
    -1.396942086426202e-09,
    1.90319840501314e-09,
    1.4506418938779426e-10,
    -8.950037692726255e-11,
    -9.950340824808053e-12,
    3.725967039270119e-12,
    5.482292964742324e-13,
    -1.3820118240601056e-13,
    -2.5871508475507507e-14,
    4.578167824271334e-15,
    1.0789662518230159e-15,
    -1.3507094681149317e-16,
    -4.0514385281601486e-17,
)
_GELU_D_WINDOW = (-1.5, -0.45)  # -0.75 <= t <= 0.3 here: the series' truncation error is below 1e-20
# SiLU: 1 + z + e^z = 0 at z0 = -1 - W(1/e), and e^z0 = W(1/e) (W = Lambert W)
_SILU_D_ZERO = (-1.2784645427610737, -1.0946994183093437e-16)
_SILU_D_EXP_ZERO = 0.2784645427610738


def _prepare(z):
    return as_float_array("z", z)


def _float32_via_float64(function):
    """Run ``function`` in float64 for float32 input and round the result to float32 once."""

    @functools.wraps(function)
    def wrapper(z, *args, **kwargs):
        z = _prepare(z)
        if z.dtype == np.float32:
            return _finish(np.asarray(function(z.astype(np.float64), *args, **kwargs)).astype(np.float32))
        return function(z, *args, **kwargs)

    return wrapper


_LN2_HI = 6.93147180369123816490e-01  # ln 2 split as in fdlibm: n * _LN2_HI is exact for |n| < 2**20
_LN2_LO = 1.90821492927058770002e-10


def _exp_times(x, factor):
    """factor * exp(x) for x <= 0, rounded once even when the result is subnormal.

    Multiplying an already rounded subnormal exp(x) by a large factor (as in z * sigmoid(z) at
    z = -720) would magnify its rounding error; here x = n ln2 + r (Cody-Waite reduction), the
    product factor * exp(r) is formed at full precision and ldexp scales it by 2**n in one rounding.
    """
    value = factor * np.exp(x)
    if not _any_below(x, _SUBNORMAL_EXP):
        return value
    factor = np.broadcast_to(factor, np.shape(value))
    x = np.broadcast_to(x, np.shape(value))
    return _replace(value, x < _SUBNORMAL_EXP, _exp_times_reduced, x, factor)


_SUBNORMAL_EXP = -700.0  # exp(x) is near or below the smallest normal float64 (2.2e-308) for x < -708
_EXP_UNDERFLOW = -746.0  # exp(x) is exactly 0 in float64 below x = -745.2


def _exp_times_reduced(x, factor):
    x = np.maximum(x, -1e6)  # exp is exactly 0 far beyond this anyway; keeps n an exact small int
    n = np.round(x / _LN2_HI)
    r = (x - n * _LN2_HI) - n * _LN2_LO
    return np.ldexp(factor * np.exp(r), n.astype(np.int64))


def _any_below(x, threshold):
    """True if some entry of ``x`` is below ``threshold`` (a reduction: no temporary array; NaN ignored)."""
    return np.size(x) > 0 and np.fmin.reduce(np.ravel(x)) < threshold


def _replace(value, mask, function, *args):
    """``value`` with the entries under ``mask`` replaced by ``function(*(a[mask] for a in args))``.

    The function only runs on the (usually few) masked entries, so rare special cases cost nothing.
    """
    if not np.any(mask):
        return value
    value = np.array(value, dtype=np.float64)
    value[mask] = function(*(np.asarray(a)[mask] for a in args))
    return value


def _expit(u):
    """sigma(u) without overflow and with full relative accuracy down to the subnormal range.

    scipy's expit returns 0 once exp(-u) overflows (u < -709.8), although sigma(u) = exp(u) is
    still a representable subnormal number there; e / (1 + e) with e = exp(u) keeps it.
    """
    value = special.expit(u)
    if not _any_below(u, _SUBNORMAL_EXP):
        return value
    # below u = -746 exp(u) underflows to 0, which expit already returns: only (-746, -700) needs the slow path
    return _replace(value, (u < _SUBNORMAL_EXP) & (u > _EXP_UNDERFLOW), lambda u: np.exp(u) / (1 + np.exp(u)), u)


def _expit_derivative(u):
    """sigma(u) * sigma(-u) = e / (1 + e)**2 with e = exp(-|u|): symmetric, no 1 - sigma cancellation."""
    x = -np.abs(u)
    e = np.exp(x)
    return e / (1 + e * (2 + e))  # (1 + e)**2 expanded: smaller rounding error; exact for subnormal e


def _finish(out):
    return out[()] if out.ndim == 0 else out


def _tail_safe(z, low=-1e4, high=None):
    """z clipped to where the factor it multiplies is already exactly 0 (avoids inf * 0 = NaN at +-inf)."""
    return np.clip(z, z.dtype.type(low), None if high is None else z.dtype.type(high))


def _param(z, name, value, **bounds):
    """Check a parameter and return it in ``z``'s dtype (so float32 stays float32)."""
    return z.dtype.type(check_real(name, value, **bounds))


# --- the functions -------------------------------------------------------------------------------


@_float32_via_float64
def sigmoid(z, offset=0.0):
    """Logistic sigmoid sigma(z - offset) = 1 / (1 + exp(-(z - offset))).

    ``offset`` shifts the curve right: it is the input where the output is exactly 1/2 and the
    slope is steepest (1/4), not where the output is 0 (a sigmoid never reaches 0).
    """
    z = _prepare(z)
    return _finish(_expit(z - _param(z, "offset", offset)))


@_float32_via_float64
def sigmoid_derivative(z, offset=0.0):
    """d sigma(z - offset)/dz = sigma(u) * sigma(-u) with u = z - offset (no 1 - sigma cancellation)."""
    z = _prepare(z)
    return _finish(_expit_derivative(z - _param(z, "offset", offset)))


def _sigmoid_kernel(offset=0.0):
    """Training kernel of ``sigmoid(z, offset)``: fills A = sigma(z - offset) and G = A (1 - A).

    Written with tanh, sigma(u) = (1 + tanh(u / 2)) / 2, a faster ufunc than exp and free of overflow.
    """
    half_offset = 0.5 * float(offset)

    def kernel(Z, A, G, T):
        np.multiply(Z, 0.5, out=T)
        if half_offset:
            np.subtract(T, half_offset, out=T)
        np.tanh(T, out=T)
        np.multiply(T, 0.5, out=A)
        np.add(A, 0.5, out=A)
        np.subtract(1.0, A, out=G)
        np.multiply(G, A, out=G)

    return kernel


@_float32_via_float64
def tanh(z):
    """Hyperbolic tangent, tanh(z) = 2 * sigmoid(2z) - 1."""
    return _finish(np.tanh(_prepare(z)))


@_float32_via_float64
def tanh_derivative(z):
    """1 - tanh(z)**2, computed as 4e / (1 + e)**2 with e = exp(-2|z|) to stay accurate for large |z|."""
    z = _prepare(z)
    e = np.exp(-2 * np.abs(z))
    value = 4 * e / (1 + e * (2 + e))  # (1 + e)**2 written so that its rounding error is smaller
    if np.size(z) > 0 and (
        np.fmin.reduce(np.ravel(z)) < _SUBNORMAL_EXP / 2 or np.fmax.reduce(np.ravel(z)) > -_SUBNORMAL_EXP / 2
    ):
        # e is subnormal for |z| > 354: scale 4 * exp(x) in one rounding instead of multiplying a rounded e
        x = -2 * np.abs(z)
        value = _replace(value, x < _SUBNORMAL_EXP, lambda x: _exp_times_reduced(x, 4.0), x)
    return _finish(value)


def _tanh_kernel():
    """Training kernel of ``tanh``: fills A = tanh(z) and G = 1 - A**2."""

    def kernel(Z, A, G, T):
        np.tanh(Z, out=A)
        np.multiply(A, A, out=G)
        np.subtract(1.0, G, out=G)

    return kernel


@_float32_via_float64
def relu(z):
    """Rectified linear unit max(0, z)."""
    z = _prepare(z)
    return _finish(np.maximum(z, z.dtype.type(0)))


@_float32_via_float64
def relu_derivative(z):
    """1 where z > 0, else 0 (the convention at z = 0 is 0, as in most libraries)."""
    z = _prepare(z)
    return _finish((z > 0).astype(z.dtype))


def _relu_kernel():
    """Training kernel of ``relu``: fills G = 1 where z > 0, else 0, and A = z G (= max(z, 0); -0.0 for z < 0)."""

    def kernel(Z, A, G, T):
        np.copyto(G, np.greater(Z, 0.0))  # a bool mask, then 0/1 floats: faster than np.greater into floats
        np.multiply(Z, G, out=A)  # faster than np.maximum(Z, 0)

    return kernel


@_float32_via_float64
def leaky_relu(z, slope=0.01):
    """z for z > 0, slope * z otherwise; ``slope`` in [0, 1] (0 gives ReLU, 1 the identity)."""
    z = _prepare(z)
    slope = _param(z, "slope", slope, low=0.0, high=1.0)
    if slope == 0:  # slope * -inf would be NaN; the limit is ReLU's 0
        return relu(z)
    return _finish(np.where(z > 0, z, slope * z))


@_float32_via_float64
def leaky_relu_derivative(z, slope=0.01):
    """1 where z > 0, else ``slope`` (so ``slope`` at z = 0)."""
    z = _prepare(z)
    slope = _param(z, "slope", slope, low=0.0, high=1.0)
    return _finish(np.where(z > 0, z.dtype.type(1), slope))


def _leaky_relu_kernel(slope=0.01):
    """Training kernel of ``leaky_relu(z, slope)``: G = 1 or slope, exactly, and A = z G."""
    slope = float(slope)

    def kernel(Z, A, G, T):
        np.copyto(G, np.greater(Z, 0.0))  # mask m (0/1): G = m + slope (1 - m) is exactly 1 or slope
        np.subtract(1.0, G, out=T)
        np.multiply(T, slope, out=T)
        np.add(G, T, out=G)
        np.multiply(Z, G, out=A)

    return kernel


@_float32_via_float64
def softplus(z, beta=1.0):
    """Softplus log(1 + exp(beta * z)) / beta, a smooth ReLU; ``beta`` > 0 sets its sharpness.

    Computed as (max(x, 0) + log1p(exp(-|x|))) / beta with x = beta * z, which never overflows
    (np.logaddexp(0, x) is the same formula but warns on NaN input). As beta grows it approaches
    ReLU; the largest gap is log(2) / beta, at z = 0.
    """
    z = _prepare(z)
    beta = _param(z, "beta", beta, low=0.0, low_inclusive=False)
    x = beta * z
    return _finish((np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))) / beta)


@_float32_via_float64
def softplus_derivative(z, beta=1.0):
    """d softplus/dz = sigmoid(beta * z)."""
    z = _prepare(z)
    beta = _param(z, "beta", beta, low=0.0, low_inclusive=False)
    return _finish(_expit(beta * z))


def _softplus_kernel(beta=1.0):
    """Training kernel of ``softplus(z, beta)``: A = max(z, 0) + log1p(e) / beta and G = sigma(beta z).

    Only e = exp(-beta |z|) <= 1 is ever formed; sigma(beta z) = 1 / (1 + e) for z >= 0 and e / (1 + e)
    otherwise, written as max(z >= 0, e) / (1 + e).
    """
    beta = float(beta)

    def kernel(Z, A, G, T):
        np.abs(Z, out=T)
        np.multiply(T, -beta, out=T)
        np.exp(T, out=T)
        np.greater_equal(Z, 0.0, out=G)
        np.maximum(G, T, out=G)
        np.add(T, 1.0, out=A)
        np.divide(G, A, out=G)
        np.log1p(T, out=T)
        if beta != 1.0:
            np.divide(T, beta, out=T)
        np.maximum(Z, 0.0, out=A)
        np.add(A, T, out=A)

    return kernel


@_float32_via_float64
def elu(z, alpha=1.0):
    """Exponential linear unit: z for z > 0, alpha * (exp(z) - 1) for z <= 0; ``alpha`` >= 0.

    The negative branch uses expm1 (accurate near 0) and only ever sees z <= 0, so it cannot overflow.
    """
    z = _prepare(z)
    alpha = _param(z, "alpha", alpha, low=0.0)
    negative = alpha * np.expm1(np.minimum(z, z.dtype.type(0)))
    return _finish(np.where(z > 0, z, negative))


@_float32_via_float64
def elu_derivative(z, alpha=1.0):
    """1 for z > 0, alpha * exp(z) for z <= 0 (so ``alpha`` at z = 0)."""
    z = _prepare(z)
    alpha = _param(z, "alpha", alpha, low=0.0)
    return _finish(np.where(z > 0, z.dtype.type(1), alpha * np.exp(np.minimum(z, z.dtype.type(0)))))


def _elu_kernel(alpha=1.0):
    """Training kernel of ``elu(z, alpha)``: A = max(z, 0) + alpha expm1(min(z, 0)), G = 1 or alpha e^z.

    expm1 on min(z, 0) only, as :func:`elu` does: accurate near 0 and never overflowing. The
    derivative reuses it, alpha (expm1(z) + 1): exact to absolute round-off (1e-16), which is what
    training needs, though not to relative accuracy far left (:func:`elu_derivative` is).
    """
    return _scaled_elu_kernel(1.0, float(alpha))


def _scaled_elu_kernel(scale, alpha):
    """A = scale * elu(z, alpha), G its derivative (scale for z > 0, scale alpha e^z otherwise)."""
    factor = scale * alpha

    def kernel(Z, A, G, T):
        np.minimum(Z, 0.0, out=T)
        np.expm1(T, out=T)
        if factor != 1.0:
            np.multiply(T, factor, out=T)  # scale alpha (e^z - 1) for z <= 0, 0 for z > 0
        np.maximum(Z, 0.0, out=A)
        if scale != 1.0:
            np.multiply(A, scale, out=A)
        np.add(A, T, out=A)
        np.add(T, factor, out=G)  # scale alpha e^z for z <= 0 ...
        if factor != scale:
            np.copyto(G, scale, where=Z > 0)  # ... and scale for z > 0 (with factor == scale: already so)

    return kernel


@_float32_via_float64
def selu(z):
    """Scaled ELU (Klambauer et al., 2017): SELU_SCALE * elu(z, SELU_ALPHA); self-normalising."""
    z = _prepare(z)
    return _finish(z.dtype.type(SELU_SCALE) * elu(z, SELU_ALPHA))


@_float32_via_float64
def selu_derivative(z):
    """SELU_SCALE * elu_derivative(z, SELU_ALPHA)."""
    z = _prepare(z)
    return _finish(z.dtype.type(SELU_SCALE) * elu_derivative(z, SELU_ALPHA))


def _selu_kernel():
    """Training kernel of ``selu``: SELU_SCALE times the ELU kernel with SELU_ALPHA."""
    return _scaled_elu_kernel(SELU_SCALE, SELU_ALPHA)


def _normal_density(z, factor=1.0):
    """factor * exp(-z**2 / 2) / sqrt(2 pi) (standard normal density), accurate to a few ulp.

    z is split as zh + zl with zh a multiple of 1/16, so zh * zh is exact and the rounding error of
    z * z (which exp would magnify by z**2 / 2) never enters the exponent; the large factor
    exp(-zh**2 / 2) is applied last in one rounding (see _exp_times), also in the subnormal range.
    """
    z = np.clip(z, -1e3, 1e3)  # the density is exactly 0 beyond
    zh = np.round(z * 16) / 16
    zl = z - zh
    return _exp_times(-0.5 * zh * zh, (_INV_SQRT_2PI * factor) * np.exp(-0.5 * zl * (z + zh)))


def _mills(z):
    """Phi(z) / phi(z) for z < 0 (Mills' ratio of |z|): sqrt(pi/2) * erfcx(-z / sqrt 2).

    Phi(z) = mills * phi(z) keeps full relative accuracy in the left tail, where scipy's ndtr loses
    up to thousands of ulp (erfc of the rounded -z/sqrt 2) and underflows to 0 below z = -37.5.
    """
    return _SQRT_HALF_PI * special.erfcx(-z * _INV_SQRT_2)


@_float32_via_float64
def gelu(z):
    """Gaussian error linear unit z * Phi(z), exact form (Phi = standard normal CDF).

    Phi(z) = (1 + erf(z / sqrt 2)) / 2 would cancel in the left tail; for z < -1 it is computed as
    phi(z) times Mills' ratio (scipy's erfcx), which keeps full relative accuracy down to subnormals.
    """
    z = _prepare(z)
    zc = _tail_safe(z, low=-1e3)
    value = zc * special.ndtr(zc)
    return _finish(_replace(value, zc < -1, lambda zl: _normal_density(zl, zl * _mills(zl)), zc))


@_float32_via_float64
def gelu_derivative(z):
    """Phi(z) + z * phi(z), with phi the standard normal density.

    Left of z = -1 it is phi(z) * (Mills ratio + z) (no cancellation, no underflow of Phi); around
    its zero at z0 = -0.7518 it is a Taylor series in z - z0, so the relative accuracy holds there too.
    """
    z = _prepare(z)
    zc = _tail_safe(z, low=-1e3, high=1e4)
    value = special.ndtr(zc) + zc * _normal_density(zc)
    value = _replace(value, zc < -1, lambda zl: _normal_density(zl, _mills(zl) + zl), zc)
    low, high = _GELU_D_WINDOW
    return _finish(_replace(value, (zc >= low) & (zc <= high), _gelu_derivative_series, zc))


def _gelu_derivative_series(z):
    """GELU's derivative near its zero, as the Taylor series in t = z - z0 (for z in _GELU_D_WINDOW)."""
    t = (z - _GELU_D_ZERO[0]) - _GELU_D_ZERO[1]  # the first difference is exact (Sterbenz lemma)
    series = np.zeros_like(t)
    for c in reversed(_GELU_D_TAYLOR):
        series = (series + c) * t
    return series


def _gelu_kernel():
    """Training kernel of ``gelu``: A = z Phi(z), G = Phi(z) + z phi(z) (scipy's ndtr for Phi)."""

    def kernel(Z, A, G, T):
        special.ndtr(Z, out=G)
        np.multiply(Z, G, out=A)
        np.multiply(Z, Z, out=T)
        np.multiply(T, -0.5, out=T)
        np.exp(T, out=T)
        np.multiply(T, Z, out=T)
        np.multiply(T, _INV_SQRT_2PI, out=T)
        np.add(G, T, out=G)

    return kernel


@_float32_via_float64
def silu(z):
    """Sigmoid linear unit (swish with beta = 1): z * sigmoid(z)."""
    z = _prepare(z)
    zc = _tail_safe(z)
    value = zc * special.expit(zc)
    # far left: z * e^z / (1 + e^z) with e^z applied last, so the subnormal result is rounded once
    if _any_below(zc, _SUBNORMAL_EXP):
        value = _replace(value, zc < _SUBNORMAL_EXP, lambda zn: _exp_times(zn, zn / (1 + np.exp(zn))), zc)
    return _finish(value)


@_float32_via_float64
def silu_derivative(z):
    """sigmoid(z) * (1 + z * sigmoid(-z)).

    For z <= 0 this equals sigmoid'(z) * (1 + z + e^z), and with t = z - z0 measured from the zero
    z0 = -1.2785 of 1 + z + e^z, that factor is exactly t + e^z0 * expm1(t): two terms of the same
    sign, so the result keeps full relative accuracy even next to the derivative's zero.
    """
    z = _prepare(z)
    zc = _tail_safe(z, high=1e4)
    value = special.expit(zc) * (1 + zc * special.expit(-zc))  # no cancellation for z > 0
    return _finish(_replace(value, zc <= 0, _silu_derivative_left, zc))


def _silu_derivative_left(z):
    """silu'(z) for z <= 0 as e^z / (1 + e^z)**2 * (t + e^z0 * expm1(t)), t = z - z0 (see silu_derivative)."""
    t = (z - _SILU_D_ZERO[0]) - _SILU_D_ZERO[1]  # exact first difference for z in [2 z0, z0 / 2]
    return _exp_times(z, (t + _SILU_D_EXP_ZERO * np.expm1(t)) / (1 + np.exp(z)) ** 2)


def _silu_kernel():
    """Training kernel of ``silu``: with s = sigma(z) (written with tanh), A = z s and G = s + A (1 - s)."""

    def kernel(Z, A, G, T):
        np.multiply(Z, 0.5, out=T)
        np.tanh(T, out=T)
        np.multiply(T, 0.5, out=T)
        np.add(T, 0.5, out=T)
        np.multiply(Z, T, out=A)
        np.subtract(1.0, T, out=G)
        np.multiply(G, A, out=G)
        np.add(G, T, out=G)

    return kernel


@_float32_via_float64
def sum_of_sigmoids(z, offsets, weights=None):
    """Sum over k of weights[k] * sigmoid(z - offsets[k]) for every z; result has z's shape.

    ``offsets`` is a 1-D sequence of finite numbers (at least one). ``weights`` is None (every
    weight 1: the plain sum), a 1-D sequence of finite numbers, one per offset, or ``"trapezoid"``:
    the trapezoid-rule weights of the (increasing) offsets, half the gap to each neighbour.

    Multiplied by the spacing D of evenly spaced offsets a0..b, the plain sum is a Riemann sum of
    the integral of sigmoid(z - a) over a from a0 to b, i.e. of softplus(z - a0) - softplus(z - b);
    its error is first order in D (about D/2 * (sigmoid(z - a0) + sigmoid(z - b))). The trapezoid
    weights make the error second order.
    """
    z = _prepare(z)
    offsets = as_float_array("offsets", offsets, allow_nonfinite=False, ndim=1)
    if offsets.size == 0:
        raise ValueError("offsets must contain at least one offset, got an empty sequence")
    offsets = offsets.astype(np.float64, copy=False)
    terms = _expit(z[..., np.newaxis] - offsets)
    if weights is None:
        return _finish(terms.sum(axis=-1))
    if isinstance(weights, str):
        check_choice("weights", weights, ("trapezoid",))
        gaps = np.diff(offsets)
        if offsets.size < 2:
            raise ValueError(f"weights='trapezoid' needs at least two offsets, got {offsets.size}")
        if np.any(gaps <= 0):
            raise ValueError(
                "weights='trapezoid' needs strictly increasing offsets, got a step of "
                f"{gaps.min():g} between neighbours"
            )
        weights = np.concatenate([gaps, [0.0]]) / 2 + np.concatenate([[0.0], gaps]) / 2
    else:
        weights = as_float_array("weights", weights, allow_nonfinite=False, ndim=1)
        if weights.shape != offsets.shape:
            raise ValueError(f"weights must have one entry per offset ({offsets.size}), got {weights.size}")
    return _finish((terms * weights.astype(np.float64, copy=False)).sum(axis=-1))


# --- Activation objects and the registry ---------------------------------------------------------
# A training kernel is what the training engine (course_utils.engine) calls once per iteration on the
# hidden pre-activations: ``kernel(Z, A, G, T)`` fills ``A = g(Z)`` and ``G = g'(Z)`` in place. Z, A, G
# and T are float arrays of one shape and dtype (float64 or float32); Z is only read, T is scratch
# space. Kernels use a few fast in-place ufuncs: they agree with the reference functions above to
# float round-off (tests/test_activations.py checks it), without their care in the extreme tails.


def generic_kernel(function, derivative):
    """The training kernel of any pair of callables: A = function(Z), G = derivative(Z)."""
    for name, value in (("function", function), ("derivative", derivative)):
        if not callable(value):
            raise TypeError(f"{name} must be callable (z -> array), got {type(value).__name__}")

    def kernel(Z, A, G, T):
        A[...] = function(Z)
        G[...] = derivative(Z)

    return kernel


#: The fixed grid of z on which two activations with the same name are compared (see Activation.difference).
PROBE_Z = np.linspace(-6.0, 6.0, 49)


def _rebuild_activation(name, function, derivative, params):
    return Activation(name, function, derivative, **params)


class Activation:
    """An activation function bundled with its derivative.

    ``act(z)`` gives the values, ``act.derivative(z)`` gives dA/dZ at the same points and
    ``act.name`` names it. Build one from the registry with :func:`get`, or directly from any two
    callables, e.g. a deliberately wrong derivative for a gradient-check lesson::

        wrong = Activation("sigmoid (buggy)", sigmoid, lambda z: sigmoid_derivative(sigmoid(z)))

    Any Activation works wherever an activation is accepted (training, gradient checks, comparisons,
    plots, the playground). ``act.kernel()`` is what training calls: the built-in's fast kernel when
    ``act`` is a built-in (its own function and derivative), otherwise :func:`generic_kernel`.
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
        self._outputs_checked = False

    def __call__(self, z):
        return self._function(z, **self.params)

    def derivative(self, z):
        """dA/dZ evaluated at ``z`` (same shape as ``z``)."""
        return self._derivative(z, **self.params)

    def _builtin(self):
        """The registry entry whose function and derivative this is, or None."""
        entry = _REGISTRY.get(self.name)
        if entry is not None and entry.function is self._function and entry.derivative is self._derivative:
            return entry
        return None

    def kernel(self):
        """The training kernel ``kernel(Z, A, G, T)`` (see the note above :func:`generic_kernel`)."""
        entry = self._builtin()
        if entry is not None:
            return entry.kernel(**self.params)
        return generic_kernel(self, self.derivative)

    @property
    def label(self):
        """The name to show in figures and text: the math name of a built-in ("σ", "leaky ReLU"), else ``name``."""
        entry = self._builtin()
        if entry is None:
            return self.name
        params = ", ".join(f"{_SYMBOLS.get(key, key)} = {value:g}" for key, value in self.params.items())
        return f"{entry.label} ({params})" if params else entry.label

    @property
    def relative_cost(self):
        """Rough time per element of the kernel, relative to tanh's (used to share work between processes)."""
        entry = self._builtin()
        return entry.relative_cost if entry is not None else 4.0

    def same_function(self, other):
        """True if ``other`` computes the same values: the same function with the same parameters.

        The derivative does not count (a network trained with a wrong derivative still predicts
        with its function). A built-in's parameters count with their defaults filled in. An
        Activation built again from new callables (its notebook cell re-run) counts as the same when
        it has the same name and gives identical values on a fixed grid of z (:data:`PROBE_Z`).
        """
        return isinstance(other, Activation) and self.difference(other) is None

    def difference(self, other):
        """How ``other`` differs from this activation as a function, in words, or None if it does not.

        Used in error messages: "another function (ReLU, not tanh)", "another parameter value
        (slope = 0.1, not 0.01)", or the first probe point where two same-named activations disagree.
        """
        if self._function is other._function:
            mine, theirs = self._full_params(), other._full_params()
            if mine == theirs:
                return None
            changed = [key for key in sorted(set(mine) | set(theirs)) if mine.get(key) != theirs.get(key)]
            shown = ", ".join(f"{key}={theirs.get(key)!r}" for key in changed)
            wanted = ", ".join(f"{key}={mine.get(key)!r}" for key in changed)
            return f"another parameter value ({shown}, not {wanted})"
        if self.name != other.name:
            return f"another function ({other.label}, not {self.label})"
        with np.errstate(all="ignore"):
            try:
                mine, theirs = np.asarray(self(PROBE_Z), dtype=float), np.asarray(other(PROBE_Z), dtype=float)
            except Exception as error:  # noqa: BLE001 - a learner's function that fails is simply different
                return f"another function under the same name (it raised {type(error).__name__} on the probe grid)"
        if mine.shape == theirs.shape and np.array_equal(mine, theirs, equal_nan=True):
            return None
        if mine.shape != theirs.shape:
            return f"another function under the same name {self.name!r} (shape {theirs.shape}, not {mine.shape})"
        k = int(np.flatnonzero(~((mine == theirs) | (np.isnan(mine) & np.isnan(theirs))))[0])
        return (
            f"another function under the same name {self.name!r}: at z = {PROBE_Z[k]:g} it gives {theirs[k]:.6g}, "
            f"the trained one {mine[k]:.6g} (was its cell changed and re-run?)"
        )

    def check_outputs(self):
        """Check once that the function and derivative return finite real arrays of z's shape; returns self.

        Training, gradient checks, the estimator and the playground call this before they start, so
        a learner's function that is not elementwise (``np.max(z, 0)`` instead of ``np.maximum(z, 0)``)
        fails with a message naming it, instead of training on wrong numbers or failing deep inside.
        """
        if self._outputs_checked:
            return self
        z = PROBE_Z[1:].reshape(4, 12)
        for role, function in (("function", self), ("derivative", self.derivative)):
            where = f"activation {self.name!r}: its {role}"
            try:
                with np.errstate(all="ignore"):
                    out = function(z.copy())
            except Exception as error:
                raise ValueError(
                    f"{where} raised {type(error).__name__} ({error}) on an array z of shape {z.shape}; "
                    "it must take a numpy array and work elementwise"
                ) from error
            out = np.asarray(out)
            if out.shape != z.shape:
                raise ValueError(
                    f"{where} returned shape {out.shape} for z of shape {z.shape}; it must work elementwise and "
                    "return an array of z's shape (e.g. np.maximum(z, 0), not np.max(z, 0))"
                )
            if out.dtype.kind not in "fiub":
                raise TypeError(f"{where} returned {out.dtype} values; it must return real numbers")
            if not np.all(np.isfinite(out)):
                bad = z[~np.isfinite(out)][0]
                raise ValueError(f"{where} returned a non-finite value at z = {bad:g}; it must be finite for finite z")
        self._outputs_checked = True
        return self

    def __reduce__(self):
        for role, function in (("function", self._function), ("derivative", self._derivative)):
            where = getattr(function, "__qualname__", "")
            if "<lambda>" in where or "<locals>" in where:
                raise TypeError(
                    f"Activation {self.name!r} cannot be pickled: its {role} is a lambda or a function defined "
                    "inside another one, which pickle cannot store. Define it with def in a module you import, or "
                    "save only the weights (params.save(path)) and pass activation= to Parameters.load(path, ...)"
                )
        return (_rebuild_activation, (self.name, self._function, self._derivative, self.params))

    def _full_params(self):
        """The parameters with a built-in function's defaults filled in (found by the function alone)."""
        entry = next((e for e in _REGISTRY.values() if e.function is self._function), None)
        return {**(entry.defaults if entry is not None else {}), **self.params}

    def __repr__(self):
        params = "".join(f", {key}={value!r}" for key, value in self.params.items())
        return f"Activation({self.name!r}{params})"

    def __eq__(self, other):
        if not isinstance(other, Activation):
            return NotImplemented
        return (self.name, self.params, self._function, self._derivative) == (
            other.name,
            other.params,
            other._function,
            other._derivative,
        )

    def __hash__(self):
        return hash((self.name, tuple(sorted(self.params.items()))))


class _BuiltIn:
    """A registry entry: display label, function, derivative, kernel factory, parameter defaults, relative cost."""

    def __init__(self, label, function, derivative, kernel, defaults, relative_cost):
        self.label, self.function, self.derivative, self.kernel = label, function, derivative, kernel
        self.defaults = dict(defaults)
        self.relative_cost = relative_cost


# The one list of built-in activations, in course order. Adding one: see CONTRIBUTING.md.
_REGISTRY = {
    "sigmoid": _BuiltIn("σ", sigmoid, sigmoid_derivative, _sigmoid_kernel, {"offset": 0.0}, 1.2),
    "tanh": _BuiltIn("tanh", tanh, tanh_derivative, _tanh_kernel, {}, 1.0),
    "relu": _BuiltIn("ReLU", relu, relu_derivative, _relu_kernel, {}, 0.5),
    "leaky_relu": _BuiltIn("leaky ReLU", leaky_relu, leaky_relu_derivative, _leaky_relu_kernel, {"slope": 0.01}, 0.8),
    "softplus": _BuiltIn("softplus", softplus, softplus_derivative, _softplus_kernel, {"beta": 1.0}, 1.8),
    "elu": _BuiltIn("ELU", elu, elu_derivative, _elu_kernel, {"alpha": 1.0}, 1.2),
    "selu": _BuiltIn("SELU", selu, selu_derivative, _selu_kernel, {}, 1.4),
    "gelu": _BuiltIn("GELU", gelu, gelu_derivative, _gelu_kernel, {}, 3.0),
    "silu": _BuiltIn("SiLU", silu, silu_derivative, _silu_kernel, {}, 1.3),
}


#: How the course writes the built-ins' parameters (the notation table of notebook 01).
_SYMBOLS = {"offset": "a", "slope": "s", "beta": "β", "alpha": "α"}


def available():
    """Names accepted by :func:`get` (and by every ``activation=`` argument), in course order."""
    return tuple(_REGISTRY)


def get(name, **params):
    """Return the :class:`Activation` called ``name``, e.g. ``get("leaky_relu", slope=0.1)``.

    Parameters are checked now, so a bad value fails here rather than during training.
    """
    check_choice("activation", name, available())
    entry = _REGISTRY[name]
    unknown = sorted(set(params) - set(entry.defaults))
    if unknown:
        hint = ", ".join(entry.defaults) if entry.defaults else "none"
        raise TypeError(f"activation {name!r} has no parameter {unknown[0]!r}; its parameters: {hint}")
    entry.function(0.0, **params)  # validates the parameter values with the function's own checks
    return Activation(name, entry.function, entry.derivative, **params)


def as_activation(activation, argument="activation"):
    """Accept a registry name or an :class:`Activation` and return an :class:`Activation`."""
    if isinstance(activation, Activation):
        return activation
    if isinstance(activation, str):
        if argument != "activation" and activation not in _REGISTRY:  # name the argument it came from
            raise ValueError(
                f"unknown activation {activation!r} in {argument}; available: {', '.join(map(repr, available()))}"
            )
        return get(activation)
    hint = (
        ": to use your own function, wrap it with its derivative, Activation('my name', function, derivative)"
        if callable(activation)
        else ""
    )
    raise TypeError(
        f"{argument} must be an activation name (one of {', '.join(map(repr, available()))}) "
        f"or an Activation, got {type(activation).__name__}{hint}"
    )
