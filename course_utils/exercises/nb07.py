"""Checks of notebook 07's exercises (07_one_hidden_layer)."""

import functools

import numpy as np
from scipy.special import expit

from .. import activations, network
from ._registry import register
from .feedback import (
    GRADIENT_CHECK_TOLERANCE,
    correct,
    derivative_mistake,
    describe,
    flower,
    fmt,
    fmt_apart,
    function,
    int_tuple,
    integer,
    judged_derivative,
    not_yet,
    require,
    safe_call,
)

N_H = 4  # the course's network: 4 hidden units


# --- 07.1: shapes ----------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _shapes_7():
    """The shapes the course's own functions give for n_h = 7 on the flower data."""
    X, Y = flower()
    params = network.initialize_parameters(X.shape[0], 7, seed=2)
    _, cache = network.forward_propagation(X, params, activation="tanh")
    grads = network.backward_propagation(params, cache, X, Y, activation="tanh")
    return {
        "shape_W1": params["W1"].shape,
        "shape_b2": params["b2"].shape,
        "shape_A1": cache["A1"].shape,
        "shape_dW2": grads["dW2"].shape,
    }


_SHAPE_HINTS = {
    "shape_W1": "W[1] has one row per hidden unit (n_h = 7) and one column per input feature (n_x = 2)",
    "shape_b2": "b[2] is the bias of the output layer, which has a single unit (b[1] is the hidden layer's)",
    "shape_A1": "A[1] holds one value per hidden unit (rows) for every one of the m = 400 examples (columns)",
    "shape_dW2": "a gradient has the shape of its parameter, and W[2] is (units in layer 2, units in layer 1)",
}


@register(
    "07.1",
    shape_W1="the shape of W1, a tuple such as (3, 2)",
    shape_b2="the shape of b2, a tuple",
    shape_A1="the shape of A1, a tuple",
    shape_dW2="the shape of dW2, a tuple",
)
def check_07_1(shape_W1, shape_b2, shape_A1, shape_dW2):
    """Shapes of a network with n_h = 7 hidden units on the flower data (n_x = 2, m = 400)."""
    expected = _shapes_7()
    answers = {"shape_W1": shape_W1, "shape_b2": shape_b2, "shape_A1": shape_A1, "shape_dW2": shape_dW2}
    for name, answer in answers.items():
        shape = int_tuple(name, answer, length=2, example="(3, 2)")
        if shape != expected[name]:
            swapped = " (rows and columns swapped?)" if shape[::-1] == expected[name] else ""
            return not_yet(f"`{name}` = {shape} is not right{swapped}: {_SHAPE_HINTS[name]}")
    return correct(
        "W1 (7, 2), b2 (1, 1), A1 (7, 400), dW2 (1, 7): a weight matrix is (units in its layer, units in the layer "
        "before), activations have one column per example, and every gradient has its parameter's shape."
    )


# --- 07.2: symmetry (a prediction) ------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _zero_init_sigmoid():
    """(number of different hidden units, accuracy) of the sigmoid network trained from all-zero weights."""
    X, Y = flower()
    params, _ = network.train(
        X, Y, n_hidden=N_H, activation="sigmoid", learning_rate=1.2, num_iterations=5000, init=0, seed=2
    )
    units = np.hstack([params["W1"], params["b1"], params["W2"].T])  # unit j: its row of W1, b1_j and w2_j
    different = len(np.unique(units, axis=0))
    return different, network.accuracy(network.predict(params, X), Y)


@register(
    "07.2",
    reveals=("its four units move together", "all four rows are identical"),
    predicted_units="your prediction: how many different hidden units, a whole number from 1 to 4",
)
def check_07_2(predicted_units):
    """A prediction, compared with what training does: units that start equal stay equal."""
    k = integer("predicted_units", predicted_units, example="3")
    require(
        1 <= k <= N_H,
        f"`predicted_units` = {k}: the network has {N_H} hidden units, so the number of different ones is "
        f"between 1 (all equal) and {N_H} (all different)",
    )
    different, accuracy = _zero_init_sigmoid()
    units = f"{different} different unit{'s' if different != 1 else ''}"
    if k != different:
        return not_yet(
            f"you predicted {k}, and training gave {units}: all {N_H} units started with the same weights (0), "
            f"so they compute the same A1 row and get the same gradient at every step; run the cells after "
            "the solution and look at the printed rows"
        )
    return correct(
        f"you predicted {k}, and training gave {units}: the {N_H} sigmoid units started equal, received equal "
        f"gradients at every step and are still identical, so together they compute what one unit can "
        f"({accuracy:.1f}% after 5000 iterations). Random initialisation is what breaks this symmetry."
    )


# --- 07.3: the derivative of tanh -------------------------------------------------------------------------

_DERIVATIVE_GRID = np.linspace(-3.0, 3.0, 25)  # where the hint looks for the largest difference


@register(
    "07.3",
    tanh_derivative="your derivative of tanh: a function of z (the array Z1) returning dA1/dZ1 at every entry",
)
def check_07_3(tanh_derivative):
    """Run the gradient check of section 6 on the network with the learner's derivative."""
    values, error, passed = judged_derivative(
        "tanh_derivative", tanh_derivative, activations.tanh, _DERIVATIVE_GRID, N_H
    )
    if passed:
        return correct(
            f"the gradient check of section 6 gives a relative error of {error:.0e}, below "
            f"{fmt(GRADIENT_CHECK_TOLERANCE)}: backprop with your derivative agrees with the finite differences of the "
            "cost."
        )
    z = _DERIVATIVE_GRID
    slope = 1.0 - np.tanh(z) ** 2
    with np.errstate(all="ignore"):
        gap = np.abs(values - slope)
    worst = int(np.nanargmax(np.where(np.isfinite(gap), gap, np.inf)))
    receives_z = "your function receives z (the entries of Z1), not a = tanh(z): compute tanh(z) first"
    mistake = derivative_mistake(
        values,
        slope,
        [
            (1 - z**2, f"that is 1 − z², the formula 1 − a² applied to z itself; {receives_z}"),
            (z * (1 - z), f"that is z(1 − z), σ's formula a(1 − a) applied to z; {receives_z}, then 1 − tanh²(z)"),
            (1 - np.tanh(z), "that is 1 − tanh(z): the square is missing, tanh′(z) = 1 − tanh²(z)"),
            (np.tanh(z), "that is tanh(z), the activation itself, not its slope"),
            (np.tanh(z) * (1 - np.tanh(z)), "that is tanh(z)(1 − tanh(z)), σ's pattern a(1 − a): tanh′ = 1 − tanh²(z)"),
            (np.ones_like(z), "that is 1 everywhere, the identity's slope; tanh′(z) = 1 − tanh²(z) is 1 only at 0"),
        ],
        name="tanh",
    )
    return not_yet(
        f"the gradient check gives a relative error of {fmt(error, 2)}, far above {fmt(GRADIENT_CHECK_TOLERANCE)}: "
        f"at z = {fmt(z[worst])} your function gives {fmt_apart(values[worst], slope[worst])[0]}, "
        f"but the slope of tanh there is {fmt_apart(values[worst], slope[worst])[1]}; "
        + (mistake or "compare your formula with tanh′(z) = 1 − tanh²(z), section 5")
    )


# --- 07.4: the logit as a sum of hidden units -------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _logit_case():
    """Parameters with nonzero biases everywhere and some points (columns): each mistake changes the logit."""
    rs = np.random.RandomState(7)
    params = {
        "W1": rs.randn(N_H, 2),
        "b1": rs.randn(N_H, 1),
        "W2": rs.randn(1, N_H),
        "b2": rs.randn(1, 1),
    }
    points = rs.randn(2, 6) * 2
    return params, points


def _logits(params, points, g=np.tanh, b1=True, b2=True):
    Z1 = params["W1"] @ points + (params["b1"] if b1 else 0.0)
    return (params["W2"] @ g(Z1) + (params["b2"] if b2 else 0.0))[0]


@register("07.4", logit="your function logit(params, x): the network's logit z2 at one point x, a (2, 1) column")
def check_07_4(logit):
    """Compare the learner's sum of hidden-unit terms with the network's logit Z2, point by point."""
    function("logit", logit, of="params and x")
    params, points = _logit_case()
    expected = network.forward_propagation(points, params, activation="tanh")[1]["Z2"][0]
    got = []
    for k in range(points.shape[1]):
        x = points[:, k : k + 1].copy()
        value = safe_call("logit", logit, {key: v.copy() for key, v in params.items()}, x, at=f"x of shape {x.shape}")
        require(value is not None, "`logit` returned None: did you forget `return`?")
        try:
            value = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            return not_yet(f"`logit(params, x)` should return a number; it returned {describe(value)}")
        require(
            value.size == 1,
            f"`logit(params, x)` should give one number for one point x; it gave an array of shape {value.shape}: "
            "w1_j · x is a dot product (params['W1'][j] @ x), and the sum runs over the hidden units",
        )
        got.append(float(value.ravel()[0]))
    got = np.array(got)
    if np.allclose(got, expected, rtol=1e-9, atol=1e-12):
        return correct(
            "your sum of w2_j · tanh(w1_j · x + b1_j) over the hidden units, plus b2, is the network's logit z2: "
            "the hidden layer hands the output unit one soft step per unit, and the output unit adds them up."
        )
    mistakes = [
        (_logits(params, points, b2=False), "you left out the output bias b2"),
        (_logits(params, points, b1=False), "you left out the hidden biases b1_j inside tanh"),
        (expit(expected), "that is the probability A2 = σ(z2); the logit is the value before the output sigmoid"),
        (_logits(params, points, g=expit), "the hidden units use tanh here, not σ"),
        (_logits(params, points, g=lambda z: z), "each term needs the activation: w2_j · tanh(w1_j · x + b1_j)"),
    ]
    for values, hint in mistakes:
        if np.allclose(got, values, rtol=1e-9, atol=1e-12):
            return not_yet(f"`logit` differs from the network's z2: {hint}")
    worst = int(np.argmax(np.abs(got - expected)))
    return not_yet(
        f"`logit` differs from the network's z2: at x = ({fmt(points[0, worst])}, {fmt(points[1, worst])}) yours "
        f"gives {fmt(got[worst])}, the network {fmt(expected[worst])}; unit j uses row j of W1, entry j of b1 and "
        "entry j of W2"
    )
