"""A neural network with one hidden layer, written from scratch in numpy (the course's model).

Column convention throughout: ``X`` has shape ``(n_x, m)`` (one column per example), ``Y`` has
shape ``(1, m)`` with labels 0/1. The parameters are a dict of float64 arrays::

    W1 (n_h, n_x)   b1 (n_h, 1)     hidden layer:  Z1 = W1 @ X + b1,  A1 = g(Z1)      (n_h, m)
    W2 (1, n_h)     b2 (1, 1)       output layer:  Z2 = W2 @ A1 + b2, A2 = sigmoid(Z2) (1, m)

``g`` is any activation (a registry name or an ``activations.Activation``). The cost is the mean
binary cross-entropy. Backward pass: ``dZ2 = A2 - Y``, ``dW2 = dZ2 @ A1.T / m``,
``db2 = mean(dZ2)``, ``dZ1 = (W2.T @ dZ2) * g'(Z1)``, ``dW1 = dZ1 @ X.T / m``, ``db1 = mean(dZ1)``;
gradient descent ``W -= learning_rate * dW``.

The step-by-step functions (``initialize_parameters``, ``forward_propagation``, ``compute_cost``,
``backward_propagation``, ``update_parameters``) follow the course one to one: the teaching code.
``train`` runs the same mathematics with the course's training engine (:mod:`course_utils.engine`)
and returns :class:`Parameters`: the course's dict, which also remembers the activation (and the
output unit) it was trained with, so ``predict(params, X)`` needs nothing else.

Regression: ``train(..., output="identity")`` fits real-valued ``Y (1, m)`` with a linear output
unit, ``A2 = Z2``, and the cost ``mean((A2 - Y)**2) / 2``; the backward pass is the same.
"""

import numpy as np
from scipy.special import xlogy

from . import activations, model
from ._conventions import check_labels01, check_X, check_XY
from ._validation import as_float_array, check_array_dict, check_bool, check_choice, check_int, check_real, check_seed
from .engine import TrainingDiverged, _train_one
from .model import GRADIENT_CHECK_TOLERANCE
from .parameters import (
    INIT_RULES,
    OUTPUTS,
    Parameters,
    check_init,
    check_layers,
    gradient_step,
    init_or_old_name,
    layer_keys,
    usage,
    weight_std,
)

__all__ = [
    "TrainingDiverged",
    "Parameters",
    "INIT_RULES",
    "initialize_parameters",
    "forward_propagation",
    "compute_cost",
    "compute_cost_from_logits",
    "backward_propagation",
    "update_parameters",
    "train",
    "predict",
    "predict_proba",
    "trained_activation",
    "usage",
    "accuracy",
    "gradient_check",
    "GRADIENT_CHECK_TOLERANCE",
]

PARAM_NAMES = layer_keys(2)  # W1, b1, W2, b2

# --- checks --------------------------------------------------------------------------------------


# Checked here, not in parameters: network's one-hidden-layer view of parameters.check_layers.
def _check_params(params, n_x=None):
    """Check a one-hidden-layer parameter dict (shapes consistent, finite float arrays); return it as float64."""
    return check_layers("params", params, n_layers=2, n_x=n_x)


def _inputs_for(X, checked):
    """``X`` checked against the checked parameters: its rows are ``W1``'s inputs."""
    return check_X(X, n_features=checked["W1"].shape[1], expected_by="params['W1']")


def _prepared(X, params, activation, output):
    """``(X, checked params, Activation, output)`` for a forward pass, each checked once, in a fixed order."""
    checked = _check_params(params)
    X = _inputs_for(X, checked)
    act, output = usage(params, activation, output)
    return X, checked, act.check_outputs(), output


def trained_activation(params, activation=None):
    """The activation to use with ``params``: the one they record, or the given one.

    :class:`Parameters` record their activation: ``activation=None`` uses it, and another activation
    (another function, or other parameter values) raises ``ValueError``, since it would silently
    give a different network. A plain dict records nothing, so ``activation`` must be given.
    """
    return usage(params, activation)[0]


# --- the step-by-step functions (the course's, one to one) ---------------------------------------


def initialize_parameters(n_x, n_h, n_y=1, init=0.01, seed=2, activation="tanh", output="sigmoid", *, init_scale=None):
    """Random weights, zero biases: ``W1 (n_h, n_x)``, ``b1 (n_h, 1)``, ``W2 (1, n_h)``, ``b2 (1, 1)``.

    Returns :class:`Parameters` that record ``activation`` (a name or an Activation; the course's
    tanh by default) and ``output``; the step-by-step functions use them, and
    :func:`update_parameters` keeps them, so a loop started with ``activation="relu"`` stays ReLU.
    ``n_y`` is 1: the course's network has one output unit.

    ``rs = np.random.RandomState(seed)``; ``W1 = rs.randn(n_h, n_x) * s1`` is drawn before
    ``W2 = rs.randn(n_y, n_h) * s2`` (the course's order, so ``seed=2`` gives its numbers). With a
    number ``init``, ``s1 = s2 = init`` (0 gives all-zero weights: the symmetry problem);
    a rule name from :data:`INIT_RULES` sets each layer's scale from its fan-in (n_x for W1, n_h for
    W2) and fan-out: ``"lecun"`` sqrt(1 / fan_in), ``"xavier"`` (Glorot) sqrt(2 / (fan_in + fan_out)),
    ``"he"`` sqrt(2 / fan_in).
    """
    n_x = check_int("n_x", n_x, low=1)
    n_h = check_int("n_h", n_h, low=1)
    n_y = check_int("n_y", n_y, low=1, high=1)
    act = activations.as_activation(activation)
    output = check_choice("output", output, OUTPUTS)
    init = check_init("init", init_or_old_name(init, init_scale, 0.01))
    rs = np.random.RandomState(check_seed("seed", seed))
    s1, s2 = weight_std(init, n_x, n_h), weight_std(init, n_h, n_y)
    W1 = rs.randn(n_h, n_x) * s1
    b1 = np.zeros((n_h, 1))
    W2 = rs.randn(n_y, n_h) * s2
    b2 = np.zeros((n_y, 1))
    return Parameters({"W1": W1, "b1": b1, "W2": W2, "b2": b2}, act, output)


def forward_propagation(X, params, activation=None, output=None):
    """Forward pass. Returns ``(A2, cache)``: ``A2 (1, m)`` (probabilities of class 1, or the
    regression output for a network trained with ``output="identity"``) and
    ``cache = {"Z1", "A1" (n_h, m), "Z2", "A2" (1, m)}``. ``activation=None`` uses the one ``params``
    record; a plain dict needs ``activation=`` (see :func:`trained_activation`)."""
    return _forward(*_prepared(X, params, activation, output))


def _forward(X, params, act, output="sigmoid"):
    cache = model._forward(X, params, act, output)  # the one reference for what the network computes
    return cache["A2"], cache


def compute_cost(A2, Y):
    """The course's cross-entropy cost of probabilities ``A2 (1, m)`` against labels ``Y (1, m)``.

    ``-(1/m) * sum(Y log A2 + (1 - Y) log(1 - A2))``, with ``0 log 0 = 0``. ``A2`` and ``Y`` have the
    same shape, ``(1, m)`` or ``(m,)``; a column ``(m, 1)`` is refused (transpose it), so the result is
    always a mean over the examples, never a sum. Values of ``A2`` must be probabilities in [0, 1]. A
    probability that rounded to exactly 0 or 1 on a wrong label gives an infinite cost: that is what the
    formula says. :func:`compute_cost_from_logits` computes the same cost from the logits ``Z2`` and
    never overflows.
    """
    A2 = _examples_row("A2", A2)
    if A2.min() < 0 or A2.max() > 1:
        raise ValueError(
            f"A2 must hold probabilities in [0, 1], got values from {A2.min():.4g} to {A2.max():.4g}; "
            "for logits Z2 (any real numbers) use compute_cost_from_logits(Z2, Y)"
        )
    Y = _labels_like("A2", A2, Y)
    return float(-np.sum(xlogy(Y, A2) + xlogy(1 - Y, 1 - A2)) / Y.size) + 0.0  # + 0.0: no "-0.0" for a perfect fit


def compute_cost_from_logits(Z2, Y):
    """Mean binary cross-entropy of the logits ``Z2 (1, m)`` (or ``(m,)``) against the labels ``Y`` of that shape.

    -[Y log A2 + (1 - Y) log(1 - A2)] with A2 = sigmoid(Z2) equals log(1 + exp(Z2)) - Y Z2, which
    ``np.logaddexp`` evaluates without overflow and without ever taking log(0).
    """
    Z2 = _examples_row("Z2", Z2)
    return model._cost(Z2, _labels_like("Z2", Z2, Y))


def _examples_row(name, values):
    """``values`` as finite float64 of shape ``(1, m)`` or ``(m,)``: one value per example, never a column."""
    values = as_float_array(name, values, allow_nonfinite=False).astype(np.float64, copy=False)
    if values.size == 0:
        raise ValueError(f"{name} must hold one value per example, got an empty array of shape {values.shape}")
    if values.ndim > 2 or (values.ndim == 2 and values.shape[0] != 1):
        hint = f": pass {name}.T and Y.T (one row, one column per example)" if values.shape[1:] == (1,) else ""
        raise ValueError(f"{name} must have shape (1, m) or (m,), got shape {values.shape}{hint}")
    return values


def _labels_like(name, values, Y):
    """The 0/1 labels ``Y`` checked to have the shape of ``values`` (the name of which is ``name``)."""
    Y = check_labels01("Y", Y)
    if Y.shape != values.shape:
        hint = " (pass Y.T)" if Y.shape == values.shape[::-1] or Y.shape[1:] == (1,) else ""
        raise ValueError(
            f"{name} and Y must have the same shape, (1, m) or (m,), got {values.shape} and {Y.shape}{hint}"
        )
    return Y


def backward_propagation(params, cache, X, Y, activation=None, output=None):
    """Gradients of the cost: ``{"dW1", "db1", "dW2", "db2"}``, each of its parameter's shape.

    Uses ``activation.derivative(Z1)`` (dA1/dZ1 at the cached ``Z1``): a wrong derivative gives
    wrong gradients, which :func:`gradient_check` detects. ``activation=None`` uses the one
    ``params`` record; a plain dict needs ``activation=``.
    """
    checked = _check_params(params)
    act, output = usage(params, activation, output)
    X, Y = check_XY(X, Y, labels=output == "sigmoid")
    X = _inputs_for(X, checked)
    n_h, m = checked["W1"].shape[0], X.shape[1]
    cache = check_array_dict("cache", cache, ("Z1", "A1", "A2"))
    for key, shape in (("Z1", (n_h, m)), ("A1", (n_h, m)), ("A2", (1, m))):
        if cache[key].shape != shape:
            raise ValueError(
                f"cache[{key!r}] must have shape {shape} (from W1 of shape {checked['W1'].shape} and X of shape "
                f"{X.shape}), got {cache[key].shape}"
            )
    return _backward(checked, cache, X, Y, act)


def _backward(params, cache, X, Y, act):
    return model._backward(X, Y, params, cache, act)  # the package's one backward pass


def update_parameters(params, grads, learning_rate=1.2):
    """One gradient-descent step; returns new arrays ``W - learning_rate * dW`` (inputs unchanged).

    The result remembers the activation and output of ``params`` (if it is :class:`Parameters`).
    """
    return gradient_step(params, grads, learning_rate, n_layers=2)


# --- training (the course's loop, on the engine) -------------------------------------------------


def train(
    X,
    Y,
    n_hidden=4,
    activation="tanh",
    learning_rate=1.2,
    num_iterations=10000,
    init=0.01,
    seed=2,
    print_cost=False,
    output="sigmoid",
    *,
    init_scale=None,
):
    """Train the network by batch gradient descent; returns ``(params, costs)``.

    ``X (n_x, m)``; ``Y (1, m)``: 0/1 labels for ``output="sigmoid"`` (classification, the course),
    real numbers for ``output="identity"`` (regression, cost ``mean((A2 - Y)**2) / 2``). Parameters
    start from ``initialize_parameters(n_x, n_hidden, 1, init, seed)``. ``params`` is a
    :class:`Parameters` dict that remembers ``activation`` and ``output``; ``costs`` is a float array
    with the cost of iterations 0, 100, 200, ... (computed in that iteration, before its update).
    ``print_cost`` prints it every 1000 iterations.

    ``init_scale`` is the old name of ``init`` (still accepted).

    Raises :class:`TrainingDiverged` when the cost or the parameters stop being finite numbers (the
    rule of :mod:`course_utils.engine`: checked at every recorded iteration and at the end); the
    exception carries the costs recorded before and the last parameters that were still finite.
    """
    act = activations.as_activation(activation)
    output = check_choice("output", output, OUTPUTS)
    X, Y = check_XY(X, Y, labels=output == "sigmoid")
    n_h = check_int("n_hidden", n_hidden, low=1)
    learning_rate = check_real("learning_rate", learning_rate, low=0.0, low_inclusive=False)
    num_iterations = check_int("num_iterations", num_iterations, low=1)
    print_cost = check_bool("print_cost", print_cost)
    initial = initialize_parameters(X.shape[0], n_h, 1, init_or_old_name(init, init_scale, 0.01), seed)
    return _train_one(act, learning_rate, initial, X, Y, output, num_iterations, 1000 if print_cost else None)


# --- using a trained network ---------------------------------------------------------------------


def predict_proba(params, X, activation=None, output=None):
    """Probabilities of class 1, ``A2`` of shape ``(1, m)``, with the activation ``params`` record.

    ``activation`` may be given (a name or an Activation) if it is the same function as the recorded
    one; another one raises ``ValueError``. A plain dict records nothing: ``activation`` is required.
    """
    X, checked, act, output = _prepared(X, params, activation, output)
    if output != "sigmoid":
        raise ValueError("params belong to a regression network (output='identity'): use predict(params, X)")
    return _forward(X, checked, act, output)[0]


def predict(params, X, activation=None, output=None):
    """Predicted labels ``(1, m)`` int64 (1 where ``A2 > 0.5``), or the real-valued output ``A2 (1, m)``
    of a regression network (``output="identity"``, recorded by its :class:`Parameters`)."""
    X, checked, act, output = _prepared(X, params, activation, output)
    A2, cache = _forward(X, checked, act, output)
    return A2 if output != "sigmoid" else model.labels(cache["Z2"])


def accuracy(predictions, Y):
    """Percentage of labels that match, as the course prints it (a float in [0, 100])."""
    predictions, Y = np.asarray(predictions), np.asarray(Y)
    if predictions.shape != Y.shape:
        raise ValueError(f"predictions and Y must have the same shape, got {predictions.shape} and {Y.shape}")
    Y = check_labels01("Y", Y)
    if np.asarray(predictions).dtype.kind == "f" and not np.isin(predictions, (0.0, 1.0)).all():
        raise ValueError(
            "predictions must be the labels 0 and 1, got other numbers (probabilities A2?): pass "
            "network.predict(params, X), which turns probabilities into labels (1 where A2 > 0.5)"
        )
    predictions = check_labels01("predictions", predictions)
    return float(np.mean(predictions == Y) * 100.0)


# --- gradient check ------------------------------------------------------------------------------


def gradient_check(
    X, Y, n_hidden=4, activation=None, seed=2, epsilon=1e-7, init=1.0, params=None, output=None, *, init_scale=None
):
    """Relative error between backprop's gradient and central differences of the cost.

    Returns ``||g_backprop - g_numeric|| / (||g_backprop|| + ||g_numeric||)`` over all parameters,
    where ``g_numeric[k] = (J(theta + eps e_k) - J(theta - eps e_k)) / (2 eps)``. Below about 1e-7
    backprop is right; a wrong ``activation.derivative`` gives something far larger (~1e-2 or more).
    ``output`` chooses the cost: cross-entropy for "sigmoid" (0/1 labels ``Y``, the default), squared
    error for "identity" (real ``Y``). Without ``params``, ``activation`` defaults to tanh and the
    check runs at fresh weights; :class:`Parameters` passed as ``params`` bring their own activation and
    output (an ``activation`` with the same function and another derivative may be given: that is how
    a derivative is checked; a different function or ``output`` raises). A plain dict as ``params``
    needs ``activation``.

    The check runs at freshly initialised parameters (``seed``) with ``init=1.0`` by default,
    larger than training's 0.01: with tiny weights every hidden pre-activation is near 0, where
    many wrong derivatives happen to be almost right, so the check would prove little. Pass
    ``params`` to check at other parameters. For ReLU-like activations the check is only
    meaningful if no ``Z1`` lies within ``epsilon`` of the kink at 0.
    """
    if params is not None:
        _check_params(params)
        act, output = usage(params, activation, output)
    else:
        act = activations.as_activation("tanh" if activation is None else activation)
        output = check_choice("output", "sigmoid" if output is None else output, OUTPUTS)
    act.check_outputs()
    X, Y = check_XY(X, Y, labels=output == "sigmoid")
    epsilon = check_real("epsilon", epsilon, low=0.0, low_inclusive=False, high=1.0)
    if params is None:
        n_hidden = check_int("n_hidden", n_hidden, low=1)
        params = initialize_parameters(X.shape[0], n_hidden, 1, init_or_old_name(init, init_scale, 1.0), seed)
    params = {key: value.copy() for key, value in _check_params(params, n_x=X.shape[0]).items()}

    grads = _backward(params, model._forward(X, params, act, output), X, Y, act)
    return model.relative_error(
        grads, params, lambda: model._cost(model._forward(X, params, act, output)["Z2"], Y, output), epsilon
    )


def __getattr__(name):
    """``network.OneHiddenLayerClassifier`` lives in :mod:`course_utils.estimator`; imported on first use, so that
    importing ``network`` does not import scikit-learn."""
    if name == "OneHiddenLayerClassifier":
        from .estimator import OneHiddenLayerClassifier

        return OneHiddenLayerClassifier
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
