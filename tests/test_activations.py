"""Tests of course_utils.activations: values, identities, limits, accuracy against 50-digit mpmath
reference values, derivatives against finite differences, input handling and error messages."""

import dataclasses
import functools
import math
import warnings

import mpmath
import numpy as np
import pytest

from course_utils import activations as A

mpmath.mp.dps = 50
MP_SELU_ALPHA = mpmath.mpf("1.6732632423543772848170429916717")
MP_SELU_SCALE = mpmath.mpf("1.0507009873554804934193349852946")
EPS = np.finfo(np.float64).eps
NAMES = A.available()  # every built-in: a new one is tested by everything below once it is registered
# every built-in with its default parameters, then with each declared test value of each parameter
CASES = [(name, {}) for name in NAMES] + [
    (name, {param.name: value}) for name in NAMES for param in A.declaration(name).params for value in param.test_values
]
CASE_IDS = [f"{name}{params or ''}" for name, params in CASES]


def quiet(function, *args, **kwargs):
    """Call function with every floating-point problem except underflow raised, and warnings as errors."""
    with np.errstate(over="raise", invalid="raise", divide="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        return function(*args, **kwargs)


# --- exact reference values (mpmath, 50 digits) ---------------------------------------------------


def _mp_sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def _mp_leaky(slope):
    return lambda x: x if x > 0 else mpmath.mpf(slope) * x


def _mp_elu(alpha):
    return lambda x: x if x > 0 else mpmath.mpf(alpha) * mpmath.expm1(x)


def _mp_elu_derivative(alpha):
    return lambda x: mpmath.mpf(1) if x > 0 else mpmath.mpf(alpha) * mpmath.exp(x)


def _mp_softplus(beta):
    beta = mpmath.mpf(beta)
    return lambda x: mpmath.log1p(mpmath.exp(beta * x)) / beta


def _mp_softplus_derivative(beta):
    beta = mpmath.mpf(beta)
    return lambda x: _mp_sigmoid(beta * x)


# name -> (function under test, exact reference on an mpf, allowed error in float64 ulp)
# 4 ulp everywhere (observed worst cases 0.5 to 3.7 ulp; the margin covers numpy's exp/log/expm1,
# which may differ by an ulp between CPUs and SIMD paths) except GELU's value, which rests on
# scipy.special.erfcx in the left tail: erfcx alone is off by up to ~5 ulp for arguments in [0.7, 3]
# (measured against mpmath), and GELU's worst case is 5.8 ulp, hence 8.
ACCURACY = {
    "sigmoid": (A.sigmoid, _mp_sigmoid, 4),
    "sigmoid_derivative": (A.sigmoid_derivative, lambda x: _mp_sigmoid(x) * _mp_sigmoid(-x), 4),
    "tanh": (A.tanh, mpmath.tanh, 4),
    "tanh_derivative": (A.tanh_derivative, lambda x: mpmath.sech(x) ** 2, 4),
    "relu": (A.relu, lambda x: max(x, mpmath.mpf(0)), 0),
    "relu_derivative": (A.relu_derivative, lambda x: mpmath.mpf(x > 0), 0),
    "leaky_relu": (A.leaky_relu, _mp_leaky(0.01), 4),
    "leaky_relu(slope=0.2)": (functools.partial(A.leaky_relu, slope=0.2), _mp_leaky(0.2), 4),
    "leaky_relu_derivative": (A.leaky_relu_derivative, lambda x: mpmath.mpf(1 if x > 0 else 0.01), 0),
    "softplus": (A.softplus, _mp_softplus(1), 4),
    "softplus(beta=0.5)": (functools.partial(A.softplus, beta=0.5), _mp_softplus(0.5), 4),
    "softplus(beta=4)": (functools.partial(A.softplus, beta=4.0), _mp_softplus(4), 4),
    "softplus_derivative": (A.softplus_derivative, _mp_softplus_derivative(1), 4),
    "softplus_derivative(beta=4)": (functools.partial(A.softplus_derivative, beta=4.0), _mp_softplus_derivative(4), 4),
    "elu": (A.elu, _mp_elu(1), 4),
    "elu(alpha=0.5)": (functools.partial(A.elu, alpha=0.5), _mp_elu(0.5), 4),
    "elu(alpha=2.5)": (functools.partial(A.elu, alpha=2.5), _mp_elu(2.5), 4),
    "elu_derivative": (A.elu_derivative, _mp_elu_derivative(1), 4),
    "elu_derivative(alpha=2.5)": (functools.partial(A.elu_derivative, alpha=2.5), _mp_elu_derivative(2.5), 4),
    "selu": (A.selu, lambda x: MP_SELU_SCALE * (x if x > 0 else MP_SELU_ALPHA * mpmath.expm1(x)), 4),
    "selu_derivative": (
        A.selu_derivative,
        lambda x: MP_SELU_SCALE * (1 if x > 0 else MP_SELU_ALPHA * mpmath.exp(x)),
        4,
    ),
    "gelu": (A.gelu, lambda x: x * mpmath.ncdf(x), 8),
    "gelu_derivative": (A.gelu_derivative, lambda x: mpmath.ncdf(x) + x * mpmath.npdf(x), 4),
    "silu": (A.silu, lambda x: x * _mp_sigmoid(x), 4),
    "silu_derivative": (A.silu_derivative, lambda x: _mp_sigmoid(x) * (1 + x * _mp_sigmoid(-x)), 4),
    "identity": (A.identity, lambda x: x, 0),
    "identity_derivative": (A.identity_derivative, lambda x: mpmath.mpf(1), 0),
}


# the minima of GELU and SiLU: zeros of Phi(z) + z phi(z) and of 1 + z + e^z (= -1 - LambertW(1/e))
GELU_DERIVATIVE_ZERO = float(mpmath.findroot(lambda x: mpmath.ncdf(x) + x * mpmath.npdf(x), -0.75))
SILU_DERIVATIVE_ZERO = float(-1 - mpmath.lambertw(mpmath.exp(-1)).real)


def _zeros_of_derivatives():
    """Points next to the zeros of GELU's and SiLU's derivatives, where naive formulas cancel."""
    points = []
    for zero in (GELU_DERIVATIVE_ZERO, SILU_DERIVATIVE_ZERO):
        points.append(zero + np.linspace(-1e-3, 1e-3, 41))
        near = [zero]
        for _ in range(3):
            near += [np.nextafter(near[-1], -np.inf)]
        points.append(near + [np.nextafter(zero, np.inf), np.nextafter(np.nextafter(zero, np.inf), np.inf)])
    return np.concatenate(points)


def accuracy_grid():
    """[-1e3, 1e3]: dense near 0, log-spaced tails, tiny magnitudes, and the known trouble spots."""
    tails = np.logspace(np.log10(8), 3, 300)
    tiny = np.logspace(-30, np.log10(8), 120)
    special_points = [
        0.0,
        1e3,
        -1e3,
        -700.0,
        -708.4,
        -709.8,
        -720.5,
        -745.1,
        -37.5,
        -38.4,
        -1.0,
        -1.25,
        -0.5,
        -0.75,
        -5.0,
        np.nextafter(-1.0, 0),
        np.nextafter(-1.0, -2),
    ]
    grid = np.concatenate(
        [np.linspace(-8, 8, 801), tails, -tails, tiny, -tiny, special_points, _zeros_of_derivatives()]
    )
    return np.unique(grid)


GRID64 = accuracy_grid()
GRID32 = np.unique(GRID64.astype(np.float32))


@functools.cache
def reference(name, dtype_name):
    """Exact values (as mpf) of ACCURACY[name] on the grid of the given dtype."""
    grid = GRID32 if dtype_name == "float32" else GRID64
    exact = ACCURACY[name][1]
    return [exact(mpmath.mpf(float(x))) for x in grid]


def ulp_errors(got, exact, dtype):
    """|got - exact| in units of the spacing of dtype at the exact value (rounded to dtype)."""
    exact_rounded = np.array([float(v) for v in exact]).astype(dtype)
    errors = np.array([float(abs(mpmath.mpf(float(g)) - v)) for g, v in zip(got, exact)])
    return errors / np.spacing(np.abs(exact_rounded)).astype(np.float64)


@pytest.mark.parametrize("name", sorted(ACCURACY))
def test_float64_accuracy_against_mpmath(name):
    function, _, max_ulp = ACCURACY[name]
    got = quiet(function, GRID64)
    assert got.dtype == np.float64 and got.shape == GRID64.shape
    errors = ulp_errors(got, reference(name, "float64"), np.float64)
    worst = int(np.argmax(errors))
    assert errors[worst] <= max(max_ulp, 0.5), (
        f"{name}: {errors[worst]:.2f} ulp at z={GRID64[worst]!r} (allowed {max_ulp})"
    )


@pytest.mark.parametrize("name", sorted(ACCURACY))
def test_float32_accuracy_and_dtype(name):
    # float32 is computed in float64 and rounded once, so it is correctly rounded up to a hair:
    # allow 1 float32 ulp.
    function = ACCURACY[name][0]
    got = quiet(function, GRID32)
    assert got.dtype == np.float32 and got.shape == GRID32.shape
    errors = ulp_errors(got, reference(name, "float32"), np.float32)
    worst = int(np.argmax(errors))
    assert errors[worst] <= 1.0, f"{name}: {errors[worst]:.2f} float32 ulp at z={GRID32[worst]!r}"


# --- values at known points ---------------------------------------------------------------------

KNOWN = [
    (A.sigmoid, 0.0, 0.5),
    (A.sigmoid, math.log(3.0), 0.75),
    (A.sigmoid_derivative, 0.0, 0.25),
    (A.tanh, 0.0, 0.0),
    (A.tanh, 1.0, math.tanh(1.0)),
    (A.tanh_derivative, 0.0, 1.0),
    (A.relu, -2.0, 0.0),
    (A.relu, 3.5, 3.5),
    (A.relu_derivative, 0.0, 0.0),  # convention at the kink
    (A.relu_derivative, 2.0, 1.0),
    (A.leaky_relu, -2.0, -0.02),
    (A.leaky_relu_derivative, 0.0, 0.01),
    (A.softplus, 0.0, math.log(2.0)),
    (A.softplus, 1.0, math.log1p(math.e)),
    (A.softplus_derivative, 0.0, 0.5),
    (A.elu, -1.0, math.exp(-1.0) - 1.0),
    (A.elu, 2.0, 2.0),
    (A.elu_derivative, 0.0, 1.0),
    (A.elu_derivative, -1.0, math.exp(-1.0)),
    (A.selu, 1.0, A.SELU_SCALE),
    (A.selu, -1.0, A.SELU_SCALE * A.SELU_ALPHA * (math.exp(-1.0) - 1.0)),
    (A.selu_derivative, 0.0, A.SELU_SCALE * A.SELU_ALPHA),
    (A.gelu, 0.0, 0.0),
    (A.gelu, 1.0, 0.8413447460685429),
    (A.gelu, -1.0, -0.15865525393145707),
    (A.gelu_derivative, 0.0, 0.5),
    (A.silu, 1.0, 1.0 / (1.0 + math.exp(-1.0))),
    (A.silu, 0.0, 0.0),
    (A.silu_derivative, 0.0, 0.5),
]


@pytest.mark.parametrize("function, z, expected", KNOWN, ids=[f"{f.__name__}({z:g})" for f, z, _ in KNOWN])
def test_known_values(function, z, expected):
    assert function(z) == pytest.approx(expected, rel=4 * EPS, abs=1e-300)


def test_parameters_at_known_points():
    assert A.sigmoid(2.5, offset=2.5) == 0.5  # the offset is the midpoint, not where sigma is 0
    assert A.sigmoid_derivative(2.5, offset=2.5) == 0.25  # ... and the steepest point
    assert A.leaky_relu(-3.0, slope=0.5) == -1.5
    assert A.leaky_relu_derivative(-3.0, slope=0.5) == 0.5
    assert A.softplus(0.0, beta=4.0) == pytest.approx(math.log(2.0) / 4.0, rel=2 * EPS)
    assert A.softplus_derivative(0.5, beta=2.0) == pytest.approx(1 / (1 + math.exp(-1.0)), rel=2 * EPS)
    assert A.elu(-1.0, alpha=2.0) == pytest.approx(2.0 * math.expm1(-1.0), rel=2 * EPS)
    assert A.elu_derivative(-1.0, alpha=2.0) == pytest.approx(2.0 * math.exp(-1.0), rel=2 * EPS)
    assert A.elu(-5.0, alpha=0.0) == 0.0 and A.elu_derivative(-5.0, alpha=0.0) == 0.0


def test_offset_is_a_plain_shift():
    z = np.linspace(-20, 20, 81)
    for offset in (-3.0, 0.7, 5.0):
        np.testing.assert_array_equal(A.sigmoid(z, offset=offset), A.sigmoid(z - offset))
        np.testing.assert_array_equal(A.sigmoid_derivative(z, offset=offset), A.sigmoid_derivative(z - offset))


def test_zeros_of_gelu_and_silu_derivatives():
    # the minimum of GELU is at z = -0.7518, of SiLU at z = -1.2785 (the zeros of their derivatives)
    gelu_zero, silu_zero = GELU_DERIVATIVE_ZERO, SILU_DERIVATIVE_ZERO
    assert round(gelu_zero, 4) == -0.7518 and round(silu_zero, 4) == -1.2785
    assert abs(A.gelu_derivative(gelu_zero)) < 1e-16
    assert abs(A.silu_derivative(silu_zero)) < 1e-16
    assert A.gelu_derivative(gelu_zero - 1e-9) < 0 < A.gelu_derivative(gelu_zero + 1e-9)
    assert A.silu_derivative(silu_zero - 1e-9) < 0 < A.silu_derivative(silu_zero + 1e-9)


# --- identities ---------------------------------------------------------------------------------

Z_MID = np.linspace(-40, 40, 801)


def test_sigmoid_symmetry():
    np.testing.assert_allclose(A.sigmoid(-Z_MID), 1 - A.sigmoid(Z_MID), rtol=0, atol=EPS)
    np.testing.assert_array_equal(A.sigmoid_derivative(-Z_MID), A.sigmoid_derivative(Z_MID))


def test_sigmoid_derivative_is_sigma_times_one_minus_sigma():
    z = np.linspace(-5, 5, 101)
    s = A.sigmoid(z)
    np.testing.assert_allclose(A.sigmoid_derivative(z), s * (1 - s), rtol=1e-13)


def test_softplus_difference_is_identity():
    z = np.concatenate([Z_MID, np.linspace(-1e3, 1e3, 201)])
    assert np.all(np.abs((A.softplus(z) - A.softplus(-z)) - z) <= 4 * EPS * np.maximum(1, np.abs(z)))


def test_tanh_is_a_rescaled_sigmoid():
    np.testing.assert_allclose(A.tanh(Z_MID), 2 * A.sigmoid(2 * Z_MID) - 1, rtol=0, atol=4 * EPS)
    z = np.linspace(-3, 3, 61)
    np.testing.assert_allclose(A.tanh_derivative(z), 1 - np.tanh(z) ** 2, rtol=1e-13)


def test_selu_is_scaled_elu():
    np.testing.assert_allclose(A.selu(Z_MID), A.SELU_SCALE * A.elu(Z_MID, alpha=A.SELU_ALPHA), rtol=2 * EPS)
    np.testing.assert_allclose(
        A.selu_derivative(Z_MID), A.SELU_SCALE * A.elu_derivative(Z_MID, alpha=A.SELU_ALPHA), rtol=2 * EPS
    )


def test_silu_is_z_times_sigmoid_and_gelu_z_times_phi():
    np.testing.assert_allclose(A.silu(Z_MID), Z_MID * A.sigmoid(Z_MID), rtol=4 * EPS, atol=1e-300)
    # sigma(z) + sigma(-z) = 1 and Phi(z) + Phi(-z) = 1 give f(z) - f(-z) = z for both
    for function in (A.silu, A.gelu):
        assert np.all(np.abs((function(Z_MID) - function(-Z_MID)) - Z_MID) <= 4 * EPS * np.abs(Z_MID))


def test_softplus_derivative_is_sigmoid():
    np.testing.assert_array_equal(A.softplus_derivative(Z_MID), A.sigmoid(Z_MID))
    np.testing.assert_array_equal(A.softplus_derivative(Z_MID, beta=3.0), A.sigmoid(3.0 * Z_MID))


def test_relu_family_relations():
    np.testing.assert_array_equal(A.relu(Z_MID) - A.relu(-Z_MID), Z_MID)
    np.testing.assert_array_equal(A.leaky_relu(Z_MID, slope=0.0), A.relu(Z_MID))
    np.testing.assert_array_equal(A.leaky_relu(Z_MID, slope=1.0), Z_MID)
    positive = Z_MID[Z_MID > 0]
    np.testing.assert_array_equal(A.elu(positive, alpha=3.0), positive)


def test_softplus_approaches_relu_as_beta_grows():
    z = np.linspace(-5, 5, 1001)
    for beta in (1.0, 10.0, 100.0):
        gap = A.softplus(z, beta=beta) - A.relu(z)
        assert np.all(gap >= -2 * EPS * np.abs(z))  # softplus > relu, up to rounding
        assert gap.max() == pytest.approx(math.log(2.0) / beta, rel=1e-12)  # at z = 0
        assert z[np.argmax(gap)] == 0.0


# --- limits at large |z| and at +-inf -------------------------------------------------------------


def limits(name):
    """(value at -inf, value at +inf, derivative at -inf, derivative at +inf), as the declaration says."""
    declared = A.declaration(name)
    (at_minus, slope_minus), (at_plus, slope_plus) = declared.at_minus_inf, declared.at_plus_inf
    return at_minus, at_plus, slope_minus, slope_plus


def test_a_few_declared_limits_are_the_known_ones():
    """The limits tests below take the declared limits as the truth: spot-check some against the maths."""
    assert limits("sigmoid") == (0.0, 1.0, 0.0, 0.0) and limits("tanh") == (-1.0, 1.0, 0.0, 0.0)
    assert limits("leaky_relu") == (-np.inf, np.inf, 0.01, 1.0) and limits("elu") == (-1.0, np.inf, 0.0, 1.0)
    assert limits("selu") == (-A.SELU_SCALE * A.SELU_ALPHA, np.inf, 0.0, A.SELU_SCALE)


@pytest.mark.parametrize("name", NAMES)
def test_limits_at_infinity_without_warnings(name):
    act = A.get(name)
    at_minus, at_plus, slope_minus, slope_plus = limits(name)
    values = quiet(act, np.array([-np.inf, np.inf]))
    slopes = quiet(act.derivative, np.array([-np.inf, np.inf]))
    np.testing.assert_array_equal(values, [at_minus, at_plus])
    np.testing.assert_array_equal(slopes, [slope_minus, slope_plus])


@pytest.mark.parametrize("name", NAMES)
def test_large_finite_z_reaches_the_limits(name):
    act = A.get(name)
    at_minus, at_plus, slope_minus, slope_plus = limits(name)
    z = np.array([-1e3, 1e3])
    values, slopes = quiet(act, z), quiet(act.derivative, z)
    expected_minus = at_minus if np.isfinite(at_minus) else act.derivative(-1e3) * -1e3
    expected_plus = at_plus if np.isfinite(at_plus) else slope_plus * 1e3
    assert values[0] == pytest.approx(expected_minus, rel=EPS, abs=0)
    assert values[1] == pytest.approx(expected_plus, rel=EPS, abs=0)
    np.testing.assert_array_equal(slopes, [slope_minus, slope_plus])


def test_saturation_makes_the_sigmoid_gradient_vanish():
    assert A.sigmoid_derivative(10.0) < 5e-5
    assert A.sigmoid_derivative(40.0) < 1e-17
    assert A.sigmoid_derivative(-800.0) == 0.0 and A.sigmoid(-800.0) == 0.0
    # below -709.8, exp(-z) overflows; the value is still the (subnormal) exp(z), not 0
    assert A.sigmoid(-720.0) == pytest.approx(math.exp(-720.0), rel=1e-12)
    assert A.silu(-720.0) == pytest.approx(-720.0 * math.exp(-720.0), rel=1e-10)
    # ... also when a NaN sits elsewhere in the array
    assert A.sigmoid([np.nan, -720.0])[1] == pytest.approx(math.exp(-720.0), rel=1e-12)
    assert A.tanh_derivative([np.nan, 360.0])[1] == pytest.approx(4 * math.exp(-720.0), rel=1e-12)


def test_leaky_relu_with_zero_slope_at_minus_inf():
    assert quiet(A.leaky_relu, -np.inf, slope=0.0) == 0.0
    assert quiet(A.elu, -np.inf, alpha=0.0) == 0.0


def test_nan_propagates_through_values():
    for name in NAMES:
        assert np.isnan(A.get(name)(np.nan)), name


# --- derivatives against central finite differences ---------------------------------------------


@pytest.mark.parametrize("name, params", CASES, ids=CASE_IDS)
def test_derivative_matches_central_difference(name, params):
    act = A.get(name, **params)
    z = np.linspace(-6, 6, 241) + 0.013  # avoids the kink at 0 of relu, leaky_relu, elu
    h = 1e-6
    numeric = (act(z + h) - act(z - h)) / (2 * h)
    np.testing.assert_allclose(act.derivative(z), numeric, rtol=1e-7, atol=1e-8)


def test_finite_difference_check_catches_a_wrong_derivative():
    # the classic bug: applying sigma(1 - sigma) to sigma(z) instead of z
    wrong = A.Activation("sigmoid (buggy)", A.sigmoid, lambda z: A.sigmoid_derivative(A.sigmoid(z)))
    z = np.linspace(-4, 4, 81)
    h = 1e-6
    numeric = (wrong(z + h) - wrong(z - h)) / (2 * h)
    np.testing.assert_array_equal(wrong(z), A.sigmoid(z))
    assert np.max(np.abs(wrong.derivative(z) - numeric)) > 0.02
    assert wrong.name == "sigmoid (buggy)"


# --- input handling -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_scalars_lists_and_shapes(name):
    act = A.get(name)
    for function in (act, act.derivative):
        scalar = function(0.5)
        assert isinstance(scalar, np.float64) and np.ndim(scalar) == 0
        assert isinstance(function(np.float32(0.5)), np.float32)
        assert isinstance(function(np.array(0.5)), np.float64)
        from_list = function([-1.0, 0.5, 2.0])
        assert isinstance(from_list, np.ndarray) and from_list.dtype == np.float64
        np.testing.assert_array_equal(from_list, function(np.array([-1.0, 0.5, 2.0])))
        np.testing.assert_array_equal(function([-1, 0, 2]), function([-1.0, 0.0, 2.0]))  # ints -> float64
        assert function(np.array([1, 2], dtype=np.float16)).dtype == np.float32
        z = np.linspace(-3, 3, 24).reshape(2, 3, 4)
        out = function(z)
        assert out.shape == (2, 3, 4)
        np.testing.assert_array_equal(out.ravel(), function(z.ravel()))
        assert function(np.empty((0, 3))).shape == (0, 3)


@pytest.mark.parametrize(
    "bad",
    ["abc", ["a", "b"], 1j, np.array([1 + 2j]), np.array([1, None], dtype=object), None],
    ids=["str", "str-list", "complex", "complex-array", "object", "None"],
)
@pytest.mark.parametrize("name", NAMES)
def test_non_numeric_z_raises_type_error(name, bad):
    act = A.get(name)
    with pytest.raises(TypeError, match="z must be real numbers"):
        act(bad)
    with pytest.raises(TypeError, match="z must be real numbers"):
        act.derivative(bad)


# --- registry and errors ------------------------------------------------------------------------


def test_available_lists_the_course_activations_in_order():
    names = A.available()
    assert isinstance(names, tuple)
    assert names[:6] == ("sigmoid", "tanh", "relu", "leaky_relu", "softplus", "elu")
    assert {"selu", "gelu", "silu"} <= set(names) and names[-1] == "identity"


def test_nonlinear_leaves_out_exactly_the_identity():
    """The one exclusion: the identity is a built-in (get, training, the playground) but not one of the course's
    nonlinear activations (the gallery, the default lists)."""
    assert A.nonlinear() == tuple(name for name in A.available() if name != "identity")
    assert [name for name in NAMES if not A.declaration(name).nonlinear] == ["identity"]
    assert A.get("identity").label == "linear"  # TensorFlow Playground's name for it, in figures and lists


def test_identity_is_z_bit_for_bit():
    z = np.array([-1e300, -2.5, -0.0, 0.0, 3.0, 1e300])
    out = A.identity(z)
    assert np.array_equal(out, z) and out is not z and np.signbit(out[2])  # a copy, bit for bit (even -0.0)
    assert np.array_equal(A.identity_derivative(z), np.ones(6)) and np.isnan(A.identity_derivative(np.nan))
    assert A.identity(np.float32(1.5)).dtype == np.float32


def test_every_built_in_has_an_accuracy_reference():
    """A registered activation without 50-digit references (ACCURACY) for its values and derivative fails here."""
    missing = [key for name in A.available() for key in (name, f"{name}_derivative") if key not in ACCURACY]
    assert not missing, f"add mpmath references to ACCURACY for: {missing}"


def test_unknown_name_lists_the_available_names():
    with pytest.raises(ValueError, match="sigmoidd") as info:
        A.get("sigmoidd")
    for name in A.available():
        assert repr(name) in str(info.value)
    with pytest.raises(TypeError, match="activation"):
        A.get(3)


DECLARED_PARAMS = [(name, param) for name in NAMES for param in A.declaration(name).params]
PARAM_IDS = [f"{name}-{param.name}" for name, param in DECLARED_PARAMS]


def the_three_checks(name, parameter, value):
    """Calls that must check ``parameter``: the function, its derivative and ``get``."""
    return [
        lambda: getattr(A, name)(1.0, **{parameter: value}),
        lambda: getattr(A, f"{name}_derivative")(1.0, **{parameter: value}),
        lambda: A.get(name, **{parameter: value}),
    ]


@pytest.mark.parametrize("name, param", DECLARED_PARAMS, ids=PARAM_IDS)
def test_bad_parameter_values_raise_value_error_naming_them(name, param):
    for bad in (math.nan, math.inf, -math.inf, *param.outside()):
        for call in the_three_checks(name, param.name, bad):
            with pytest.raises(ValueError, match=rf"^{param.name} must be .*, got {bad}"):
                call()


@pytest.mark.parametrize("name, param", DECLARED_PARAMS, ids=PARAM_IDS)
def test_non_numeric_parameters_raise_type_error_naming_them(name, param):
    for bad in ("2", True, None, [0.1], np.array([0.1, 0.2])):
        for call in the_three_checks(name, param.name, bad):
            with pytest.raises(TypeError, match=rf"^{param.name} must be a real number"):
                call()


def test_bounds_are_the_known_ones():
    """The tests above take the declared parameters as the truth: check them against the course once."""
    declared = {param.name: param for _, param in DECLARED_PARAMS}
    assert [(p.name, p.symbol, p.default) for p in declared.values()] == [
        ("offset", "a", 0.0),  # the course's notation table (notebook 01)
        ("slope", "s", 0.01),
        ("beta", "β", 1.0),
        ("alpha", "α", 1.0),
    ]
    assert (declared["slope"].low, declared["slope"].high, declared["alpha"].low) == (0.0, 1.0, 0.0)
    assert declared["beta"].low == 0.0 and not declared["beta"].low_inclusive  # softplus divides by beta
    assert declared["offset"].low is None and declared["offset"].high is None
    assert declared["slope"].outside() == (-1.0, 1.5) and declared["beta"].outside() == (0.0, -1.0)


@pytest.mark.parametrize("name", NAMES)
def test_the_declaration_is_what_the_public_names_use(name):
    declared = A.declaration(name)
    assert declared.name == name and declared.label
    assert declared.function is getattr(A, name) and declared.derivative is getattr(A, f"{name}_derivative")
    act = A.get(name)
    assert act.label == declared.label and act.relative_cost == declared.relative_cost > 0
    assert act.params == {} and act.same_function(A.get(name, **declared.defaults))
    for param in declared.params:  # figures write the parameter with the course's symbol
        value = param.test_values[0]
        assert A.get(name, **{param.name: value}).label == f"{declared.label} ({param.symbol} = {value:g})"
    with pytest.raises(dataclasses.FrozenInstanceError):
        declared.label = "changed"
    declared.defaults.clear()  # a copy
    assert A.declaration(name).defaults == {param.name: param.default for param in declared.params}


def test_a_declaration_that_contradicts_its_functions_fails_on_creation():
    elu, leaky = A.declaration("elu"), A.declaration("leaky_relu")
    with pytest.raises(TypeError, match=r"'elu': its kernel takes \[\], its declaration says \[\('alpha', 1.0\)\]"):
        dataclasses.replace(elu, kernel=A.declaration("relu").kernel)
    with pytest.raises(TypeError, match=r"its function takes \[\('slope', 0.01\)\]"):
        dataclasses.replace(elu, function=leaky.function)
    with pytest.raises(TypeError, match="'elu': its function"):
        dataclasses.replace(elu, params=(dataclasses.replace(elu.params[0], default=2.0),))
    with pytest.raises(ValueError, match="slope must be <= 1.0, got 2.0"):  # a default outside its own bounds
        dataclasses.replace(leaky.params[0], default=2.0)
    with pytest.raises(ValueError, match="slope must be >= 0.0, got -1.0"):
        dataclasses.replace(leaky.params[0], test_values=(0.5, -1.0))


def test_unknown_keyword_parameter():
    with pytest.raises(TypeError, match="'beta'.*offset"):
        A.get("sigmoid", beta=2.0)
    with pytest.raises(TypeError, match="'alpha'.*none"):
        A.get("relu", alpha=1.0)
    with pytest.raises(TypeError, match="beta"):
        A.sigmoid(1.0, beta=2.0)


def test_get_returns_a_working_activation_with_parameters():
    act = A.get("leaky_relu", slope=0.1)
    assert act.name == "leaky_relu" and act.params == {"slope": 0.1}
    np.testing.assert_array_equal(act([-2.0, 3.0]), [-0.2, 3.0])
    np.testing.assert_array_equal(act.derivative([-2.0, 3.0]), [0.1, 1.0])
    assert "slope=0.1" in repr(act)
    assert act == A.get("leaky_relu", slope=0.1) and hash(act) == hash(A.get("leaky_relu", slope=0.1))
    assert act != A.get("leaky_relu", slope=0.2) and act != A.get("relu")


def test_activation_built_directly():
    act = A.Activation("double", lambda z: 2 * np.asarray(z), lambda z: np.full(np.shape(z), 2.0))
    np.testing.assert_array_equal(act([1.0, -3.0]), [2.0, -6.0])
    np.testing.assert_array_equal(act.derivative([1.0, -3.0]), [2.0, 2.0])
    assert act.name == "double" and act.params == {}
    with pytest.raises(TypeError, match="derivative must be callable"):
        A.Activation("x", A.sigmoid, 0.25)
    with pytest.raises(TypeError, match="function must be callable"):
        A.Activation("x", "sigmoid", A.sigmoid_derivative)
    with pytest.raises(TypeError, match="name"):
        A.Activation("", A.sigmoid, A.sigmoid_derivative)


def test_as_activation():
    act = A.get("tanh")
    assert A.as_activation(act) is act
    converted = A.as_activation("elu")
    assert isinstance(converted, A.Activation) and converted == A.get("elu")
    with pytest.raises(ValueError, match="available"):
        A.as_activation("tanhh")
    with pytest.raises(TypeError, match="activation must be an activation name.*'sigmoid'.*got float"):
        A.as_activation(1.0)
    with pytest.raises(TypeError, match="hidden_activation"):
        A.as_activation(np.tanh, argument="hidden_activation")


# --- sum of sigmoids ----------------------------------------------------------------------------


def test_sum_of_sigmoids_equals_the_plain_sum():
    offsets = np.array([-1.0, 0.0, 0.5, 3.0])
    z = np.linspace(-8, 8, 33).reshape(3, 11)
    plain = sum(A.sigmoid(z, offset=a) for a in offsets)
    result = A.sum_of_sigmoids(z, offsets)
    assert result.shape == (3, 11)
    np.testing.assert_allclose(result, plain, rtol=2 * EPS)
    assert A.sum_of_sigmoids(0.0, [0.0]) == 0.5
    assert isinstance(A.sum_of_sigmoids(1.0, offsets), np.float64)
    assert A.sum_of_sigmoids(np.float32([1.0]), offsets).dtype == np.float32
    assert quiet(A.sum_of_sigmoids, np.array([-np.inf, np.inf, -1e3, 1e3]), offsets).tolist() == [0, 4, 0, 4]


def test_sum_of_sigmoids_with_weights():
    offsets = np.array([0.0, 1.0, 2.5])
    weights = np.array([0.5, -2.0, 3.0])
    z = np.linspace(-5, 5, 21)
    expected = sum(w * A.sigmoid(z, offset=a) for w, a in zip(weights, offsets))
    np.testing.assert_allclose(A.sum_of_sigmoids(z, offsets, weights=weights), expected, rtol=1e-15, atol=1e-15)
    # trapezoid weights: half the gap to each neighbour (uneven offsets allowed)
    trapezoid = 0.5 * A.sigmoid(z) + 1.25 * A.sigmoid(z, offset=1.0) + 0.75 * A.sigmoid(z, offset=2.5)
    np.testing.assert_allclose(A.sum_of_sigmoids(z, offsets, weights="trapezoid"), trapezoid, rtol=1e-15)


def riemann_gaps(n, b=9.8):
    """Largest gap on a wide window between Delta * sum (plain, trapezoid) and the exact integral."""
    offsets = np.linspace(0, b, n)
    delta = offsets[1] - offsets[0]
    z = np.linspace(-10, 2 * b + 10, 1201)
    integral = A.softplus(z) - A.softplus(z - b)
    plain = delta * A.sum_of_sigmoids(z, offsets) - integral
    trapezoid = A.sum_of_sigmoids(z, offsets, weights="trapezoid") - integral
    predicted = delta / 2 * (A.sigmoid(z) + A.sigmoid(z - b))  # first Euler-Maclaurin term
    return delta, plain, trapezoid, predicted


@pytest.mark.parametrize("n", [10, 100, 1000])
def test_spacing_weighted_sum_approximates_the_softplus_difference(n):
    delta, plain, trapezoid, predicted = riemann_gaps(n)
    assert 0 < np.max(np.abs(plain)) < delta  # gap below one spacing (both end offsets included)
    # the plain sum's gap is Delta/2 * (sigma(z) + sigma(z - b)) up to O(Delta**2) (Euler-Maclaurin:
    # the next term is Delta**2 / 12 times a difference of two sigmoid slopes, each at most 1/4)
    assert np.max(np.abs(plain - predicted)) <= delta**2 / 24
    assert np.max(np.abs(trapezoid)) <= delta**2 / 24


def test_convergence_orders_of_plain_and_trapezoid_sums():
    _, plain_coarse, trap_coarse, _ = riemann_gaps(101)
    _, plain_fine, trap_fine, _ = riemann_gaps(201)  # half the spacing
    assert np.max(np.abs(plain_coarse)) / np.max(np.abs(plain_fine)) == pytest.approx(2, rel=0.02)
    assert np.max(np.abs(trap_coarse)) / np.max(np.abs(trap_fine)) == pytest.approx(4, rel=0.02)


def test_the_blogs_division_by_ten_is_only_close_to_the_spacing():
    # 100 offsets over [0, 9.8] are summed; the blog divided by 10 ("number of logistics") instead of
    # multiplying by the spacing 9.8 / 99 = 0.099
    offsets = np.linspace(0, 9.8, 100)
    z = np.linspace(-10, 9.8, 100)
    ratio = (A.sum_of_sigmoids(z, offsets) / 10) / ((offsets[1] - offsets[0]) * A.sum_of_sigmoids(z, offsets))
    np.testing.assert_allclose(ratio, 99 / 98, rtol=1e-14)


@pytest.mark.parametrize(
    "offsets, error, match",
    [
        ([], ValueError, "offsets must contain at least one"),
        ([[0.0, 1.0], [2.0, 3.0]], ValueError, "offsets must be a 1-D array"),
        (5.0, ValueError, "offsets must be a 1-D array"),
        ([0.0, np.nan], ValueError, "offsets must contain only finite"),
        ([0.0, np.inf], ValueError, "offsets must contain only finite"),
        (["a", "b"], TypeError, "offsets must be real numbers"),
    ],
)
def test_sum_of_sigmoids_bad_offsets(offsets, error, match):
    with pytest.raises(error, match=match):
        A.sum_of_sigmoids([0.0, 1.0], offsets)


def test_sum_of_sigmoids_bad_weights():
    with pytest.raises(ValueError, match="weights must have one entry per offset"):
        A.sum_of_sigmoids(0.0, [0.0, 1.0], weights=[1.0])
    with pytest.raises(ValueError, match="weights.*'trapezoid'"):
        A.sum_of_sigmoids(0.0, [0.0, 1.0], weights="simpson")
    with pytest.raises(ValueError, match="weights must contain only finite"):
        A.sum_of_sigmoids(0.0, [0.0, 1.0], weights=[1.0, np.nan])
    with pytest.raises(ValueError, match="trapezoid.*increasing"):
        A.sum_of_sigmoids(0.0, [1.0, 0.0], weights="trapezoid")
    with pytest.raises(ValueError, match="trapezoid.*two"):
        A.sum_of_sigmoids(0.0, [1.0], weights="trapezoid")
    with pytest.raises(TypeError, match="z must be real numbers"):
        A.sum_of_sigmoids("x", [0.0])


# --- training kernels ---------------------------------------------------------------------------

# [-40, 40] densely, the extremes training can reach, and both zeros; 3 rows, as the engine calls a kernel
KERNEL_Z = np.concatenate(
    [np.linspace(-40, 40, 4001), [700.0, -700.0, 1e3, -1e3, 0.0, -0.0, 1e-300, -1e-300, 3.0, -3.0]]
).reshape(3, -1)


def run_kernel(kernel, Z):
    """A, G filled by ``kernel`` on ``Z`` (overflow, invalid and divide raise; underflow is fine)."""
    out_A, out_G, scratch = (np.full_like(Z, np.nan) for _ in range(3))
    Z_before = Z.copy()
    with np.errstate(over="raise", invalid="raise", divide="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        kernel(Z, out_A, out_G, scratch)
    np.testing.assert_array_equal(Z, Z_before)  # Z is only read
    return out_A, out_G


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name, params", CASES, ids=CASE_IDS)
def test_training_kernel_matches_the_function_and_its_derivative(name, params, dtype):
    act = A.get(name, **params)
    Z = KERNEL_Z.astype(dtype)
    values, slopes = run_kernel(act.kernel(), Z)
    assert values.dtype == slopes.dtype == dtype
    # float round-off, relative or absolute: a few eps (the kernels skip the reference's care in the
    # tails, e.g. silu's 1 - sigma(z) at z = 37 loses ~14 eps of the derivative's 1)
    tol = 16 * np.finfo(dtype).eps
    np.testing.assert_allclose(values, act(Z), rtol=tol, atol=tol)
    np.testing.assert_allclose(slopes, act.derivative(Z), rtol=tol, atol=tol)


RELU_FAMILY = [(name, params) for name, params in CASES if name in ("relu", "leaky_relu")]


@pytest.mark.parametrize("name, params", RELU_FAMILY, ids=[f"{n}{p or ''}" for n, p in RELU_FAMILY])
def test_relu_family_kernel_derivatives_are_exact(name, params):
    _, slopes = run_kernel(A.get(name, **params).kernel(), KERNEL_Z)
    slope = {"slope": 0.0, **A.declaration(name).defaults, **params}["slope"]  # ReLU: slope 0
    np.testing.assert_array_equal(slopes, np.where(KERNEL_Z > 0, 1.0, slope))


@pytest.mark.parametrize("alpha", [{**A.declaration("elu").defaults, **p}["alpha"] for n, p in CASES if n == "elu"])
def test_elu_kernel_derivative_is_one_alpha_and_alpha_exp(alpha):
    _, slopes = run_kernel(A.get("elu", alpha=alpha).kernel(), KERNEL_Z)
    positive, zero, negative = KERNEL_Z > 0, KERNEL_Z == 0, KERNEL_Z < 0
    assert np.all(slopes[positive] == 1.0) and np.all(slopes[zero] == alpha)
    np.testing.assert_allclose(slopes[negative], alpha * np.exp(KERNEL_Z[negative]), rtol=4 * EPS, atol=4 * EPS)


def test_a_learners_activation_gets_a_kernel_from_its_own_functions():
    square = A.Activation("square", np.square, lambda z: 2 * z)
    wrong = A.Activation("sigmoid (buggy)", A.sigmoid, lambda z: A.sigmoid_derivative(A.sigmoid(z)))
    Z = np.linspace(-5, 5, 60).reshape(3, -1)
    for act in (square, wrong):
        values, slopes = run_kernel(act.kernel(), Z)
        np.testing.assert_array_equal(values, act(Z))
        np.testing.assert_array_equal(slopes, act.derivative(Z))  # its own derivative, even a wrong one
    values, slopes = run_kernel(A.generic_kernel(np.square, lambda z: 2 * z), Z)
    np.testing.assert_array_equal(values, Z**2)
    np.testing.assert_array_equal(slopes, 2 * Z)


def test_a_built_in_made_by_hand_gets_the_fast_kernel():
    by_hand = A.Activation("tanh", A.tanh, A.tanh_derivative)
    fast = run_kernel(A.get("tanh").kernel(), KERNEL_Z)
    generic = run_kernel(A.generic_kernel(A.tanh, A.tanh_derivative), KERNEL_Z)
    assert not np.array_equal(fast[1], generic[1])  # (so the two kernels can be told apart)
    for got, expected in zip(run_kernel(by_hand.kernel(), KERNEL_Z), fast):
        np.testing.assert_array_equal(got, expected)


def test_same_function():
    sigmoid = A.get("sigmoid")
    assert sigmoid.same_function(A.get("sigmoid")) and sigmoid.same_function(A.get("sigmoid", offset=0.0))
    assert A.get("sigmoid", offset=0.0).same_function(sigmoid)
    assert not sigmoid.same_function(A.get("sigmoid", offset=1.0))
    assert not A.get("leaky_relu").same_function(A.get("leaky_relu", slope=0.5))
    assert A.get("leaky_relu").same_function(A.get("leaky_relu", slope=0.01))
    assert not sigmoid.same_function(A.get("tanh")) and not sigmoid.same_function("sigmoid")
    tanh_by_hand = A.Activation("tanh", A.tanh, A.tanh_derivative)
    assert tanh_by_hand.same_function(A.get("tanh")) and A.get("tanh").same_function(tanh_by_hand)
    assert not A.get("tanh").same_function(A.Activation("tanh (lambda)", lambda z: np.tanh(z), A.tanh_derivative))


def test_same_function_ignores_the_derivative_and_the_name():
    # the derivative does not count: a network trained with a wrong one still computes sigmoid
    wrong = A.Activation("sigmoid (buggy)", A.sigmoid, lambda z: A.sigmoid_derivative(A.sigmoid(z)))
    renamed = A.Activation("other name", A.sigmoid, A.sigmoid_derivative)
    assert wrong.same_function(renamed)
    assert not wrong.same_function(A.get("sigmoid", offset=1.0))
    for act in (wrong, renamed):
        assert A.get("sigmoid").same_function(act) and act.same_function(A.get("sigmoid")), act
        assert A.get("sigmoid", offset=0.0).same_function(act), act
