"""The careful numerics under the activations: dtype handling and stable pieces of exp, sigma and Phi.

Each helper takes float64 arrays (or numpy scalars) and returns values of their broadcast shape;
none of them overflows or warns for finite input. :func:`float32_via_float64` is the decorator every
activation function wears: float32 in, computed in float64, rounded to float32 once.
"""

import functools
import math

import numpy as np
from scipy import special

from .._validation import as_float_array

INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_SQRT_HALF_PI = math.sqrt(math.pi / 2.0)
_INV_SQRT_2 = 1.0 / math.sqrt(2.0)

_LN2_HI = 6.93147180369123816490e-01  # ln 2 split as in fdlibm: n * _LN2_HI is exact for |n| < 2**20
_LN2_LO = 1.90821492927058770002e-10
SUBNORMAL_EXP = -700.0  # exp(x) is near or below the smallest normal float64 (2.2e-308) for x < -708
_EXP_UNDERFLOW = -746.0  # exp(x) is exactly 0 in float64 below x = -745.2


def prepare(z):
    """``z`` (a scalar, list or array) as a float32 or float64 array; anything else raises naming ``z``."""
    return as_float_array("z", z)


def finish(out):
    """A 0-d array as a numpy scalar, any other array as it is."""
    return out[()] if out.ndim == 0 else out


def float32_via_float64(function):
    """Run ``function`` in float64 for float32 input and round the result to float32 once."""

    @functools.wraps(function)
    def wrapper(z, *args, **kwargs):
        z = prepare(z)
        if z.dtype == np.float32:
            return finish(np.asarray(function(z.astype(np.float64), *args, **kwargs)).astype(np.float32))
        return function(z, *args, **kwargs)

    return wrapper


def any_below(x, threshold):
    """True if some entry of ``x`` is below ``threshold`` (a reduction: no temporary array; NaN ignored)."""
    return np.size(x) > 0 and np.fmin.reduce(np.ravel(x)) < threshold


def replace(value, mask, function, *args):
    """``value`` with the entries under ``mask`` replaced by ``function(*(a[mask] for a in args))``.

    The function only runs on the (usually few) masked entries, so rare special cases cost nothing.
    """
    if not np.any(mask):
        return value
    value = np.array(value, dtype=np.float64)
    value[mask] = function(*(np.asarray(a)[mask] for a in args))
    return value


def tail_safe(z, low=-1e4, high=None):
    """z clipped to where the factor it multiplies is already exactly 0 (avoids inf * 0 = NaN at +-inf)."""
    return np.clip(z, z.dtype.type(low), None if high is None else z.dtype.type(high))


def exp_times(x, factor):
    """factor * exp(x) for x <= 0, rounded once even when the result is subnormal.

    Multiplying an already rounded subnormal exp(x) by a large factor (as in z * sigmoid(z) at
    z = -720) would magnify its rounding error; here x = n ln2 + r (Cody-Waite reduction), the
    product factor * exp(r) is formed at full precision and ldexp scales it by 2**n in one rounding.
    """
    value = factor * np.exp(x)
    if not any_below(x, SUBNORMAL_EXP):
        return value
    factor = np.broadcast_to(factor, np.shape(value))
    x = np.broadcast_to(x, np.shape(value))
    return replace(value, x < SUBNORMAL_EXP, exp_times_reduced, x, factor)


def exp_times_reduced(x, factor):
    """factor * exp(x) by Cody-Waite reduction (the slow path of :func:`exp_times`)."""
    x = np.maximum(x, -1e6)  # exp is exactly 0 far beyond this anyway; keeps n an exact small int
    n = np.round(x / _LN2_HI)
    r = (x - n * _LN2_HI) - n * _LN2_LO
    return np.ldexp(factor * np.exp(r), n.astype(np.int64))


def expit(u):
    """sigma(u) without overflow and with full relative accuracy down to the subnormal range.

    scipy's expit returns 0 once exp(-u) overflows (u < -709.8), although sigma(u) = exp(u) is
    still a representable subnormal number there; e / (1 + e) with e = exp(u) keeps it.
    """
    value = special.expit(u)
    if not any_below(u, SUBNORMAL_EXP):
        return value
    # below u = -746 exp(u) underflows to 0, which expit already returns: only (-746, -700) needs the slow path
    return replace(value, (u < SUBNORMAL_EXP) & (u > _EXP_UNDERFLOW), lambda u: np.exp(u) / (1 + np.exp(u)), u)


def expit_derivative(u):
    """sigma(u) * sigma(-u) = e / (1 + e)**2 with e = exp(-|u|): symmetric, no 1 - sigma cancellation."""
    x = -np.abs(u)
    e = np.exp(x)
    return e / (1 + e * (2 + e))  # (1 + e)**2 expanded: smaller rounding error; exact for subnormal e


def normal_density(z, factor=1.0):
    """factor * exp(-z**2 / 2) / sqrt(2 pi) (standard normal density), accurate to a few ulp.

    z is split as zh + zl with zh a multiple of 1/16, so zh * zh is exact and the rounding error of
    z * z (which exp would magnify by z**2 / 2) never enters the exponent; the large factor
    exp(-zh**2 / 2) is applied last in one rounding (see exp_times), also in the subnormal range.
    """
    z = np.clip(z, -1e3, 1e3)  # the density is exactly 0 beyond
    zh = np.round(z * 16) / 16
    zl = z - zh
    return exp_times(-0.5 * zh * zh, (INV_SQRT_2PI * factor) * np.exp(-0.5 * zl * (z + zh)))


def mills(z):
    """Phi(z) / phi(z) for z < 0 (Mills' ratio of |z|): sqrt(pi/2) * erfcx(-z / sqrt 2).

    Phi(z) = mills * phi(z) keeps full relative accuracy in the left tail, where scipy's ndtr loses
    up to thousands of ulp (erfc of the rounded -z/sqrt 2) and underflows to 0 below z = -37.5.
    """
    return _SQRT_HALF_PI * special.erfcx(-z * _INV_SQRT_2)
