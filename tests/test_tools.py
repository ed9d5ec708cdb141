"""Tests of the maintainer scripts in tools/: saving a re-run notebook is reproducible, and the scripts
start as the README documents them (as files from the repository root, and as modules)."""

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tools.notebook_runner import WIDGET_VIEW, execute_and_save

REPO = Path(__file__).resolve().parent.parent
STALE_TIMING = {  # what nbclient's record_timing stored in every committed notebook until now
    "iopub.execute_input": "2026-11-23T11:40:55.055088Z",
    "iopub.status.busy": "2026-11-23T11:40:55.054770Z",
    "iopub.status.idle": "2026-11-23T11:40:56.312170Z",
    "shell.execute_reply": "2026-11-23T11:40:56.310687Z",
}


def _tiny_notebook(path):
    """Markdown, printed text in two chunks, a result, a widget, an empty cell; stale timings and widget state."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# 00 · Tiny"),
        # flush=True sends "hello" in a message of its own: one print, two stream outputs before merging
        nbformat.v4.new_code_cell(
            "print('hello', flush=True)\nprint('world')", metadata={"execution": dict(STALE_TIMING)}
        ),
        nbformat.v4.new_code_cell("x = 2\nx * 21", metadata={"tags": ["keep-me"]}),
        nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(value=3)"),
        nbformat.v4.new_code_cell(""),
    ]
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"
    notebook.metadata["widgets"] = {WIDGET_VIEW.replace("view", "state"): {"state": {}}}
    nbformat.write(notebook, path)


def test_saving_an_unchanged_notebook_twice_writes_the_same_bytes(tmp_path):
    path = tmp_path / "00_tiny.ipynb"
    _tiny_notebook(path)
    execute_and_save(path)
    first = path.read_bytes()
    execute_and_save(path)
    assert path.read_bytes() == first, "a second save of an unchanged notebook changed the file"

    saved = json.loads(first)
    assert [cell.get("metadata", {}).get("execution") for cell in saved["cells"]] == [None] * 5
    assert "widgets" not in saved["metadata"]
    assert first.endswith(b"}\n") and (saved["nbformat"], saved["nbformat_minor"]) == (4, 5)
    assert [cell["id"] for cell in saved["cells"]] == [f"cell-{i}" for i in range(5)]
    code = saved["cells"][1:]
    assert [cell["execution_count"] for cell in code] == [1, 2, 3, None]
    assert [output["text"] for output in code[0]["outputs"]] == [["hello\n", "world\n"]]  # chunks merged
    assert code[1]["outputs"][0]["data"]["text/plain"] == ["42"] and code[1]["metadata"] == {"tags": ["keep-me"]}
    view = code[2]["outputs"][0]["data"][WIDGET_VIEW]
    assert len(view["model_id"]) == 32 and int(view["model_id"], 16) >= 0  # a widget view is still stored


@pytest.mark.parametrize(
    "command",
    [
        ["tools/run_notebook.py"],
        ["-m", "tools.run_notebook"],
        ["tools/nav.py", "--help"],
        ["benchmarks/resources.py", "--help"],
        ["-m", "benchmarks.resources", "--help"],
    ],
    ids=" ".join,
)
def test_scripts_start_as_documented(command):
    """Run from the repository root as in the README; a script run as a file finds the tools package."""
    done = subprocess.run([sys.executable, *command], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert "Error" not in done.stderr, done.stderr
    if command[-1] == "--help":
        assert done.returncode == 0 and done.stdout.startswith("usage:"), done.stdout + done.stderr
    else:  # run_notebook without a notebook: prints its usage, exits 2
        assert done.returncode == 2 and "usage: python tools/run_notebook.py" in done.stderr, done.stderr


def test_benchmarks_and_tools_import_as_packages_of_this_repository():
    """No test loads a file by path: tests import ``tools.*`` and ``benchmarks.*`` (pytest's pythonpath)."""
    import tools.nav
    from benchmarks import baseline_loop

    assert Path(baseline_loop.__file__) == REPO / "benchmarks" / "baseline_loop.py"
    assert Path(tools.nav.__file__) == REPO / "tools" / "nav.py"
