"""What the network computes, for any number of layers: the one reference for the model's maths.

Column convention: ``X (n_0, m)``, one column per example; the parameters are the course's
``W1, b1, ..., WL, bL`` (see :mod:`course_utils.parameters`), ``W<l> (n_l, n_{l-1})``, ``b<l> (n_l, 1)``::

    Z^[l] = W^[l] @ A^[l-1] + b^[l]     (n_l, m)   l = 1..L,  A^[0] = X
    A^[l] = g(Z^[l])                    (n_l, m)   l = 1..L-1: the hidden layers, g the recorded activation
    A^[L] = sigmoid(Z^[L])              (1, m)     output "sigmoid": the probability of class 1
    A^[L] = Z^[L]                       (1, m)     output "identity": regression

- **logits**: ``Z^[L]``, what the output unit receives;
- **cost** from the logits: classification ``mean(log(1 + exp(Z)) - Y Z)`` (the cross-entropy of
  ``sigmoid(Z)``, written with ``np.logaddexp`` so it never overflows and never takes log 0); regression
  ``0.5 * mean((Z - Y)**2)``;
- **labels**: 1 where ``sigmoid(Z) > 0.5``, else 0 (int64), decided with ``scipy.special.expit`` exactly as
  ``network.predict`` has always decided;
- **dead units**: a hidden unit whose ``g'(Z)`` is 0 for every example (a dead ReLU: no gradient reaches
  its weights again).

The activations' formulas live in :mod:`course_utils.activations` (``act(z)``, ``act.derivative(z)``); the
sigmoid output unit uses ``scipy.special.expit`` as the one-hidden-layer network always has, so that its
numbers keep their bits. The public functions check their arguments; the course-shaped modules
(``network``, ``deep``) and the training loops call the unchecked ``_forward`` / ``_cost`` after checking
once.
"""

import numpy as np
from scipy.special import expit

from . import activations
from ._conventions import check_X, check_XY
from ._validation import as_float_array, check_array_dict, check_choice, check_real
from .parameters import OUTPUTS, check_layers, layer_keys, usage

__all__ = [
    "OUTPUTS",
    "linear",
    "output_unit",
    "output_derivative",
    "forward",
    "logits",
    "cost",
    "labels",
    "dead",
    "dead_by_layer",
    "relative_error",
    "GRADIENT_CHECK_TOLERANCE",
]


# --- one layer -------------------------------------------------------------------------------------


def linear(A_prev, W, b):
    """``Z = W @ A_prev + b``: ``A_prev (n_{l-1}, m)``, ``W (n_l, n_{l-1})``, ``b (n_l, 1)`` -> ``Z (n_l, m)``."""
    return _linear(*_linear_inputs(A_prev, W, b))


def _linear_inputs(A_prev, W, b, cache=None):
    """``(A_prev, W, b)`` as finite 2-D float arrays whose shapes chain (the one check of a linear layer's inputs).

    ``cache``: the name of the linear cache they came from (``"caches[0]"``), for the messages.
    """
    A_prev, W, b = (
        as_float_array(part if cache is None else f"{cache}'s {part}", value, ndim=2, allow_nonfinite=False)
        for part, value in zip(("A_prev", "W", "b"), (A_prev, W, b))
    )
    if W.shape[1] != A_prev.shape[0] or b.shape != (W.shape[0], 1):
        raise ValueError(
            f"{'A_prev, W and b' if cache is None else cache + ' holds arrays whose shapes'} do not chain: A_prev "
            f"{A_prev.shape}, W {W.shape}, b {b.shape} (W must be (n_l, rows of A_prev), b (n_l, 1)); "
            "do they come from different layers or networks?"
        )
    return A_prev, W, b


def _linear(A_prev, W, b):
    return W @ A_prev + b


def _hidden(Z, act):
    return np.asarray(act(Z), dtype=np.float64)


def output_unit(Z, output="sigmoid"):
    """``A^[L]`` from the logits ``Z``: ``sigmoid(Z)`` (``scipy.special.expit``) or ``Z`` itself ("identity")."""
    output = check_choice("output", output, OUTPUTS)
    return _output_unit(as_float_array("Z", Z), output)


def _output_unit(Z, output):
    return expit(Z) if output == "sigmoid" else Z


def output_derivative(Z, output="sigmoid"):
    """``dA^[L]/dZ^[L]`` at the logits ``Z``: ``activations.sigmoid_derivative(Z)`` or ones ("identity").

    Only the course's route through ``dA^[L]`` needs it (``deep.model_backward``); training uses the
    combined step ``dZ^[L] = A^[L] - Y``, which never divides by a saturated ``A^[L]``.
    """
    output = check_choice("output", output, OUTPUTS)
    Z = as_float_array("Z", Z)
    return activations.sigmoid_derivative(Z) if output == "sigmoid" else np.ones_like(Z)


# --- the whole network -----------------------------------------------------------------------------


def forward(X, params, activation=None, output=None):
    """Every layer's values: the dict ``{"Z1", "A1", ..., "ZL", "AL"}`` (each ``(n_l, m)``).

    ``X (n_0, m)``; ``params`` the arrays ``W1, b1, ..., WL, bL`` (a dict or :class:`Parameters`);
    ``activation`` the hidden layers' (a name or an ``activations.Activation``; if ``params`` are
    :class:`Parameters`, it must be the function they record); ``output`` "sigmoid" or "identity"
    (``None``: the one ``params`` record, else "sigmoid").
    For one hidden layer this is the cache of ``network.forward_propagation``, bit for bit.
    """
    X, params, act, output = _checked(X, params, activation, output)
    return _forward(X, params, act, output)


def _forward(X, params, act, output):
    cache = {}
    A = X
    n_layers = len(params) // 2
    for layer in range(1, n_layers):
        Z = _linear(A, params[f"W{layer}"], params[f"b{layer}"])
        A = _hidden(Z, act)
        cache[f"Z{layer}"], cache[f"A{layer}"] = Z, A
    Z = _linear(A, params[f"W{n_layers}"], params[f"b{n_layers}"])
    cache[f"Z{n_layers}"], cache[f"A{n_layers}"] = Z, _output_unit(Z, output)
    return cache


def logits(X, params, activation=None):
    """The logits ``Z^[L] (1, m)``: what the output unit receives (no output function applied)."""
    X, params, act, _ = _checked(X, params, activation, None)
    return _forward(X, params, act, "identity")[f"Z{len(params) // 2}"]


def cost(Z, Y, output="sigmoid"):
    """The cost of the logits ``Z (1, m)`` against ``Y (1, m)``, a float.

    "sigmoid": the mean cross-entropy ``mean(log(1 + exp(Z)) - Y Z)`` of 0/1 labels ``Y``, from the
    logits (finite where the probabilities would round to 0 or 1); "identity": ``0.5 * mean((Z - Y)**2)``
    of real targets ``Y``.
    """
    output = check_choice("output", output, OUTPUTS)
    Z, Y = check_XY(Z, Y, x_name="Z", labels=output == "sigmoid")
    if Z.shape[0] != 1:
        raise ValueError(f"Z must be the output unit's logits, shape (1, m), got shape {Z.shape}")
    return _cost(Z, Y, output)


def _cost(Z, Y, output="sigmoid"):
    return float(_costs(np.atleast_2d(Z), Y, output)[0])


def _costs(Z, Y, output="sigmoid"):
    """The cost of each row of logits ``Z (K, m)`` against ``Y (1, m)``, shape ``(K,)``: one model per row
    (the engine's many models; :func:`cost`'s formula, the one place it is written)."""
    if output == "sigmoid":
        return np.mean(np.logaddexp(0.0, Z) - Y * Z, axis=1)
    return 0.5 * np.mean((Z - Y) ** 2, axis=1)


def labels(Z):
    """0/1 labels (int64, ``Z``'s shape) from logits: 1 where ``sigmoid(Z) > 0.5``, as ``network.predict`` decides."""
    return (expit(as_float_array("Z", Z)) > 0.5).astype(np.int64)


def dead(derivatives):
    """Which units are dead: ``derivatives`` ``g'(Z) (n_l, m)`` -> bool ``(n_l,)``, True where all of a row is 0."""
    derivatives = as_float_array("derivatives", derivatives, ndim=2)
    return np.all(derivatives == 0, axis=1)


def dead_by_layer(X, params, activation=None):
    """The dead units of every hidden layer on the data ``X (n_0, m)``: a list of bool arrays ``(n_l,)``.

    A unit is dead when ``g'(Z)`` is 0 for every example of ``X`` (:func:`dead`); for one hidden layer,
    ``int(dead_by_layer(X, params, act)[0].sum())`` is ``experiments.dead_units``.
    """
    X, params, act, _ = _checked(X, params, activation, None)
    cache = _forward(X, params, act, "identity")
    return [dead(act.derivative(cache[f"Z{layer}"])) for layer in range(1, len(params) // 2)]


# --- the backward pass ------------------------------------------------------------------------------


def _linear_backward(dZ, A_prev, W):
    """``(dA_prev, dW, db)`` of a linear layer: ``W.T @ dZ``, ``dZ @ A_prev.T / m``, ``sum(dZ, axis=1) / m``."""
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    return W.T @ dZ, dW, db


def _backward(X, Y, params, values, act, l2=0.0):
    """The gradients training uses, ``{dW1, db1, ..., dWL, dbL}``: the one backward pass of the package.

    ``values`` are :func:`forward`'s (Z1, A1, ..., ZL, AL). The output layer's ``dZ^[L] = A^[L] - Y`` (the
    combined, stable step, the same for both outputs), then ``dZ^[l-1] = (W^[l].T @ dZ^[l]) * g'(Z^[l-1])``;
    with ``l2 > 0`` the course's L2 term ``(l2 / m) W^[l]`` is added to each ``dW^[l]``. For one hidden layer
    this is ``network.backward_propagation`` (the same operations in the same order).
    """
    n_layers, m = len(params) // 2, X.shape[1]
    grads = {}
    dZ = values[f"A{n_layers}"] - Y
    for layer in range(n_layers, 0, -1):
        W = params[f"W{layer}"]
        dA, dW, db = _linear_backward(dZ, X if layer == 1 else values[f"A{layer - 1}"], W)
        grads[f"dW{layer}"], grads[f"db{layer}"] = (dW + (l2 / m) * W if l2 else dW), db
        if layer > 1:
            dZ = dA * act.derivative(values[f"Z{layer - 1}"])
    return {"d" + key: grads["d" + key] for key in layer_keys(n_layers)}


# --- gradient checks -------------------------------------------------------------------------------


#: A gradient check passes when its relative error is below this: backprop agrees with the cost's finite differences
#: (a wrong derivative gives ~1e-2 or more). The one threshold for the package, the exercises and the notebooks.
GRADIENT_CHECK_TOLERANCE = 1e-7


def relative_error(grads, params, cost, epsilon=1e-7):
    """``||g - g_numeric|| / (||g|| + ||g_numeric||)``: ``grads`` (dW1, db1, ...) against central differences.

    ``params`` (W1, b1, ..., WL, bL: float64 arrays that ``cost()`` reads) are nudged in place by
    ``+-epsilon``, one entry at a time, and restored; ``cost`` is a function of no arguments. Any depth.
    """
    checked = check_layers("params", params, n_outputs=None)
    keys = layer_keys(len(checked) // 2)
    grads = check_array_dict("grads", grads, tuple("d" + key for key in keys))
    if not callable(cost):
        raise TypeError(f"cost must be a function of no arguments that returns the cost, got {type(cost).__name__}")
    epsilon = check_real("epsilon", epsilon, low=0.0, low_inclusive=False, high=1.0)
    analytic = np.concatenate([grads["d" + key].ravel() for key in keys])
    numeric = []
    for key in keys:
        array = params[key]
        for index in np.ndindex(array.shape):
            original = array[index]
            array[index] = original + epsilon
            plus = cost()
            array[index] = original - epsilon
            minus = cost()
            array[index] = original
            numeric.append((plus - minus) / (2 * epsilon))
    numeric = np.array(numeric)
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    return 0.0 if denominator == 0 else float(np.linalg.norm(analytic - numeric) / denominator)


def _checked(X, params, activation, output):
    """``(X, params, Activation, output)`` checked together; X's rows must be W1's inputs."""
    checked = check_layers("params", params, n_outputs=None)
    act, output = usage(params, activation, output)  # what params record (if anything) must agree
    act.check_outputs()
    n_in = checked["W1"].shape[1]
    return check_X(X, n_features=n_in), checked, act, output
