"""Checks of notebook 09's exercises (09_playground)."""

import difflib
import functools
import numbers

import numpy as np

from .. import datasets, experiments, playground
from ._registry import register
from .feedback import Rejected, array, correct, fmt, function, not_yet, number, require, safe_call

SEEDS = tuple(range(10))  # the seeds of the notebook's sections 2 and 5
REACH = 85.0  # percent: section 5's bar for "reaches the flower"


@functools.lru_cache(maxsize=1)
def _split():
    """The playground's default data split: ``X_train, X_test, Y_train, Y_test`` (the flower, 300 / 100 points)."""
    d = playground.DEFAULTS
    X, Y = playground.make_data(d["dataset"], d["noise"])
    return datasets.train_test_split_columns(X, Y, test_size=d["test_size"], seed=playground.SPLIT_SEED)


def _train(F_train, F_test=None, Y_test=None, *, n_hidden, seeds, **settings):
    """``experiments.compare`` rows of tanh networks on the default training points (inputs ``F_train``),
    with the playground's defaults for everything not given in ``settings``."""
    d = playground.DEFAULTS
    options = {
        "learning_rate": d["learning_rate"],
        "num_iterations": d["num_iterations"],
        "init": d["init"],
    }
    options.update(settings)
    _, _, Y_train, _ = _split()
    return experiments.compare(
        F_train,
        Y_train,
        ("tanh",),
        hidden_sizes=(n_hidden,),
        seeds=seeds,
        X_test=F_test,
        Y_test=Y_test,
        progress=False,
        keep_params=True,
        **options,
    )


def _percent(value):
    return f"{value:.1f}%"


def _span(values):
    """'50.0%' or '46.7% to 53.3%': the range of some accuracies."""
    low, high = _percent(min(values)), _percent(max(values))
    return low if low == high else f"{low} to {high}"


# --- 09.1: tanh at learning rate 1e5 (a prediction) -----------------------------------------------------

HUGE_RATE = 1e5
PREDICTION_TOLERANCE = 8.0  # percentage points, as the exercise states: "about chance" is 42-58% when the median is 50%


@functools.lru_cache(maxsize=1)
def huge_rate_runs():
    """(training accuracies, number diverged) of tanh with the default width at learning rate 1e5, seeds 0-9."""
    X_train = _split()[0]
    rows = _train(X_train, n_hidden=playground.DEFAULTS["hidden_layers"][0], seeds=SEEDS, learning_rate=HUGE_RATE)
    return np.array([row["train_accuracy"] for row in rows]), sum(row["diverged"] for row in rows)


@register(
    "09.1",
    reveals=("50% at 10^5", "towards chance"),
    predicted_accuracy="your prediction of the median training accuracy at learning rate 1e5, in percent (such as 70)",
)
def check_09_1(predicted_accuracy):
    """A prediction, compared with the ten runs of section 2 at learning rate 1e5 (round-off sensitive, so a
    tolerance of 8 points around their median)."""
    predicted = number("predicted_accuracy", predicted_accuracy, example="70")
    require(
        not 0 < predicted <= 1,
        f"`predicted_accuracy` = {fmt(predicted)} looks like a fraction; give it in percent, as the notebook prints "
        "accuracies (0.7 is 70)",
    )
    require(0 <= predicted <= 100, f"`predicted_accuracy` = {fmt(predicted)}: an accuracy in percent is from 0 to 100")
    accuracies, n_diverged = huge_rate_runs()
    median = float(np.median(accuracies))
    happened = (
        f"you predicted {fmt(predicted)}%, and the median over seeds 0-9 is {_percent(median)} "
        f"(from {_span(accuracies)}; {'none' if n_diverged == 0 else n_diverged} of the 10 runs diverged)"
    )
    if abs(predicted - median) <= PREDICTION_TOLERANCE:
        return correct(
            f"{happened}: chance level. Nothing overflows, but steps of 1e5 make |Z1| so large that every tanh unit "
            "is a hard ±1 step that no longer learns, and each step can move an output weight by up to 1e5, far "
            "past any minimum."
        )
    if predicted > median:
        return not_yet(
            f"{happened}, about chance: the run does not overflow, but a step of 1e5 throws the weights far past "
            "any minimum at every iteration; run the next cell and read on in section 2"
        )
    return not_yet(
        f"{happened}: a network that has learned nothing still gets about half of the points right (half of them "
        "are class 1), and tanh, being bounded, keeps the numbers finite; run the next cell and read on in section 2"
    )


# --- 09.2: cubic input features (code) ---------------------------------------------------------------------

#: Every monomial x1^a x2^b of degree 1 to 3: (name, a, b).
MONOMIALS = (
    ("x1", 1, 0),
    ("x2", 0, 1),
    ("x1²", 2, 0),
    ("x1·x2", 1, 1),
    ("x2²", 0, 2),
    ("x1³", 3, 0),
    ("x1²·x2", 2, 1),
    ("x1·x2²", 1, 2),
    ("x2³", 0, 3),
)
_FEW_POINTS = np.array([[0.5, -2.0, 3.0, 0.0, -1.5], [1.5, 2.5, -0.5, -3.0, 0.0]])


def _cubic(X):
    return np.vstack([X[0] ** a * X[1] ** b for _, a, b in MONOMIALS])


@functools.lru_cache(maxsize=1)
def _point_sets():
    """Points (2, m) to run the learner's function on: a few by hand, the circles, the playground's flower."""
    return {
        "a few points": _FEW_POINTS,
        "the circles": playground.make_data("noisy_circles")[0],
        "the flower": playground.make_data("planar")[0],
    }


def _judge_rows(F, X, where):
    """Stop the check unless the rows of F (k, m) are the nine monomials of X, each once, in any order."""
    expected = _cubic(X)
    close = np.array([[np.allclose(got, want, rtol=1e-9, atol=1e-12) for want in expected] for got in F])
    missing = [MONOMIALS[k][0] for k in range(len(MONOMIALS)) if not close[:, k].any()]
    strangers = [i for i in range(F.shape[0]) if not close[i].any()]
    repeats = [MONOMIALS[k][0] for k in range(len(MONOMIALS)) if close[:, k].sum() > 1]
    if not missing and not strangers and not repeats and F.shape[0] == len(MONOMIALS):
        return
    parts = []
    if missing:
        parts.append(f"no row holds {', '.join(missing)}")
    if repeats:
        parts.append(f"{', '.join(repeats)} comes more than once")
    if strangers:
        rows = ", ".join(map(str, strangers[:3])) + (" ..." if len(strangers) > 3 else "")
        parts.append(
            f"row{'s' if len(strangers) > 1 else ''} {rows} (counting from 0) "
            f"{'are' if len(strangers) > 1 else 'is'} none of the nine monomials"
        )
    tip = (
        "each monomial x1^a·x2^b with 1 ≤ a + b ≤ 3 needs a row of its own, unscaled: x1 and x2 themselves, "
        "x1², x1·x2, x2², then x1³, x1²·x2, x1·x2², x2³ (a square of a sum such as (x1 + x2)² mixes three of them)"
    )
    raise Rejected(
        f"`cubic_features(X)` for {where} has {F.shape[0]} row{'' if F.shape[0] == 1 else 's'}; it needs the nine "
        f"monomials: {'; '.join(parts)}. {tip[0].upper() + tip[1:]}"
    )


def _run_features(cubic_features, X, where):
    """The learner's features of X as a float array (k, m), judged for type and shape."""
    m = X.shape[1]
    F = safe_call("cubic_features", cubic_features, X.copy(), at=f"X of shape {X.shape} ({where})")
    require(F is not None, "`cubic_features` returned None: did you forget `return`?")
    F = array("cubic_features(X)", F)  # a list of rows is read as the array it stands for (as in 06.3)
    require(
        F.ndim == 2,
        f"`cubic_features(X)` has shape {F.shape} for X of shape {X.shape} ({where}); it should be 2-D, (9, {m}): "
        "one row per network input, one column per point",
    )
    if F.shape[1] != m and F.shape[0] == m:
        raise Rejected(
            f"`cubic_features(X)` has shape {F.shape} for X of shape {X.shape}: one row per point is the rows "
            f"convention; the network takes one column per point, shape (9, {m}) (stack with np.vstack, or transpose)"
        )
    require(
        F.shape[1] == m,
        f"`cubic_features(X)` has shape {F.shape} for X of shape {X.shape} ({where}); it needs one column per "
        f"point: shape (9, {m})",
    )
    return F


@functools.lru_cache(maxsize=1)
def _cubic_runs():
    """One tanh unit (seed 2, the playground's defaults) on the cubic features, on x1 and x2 alone, and the
    default 4-unit network: {name: (train %, test %)}, and the cubic unit's input weights."""
    X_train, X_test, _, Y_test = _split()
    seed = (playground.DEFAULTS["seed"],)
    cubic = _train(_cubic(X_train), _cubic(X_test), Y_test, n_hidden=1, seeds=seed)[0]
    plain = _train(X_train, X_test, Y_test, n_hidden=1, seeds=seed)[0]
    four = _train(X_train, X_test, Y_test, n_hidden=playground.DEFAULTS["hidden_layers"][0], seeds=seed)[0]
    scores = {
        name: (row["train_accuracy"], row["test_accuracy"])
        for name, row in zip(("cubic", "plain", "four"), (cubic, plain, four))
    }
    return scores, cubic["params"]["W1"][0].copy()


@register(
    "09.2",
    cubic_features="a function cubic_features(X) that returns the (9, m) array of the monomials of degree 1 to 3",
)
def check_09_2(cubic_features):
    """Run the learner's function on three sets of points; compare its rows (in any order) with the nine
    monomials; then say what one tanh unit does with them on the flower."""
    function("cubic_features", cubic_features, of="X")
    for where, X in _point_sets().items():
        F = _run_features(cubic_features, X, where)
        _judge_rows(F, X, where)
    scores, weights = _cubic_runs()
    (train, test), (train0, test0), (train4, test4) = scores["cubic"], scores["plain"], scores["four"]
    top = np.argsort(-np.abs(weights))[:2]
    names = [MONOMIALS[k][0] for k in top]
    why = ""
    if set(names) == {"x1²·x2", "x2³"} and weights[top[0]] * weights[top[1]] < 0:
        k2, k3 = MONOMIALS.index(("x1²·x2", 2, 1)), MONOMIALS.index(("x2³", 0, 3))
        why = (
            f" Its largest input weights are on x1²·x2 and x2³ ({fmt(weights[k2], 2)} and {fmt(weights[k3], 2)}), so "
            "its boundary is close to x2(x2² − x1²) = 0: the three lines x2 = 0, x2 = x1 and x2 = −x1 that run "
            "between the petals."
        )
    return correct(
        f"your rows are the nine monomials (their order does not matter to the network). One tanh unit fed them, "
        f"with the playground's defaults and seed 2, gets {_percent(train)} of the training points and "
        f"{_percent(test)} of the test points right, against {_percent(train0)} and {_percent(test0)} with x1 and x2 "
        f"alone, and {_percent(train4)} and {_percent(test4)} for section 1's "
        f"{playground.DEFAULTS['hidden_layers'][0]} hidden units.{why}"
    )


# --- 09.3: an init scale for width 3 (an experiment) --------------------------------------------------------

MORE_SEEDS = tuple(range(10, 40))
_WIDTH = 3


@functools.cache
def _reached(init, seeds):
    """For each seed: does the 3-unit tanh network with this init scale reach 85% training accuracy?"""
    rows = _train(_split()[0], n_hidden=_WIDTH, seeds=seeds, init=init)
    return tuple(row["train_accuracy"] >= REACH for row in rows)


def _scales_text():
    return ", ".join(repr(s) if isinstance(s, str) else fmt(s) for s in playground.INIT_SCALES)


def _as_scale(answer):
    """The entry of playground.INIT_SCALES that ``answer`` names, or a Not yet line."""
    listed = f"one of playground.INIT_SCALES: {_scales_text()}"
    if isinstance(answer, str):
        names = [s for s in playground.INIT_SCALES if isinstance(s, str)]
        if answer in names:
            return answer
        try:
            float(answer)
        except ValueError:
            close = difflib.get_close_matches(answer.lower(), names, n=1)
            guess = f"; did you mean {close[0]!r}?" if close else ""
            raise Rejected(f"`all_ten_scale` = {answer!r} is not {listed}{guess}") from None
        raise Rejected(f"`all_ten_scale` is the string {answer!r}; write the number without quotes: {answer}")
    if isinstance(answer, numbers.Integral) and not isinstance(answer, bool) and answer > 1:
        raise Rejected(f"`all_ten_scale` = {answer} looks like a number of seeds; give the init itself, {listed}")
    value = number("all_ten_scale", answer, example="0.5 or 'xavier'")
    for scale in playground.INIT_SCALES:
        if not isinstance(scale, str) and np.isclose(value, scale, rtol=1e-9, atol=0.0):
            return scale
    raise Rejected(f"`all_ten_scale` = {fmt(value)} is not {listed}; loop over them")


def _scale_name(scale):
    return repr(scale) if isinstance(scale, str) else fmt(scale)


@register(
    "09.3",
    all_ten_scale="the init of playground.INIT_SCALES at which all of seeds 0-9 reach 85% with 3 hidden units",
)
def check_09_3(all_ten_scale):
    """Train the 3-unit network with the learner's init scale for seeds 0-9 (cached per scale) and count."""
    scale = _as_scale(all_ten_scale)
    reached = _reached(scale, SEEDS)
    if not all(reached):
        stuck = [seed for seed, ok in zip(SEEDS, reached) if not ok]
        return not_yet(
            f"with init {_scale_name(scale)}, {sum(reached)} of seeds 0-9 reach {REACH:g}% with 3 hidden units "
            f"(seed{'s' if len(stuck) > 1 else ''} {', '.join(map(str, stuck))} "
            f"{'do' if len(stuck) > 1 else 'does'} not); run section 5's experiments.compare call once for each of "
            "playground.INIT_SCALES, with init= set"
        )
    others = [s for s in playground.INIT_SCALES if s != scale]
    counts = ", ".join(f"{sum(_reached(s, SEEDS))} ({_scale_name(s)})" for s in others[:-1])
    counts += f" and {sum(_reached(others[-1], SEEDS))} ({_scale_name(others[-1])})"
    default = playground.DEFAULTS["init"]
    stuck_more = len(MORE_SEEDS) - sum(_reached(scale, MORE_SEEDS))
    stuck_default = len(MORE_SEEDS) - sum(_reached(default, MORE_SEEDS))
    lesson = (
        f"But ten seeds are a sample: on seeds {MORE_SEEDS[0]}-{MORE_SEEDS[-1]}, {_scale_name(scale)} leaves "
        f"{stuck_more} of {len(MORE_SEEDS)} stuck ({_scale_name(default)}: {stuck_default}), so ten good seeds do not "
        "show that a setting never fails."
        if stuck_more
        else f"On seeds {MORE_SEEDS[0]}-{MORE_SEEDS[-1]} it leaves none stuck either ({_scale_name(default)}: "
        f"{stuck_default} of {len(MORE_SEEDS)})."
    )
    return correct(
        f"with init {_scale_name(scale)} all ten seeds reach {REACH:g}% with 3 hidden units, against {counts} "
        f"of 10 with the other scales: the scale changes which starting points end in a poor arrangement. {lesson}"
    )
