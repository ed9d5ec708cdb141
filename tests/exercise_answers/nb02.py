"""Wrong answers and direct solutions for notebook 02's exercises (02_sum_of_sigmoids); see __init__.py."""

import numpy as np

from course_utils import activations


def blog_sum(z, n, L):
    """The blog's lines as a function: the sum divided by 10."""
    return activations.sum_of_sigmoids(z, np.linspace(0, L, n)) / 10


def looped_sum(z, n, L):
    """A loop over the offsets (fine: each term is one call on the whole array z)."""
    offsets = np.linspace(0, L, n)
    total = np.zeros_like(z)
    for a_k in offsets:
        total += activations.sigmoid(z, offset=a_k)
    return total * (offsets[1] - offsets[0])


WRONG = {
    "02.1": [
        30,  # the right end, where the PLAIN gap is largest
        9.8 / 2,  # the middle: there the trapezoid gap changes sign and is 0
        -10,  # the left end of the window
        15,  # just past L
        "0",  # a string
    ],
    "02.2": [
        30,  # "it keeps rising like softplus"
        np.inf,
        100,  # the number of sigmoids N, without the spacing
        9.8 / 2,  # half of L
        0,  # "the gradient vanishes, so the value does too"
        "9.9",  # a string
    ],
    "02.3": [
        lambda z, n, L: activations.sum_of_sigmoids(z, np.linspace(0, L, n)) / n,  # the average
        lambda z, n, L: activations.sum_of_sigmoids(z, np.linspace(0, L, n)) * L / n,  # off by one gap
        blog_sum,  # the blog's constant
        lambda z, n, L: activations.sum_of_sigmoids(z, np.linspace(0, L, n)),  # the raw sum
        lambda z, n, L: activations.sum_of_sigmoids(z, np.linspace(0, L, n)) * (n - 1) / L,  # divided by the spacing
        lambda z, n, L: activations.softplus(z) - activations.softplus(z - L),  # the integral, not the sum
        lambda z, n, L: activations.sum_of_sigmoids(z, np.linspace(0, L, n)).sum() * L / (n - 1),  # one number
        lambda z: activations.sum_of_sigmoids(z, np.linspace(0, 9.8, 100)) * 9.8 / 99,  # N and L hard-coded
        lambda z, n, L: activations.sum_of_sigmoids(z, np.arange(n) * L / n) * L / n,  # offsets stop short of L
        10.1,  # a number, not a function
    ],
    "02.4": [
        142,  # from N >= 141.45 + 1, rounded down
        144,  # works, but not the smallest
        1000,
        141,
        10**7,  # far too many (must not be computed)
        143.5,  # not a whole number
        "143",  # a string
        1,
    ],
}
SOLUTIONS = {
    "02.1": [0, 9.8, 0.5, -0.9, 10.5],
    "02.2": [9.899, 9.8, 9.9, 10, 9.8 * 100 / 99],
    "02.3": [
        lambda z, n, L: L / (n - 1) * activations.sum_of_sigmoids(z, np.linspace(0, L, n)),
        looped_sum,
    ],
    "02.4": [143, 143.0, np.int64(143)],
}
