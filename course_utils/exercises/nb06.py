"""Checks of notebook 06's exercises (06_planar_data)."""

import functools

import numpy as np

from .. import datasets, network
from ._registry import register
from .feedback import Rejected, array, arrays_close, correct, fmt, function, not_yet, number, require, safe_call

#: Exercise 1: an identity-activation network on the noisy moons (notebook 06, exercise 1's reveal cell).
MOONS_RUN = {"n_hidden": 50, "learning_rate": 1.2, "num_iterations": 1000, "seed": 2}
#: How far a prediction may be from what happens (percentage points), as each exercise states. Exercise 1: a careful
#: learner answers with logistic regression's 86% of section 5, one point above the network (scikit-learn's default
#: penalty); 3 points accept that and nothing a nonlinear boundary would give. Exercise 2: 5 points around the 83%
#: accept 78-88% and refuse "no gain" (53%), "perfect" (100%) and 93%, beyond what the best circle gets (85%).
MOONS_TOLERANCE, CIRCLES_TOLERANCE = 3.0, 5.0


def _logistic_accuracy(features, Y):
    """Training accuracy (percent) of scikit-learn's default logistic regression on (n_features, m) columns."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression().fit(features.T, Y.ravel())
    return 100 * model.score(features.T, Y.ravel())


@functools.lru_cache(maxsize=1)
def moons_accuracies():
    """(network accuracy, logistic regression accuracy) on the noisy moons, in percent."""
    X, Y = datasets.load_extra_datasets()["noisy_moons"]
    params, _ = network.train(X, Y, activation="identity", **MOONS_RUN)
    return network.accuracy(network.predict(params, X), Y), _logistic_accuracy(X, Y)


@functools.lru_cache(maxsize=1)
def circles_accuracies():
    """(accuracy with x1, x2, x1², x2², without, best circle around the origin) on the noisy circles, in percent."""
    X, Y = datasets.load_extra_datasets()["noisy_circles"]
    with_squares = _logistic_accuracy(np.vstack([X, X**2]), Y)
    radius, labels = np.sqrt((X**2).sum(axis=0)), Y.ravel()
    best = 100 * max(max(np.mean((radius <= r) == labels), np.mean((radius > r) == labels)) for r in radius)
    return with_squares, _logistic_accuracy(X, Y), best


def _percent(name, value):
    """The learner's percentage as a float, with a hint for a fraction such as 0.86."""
    value = number(name, value, example="70")
    require(0 <= value <= 100, f"`{name}` = {fmt(value)} is not a percentage; give a number from 0 to 100")
    require(not 0 < value <= 1, f"`{name}` = {fmt(value)} looks like a fraction; give the accuracy in percent")
    return value


@register(
    "06.1",
    reveals=("network's 85.0%", "scores one point below logistic regression"),
    predicted_moons_accuracy="your prediction of the training accuracy, in percent (such as 70)",
)
def check_06_1(predicted_moons_accuracy):
    """With the identity activation, 50 hidden units collapse to one line: about logistic regression's 86%."""
    p = _percent("predicted_moons_accuracy", predicted_moons_accuracy)
    actual, logistic = moons_accuracies()
    if p > actual + MOONS_TOLERANCE:
        return not_yet(
            f"your prediction {fmt(p)}% is too high: with g(z) = z the 50 hidden units collapse into one linear map "
            "(section 4); how well does a single line do on the noisy moons (section 5)?"
        )
    if p < actual - MOONS_TOLERANCE:
        return not_yet(
            f"your prediction {fmt(p)}% is too low: a straight line already does well on the noisy moons (section "
            "5), and the network can at least represent a line"
        )
    return correct(
        f"you predicted {fmt(p)}%; the network gets {actual:.1f}% and logistic regression {logistic:.1f}%: with the "
        "identity activation, 50 hidden units are still one straight line."
    )


@register(
    "06.2",
    reveals=("It gets 83.0%", "gets about as far as any circle"),
    predicted_circles_accuracy="your prediction of the training accuracy, in percent (such as 70)",
)
def check_06_2(predicted_circles_accuracy):
    """With x1² and x2² the boundary can be a circle; the noise still limits the accuracy."""
    p = _percent("predicted_circles_accuracy", predicted_circles_accuracy)
    actual, without, best = circles_accuracies()
    if p > actual + CIRCLES_TOLERANCE:
        return not_yet(
            f"your prediction {fmt(p)}% is too high: the boundary can now be a circle, but look at the noisy-circles "
            "panel of section 5: with noise 0.3 the two rings overlap, and no curve gets those points right"
        )
    if p < actual - CIRCLES_TOLERANCE:
        return not_yet(
            f"your prediction {fmt(p)}% is too low: a line in (x1, x2, x1², x2²) is an ellipse in the plane, and a "
            "circle around the origin puts most of the inner ring inside and most of the outer ring outside"
        )
    return correct(
        f"you predicted {fmt(p)}%; it gets {actual:.1f}% ({without:.1f}% without the squares): the ellipse follows "
        f"the rings, and the rest is noise, since even the best circle around the origin gets only {best:.1f}%."
    )


@register("06.3", add_squared_radius="a function add_squared_radius(X) that returns a (3, m) array")
def check_06_3(add_squared_radius):
    """The third row x1² + x2² lets a linear model draw circles: it solves the quantiles, not the flower."""
    features = function("add_squared_radius", add_squared_radius, of="X")
    X = np.random.RandomState(63).uniform(-2.0, 2.0, size=(2, 7))
    expected = np.vstack([X, (X**2).sum(axis=0)])
    try:
        got = safe_call("add_squared_radius", features, X.copy(), at="X of shape (2, 7)")
    except Rejected as rejected:
        if not isinstance(rejected.__cause__, ValueError) or "dimension" not in str(rejected.__cause__):
            raise
        raise Rejected(
            "`add_squared_radius` tried to stack rows of different lengths (numpy raised ValueError for X of shape "
            "(2, 7)): every row needs one value per point, 7 here; x1² + x2² of each point (column) is a sum over "
            "axis 0, the two coordinates, not along axis 1"
        ) from rejected
    require(got is not None, "`add_squared_radius` returned None: did you forget `return`?")
    shape = np.shape(got)
    require(
        shape != (1, 7) and shape != (7,),
        f"your result has shape {shape}: only the new row; stack it under X with np.vstack",
    )
    require(
        shape != (4, 7), f"your result has shape {shape}: x1² and x2² are two rows; the feature is their sum, one row"
    )
    got = array("add_squared_radius(X)", got, shape=expected.shape)
    with np.errstate(all="ignore"):
        require(
            not np.allclose(got[2], np.sqrt(expected[2])),
            "your third row is the distance from the origin; the exercise asks for its square, x1² + x2²",
        )
    arrays_close(
        "add_squared_radius(X)",
        got,
        expected,
        rtol=1e-12,
        hint="rows 0 and 1 are X itself, row 2 is x1² + x2² for each point (column)",
    )
    quantiles = datasets.load_extra_datasets()["gaussian_quantiles"]
    flower = datasets.load_planar_dataset()
    scores = []
    for X_set, Y_set in (quantiles, flower):
        with_radius = array("add_squared_radius(X)", safe_call("add_squared_radius", features, X_set.copy()))
        scores.append((_logistic_accuracy(with_radius, Y_set), _logistic_accuracy(X_set, Y_set)))
    (q, q0), (f, f0) = scores
    return correct(
        f"with the squared radius, logistic regression gets {q:.1f}% on the Gaussian quantiles ({q0:.1f}% "
        f"without: its classes differ by radius) but {f:.1f}% on the flower ({f0:.1f}% without): the petals differ "
        "by direction, not by distance from the origin, so the flower needs features a hidden layer learns "
        "(notebook 07)."
    )
