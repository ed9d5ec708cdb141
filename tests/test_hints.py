"""Each specific hint fires for the mistake it names, and only for it.

A row is an exercise, a wrong answer, pieces its ``Not yet:`` line must contain and pieces it must not:
the hint of another mistake (a hint that fires for every wrong answer misleads the learner who made a
different one). The general wrong answers of tests/exercise_answers/ check that every wrong answer is
refused; this file checks *what* the learner is told.
"""

import numpy as np
import pytest
from exercise_answers import nb11

from course_utils import activations, exercises
from course_utils.exercises import feedback as helpers

sigmoid = activations.sigmoid
RECEIVES_Z = "receives z"

HINTS = [
    # 01.4: a right formula that overflows is told about the overflow, not about the factors
    ("01.4", lambda z: (1 - np.exp(-2 * z)) / (1 + np.exp(-2 * z)), ["overflows", "activations.sigmoid"], ["factors"]),
    ("01.4", lambda z: 2 * sigmoid(2 * z) + 1, ["factors 2 and the − 1"], ["overflow"]),
    ("01.4", lambda z: 2 * sigmoid(z) - 1, ["tanh(z/2)"], ["overflow"]),
    # 03.4: the log1p hint only for the function that is right except for the lost digits at z = -40
    ("03.4", lambda z: np.maximum(z, 0) + np.log(1 + np.exp(-np.abs(z))), ["np.log1p"], []),
    ("03.4", lambda z: np.abs(z) + np.log1p(np.exp(-np.abs(z))), ["term by term"], ["log1p(x) computes"]),
    ("03.4", lambda z: np.log1p(np.exp(z)), ["overflow", "−|z|"], ["log1p(x) computes"]),
    # 05.1: the overflow message says how to avoid it
    ("05.1", lambda z, alpha=1.0: np.where(z > 0, z, alpha * np.expm1(z)), ["overflow", "np.minimum(z, 0)"], []),
    # 06.3: summing along the wrong axis is named, not shown as a raw numpy error
    ("06.3", lambda X: np.vstack([X, (X**2).sum(axis=1)]), ["axis 0"], ["concatenation axis"]),
    # 07.3 and 08.2: "your function receives z" only for the mistakes that come from treating z as the output
    ("07.3", lambda z: 1 - z**2, [RECEIVES_Z], []),
    ("07.3", lambda z: -(1 - np.tanh(z) ** 2), ["wrong sign"], [RECEIVES_Z]),
    ("07.3", lambda z: 2 * (1 - np.tanh(z) ** 2), ["2 times the right one"], [RECEIVES_Z]),
    ("07.3", lambda z: 1 - np.tanh(z), ["square is missing"], [RECEIVES_Z]),
    ("07.3", lambda z: np.cos(z), ["1 − tanh²(z)"], [RECEIVES_Z, "sign", "factor"]),
    ("08.2", lambda z: activations.sigmoid_derivative(sigmoid(z)), ["forum's bug", RECEIVES_Z], []),
    ("08.2", lambda z: -sigmoid(z) * (1 - sigmoid(z)), ["wrong sign"], [RECEIVES_Z]),
    ("08.2", lambda z: 0.5 * sigmoid(z) * (1 - sigmoid(z)), ["0.5 times the right one"], [RECEIVES_Z]),
    ("08.2", lambda z: 1 - np.tanh(z) ** 2, ["slope of tanh"], [RECEIVES_Z]),
    # 10.2: "round K up" only for the learner who is one short
    ("10.2", 222, ["round K up", "one short"], []),
    ("10.2", 6, ["more hinges are needed"], ["round K up"]),
    ("10.2", 100, ["more hinges are needed"], ["round K up"]),
    # 11.1: a missing output sigmoid and the hidden activation at the output are told apart; the loop that stops
    # a layer early is named by the number of caches
    ("11.1", nb11.no_output_sigmoid, ["AL equals Z^[L]"], ["output unit L uses"]),
    ("11.1", nb11.hidden_activation_at_the_output, ["output unit L uses 'sigmoid'"], ["AL equals Z^[L]"]),
    ("11.1", nb11.output_cache_forgotten, ["one layer early"], ["AL equals"]),
    # 11.3: a normal draw, a transposed shape, the global generator and a too-narrow range each get their own hint
    ("11.3", nb11.he_normal, ["normal distribution"], ["transpose", "variance 0"]),
    ("11.3", nb11.he_uniform_transposed, ["transpose it"], ["normal distribution"]),
    ("11.3", nb11.he_uniform_global, ["global generator"], ["variance"]),
    ("11.3", nb11.he_uniform_limit_sqrt2, ["0.334 times it", "r²/3"], ["normal distribution", "transpose"]),
]


@pytest.mark.parametrize("exercise_id, answer, present, absent", HINTS)
def test_a_hint_fires_only_for_its_mistake(exercise_id, answer, present, absent):
    feedback = exercises.evaluate(exercise_id, answer)
    assert feedback.status == "not_yet" and feedback.error is None, feedback.message
    for piece in present:
        assert piece in feedback.message, f"{piece!r} missing from: {feedback.message}"
    for piece in absent:
        assert piece not in feedback.message, f"{piece!r} should not be in: {feedback.message}"


def test_numeric_mismatch_shows_enough_digits_to_see_the_difference():
    with pytest.raises(helpers.Rejected) as caught:
        helpers.arrays_close("f(z)", [-0.99991], [-0.99989], where=[-5.0])
    assert "(yours -0.99991, expected -0.99989)" in str(caught.value)
    with pytest.raises(helpers.Rejected) as caught:
        helpers.close_to("x", 13.80001, 13.8)
    assert "`x` = 13.80001 is too high" in str(caught.value)
