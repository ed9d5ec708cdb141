"""Checks of notebook 10's exercises (10_approximation)."""

import functools

import numpy as np

from .. import approximation, experiments
from ._registry import register
from .feedback import array, choice, correct, fmt, function, integer, not_yet, require, safe_call

# --- 10.1: the hinges' weights c_k, written by the learner ---------------------------------------------------


def _reference_slope_changes(knots, values):
    slopes = np.diff(values) / np.diff(knots)
    return np.diff(slopes, prepend=0.0)


@functools.lru_cache(maxsize=1)
def _hinge_cases():
    """(knots, values) test cases: section 3's sin, |x| with a knot on the kink, random values 0.2 apart, N = 1."""
    rs = np.random.RandomState(3)
    cases = []
    for knots, f in (
        (np.linspace(0.0, 2 * np.pi, 7), np.sin),
        (np.linspace(-1.0, 1.0, 5), np.abs),
        (np.linspace(0.0, 1.0, 6), lambda x: rs.uniform(-1.0, 1.0, x.size)),
        (np.linspace(2.0, 3.0, 2), lambda x: np.array([1.0, 4.0])),
    ):
        cases.append((knots, f(knots)))
    return tuple(cases)


def _same(got, expected):
    return got.shape == expected.shape and np.allclose(got, expected, rtol=1e-9, atol=1e-12)


@register(
    "10.1",
    slope_changes="your function slope_changes(knots, values): the K weights c_k of section 3's hinges",
)
def check_10_1(slope_changes):
    """Run the learner's function on several knot sets; its hinges must reproduce np.interp."""
    function("slope_changes", slope_changes, of="knots, values")
    for knots, values in _hinge_cases():
        n = knots.size - 1
        at = f"the {n + 1} knots np.linspace({fmt(knots[0])}, {fmt(knots[-1])}, {n + 1})"
        got = safe_call("slope_changes", slope_changes, knots.copy(), values.copy(), at=at)
        require(got is not None, "`slope_changes` returned None: did you forget `return`?")
        got = np.ravel(array("slope_changes(knots, values)", got))
        slopes = np.diff(values) / np.diff(knots)
        if got.size == n - 1:
            return not_yet(
                f"for {at} you returned {n - 1} weights, one too few: there is a hinge at each of x_0, ..., x_(K-1), "
                "and the first one, at x_0, carries the first slope, c_0 = δ_0 (np.diff(..., prepend=0) keeps it)"
            )
        require(
            got.size == n,
            f"for {at} (K = {n} cells) `slope_changes` should return K = {n} weights, one per hinge at x_0, ..., "
            f"x_(K-1); it returned {got.size}",
        )
        expected = _reference_slope_changes(knots, values)
        if _same(got, expected):
            continue
        mistakes = (
            (slopes, "those are the slopes δ_k of the chords; each hinge adds only the CHANGE of slope at its knot"),
            (np.diff(np.diff(values), prepend=0.0), "divide the differences of the values by the spacing Δ first"),
            (-expected, "check the sign: c_k = δ_k - δ_(k-1), the new slope minus the old one"),
            (np.diff(slopes, append=0.0), "c_k belongs to the hinge at x_k and is δ_k - δ_(k-1), with c_0 = δ_0"),
        )
        hint = "c_0 = δ_0 and c_k = δ_k - δ_(k-1), where δ_k = (f(x_(k+1)) - f(x_k)) / Δ is the slope of cell k"
        for wrong, why in mistakes:
            if _same(got, wrong):
                hint = why
                break
        built = approximation.HiddenLayerSum("relu", np.ones(n), -knots[:-1], got, values[0])
        x = np.linspace(knots[0], knots[-1], 8 * n + 1)
        gap = np.abs(built(x) - np.interp(x, knots, values))
        worst = int(np.argmax(gap))
        yours, line = built(x[worst : worst + 1])[0], np.interp(x[worst], knots, values)
        return not_yet(
            f"for {at} your weights give f(x_0) + sum_k c_k ReLU(x - x_k) = {fmt(yours)} at x = {fmt(x[worst])}, "
            f"but the broken line through the samples is at {fmt(line)} there; {hint}"
        )
    return correct(
        "with your weights, f(x_0) + sum_k c_k ReLU(x - x_k) is np.interp's broken line on every test case: between "
        "x_k and x_(k+1) the hinges 0..k are on and c_0 + ... + c_k = δ_k, the slope of the chord there."
    )


# --- 10.2: how many hinges for a tolerance --------------------------------------------------------------------

TOLERANCE = 1e-4
_SIN = (np.sin, 0.0, 2 * np.pi)
_MEASURED_UP_TO = 2000  # above this, the error is Δ**2 / 8 (to 3 digits) and is not measured


def _hinge_error(n):
    """The max error of section 3's hinges for sin x on [0, 2pi] with n units."""
    f, a, b = _SIN
    if n > _MEASURED_UP_TO:
        return ((b - a) / n) ** 2 / 8
    return approximation.approximation_error(f, approximation.relu_interpolant(f, a, b, n), a, b)


@functools.lru_cache(maxsize=1)
def fewest_hinges():
    """The smallest n whose max error is at most TOLERANCE (the bound Δ**2 / 8 <= TOLERANCE, checked by measuring)."""
    f, a, b = _SIN
    n = int(np.ceil((b - a) / np.sqrt(8 * TOLERANCE)))
    while _hinge_error(n) > TOLERANCE:
        n += 1
    while n > 1 and _hinge_error(n - 1) <= TOLERANCE:
        n -= 1
    return n


def _how_far(error):
    """How far an error is above the tolerance: "by 0.1%" close to it, "1339 times 1e-4" far above."""
    ratio = error / TOLERANCE
    return f"by {100 * (ratio - 1):.1f}%" if ratio < 2 else f"{fmt(ratio, 3)} times 1e-4"


@register(
    "10.2",
    fewest_units="the smallest number K of ReLU hinges with a max error of at most 1e-4 on sin x, a whole number",
)
def check_10_2(fewest_units):
    """Measure the hinges' max error at the learner's N (and at N - 1): the smallest N that meets the tolerance."""
    n = integer("fewest_units", fewest_units, example="100")
    require(n >= 1, f"`fewest_units` = {n}: a number of hidden units is at least 1")
    best = fewest_hinges()
    error = _hinge_error(n)
    formula = "the max error is about Δ²/8 · max|f''| with Δ = 2π/K and max|f''| = 1 for sin: solve Δ²/8 ≤ 1e-4 for K"
    if error > TOLERANCE:
        rounding = (
            "; you are one short: the formula gives a fraction, round K up, not to the nearest whole number"
            if n == best - 1
            else ""
        )
        return not_yet(
            f"with K = {n} hinges the max error is {fmt(error)}, above 1e-4 ({_how_far(error)}): "
            f"more hinges are needed; {formula}{rounding}"
        )
    if n > 2 * best:
        return not_yet(
            f"K = {n} hinges meet the tolerance with a wide margin (max error {fmt(error)}, "
            f"{fmt(TOLERANCE / error, 2)} times below 1e-4): the question asks for the smallest K; {formula}"
        )
    if n > best:
        return not_yet(
            f"K = {n} hinges meet the tolerance (max error {fmt(error)}), but so do K = {n - 1} (max error "
            f"{fmt(_hinge_error(n - 1))}): the question asks for the smallest K; {formula}"
        )
    return correct(
        f"K = {n}: Δ = 2π/{n} = {fmt(2 * np.pi / n)} gives Δ²/8 = {fmt(error)} ≤ 1e-4, while K = {n - 1} gives "
        f"{fmt(_hinge_error(n - 1))}; the error is second order, so 10 times more accuracy costs only about √10 ≈ 3.2 "
        "times more units."
    )


# --- 10.3: raw inputs (a prediction) --------------------------------------------------------------------------

#: Section 5's training, for the ReLU networks of 16 units (the check repeats it on raw and standardised x).
M, N_H, SEEDS = 64, 16, (0, 1, 2, 3, 4)
SETTINGS = dict(learning_rate=0.1, init="lecun", num_iterations=3000, output="identity")
FLAT = 0.6  # an RMS error above this is no better than the constant 0 (whose RMS error is 1/sqrt(2) = 0.707)
PREDICTIONS = ("lower", "similar", "higher", "flat")


@functools.lru_cache(maxsize=1)
def raw_input_errors():
    """Median RMS errors (over SEEDS) of the 16-unit ReLU networks on standardised and on raw x; dead units."""
    x = np.linspace(0, 2 * np.pi, M)
    x_test = np.linspace(0, 2 * np.pi, 1001)
    Y, Y_test = np.sin(x).reshape(1, -1), np.sin(x_test).reshape(1, -1)
    result = {}
    for name, mean, std in (("standardised", x.mean(), x.std()), ("raw", 0.0, 1.0)):
        rows = experiments.compare(
            ((x - mean) / std).reshape(1, -1), Y, activations="relu", hidden_sizes=N_H, seeds=SEEDS,
            X_test=((x_test - mean) / std).reshape(1, -1), Y_test=Y_test, progress=False, n_jobs=1, **SETTINGS,
        )  # fmt: skip
        result[name] = float(np.median([row["test_error"] for row in rows]))
        result[f"{name} dead"] = [row["dead_units"] for row in rows]
    return result


def _verdict(raw, standardised):
    if raw >= FLAT:
        return "flat"
    if raw < 0.8 * standardised:
        return "lower"
    return "similar" if raw <= 1.25 * standardised else "higher"


@register(
    "10.3",
    reveals=("ReLU fails outright", "all 16 units are dead"),
    prediction="your prediction for the ReLU networks on the raw x: 'lower', 'similar', 'higher' or 'flat'",
)
def check_10_3(prediction):
    """A prediction, compared with what training on the raw x does (section 5's settings, 16 ReLU units, 5 seeds)."""
    predicted = choice("prediction", prediction, PREDICTIONS)
    errors = raw_input_errors()
    happened = _verdict(errors["raw"], errors["standardised"])
    dead = errors["raw dead"]
    outcome = (
        f"on the raw x the median RMS error is {errors['raw']:.3f} (dead units per seed: {dead} of {N_H}), against "
        f"{errors['standardised']:.3f} on the standardised x̃"
    )
    if predicted != happened:
        return not_yet(
            f"you predicted '{predicted}', but {outcome}: '{happened}'. Where does every kink start, with b1 = 0, on "
            "the raw x? And how large is the first step on w1, whose gradient is proportional to x? Run the cell "
            "after the solution"
        )
    return correct(
        f"you predicted '{predicted}', and {outcome}: every unit starts with its kink at x = 0, the left end of the "
        "data, and the first gradient steps, proportional to x (up to 6.3), push the units to their flat side, "
        "where their gradient is 0 for good; the network is left with the constant b2."
    )
