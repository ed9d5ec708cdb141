"""Tests of course_utils.approximation: known values, measured orders of convergence, width vs depth, bad inputs."""

import numpy as np
import pytest

from course_utils import activations, approximation, network, plotting

SIN = (np.sin, 0.0, 2 * np.pi)
ABS = (np.abs, -1.0, 1.0)
X_JUMP = 1 / 3  # never a grid point of [0, 1] with 2**j cells, and always a third of a cell from the nearest one


def jump(x):
    return np.where(x >= X_JUMP, 1.0, 0.0)


NS = 2 ** np.arange(4, 10)  # 16 .. 512 cells


def errors(build, f, a, b, norm="max", sub=None, exclude=None, ns=NS):
    """Errors of build(f, a, b, n) for every n, on [a, b] or on the sub-interval ``sub``."""
    lo, hi = (a, b) if sub is None else sub
    return np.array(
        [approximation.approximation_error(f, build(f, a, b, n), lo, hi, norm=norm, exclude=exclude) for n in ns]
    )


def soft(f, a, b, n):
    return approximation.sigmoid_staircase(f, a, b, n, sharpness=1.0)


def sharp(f, a, b, n):
    return approximation.sigmoid_staircase(f, a, b, n, sharpness=20.0)


# --- the constructions: known values -------------------------------------------------------------


def test_staircase_of_a_line_is_the_sum_of_sigmoids_of_notebook_02():
    a, b, n, slope = 0.0, 9.8, 10, 0.5
    stair = approximation.sigmoid_staircase(lambda x: 1 + slope * x, a, b, n, steepness=1.0)
    h = (b - a) / n
    offsets = a + (np.arange(n) + 0.5) * h
    np.testing.assert_allclose(stair.w2, slope * h, rtol=1e-14)  # every step equally high
    np.testing.assert_allclose(stair.offsets, offsets, rtol=1e-14)
    np.testing.assert_array_equal(stair.w1, 1.0)
    assert stair.b2 == 1.0 and stair.n_units == n
    z = np.linspace(-10, 20, 301)
    expected = 1 + slope * h * activations.sum_of_sigmoids(z, offsets)
    np.testing.assert_allclose(stair(z), expected, rtol=1e-13)


def test_default_steepness_grows_with_n_and_sharp_steps_hit_the_samples():
    f, a, b = SIN
    for n in (4, 16, 64):
        stair = approximation.sigmoid_staircase(f, a, b, n, sharpness=3.0)
        np.testing.assert_allclose(stair.w1, 3.0 * n / (b - a))
    sharp_stair = approximation.sigmoid_staircase(f, a, b, 12, sharpness=80.0)
    knots = np.linspace(a, b, 13)
    # at a sample point every step is half a cell away: sigmoid(+-40) is 1 or 0 to 4e-18
    np.testing.assert_allclose(sharp_stair(knots), f(knots), atol=1e-12)
    # outside [a, b] it levels off at f(a) and f(b)
    np.testing.assert_allclose(sharp_stair(np.array([a - 5, b + 5])), [f(a), f(b)], atol=1e-12)


def test_relu_interpolant_equals_np_interp_on_the_whole_interval():
    for f, a, b in (SIN, ABS, (jump, 0.0, 1.0), (np.exp, -2.0, 3.0)):
        for n in (1, 2, 7, 64):
            inter = approximation.relu_interpolant(f, a, b, n)
            knots = np.linspace(a, b, n + 1)
            x = np.concatenate([np.linspace(a, b, 4001), knots])
            scale = np.max(np.abs(f(knots)))
            np.testing.assert_allclose(inter(x), np.interp(x, knots, f(knots)), rtol=0, atol=1e-13 * scale * n)
            assert inter.n_units == n
            np.testing.assert_allclose(inter.offsets, knots[:-1])


def test_relu_interpolant_outside_the_interval():
    inter = approximation.relu_interpolant(lambda x: x**2, 0.0, 1.0, 4)
    assert inter(-3.0) == pytest.approx(0.0)  # constant f(a) on the left
    assert inter(2.0) == pytest.approx(1 + 1.75 * 1.0)  # last slope (1 - 0.5625) / 0.25 = 1.75 on the right


def test_hidden_layer_sum_is_the_logit_of_the_course_network():
    f, a, b = SIN
    x = np.linspace(a - 1, b + 1, 57)
    for built, name in (
        (approximation.sigmoid_staircase(f, a, b, 9), "sigmoid"),
        (approximation.relu_interpolant(f, a, b, 9), "relu"),
    ):
        params = built.params
        assert params["W1"].shape == (9, 1) and params["b1"].shape == (9, 1)
        assert params["W2"].shape == (1, 9) and params["b2"].shape == (1, 1)
        _, cache = network.forward_propagation(x.reshape(1, -1), params, activation=name)
        np.testing.assert_allclose(cache["Z2"].ravel(), built(x), rtol=1e-13, atol=1e-13)
        np.testing.assert_allclose(built.unit_outputs(x).sum(axis=-1) + built.b2, built(x), atol=1e-13)


def test_hidden_layer_sum_keeps_shapes_and_evaluates_in_chunks(monkeypatch):
    built = approximation.relu_interpolant(np.cos, 0.0, 3.0, 50)
    x = np.linspace(-1, 4, 24).reshape(2, 3, 4)
    whole = built(x)
    assert whole.shape == (2, 3, 4)
    assert built.unit_outputs(x).shape == (2, 3, 4, 50)
    monkeypatch.setattr(approximation, "_TABLE_ENTRIES", 120)  # chunks of 2 points
    np.testing.assert_allclose(built(x), whole, rtol=1e-14, atol=1e-14)
    assert np.shape(built(1.5)) == ()
    assert repr(built) == "HiddenLayerSum('relu', 50 units)"


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
def test_from_params_of_a_network_trained_on_standardised_inputs_is_its_output_over_raw_x(activation):
    x = np.linspace(0.0, 2 * np.pi, 40)
    mean, std = x.mean(), x.std()
    X = ((x - mean) / std).reshape(1, -1)
    params, _ = network.train(
        X, np.sin(x).reshape(1, -1), n_hidden=5, activation=activation, learning_rate=0.1, num_iterations=200,
        init="lecun", seed=1, output="identity",
    )  # fmt: skip
    built = approximation.HiddenLayerSum.from_params(params, x_mean=mean, x_std=std)
    assert built.activation.name == activation and built.n_units == 5
    x_wide = np.linspace(-10.0, 20.0, 301)
    np.testing.assert_allclose(built(x_wide), network.predict(params, (x_wide - mean) / std * np.ones((1, 1)))[0],
                               rtol=1e-12, atol=1e-12)  # fmt: skip
    # the offsets, in x's units: where each unit's pre-activation is 0
    z = params["W1"][:, 0] * (built.offsets - mean) / std + params["b1"][:, 0]
    np.testing.assert_allclose(z, 0.0, atol=1e-12)
    # each unit's contribution, as plotting.hidden_unit_values computes it from the standardised points
    contributions, logit = plotting.hidden_unit_values(params, X)
    np.testing.assert_allclose(built.unit_outputs(x), contributions.T, atol=1e-12)
    np.testing.assert_allclose(built(x), logit, atol=1e-12)


def test_from_params_defaults_and_a_plain_dict():
    params = {"W1": np.array([[2.0], [-1.0]]), "b1": np.array([[1.0], [0.5]]), "W2": np.array([[0.5, 3.0]]),
              "b2": np.array([[0.25]])}  # fmt: skip
    with pytest.raises(ValueError, match="plain dict.*activation="):  # records nothing: never a guessed tanh
        approximation.HiddenLayerSum.from_params(params)
    built = approximation.HiddenLayerSum.from_params(params, "tanh")  # weights as they are
    assert built.activation.name == "tanh"
    np.testing.assert_array_equal(built.w1, [2.0, -1.0])
    np.testing.assert_array_equal(built.b1, [1.0, 0.5])
    np.testing.assert_array_equal(built.w2, [0.5, 3.0])
    assert built.b2 == 0.25
    relu = approximation.HiddenLayerSum.from_params(params, activation="relu", x_mean=1.0, x_std=2.0)
    np.testing.assert_allclose(relu.w1, [1.0, -0.5])
    np.testing.assert_allclose(relu.b1, [0.0, 1.0])
    np.testing.assert_allclose(relu.offsets, [0.0, 2.0])
    trained = network.Parameters(params, activation="sigmoid", output="identity")
    with pytest.raises(ValueError, match="trained with"):
        approximation.HiddenLayerSum.from_params(trained, activation="relu")


def test_offsets_of_a_unit_with_zero_weight_is_inf():
    built = approximation.HiddenLayerSum("tanh", [2.0, 0.0], [-1.0, 3.0], [1.0, 1.0], 0.5)
    np.testing.assert_array_equal(built.offsets, [0.5, np.inf])
    np.testing.assert_allclose(built(0.5), 0.5 + 0.0 + np.tanh(3.0))


# --- error measurement and orders -----------------------------------------------------------------


def test_approximation_error_norms_on_known_errors():
    zero = lambda x: 0 * x
    assert approximation.approximation_error(zero, lambda x: x, 0.0, 1.0) == 1.0
    assert approximation.approximation_error(zero, lambda x: x, 0.0, 1.0, norm="l1") == pytest.approx(0.5, rel=1e-14)
    l2 = approximation.approximation_error(zero, lambda x: x, 0.0, 1.0, norm="l2")
    assert l2 == pytest.approx(np.sqrt(1 / 3), rel=1e-7)  # trapezoid rule on 16385 points
    shifted = approximation.approximation_error(np.sin, lambda x: np.sin(x) + 0.1, 0.0, 2.0, norm="l2")
    assert shifted == pytest.approx(0.1 * np.sqrt(2.0), rel=1e-12)
    # leaving out |x - 1| < 0.25 removes the largest errors (x = 0.75 is kept); leaving out all but x = 0 leaves 0
    assert approximation.approximation_error(zero, lambda x: x, 0.0, 1.0, exclude=(1.0, 0.25)) == 0.75
    assert approximation.approximation_error(zero, lambda x: x, 0.0, 1.0, norm="l1", exclude=(1.0, 1.0)) == 0.0
    # a constant-valued f is broadcast
    assert approximation.approximation_error(lambda x: 1.0, lambda x: 0 * x, 0.0, 1.0, n_points=5) == 1.0


def test_observed_orders_of_an_exact_power_law():
    h = 2.0 ** -np.arange(2, 8)
    orders = approximation.observed_orders(h, 3 * h**1.5)
    np.testing.assert_allclose(orders.successive, 1.5, rtol=1e-12)
    assert orders.fitted == pytest.approx(1.5, rel=1e-12)
    assert orders.successive.shape == (5,)
    # the order of the Riemann sum of notebook 02 (error = spacing) is 1
    assert approximation.observed_orders([0.5, 0.1], [0.5, 0.1]).fitted == pytest.approx(1.0)


def test_relu_hinges_on_sin_are_second_order_in_the_max_norm():
    f, a, b = SIN
    orders = approximation.observed_orders((b - a) / NS, errors(approximation.relu_interpolant, *SIN))
    assert orders.fitted == pytest.approx(2.0, abs=0.1)
    np.testing.assert_allclose(orders.successive, 2.0, atol=0.1)


def test_relu_hinges_on_abs_exact_with_a_knot_at_the_kink_first_order_without():
    with_knot = errors(approximation.relu_interpolant, *ABS, ns=(4, 16, 64))  # 0 is a knot
    assert np.all(with_knot < 1e-14)
    odd = np.array([5, 17, 65, 257])
    without = errors(approximation.relu_interpolant, *ABS, ns=odd)
    np.testing.assert_allclose(without, 1.0 / odd, rtol=1e-12)  # h / 2 at x = 0 (the knots at +-h/2)
    assert approximation.observed_orders(2.0 / odd, without).fitted == pytest.approx(1.0, abs=0.01)


def test_sharp_sigmoid_steps_are_first_order():
    f, a, b = SIN
    ns = 2 ** np.arange(3, 9)
    orders = approximation.observed_orders((b - a) / ns, errors(sharp, *SIN, ns=ns))
    assert orders.fitted == pytest.approx(1.0, abs=0.1)


def test_soft_sigmoid_steps_second_order_inside_first_order_at_the_ends():
    f, a, b = SIN
    h = (b - a) / NS
    inside = approximation.observed_orders(h, errors(soft, *SIN, sub=(a + (b - a) / 4, b - (b - a) / 4)))
    whole = approximation.observed_orders(h, errors(soft, *SIN))
    assert inside.fitted == pytest.approx(2.0, abs=0.1)
    assert whole.fitted == pytest.approx(1.0, abs=0.1)


def test_fixed_steepness_error_stalls():
    f, a, b = SIN
    fixed = errors(lambda f, a, b, n: approximation.sigmoid_staircase(f, a, b, n, steepness=20.0), *SIN)
    growing = errors(soft, *SIN)
    assert fixed[-2] / fixed[-1] < 1.05  # doubling n no longer helps
    assert growing[-2] / growing[-1] > 1.9  # ... while a steepness growing with n (at least) halves the error
    assert fixed[-1] > 0.02


@pytest.mark.parametrize("build", [soft, sharp, approximation.relu_interpolant])
def test_jump_max_error_stays_while_l1_error_is_first_order(build):
    ns = 2 ** np.arange(3, 9)
    max_errors = errors(build, jump, 0.0, 1.0, ns=ns)
    assert np.all(max_errors > 0.5)  # a continuous sum misses a jump of 1 by at least 1/2 somewhere nearby
    l1 = errors(build, jump, 0.0, 1.0, norm="l1", ns=ns)
    assert approximation.observed_orders(1.0 / ns, l1).fitted == pytest.approx(1.0, abs=0.1)
    away = errors(build, jump, 0.0, 1.0, exclude=(X_JUMP, 0.1), ns=ns)
    assert away[-1] < 1e-6 < max_errors[-1]


# --- width against depth --------------------------------------------------------------------------


def test_tent_and_sawtooth_values_at_dyadic_points():
    np.testing.assert_array_equal(approximation.tent([0.0, 0.25, 0.5, 0.75, 1.0]), [0.0, 0.5, 1.0, 0.5, 0.0])
    np.testing.assert_array_equal(approximation.tent([-1.0, 1.5]), [0.0, -1.0])
    x = np.linspace(0, 1, 1001)
    np.testing.assert_allclose(approximation.tent(x), 1 - np.abs(2 * x - 1), atol=1e-15)
    np.testing.assert_array_equal(approximation.sawtooth(x, 0), x)
    for k in range(1, 7):
        j = np.arange(2**k + 1)
        np.testing.assert_array_equal(approximation.sawtooth(j / 2**k, k), j % 2)  # exact: dyadic arithmetic
        quarter = (j[:-1] + 0.25) / 2**k  # a quarter into each piece: 1/4 on the way up, 3/4 on the way down
        np.testing.assert_allclose(approximation.sawtooth(quarter, k), np.where(j[:-1] % 2 == 0, 0.25, 0.75))


@pytest.mark.parametrize("k", range(1, 7))
def test_sawtooth_has_2_to_the_k_pieces_and_one_layer_computes_it(k):
    dyadic = np.linspace(0, 1, 2**12 + 1)  # every kink on a grid point
    other = np.linspace(0, 1, 10007)  # kinks inside grid cells
    for x in (dyadic, other):
        deep = approximation.sawtooth(x, k)
        assert approximation.count_linear_pieces(x, deep) == 2**k
        one_layer = approximation.sawtooth_one_layer(k)
        assert one_layer.n_units == 2**k  # 2**k - 1 interior kinks + the first slope
        np.testing.assert_allclose(one_layer(x), deep, atol=1e-12)
        assert approximation.count_linear_pieces(x, one_layer(x)) == 2**k
    interior = approximation.sawtooth_one_layer(k).offsets
    assert np.sum((interior > 0) & (interior < 1)) == 2**k - 1
    interp = approximation.relu_interpolant(lambda t: approximation.sawtooth(t, k), 0.0, 1.0, 2**k)
    np.testing.assert_allclose(interp.w2, approximation.sawtooth_one_layer(k).w2, rtol=1e-12)


def test_count_linear_pieces_simple_cases():
    x = np.linspace(-1, 1, 101)
    assert approximation.count_linear_pieces(x, 3 * x + 1) == 1
    assert approximation.count_linear_pieces(x, np.zeros_like(x)) == 1
    assert approximation.count_linear_pieces(x, np.abs(x)) == 2
    assert approximation.count_linear_pieces(x, np.abs(x - 0.013)) == 2  # kink inside a cell
    assert approximation.count_linear_pieces(x, np.maximum(0, x) + np.maximum(0, x - 0.5)) == 3
    assert approximation.count_linear_pieces([0.0, 1.0], [2.0, 5.0]) == 1


# --- bad inputs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: approximation.sigmoid_staircase("sin", 0, 1, 4), TypeError, r"\bf must be a callable"),
        (lambda: approximation.sigmoid_staircase(lambda x: x[:2], 0, 1, 4), ValueError, r"\bf must return one value"),
        (
            lambda: approximation.sigmoid_staircase(lambda x: np.where(x > 0, np.inf, 0.0), -1, 1, 4),
            ValueError,
            r"\bf must return finite",
        ),
        (lambda: approximation.sigmoid_staircase(np.sin, 1, 1, 4), ValueError, r"\bb must be greater than a"),
        (lambda: approximation.sigmoid_staircase(np.sin, 0, np.inf, 4), ValueError, r"\bb must be a finite"),
        (lambda: approximation.sigmoid_staircase(np.sin, "0", 1, 4), TypeError, r"\ba must be a real"),
        (lambda: approximation.sigmoid_staircase(np.sin, 0, 1, 0), ValueError, r"\bn must be >= 1"),
        (lambda: approximation.sigmoid_staircase(np.sin, 0, 1, 4.0), TypeError, r"\bn must be an int"),
        (lambda: approximation.sigmoid_staircase(np.sin, 0, 1, 4, sharpness=0), ValueError, r"\bsharpness must be >"),
        (lambda: approximation.sigmoid_staircase(np.sin, 0, 1, 4, steepness=-2), ValueError, r"\bsteepness must be >"),
        (lambda: approximation.relu_interpolant(np.sin, 0, 1, True), TypeError, r"\bn must be an int"),
        (lambda: approximation.relu_interpolant(None, 0, 1, 3), TypeError, r"\bf must be a callable"),
        (lambda: approximation.approximation_error(np.sin, np.cos, 0, 1, norm="L1"), ValueError, r"unknown norm"),
        (lambda: approximation.approximation_error(np.sin, 3, 0, 1), TypeError, r"\bapprox must be a callable"),
        (lambda: approximation.approximation_error(np.sin, np.cos, 0, 1, exclude=0.5), TypeError, r"\bexclude must"),
        (lambda: approximation.approximation_error(np.sin, np.cos, 0, 1, exclude=(0.5, -1)), ValueError, r"exclude"),
        (lambda: approximation.approximation_error(np.sin, np.cos, 0, 1, exclude=(0.5, 2)), ValueError, r"exclude"),
        (lambda: approximation.approximation_error(np.sin, np.cos, 0, 1, n_points=1), ValueError, r"\bn_points must"),
        (lambda: approximation.observed_orders([0.1], [0.1]), ValueError, r"\bspacings must hold at least 2"),
        (lambda: approximation.observed_orders([0.1, 0.05], [0.1]), ValueError, r"\berrors must have one value"),
        (lambda: approximation.observed_orders([0.1, 0.05], [0.1, 0.0]), ValueError, r"\berrors must be positive"),
        (lambda: approximation.observed_orders([0.1, 0.1], [0.2, 0.1]), ValueError, r"\bspacings must be distinct"),
        (lambda: approximation.observed_orders([0.1, np.nan], [0.2, 0.1]), ValueError, r"\bspacings must contain"),
        (lambda: approximation.sawtooth(0.5, -1), ValueError, r"\bk must be >= 0"),
        (lambda: approximation.sawtooth(0.5, 2.0), TypeError, r"\bk must be an int"),
        (lambda: approximation.sawtooth_one_layer(0), ValueError, r"\bk must be >= 1"),
        (lambda: approximation.tent("x"), TypeError, r"\bx must be real"),
        (lambda: approximation.count_linear_pieces([0.0, 1.0, 0.5], [0.0, 1.0, 2.0]), ValueError, r"\bx must be"),
        (lambda: approximation.count_linear_pieces([0.0, 1.0], [0.0]), ValueError, r"\bvalues must have one"),
        (lambda: approximation.count_linear_pieces([0.0], [0.0]), ValueError, r"\bx must hold at least 2"),
        (lambda: approximation.HiddenLayerSum("relu", [1.0], [0.0, 1.0], [1.0], 0), ValueError, r"w1, b1 and w2"),
        (lambda: approximation.HiddenLayerSum("relu", [], [], [], 0), ValueError, r"\bw1 must hold at least one"),
        (lambda: approximation.HiddenLayerSum("relux", [1.0], [0.0], [1.0], 0), ValueError, r"unknown activation"),
        (lambda: approximation.HiddenLayerSum("relu", [1.0], [0.0], [1.0], None), TypeError, r"\bb2 must be a real"),
        (lambda: approximation.relu_interpolant(np.sin, 0, 1, 3)(np.nan), ValueError, r"\bx must contain only"),
        (lambda: approximation.HiddenLayerSum.from_params({"W1": 1.0}), ValueError, r"\bparams"),
        (
            lambda: approximation.HiddenLayerSum.from_params(network.initialize_parameters(2, 3, seed=0)),
            ValueError,
            r"one input",
        ),
        (
            lambda: approximation.HiddenLayerSum.from_params(network.initialize_parameters(1, 3, seed=0), x_std=0),
            ValueError,
            r"\bx_std must be >",
        ),
        (
            lambda: approximation.HiddenLayerSum.from_params(network.initialize_parameters(1, 3, seed=0), x_mean="1"),
            TypeError,
            r"\bx_mean must be a real",
        ),
    ],
)
def test_bad_inputs_raise_naming_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()
