"""The registry of exercise checks, keyed by exercise id ("NN.k": notebook NN, k-th exercise)."""

import dataclasses
import inspect
import re
import types
from collections.abc import Callable, Mapping

from .feedback import Feedback, Rejected, exception_text, is_placeholder, not_yet, quiet, unanswered

_ID = re.compile(r"(\d{2})\.([1-9]\d*)")
_REGISTRY = {}


@dataclasses.dataclass(frozen=True)
class Exercise:
    """One registered exercise: its ``id``, its ``answers`` (name -> what to fill in, in the order the
    check call passes them), the check ``function`` (one parameter per answer, returns a Feedback) and,
    for a prediction, ``reveals``: the tell-tale texts of its answer, which the notebook may show only
    where the learner has to act to see them (the check's message, a ``<details>`` block, a cell guarded
    by :func:`predicted`); tests/test_spoilers.py searches the stored notebook for them."""

    id: str
    answers: Mapping[str, str]
    function: Callable[..., Feedback]
    reveals: tuple[str, ...] = ()

    def evaluate(self, answers):
        """The Feedback on the tuple ``answers``: placeholders first, then the check function, whose
        ``Rejected`` ends it with that ``Not yet:`` line and whose unexpected exceptions become one too."""
        if len(answers) != len(self.answers):
            raise TypeError(
                f"exercise {self.id} takes {len(self.answers)} answer(s) ({', '.join(self.answers)}); "
                f"the check call passes {len(answers)}"
            )
        missing = [name for name, answer in zip(self.answers, answers) if is_placeholder(answer)]
        if missing:
            return unanswered("; ".join(f"set `{name}` to {self.answers[name]}" for name in missing))
        try:
            with quiet("ignore"):
                feedback = self.function(*answers)
        except Rejected as rejected:
            return rejected.feedback
        except Exception as exc:  # a safety net: the learner must never see a traceback from a check
            feedback = not_yet(f"your answer could not be checked: {exception_text(exc)}; look at its type and shape")
            return dataclasses.replace(feedback, error=exc)
        if not isinstance(feedback, Feedback):
            raise TypeError(f"the check of exercise {self.id} returned {type(feedback).__name__}, not a Feedback")
        return feedback


def _order(exercise_id):
    notebook, k = _ID.fullmatch(exercise_id).groups()
    return int(notebook), int(k)


def ids():
    """Every registered exercise id, in course order ("01.1", "01.2", ..., "02.1", ...)."""
    return tuple(sorted(_REGISTRY, key=_order))


def lookup(exercise_id):
    """The :class:`Exercise` registered as ``exercise_id``; ``ValueError`` listing the known ids if none is."""
    if not isinstance(exercise_id, str):
        raise TypeError(f"exercise_id must be a string such as '02.1', got {type(exercise_id).__name__}")
    try:
        return _REGISTRY[exercise_id]
    except (KeyError, TypeError):
        known = ", ".join(ids()) or "none registered"
        raise ValueError(f"unknown exercise_id {exercise_id!r}; known ids: {known}") from None


def register(exercise_id, /, *, reveals=(), **answers):
    """Decorator: register a check function as exercise ``exercise_id`` ("NN.k").

    ``answers`` maps each answer's name, in the order the check call passes them, to what the learner
    should fill in, completing "set `name` to ...": ``@register("02.1", divide_by="the number you
    divide the sum by")``. The names must be the check function's parameters, in order. The function is
    returned unchanged, so it can also be called directly.

    A prediction exercise also passes ``reveals``, the tell-tale texts of its answer (``reveals=("tanh'(0) =
    1",)``): the stored notebook must not show them outside ``<details>`` blocks (tests/test_spoilers.py).

    The registry answers placeholders itself (``None``, ``...``, a function with an empty body: "Not
    answered yet"), so the check function never sees one; an exercise whose answer may legitimately be
    ``None`` is therefore not supported.
    """
    if not isinstance(exercise_id, str) or not _ID.fullmatch(exercise_id):
        raise ValueError(f"exercise_id must look like '02.1' (notebook number, dot, 1, 2, ...), got {exercise_id!r}")
    if exercise_id in _REGISTRY:
        raise ValueError(f"exercise_id {exercise_id!r} is already registered (by {_REGISTRY[exercise_id].function})")
    if not answers:
        raise TypeError(f"exercise {exercise_id}: name its answers, e.g. register({exercise_id!r}, x='a number')")
    for name, what in answers.items():
        if not isinstance(what, str) or not what.strip() or "\n" in what:
            raise ValueError(f"exercise {exercise_id}: the description of {name!r} must be a one-line string")

    if isinstance(reveals, str) or not all(isinstance(text, str) and text.strip() for text in reveals):
        raise ValueError(f"exercise {exercise_id}: reveals must be a tuple of non-empty strings, got {reveals!r}")

    def decorator(function):
        parameters = list(inspect.signature(function).parameters)
        if parameters != list(answers):
            raise TypeError(
                f"exercise {exercise_id}: {function.__qualname__} takes ({', '.join(parameters)}) but the answers "
                f"registered are ({', '.join(answers)}); they must be the same names in the same order"
            )
        _REGISTRY[exercise_id] = Exercise(exercise_id, types.MappingProxyType(dict(answers)), function, tuple(reveals))
        return function

    return decorator


def predicted(exercise_id, *answers):
    """Whether the prediction ``answers`` to exercise ``exercise_id`` have been made (none is a placeholder).
    If not, prints one line asking for the prediction first: a cell that reveals a prediction's result runs
    ``if exercises.predicted("04.2", predicted_dead_fraction): print(...)``, so the committed notebook, whose
    exercises are unanswered, stores that line and not the result."""
    exercise = lookup(exercise_id)
    if len(answers) != len(exercise.answers):
        raise TypeError(f"exercise {exercise_id} takes {len(exercise.answers)} answer(s), got {len(answers)}")
    if any(is_placeholder(answer) for answer in answers):
        print(
            f"(The result is hidden until you have made your prediction: answer exercise {exercise_id} above, "
            "then run this cell again.)"
        )
        return False
    return True


def unregister(exercise_id):
    """Remove exercise ``exercise_id`` from the registry (tests register temporary checks this way)."""
    lookup(exercise_id)
    del _REGISTRY[exercise_id]
