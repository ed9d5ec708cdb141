"""The course's notation (notebook 01's table) is followed where a test can tell.

- The learning rate is α, as in the course learners come from: no η anywhere.
- Layers are indices in square brackets, units subscripts: no A_1, Z_1, W_2 for a layer's matrices.
- Offsets are τ (a is an activation): no a_k, a_j, a_0 in the maths.
- A sum built by hand has K terms over [0, R]: no N (the course's n_h is hidden units) and no L (the number of
  layers) in the maths.
- The table itself states each resolution: ELU's α, SELU's constants, "Xavier" against "lecun", identity and
  "linear", L and λ.
"""

import re

import exercise_notebooks as notebooks
import pytest

_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]*?\$", re.S)


def _markdown(path):
    return [
        (index, cell.source) for index, cell in enumerate(notebooks.read(path).cells) if cell.cell_type == "markdown"
    ]


def _math(path):
    """``(cell index, math segment)`` for every $...$ and $$...$$ of the notebook's markdown."""
    return [(index, segment) for index, source in _markdown(path) for segment in _MATH.findall(source)]


def _found(path, pattern, where=_math):
    return [f"cell {index}: {text.strip()[:80]!r}" for index, text in where(path) if re.search(pattern, text)]


IDS = [path.name[:2] for path in notebooks.NOTEBOOKS]


@pytest.mark.parametrize("path", notebooks.NOTEBOOKS, ids=IDS)
def test_the_learning_rate_is_alpha(path):
    cells = [(index, cell.source) for index, cell in enumerate(notebooks.read(path).cells)]
    assert _found(path, r"η|\\eta\b", where=lambda p: cells) == []


@pytest.mark.parametrize("path", notebooks.NOTEBOOKS, ids=IDS)
def test_layers_in_brackets_not_subscripts(path):
    assert _found(path, r"(?<![A-Za-z\\])[AZWb]_\{?\d") == []


@pytest.mark.parametrize("path", notebooks.NOTEBOOKS, ids=IDS)
def test_offsets_are_tau_not_a(path):
    assert _found(path, r"(?<![A-Za-z\\])a_(?:\{|[0-9jkN])") == []


#: Notebooks about the L-layer network, where L is used in the table's meaning (the number of layers) throughout.
LAYER_NOTEBOOKS = ("11",)


@pytest.mark.parametrize("path", notebooks.NOTEBOOKS, ids=IDS)
def test_hand_built_sums_use_K_and_R(path):
    """N and L are free for the course's meanings (n_h hidden units, L layers): a hand-built sum has K terms
    and its last offset is R. (\\mathcal{N} is the normal distribution and stays.)"""
    table = (notebooks.NOTEBOOKS[0], 3)  # notebook 01's table defines L, the number of layers
    found = [(index, text) for index, text in _math(path) if (path, index) != table]
    letters = "N" if path.name[:2] in LAYER_NOTEBOOKS else "NL"
    assert _found(path, rf"(?<![A-Za-z\\{{])[{letters}](?![A-Za-z])", where=lambda p: found) == []


def test_the_table_states_every_resolution():
    table = dict(_markdown(notebooks.NOTEBOOKS[0]))[3]
    for piece in (
        r"| $\tau$, $\tau_k$ |",
        r"| $K$, $\Delta$, $R$ |",
        r"| $a = g(z)$; $A^{[l]}$ |",
        "the **learning rate** (`learning_rate` in code)",
        "ELU's saturation value",
        r"$\lambda_{\mathrm{SELU}}$",
        r"| $L$; $\lambda$ |",
        'the course\'s "Xavier" scale',
        '`"lecun"`',
        '"linear" names the same function',
        "a layer in square brackets",
    ):
        assert piece in table, piece
