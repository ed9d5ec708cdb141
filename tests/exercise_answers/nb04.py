"""Wrong answers and direct solutions for notebook 04's exercises (04_relu); see __init__.py."""

from statistics import NormalDist

import numpy as np

from course_utils import activations

PHI3 = NormalDist().cdf(3.0)


def _forgot_return(dA, A, slope):
    dZ = dA * np.where(A > 0, 1.0, slope)  # noqa: F841


WRONG = {
    "04.1": [
        PHI3,  # one example only
        1 - PHI3**1000,  # fires at least once
        NormalDist().cdf(-3.0) ** 1000,  # Φ(-3) instead of Φ(3)
        NormalDist().cdf(-3.0),  # the firing probability of one example
        1000 * (1 - PHI3),  # the expected number of firings
        25.9,  # a percent
        0.3,  # a rough guess
        "0.26",  # a string
        [0.26],  # a list
    ],
    "04.2": [
        0.52,  # the same as on 1000 examples: the mistake the exercise is about
        0.26,  # exercise 1's answer, copied
        0.3,  # fewer dead with fewer examples: the wrong direction
        1.0,  # every unit dead
        81,  # a percent
        "0.8",  # a string
        True,  # a bool
    ],
    "04.3": [
        lambda dA, A, slope: dA * (A > 0),  # ReLU's mask: forgets the slope
        lambda dA, A, slope: dA * (A >= 0),  # A >= 0 mask: wrong for leaky, and for ReLU (everything passes)
        lambda dA, A, slope: np.where(A > 0, 1.0, slope),  # the derivative without dA
        lambda dA, A, slope: dA * A,  # multiplied by the output
        lambda dA, A, slope: dA * np.where(A > 0, slope, 1.0),  # branches swapped
        lambda dA, A, slope: dA * np.where(A > 0, 1.0, slope * A),  # the slope times A
        lambda dA, A, slope: dA @ (A > 0).T,  # a matrix product instead of elementwise
        _forgot_return,  # computes dZ but does not return it
        "dA * (A > 0)",  # a string
    ],
}

SOLUTIONS = {
    "04.1": [PHI3**1000, 0.26, 0.259],
    "04.2": [0.8, 0.81, 0.87, 0.75],
    "04.3": [
        lambda dA, A, slope: dA * np.where(A > 0, 1.0, slope),
        lambda dA, A, slope: np.where(A > 0, dA, slope * dA),
        lambda dA, A, slope: dA * ((A > 0) + slope * (A <= 0)),
        lambda dA, A, slope: dA * activations.leaky_relu_derivative(A, slope=slope),  # A has the sign of Z
    ],
}
