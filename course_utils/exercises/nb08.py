"""Checks of notebook 08's exercises (08_activation_comparison)."""

import functools
import numbers

import numpy as np

from .. import activations, experiments, network
from ._registry import register
from .feedback import (
    GRADIENT_CHECK_TOLERANCE,
    Rejected,
    choice,
    correct,
    derivative_mistake,
    describe,
    flower,
    fmt,
    fmt_apart,
    function,
    judged_derivative,
    not_yet,
    require,
    safe_call,
)

N_H = 4  # the course's network: 4 hidden units


# --- 08.1: the 1-unit ELU network over ten seeds (a prediction) ---------------------------------------------

ELU_SEEDS = tuple(range(10))
CHANCE = 50.0  # percent: 200 points of each class


@functools.lru_cache(maxsize=1)
def _elu_one_unit():
    """Training accuracy (%) of the 1-unit ELU network for seeds 0-9, with section 1's settings."""
    X, Y = flower()
    rows = experiments.compare(
        X,
        Y,
        ("elu",),
        hidden_sizes=(1,),
        seeds=ELU_SEEDS,
        learning_rate=1.2,
        num_iterations=5000,
        init=0.01,
        progress=False,
    )
    return tuple(row["train_accuracy"] for row in rows)


def _span(values):
    """'47.0%' or '60.5% to 65.2%': the range of some accuracies."""
    low, high = f"{values.min():.1f}%", f"{values.max():.1f}%"
    return low if low == high else f"{low} to {high}"


@register(
    "08.1",
    reveals=("seed 2 is one draw",),
    elu_beats_chance="your prediction: for how many of seeds 0-9 the 1-unit ELU network beats chance, 'none', "
    "'some' or 'all'",
)
def check_08_1(elu_beats_chance):
    """A prediction, compared with what training does for seeds 0-9: seed 2's 47.0% is one draw among several."""
    predicted = choice("elu_beats_chance", elu_beats_chance, ("none", "some", "all"))
    accuracies = np.array(_elu_one_unit())
    above = accuracies > CHANCE
    happened = "none" if not above.any() else "all" if above.all() else "some"
    told = f"{int(above.sum())} of the {accuracies.size} seeds beat chance"
    if above.any():
        told += f" ({_span(accuracies[above])})"
    if (~above).any():
        told += f", {int((~above).sum())} end at {_span(accuracies[~above])}"
    if predicted != happened:
        return not_yet(
            f"you predicted '{predicted}', but {told}: the answer is '{happened}'. Run the cell after the solution: "
            "it prints each seed's accuracy and the share of its unit's inputs Z1 that are positive"
        )
    return correct(
        f"you predicted '{predicted}': {told}. Whether the unit ends in ELU's linear part (logistic regression, "
        "47.0%) or uses its bend depends on the initial weights: seed 2's 47.0% describes that seed, not ELU."
    )


# --- 08.2: the forum's sigmoid bug, fixed ------------------------------------------------------------------

_GRID = np.linspace(-3.0, 3.0, 25)


def _matches(values, reference):
    with np.errstate(all="ignore"):
        return bool(np.allclose(values, reference, rtol=1e-6, atol=1e-9))


@register(
    "08.2",
    sigmoid_derivative="your derivative of the hidden sigmoid: a function of z (the array Z1) returning dA1/dZ1",
)
def check_08_2(sigmoid_derivative):
    """Run the gradient check of section 3 on the 4-unit network with the learner's derivative."""
    values, error, passed = judged_derivative("sigmoid_derivative", sigmoid_derivative, activations.sigmoid, _GRID, N_H)
    if passed:
        return correct(
            f"the gradient check gives a relative error of {error:.0e}, below {fmt(GRADIENT_CHECK_TOLERANCE)}: "
            "your function computes σ'(z) = σ(z)(1 − σ(z)) from the pre-activation Z1, which is what backprop "
            "multiplies by."
        )
    s = activations.sigmoid(_GRID)
    slope = s * (1 - s)
    receives_z = "your function receives z (the entries of Z1), not A1 = σ(Z1): compute σ(z) first, then σ(z)(1 − σ(z))"
    mistake = derivative_mistake(
        values,
        slope,
        [
            (activations.sigmoid_derivative(s), f"that is σ'(σ(z)), the forum's bug; {receives_z}"),
            (_GRID * (1 - _GRID), f"that is z(1 − z): σ(1 − σ) applied to z itself, negative for z > 1; {receives_z}"),
            (s, "that is σ(z), the activation itself, not its slope"),
            (1 - np.tanh(_GRID) ** 2, "that is the slope of tanh, not of σ"),
        ],
        name="σ",
    )
    middle = len(_GRID) // 2  # z = 0
    return not_yet(
        f"the gradient check gives a relative error of {fmt(error, 2)}, far above {fmt(GRADIENT_CHECK_TOLERANCE)}: "
        "at z = 0 your function gives "
        f"{fmt_apart(values[middle], slope[middle])[0]}, but σ'(0) = {fmt_apart(values[middle], slope[middle])[1]}; "
        + (mistake or "compare your formula with σ'(z) = σ(z)(1 − σ(z)), section 3")
    )


# --- 08.3: a tanh network as a sigmoid network --------------------------------------------------------------

_PARAM_NAMES = ("W1", "b1", "W2", "b2")


@functools.lru_cache(maxsize=1)
def _tanh_case():
    """A tanh network with nonzero parameters everywhere (so every mistake shows) and its logits on the flower."""
    rs = np.random.RandomState(8)
    params = {"W1": rs.randn(N_H, 2), "b1": rs.randn(N_H, 1), "W2": rs.randn(1, N_H), "b2": rs.randn(1, 1)}
    X, _ = flower()
    Z2 = network.forward_propagation(X, params, activation="tanh")[1]["Z2"][0]
    return params, Z2


def _sigmoid_logits(params):
    X, _ = flower()
    return network.forward_propagation(X, params, activation="sigmoid")[1]["Z2"][0]


def _as_params(name, result, reference):
    """The learner's returned dict as float arrays of the reference shapes (a scalar b2 is fine)."""
    require(
        isinstance(result, dict),
        f"`{name}` should return a dict with the keys 'W1', 'b1', 'W2', 'b2'; it returned {describe(result)}",
    )
    missing = [key for key in _PARAM_NAMES if key not in result]
    if missing:
        raise Rejected(f"the dict `{name}` returns has no key {missing[0]!r} (it needs 'W1', 'b1', 'W2', 'b2')")
    out = {}
    for key in _PARAM_NAMES:
        value = result[key]
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            value = np.array(value, dtype=np.float64)
        try:
            array = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise Rejected(
                f"`{name}(params)[{key!r}]` should be an array of numbers; it is {describe(value)}"
            ) from None
        shape = reference[key].shape
        require(
            array.size == int(np.prod(shape)),
            f"`{name}(params)[{key!r}]` has shape {array.shape}; it should have the shape of params[{key!r}], {shape}",
        )
        require(np.all(np.isfinite(array)), f"`{name}(params)[{key!r}]` holds nan or inf")
        out[key] = array.reshape(shape)
    return out


@register(
    "08.3",
    to_sigmoid="your function to_sigmoid(params): the parameters of the sigmoid network equal to a tanh network",
)
def check_08_3(to_sigmoid):
    """Convert a tanh network (nonzero parameters) and compare the sigmoid network's logits with the tanh one's."""
    function("to_sigmoid", to_sigmoid, of="params")
    params, expected = _tanh_case()
    given = {key: value.copy() for key, value in params.items()}
    result = safe_call("to_sigmoid", to_sigmoid, given, at="a dict of tanh parameters")
    changed = [key for key in params if not np.array_equal(given.get(key), params[key])]
    require(
        not changed,
        f"`to_sigmoid` changed the arrays it was given ({', '.join(changed)}): the exercise asks you to leave them "
        "as they are and return new ones (an in-place update such as params['W1'] *= 2 changes the tanh network "
        "too); compute new arrays, e.g. 2 * params['W1']",
    )
    require(result is not None, "`to_sigmoid` returned None: did you forget `return`?")
    converted = _as_params("to_sigmoid", result, params)
    got = _sigmoid_logits(converted)
    if np.allclose(got, expected, rtol=1e-9, atol=1e-9):
        return correct(
            "with W1, b1 and W2 doubled and b2 − Σ_j W2_j as the output bias, the σ network computes exactly the "
            "tanh network's logit at every point, because tanh(z) = 2σ(2z) − 1: the −1 of every unit, times its "
            "weight, moves into the output bias (the centring)."
        )
    shift = got - expected
    if np.ptp(shift) < 1e-9 * max(1.0, np.abs(expected).max()):
        return not_yet(
            f"your σ network's logit differs from the tanh network's by the same amount, {fmt(shift[0])}, at every "
            "point: only the output bias b2 is off. Each tanh unit is 2σ(2z) − 1: what happens to the − 1, "
            "multiplied by the unit's weight W2_j?"
        )
    inner = {"W1": params["W1"] * 2, "b1": params["b1"] * 2}
    inner_ok = all(np.allclose(converted[key], inner[key], rtol=1e-9, atol=1e-12) for key in inner)
    if not inner_ok:
        return not_yet(
            "your σ network's logit differs from the tanh network's at "
            f"{int(np.sum(~np.isclose(got, expected, rtol=1e-9, atol=1e-9)))} of {got.size} points: check W1 and b1 "
            "first. In tanh(z) = 2σ(2z) − 1 the sigmoid is evaluated at 2z, so what must W1 and b1 become?"
        )
    return not_yet(
        "W1 and b1 are right, but the logit still differs: check W2 and b2. Each unit now outputs σ(2z) and "
        "contributes W2_j (2σ(2z) − 1): which factor goes into W2, and what moves into b2?"
    )


# --- 08.4: the best activation by the median over seeds ------------------------------------------------------


def _rows(table):
    """Rows like compare's from {(activation, n_hidden): [accuracy per seed]} (extra keys as compare has them)."""
    return [
        {"activation": a, "n_hidden": n, "seed": seed, "learning_rate": 1.2, "train_accuracy": acc, "diverged": False}
        for (a, n), accuracies in table.items()
        for seed, acc in enumerate(accuracies)
    ]


# Each case: (rows, n_hidden, the right answer). In the first, one lucky seed gives leaky ReLU the best single
# run and one stuck seed pulls tanh's mean down; the median picks tanh, the max leaky ReLU, the mean ELU, the
# lowest median ReLU. Another width holds higher numbers, so forgetting to select n_hidden picks sigmoid.
_CASES = (
    (
        _rows(
            {
                ("sigmoid", 4): [89.0, 65.0, 89.5, 89.0, 88.5],
                ("tanh", 4): [90.0, 89.5, 66.0, 90.5, 90.0],
                ("relu", 4): [61.0, 62.0, 67.5, 63.0, 70.0],
                ("leaky_relu", 4): [70.0, 95.0, 72.0, 71.0, 73.0],
                ("elu", 4): [88.0, 87.5, 86.0, 88.5, 88.0],
                ("sigmoid", 50): [95.0, 95.5, 96.0, 95.0, 95.5],
                ("tanh", 50): [80.0, 81.0, 80.5, 80.0, 81.5],
            }
        ),
        4,
        "tanh",
    ),
    (
        _rows(
            {
                ("sigmoid", 20): [70.0, 71.0, 88.0, 69.0],
                ("relu", 20): [80.0, 79.0, 81.0, 60.0],
                ("leaky_relu", 20): [78.0, 78.5, 79.0, 79.5],
                ("relu", 3): [99.0, 99.0, 99.0, 99.0],
            }
        ),
        20,
        "relu",
    ),
)


def _reference_pick(rows, n_hidden, statistic):
    values = {}
    for row in rows:
        if row["n_hidden"] == n_hidden or n_hidden is None:
            values.setdefault(row["activation"], []).append(row["train_accuracy"])
    scores = {a: statistic(v) for a, v in values.items()}
    return max(scores, key=scores.get)


@register(
    "08.4",
    best_activation="your function best_activation(rows, n_hidden): the activation with the highest median accuracy",
)
def check_08_4(best_activation):
    """Run the learner's function on rows built here, where max, mean, median and 'no filter' disagree."""
    function("best_activation", best_activation, of="rows and n_hidden")
    for rows, n_hidden, expected in _CASES:
        names = sorted({row["activation"] for row in rows})
        given = [dict(row) for row in rows]
        answer = safe_call("best_activation", best_activation, given, n_hidden, at=f"n_hidden = {n_hidden}")
        require(answer is not None, "`best_activation` returned None: did you forget `return`?")
        if isinstance(answer, (numbers.Real, np.floating)) and not isinstance(answer, bool):
            return not_yet(
                f"`best_activation(rows, {n_hidden})` returned the number {fmt(answer)}; it should return the "
                "activation's name (a string such as 'tanh'), the key the highest median belongs to"
            )
        name = choice(f"best_activation(rows, {n_hidden})", answer, names)
        if name == expected:
            continue
        wrong = {
            _reference_pick(rows, n_hidden, np.max): "the highest single seed (max): one lucky seed decides that",
            _reference_pick(rows, n_hidden, np.mean): "the highest mean: one stuck seed pulls a mean down",
            _reference_pick(rows, None, np.median): "the median over rows of every width: select n_hidden first",
        }
        reason = f"; that is {wrong[name]}" if name in wrong else ""
        medians = {
            a: np.median([r["train_accuracy"] for r in rows if r["activation"] == a and r["n_hidden"] == n_hidden])
            for a in names
            if any(r["activation"] == a and r["n_hidden"] == n_hidden for r in rows)
        }
        return not_yet(
            f"on test rows with n_hidden = {n_hidden}, your function picks {name!r}{reason}. Group the "
            f"train_accuracy values of the rows with n_hidden = {n_hidden} by activation and take np.median of "
            f"each group (there are {len(medians)} groups)"
        )
    return correct(
        "your function groups the rows of one width by activation and takes the median over seeds: one lucky "
        "or stuck seed cannot decide it, unlike the max or the mean of a few runs."
    )
