"""Wrong answers and direct solutions for notebook 10's exercises (10_approximation); see __init__.py."""

import math

import numpy as np


def slope_changes(knots, values):
    slopes = np.diff(values) / np.diff(knots)
    return np.diff(slopes, prepend=0.0)


def slope_changes_loop(knots, values):  # a loop, with the spacing from the first two knots: fine
    h = knots[1] - knots[0]
    c, previous = [], 0.0
    for k in range(len(knots) - 1):
        slope = (values[k + 1] - values[k]) / h
        c.append(slope - previous)
        previous = slope
    return c


def slope_changes_concatenate(knots, values):
    slopes = np.diff(values) / np.diff(knots)
    return np.concatenate([slopes[:1], slopes[1:] - slopes[:-1]])


def just_the_slopes(knots, values):  # the slopes δ_k, not their changes
    return np.diff(values) / np.diff(knots)


def no_first_hinge(knots, values):  # np.diff without prepend: N - 1 weights, the first slope lost
    return np.diff(np.diff(values) / np.diff(knots))


def not_divided_by_h(knots, values):  # changes of the differences, not of the slopes
    return np.diff(np.diff(values), prepend=0.0)


def wrong_sign(knots, values):
    return -np.diff(np.diff(values) / np.diff(knots), prepend=0.0)


def shifted(knots, values):  # c_k = δ_(k+1) - δ_k: each change one hinge too early
    return np.diff(np.diff(values) / np.diff(knots), append=0.0)


def one_weight_per_knot(knots, values):  # N + 1 weights
    return np.diff(np.diff(values) / np.diff(knots), prepend=0.0, append=0.0)


def second_differences_over_h_squared(knots, values):  # the curvature, not the slope change
    h = knots[1] - knots[0]
    return np.diff(values, n=2, prepend=values[0]) / h**2


def with_math(knots, values):  # math.fsum of an array works, but this is one number for the whole array
    return math.fsum(np.diff(values))


def without_return(knots, values):
    np.diff(np.diff(values) / np.diff(knots), prepend=0.0)


WRONG = {
    "10.1": [
        just_the_slopes,
        no_first_hinge,
        not_divided_by_h,
        wrong_sign,
        shifted,
        one_weight_per_knot,
        second_differences_over_h_squared,
        with_math,
        without_return,
        "np.diff(slopes, prepend=0)",
    ],
    "10.2": [
        222,  # 222.1 rounded to the nearest whole number
        222.14,  # not a whole number
        224,  # works, but not the smallest
        444,  # Δ²/2 <= 1e-4: the bound of the wrong constant
        158,  # Δ²/4 <= 1e-4
        31416,  # the first-order bound Δ/2 <= 1e-4
        "223",
        0,
        1e-4,
    ],
    "10.3": ["higher", "similar", "lower", "dead", True, 0.707],
}
SOLUTIONS = {
    "10.1": [slope_changes, slope_changes_loop, slope_changes_concatenate],
    "10.2": [223, 223.0, np.int64(223)],
    "10.3": ["flat", "Flat"],
}
