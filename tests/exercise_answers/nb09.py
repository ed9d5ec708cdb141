"""Wrong answers and direct solutions for notebook 09's exercises (09_playground); see __init__.py."""

import numpy as np


def _cubic(X):
    x1, x2 = X
    return np.vstack([x1, x2, x1**2, x1 * x2, x2**2, x1**3, x1**2 * x2, x1 * x2**2, x2**3])


def _cubic_loop(X):
    rows = [X[0] ** a * X[1] ** (degree - a) for degree in (1, 2, 3) for a in range(degree + 1)]
    return np.array(rows)


def _cubic_without_return(X):
    np.vstack([X, X**2, X**3])


WRONG = {
    "09.1": [
        90,  # "it still learns": section 2's 90.3% at rate 10
        0,  # "it diverges, so nothing is right"
        100,
        70,  # a little worse than at rate 10
        30,
        0.5,  # a fraction, not percent
        "50",  # a string
        150,  # not a percentage
        np.array([50.0, 50.0]),  # an array, not one number
    ],
    "09.2": [
        lambda X: _cubic(X).T,  # the rows convention: (m, 9)
        lambda X: _cubic(X)[2:],  # forgot x1 and x2 themselves
        lambda X: list(_cubic(X))[:8],  # a list of rows, one missing
        lambda X: np.vstack([X, X**2, X**3]),  # only the pure powers: no x1·x2, x1²·x2, x1·x2²
        lambda X: np.vstack([X, (X[0] + X[1]) ** 2, (X[0] + X[1]) ** 3]),  # powers of a sum
        lambda X: np.vstack([X, X**2, X[0] * X[1], X**3, X[0] ** 2 * X[1], X[0] * X[1] ** 2, np.ones(X.shape[1])]),
        lambda X: np.vstack([X, X**2, 2 * X[0] * X[1], X**3, 3 * X[0] ** 2 * X[1], 3 * X[0] * X[1] ** 2]),  # binomial
        lambda X: np.vstack([X, X**2, X[0] * X[1], X**3, X[0] ** 2 * X[1], X[0] ** 2 * X[1]]),  # a row twice
        lambda X: (X[0] ** 2 * X[1] - X[1] ** 3)[None, :],  # one row: the cubic itself
        lambda X: np.hstack([X, X**2, X**3]),  # stacked side by side
        _cubic_without_return,
        lambda X: np.vstack([X.T, (X**2).T]),  # rows convention, and too few
        "np.vstack([X, X**2, X**3])",
    ],
    "09.3": [
        0.01,  # the default: seeds 2 and 6 stay stuck
        0.5,
        1,
        "xavier",
        "he",
        "Xavier",  # not the registry's spelling
        "0.1",  # a string
        10,  # a number of seeds
        0.05,  # not one of the playground's scales
        [0.1],  # a list
        True,
    ],
}

SOLUTIONS = {
    "09.1": [50, 50.0, 45, 55.5, np.float64(50.0)],
    "09.2": [_cubic, _cubic_loop, lambda X: _cubic(X)[::-1], lambda X: list(_cubic(X))],  # any order; a list of rows
    "09.3": [0.1, 1e-1, np.float64(0.1), 0.1000000000001],
}
