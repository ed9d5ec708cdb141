"""Rerun safety: learners rerun cells to experiment, so every notebook must tolerate it.

In one kernel: each code cell is run twice in a row (the second run must give the same text output),
then the whole notebook is run a second time (same outputs again). Cells marked
``# NBVAL_IGNORE_OUTPUT`` are still run (they must not raise) but their text is not compared.
Slow (each notebook runs about three times): marked ``slow``; CI runs it as its own step.
"""

from pathlib import Path

import pytest

from tools.notebook_runner import IGNORE_MARKER, KernelSession, code_cells

ROOT = Path(__file__).resolve().parents[1]

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _compared(cell):
    return not cell.source.lstrip().startswith(IGNORE_MARKER)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_cells_and_notebook_rerun_identically(path):
    with KernelSession(path) as session:
        first = {}
        for index, cell in code_cells(session.notebook):
            first[index] = session.run(index)
            again = session.run(index)
            if _compared(cell):
                assert again == first[index], f"cell {index} gave different output when run twice in a row"
        second = session.run_all()
    for index, cell in code_cells(session.notebook):
        if _compared(cell):
            assert second[index] == first[index], f"cell {index} differs on a second Run All in the same kernel"
