"""The exercise checks: the framework (``course_utils.exercises``), the notebooks' exercise cells, and the
wrong answers of tests/exercise_answers/.

1. The framework, with temporary checks registered by the ``demo`` fixture (ids "99.k", in no notebook):
   the three kinds of line, type messages, learner code that raises or overflows, the registry.
2. The notebooks (tests/exercise_notebooks.py finds the exercise cells), per notebook: (a) structure,
   (b) committed unanswered, (c) reserved prefixes only in exercise cells, (d) the solutions pass when run
   in a fresh kernel (slow: CI's ``python -m pytest -m slow``), (e) every registered id in one notebook and
   every exercise cell registered. A notebook without exercise cells passes (a), (b), (c) and (d) trivially.
   The discovery itself is tested on small notebooks built here.
3. The answers: for every registered id the placeholder is "not answered", every WRONG answer is
   "not yet", every SOLUTIONS answer "correct"; every registered id has wrong answers.
"""

import collections
import warnings

import exercise_notebooks as notebooks
import nbformat
import numpy as np
import pytest
from exercise_answers import Answers, as_arguments, nb01, nb02, nb03, nb04, nb05, nb06, nb07, nb08, nb09, nb10, nb11
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course_utils import activations, exercises
from course_utils.exercises import feedback as helpers

# --- 1. the framework, with temporary checks -----------------------------------------------------------

SOFTPLUS_GRID = np.array([-1e300, -745.0, -40.0, -1.0, 0.0, 1e-10, 1.0, 40.0, 709.0, 710.0, 1e300])


def check_number(divide_by):
    helpers.close_to("divide_by", divide_by, 99 / 9.8, decimals=2, hint="the offsets are 9.8 / 99 apart")
    return helpers.correct("divide by (N - 1) / b, i.e. multiply by the spacing of the offsets.")


def check_function(my_softplus):
    helpers.compare_on_grid(
        "my_softplus", my_softplus, activations.softplus, SOFTPLUS_GRID, rtol=1e-14, errstate="raise"
    )
    return helpers.correct("no overflow, and every value matches softplus to 14 digits.")


def check_several(shape_W1, caught, dataset):
    shape = helpers.int_tuple("shape_W1", shape_W1, length=2)
    helpers.require(shape == (7, 2), f"`shape_W1` = {shape}: W1 has one row per hidden unit, one column per input")
    helpers.require(helpers.boolean("caught", caught), "`caught`: compare the relative error with 1e-7")
    helpers.choice("dataset", dataset, ("noisy_circles", "noisy_moons", "blobs"))
    return helpers.correct("all three.")


def check_derivative(my_derivative):
    helpers.gradient_check("my_derivative", my_derivative, np.tanh, np.linspace(-3, 3, 61))
    return helpers.correct("the gradient check agrees.")


def check_with_a_bug(answer):
    return 1 / 0  # a check that crashes: the safety net must still print one "Not yet:" line


DEMO = {
    "99.1": (check_number, {"divide_by": "the number you divide the sum by"}),
    "99.2": (check_function, {"my_softplus": "your softplus: a function of z that never overflows"}),
    "99.3": (
        check_several,
        {"shape_W1": "the shape of W1, a tuple", "caught": "True or False", "dataset": "the name of a data set"},
    ),
    "99.4": (check_derivative, {"my_derivative": "the derivative of tanh, a function of z"}),
    "99.5": (check_with_a_bug, {"answer": "anything"}),
}


@pytest.fixture
def demo():
    """The DEMO checks, registered for one test."""
    for exercise_id, (function, answers) in DEMO.items():
        exercises.register(exercise_id, **answers)(function)
    yield
    for exercise_id in DEMO:
        exercises.unregister(exercise_id)


def stub_function(z):
    """The learner has not written this yet."""
    ...


def stable_softplus(z):
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


def math_softplus(z):
    import math

    return math.log1p(math.exp(z))


def forgot_return(z):
    np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


CASES = [  # exercise id, answers, status, a piece of the line
    ("99.1", (None,), "unanswered", "Not answered yet: set `divide_by` to the number you divide the sum by"),
    ("99.1", (...,), "unanswered", "set `divide_by`"),
    ("99.2", (stub_function,), "unanswered", "set `my_softplus` to your softplus"),
    ("99.2", (lambda z: ...,), "unanswered", "set `my_softplus`"),
    ("99.3", ((7, 2), None, ...), "unanswered", "set `caught` to True or False; set `dataset` to the name"),
    ("99.1", (99 / 9.8,), "correct", "Correct: divide by"),
    ("99.1", (10.1,), "correct", "Correct:"),  # rounded to 2 decimals
    ("99.1", (np.float32(10.102),), "correct", "Correct:"),
    ("99.1", (10,), "not_yet", "`divide_by` = 10 is too low by 0.102 (1%); the offsets are"),
    ("99.1", (100,), "not_yet", "too high by 89.9 (890%)"),
    ("99.1", (-99 / 9.8,), "not_yet", "check the sign"),
    ("99.1", ("10.1",), "not_yet", "`divide_by` should be a number such as 2.5; you gave the string '10.1'"),
    ("99.1", (True,), "not_yet", "you gave the bool True"),
    ("99.1", (np.array([10.1]),), "not_yet", "x.item()"),
    ("99.1", (np.nan,), "not_yet", "`divide_by` is nan"),
    ("99.2", (stable_softplus,), "correct", "Correct: no overflow"),
    (
        "99.2",
        (lambda z: np.log1p(np.exp(z)),),
        "not_yet",
        "raised FloatingPointError (overflow encountered in exp) at z = 710",
    ),
    ("99.2", (lambda z: np.maximum(z, 0),), "not_yet", "`my_softplus(z)` differs in 6 of 11 values: first at z = -745"),
    ("99.2", (lambda z: 1.0,), "not_yet", "returned one number (1) for an array of 11 values of z"),
    ("99.2", (lambda z: z[:3],), "not_yet", "`my_softplus(z)` has shape (3,); it should have shape (11,)"),
    ("99.2", (math_softplus,), "not_yet", "`my_softplus` raised "),  # TypeError or OverflowError: numpy-dependent
    ("99.2", (forgot_return,), "not_yet", "`my_softplus` returned None: did you forget `return`?"),
    ("99.2", (lambda z: 1 / 0,), "not_yet", "raised ZeroDivisionError (division by zero) for every z tried"),
    ("99.2", (3.0,), "not_yet", "`my_softplus` should be a function of z (def or lambda); you gave the number 3"),
    ("99.3", ((7, 2), True, "noisy_moons"), "correct", "Correct: all three."),
    ("99.3", (np.zeros((7, 2)).shape, np.bool_(True), "blobs"), "correct", "Correct:"),
    ("99.3", ([7, 2], True, "blobs"), "correct", "Correct:"),  # a list is a shape too
    ("99.3", (np.array([7, 2]), True, " Blobs"), "correct", "Correct:"),  # an array, and words in any case
    ("99.3", ({7, 2}, True, "blobs"), "not_yet", "`shape_W1` should be a tuple such as (3, 2); you gave a set"),
    ("99.3", ([[7, 2]], True, "blobs"), "not_yet", "`shape_W1` should be a tuple such as (3, 2); you gave a list"),
    ("99.3", ((2, 7), True, "blobs"), "not_yet", "one row per hidden unit"),
    ("99.3", ((7.0, 2), True, "blobs"), "not_yet", "should hold whole numbers (ints)"),
    ("99.3", ((7, 2, 1), True, "blobs"), "not_yet", "should have 2 entries"),
    ("99.3", ((7, 2), "True", "blobs"), "not_yet", "`caught` should be True or False; you gave the string 'True'"),
    ("99.3", ((7, 2), 1, "blobs"), "not_yet", "you gave the int 1"),
    ("99.3", ((7, 2), False, "blobs"), "not_yet", "compare the relative error"),
    ("99.3", ((7, 2), True, "Noisy_Moon"), "not_yet", "did you mean 'noisy_moons'?"),
    ("99.3", ((7, 2), True, 3), "not_yet", "(a string, in quotes); you gave the int 3"),
    ("99.4", (lambda z: 1 - np.tanh(z) ** 2,), "correct", "Correct: the gradient check agrees."),
    ("99.4", (lambda z: 1 - np.tanh(z),), "not_yet", "`my_derivative(z)` differs in 60 of 61 values"),
    ("99.5", (42,), "not_yet", "Not yet: your answer could not be checked: ZeroDivisionError"),
]


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("exercise_id, answers, status, piece", CASES)
def test_evaluate_judges_answers(exercise_id, answers, status, piece):
    feedback = exercises.evaluate(exercise_id, *answers)
    assert isinstance(feedback, exercises.Feedback)
    assert (feedback.status, str(feedback)) == (status, feedback.message)
    assert feedback.message.startswith(helpers.PREFIXES[status])
    assert piece in feedback.message
    assert "\n" not in feedback.message
    assert (feedback.error is not None) == (exercise_id == "99.5")  # only the buggy check trips the safety net


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("exercise_id, answers, status, piece", CASES)
def test_check_prints_exactly_one_line_and_nothing_else(exercise_id, answers, status, piece, capfd):
    errstate = np.geterr()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        returned = exercises.check(exercise_id, *answers)
    out, err = capfd.readouterr()
    assert returned is None
    assert out == exercises.evaluate(exercise_id, *answers).message + "\n"
    assert err == "" and caught == []  # no RuntimeWarning (overflow ...) escapes, nothing on stderr
    assert np.geterr() == errstate


@pytest.mark.usefixtures("demo")
def test_unknown_id_is_a_programming_error():
    with pytest.raises(ValueError, match=r"unknown exercise_id '99\.9'; known ids: .*99\.1, 99\.2"):
        exercises.check("99.9", 1)


@pytest.mark.usefixtures("demo")
def test_wrong_number_of_answers_is_a_programming_error():
    with pytest.raises(TypeError, match=r"exercise 99\.3 takes 3 answer\(s\) \(shape_W1, caught, dataset\)"):
        exercises.check("99.3", (7, 2))


@pytest.mark.usefixtures("demo")
def test_ids_in_course_order_and_register_unregister():
    exercises.register("99.10", x="a number")(lambda x: helpers.correct("yes"))
    try:
        assert exercises.ids()[-6:] == ("99.1", "99.2", "99.3", "99.4", "99.5", "99.10")
        assert exercises.lookup("99.10").answers == {"x": "a number"}
    finally:
        exercises.unregister("99.10")
    assert "99.10" not in exercises.ids()


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(
    "exercise_id, answers, function, error",
    [
        ("2.1", {"x": "a number"}, lambda x: None, "must look like '02.1'"),
        ("02.0", {"x": "a number"}, lambda x: None, "must look like '02.1'"),
        ("99.1", {"x": "a number"}, lambda x: None, "already registered"),
        ("99.8", {}, lambda: None, "name its answers"),
        ("99.8", {"x": "two\nlines"}, lambda x: None, "one-line string"),
        ("99.8", {"x": "a", "y": "b"}, lambda y, x: None, "same names in the same order"),
    ],
)
def test_register_refuses_mistakes(exercise_id, answers, function, error):
    with pytest.raises((ValueError, TypeError), match=error):
        exercises.register(exercise_id, **answers)(function)
    assert "99.8" not in exercises.ids()


@pytest.mark.usefixtures("demo")
def test_a_check_must_return_feedback():
    exercises.register("99.8", x="a number")(lambda x: "Correct: yes")
    try:
        with pytest.raises(TypeError, match="returned str, not a Feedback"):
            exercises.evaluate("99.8", 1)
    finally:
        exercises.unregister("99.8")


def test_registered_ids_are_well_formed():
    for exercise_id in exercises.ids():
        exercise = exercises.lookup(exercise_id)
        assert exercise.id == exercise_id and exercise.answers
        assert exercise.function.__module__ == f"course_utils.exercises.nb{exercise_id[:2]}", (
            f"register {exercise_id} in nb{exercise_id[:2]}.py"
        )


def test_feedback_keeps_the_convention():
    assert str(helpers.correct("two\n  lines")) == "Correct: two lines"
    with pytest.raises(ValueError, match="status"):
        exercises.Feedback("wrong", "Not yet: x")
    with pytest.raises(ValueError, match="must start with 'Correct: '"):
        exercises.Feedback("correct", "Not yet: x")


@pytest.mark.parametrize(
    "value, expected",
    [(3, 3.0), (2.5, 2.5), (np.float32(0.5), 0.5), (np.int64(4), 4.0), (np.array(1.5), 1.5)],
)
def test_number_accepts_numbers(value, expected):
    assert helpers.number("x", value) == expected


@pytest.mark.parametrize("value", [True, np.bool_(False), "2.5", [2.5], np.array([2.5]), 1j, None, np.inf])
def test_number_refuses_the_rest(value):
    with pytest.raises(helpers.Rejected, match="`x`"):
        helpers.number("x", value)


def test_integer_boolean_choice_and_function():
    assert helpers.integer("n", 143.0) == 143 and helpers.integer("n", np.int32(5)) == 5
    assert helpers.boolean("b", np.bool_(True)) is True
    assert helpers.choice("c", "b", "ab") == "b" and helpers.choice("c", "Some ", ("none", "some")) == "some"
    assert helpers.function("f", np.tanh) is np.tanh
    for helper, value, message in [
        (helpers.integer, 143.5, "whole number such as 3; you gave 143.5"),
        (helpers.integer, "143", "without quotes"),
        (helpers.boolean, "False", "you gave the string 'False': write True or False without quotes"),
        (helpers.boolean, 0, "you gave the int 0"),
        (helpers.function, [1, 2], "a function of z (def or lambda); you gave a list"),
    ]:
        with pytest.raises(helpers.Rejected, match=message.replace("(", r"\(").replace(")", r"\)")):
            helper("x", value)


def test_array_and_arrays_close():
    assert helpers.array("a", [[1, 2]], shape=(1, 2)).dtype == np.float64
    with pytest.raises(helpers.Rejected, match=r"has shape \(2, 1\); it should have shape \(1, 2\) \(rows and col"):
        helpers.array("a", [[1], [2]], shape=(1, 2))
    with pytest.raises(helpers.Rejected, match="cannot be read as one"):
        helpers.array("a", [[1], [2, 3]])
    z = np.array([0.0, 1.0, 2.0, 3.0])
    helpers.arrays_close("f(z)", [0, 1, 2, 3 + 1e-9], z)
    helpers.arrays_close("f(z)", [np.inf, -np.inf], [np.inf, -np.inf])  # equal infinities match
    with pytest.raises(helpers.Rejected) as info:
        helpers.arrays_close("f(z)", [0, 1.5, 2, 9], z, where=z)
    assert str(info.value) == (
        "`f(z)` differs in 2 of 4 values: first at z = 1 (yours 1.5, expected 1), worst at z = 3 (yours 9, expected 3)"
    )
    with pytest.raises(helpers.Rejected, match=r"at index \(0, 1\) \(yours nan, expected 1\)"):
        helpers.arrays_close("M", [[0, np.nan]], [[0, 1]])


def test_close_to_accepts_rounding_and_says_how_far():
    assert helpers.close_to("x", 0.69, np.log(2), decimals=2) == 0.69
    assert helpers.close_to("x", 0.6931, np.log(2), rtol=1e-3) == 0.6931
    with pytest.raises(helpers.Rejected, match=r"`x` = 0.7 is too high by 0.006853 \(0.99%\); see section 2"):
        helpers.close_to("x", 0.7, np.log(2), decimals=3, hint="see section 2")


def test_safe_call_names_the_exception_and_restores_errstate():
    before = np.geterr()
    assert helpers.safe_call("f", np.exp, np.array([1000.0])) == np.inf  # "ignore": no error, no warning
    with pytest.raises(
        helpers.Rejected, match=r"`f` raised FloatingPointError \(overflow encountered in exp\) at z = 1000"
    ):
        helpers.safe_call("f", np.exp, np.array([1000.0]), errstate="raise", at="z = 1000")
    assert helpers.safe_call("f", np.exp, np.array([-1000.0]), errstate="raise") == 0  # underflow is allowed
    assert np.geterr() == before


def test_fmt_and_describe():
    assert [helpers.fmt(v) for v in (3, 10.10204, 1e-7, 1e300, 143.0, np.inf, True)] == [
        "3",
        "10.1",
        "1e-7",
        "1e300",
        "143",
        "inf",
        "True",
    ]
    assert helpers.describe([1]) == "a list" and helpers.describe("False") == "the string 'False'"
    assert helpers.describe(np.zeros((2, 3))) == "a numpy array of shape (2, 3)"


def test_placeholder_detection():
    def real(z):
        return z

    def with_docstring_only(z):
        """Write me."""

    for value in (None, ..., stub_function, with_docstring_only, lambda z: None, lambda z: ...):
        assert helpers.is_placeholder(value)
    for value in (0, False, "", (), np.array(None), real, lambda z: 0, np.tanh):
        assert not helpers.is_placeholder(value)


# --- 2. the notebooks ------------------------------------------------------------------------------------

NOTEBOOK_IDS = [path.stem for path in notebooks.NOTEBOOKS]


@pytest.mark.parametrize("path", notebooks.NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_exercise_cells_are_paired_with_solutions(path):
    """(a) ids NN.1, NN.2, ... in order, each exercise cell followed by its Solution block (same id)."""
    assert notebooks.structure_problems(notebooks.read(path), notebooks.notebook_number(path)) == []


@pytest.mark.parametrize("path", notebooks.NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_notebook_is_committed_unanswered(path):
    """(b) every exercise cell holds a placeholder and stores the one line 'Not answered yet: ...'."""
    assert notebooks.unanswered_problems(notebooks.read(path)) == []


@pytest.mark.parametrize("path", notebooks.NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_reserved_prefixes_only_in_exercise_cells(path):
    """(c) only checks print 'Correct:', 'Not yet:', 'Not answered yet:' lines. Notebooks without exercise
    cells are skipped over: their old-style self-checks (asserts) still print 'Correct:' until rewritten."""
    notebook = notebooks.read(path)
    if notebooks.exercise_cells(notebook):
        assert notebooks.reserved_prefix_problems(notebook) == []


@pytest.mark.slow
@pytest.mark.parametrize("path", notebooks.NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_solutions_pass(path):
    """(d) run once top to bottom in a fresh kernel with every exercise replaced by its solution: each
    prints one 'Correct:' line. Slow (a full Run All per notebook with exercises): ``python -m pytest -m slow``."""
    for exercise_id, cell in notebooks.run_with_solutions(path).items():
        line = notebooks.printed_line(cell)
        assert line is not None and line.startswith(notebooks.CORRECT), (
            f"{exercise_id}: {notebooks.outputs_summary(cell)}"
        )


def _ids_in_notebooks():
    found = collections.defaultdict(list)
    for path in notebooks.NOTEBOOKS:
        for exercise in notebooks.exercise_cells(notebooks.read(path)):
            found[exercise.exercise_id].append(path.name)
    return found


def test_every_registered_exercise_is_in_one_notebook():
    """(e) a check without its exercise cell, or one used by two notebooks, is a mistake."""
    found = _ids_in_notebooks()
    misplaced = {i: found[i] for i in exercises.ids() if len(found[i]) != 1}
    assert misplaced == {}, f"registered ids not in exactly one notebook (id: notebooks using it): {misplaced}"


def test_every_exercise_cell_is_registered():
    """(e) the other way round: every exercise cell's id has a check."""
    unregistered = {i: names for i, names in _ids_in_notebooks().items() if i not in exercises.ids()}
    assert unregistered == {}, f"exercise cells whose id has no check in course_utils/exercises: {unregistered}"


# The discovery itself, on small notebooks built here.


def _exercise(exercise_id="01.1", source=None, output="Not answered yet: set `x` to a number\n"):
    cell = new_code_cell(source or f'x = None  # your answer: a number\n\nexercises.check("{exercise_id}", x)')
    cell.outputs = [new_output("stream", name="stdout", text=output)] if output else []
    return cell


def _solution(exercise_id="01.1", code=None, blocks=1):
    code = code or f'x = 4  # 2 + 2\n\nexercises.check("{exercise_id}", x)'
    fenced = "\n\n".join([f"```python\n{code}\n```"] * blocks)
    return new_markdown_cell(f"<details><summary>Solution</summary>\n\n{fenced}\n\n</details>")


def _good_cells():
    imports = new_code_cell("%matplotlib inline\nfrom course_utils import exercises")
    return [imports, _exercise("01.1"), _solution("01.1"), _exercise("01.2"), _solution("01.2")]


def test_discovery_accepts_a_well_formed_notebook():
    notebook = new_notebook(cells=_good_cells())
    assert [(e.index, e.exercise_id) for e in notebooks.exercise_cells(notebook)] == [(1, "01.1"), (3, "01.2")]
    assert notebooks.structure_problems(notebook, 1) == []
    assert notebooks.unanswered_problems(notebook) == []
    assert notebooks.reserved_prefix_problems(notebook) == []
    solved = notebooks.with_solutions(notebook)
    assert solved.cells[1].source == 'x = 4  # 2 + 2\n\nexercises.check("01.1", x)' and solved.cells[1].outputs == []
    assert notebook.cells[1].source.startswith("x = None")  # the original is untouched


@pytest.mark.parametrize(
    "cells, number, problem",
    [
        ([_exercise("01.1"), new_markdown_cell("text")], 1, "the next cell must be markdown with a <details>"),
        ([_exercise("01.1")], 1, "the next cell must be markdown"),
        ([_exercise("01.2"), _solution("01.2")], 1, "they must be ['01.1']"),
        ([_exercise("01.1"), _solution("01.1")], 2, "they must be ['02.1']"),
        ([_exercise("01.1"), _solution("01.2")], 1, "the solution checks '01.2', the exercise '01.1'"),
        ([_exercise("01.1"), _solution("01.1", blocks=2)], 1, "exactly one ```python block; it holds 2"),
        ([_exercise("01.1"), _solution("01.1", code="x = 4")], 1, "the solution must end with the exercise's"),
        (
            [_exercise(source='x = None\nexercises.check("01.1", x)\nprint(x)'), _solution()],
            1,
            "must be the last statement",
        ),
        ([_exercise(source="x = None\nexercises.check(ID, x)"), _solution()], 1, "must be the id, a string"),
        (
            [_exercise(source='exercises.check("01.1", 1)\nexercises.check("01.1", None)'), _solution()],
            1,
            "calls exercises.check 2 times",
        ),
        ([new_markdown_cell("intro"), _solution()], 1, "cell 1: a Solution block that does not follow"),
    ],
)
def test_discovery_reports_structure_problems(cells, number, problem):
    problems = notebooks.structure_problems(new_notebook(cells=cells), number)
    assert any(problem in p for p in problems), problems


@pytest.mark.parametrize(
    "exercise, problem",
    [
        (_exercise(output="Correct: yes\n"), "the stored output must be one 'Not answered yet: ...' line"),
        (_exercise(output="Not answered yet: a\nb\n"), "the stored output must be one"),
        (_exercise(output=None), "got no output"),
        (_exercise(source='x = 4\n\nexercises.check("01.1", x)'), "must be left as the placeholder None or ..."),
    ],
)
def test_discovery_reports_answered_exercises(exercise, problem):
    problems = notebooks.unanswered_problems(new_notebook(cells=[exercise, _solution()]))
    assert any(problem in p for p in problems), problems


def test_discovery_reports_reserved_prefixes_outside_exercises():
    printing = new_code_cell('print("Correct: 42")')
    printing.outputs = [new_output("stream", name="stdout", text="x\nCorrect: 42\nIncorrect: fine\n")]
    notebook = new_notebook(cells=[*_good_cells(), printing])
    assert notebooks.reserved_prefix_problems(notebook) == [
        "cell 5: output line 'Correct: 42' starts with a prefix reserved for exercise checks"
    ]


def test_run_with_solutions_in_a_fresh_kernel(tmp_path):
    """The runner of (d), end to end on a small notebook whose first cell registers its check in the kernel."""
    register = new_code_cell(
        "from course_utils import exercises\n"
        "from course_utils.exercises import feedback\n\n"
        '@exercises.register("99.1", x="a number")\n'
        "def check_99_1(x):\n"
        '    feedback.close_to("x", x, 4)\n'
        '    return feedback.correct("2 + 2 = 4")'
    )
    notebook = new_notebook(cells=[register, _exercise("99.1"), _solution("99.1")])
    path = tmp_path / "99_demo.ipynb"
    nbformat.write(notebook, path)
    assert notebooks.structure_problems(notebooks.read(path), 99) == []
    cells = notebooks.run_with_solutions(path)
    assert list(cells) == ["99.1"] and notebooks.printed_line(cells["99.1"]) == "Correct: 2 + 2 = 4"


def test_run_with_solutions_skips_notebooks_without_exercises(tmp_path):
    path = tmp_path / "98_none.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("1 / 0")]), path)
    assert notebooks.run_with_solutions(path) == {}  # no kernel started, nothing run


# --- 3. the answers, as data ---------------------------------------------------------------------------

ANSWER_MODULES = [nb01, nb02, nb03, nb04, nb05, nb06, nb07, nb08, nb09, nb10, nb11]
MODULE_IDS = [module.__name__.rsplit(".", 1)[1] for module in ANSWER_MODULES]


def _registered_in(module):
    """The registered ids of the module's notebook (module nbNN: ids "NN.k")."""
    return [i for i in exercises.ids() if f"nb{i[:2]}" == module.__name__.rsplit(".", 1)[1]]


def _verdicts(module, table):
    """(exercise id, entry, feedback) for every entry of the module's WRONG or SOLUTIONS table."""
    return [
        (exercise_id, entry, exercises.evaluate(exercise_id, *as_arguments(entry)))
        for exercise_id, entries in getattr(module, table).items()
        for entry in entries
    ]


def _failures(verdicts, status):
    return [
        f"{exercise_id} {entry!r}: {feedback.message}"
        + (f" [the check crashed: {feedback.error!r}]" if feedback.error else "")
        for exercise_id, entry, feedback in verdicts
        if feedback.status != status or feedback.error is not None
    ]


@pytest.mark.parametrize("module", ANSWER_MODULES, ids=MODULE_IDS)
def test_answer_tables_name_registered_exercises(module):
    for table in ("WRONG", "SOLUTIONS"):
        entries = getattr(module, table)
        assert isinstance(entries, dict), f"{table} must be a dict"
        assert set(entries) <= set(_registered_in(module)), f"{table} names ids with no check of this notebook"
        assert all(isinstance(v, list) and v for v in entries.values()), f"each {table} value must be a non-empty list"


@pytest.mark.parametrize("module", ANSWER_MODULES, ids=MODULE_IDS)
def test_placeholders_are_not_answered(module):
    for exercise_id in _registered_in(module):
        count = len(exercises.lookup(exercise_id).answers)
        for placeholder in (None, ...):
            assert exercises.evaluate(exercise_id, *[placeholder] * count).status == "unanswered", exercise_id


@pytest.mark.parametrize("module", ANSWER_MODULES, ids=MODULE_IDS)
def test_wrong_answers_are_not_yet(module):
    assert _failures(_verdicts(module, "WRONG"), "not_yet") == []


@pytest.mark.parametrize("module", ANSWER_MODULES, ids=MODULE_IDS)
def test_solution_answers_are_correct(module):
    assert _failures(_verdicts(module, "SOLUTIONS"), "correct") == []


def test_every_exercise_has_wrong_answers():
    """A check is only as good as the wrong answers it was tried on: add some to tests/exercise_answers/."""
    modules = dict(zip(MODULE_IDS, ANSWER_MODULES))
    missing = [i for i in exercises.ids() if not modules[f"nb{i[:2]}"].WRONG.get(i)]
    assert missing == [], f"add wrong answers for {missing} to tests/exercise_answers/"


def test_answers_helper():
    assert as_arguments(Answers((7, 2), [1])) == ((7, 2), [1])
    assert as_arguments((7, 2)) == ((7, 2),)  # a plain tuple is one answer (a shape)
