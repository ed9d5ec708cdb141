"""No prediction is spoiled: a prediction's answer is visible only where the learner has to act to see it.

Notebooks are stored with their outputs, so a learner sees every stored output and every sentence of a
notebook before answering its exercises; the order of the cells cannot hide an answer. Each prediction
exercise declares the tell-tale texts of its answer (``register(..., reveals=(...))`` in
``course_utils.exercises``). None of them may appear in a stored output or in markdown outside a
``<details>`` block, anywhere in the notebook. They may appear in the check's own message, in a
``<details>`` block, or in the output of a cell guarded by ``exercises.predicted(...)`` (whose stored
output, the notebook being committed unanswered, is the line asking for the prediction first).

Texts are compared after :func:`normalise`: case, spaces, ``$``, braces and backslashes do not matter, so
``$\\tanh'(0) = 1$`` in markdown and ``tanh′(0) = 1.00`` in an output both contain ``tanh'(0) = 1``, and
``\\Delta`` is ``Δ``.
"""

import re

import exercise_notebooks as notebooks
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course_utils import exercises

_DETAILS = re.compile(r"<details>.*?</details>", re.S)
_LATEX_SPACES = re.compile(r"\\[,;:! ]|\\(?:left|right|qquad|quad|cdot|tfrac|dfrac|mathrm|text)")
_EQUIVALENT = str.maketrans(
    {"′": "'", "−": "-", "–": "-", "·": "", "*": "", "²": "^2", "Δ": "delta", "σ": "sigma", "α": "alpha", "β": "beta"}
)
_IGNORED = re.compile(r"[\s${}\\]")


def normalise(text):
    """``text`` lower-cased, with LaTeX spacing and markup, ``$``, braces, backslashes and white space
    removed, multiplication dots dropped (``N·Δ`` is ``N\\Delta``) and look-alike characters (′ − ²) made equal, for
    a search that ignores typesetting."""
    text = _LATEX_SPACES.sub("", text).translate(_EQUIVALENT).lower()
    return _IGNORED.sub("", text)


def visible_texts(notebook):
    """``(where, text)`` for what a learner sees without acting: markdown outside ``<details>`` blocks and the
    text of every stored output."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            yield f"cell {index} (markdown)", _DETAILS.sub("", cell.source)
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                if output.output_type == "stream":
                    yield f"cell {index} (output)", output.text
                for mime, data in output.get("data", {}).items():
                    if mime.startswith("text/"):
                        yield f"cell {index} (output)", data


def hidden_texts(notebook):
    """The ``<details>`` blocks of the notebook's markdown: where a prediction's answer may be explained."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            yield from _DETAILS.findall(cell.source)


def spoilers(notebook, tell_tales):
    """``where: text`` for every tell-tale text (``{exercise id: texts}``) visible in the notebook."""
    found = []
    for where, text in visible_texts(notebook):
        plain = normalise(text)
        for exercise_id, texts in tell_tales.items():
            found += [f"{where} shows {exercise_id}'s answer {tale!r}" for tale in texts if normalise(tale) in plain]
    return found


def _predictions():
    """Every registered exercise that asks for a prediction (its answer description says so)."""
    return [i for i in exercises.ids() if any("prediction" in what for what in exercises.lookup(i).answers.values())]


def _tell_tales(path):
    number = f"{notebooks.notebook_number(path):02d}."
    return {i: exercises.lookup(i).reveals for i in exercises.ids() if i.startswith(number)}


@pytest.mark.parametrize("exercise_id", _predictions())
def test_every_prediction_declares_its_tell_tales(exercise_id):
    assert exercises.lookup(exercise_id).reveals, f"register {exercise_id} with reveals=(...): its answer's texts"


@pytest.mark.parametrize("path", notebooks.NOTEBOOKS, ids=[p.name[:2] for p in notebooks.NOTEBOOKS])
def test_no_prediction_is_spoiled(path):
    assert spoilers(notebooks.read(path), _tell_tales(path)) == []


@pytest.mark.parametrize("path", notebooks.NOTEBOOKS, ids=[p.name[:2] for p in notebooks.NOTEBOOKS])
def test_tell_tales_are_the_texts_the_notebook_hides(path):
    """A tell-tale that appears in none of the notebook's ``<details>`` blocks guards nothing (a typo, or a
    sentence that was reworded): each one must be found in the answer the notebook keeps collapsed."""
    hidden = normalise(" ".join(hidden_texts(notebooks.read(path))))
    unused = [
        f"{i}: {tale!r}" for i, tales in _tell_tales(path).items() for tale in tales if normalise(tale) not in hidden
    ]
    assert unused == []


def test_spoilers_are_found_in_outputs_and_markdown_but_not_in_details():
    notebook = new_notebook(
        cells=[
            new_markdown_cell(
                "Exercise: predict the slope.\n\n<details><summary>Why</summary>\n$\\tanh'(0) = 1$\n</details>"
            ),
            new_code_cell("print(1)", outputs=[new_output("stream", name="stdout", text="tanh′(0) = 1.00\n")]),
            new_markdown_cell("So $\\tanh'(0) = 1$, four times $\\sigma'(0)$."),
        ]
    )
    found = spoilers(notebook, {"01.1": ("tanh'(0) = 1",)})
    assert found == [
        "cell 1 (output) shows 01.1's answer \"tanh'(0) = 1\"",
        "cell 2 (markdown) shows 01.1's answer \"tanh'(0) = 1\"",
    ]
    assert spoilers(notebook, {"01.1": ("tanh'(0) = 2",)}) == []
    assert normalise("$+\\Delta^2/48$ at $z = 0$") == normalise("+Δ^2/48 at z=0")


def test_predicted_hides_the_result_until_the_prediction_is_made(capsys):
    assert exercises.predicted("04.2", None) is False
    line = capsys.readouterr().out
    assert line.count("\n") == 1 and "exercise 04.2" in line and not line.startswith(notebooks.PREFIXES)
    assert exercises.predicted("04.2", 0.8) is True
    assert capsys.readouterr().out == ""
    with pytest.raises(TypeError):
        exercises.predicted("04.2", 0.8, 0.9)
