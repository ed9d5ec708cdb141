"""Checks of notebook 02's exercises (02_sum_of_sigmoids)."""

import functools

import numpy as np

from .. import activations
from ._registry import register
from .feedback import array, correct, fmt, function, integer, not_yet, number, safe_call

# The blog's experiment: N = 100 sigmoids with offsets spread evenly over [0, L], L = 9.8
N, L = 100, 9.8
# 02.1: where the trapezoid gap is looked at (the notebook's wide window)
Z_WIDE = np.linspace(-10, 30, 801)
# 02.4: the window z_check of section 4, the target gap, and the largest N a check computes
Z_CHECK = np.linspace(-10, 2 * L + 10, 1601)
TARGET = 1e-4
LARGEST_N = 2000


def _integral(z, last=L):
    """The integral of sigma(z - a) over a from 0 to ``last``: softplus(z) - softplus(z - last)."""
    return activations.softplus(z) - activations.softplus(z - last)


def _trapezoid_gap(z, n=N):
    """Trapezoid-weighted sum of n sigmoids with offsets over [0, L], minus the integral, at z."""
    z = np.asarray(z, dtype=float)
    return activations.sum_of_sigmoids(z, np.linspace(0, L, n), weights="trapezoid") - _integral(z)


@register(
    "02.1",
    reveals=("Δ²/48 at z = 0", "at z = 0 and z = R", "peaks at z = 0"),
    predicted_z="your prediction of the z where the trapezoid gap is largest, a number",
)
def check_02_1(predicted_z):
    """A prediction: the trapezoid gap is largest at z = 0 (+D^2/48) and z = L (-D^2/48), ~0 far right."""
    value = number("predicted_z", predicted_z, example="-3")
    delta = L / (N - 1)
    largest = float(np.max(np.abs(_trapezoid_gap(Z_WIDE))))
    where = (
        f"the trapezoid gap is largest at z = 0 (+Δ²/48 = +{fmt(delta**2 / 48, 3)}) and at z = R = {L:g} "
        f"(−Δ²/48), where the first and the last sigmoid switch on"
    )
    if min(abs(value), abs(value - L)) <= 1:
        return correct(f"{where}; to the right of R every sigmoid is flat and the gap fades to 0.")
    there = abs(float(_trapezoid_gap([value])[0]))
    if value > L + 1:
        return not_yet(
            f"you predicted z = {fmt(value)}, to the right of the last offset, where the PLAIN gap is largest; the "
            f"trapezoid gap there is only {fmt(there, 2)}: {where} (the log plot below shows it)"
        )
    return not_yet(
        f"you predicted z = {fmt(value)}, where the trapezoid gap is {fmt(there, 2)}, not its largest "
        f"{fmt(largest, 3)}: {where} (the log plot below shows it)"
    )


@register(
    "02.2",
    reveals=("levels off at KΔ", "KΔ = R·K/(K − 1)", "plateau is 9.8·100/99"),
    predicted_plateau="your prediction of the value Δ·Σσ(z − τ_k) levels off at, a number",
)
def check_02_2(predicted_plateau):
    """A prediction: past the last offset every sigmoid is 1, so the sum levels off at N D = L N / (N - 1)."""
    value = number("predicted_plateau", predicted_plateau, example="4.5", finite=False)
    plateau = N * L / (N - 1)
    why = (
        f"past the last offset R every sigmoid is (almost) 1, so Δ·Σσ(z − τ_k) levels off at K·Δ = R·K/(K − 1) = "
        f"{plateau:.3f}, just above R = {L:g}, and its slope goes to 0"
    )
    if abs(value - plateau) <= 0.02 * plateau:
        return correct(f"{why}.")
    if abs(value - N) <= 1:
        return not_yet(
            f"you predicted {fmt(value)}, the number of sigmoids K; the sum is multiplied by Δ: the next cells show "
            f"that {why}"
        )
    if value > 2 * L:
        return not_yet(
            f"you predicted {fmt(value)}, as if the sum kept rising like softplus; the next cells show that {why}"
        )
    return not_yet(f"you predicted {fmt(value)}; the next cells show that {why}")


# 02.3: the (n, L) settings and the z grid scaled_sum is tried on
SETTINGS = ((100, 9.8), (7, 3.0), (1000, 20.0), (2, 1.0))
Z_SUM = np.linspace(-10, 40, 101)


def _raw_sum(n, last):
    return activations.sum_of_sigmoids(Z_SUM, np.linspace(0, last, n))


# Common mistakes, each as (how it scales the raw sum of n sigmoids over [0, last], the hint)
MISTAKES = (
    (lambda n, last: 1 / n, "you divided by K (the average); multiply by the spacing Δ = R/(K − 1) instead"),
    (
        lambda n, last: last / n,
        "you multiplied by R/K: K offsets spread over [0, R] have K − 1 gaps, so Δ = R/(K − 1)",
    ),
    (lambda n, last: 1 / 10, "10 is the blog's constant; it fits K = 100, R = 9.8 only by luck: multiply by Δ"),
    (lambda n, last: 1.0, "that is the raw sum Σσ(z − τ_k); multiply it by the spacing Δ of the offsets"),
    (lambda n, last: (n - 1) / last, "you multiplied by (K − 1)/R = 1/Δ; multiply by Δ = R/(K − 1) itself"),
)


@register("02.3", scaled_sum="your function scaled_sum(z, n, R): Δ·Σσ(z − τ_k) for n offsets over [0, R]")
def check_02_3(scaled_sum):
    """scaled_sum(z, n, L) = D sum_k sigma(z - a_k), D = L / (n - 1), for several (n, L), whole arrays z."""
    scaled_sum = function("scaled_sum", scaled_sum, of="z, n and R")
    for n, last in SETTINGS:
        got = safe_call("scaled_sum", scaled_sum, Z_SUM.copy(), n, last, at=f"n = {n}, R = {last:g}")
        if got is None:
            return not_yet("`scaled_sum` returned None: did you forget `return`?")
        got = array(f"scaled_sum(z, {n}, {last:g})", got)
        if got.shape != Z_SUM.shape:
            return not_yet(
                f"`scaled_sum(z, {n}, {last:g})` has shape {got.shape} for z of shape {Z_SUM.shape}: return one value "
                "per z (activations.sum_of_sigmoids(z, offsets) gives one per z)"
            )
        raw = _raw_sum(n, last)
        expected = raw * last / (n - 1)
        if np.allclose(got, expected, rtol=1e-9, atol=1e-12):
            continue
        for factor, hint in MISTAKES:
            if np.allclose(got, raw * factor(n, last), rtol=1e-9, atol=1e-12):
                return not_yet(f"for n = {n}, R = {last:g}: {hint}")
        if np.allclose(got, _integral(Z_SUM, last), rtol=1e-9, atol=1e-12):
            return not_yet(
                "that is the integral softplus(z) − softplus(z − R), which the sum approximates; compute the sum of "
                "the n sigmoids itself, times Δ"
            )
        worst = int(np.argmax(np.abs(got - expected)))
        return not_yet(
            f"for n = {n}, R = {last:g} at z = {fmt(Z_SUM[worst])} yours is {fmt(got[worst])}, expected "
            f"{fmt(expected[worst])}: use n offsets np.linspace(0, R, n) and multiply their sum by Δ = R/(n − 1)"
        )
    return correct(
        "Δ·Σσ(z − τ_k) with Δ = R/(K − 1) is the Riemann sum of ∫₀ᴿ σ(z − τ) dτ = softplus(z) − softplus(z − R), "
        "whatever K and R are: the blog's 1/10 only matched it for K = 100 and R = 9.8."
    )


@functools.lru_cache(maxsize=256)
def _largest_trapezoid_gap(n):
    return float(np.max(np.abs(_trapezoid_gap(Z_CHECK, n))))


@register("02.4", smallest_n="the smallest number of sigmoids K for a trapezoid gap within 1e-4, a whole number")
def check_02_4(smallest_n):
    """The smallest N with max |trapezoid sum - integral| <= 1e-4 on z_check: N = 143 (D^2/48 <= 1e-4)."""
    n = integer("smallest_n", smallest_n, example="50")
    if n < 2:
        return not_yet(f"`smallest_n` = {n}: the trapezoid rule needs at least two offsets, K ≥ 2")
    if n > LARGEST_N:
        return not_yet(
            f"`smallest_n` = {n} is far more than needed: K = {LARGEST_N} already gives a gap of "
            f"{fmt(_largest_trapezoid_gap(LARGEST_N), 2)}; start from Δ²/48 ≤ 1e-4 and Δ = R/(K − 1)"
        )
    gap = _largest_trapezoid_gap(n)
    if gap > TARGET:
        return not_yet(
            f"with K = {n} the largest gap is {fmt(gap, 3)}, above 1e-4: you need more sigmoids (Δ²/48 ≤ 1e-4 gives "
            "Δ ≤ √(48e-4); then K − 1 ≥ R/Δ)"
        )
    below = _largest_trapezoid_gap(n - 1)
    if below <= TARGET:
        return not_yet(
            f"K = {n} works (gap {fmt(gap, 3)}), but K = {n - 1} already stays within 1e-4 (gap {fmt(below, 3)}): "
            "look for the smallest K"
        )
    return correct(
        f"K = {n} gives a gap of {fmt(gap, 3)} and K = {n - 1} gives {fmt(below, 3)}: Δ²/48 ≤ 1e-4 means "
        f"Δ ≤ {np.sqrt(48 * TARGET):.4f}, so K − 1 ≥ {L / np.sqrt(48 * TARGET):.2f} sigmoid gaps."
    )
