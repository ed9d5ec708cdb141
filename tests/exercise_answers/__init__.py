"""Answers to every exercise, as data: one module per notebook, ``nb01`` ... ``nb11``.

Each module defines two dicts keyed by exercise id (tests/test_exercises.py checks them against the
registered checks of ``course_utils.exercises``):

- ``WRONG``: for each exercise, a list of plausible wrong answers, the mistakes learners really make
  (the wrong constant, an off-by-one, a transposed shape, a list instead of a tuple, the string "False",
  a function that overflows). Every one must get ``Not yet:``. Every exercise needs at least one.
- ``SOLUTIONS`` (optional): right answers given directly, e.g. several ways of writing one. Every one
  must get ``Correct:``. (The notebook's own solution is run separately, in the notebook.)

An entry is the answer itself, or, for an exercise with several answers, :class:`Answers` holding them
in the order of the check call (a plain tuple is one answer: a shape such as ``(7, 2)``)::

    from . import Answers

    WRONG = {
        "02.1": [10, 100, "10.1", 9.8 / 99],
        "03.3": [lambda z: np.log(1 + np.exp(z))],  # overflows at z = 710
        "07.1": [Answers([7, 2], (1, 1), (7, 400), (1, 7)), Answers((2, 7), (1, 1), (7, 400), (1, 7))],
    }
    SOLUTIONS = {"02.1": [99 / 9.8, 10.1]}
"""


class Answers(tuple):
    """The answers to one multi-answer exercise, in the order of its check call: ``Answers(a, b, c)``."""

    def __new__(cls, *answers):
        return super().__new__(cls, answers)

    def __repr__(self):
        return f"Answers{tuple.__repr__(self)}"


def as_arguments(entry):
    """The answers a check call passes for one entry: an :class:`Answers` spread out, anything else alone."""
    return tuple(entry) if isinstance(entry, Answers) else (entry,)
