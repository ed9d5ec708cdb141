"""Exercise checks for the course notebooks: ``exercises.check("02.1", divide_by)`` prints one line.

An exercise cell in notebook NN holds a placeholder answer (``None``, or ``...`` for code such as a
function) and ends with ``exercises.check("NN.k", answer, ...)``. The line printed starts with one of
three reserved prefixes: ``Not answered yet:`` (an answer is still a placeholder; says what to fill in),
``Correct:`` (with why) or ``Not yet:`` (with a specific hint). ``check`` never raises because of the
learner's answer, not even when the learner's own function raises or overflows; an unknown exercise id
is a programming error (``ValueError``).

Check functions live in ``nb01`` ... ``nb11`` (one module per notebook), registered with
:func:`register` and built from the helpers in ``feedback`` (see CONTRIBUTING.md, "Exercises"). Since the
placeholder is ``None``, an exercise whose right answer is ``None`` cannot be expressed.
"""

from . import nb01, nb02, nb03, nb04, nb05, nb06, nb07, nb08, nb09, nb10, nb11  # noqa: F401  (they register their checks)
from ._registry import Exercise, ids, lookup, predicted, register, unregister  # noqa: F401  (Exercise: what lookup returns)
from .feedback import Feedback

__all__ = [
    "Feedback",
    "check",
    "evaluate",
    "ids",
    "lookup",
    "predicted",
    "register",
    "unregister",
]  # (lookup returns an Exercise)


def evaluate(exercise_id, *answers):
    """The :class:`Feedback` on ``answers`` to exercise ``exercise_id``: ``.status`` is "correct",
    "not_yet" or "unanswered" and ``.message`` (also ``str(feedback)``) is the line :func:`check` prints."""
    return lookup(exercise_id).evaluate(answers)


def check(exercise_id, *answers):
    """Print the one-line feedback on ``answers`` to exercise ``exercise_id``; returns None (so a notebook
    stores only the printed line)."""
    print(evaluate(exercise_id, *answers).message)
