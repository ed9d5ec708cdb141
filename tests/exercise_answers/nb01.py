"""Wrong answers and direct solutions for notebook 01's exercises (01_sigmoid); see __init__.py."""

import numpy as np

from course_utils import activations


def tanh_as_list(z):
    """The blog's habit: a loop that fills a list (the values are right)."""
    return [2 * activations.sigmoid(2 * v) - 1 for v in z]


WRONG = {
    "01.1": [
        0.25,  # sigma's own slope: "same shape, same slope"
        0.5,  # one factor 2 only
        2,  # the factors added up wrongly
        0,  # tanh is 0 at 0, its slope is not
        "1",  # a string
    ],
    "01.2": [
        -2.5,  # b / w: the sign of a = -b / w lost
        10,  # the bias taken for the offset
        -10,
        0,  # "sigma is 1/2 at 0" without solving for x
        0.4,  # -w / b: the fraction upside down
        "2.5",  # a string
    ],
    "01.3": [
        15.2,  # the slope at 1e-6 OF ITS PEAK (f = 1e-6 instead of 4e-6)
        -13.82,  # a negative distance
        13.9,  # rounded carelessly
        8.29,  # the 0.001 row of the notebook's table
        np.array([13.82]),  # an array, not a number
    ],
    "01.4": [
        lambda z: 2 * activations.sigmoid(z) - 1,  # 2 sigma(z) - 1 = tanh(z / 2): the inner 2 forgotten
        lambda z: activations.sigmoid(2 * z) - 1,  # the outer 2 forgotten
        lambda z: 2 * activations.sigmoid(2 * z) + 1,  # wrong sign of the shift
        lambda z: (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z)),  # the definition: inf / inf = nan at |z| = 1000
        tanh_as_list,  # a list, not an array
        lambda z: float(2 * activations.sigmoid(2 * z[0]) - 1),  # one number for the whole array
        np.tanh(0.5),  # a number, not a function
    ],
}
SOLUTIONS = {
    "01.1": [1, 1.0, np.float64(1.0), 0.98],
    "01.2": [2.5, 2.50, np.float32(2.5), 10 / 4],
    "01.3": [13.82, 13.815508557961275, 2 * np.arccosh(500), np.log(1e6), 13.81],
    "01.4": [
        lambda z: 2 * activations.sigmoid(2 * z) - 1,
        lambda z: 2 * activations.sigmoid(2 * np.asarray(z)) - 1,
        lambda z: activations.sigmoid(2 * z) - activations.sigmoid(-2 * z),  # another true identity
        np.tanh,  # right values, even if it skips the sigmoid
    ],
}
