"""Wrong answers and direct solutions for notebook 05's exercises (05_elu); see __init__.py."""

import math

import numpy as np

from course_utils import activations


def _blog_elu(z, alpha=1.0):
    """The blog post's loop: exponential branch, kept only for z >= 0."""
    out = []
    for x in z:
        if x >= 0:
            out.append(alpha * (np.exp(x) - 1))
    return out


def _loop_math_exp(z, alpha=1.0):
    """A loop with math.exp: right values, but math.exp overflows for z > 709."""
    return np.array([x if x > 0 else alpha * math.expm1(x) for x in z]) + 0 * np.array([math.exp(x) for x in z])


WRONG = {
    "05.1": [
        lambda z, alpha=1.0: np.where(z > 0, z, alpha * np.expm1(z)),  # overflows at z = 710
        lambda z, alpha=1.0: np.where(z > 0, z, alpha * (np.exp(np.minimum(z, 0)) - 1)),  # loses digits near 0
        lambda z, alpha=1.0: np.where(z >= 0, alpha * np.expm1(np.minimum(z, 0)), z),  # branches swapped
        lambda z, alpha=1.0: np.where(z > 0, z, np.expm1(np.minimum(z, 0))),  # ignores alpha
        lambda z, alpha=1.0: np.maximum(z, 0),  # ReLU
        lambda z: np.where(z > 0, z, np.expm1(np.minimum(z, 0))),  # takes no alpha
        _blog_elu,  # the blog's loop
        _loop_math_exp,  # math.exp overflows
        "np.where(z > 0, z, np.expm1(z))",  # a string
    ],
    "05.2": [
        lambda dA, A, alpha=1.0: dA * np.where(A > 0, 1.0, A),  # forgot + alpha
        lambda dA, A, alpha=1.0: dA * np.where(A > 0, 1.0, alpha * np.exp(A)),  # A used as if it were z
        lambda dA, A, alpha=1.0: dA * np.where(A > 0, 1.0, alpha),  # constant slope alpha
        lambda dA, A, alpha=1.0: dA * (A > 0),  # ReLU's mask
        lambda dA, A, alpha=1.0: np.where(A > 0, 1.0, A + alpha),  # the derivative without dA
        lambda dA, A, alpha=1.0: dA * np.where(A > 0, 1.0, A + 1.0),  # + 1 instead of + alpha
        lambda dA, A, alpha=1.0: dA * np.where(A > 0, 1.0, A - alpha),  # wrong sign
        lambda dA, A, alpha=1.0: dA * (A + alpha),  # the z <= 0 formula everywhere
        42,  # not a function
    ],
    "05.3": ["stays", "shrinks", "grow", True, 6.5],
}

SOLUTIONS = {
    "05.1": [
        lambda z, alpha=1.0: np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0))),
        lambda z, alpha=1.0: activations.elu(z, alpha=alpha),
        lambda z, alpha=1.0: np.where(z > 0, z, alpha * np.expm1(np.where(z > 0, 0.0, z))),
    ],
    "05.2": [
        lambda dA, A, alpha=1.0: dA * np.where(A > 0, 1.0, A + alpha),
        lambda dA, A, alpha=1.0: np.where(A > 0, dA, dA * (A + alpha)),
    ],
    "05.3": ["grows", "Grows"],
}
