"""One tolerance rule, stated in each exercise and kept by its check.

- A computed number asked "to 2 decimals" accepts every answer closer than 0.01 to the exact value: the
  rounded and the cut-off answer both count, a value just outside does not.
- A prediction states the band it accepts ("within 0.05", "within 3 points") and its check keeps to it:
  a prediction just inside the band counts, one just outside does not.

Each exercise's own text (the markdown cell before its exercise cell) must state its precision or band.
"""

import math
from statistics import NormalDist

import exercise_notebooks as notebooks
import numpy as np
import pytest

from course_utils import activations, exercises
from course_utils.exercises import nb01, nb02, nb03, nb04, nb06, nb09

#: exercise id -> (exact value, decimals asked for)
PRECISION = {
    "01.2": (-nb01.NEURON_B / nb01.NEURON_W, 2),
    "01.3": (nb01.DISTANCE, 2),
    "03.2": (nb03.BETA, 2),
    "03.3": (float(activations.softplus(3.0)), 2),
    "04.1": (NormalDist().cdf(3.0) ** 1000, 2),
}


def _plateau():
    return nb02.N * nb02.L / (nb02.N - 1)


#: exercise id -> (function giving the value that happened, half-width of the band, the text stating it)
BANDS = {
    "01.1": (lambda: 1.0, lambda value: 0.05, "within 0.05"),
    "02.1": (lambda: 0.0, lambda value: 1.0, "within 1"),
    "02.2": (_plateau, lambda value: 0.02 * value, "within 2 %"),
    "04.2": (lambda: nb04.dead_fractions()[0], lambda value: nb04.PREDICTION_TOLERANCE, "within 0.1"),
    "06.1": (lambda: nb06.moons_accuracies()[0], lambda value: nb06.MOONS_TOLERANCE, "within 3 points"),
    "06.2": (lambda: nb06.circles_accuracies()[0], lambda value: nb06.CIRCLES_TOLERANCE, "within 5 points"),
    "09.1": (
        lambda: float(np.median(nb09.huge_rate_runs()[0])),
        lambda value: nb09.PREDICTION_TOLERANCE,
        "within 8 points",
    ),
}


def _prompt(exercise_id):
    """The exercise's own text: the markdown cells before its exercise cell, back to the previous code cell."""
    path = next(p for p in notebooks.NOTEBOOKS if notebooks.notebook_number(p) == int(exercise_id[:2]))
    notebook = notebooks.read(path)
    cell = next(e for e in notebooks.exercise_cells(notebook) if e.exercise_id == exercise_id)
    texts = []
    for index in range(cell.index - 1, -1, -1):
        if notebook.cells[index].cell_type != "markdown":
            break
        texts.append(notebook.cells[index].source)
    return " ".join(reversed(texts)).replace("\n", " ")


def _status(exercise_id, value):
    return exercises.evaluate(exercise_id, value).status


@pytest.mark.parametrize("exercise_id", PRECISION)
def test_computed_numbers_accept_their_precision_and_no_more(exercise_id):
    exact, decimals = PRECISION[exercise_id]
    step = 10.0**-decimals
    cut_off = math.trunc(exact / step) * step
    assert f"to {decimals} decimals" in _prompt(exercise_id), "the exercise must state its precision"
    for answer in (exact, round(exact, decimals), cut_off):
        assert _status(exercise_id, answer) == "correct", (exercise_id, answer)
    for answer in (exact - 1.05 * step, exact + 1.05 * step):
        assert _status(exercise_id, answer) == "not_yet", (exercise_id, answer)


@pytest.mark.parametrize("exercise_id", BANDS)
def test_predictions_keep_the_band_they_state(exercise_id):
    happened, half_width, stated = BANDS[exercise_id]
    value = happened()
    band = half_width(value)
    assert stated.lower() in _prompt(exercise_id).lower(), "the exercise must state its band"
    for answer in (value - 0.98 * band, value + 0.98 * band):
        assert _status(exercise_id, answer) == "correct", (exercise_id, answer)
    for answer in (value - 1.05 * band, value + 1.05 * band):
        assert _status(exercise_id, answer) == "not_yet", (exercise_id, answer)
