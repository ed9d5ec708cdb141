"""Checks of notebook 03's exercises (03_softplus)."""

import numpy as np

from .. import activations
from ._registry import register
from .feedback import (
    Rejected,
    close_to,
    compare_on_grid,
    correct,
    fmt,
    function,
    not_yet,
    number,
    quiet,
    safe_call,
    within_decimals,
)

# 03.1: the two inputs at which the naive formula log(1 + exp(z)) is predicted
NAIVE_AT = (1000.0, -40.0)


def _naive_softplus(z):
    with quiet("ignore"):
        return float(np.log(1 + np.exp(np.float64(z))))


@register(
    "03.1",
    reveals=("log(\\infty) = \\infty", "returns 0 although", "`inf` at 1000"),
    naive_at_1000="your prediction of np.log(1 + np.exp(z)) at z = 1000, a number (np.inf counts)",
    naive_at_minus_40="your prediction of np.log(1 + np.exp(z)) at z = -40, a number",
)
def check_03_1(naive_at_1000, naive_at_minus_40):
    """A prediction: the naive formula returns inf at z = 1000 (e^1000 overflows) and 0 at z = -40 (1 + e^-40 == 1)."""
    high = number("naive_at_1000", naive_at_1000, example="np.inf", finite=False)
    low = number("naive_at_minus_40", naive_at_minus_40, example="0.5", finite=False)
    got_high, got_low = (_naive_softplus(z) for z in NAIVE_AT)  # what the formula really returns: inf and 0.0
    true_low = float(activations.softplus(NAIVE_AT[1]))
    problems = []
    if high != got_high:
        if np.isfinite(high) and abs(high - 1000) <= 1:
            problems.append(
                f"`naive_at_1000` = {fmt(high)} is the true value, but the formula never gets there: e^1000 overflows "
                f"to inf (the largest double is about 1.8e308), and log(1 + inf) = {fmt(got_high)}"
            )
        else:
            problems.append(
                f"`naive_at_1000` = {fmt(high)}: the formula returns {fmt(got_high)}, because e^1000 overflows to inf "
                "(the largest double is about 1.8e308)"
            )
    if low != got_low:
        if np.isfinite(low) and 0 < low < 1e-10:
            problems.append(
                f"`naive_at_minus_40` = {fmt(low)} is (about) the true value {fmt(true_low)}, but the formula returns "
                f"{fmt(got_low)}: 1 + e^−40 = 1 + 4.2e-18 rounds to exactly 1 (doubles keep about 16 digits), and "
                "log(1) = 0"
            )
        else:
            problems.append(
                f"`naive_at_minus_40` = {fmt(low)}: the formula returns {fmt(got_low)}, because 1 + e^−40 = "
                "1 + 4.2e-18 rounds to exactly 1 (doubles keep about 16 digits), and log(1) = 0"
            )
    if problems:
        return not_yet("; ".join(problems) + " (the next cell shows both)")
    return correct(
        "e^1000 overflows, so log(1 + inf) = inf; and 1 + e^−40 rounds to exactly 1, so log(1) = 0 although the "
        "true value is 4.2e-18: the textbook formula is wrong at both ends."
    )


# 03.2: softplus_beta is never more than GAP_LIMIT away from ReLU for beta >= log(2) / GAP_LIMIT
GAP_LIMIT = 0.01
BETA = np.log(2) / GAP_LIMIT  # 69.3147...


@register("03.2", beta="the smallest sharpness β for which softplus_β stays within 0.01 of ReLU, a number")
def check_03_2(beta):
    """The largest gap log(2) / beta (at z = 0) is 0.01 for beta = 100 log 2 = 69.3147; within 0.01 is accepted."""
    value = number("beta", beta, example="20")
    if value <= 0:
        return not_yet(f"`beta` = {fmt(value)}: the sharpness β must be positive")
    gap = np.log(2) / value
    within = within_decimals(value, BETA, 2)  # to 2 decimals: 69.31, cut off or rounded
    if not within and value < BETA:
        return not_yet(
            f"`beta` = {fmt(value, 6)} is too small: the gap at z = 0 is then log(2)/β = {fmt(gap, 6)} > 0.01; "
            "the largest gap is log(2)/β (section 3): make it exactly 0.01"
        )
    if not within:
        return not_yet(
            f"`beta` = {fmt(value, 6)} keeps the gap within 0.01 (log(2)/β = {fmt(gap, 6)}) but is not the smallest "
            "such β: the largest gap is log(2)/β (section 3): make it exactly 0.01"
        )
    hair = ""
    if gap > 1.00001 * GAP_LIMIT:
        hair = f" ({fmt(value, 6)} itself gives {gap:.7f}, a hair above 0.01: round up, to 69.32, to be safe)"
    return correct(
        f"the largest gap is log(2)/β at z = 0, so β = log(2)/0.01 = {BETA:.4f} is the smallest sharpness that keeps "
        f"softplus_β within 0.01 of ReLU; any value within 0.01 of it is accepted (2 decimals){hair}."
    )


# 03.3: softplus(-3) is given; softplus(3) follows from softplus(z) - softplus(-z) = z
GIVEN_Z = 3.0


@register("03.3", softplus_3="softplus(3), worked out from softplus(−3) and the identity, a number")
def check_03_3(softplus_3):
    """softplus(3) = 3 + softplus(-3) = 3.04859 (the identity softplus(z) - softplus(-z) = z)."""
    expected = float(activations.softplus(GIVEN_Z))
    value = number("softplus_3", softplus_3, example="1.5")
    if abs(value - (GIVEN_Z - float(activations.softplus(-GIVEN_Z)))) <= 5e-4:
        return not_yet(
            f"`softplus_3` = {fmt(value, 6)} is 3 − softplus(−3): the identity says softplus(3) − softplus(−3) = 3, "
            "so add"
        )
    close_to(
        "softplus_3",
        value,
        expected,
        decimals=2,
        hint="put z = 3 into softplus(z) − softplus(−z) = z and solve for softplus(3)",
    )
    return correct(
        f"softplus(3) = 3 + softplus(−3) = {expected:.5f}: for z > 0, softplus(z) = z + softplus(−z) = z + "
        "log(1 + e^−z), the form of section 4 that never overflows."
    )


# 03.4: the grid my_softplus runs on (huge |z|, the overflow threshold, z = -40 where 1 + e^z == 1, 0, tiny z)
SOFTPLUS_GRID = np.array([-1e300, -745.0, -40.0, -1.0, 0.0, 1e-10, 1.0, 40.0, 709.0, 710.0, 1e300])
OVERFLOW_HINT = (
    "exp must never see a large positive number (e^z overflows beyond z ≈ 709.78), not even inside np.where, "
    "which computes both of its branches at every z before choosing; write each term so that exp only ever sees "
    "−|z| ≤ 0 (section 4)"
)


@register("03.4", my_softplus="your softplus: a function of the array z that never overflows")
def check_03_4(my_softplus):
    """my_softplus agrees with softplus to 14 digits on SOFTPLUS_GRID, with overflow raising an error."""
    my_softplus = function("my_softplus", my_softplus)
    try:
        compare_on_grid(
            "my_softplus",
            my_softplus,
            activations.softplus,
            SOFTPLUS_GRID,
            rtol=1e-14,
            errstate="raise",
            hint="compare your formula, term by term, with section 4's max(z, 0) + log(1 + e^−|z|)",
        )
    except Rejected as rejected:
        message = str(rejected)
        if "FloatingPointError" in message:
            raise Rejected(f"{message}: {OVERFLOW_HINT}") from rejected
        if "differs" in message:  # wrong values (not a crash): name z = -40 if the digits are lost there
            _check_at_minus_40(my_softplus)
        raise
    return correct(
        "max(z, 0) + log1p(e^−|z|) only ever exponentiates −|z| ≤ 0, so nothing overflows, and log1p keeps every "
        "digit of tiny values such as softplus(−40) = 4.2e-18."
    )


def _check_at_minus_40(my_softplus):
    """Stop the check with a specific hint if the learner's softplus loses the digits of softplus(-40)."""
    ordinary = np.array([-5.0, -1.0, 0.0, 1.0, 5.0, 40.0])
    try:
        right_elsewhere = np.allclose(safe_call("my_softplus", my_softplus, ordinary), activations.softplus(ordinary))
    except (Rejected, TypeError, ValueError):
        return
    if not right_elsewhere:  # wrong for another reason: the general message names the points
        return
    z = np.array([-40.0])
    got = safe_call("my_softplus", my_softplus, z, at="z = -40")
    try:
        got = float(np.asarray(got, dtype=float).ravel()[0])
    except (TypeError, ValueError, IndexError):
        return
    expected = float(activations.softplus(z)[0])
    if abs(got - expected) > 1e-14 * expected:
        off = abs(got - expected)
        raise Rejected(
            f"at z = -40 yours is {fmt(got)}, softplus(−40) is {fmt(expected)}: off by {fmt(off)} "
            f"({fmt(100 * off / expected, 3)}% of it); 1 + e^−40 = 1 + 4.2e-18 rounds to exactly 1, so log(1 + e^−40) "
            "loses every digit: np.log1p(x) computes log(1 + x) without forming 1 + x"
        )
