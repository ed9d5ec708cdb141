"""Wrong answers and direct solutions for notebook 07's exercises (07_one_hidden_layer); see __init__.py."""

import math

import numpy as np

from . import Answers


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _derivative_with_math(z):
    return 1 - math.tanh(z) ** 2  # math.tanh takes one number, not an array


def _derivative_without_return(z):
    1 - np.tanh(z) ** 2


def _logit_loop(params, x):
    total = params["b2"][0, 0]
    for j in range(params["W1"].shape[0]):
        total += params["W2"][0, j] * np.tanh(params["W1"][j] @ x[:, 0] + params["b1"][j, 0])
    return total


def _logit_columns(params, x):  # W1[:, j] is a column of W1 (one input feature), not unit j's weights
    total = params["b2"][0, 0]
    for j in range(params["W1"].shape[0]):
        total += params["W2"][0, j] * np.tanh(params["W1"][:, j % 2] @ x[:, 0] + params["b1"][j, 0])
    return total


SHAPES = ((7, 2), (1, 1), (7, 400), (1, 7))

WRONG = {
    "07.1": [
        Answers([2, 7], (1, 1), (7, 400), (1, 7)),  # W1 transposed, as a list
        Answers((2, 7), (1, 1), (7, 400), (1, 7)),  # W1 transposed
        Answers((7, 2), (7, 1), (7, 400), (1, 7)),  # b1's shape for b2
        Answers((7, 2), (1, 1), (400, 7), (1, 7)),  # examples as rows
        Answers((7, 2), (1, 1), (7, 400), (7, 1)),  # dW2 transposed
        Answers((7, 2), (1,), (7, 400), (1, 7)),  # b2 as a 1-D shape
        Answers((7, 2), (1, 1), (7.0, 400.0), (1, 7)),  # floats in a shape
    ],
    "07.2": [4, 2, 3, 0, 5, "1", 1.5, True, np.array([1])],
    "07.3": [
        lambda z: 1 - z**2,  # forgot the tanh inside (section 6's bug)
        lambda z: 1 - np.tanh(z),  # forgot the square (the old exercise's bug)
        lambda a: a * (1 - a),  # sigmoid's derivative written from a: but the function receives z
        np.ones_like,  # the identity's slope, 1 everywhere
        lambda z: np.tanh(z) * (1 - np.tanh(z)),  # sigmoid's pattern with tanh
        lambda z: -(1 - np.tanh(z) ** 2),  # wrong sign
        lambda z: 2 * (1 - np.tanh(z) ** 2),  # wrong scale
        lambda z: _sigmoid(z) * (1 - _sigmoid(z)),  # the derivative of the wrong function
        np.tanh,  # the function instead of its slope
        lambda z: 1.0,  # one number, not one per entry
        _derivative_with_math,
        _derivative_without_return,
        "1 - np.tanh(z)**2",  # a string, not a function
    ],
    "07.4": [
        lambda params, x: (params["W2"] @ np.tanh(params["W1"] @ x + params["b1"]))[0, 0],  # no b2
        lambda params, x: (params["W2"] @ np.tanh(params["W1"] @ x) + params["b2"])[0, 0],  # no b1
        lambda params, x: _sigmoid(params["W2"] @ np.tanh(params["W1"] @ x + params["b1"]) + params["b2"]),  # A2
        lambda params, x: (params["W2"] @ _sigmoid(params["W1"] @ x + params["b1"]) + params["b2"])[0, 0],  # σ
        lambda params, x: (params["W2"] @ (params["W1"] @ x + params["b1"]) + params["b2"])[0, 0],  # no activation
        lambda params, x: np.tanh(params["W1"] @ x + params["b1"]),  # the hidden activations, not their sum
        lambda params, x: params["W2"].T * np.tanh(params["W1"] @ x + params["b1"]),  # terms not summed
        _logit_columns,
        lambda params, x: "z2",
        3.0,
    ],
}

SOLUTIONS = {
    "07.1": [
        Answers(*SHAPES),
        Answers((np.int64(7), 2), (1, 1), (7, 400), (1, 7)),
        Answers([7, 2], [1, 1], np.array([7, 400]), (1, 7)),  # lists and arrays are shapes too
    ],
    "07.2": [1, 1.0, np.int64(1)],
    "07.3": [
        lambda z: 1 - np.tanh(z) ** 2,
        lambda z: 1 / np.cosh(z) ** 2,  # sech², the same slope (and 1 / inf = 0 far out)
        lambda z: 4 / (np.exp(z) + np.exp(-z)) ** 2,
        lambda z: (1 - np.tanh(z)) * (1 + np.tanh(z)),
    ],
    "07.4": [
        lambda params, x: params["W2"] @ np.tanh(params["W1"] @ x + params["b1"]) + params["b2"],
        _logit_loop,
        lambda params, x: float(
            sum(
                params["W2"][0, j] * np.tanh(params["W1"][j] @ x + params["b1"][j])
                for j in range(params["W1"].shape[0])
            )[0]
            + params["b2"][0, 0]
        ),
    ],
}
