"""The course's Week-4 network, "Building your Deep Neural Network: Step by Step", for any depth.

The assignment's functions under PEP 8 names, with its shapes, keys and cache layout, so that a learner
recognises them and the assignment's own test cases run against them (``tests/test_deep.py`` does)::

    course                          here
    initialize_parameters_deep      initialize_parameters_deep(layer_dims, init=0.01, seed=3, activation="relu")
    linear_forward                  linear_forward(A_prev, W, b)                 -> Z, (A_prev, W, b)
    linear_activation_forward       linear_activation_forward(A_prev, W, b, activation) -> A, ((A_prev, W, b), Z)
    L_model_forward                 model_forward(X, params)                     -> AL, caches
    compute_cost                    compute_cost(AL, Y)                          (network.compute_cost itself)
    linear_backward                 linear_backward(dZ, (A_prev, W, b))          -> dA_prev, dW, db
    linear_activation_backward      linear_activation_backward(dA, cache, activation) -> dA_prev, dW, db
    L_model_backward                model_backward(AL, Y, caches)                -> dA0..dA{L-1}, dW1..dWL, db1..dbL
    update_parameters               update_parameters(params, grads, learning_rate)
    L_layer_model                   train(X, Y, layer_dims, ...)                 -> params, costs

Shapes (column convention): ``X (n_0, m)``, ``Y (1, m)``; ``layer_dims = [n_0, n_1, ..., n_L]``;
``W<l> (n_l, n_{l-1})``, ``b<l> (n_l, 1)``; ``caches[l - 1] = ((A^[l-1], W^[l], b^[l]), Z^[l])``.
Layers 1..L-1 apply the hidden activation (the course's ReLU, or any other, built-in or a learner's
``activations.Activation``); layer L is the output unit, "sigmoid" (classification, the course) or
"identity" (regression). What the network computes is :mod:`course_utils.model`'s (this module adds
no second forward pass or cost); the parameters are :class:`~course_utils.parameters.Parameters`, which
record the activation and the output, so ``model_forward(X, params)`` needs nothing else. A plain dict
(such as the course's test cases) records nothing: pass ``activation=``.
"""

import numpy as np

from . import activations, model
from ._conventions import check_labels01, check_targets, check_X, check_XY
from ._validation import (
    _show,
    as_float_array,
    check_bool,
    check_choice,
    check_int,
    check_real,
    check_seed,
)
from .engine import RECORD_EVERY, _train_one
from .network import compute_cost
from .parameters import OUTPUTS, Parameters, check_init, check_layers, gradient_step, usage, weight_std

__all__ = [
    "initialize_parameters_deep",
    "linear_forward",
    "linear_activation_forward",
    "model_forward",
    "compute_cost",
    "linear_backward",
    "linear_activation_backward",
    "model_backward",
    "update_parameters",
    "train",
    "predict",
    "predict_proba",
    "gradient_check",
]


#: The standard deviation of the biases :func:`gradient_check` draws (away from every kink).
GRADIENT_CHECK_BIAS = 0.1


class Caches(list):
    """What :func:`model_forward` returns as ``caches``: the course's list, ``caches[l - 1] =
    ((A_prev, W, b), Z)`` for layer l, which also keeps the :class:`Parameters` it came from (their
    activation and output), so ``model_backward(AL, Y, caches)`` needs nothing else. ``list(caches)``
    records nothing, like the course's own list: pass ``activation=`` then."""

    def __init__(self, items, params):
        super().__init__(items)
        self.params = params


# --- checks of the arguments only this module takes (layer sizes, the course's caches) ---------------
# (the generic checks come from _validation, the parameters' from parameters.check_layers, a linear
# layer's inputs from model)


# Checked here: the Week-4 functions' own argument, the list of layer sizes.
def _check_layer_dims(layer_dims, *, n_x=None, one_output=False):
    """``layer_dims`` as a list of ints >= 1, at least two of them (inputs ... output)."""
    if not isinstance(layer_dims, (list, tuple, np.ndarray)):
        raise TypeError(
            "layer_dims must be a list of layer sizes such as [2, 8, 8, 1] (inputs, hidden layers, output unit), "
            f"got {_show(layer_dims)} of type {type(layer_dims).__name__}"
        )
    dims = [check_int(f"layer_dims[{i}]", size, low=1) for i, size in enumerate(layer_dims)]
    if len(dims) < 2:
        raise ValueError(
            f"layer_dims must hold at least two sizes, the inputs and the output unit (e.g. [2, 4, 1]), got {dims}"
        )
    if one_output and dims[-1] != 1:
        raise ValueError(f"layer_dims must end with 1, the output unit, got {dims}: e.g. {dims[:-1] + [1]}")
    if n_x is not None and dims[0] != n_x:
        raise ValueError(
            f"layer_dims[0] is {dims[0]}, but X has {n_x} features (rows): the first size is the number of inputs"
        )
    return dims


def _prepared(X, params, activation, output, n_outputs=None):
    """``(X, checked params, Activation, output)``: params' record (or the given activation), X's orientation."""
    checked = check_layers("params", params, n_outputs=n_outputs)
    act, output = usage(params, activation, output)
    return check_X(X, n_features=checked["W1"].shape[1]), checked, act.check_outputs(), output


def _layer_activation(activation):
    """A layer's activation: a hidden one (name or Activation), or the output unit "identity"."""
    if isinstance(activation, str) and activation == "identity":
        return activations.Activation("identity", model.output_unit, model.output_derivative, output="identity")
    return activations.as_activation(activation)


def _linear_cache(cache, name="cache"):
    """``(A_prev, W, b)`` of a linear cache, checked (``model``'s check of a linear layer's inputs)."""
    if not isinstance(cache, (tuple, list)) or len(cache) != 3:
        raise TypeError(
            f"{name} must be the linear cache (A_prev, W, b) that linear_forward returns, got {_show(cache)}"
        )
    return model._linear_inputs(*cache, cache=name)


def _layer_cache(cache, name="cache"):
    """``((A_prev, W, b), Z)`` of a layer, checked: Z has the shape of ``W @ A_prev``."""
    if not isinstance(cache, (tuple, list)) or len(cache) != 2:
        raise TypeError(
            f"{name} must be the layer cache ((A_prev, W, b), Z) that linear_activation_forward returns, "
            f"got {_show(cache)}"
        )
    A_prev, W, b = _linear_cache(cache[0], name)
    Z = as_float_array(f"{name}'s Z", cache[1], ndim=2, allow_nonfinite=False)
    if Z.shape != (W.shape[0], A_prev.shape[1]):
        raise ValueError(
            f"{name} holds Z of shape {Z.shape}, but W {W.shape} and A_prev {A_prev.shape} give Z "
            f"{(W.shape[0], A_prev.shape[1])}: the parts come from different networks or data"
        )
    return (A_prev, W, b), Z


def _checked_caches(caches, activation, output):
    """``(list of checked layer caches, Activation, output)`` for :func:`model_backward`."""
    if isinstance(caches, dict):
        raise TypeError(
            "caches must be the list model_forward returns (one ((A_prev, W, b), Z) per layer); a dict such as "
            "network.forward_propagation's cache belongs to course_utils.network"
        )
    if not isinstance(caches, (list, tuple)) or not caches:
        raise TypeError(f"caches must be the non-empty list model_forward returns, got {_show(caches)}")
    checked = [_layer_cache(cache, f"caches[{i}]") for i, cache in enumerate(caches)]
    for i in range(1, len(checked)):
        (A_prev, _, _), Z_before = checked[i][0], checked[i - 1][1]
        if A_prev.shape != Z_before.shape:
            raise ValueError(
                f"caches[{i}] takes A_prev of shape {A_prev.shape}, but caches[{i - 1}] gives Z of shape "
                f"{Z_before.shape}: the caches come from different networks or data"
            )
    if isinstance(caches, Caches):
        act, output = usage(caches.params, activation, output)
    elif activation is None:
        raise ValueError(
            "caches is a plain list of (linear_cache, Z) tuples, which does not record the hidden activation: pass "
            "activation=..., e.g. activation='relu' (and output='identity' for a regression network), or pass the "
            "caches that model_forward returns, which carry it"
        )
    else:
        act = activations.as_activation(activation)
        output = check_choice("output", "sigmoid" if output is None else output, OUTPUTS)
    return checked, act, output


# --- initialisation ------------------------------------------------------------------------------


def initialize_parameters_deep(layer_dims, init=0.01, seed=3, activation="relu", output="sigmoid"):
    """Weights ``W<l> (n_l, n_{l-1})`` drawn layer by layer, zero biases ``b<l> (n_l, 1)``, l = 1..L.

    ``layer_dims = [n_0, n_1, ..., n_L]``. Returns :class:`Parameters` that record ``activation`` (the
    hidden layers', a name or an Activation) and ``output``; the step-by-step functions read them.

    One ``np.random.RandomState(seed)`` draws ``randn(n_l, n_{l-1})`` for l = 1, ..., L in turn (numpy's
    global generator is never touched), times the layer's scale given by ``init``:

    - a number: that standard deviation. ``init=0.01, seed=3`` (the defaults) is the course's
      ``initialize_parameters_deep`` bit for bit;
    - ``"lecun"``: ``randn / sqrt(n_{l-1})``, divided exactly as the course's application notebook does,
      so ``init="lecun", seed=1`` gives its numbers bit for bit. The next course's Initialization notebook
      calls this scale, sqrt(1 / n_{l-1}), "Xavier"; here "xavier" is Glorot's (next line);
    - ``"xavier"`` (Glorot): ``randn * sqrt(2 / (n_{l-1} + n_l))``;
    - ``"he"``: ``randn * sqrt(2 / n_{l-1})``, as the Initialization notebook writes it;
    - ``"zeros"``: all weights 0, nothing drawn (the symmetry problem: every unit of a layer stays equal).
    """
    dims = _check_layer_dims(layer_dims)
    init = check_init("init", init)
    rs = np.random.RandomState(check_seed("seed", seed))
    act = activations.as_activation(activation)
    output = check_choice("output", output, OUTPUTS)
    arrays = {}
    for layer in range(1, len(dims)):
        n, n_prev = dims[layer], dims[layer - 1]
        if init == "zeros":
            W = np.zeros((n, n_prev))
        elif init == "lecun":
            W = rs.randn(n, n_prev) / np.sqrt(n_prev)
        else:
            W = rs.randn(n, n_prev) * weight_std(init, n_prev, n)
        arrays[f"W{layer}"], arrays[f"b{layer}"] = W, np.zeros((n, 1))
    return Parameters(arrays, act, output)


# --- forward -------------------------------------------------------------------------------------


def linear_forward(A_prev, W, b):
    """``Z = W @ A_prev + b`` and the linear cache ``(A_prev, W, b)``.

    ``A_prev (n_{l-1}, m)``, ``W (n_l, n_{l-1})``, ``b (n_l, 1)``; ``Z (n_l, m)``.
    """
    A_prev, W, b = model._linear_inputs(A_prev, W, b)
    return model._linear(A_prev, W, b), (A_prev, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    """``A = g(W @ A_prev + b)`` and the layer cache ``((A_prev, W, b), Z)``, both of shape ``(n_l, m)``.

    ``activation``: a name ("relu", "sigmoid", ...) or an ``activations.Activation``; "identity" is the
    regression output unit (``A = Z``).
    """
    act = _layer_activation(activation)
    Z, linear_cache = linear_forward(A_prev, W, b)
    return np.asarray(act(Z), dtype=np.float64), (linear_cache, Z)


def model_forward(X, params, activation=None, output=None):
    """The course's ``L_model_forward``: ``(AL, caches)``, ``AL (n_L, m)`` and one cache per layer.

    ``X (n_0, m)``; ``params`` W1, b1, ..., WL, bL. Hidden layers apply the activation ``params`` record
    (a plain dict needs ``activation=``); layer L is the output unit (``sigmoid`` by default).
    ``caches[l - 1] = ((A^[l-1], W^[l], b^[l]), Z^[l])``; they also carry the record (:class:`Caches`),
    so ``model_backward(AL, Y, caches)`` follows without arguments. The values are
    :func:`course_utils.model.forward`'s.
    """
    X, checked, act, output = _prepared(X, params, activation, output)
    values = model._forward(X, checked, act, output)
    n_layers = len(checked) // 2
    caches = []
    for layer in range(1, n_layers + 1):
        A_prev = X if layer == 1 else values[f"A{layer - 1}"]
        caches.append(((A_prev, checked[f"W{layer}"], checked[f"b{layer}"]), values[f"Z{layer}"]))
    return values[f"A{n_layers}"], Caches(caches, Parameters(checked, act, output))


# --- backward ------------------------------------------------------------------------------------


def linear_backward(dZ, cache):
    """Gradients ``(dA_prev, dW, db)`` of a linear layer from ``dZ (n_l, m)`` and its cache ``(A_prev, W, b)``.

    ``dW = dZ @ A_prev.T / m``, ``db = sum(dZ, axis=1) / m``, ``dA_prev = W.T @ dZ``; each has the shape of
    what it is the gradient of.
    """
    A_prev, W, _ = _linear_cache(cache)
    dZ = as_float_array("dZ", dZ, ndim=2, allow_nonfinite=False)
    if dZ.shape != (W.shape[0], A_prev.shape[1]):
        raise ValueError(f"dZ must have shape {(W.shape[0], A_prev.shape[1])} (that of W @ A_prev), got {dZ.shape}")
    return model._linear_backward(dZ, A_prev, W)


def linear_activation_backward(dA, cache, activation):
    """Gradients ``(dA_prev, dW, db)`` of a layer: ``dZ = dA * g'(Z)`` at the cached Z, then :func:`linear_backward`.

    ``cache = ((A_prev, W, b), Z)``; ``activation`` a name, an ``activations.Activation`` or "identity".
    """
    act = _layer_activation(activation)
    (A_prev, W, _), Z = _layer_cache(cache)
    dA = as_float_array("dA", dA, ndim=2, allow_nonfinite=False)
    if dA.shape != Z.shape:
        raise ValueError(f"dA must have the shape of the cached Z, {Z.shape}, got {dA.shape}")
    return model._linear_backward(dA * act.derivative(Z), A_prev, W)


def model_backward(AL, Y, caches, activation=None, output=None):
    """The course's ``L_model_backward``: gradients ``dA0..dA{L-1}``, ``dW1..dWL``, ``db1..dbL``.

    The course's route: ``dAL = -(Y / AL - (1 - Y) / (1 - AL))`` (cross-entropy; ``AL - Y`` for the
    identity output), then through the output unit's derivative at the cached ``Z^[L]`` and back through
    each layer with :func:`linear_activation_backward`. (A saturated ``AL`` of exactly 0 or 1 divides by
    zero here, as in the course; :func:`train` uses the combined, stable ``dZ^[L] = AL - Y``.)

    ``AL (n_L, m)``, ``Y`` of the same shape; ``caches`` from :func:`model_forward` (which record the
    activation) or a plain list/tuple of the course's ``((A_prev, W, b), Z)`` tuples with ``activation=``.
    """
    checked, act, output = _checked_caches(caches, activation, output)
    n_layers = len(checked)
    Z_L = checked[-1][1]
    AL = as_float_array("AL", AL, ndim=2, allow_nonfinite=False)
    if AL.shape != Z_L.shape:
        raise ValueError(f"AL has shape {AL.shape} but the last cache's Z has {Z_L.shape}: pass the AL of these caches")
    Y = np.asarray(check_labels01("Y", Y) if output == "sigmoid" else check_targets("Y", Y), dtype=np.float64)
    if Y.shape != AL.shape:
        raise ValueError(f"Y must have the shape of AL, {AL.shape}, got {Y.shape}")
    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)) if output == "sigmoid" else AL - Y  # dAL
    grads = {}
    for layer in range(n_layers, 0, -1):
        (A_prev, W, _), Z = checked[layer - 1]
        g_prime = model.output_derivative(Z, output) if layer == n_layers else act.derivative(Z)
        dA, grads[f"dW{layer}"], grads[f"db{layer}"] = model._linear_backward(dA * g_prime, A_prev, W)
        grads[f"dA{layer - 1}"] = dA
    return grads


def update_parameters(params, grads, learning_rate):
    """One gradient-descent step: new arrays ``W<l> - learning_rate * dW<l>``, ``b<l> - learning_rate * db<l>``.

    ``grads`` needs ``dW1, db1, ..., dWL, dbL`` of the parameters' shapes (other keys, such as ``dA0``,
    are ignored). The inputs are unchanged; :class:`Parameters` keep their record.
    """
    return gradient_step(params, grads, learning_rate)


# --- training ------------------------------------------------------------------------------------


def _regularised_cost(values, Y, params, output, l2):
    """The cost from the logits plus the course's L2 term ``l2 / (2 m) * sum_l ||W^[l]||^2``."""
    n_layers, m = len(params) // 2, Y.shape[1]
    cost = model._cost(values[f"Z{n_layers}"], Y, output)
    if l2:
        cost += l2 / (2 * m) * sum(float(np.sum(params[f"W{layer}"] ** 2)) for layer in range(1, n_layers + 1))
    return cost


def train(
    X,
    Y,
    layer_dims,
    activation="relu",
    learning_rate=0.0075,
    num_iterations=3000,
    init="lecun",
    seed=1,
    l2=0.0,
    output="sigmoid",
    print_cost=False,
):
    """The course's ``L_layer_model``: batch gradient descent; returns ``(params, costs)``.

    ``X (n_0, m)``; ``Y (1, m)``, 0/1 labels (``output="sigmoid"``) or real targets (``"identity"``);
    ``layer_dims = [n_0, ..., 1]``. Starts from ``initialize_parameters_deep(layer_dims, init, seed)``
    (``init="lecun", seed=1`` are the application notebook's). ``costs`` (float array) holds the cost of
    iterations 0, 100, 200, ... computed in that iteration before its update, as the course records it;
    ``print_cost`` prints each. The cost comes from the logits (:func:`course_utils.model.cost`), so it
    stays finite where the course's would print inf, and the output layer's gradient is the combined
    ``dZ^[L] = A^[L] - Y``, so a saturated output (weights randn x 10) never turns it into NaN.
    ``l2`` is the course's L2 regularisation: ``l2 / (2 m) * sum ||W^[l]||^2`` in the cost and
    ``(l2 / m) W^[l]`` in the gradient.

    Trained by the course's engine (:class:`course_utils.engine.Engine`, the same loop as ``network.train``
    and ``compare``), whose numbers agree with this module's step-by-step functions to round-off.
    Raises :class:`~course_utils.engine.TrainingDiverged` when the cost or the parameters stop being finite
    (the engine's rule: checked at every recorded iteration and at the end), with the costs before and the
    last finite params.
    """
    act = activations.as_activation(activation).check_outputs()
    output = check_choice("output", output, OUTPUTS)
    X, Y = check_XY(X, Y, labels=output == "sigmoid")
    dims = _check_layer_dims(layer_dims, n_x=X.shape[0], one_output=True)
    if len(dims) < 3:
        raise ValueError(
            f"layer_dims must hold at least one hidden layer, e.g. [{dims[0]}, 4, 1], got {dims}: the course's "
            "networks have hidden layers (a network without one is logistic regression)"
        )
    learning_rate = check_real("learning_rate", learning_rate, low=0.0, low_inclusive=False)
    num_iterations = check_int("num_iterations", num_iterations, low=1)
    l2 = check_real("l2", l2, low=0.0)
    print_cost = check_bool("print_cost", print_cost)
    initial = initialize_parameters_deep(dims, init, seed, act, output)
    every = RECORD_EVERY if print_cost else None  # every recorded cost, as the course prints them
    return _train_one(act, learning_rate, initial, X, Y, output, num_iterations, every, l2)


# --- using a trained network ---------------------------------------------------------------------


def predict_proba(params, X, activation=None, output=None):
    """Probabilities of class 1, ``AL (1, m)``, with the activation ``params`` record (a plain dict: pass it)."""
    X, checked, act, output = _prepared(X, params, activation, output, n_outputs=1)
    if output != "sigmoid":
        raise ValueError("params belong to a regression network (output='identity'): use predict(params, X)")
    return model._forward(X, checked, act, output)[f"A{len(checked) // 2}"]


def predict(params, X, activation=None, output=None):
    """Labels ``(1, m)`` int64 (1 where sigmoid(Z^[L]) > 0.5, :func:`course_utils.model.labels`), or the
    real-valued output ``AL (1, m)`` of a regression network (``output="identity"``)."""
    X, checked, act, output = _prepared(X, params, activation, output, n_outputs=1)
    values = model._forward(X, checked, act, output)
    n_layers = len(checked) // 2
    return model.labels(values[f"Z{n_layers}"]) if output == "sigmoid" else values[f"A{n_layers}"]


# --- gradient check ------------------------------------------------------------------------------


def gradient_check(X, Y, layer_dims, activation, init="xavier", seed=1, epsilon=1e-7, l2=0.0, output="sigmoid"):
    """Relative error between the gradients :func:`train` uses and central differences of the cost.

    ``||g - g_numeric|| / (||g|| + ||g_numeric||)`` over every weight and bias of a network freshly made by
    ``initialize_parameters_deep(layer_dims, init, seed, activation, output)``, with
    ``g_numeric[k] = (J(theta + epsilon e_k) - J(theta - epsilon e_k)) / (2 epsilon)`` and ``J`` the
    training cost (with the L2 term when ``l2 > 0``). Below about 1e-7 backprop is right; a wrong
    ``activation.derivative`` gives far more. The biases are drawn too, ``randn * GRADIENT_CHECK_BIAS``
    from ``RandomState([seed, 1])``: with zero biases, an example that a whole ReLU layer maps to 0 puts
    the next layer's Z exactly on the kink at 0, where central differences measure half a slope.
    ``X (n_0, m)``, ``Y (1, m)`` (0/1 labels, or real targets for ``output="identity"``). Every parameter
    costs two forward passes: keep the network and ``m`` small (40 flower points and widths of 4: below
    1e-7 for depths 1-4, every built-in activation and both outputs, in ``tests/test_deep.py``).
    """
    act = activations.as_activation(activation).check_outputs()
    output = check_choice("output", output, OUTPUTS)
    X, Y = check_XY(X, Y, labels=output == "sigmoid")
    dims = _check_layer_dims(layer_dims, n_x=X.shape[0], one_output=True)
    epsilon = check_real("epsilon", epsilon, low=0.0, low_inclusive=False, high=1.0)
    l2 = check_real("l2", l2, low=0.0)
    params = {key: value.copy() for key, value in initialize_parameters_deep(dims, init, seed, act, output).items()}
    biases = np.random.RandomState([seed, 1])  # a stream of its own: the weights stay initialize_parameters_deep's
    for layer in range(1, len(dims)):
        params[f"b{layer}"] = biases.randn(dims[layer], 1) * GRADIENT_CHECK_BIAS
    Y = Y.astype(np.float64)
    grads = model._backward(X, Y, params, model._forward(X, params, act, output), act, l2)
    return model.relative_error(
        grads, params, lambda: _regularised_cost(model._forward(X, params, act, output), Y, params, output, l2), epsilon
    )
