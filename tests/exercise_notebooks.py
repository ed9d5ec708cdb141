"""Find the exercise cells of the course notebooks and the solution cell after each one.

Used by tests/test_exercises.py. Of ``course_utils`` it takes only the reserved line prefixes (their one
definition); it reads notebooks with nbformat and parses cell sources with ``ast``, so it judges the notebooks
independently of the checks under test.

The convention (CONTRIBUTING.md, "Exercises"): an exercise cell is a code cell whose last statement is
``exercises.check("NN.k", answer, ...)``, with a placeholder answer (``None`` or ``...``). The next cell is
markdown holding a ``<details><summary>Solution</summary>`` block with exactly one fenced python block: the
whole replacement for the exercise cell, ending with the same check call. Each ``*_problems`` function
returns a list of readable problems (empty when all is well).
"""

import ast
import copy
import dataclasses
import functools
import re
from pathlib import Path

import nbformat
from IPython.core.inputtransformer2 import TransformerManager
from nbclient import NotebookClient

from course_utils.exercises.feedback import PREFIXES as _BY_STATUS
from tools.notebook_runner import SlicedPollKernelManager

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

#: The reserved line prefixes of the check lines; no other output line of a notebook starts with one.
PREFIXES = tuple(_BY_STATUS.values())
UNANSWERED, CORRECT = _BY_STATUS["unanswered"], _BY_STATUS["correct"]

_DETAILS = re.compile(r"<details>\s*<summary>\s*Solution\s*</summary>(.*?)</details>", re.S)
_FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```[ \t]*$", re.S | re.M)
_TRANSFORMER = TransformerManager()


@dataclasses.dataclass
class ExerciseCell:
    """A code cell that calls ``exercises.check``, paired with the solution code from the cell after it."""

    index: int  # position in notebook.cells
    exercise_id: str | None  # the id of its check call; None when it is not a string literal
    cell: nbformat.NotebookNode
    solution: str | None  # the code of the solution block; None when there is no well-formed one
    problems: list[str]  # what is wrong with this cell pair's structure


@functools.cache
def read(path):
    """The notebook at ``path`` (cached: treat it as read-only; :func:`with_solutions` copies)."""
    return nbformat.read(path, as_version=4)


def notebook_number(path):
    """The notebook's number, from its file name ``NN_title.ipynb``."""
    return int(Path(path).name[:2])


def _parse(source):
    """The module AST of a cell's source (IPython magics turned into Python first); None if it is invalid."""
    try:
        return ast.parse(_TRANSFORMER.transform_cell(source))
    except SyntaxError:
        return None


def _is_check_call(node):
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "check"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "exercises"
    )


def _check_call(source, where):
    """``(exercise_id, problems)`` for code that must end with its only ``exercises.check("NN.k", ...)`` call;
    ``(None, [])`` when the code calls no check at all."""
    tree = _parse(source)
    if tree is None:
        return None, ([f"{where} is not valid Python"] if "exercises.check" in source else [])
    calls = [node for node in ast.walk(tree) if _is_check_call(node)]
    if not calls:
        return None, []
    problems = []
    if len(calls) > 1:
        problems.append(f"{where} calls exercises.check {len(calls)} times; it must call it once")
    last = tree.body[-1]
    if not (isinstance(last, ast.Expr) and _is_check_call(last.value)):
        problems.append(f"{where}: the exercises.check(...) call must be the last statement")
    call = last.value if isinstance(last, ast.Expr) and _is_check_call(last.value) else calls[0]
    first = call.args[0] if call.args else None
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value, problems
    return None, [*problems, f"{where}: the first argument of exercises.check must be the id, a string like '02.1'"]


def _solution(cells, index, exercise_id):
    """``(solution code, problems)`` from the markdown cell after the exercise cell at ``index``."""
    following = cells[index + 1] if index + 1 < len(cells) else None
    if following is None or following.cell_type != "markdown" or not _DETAILS.search(following.source):
        return None, ["the next cell must be markdown with a <details><summary>Solution</summary> block"]
    blocks = _FENCE.findall(_DETAILS.search(following.source).group(1))
    if len(blocks) != 1 or blocks[0][0].strip() != "python":
        return None, [
            f"the Solution block must hold exactly one ```python block; it holds {len(blocks)} fenced block(s)"
        ]
    code = blocks[0][1]
    solution_id, problems = _check_call(code, "the solution")
    if solution_id is None and not problems:
        problems = ["the solution must end with the exercise's exercises.check(...) call"]
    elif solution_id is not None and solution_id != exercise_id:
        problems.append(f"the solution checks {solution_id!r}, the exercise {exercise_id!r}")
    return (None if problems else code), problems


def exercise_cells(notebook):
    """Every code cell that calls ``exercises.check``, in order, with its solution and structure problems."""
    found = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        exercise_id, problems = _check_call(cell.source, "the exercise cell")
        if exercise_id is None and not problems:
            continue
        solution, solution_problems = _solution(notebook.cells, index, exercise_id)
        found.append(ExerciseCell(index, exercise_id, cell, solution, problems + solution_problems))
    return found


def structure_problems(notebook, number):
    """Problems with the exercise cell pairs: ids ``NN.1, NN.2, ...`` in order (NN = ``number``), each
    followed by its solution (same id), and no Solution block that does not follow an exercise cell."""
    exercises = exercise_cells(notebook)
    problems = [f"cell {e.index} ({e.exercise_id}): {problem}" for e in exercises for problem in e.problems]
    found = [e.exercise_id for e in exercises]
    expected = [f"{number:02d}.{k}" for k in range(1, len(found) + 1)]
    if found != expected:
        problems.append(f"the exercise ids are {found}; in this notebook they must be {expected}")
    paired = {e.index + 1 for e in exercises}
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown" and _DETAILS.search(cell.source) and index not in paired:
            problems.append(f"cell {index}: a Solution block that does not follow an exercise cell")
    return problems


def printed_line(cell):
    """The cell's output if it is exactly one line on stdout (without its newline), else None."""
    outputs = cell.get("outputs", [])
    if not outputs or any(o.output_type != "stream" or o.name != "stdout" for o in outputs):
        return None
    text = "".join(o.text for o in outputs)
    return text[:-1] if text.endswith("\n") and text.count("\n") == 1 else None


def outputs_summary(cell):
    """A short description of a cell's outputs, for failure messages."""
    shown = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            shown.append(f"{output.name}: {output.text!r}")
        elif output.output_type == "error":
            shown.append(f"error: {output.ename}: {output.evalue}")
        else:
            shown.append(f"{output.output_type} ({', '.join(output.get('data', {}))})")
    return "; ".join(shown) or "no output"


def _has_placeholder(source):
    """Whether the code before the last statement (the check call) contains ``None`` or ``...``."""
    tree = _parse(source)
    body = tree.body[:-1] if tree is not None else []
    return any(
        isinstance(node, ast.Constant) and (node.value is None or node.value is Ellipsis)
        for statement in body
        for node in ast.walk(statement)
    )


def unanswered_problems(notebook):
    """Problems with the committed state: every exercise cell holds a placeholder and its stored output
    is the one line ``Not answered yet: ...``."""
    problems = []
    for exercise in exercise_cells(notebook):
        where = f"cell {exercise.index} ({exercise.exercise_id})"
        if not _has_placeholder(exercise.cell.source):
            problems.append(f"{where}: the answer must be left as the placeholder None or ...")
        line = printed_line(exercise.cell)
        if line is None or not line.startswith(UNANSWERED):
            problems.append(
                f"{where}: the stored output must be one '{UNANSWERED}...' line, got {outputs_summary(exercise.cell)}"
            )
    return problems


def _output_texts(cell):
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            yield output.text
        for mime, data in output.get("data", {}).items():
            if mime.startswith("text/"):
                yield data


def reserved_prefix_problems(notebook):
    """Output lines of non-exercise code cells that start with a reserved prefix (only checks print those)."""
    exercise_indices = {e.index for e in exercise_cells(notebook)}
    return [
        f"cell {index}: output line {line.strip()[:80]!r} starts with a prefix reserved for exercise checks"
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and index not in exercise_indices
        for text in _output_texts(cell)
        for line in text.splitlines()
        if line.lstrip().startswith(PREFIXES)
    ]


def with_solutions(notebook):
    """A copy of ``notebook`` with each exercise cell's source replaced by its solution, and no outputs.
    Raises ``ValueError`` when the structure is broken (see :func:`structure_problems`)."""
    solved = copy.deepcopy(notebook)
    for exercise in exercise_cells(solved):
        if exercise.solution is None:
            raise ValueError(
                f"cell {exercise.index} ({exercise.exercise_id}) has no usable solution: {exercise.problems}"
            )
        exercise.cell.source = exercise.solution.rstrip("\n")
    for cell in solved.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return solved


def run_with_solutions(path, notebook=None, timeout=600):
    """Run the notebook at ``path`` (or ``notebook``, as if it were at ``path``) top to bottom in a fresh
    kernel started in its folder, with every exercise replaced by its solution. Returns the executed
    exercise cells by id, or {} without starting a kernel when there are none. A cell that raises fails
    the run (``nbclient.exceptions.CellExecutionError``)."""
    solved = with_solutions(read(path) if notebook is None else notebook)
    exercises = exercise_cells(solved)
    if not exercises:
        return {}
    client = NotebookClient(
        solved,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(Path(path).parent)}},
        kernel_manager_class=SlicedPollKernelManager,  # a lost zmq wake-up costs a second, not the cell timeout
    )
    client.execute()
    return {exercise.exercise_id: exercise.cell for exercise in exercises}
