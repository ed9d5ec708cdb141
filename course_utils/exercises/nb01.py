"""Checks of notebook 01's exercises (01_sigmoid)."""

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
    safe_call,
    within_decimals,
)

# 01.2: a neuron sigma(w x + b) with these parameters; its output is 1/2 at x = -b / w
NEURON_W, NEURON_B = -4.0, 10.0
# 01.3: the slope the sigmoid has to fall to, and the exact distance where sigma'(u) = SLOPE
SLOPE = 1e-6
# sigma'(u) = 1 / (4 cosh^2(u / 2)) = SLOPE  <=>  |u| = 2 arccosh(1 / sqrt(4 SLOPE))
DISTANCE = 2 * np.arccosh(1 / np.sqrt(4 * SLOPE))
# 01.4: the grid my_tanh runs on: large |z| (where exp overflows), 0, tiny and ordinary values
TANH_GRID = np.array([-1000.0, -40.0, -5.0, -1.0, -1e-3, 0.0, 1e-10, 1e-3, 0.5, 1.0, 5.0, 40.0, 1000.0])


@register(
    "01.1",
    reveals=("tanh'(0) = 1", "four times the sigmoid's", "four times steeper"),
    predicted_slope="your prediction of the slope of tanh at z = 0, a number",
)
def check_01_1(predicted_slope):
    """A prediction: tanh'(0) = 1, four times sigma'(0) = 1/4 (tanh(z) = 2 sigma(2z) - 1, chain rule)."""
    value = number("predicted_slope", predicted_slope, example="0.5")
    slope = float(activations.tanh_derivative(0.0))
    why = "the identity tanh(z) = 2σ(2z) − 1 multiplies σ's slope ¼ by 2 twice (the 2 in front and the 2 inside σ)"
    if abs(value - slope) <= 0.05:
        return correct(f"tanh′(0) = {fmt(slope)}, four times σ′(0) = ¼: {why}, 2 · 2 · ¼ = 1.")
    if abs(value - 0.25) <= 0.01:
        return not_yet(f"you predicted {fmt(value)}, σ's own slope at 0; the next cell measures tanh′(0) = 1: {why}.")
    if abs(value - 0.5) <= 0.01:
        return not_yet(
            f"you predicted {fmt(value)}, one factor 2 times σ′(0) = ¼; the next cell measures tanh′(0) = 1: {why}."
        )
    return not_yet(f"you predicted {fmt(value)}; the next cell measures tanh′(0) = 1: {why}, 2 · 2 · ¼ = 1.")


@register("01.2", midpoint="the input x at which the neuron's output is 1/2, a number")
def check_01_2(midpoint):
    """sigma(w x + b) = 1/2 where the pre-activation w x + b is 0: x = a = -b / w."""
    close_to(
        "midpoint",
        midpoint,
        -NEURON_B / NEURON_W,
        decimals=2,
        hint=f"the output is ½ where the pre-activation z = wx + b = {NEURON_W:g}x + {NEURON_B:g} is 0: solve for x "
        "(section 3: τ = −b/w)",
    )
    return correct(
        f"σ(wx + b) = ½ where wx + b = 0, at x = −b/w = {-NEURON_B / NEURON_W:g}; with w < 0 the output falls from "
        "1 to 0 as x grows past it."
    )


@register("01.3", distance="the distance |z − τ| from the midpoint where the slope is 1e-6, a number")
def check_01_3(distance):
    """sigma'(u) = 1e-6 at |u| = 2 arccosh(1 / sqrt(4e-6)) = 13.82 (about log(1e6): sigma'(u) ~ e^-|u| far out)."""
    value = number("distance", distance, example="3.64")
    if value <= 0:
        return not_yet(f"`distance` = {fmt(value)}: a distance |z − τ| is positive")
    if within_decimals(value, DISTANCE, 2):  # to 2 decimals: 13.82 or 13.81
        return correct(
            f"σ′ falls to 1e-6 at |z − τ| = {DISTANCE:.2f}, where σ′(u) ≈ e^(−|u|); a unit that far from its midpoint "
            "passes on a millionth of the gradient."
        )
    slope = float(activations.sigmoid_derivative(value))
    direction = "too far" if value > DISTANCE else "not far enough"
    return not_yet(
        f"at |z − τ| = {fmt(value)} the slope is {fmt(slope, 3)}, not 1e-6 ({direction}); the slope 1e-6 is the "
        "fraction f = 1e-6 / ¼ = 4e-6 of the peak ¼: put that f into the formula of section 4"
    )


@register("01.4", my_tanh="your tanh: a function of the array z built from activations.sigmoid")
def check_01_4(my_tanh):
    """my_tanh(z) = 2 sigma(2z) - 1 on a grid with large |z|, 0 and tiny z; an array, not a list."""
    my_tanh = function("my_tanh", my_tanh)
    values = safe_call("my_tanh", my_tanh, TANH_GRID.copy())
    if isinstance(values, (list, tuple)):
        return not_yet(
            "`my_tanh` returns a Python list; return a numpy array (section 6: a list is not an array): use numpy "
            "operations on the whole array z, with no loop over its values"
        )
    try:
        compare_on_grid(
            "my_tanh",
            my_tanh,
            np.tanh,
            TANH_GRID,
            rtol=1e-12,
            atol=1e-15,
            hint="tanh(z) = 2σ(2z) − 1 (section 5): check both factors 2 and the − 1",
        )
    except Rejected as rejected:
        if _overflows_only(my_tanh):
            raise Rejected(
                "`my_tanh` is right wherever it gives a finite number, but it overflows for large |z| (at z = "
                f"{fmt(TANH_GRID[0])} it returns {fmt(_values(my_tanh)[0])}): an e^(±2z) of your formula exceeds "
                "the largest float; write it with activations.sigmoid, which never overflows (section 6)"
            ) from rejected
        if _same(my_tanh, lambda z: np.tanh(z / 2)):
            raise Rejected(
                "`my_tanh` computes 2σ(z) − 1 = tanh(z/2): the identity has 2z inside σ, tanh(z) = 2σ(2z) − 1"
            ) from rejected
        raise
    return correct(
        "tanh(z) = 2σ(2z) − 1: a sigmoid squeezed by 2 along z, stretched by 2 and moved down by 1, so it runs "
        "from −1 to 1 and is 0 at z = 0."
    )


def _values(func):
    """The learner's ``func`` on TANH_GRID as floats, or None when it raises or gives another shape."""
    try:
        got = np.asarray(safe_call("my_tanh", func, TANH_GRID.copy()), dtype=float)
    except (Rejected, TypeError, ValueError):
        return None
    return got if got.shape == TANH_GRID.shape else None


def _same(func, reference):
    """Whether the learner's ``func`` computes ``reference`` on the grid (to diagnose a common mistake)."""
    got = _values(func)
    return got is not None and np.allclose(got, reference(TANH_GRID), rtol=1e-9, atol=1e-12)


def _overflows_only(func):
    """Whether the learner's ``func`` is tanh wherever it is finite and nan or inf somewhere (a right formula
    that overflows for large |z|)."""
    got = _values(func)
    if got is None:
        return False
    finite = np.isfinite(got)
    return not finite.all() and np.allclose(got[finite], np.tanh(TANH_GRID[finite]), rtol=1e-9, atol=1e-12)
