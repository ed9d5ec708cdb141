"""Wrong answers and direct solutions for notebook 03's exercises (03_softplus); see __init__.py."""

import math

import numpy as np

from course_utils import activations

from . import Answers


def where_softplus(z):
    """Looks safe, but np.where computes both branches at every z: exp(-z) overflows for z << 0, exp(z) for z >> 0."""
    return np.where(z > 0, z + np.log1p(np.exp(-z)), np.log1p(np.exp(z)))


def math_softplus(z):
    """One number at a time, with the math module: fails on an array."""
    return math.log1p(math.exp(z))


WRONG = {
    "03.1": [
        Answers(1000, 4.248e-18),  # the true values: what mathematics says, not what the formula computes
        Answers(np.inf, 4.248e-18),  # the overflow predicted, the lost digits not
        Answers(1000, 0),  # the lost digits predicted, the overflow not
        Answers(np.nan, 0),
        Answers("inf", 0),  # a string
        Answers(np.inf, -40),
    ],
    "03.2": [
        69.3,  # rounded to 1 decimal: the gap is then 0.0100021 > 0.01
        69,  # rounded to a whole number
        70,  # works, but not the smallest
        100,  # 1 / 0.01
        0.01 / np.log(2),  # upside down
        np.log(2),  # the gap for beta = 1
        -69.31,
        "69.31",  # a string
    ],
    "03.3": [
        3 - 0.04859,  # subtracted instead of added
        0.04859,  # "softplus is symmetric"
        -3.04859,  # wrong sign
        3,  # ReLU's value
        3.06,  # rounded too far: 2 decimals allow 3.04 or 3.05
        "3.04859",  # a string
    ],
    "03.4": [
        lambda z: np.log(1 + np.exp(z)),  # the textbook formula: overflows at z = 710
        lambda z: np.log1p(np.exp(z)),  # log1p alone does not stop the overflow
        lambda z: np.maximum(z, 0) + np.log(1 + np.exp(-np.abs(z))),  # no overflow, but 0 at z = -40
        where_softplus,  # np.where evaluates both branches: overflow
        lambda z: np.where(z > 30, z, np.log1p(np.exp(z))),  # the same trap
        lambda z: np.maximum(z, 0),  # ReLU, not softplus
        math_softplus,  # not elementwise
        lambda z: float(np.logaddexp(0, z[0])),  # one number for the whole array
        np.log(2),  # a number, not a function
    ],
}
SOLUTIONS = {
    "03.1": [Answers(np.inf, 0), Answers(float("inf"), 0.0), Answers(math.inf, -0.0)],
    "03.2": [69.31, 69.32, 69.3147, np.log(2) / 0.01, 69.315],
    "03.3": [3.04859, 3 + 0.04859, 3.0486, 3.049, 3.05, 3.04, float(activations.softplus(3.0))],  # to 2 decimals
    "03.4": [
        lambda z: np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))),
        lambda z: np.logaddexp(0, z),
        activations.softplus,
    ],
}
