"""The plain course loop for the L-layer network (the speed reference for ``deep.train``): frozen.

Written once in the structure of the course's Week-4 assignment and deliberately left untuned: the
helper functions ``linear_forward``, ``linear_activation_forward``, ``L_model_forward``,
``linear_backward``, ``linear_activation_backward``, ``L_model_backward`` and ``update_parameters``, each
activation and its backward step written in plain numpy as the course writes them (``sigmoid``,
``relu`` and their ``*_backward``, plus tanh, leaky ReLU and ELU in the same style), and the loop of
its ``L_layer_model``, with the next course's ``initialize_parameters_he`` as the other start. Two
differences from the notebook, both for a fair comparison with
``deep.train``: the weights come from an ``np.random.RandomState`` (the same numbers as its
``np.random.seed(1)``), and the cost is computed only at the iterations that record it (0, 100, ...).

``benchmarks/bench_deep.py`` times ``deep.train`` against :func:`L_layer_model` in one process; do not
optimise this file, or the ratios it prints stop meaning anything.

Column convention: ``X`` of shape ``(n_x, m)``, ``Y`` of shape ``(1, m)`` with 0/1 labels.
"""

import numpy as np

# --- the activations, as the course writes them (each returns A and its cache Z) ---------------------


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z)), Z


def relu(Z):
    return np.maximum(0, Z), Z


def tanh(Z):
    return np.tanh(Z), Z


def leaky_relu(Z, slope=0.01):
    return np.where(Z > 0, Z, slope * Z), Z


def elu(Z, alpha=1.0):
    return np.where(Z > 0, Z, alpha * (np.exp(np.minimum(Z, 0)) - 1)), Z


def sigmoid_backward(dA, cache):
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)


def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


def tanh_backward(dA, cache):
    Z = cache
    return dA * (1 - np.tanh(Z) ** 2)


def leaky_relu_backward(dA, cache, slope=0.01):
    Z = cache
    return dA * np.where(Z > 0, 1.0, slope)


def elu_backward(dA, cache, alpha=1.0):
    Z = cache
    return dA * np.where(Z > 0, 1.0, alpha * np.exp(np.minimum(Z, 0)))


FORWARD = {"sigmoid": sigmoid, "relu": relu, "tanh": tanh, "leaky_relu": leaky_relu, "elu": elu}
BACKWARD = {
    "sigmoid": sigmoid_backward,
    "relu": relu_backward,
    "tanh": tanh_backward,
    "leaky_relu": leaky_relu_backward,
    "elu": elu_backward,
}

# --- the step-by-step functions ------------------------------------------------------------------


def initialize_parameters_deep(layer_dims, seed=1):
    rs = np.random.RandomState(seed)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):  # noqa: E741 - the course's name
        parameters["W" + str(l)] = rs.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims, seed=1):
    """The next course's Initialization notebook: He initialisation, randn * sqrt(2 / n_(l-1))."""
    rs = np.random.RandomState(seed)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):  # noqa: E741
        parameters["W" + str(l)] = rs.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2.0 / layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    cache = (A, W, b)
    return Z, cache


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = FORWARD[activation](Z)
    cache = (linear_cache, activation_cache)
    return A, cache


def L_model_forward(X, parameters, activation="relu"):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):  # noqa: E741
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)], parameters["b" + str(l)], activation)
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = (-1 / m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    return np.squeeze(cost)


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    dZ = BACKWARD[activation](dA, activation_cache)
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches, activation="relu"):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    current_cache = caches[L - 1]
    dA_prev_temp, dW_temp, db_temp = linear_activation_backward(dAL, current_cache, "sigmoid")
    grads["dA" + str(L - 1)] = dA_prev_temp
    grads["dW" + str(L)] = dW_temp
    grads["db" + str(L)] = db_temp
    for l in reversed(range(L - 1)):  # noqa: E741
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(l + 1)], current_cache, activation)
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
    return grads


def update_parameters(params, grads, learning_rate):
    parameters = params.copy()
    L = len(parameters) // 2
    for l in range(L):  # noqa: E741
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
    return parameters


def L_layer_model(
    X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, activation="relu", seed=1, init="lecun"
):
    """The course's loop; returns ``(parameters, costs)`` with the cost of iterations 0, 100, 200, ...

    ``init``: "lecun" (the application notebook's ``initialize_parameters_deep``) or "he" (the
    Initialization notebook's ``initialize_parameters_he``).
    """
    costs = []
    initialize = initialize_parameters_he if init == "he" else initialize_parameters_deep
    parameters = initialize(layers_dims, seed)
    for i in range(0, num_iterations):
        AL, caches = L_model_forward(X, parameters, activation)
        if i % 100 == 0:
            costs.append(compute_cost(AL, Y))
        grads = L_model_backward(AL, Y, caches, activation)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, np.array(costs)
