"""Checks of notebook 04's exercises (04_relu)."""

import functools
from statistics import NormalDist

import numpy as np

from .. import activations
from ._registry import register
from .feedback import array, arrays_close, close_to, correct, fmt, function, not_yet, number, require, safe_call

#: Exercise 2's set-up: the layer of notebook 04, section 4 (seed 0, n_x = 10, 100 units, m = 1000), shift -3.
LAYER_SEED, N_X, N_UNITS, M, SHIFT = 0, 10, 100, 1000, -3
M_FIRST = 100  # the prediction is about the first 100 examples
# The band the exercise states ("within 0.1"): the spread between units (their norms differ) and between samples
PREDICTION_TOLERANCE = 0.1


@register("04.1", p_never_fires="the probability that the unit never fires on the 1000 examples (between 0 and 1)")
def check_04_1(p_never_fires):
    """P(never fires) = Phi(3)**1000: each example leaves the unit off with probability Phi(3)."""
    p = number("p_never_fires", p_never_fires, example="0.5")
    one = NormalDist().cdf(3.0)
    expected = one**1000
    require(
        abs(p - 1000 * (1 - one)) > 0.005,
        "1000 · Φ(-3) is the expected number of examples on which the unit fires, not a probability of never firing",
    )
    require(not 1 < p <= 100, f"`p_never_fires` = {fmt(p)} looks like a percent; give a probability between 0 and 1")
    require(0 <= p <= 1, f"`p_never_fires` = {fmt(p)} is not a probability; it must lie between 0 and 1")
    require(
        abs(p - one) > 0.005,
        "that is the probability for one example (Φ(3) = 0.9987); the unit must stay at z ≤ 0 on all 1000 "
        "independent examples at once",
    )
    require(
        abs(p - (1 - expected)) > 0.005,
        "that is the probability that the unit fires at least once; the question asks for never firing",
    )
    require(
        p > 0.005,
        "far too low: z ~ 𝒩(-3, 1) is at most 0 with probability Φ(3) = 0.9987 (z + 3 is standard normal and must be "
        "at most 3), not Φ(-3)",
    )
    close_to(
        "p_never_fires",
        p,
        expected,
        decimals=2,
        hint="take P(z ≤ 0) for one example and raise it to the power of the number of examples",
    )
    return correct(
        f"Φ(3)^1000 = {expected:.2f}: each example leaves the unit off with probability Φ(3) = 0.9987, and all 1000 "
        "independent examples must; so about a quarter of such units are dead from the start."
    )


@functools.lru_cache(maxsize=1)
def dead_fractions():
    """Dead fraction of notebook 04's layer at shift -3 on its first 100 examples and on all 1000."""
    rng = np.random.RandomState(LAYER_SEED)
    X = rng.standard_normal((N_X, M))
    W = rng.standard_normal((N_UNITS, N_X)) / np.sqrt(N_X)
    first = float(np.all(W @ X[:, :M_FIRST] + SHIFT <= 0, axis=1).mean())
    full = float(np.all(W @ X + SHIFT <= 0, axis=1).mean())
    return first, full


@register(
    "04.2",
    reveals=("81 of the 100 units",),
    predicted_dead_fraction="your prediction, a fraction between 0 and 1 (such as 0.3)",
)
def check_04_2(predicted_dead_fraction):
    """Fewer examples, fewer chances to fire: on 100 examples far more units look dead than on 1000."""
    p = number("predicted_dead_fraction", predicted_dead_fraction, example="0.3")
    require(
        not 1 < p <= 100,
        f"`predicted_dead_fraction` = {fmt(p)} looks like a percent; give a fraction between 0 and 1",
    )
    require(0 <= p <= 1, f"`predicted_dead_fraction` = {fmt(p)} is not a fraction; it must lie between 0 and 1")
    actual, full = dead_fractions()
    gap = p - actual
    if gap < -PREDICTION_TOLERANCE:
        return not_yet(
            f"your prediction {fmt(p)} is too low: with only {M_FIRST} examples each unit has fewer chances to fire "
            f"even once, so more units look dead than the {fmt(full)} on all {M} (P(never) = P(z ≤ 0)^m grows as m "
            "shrinks); the next cell shows how many"
        )
    if gap > PREDICTION_TOLERANCE:
        return not_yet(
            f"your prediction {fmt(p)} is too high: units with larger weights still fire on one of {M_FIRST} examples "
            f"now and then (exercise 1 with m = {M_FIRST}: Φ(3)^{M_FIRST} for ‖w‖ = 1); the next cell shows how many"
        )
    return correct(
        f"you predicted {fmt(p)}; on its first {M_FIRST} examples the layer has {actual:.2f} of its units dead, "
        f"against {full:.2f} on all {M}: a unit has fewer chances to fire on fewer examples."
    )


@register("04.3", leaky_relu_backward="a function of (dA, A, slope) that returns dZ")
def check_04_3(leaky_relu_backward):
    """leaky ReLU(z) has the sign of z, so A > 0 marks z > 0: dZ = dA where A > 0 and slope * dA elsewhere."""
    backward = function("leaky_relu_backward", leaky_relu_backward, of="(dA, A, slope)")
    rng = np.random.RandomState(43)
    Z = 3.0 * rng.standard_normal((3, 40))  # no exact zeros: conventions at the kink differ (section 2)
    dA = rng.standard_normal(Z.shape)
    for slope in (0.01, 0.2, 0.0):
        A = activations.leaky_relu(Z, slope=slope)
        expected = dA * activations.leaky_relu_derivative(Z, slope=slope)
        got = safe_call("leaky_relu_backward", backward, dA, A, slope, at=f"slope = {slope}")
        require(got is not None, "`leaky_relu_backward` returned None: did you forget `return`?")
        got = array("leaky_relu_backward(dA, A, slope)", got, shape=Z.shape)
        with np.errstate(all="ignore"):
            same = {
                "mask": np.allclose(got, dA * (A > 0)),
                "derivative": np.allclose(got, activations.leaky_relu_derivative(Z, slope=slope)),
                "times_a": np.allclose(got, dA * A),
            }
        require(
            not (slope > 0 and same["mask"]),
            f"with slope = {slope} your dZ is 0 wherever A ≤ 0: that is ReLU's mask; leaky ReLU lets slope · dA "
            "through on the negative side",
        )
        require(not same["derivative"], "you returned the derivative itself; dZ is dA times the derivative")
        require(not same["times_a"], "you multiplied dA by A itself; the derivative is 1 or the slope, not the output")
        arrays_close(
            "leaky_relu_backward(dA, A, slope)",
            got,
            expected,
            rtol=1e-12,
            atol=1e-15,
            hint=f"with slope = {slope}, dZ must be dA where A > 0 and slope · dA where A < 0",
        )
    return correct(
        "leaky ReLU(z) has the sign of z, so A > 0 marks exactly the examples with z > 0: the backward pass needs "
        "only A, for leaky ReLU as for ReLU (dZ = dA there, s · dA elsewhere)."
    )
