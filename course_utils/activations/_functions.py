"""The built-in activations' functions, derivatives and training kernels, and the parameters they take.

Every function takes ``z`` (a scalar, list or array of any shape) and returns values of the same
shape. float32 and float64 inputs keep their dtype (float32 is computed in float64 and rounded
once, so it is accurate to the last float32 bit); ints, bools and Python numbers are computed in
float64; a 0-d input gives a numpy scalar. No overflow warning is raised for any finite ``z``
(formulas never take ``exp`` of a large positive number) and the limits at ``+-inf`` are returned
where they exist. Values are within a few units in the last place of the exact result for every
``z`` in [-1e3, 1e3], including the subnormal tails and the zeros of the GELU and SiLU derivatives
(tests/test_activations.py checks this against 50-digit mpmath values).

Each activation is three neighbours: ``name(z, **params)``, ``name_derivative(z, **params)`` and the
kernel factory ``name_kernel(**params)``; a parameter is a :class:`~._declaration.Param` declared once
above its first use, which gives the default and checks the value. The registry (``_registry.py``)
bundles them into one declaration per activation.
"""

import numpy as np
from scipy import special

from .._validation import as_float_array, check_choice
from ._declaration import Param
from ._numerics import (
    INV_SQRT_2PI,
    SUBNORMAL_EXP,
    any_below,
    exp_times,
    exp_times_reduced,
    expit,
    expit_derivative,
    finish,
    float32_via_float64,
    mills,
    normal_density,
    prepare,
    replace,
    tail_safe,
)

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946

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


OFFSET = Param(name="offset", default=0.0, symbol="a", test_values=(1.5, -4.0))


@float32_via_float64
def sigmoid(z, offset=OFFSET.default):
    """Logistic sigmoid sigma(z - offset) = 1 / (1 + exp(-(z - offset))).

    ``offset`` shifts the curve right: it is the input where the output is exactly 1/2 and the
    slope is steepest (1/4), not where the output is 0 (a sigmoid never reaches 0).
    """
    z = prepare(z)
    return finish(expit(z - OFFSET.check(offset, like=z)))


@float32_via_float64
def sigmoid_derivative(z, offset=OFFSET.default):
    """d sigma(z - offset)/dz = sigma(u) * sigma(-u) with u = z - offset (no 1 - sigma cancellation)."""
    z = prepare(z)
    return finish(expit_derivative(z - OFFSET.check(offset, like=z)))


def sigmoid_kernel(offset=OFFSET.default):
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


@float32_via_float64
def tanh(z):
    """Hyperbolic tangent, tanh(z) = 2 * sigmoid(2z) - 1."""
    return finish(np.tanh(prepare(z)))


@float32_via_float64
def tanh_derivative(z):
    """1 - tanh(z)**2, computed as 4e / (1 + e)**2 with e = exp(-2|z|) to stay accurate for large |z|."""
    z = prepare(z)
    e = np.exp(-2 * np.abs(z))
    value = 4 * e / (1 + e * (2 + e))  # (1 + e)**2 written so that its rounding error is smaller
    if np.size(z) > 0 and (
        np.fmin.reduce(np.ravel(z)) < SUBNORMAL_EXP / 2 or np.fmax.reduce(np.ravel(z)) > -SUBNORMAL_EXP / 2
    ):
        # e is subnormal for |z| > 354: scale 4 * exp(x) in one rounding instead of multiplying a rounded e
        x = -2 * np.abs(z)
        value = replace(value, x < SUBNORMAL_EXP, lambda x: exp_times_reduced(x, 4.0), x)
    return finish(value)


def tanh_kernel():
    """Training kernel of ``tanh``: fills A = tanh(z) and G = 1 - A**2."""

    def kernel(Z, A, G, T):
        np.tanh(Z, out=A)
        np.multiply(A, A, out=G)
        np.subtract(1.0, G, out=G)

    return kernel


@float32_via_float64
def relu(z):
    """Rectified linear unit max(0, z)."""
    z = prepare(z)
    return finish(np.maximum(z, z.dtype.type(0)))


@float32_via_float64
def relu_derivative(z):
    """1 where z > 0, else 0 (the convention at z = 0 is 0, as in most libraries)."""
    z = prepare(z)
    return finish((z > 0).astype(z.dtype))


def relu_kernel():
    """Training kernel of ``relu``: fills G = 1 where z > 0, else 0, and A = z G (= max(z, 0); -0.0 for z < 0)."""

    def kernel(Z, A, G, T):
        np.copyto(G, np.greater(Z, 0.0))  # a bool mask, then 0/1 floats: faster than np.greater into floats
        np.multiply(Z, G, out=A)  # faster than np.maximum(Z, 0)

    return kernel


SLOPE = Param(name="slope", default=0.01, symbol="s", low=0.0, high=1.0, test_values=(0.0, 0.3, 1.0))


@float32_via_float64
def leaky_relu(z, slope=SLOPE.default):
    """z for z > 0, slope * z otherwise; ``slope`` in [0, 1] (0 gives ReLU, 1 the identity)."""
    z = prepare(z)
    slope = SLOPE.check(slope, like=z)
    if slope == 0:  # slope * -inf would be NaN; the limit is ReLU's 0
        return relu(z)
    return finish(np.where(z > 0, z, slope * z))


@float32_via_float64
def leaky_relu_derivative(z, slope=SLOPE.default):
    """1 where z > 0, else ``slope`` (so ``slope`` at z = 0)."""
    z = prepare(z)
    slope = SLOPE.check(slope, like=z)
    return finish(np.where(z > 0, z.dtype.type(1), slope))


def leaky_relu_kernel(slope=SLOPE.default):
    """Training kernel of ``leaky_relu(z, slope)``: G = 1 or slope, exactly, and A = z G."""
    slope = float(slope)

    def kernel(Z, A, G, T):
        np.copyto(G, np.greater(Z, 0.0))  # mask m (0/1): G = m + slope (1 - m) is exactly 1 or slope
        np.subtract(1.0, G, out=T)
        np.multiply(T, slope, out=T)
        np.add(G, T, out=G)
        np.multiply(Z, G, out=A)

    return kernel


BETA = Param(name="beta", default=1.0, symbol="β", low=0.0, low_inclusive=False, test_values=(0.25, 3.0))


@float32_via_float64
def softplus(z, beta=BETA.default):
    """Softplus log(1 + exp(beta * z)) / beta, a smooth ReLU; ``beta`` > 0 sets its sharpness.

    Computed as (max(x, 0) + log1p(exp(-|x|))) / beta with x = beta * z, which never overflows
    (np.logaddexp(0, x) is the same formula but warns on NaN input). As beta grows it approaches
    ReLU; the largest gap is log(2) / beta, at z = 0.
    """
    z = prepare(z)
    beta = BETA.check(beta, like=z)
    x = beta * z
    return finish((np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))) / beta)


@float32_via_float64
def softplus_derivative(z, beta=BETA.default):
    """d softplus/dz = sigmoid(beta * z)."""
    z = prepare(z)
    beta = BETA.check(beta, like=z)
    return finish(expit(beta * z))


def softplus_kernel(beta=BETA.default):
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


ALPHA = Param(name="alpha", default=1.0, symbol="α", low=0.0, test_values=(0.0, 0.5, 2.5))


@float32_via_float64
def elu(z, alpha=ALPHA.default):
    """Exponential linear unit: z for z > 0, alpha * (exp(z) - 1) for z <= 0; ``alpha`` >= 0.

    The negative branch uses expm1 (accurate near 0) and only ever sees z <= 0, so it cannot overflow.
    """
    z = prepare(z)
    alpha = ALPHA.check(alpha, like=z)
    negative = alpha * np.expm1(np.minimum(z, z.dtype.type(0)))
    return finish(np.where(z > 0, z, negative))


@float32_via_float64
def elu_derivative(z, alpha=ALPHA.default):
    """1 for z > 0, alpha * exp(z) for z <= 0 (so ``alpha`` at z = 0)."""
    z = prepare(z)
    alpha = ALPHA.check(alpha, like=z)
    return finish(np.where(z > 0, z.dtype.type(1), alpha * np.exp(np.minimum(z, z.dtype.type(0)))))


def elu_kernel(alpha=ALPHA.default):
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


@float32_via_float64
def selu(z):
    """Scaled ELU (Klambauer et al., 2017): SELU_SCALE * elu(z, SELU_ALPHA); self-normalising."""
    z = prepare(z)
    return finish(z.dtype.type(SELU_SCALE) * elu(z, SELU_ALPHA))


@float32_via_float64
def selu_derivative(z):
    """SELU_SCALE * elu_derivative(z, SELU_ALPHA)."""
    z = prepare(z)
    return finish(z.dtype.type(SELU_SCALE) * elu_derivative(z, SELU_ALPHA))


def selu_kernel():
    """Training kernel of ``selu``: SELU_SCALE times the ELU kernel with SELU_ALPHA."""
    return _scaled_elu_kernel(SELU_SCALE, SELU_ALPHA)


@float32_via_float64
def gelu(z):
    """Gaussian error linear unit z * Phi(z), exact form (Phi = standard normal CDF).

    Phi(z) = (1 + erf(z / sqrt 2)) / 2 would cancel in the left tail; for z < -1 it is computed as
    phi(z) times Mills' ratio (scipy's erfcx), which keeps full relative accuracy down to subnormals.
    """
    z = prepare(z)
    zc = tail_safe(z, low=-1e3)
    value = zc * special.ndtr(zc)
    return finish(replace(value, zc < -1, lambda zl: normal_density(zl, zl * mills(zl)), zc))


@float32_via_float64
def gelu_derivative(z):
    """Phi(z) + z * phi(z), with phi the standard normal density.

    Left of z = -1 it is phi(z) * (Mills ratio + z) (no cancellation, no underflow of Phi); around
    its zero at z0 = -0.7518 it is a Taylor series in z - z0, so the relative accuracy holds there too.
    """
    z = prepare(z)
    zc = tail_safe(z, low=-1e3, high=1e4)
    value = special.ndtr(zc) + zc * normal_density(zc)
    value = replace(value, zc < -1, lambda zl: normal_density(zl, mills(zl) + zl), zc)
    low, high = _GELU_D_WINDOW
    return finish(replace(value, (zc >= low) & (zc <= high), _gelu_derivative_series, zc))


def _gelu_derivative_series(z):
    """GELU's derivative near its zero, as the Taylor series in t = z - z0 (for z in _GELU_D_WINDOW)."""
    t = (z - _GELU_D_ZERO[0]) - _GELU_D_ZERO[1]  # the first difference is exact (Sterbenz lemma)
    series = np.zeros_like(t)
    for c in reversed(_GELU_D_TAYLOR):
        series = (series + c) * t
    return series


def gelu_kernel():
    """Training kernel of ``gelu``: A = z Phi(z), G = Phi(z) + z phi(z) (scipy's ndtr for Phi)."""

    def kernel(Z, A, G, T):
        special.ndtr(Z, out=G)
        np.multiply(Z, G, out=A)
        np.multiply(Z, Z, out=T)
        np.multiply(T, -0.5, out=T)
        np.exp(T, out=T)
        np.multiply(T, Z, out=T)
        np.multiply(T, INV_SQRT_2PI, out=T)
        np.add(G, T, out=G)

    return kernel


@float32_via_float64
def silu(z):
    """Sigmoid linear unit (swish with beta = 1): z * sigmoid(z)."""
    z = prepare(z)
    zc = tail_safe(z)
    value = zc * special.expit(zc)
    # far left: z * e^z / (1 + e^z) with e^z applied last, so the subnormal result is rounded once
    if any_below(zc, SUBNORMAL_EXP):
        value = replace(value, zc < SUBNORMAL_EXP, lambda zn: exp_times(zn, zn / (1 + np.exp(zn))), zc)
    return finish(value)


@float32_via_float64
def silu_derivative(z):
    """sigmoid(z) * (1 + z * sigmoid(-z)).

    For z <= 0 this equals sigmoid'(z) * (1 + z + e^z), and with t = z - z0 measured from the zero
    z0 = -1.2785 of 1 + z + e^z, that factor is exactly t + e^z0 * expm1(t): two terms of the same
    sign, so the result keeps full relative accuracy even next to the derivative's zero.
    """
    z = prepare(z)
    zc = tail_safe(z, high=1e4)
    value = special.expit(zc) * (1 + zc * special.expit(-zc))  # no cancellation for z > 0
    return finish(replace(value, zc <= 0, _silu_derivative_left, zc))


def _silu_derivative_left(z):
    """silu'(z) for z <= 0 as e^z / (1 + e^z)**2 * (t + e^z0 * expm1(t)), t = z - z0 (see silu_derivative)."""
    t = (z - _SILU_D_ZERO[0]) - _SILU_D_ZERO[1]  # exact first difference for z in [2 z0, z0 / 2]
    return exp_times(z, (t + _SILU_D_EXP_ZERO * np.expm1(t)) / (1 + np.exp(z)) ** 2)


def silu_kernel():
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


@float32_via_float64
def identity(z):
    """The identity z, a *linear* hidden layer (TensorFlow Playground's "linear"): layers of it compose to one
    linear map, which is why notebook 06's network of identity units draws a straight boundary."""
    z = prepare(z)
    return finish(np.array(z, copy=True))


@float32_via_float64
def identity_derivative(z):
    """1 everywhere (NaN where z is NaN)."""
    z = prepare(z)
    return finish(np.where(np.isnan(z), z, z.dtype.type(1)))


def identity_kernel():
    """Training kernel of ``identity``: A = Z and G = 1 (copies: the engine writes into A and G)."""

    def kernel(Z, A, G, T):
        np.copyto(A, Z)
        G.fill(1.0)

    return kernel


@float32_via_float64
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
    z = prepare(z)
    offsets = as_float_array("offsets", offsets, allow_nonfinite=False, ndim=1)
    if offsets.size == 0:
        raise ValueError("offsets must contain at least one offset, got an empty sequence")
    offsets = offsets.astype(np.float64, copy=False)
    terms = expit(z[..., np.newaxis] - offsets)
    if weights is None:
        return finish(terms.sum(axis=-1))
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
    return finish((terms * weights.astype(np.float64, copy=False)).sum(axis=-1))
