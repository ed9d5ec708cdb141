"""Wrong answers and direct solutions for notebook 06's exercises (06_planar_data); see __init__.py."""

import numpy as np


def _forgot_return(X):
    features = np.vstack([X, (X**2).sum(axis=0)])  # noqa: F841


WRONG = {
    "06.1": [
        100,  # a wide network fits anything: the mistake section 4 is about
        95,  # "better than a line"
        50,  # chance
        0.86,  # a fraction
        "86",  # a string
        [86],  # a list
    ],
    "06.2": [
        53,  # no gain from the features
        93,  # beyond the best circle around the origin (85%): outside the stated 5 points
        100,  # perfect: ignores the noise
        98.5,  # the Gaussian quantiles' number with the radius
        0.83,  # a fraction
        "83",  # a string
        250,  # not a percentage
    ],
    "06.3": [
        lambda X: (X**2).sum(axis=0, keepdims=True),  # only the new row
        lambda X: (X**2).sum(axis=0),  # only the new row, 1-D
        lambda X: np.vstack([X, X**2]),  # x1² and x2² as two rows
        lambda X: np.vstack([X, np.sqrt((X**2).sum(axis=0))]),  # the distance, not its square
        lambda X: np.vstack([X, X.sum(axis=0) ** 2]),  # (x1 + x2)² instead of x1² + x2²
        lambda X: np.vstack([(X**2).sum(axis=0), X]),  # the new row first
        lambda X: np.vstack([X, (X**2).sum(axis=1)]),  # summed along the wrong axis: raises
        _forgot_return,  # computes the features but returns nothing
        "np.vstack([X, (X**2).sum(axis=0)])",  # a string
    ],
}

SOLUTIONS = {
    "06.1": [86, 85, 85.0, 88],
    "06.2": [85, 83, 80, 88, 78.5],  # within the stated 5 points of 83
    "06.3": [
        lambda X: np.vstack([X, (X**2).sum(axis=0)]),
        lambda X: np.concatenate([X, X[:1] ** 2 + X[1:] ** 2]),
        lambda X: np.array([X[0], X[1], X[0] ** 2 + X[1] ** 2]),
    ],
}
