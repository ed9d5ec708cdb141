"""A neural network with one hidden layer, written from scratch in numpy (the course's model).

Column convention throughout: ``X`` has shape ``(n_x, m)`` (one column per example), ``Y`` has
shape ``(1, m)`` with labels 0/1. The parameters are a dict of float64 arrays::

    W1 (n_h, n_x)   b1 (n_h, 1)     hidden layer:  Z1 = W1 @ X + b1,  A1 = g(Z1)      (n_h, m)
    W2 (1, n_h)     b2 (1, 1)       output layer:  Z2 = W2 @ A1 + b2, A2 = sigmoid(Z2) (1, m)

``g`` is any activation (a registry name or an ``activations.Activation``). The cost is the mean
binary cross-entropy, computed from the logits ``Z2`` so it never takes ``log(0)``. Backward pass:
``dZ2 = A2 - Y``, ``dW2 = dZ2 @ A1.T / m``, ``db2 = mean(dZ2)``, ``dZ1 = (W2.T @ dZ2) * g'(Z1)``,
``dW1 = dZ1 @ X.T / m``, ``db1 = mean(dZ1)``; gradient descent ``W -= learning_rate * dW``.

The step-by-step functions (``initialize_parameters``, ``forward_propagation``, ``compute_cost``,
``backward_propagation``, ``update_parameters``) follow the course one to one. ``train`` runs the
same mathematics in a faster loop (biases folded into the matrix products, preallocated buffers,
in-place updates); it agrees with the plain loop to float64 round-off.
"""

import numbers

import numpy as np
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin

from . import activations
from ._validation import (
    _show,
    as_float_array,
    check_array_dict,
    check_choice,
    check_int,
    check_labels01,
    check_real,
    check_seed,
    check_XY,
    naming,
)

__all__ = [
    "TrainingDiverged",
    "initialize_parameters",
    "forward_propagation",
    "compute_cost",
    "backward_propagation",
    "update_parameters",
    "train",
    "predict",
    "predict_proba",
    "accuracy",
    "gradient_check",
    "OneHiddenLayerClassifier",
]

PARAM_NAMES = ("W1", "b1", "W2", "b2")
INIT_SCHEMES = ("he", "xavier")


class TrainingDiverged(ArithmeticError):
    """Raised by :func:`train` when the cost or the parameters stop being finite numbers."""


# --- checks --------------------------------------------------------------------------------------


def _check_init_scale(init_scale):
    if isinstance(init_scale, str):
        return check_choice("init_scale", init_scale, INIT_SCHEMES)
    if isinstance(init_scale, (bool, np.bool_)) or not isinstance(init_scale, numbers.Real):
        raise TypeError(
            f"init_scale must be a number >= 0 or one of 'he', 'xavier'; "
            f"got {_show(init_scale)} of type {type(init_scale).__name__}"
        )
    return check_real("init_scale", init_scale, low=0.0)


def _layer_scales(init_scale, n_x, n_h):
    """Standard deviations of W1 and W2: a number for both, or per layer from the fan-in."""
    if init_scale == "he":
        return np.sqrt(2.0 / n_x), np.sqrt(2.0 / n_h)
    if init_scale == "xavier":
        return np.sqrt(1.0 / n_x), np.sqrt(1.0 / n_h)
    return init_scale, init_scale


def _check_params(params, n_x=None):
    """Check a parameter dict (shapes consistent, finite float arrays) and return it as float64."""
    out = check_array_dict("params", params, PARAM_NAMES)
    n_h, n_in = out["W1"].shape
    expected = {"b1": (n_h, 1), "W2": (1, n_h), "b2": (1, 1)}
    for key, shape in expected.items():
        if out[key].shape != shape:
            raise ValueError(
                f"params[{key!r}] must have shape {shape} to match W1 of shape {out['W1'].shape}, got {out[key].shape}"
            )
    if n_x is not None and n_in != n_x:
        raise ValueError(f"X has {n_x} features (rows) but params['W1'] expects {n_in}")
    return out


def _check_X(X, name="X"):
    X = np.asarray(X) if not isinstance(X, np.ndarray) else X
    if X.dtype.kind not in "fiub":
        raise TypeError(f"{name} must be an array of real numbers, got dtype {X.dtype}")
    if X.ndim != 2 or X.shape[1] < 1:
        raise ValueError(f"{name} must have shape (n_features, m) with m >= 1, got shape {X.shape}")
    X = X.astype(np.float64, copy=False)
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} must contain only finite values (no NaN or inf)")
    return X


# --- the step-by-step functions (the course's, one to one) ---------------------------------------


def initialize_parameters(n_x, n_h, n_y=1, init_scale=0.01, seed=2):
    """Random weights, zero biases: ``W1 (n_h, n_x)``, ``b1 (n_h, 1)``, ``W2 (n_y, n_h)``, ``b2 (n_y, 1)``.

    ``rs = np.random.RandomState(seed)``; ``W1 = rs.randn(n_h, n_x) * s1`` is drawn before
    ``W2 = rs.randn(n_y, n_h) * s2`` (the course's order, so ``seed=2`` gives its numbers). With a
    number ``init_scale``, ``s1 = s2 = init_scale`` (0 gives all-zero weights: every hidden unit
    stays identical, the symmetry problem); ``"he"`` uses ``sqrt(2 / fan_in)`` per layer
    (``fan_in`` = n_x for W1, n_h for W2) and ``"xavier"`` ``sqrt(1 / fan_in)``.
    """
    n_x = check_int("n_x", n_x, low=1)
    n_h = check_int("n_h", n_h, low=1)
    n_y = check_int("n_y", n_y, low=1)
    init_scale = _check_init_scale(init_scale)
    rs = np.random.RandomState(check_seed("seed", seed))
    s1, s2 = _layer_scales(init_scale, n_x, n_h)
    W1 = rs.randn(n_h, n_x) * s1
    b1 = np.zeros((n_h, 1))
    W2 = rs.randn(n_y, n_h) * s2
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def forward_propagation(X, params, activation="tanh"):
    """Forward pass. Returns ``(A2, cache)``: ``A2 (1, m)`` probabilities of class 1 and
    ``cache = {"Z1", "A1" (n_h, m), "Z2", "A2" (1, m)}``."""
    act = activations.as_activation(activation)
    X = _check_X(X)
    params = _check_params(params, n_x=X.shape[0])
    return _forward(X, params, act)


def _forward(X, params, act):
    Z1 = params["W1"] @ X + params["b1"]
    A1 = np.asarray(act(Z1), dtype=np.float64)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = expit(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(Z2, Y):
    """Mean binary cross-entropy of the logits ``Z2 (1, m)`` against the labels ``Y (1, m)``.

    -[Y log A2 + (1 - Y) log(1 - A2)] with A2 = sigmoid(Z2) equals log(1 + exp(Z2)) - Y Z2, which
    ``np.logaddexp`` evaluates without overflow and without ever taking log(0). Returns a float.
    """
    Z2 = as_float_array("Z2", Z2, allow_nonfinite=False).astype(np.float64, copy=False)
    if Z2.size == 0:
        raise ValueError(f"Z2 must hold at least one logit, got an empty array of shape {Z2.shape}")
    Y = check_labels01("Y", Y)
    if Z2.shape != Y.shape:
        raise ValueError(f"Z2 and Y must have the same shape (1, m), got {Z2.shape} and {Y.shape}")
    return _cost(Z2, Y)


def _cost(Z2, Y):
    return float(np.mean(np.logaddexp(0.0, Z2) - Y * Z2))


def backward_propagation(params, cache, X, Y, activation="tanh"):
    """Gradients of the cost: ``{"dW1", "db1", "dW2", "db2"}``, each of its parameter's shape.

    Uses ``activation.derivative(Z1)`` (dA1/dZ1 at the cached ``Z1``): a wrong derivative gives
    wrong gradients, which :func:`gradient_check` detects.
    """
    act = activations.as_activation(activation)
    X, Y = check_XY(X, Y)
    params = _check_params(params, n_x=X.shape[0])
    n_h, m = params["W1"].shape[0], X.shape[1]
    cache = check_array_dict("cache", cache, ("Z1", "A1", "A2"))
    for key, shape in (("Z1", (n_h, m)), ("A1", (n_h, m)), ("A2", (1, m))):
        if cache[key].shape != shape:
            raise ValueError(
                f"cache[{key!r}] must have shape {shape} (from W1 of shape "
                f"{params['W1'].shape} and X of shape {X.shape}), got {cache[key].shape}"
            )
    return _backward(params, cache, X, Y, act)


def _backward(params, cache, X, Y, act):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 @ cache["A1"].T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (params["W2"].T @ dZ2) * act.derivative(cache["Z1"])
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(params, grads, learning_rate=1.2):
    """One gradient-descent step; returns new arrays ``W - learning_rate * dW`` (inputs unchanged)."""
    learning_rate = check_real("learning_rate", learning_rate, low=0.0, low_inclusive=False)
    params = _check_params(params)
    grads = check_array_dict("grads", grads, tuple("d" + key for key in PARAM_NAMES))
    for key in PARAM_NAMES:
        if grads["d" + key].shape != params[key].shape:
            raise ValueError(
                f"grads['d{key}'] must have the shape of params[{key!r}], "
                f"{params[key].shape}, got {grads['d' + key].shape}"
            )
    return {key: params[key] - learning_rate * grads["d" + key] for key in PARAM_NAMES}


# --- fast training loop --------------------------------------------------------------------------
# Each kernel fills A1 = g(Z1) and G = g'(Z1) in place (out= is passed positionally: it is faster).
# Registry activations with their default formulas get short ufunc kernels; anything else (e.g. an
# Activation with a hand-written, maybe wrong, derivative) calls the Activation itself.


def _kernel_tanh(Z1, A1, G):
    np.tanh(Z1, A1)
    np.multiply(A1, A1, G)
    np.subtract(1.0, G, G)


def _kernel_sigmoid(Z1, A1, G):
    np.multiply(Z1, 0.5, A1)  # sigmoid(z) = (1 + tanh(z / 2)) / 2: tanh is a faster ufunc
    np.tanh(A1, A1)
    np.multiply(A1, 0.5, A1)
    np.add(A1, 0.5, A1)
    np.subtract(1.0, A1, G)
    np.multiply(G, A1, G)


def _kernel_relu(Z1, A1, G):
    np.maximum(Z1, 0.0, out=A1)  # (np.maximum refuses a positional out)
    np.greater(Z1, 0.0, G)


def _kernel_leaky_relu(slope):
    def kernel(Z1, A1, G):
        np.multiply(Z1, slope, A1)
        np.maximum(A1, Z1, out=A1)  # max(z, slope z) is z for z > 0, slope z otherwise
        np.greater(Z1, 0.0, G)
        np.multiply(G, 1.0 - slope, G)
        np.add(G, slope, G)  # 1 for z > 0, slope otherwise

    return kernel


def _kernel_elu(alpha):
    def kernel(Z1, A1, G):
        T = np.minimum(Z1, 0.0)  # the negative branch only ever sees z <= 0
        np.expm1(T, T)
        np.multiply(T, alpha, T)  # alpha (exp(z) - 1) for z <= 0, 0 for z > 0
        np.maximum(Z1, 0.0, out=A1)
        np.add(A1, T, A1)
        np.greater(Z1, 0.0, G)
        np.multiply(G, 1.0 - alpha, G)
        np.add(G, T, G)
        np.add(G, alpha, G)  # 1 for z > 0, alpha exp(z) otherwise

    return kernel


def _generic_kernel(act):
    def kernel(Z1, A1, G):
        A1[...] = act(Z1)
        G[...] = act.derivative(Z1)

    return kernel


_FAST_KERNELS = {
    "tanh": lambda: _kernel_tanh,
    "sigmoid": lambda offset=0.0: _kernel_sigmoid if offset == 0 else None,
    "relu": lambda: _kernel_relu,
    "leaky_relu": lambda slope=0.01: _kernel_leaky_relu(float(slope)),
    "elu": lambda alpha=1.0: _kernel_elu(float(alpha)),
}


def _kernel_for(act):
    """A fast kernel if ``act`` is a registry activation with its own formulas, else the generic one."""
    make = _FAST_KERNELS.get(act.name)
    if make is not None and act == activations.get(act.name, **act.params):
        fast = make(**act.params)
        if fast is not None:
            return fast
    return _generic_kernel(act)


def _diverged(i, last_good, what, act, learning_rate):
    since = f" (it was still finite at iteration {last_good})" if last_good is not None else ""
    return TrainingDiverged(
        f"training diverged: {what} by iteration {i}{since}, with activation {act.name!r} and "
        f"learning_rate={learning_rate:g}. Lower the learning rate (try {learning_rate / 10:g}) "
        f"or use a smaller init_scale."
    )


def train(
    X,
    Y,
    n_hidden=4,
    activation="tanh",
    learning_rate=1.2,
    num_iterations=10000,
    init_scale=0.01,
    seed=2,
    print_cost=False,
):
    """Train the network by batch gradient descent; returns ``(params, costs)``.

    ``X (n_x, m)``, ``Y (1, m)`` with 0/1 labels. Parameters start from
    ``initialize_parameters(n_x, n_hidden, 1, init_scale, seed)``. ``costs`` is a float array with
    the cost of iterations 0, 100, 200, ... (computed in that iteration, before its update);
    ``print_cost`` prints it every 1000 iterations. Raises :class:`TrainingDiverged` if the cost
    or the parameters stop being finite (checked every 100 iterations and at the end).

    The loop computes exactly the mathematics of the module docstring, with fewer numpy calls per
    iteration: the biases are folded into the matrix products (``[W1 | b1] @ [X; 1]``), all arrays
    are preallocated and updated in place, ``learning_rate / m`` is applied once to ``dZ2``, and
    the output sigmoid is evaluated as ``(1 + tanh(z / 2)) / 2``. It therefore agrees with the plain
    course loop (``benchmarks/baseline_loop.py``) to float64 round-off, not bit for bit. Where
    training amplifies round-off (a learning rate near the edge of stability, e.g. tanh n_h = 4
    at lr 1.2 after iteration ~7800), the two drift apart in the last digits, as two CPUs would.
    """
    act = activations.as_activation(activation)
    X, Y = check_XY(X, Y)
    n_h = check_int("n_hidden", n_hidden, low=1)
    learning_rate = check_real("learning_rate", learning_rate, low=0.0, low_inclusive=False)
    num_iterations = check_int("num_iterations", num_iterations, low=1)
    if not isinstance(print_cost, (bool, np.bool_)):
        raise TypeError(f"print_cost must be True or False, got {_show(print_cost)}")
    n_x, m = X.shape
    params = initialize_parameters(n_x, n_h, 1, init_scale, seed)
    kernel = _kernel_for(act)

    # Biases folded into the products: [W1 | b1] @ [X; 1] and [W2 | b2] @ [A1; 1].
    Xa = np.ones((n_x + 1, m))
    Xa[:n_x] = X
    XaT = Xa.T
    W1a = np.hstack([params["W1"], params["b1"]])
    W2a = np.hstack([params["W2"], params["b2"]])
    W2T = W2a[:, :n_h].T  # view: follows the in-place updates of W2a
    A1a = np.ones((n_h + 1, m))
    A1 = A1a[:n_h]  # view: the kernel writes g(Z1) here
    A1aT = A1a.T
    Z1, G, dZ1 = np.empty((n_h, m)), np.empty((n_h, m)), np.empty((n_h, m))
    Z2, T2, dZ2 = np.empty((1, m)), np.empty((1, m)), np.empty((1, m))
    dW1a, dW2a = np.empty_like(W1a), np.empty_like(W2a)
    # learning_rate / m is folded into dZ2 (so dW1 and dW2 come out already scaled), and
    # sigmoid(z) = (1 + tanh(z / 2)) / 2 (a faster ufunc than expit), so that
    # step * (A2 - Y) = (step / 2) * tanh(Z2 / 2) + step * (1/2 - Y).
    step = learning_rate / m
    half_step = 0.5 * step
    offset = step * (0.5 - Y.astype(np.float64))
    Yf = Y.astype(np.float64)
    costs = np.empty((num_iterations + 99) // 100)
    last_good = None
    dot, tanh, add, subtract, multiply = np.dot, np.tanh, np.add, np.subtract, np.multiply

    with np.errstate(all="ignore"):  # overflow is detected below and reported as divergence
        for i in range(num_iterations):
            dot(W1a, Xa, Z1)  # Z1 = W1 @ X + b1
            kernel(Z1, A1, G)  # A1 = g(Z1), G = g'(Z1)
            dot(W2a, A1a, Z2)  # Z2 = W2 @ A1 + b2
            if i % 100 == 0:
                cost = float(np.mean(np.logaddexp(0.0, Z2) - Yf * Z2))
                if not np.isfinite(cost):
                    raise _diverged(i, last_good, f"the cost became {cost}", act, learning_rate)
                if not (np.isfinite(W1a).all() and np.isfinite(W2a).all()):
                    raise _diverged(i, last_good, "the parameters became inf or NaN", act, learning_rate)
                last_good = i
                costs[i // 100] = cost
                if print_cost and i % 1000 == 0:
                    print(f"Cost after iteration {i}: {cost:f}")
            multiply(Z2, 0.5, T2)
            tanh(T2, T2)
            multiply(T2, half_step, dZ2)
            add(dZ2, offset, dZ2)  # dZ2 = (A2 - Y) * learning_rate / m
            dot(W2T, dZ2, dZ1)  # W2.T @ dZ2, with W2 before its update
            dot(dZ2, A1aT, dW2a)  # [dW2 | db2] * learning_rate
            subtract(W2a, dW2a, W2a)
            multiply(dZ1, G, dZ1)  # dZ1 = (W2.T @ dZ2) * g'(Z1)
            dot(dZ1, XaT, dW1a)  # [dW1 | db1] * learning_rate
            subtract(W1a, dW1a, W1a)
    if not (np.isfinite(W1a).all() and np.isfinite(W2a).all()):
        raise _diverged(num_iterations, last_good, "the parameters became inf or NaN", act, learning_rate)
    params = {
        "W1": W1a[:, :n_x].copy(),
        "b1": W1a[:, n_x:].copy(),
        "W2": W2a[:, :n_h].copy(),
        "b2": W2a[:, n_h:].copy(),
    }
    return params, costs


# --- using a trained network ---------------------------------------------------------------------


def predict_proba(params, X, activation="tanh"):
    """Probabilities of class 1, ``A2`` of shape ``(1, m)``."""
    return forward_propagation(X, params, activation)[0]


def predict(params, X, activation="tanh"):
    """Predicted labels ``(1, m)`` int64: 1 where ``A2 > 0.5``, else 0."""
    return (predict_proba(params, X, activation) > 0.5).astype(np.int64)


def accuracy(predictions, Y):
    """Percentage of labels that match, as the course prints it (a float in [0, 100])."""
    predictions, Y = np.asarray(predictions), np.asarray(Y)
    if predictions.shape != Y.shape:
        raise ValueError(f"predictions and Y must have the same shape, got {predictions.shape} and {Y.shape}")
    Y = check_labels01("Y", Y)
    predictions = check_labels01("predictions", predictions)
    return float(np.mean(predictions == Y) * 100.0)


# --- gradient check ------------------------------------------------------------------------------


def gradient_check(X, Y, n_hidden=4, activation="tanh", seed=2, epsilon=1e-7, init_scale=1.0, params=None):
    """Relative error between backprop's gradient and central differences of the cost.

    Returns ``||g_backprop - g_numeric|| / (||g_backprop|| + ||g_numeric||)`` over all parameters,
    where ``g_numeric[k] = (J(theta + eps e_k) - J(theta - eps e_k)) / (2 eps)``. Below about 1e-7
    backprop is right; a wrong ``activation.derivative`` gives something far larger (~1e-2 or more).

    The check runs at freshly initialised parameters (``seed``) with ``init_scale=1.0`` by default,
    larger than training's 0.01: with tiny weights every hidden pre-activation is near 0, where
    many wrong derivatives happen to be almost right, so the check would prove little. Pass
    ``params`` to check at other parameters. For ReLU-like activations the check is only
    meaningful if no ``Z1`` lies within ``epsilon`` of the kink at 0.
    """
    act = activations.as_activation(activation)
    X, Y = check_XY(X, Y)
    epsilon = check_real("epsilon", epsilon, low=0.0, low_inclusive=False, high=1.0)
    if params is None:
        n_hidden = check_int("n_hidden", n_hidden, low=1)
        params = initialize_parameters(X.shape[0], n_hidden, 1, init_scale, seed)
    params = {key: value.copy() for key, value in _check_params(params, n_x=X.shape[0]).items()}

    _, cache = _forward(X, params, act)
    grads = _backward(params, cache, X, Y, act)
    analytic = np.concatenate([grads["d" + key].ravel() for key in PARAM_NAMES])

    numeric = []
    for key in PARAM_NAMES:
        array = params[key]
        for index in np.ndindex(array.shape):
            original = array[index]
            array[index] = original + epsilon
            plus = _cost(_forward(X, params, act)[1]["Z2"], Y)
            array[index] = original - epsilon
            minus = _cost(_forward(X, params, act)[1]["Z2"], Y)
            array[index] = original
            numeric.append((plus - minus) / (2 * epsilon))
    numeric = np.array(numeric)
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(analytic - numeric) / denominator)


# --- scikit-learn estimator ----------------------------------------------------------------------


class OneHiddenLayerClassifier(ClassifierMixin, BaseEstimator):
    """scikit-learn classifier wrapping :func:`train` (rows convention: ``X (m, n_features)``, ``y (m,)``).

    Binary only: ``y`` may hold any two labels (numbers or strings); ``classes_[1]`` is the class
    whose probability the network's output estimates. After ``fit``: ``params_`` (the course's
    parameter dict), ``loss_curve_`` (cost every 100 iterations), ``classes_``, ``n_features_in_``,
    ``n_iter_``. ``random_state`` is an int seed (2 reproduces the course), ``None`` or a
    ``np.random.RandomState``; numpy's global generator is never used.
    """

    def __init__(
        self, n_hidden=4, activation="tanh", learning_rate=1.2, max_iter=10000, init_scale=0.01, random_state=2
    ):
        self.n_hidden = n_hidden
        self.activation = activation
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.init_scale = init_scale
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags

    def _seed(self):
        state = self.random_state
        if state is None:
            state = np.random.RandomState()  # fresh entropy, not the global generator
        if isinstance(state, np.random.RandomState):
            return int(state.randint(0, 2**31 - 1))
        return check_seed("random_state", state)

    def fit(self, X, y):
        """Train on ``X (m, n_features)`` and ``y (m,)`` with exactly two distinct labels."""
        from sklearn.utils.multiclass import check_classification_targets
        from sklearn.utils.validation import check_array, validate_data

        max_iter = check_int("max_iter", self.max_iter, low=1)
        if y is not None:  # (y=None is left to validate_data, whose message scikit-learn's checks expect)
            naming("X", check_array, X, dtype=np.float64, estimator=self, input_name="X")
        X, y = naming("y", validate_data, self, X, y, dtype=np.float64)
        naming("y", check_classification_targets, y)
        classes, encoded = np.unique(y, return_inverse=True)
        if len(classes) != 2:
            found = f"{len(classes)} class{'es' if len(classes) != 1 else ''}"
            raise ValueError(
                f"Only binary classification is supported: y must contain exactly 2 "
                f"classes, got {found} ({_show(classes.tolist())})"
            )
        self.classes_ = classes
        self.params_, self.loss_curve_ = train(
            X.T,
            encoded.reshape(1, -1),
            n_hidden=self.n_hidden,
            activation=self.activation,
            learning_rate=self.learning_rate,
            num_iterations=max_iter,
            init_scale=self.init_scale,
            seed=self._seed(),
        )
        self.n_iter_ = max_iter
        return self

    def _logits(self, X):
        from sklearn.utils.validation import check_is_fitted, validate_data

        check_is_fitted(self)
        X = naming("X", validate_data, self, X, dtype=np.float64, reset=False)
        _, cache = _forward(X.T, self.params_, activations.as_activation(self.activation))
        return cache["Z2"][0]

    def decision_function(self, X):
        """Logit of class ``classes_[1]`` for each row, shape ``(m,)`` (> 0 means that class)."""
        return self._logits(X)

    def predict_proba(self, X):
        """Class probabilities, shape ``(m, 2)``, columns in the order of ``classes_``."""
        p1 = expit(self._logits(X))
        return np.column_stack([1.0 - p1, p1])

    def predict(self, X):
        """Predicted labels (values from ``classes_``), shape ``(m,)``."""
        positive = expit(self._logits(X)) > 0.5  # checks first that the model is fitted
        return self.classes_[positive.astype(np.int64)]
