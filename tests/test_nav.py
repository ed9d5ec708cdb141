"""Tests of tools/nav.py (Prev | Contents | Next lines), always on temporary copies of notebooks."""

import re
import shutil
from pathlib import Path

import nbformat
import pytest

from tools import nav

REPO = Path(__file__).resolve().parent.parent

CONTENTS = "[Contents](../README.md#notebooks)"


def _make(folder, name, title, code="x = 1"):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell(f"# {title}\n\nSome words."),
        nbformat.v4.new_code_cell(code, execution_count=1, outputs=[nbformat.v4.new_output("stream", text="1\n")]),
        nbformat.v4.new_markdown_cell("## Exercises"),
    ]
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / name)


@pytest.fixture
def course(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _make(folder, "01_first.ipynb", "01 · First steps")
    _make(folder, "02_middle.ipynb", "02 · Middle: with a subtitle")
    _make(folder, "03_last.ipynb", "03 · Last one")
    (folder / "notes.ipynb").write_text("not a course notebook")  # ignored: no NN_ prefix
    return folder


def _lines(path):
    notebook = nbformat.read(path, as_version=4)
    return notebook, notebook.cells[1].source, notebook.cells[-1].source


def test_prev_contents_next_with_first_and_last_edges(course):
    changed = nav.update_folder(course)
    assert [p.name for p in changed] == ["01_first.ipynb", "02_middle.ipynb", "03_last.ipynb"]
    _, top, bottom = _lines(course / "01_first.ipynb")
    assert top == bottom == f"{CONTENTS} | [02 · Middle →](02_middle.ipynb)"
    _, top, bottom = _lines(course / "02_middle.ipynb")
    assert top == bottom == f"[← 01 · First steps](01_first.ipynb) | {CONTENTS} | [03 · Last one →](03_last.ipynb)"
    notebook, top, bottom = _lines(course / "03_last.ipynb")
    assert top == bottom == f"[← 02 · Middle](02_middle.ipynb) | {CONTENTS}"
    assert notebook.cells[0].source.startswith("# 03 · Last one")  # the title stays first
    assert [cell.cell_type for cell in notebook.cells] == ["markdown", "markdown", "code", "markdown", "markdown"]
    assert notebook.cells[1].id == "nav-top" and notebook.cells[-1].id == "nav-bottom"
    assert notebook.cells[2].outputs[0].text == "1\n" and notebook.cells[2].execution_count == 1


def test_second_run_changes_nothing(course):
    nav.update_folder(course)
    before = {path.name: path.read_bytes() for path in course.iterdir()}
    assert nav.update_folder(course) == []
    assert nav.update_folder(course, check=True) == []
    assert {path.name: path.read_bytes() for path in course.iterdir()} == before


def test_check_mode_writes_nothing(course):
    before = (course / "02_middle.ipynb").read_bytes()
    assert len(nav.update_folder(course, check=True)) == 3
    assert (course / "02_middle.ipynb").read_bytes() == before


def test_a_new_notebook_updates_its_neighbours_without_duplicating_lines(course):
    nav.update_folder(course)
    _make(course, "04_extra.ipynb", "04 · Extra")
    changed = nav.update_folder(course)
    assert [p.name for p in changed] == ["03_last.ipynb", "04_extra.ipynb"]
    notebook, top, bottom = _lines(course / "03_last.ipynb")
    assert top == bottom == f"[← 02 · Middle](02_middle.ipynb) | {CONTENTS} | [04 · Extra →](04_extra.ipynb)"
    assert sum(nav.TAG in cell.metadata.get("tags", []) for cell in notebook.cells) == 2


def test_single_notebook_links_only_the_contents(tmp_path):
    _make(tmp_path, "01_only.ipynb", "01 · Only")
    nav.update_folder(tmp_path)
    _, top, bottom = _lines(tmp_path / "01_only.ipynb")
    assert top == bottom == CONTENTS


def test_command_line_check_exit_codes(course, capsys):
    (course.parent / "README.md").write_text("\n".join(f"[x](notebooks/{p.name})" for p in nav.notebook_paths(course)))
    assert nav.main([str(course), "--check"]) == 1
    assert "needs: 01_first.ipynb" in capsys.readouterr().out
    assert nav.main([str(course)]) == 0
    assert nav.main([str(course), "--check"]) == 0
    (course.parent / "README.md").write_text("[x](notebooks/01_first.ipynb)")
    assert nav.main([str(course), "--check"]) == 1
    assert "does not link notebooks/02_middle.ipynb" in capsys.readouterr().out


def test_on_a_copy_of_the_real_notebooks(tmp_path):
    folder = tmp_path / "notebooks"
    shutil.copytree(REPO / "notebooks", folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    originals = {p.name: nbformat.read(p, as_version=4) for p in nav.notebook_paths(folder)}
    nav.update_folder(folder)
    assert nav.update_folder(folder) == []  # idempotent on the real files too
    for name, original in originals.items():
        updated = nbformat.read(folder / name, as_version=4)
        code_before = [
            (c.source, c.get("outputs"), c.get("execution_count")) for c in original.cells if c.cell_type == "code"
        ]
        code_after = [
            (c.source, c.get("outputs"), c.get("execution_count")) for c in updated.cells if c.cell_type == "code"
        ]
        assert code_after == code_before, f"{name}: code cells changed"
        assert updated.cells[0].source == original.cells[0].source  # the title cell stays first
        assert updated.cells[1].id == "nav-top" and updated.cells[-1].id == "nav-bottom"


def test_readme_contents_table_links_every_notebook_and_only_existing_ones():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert nav.readme_missing(REPO / "README.md", REPO / "notebooks") == []
    linked = re.findall(r"\]\((notebooks/[^)#]+\.ipynb)\)", readme)
    missing = [link for link in linked if not (REPO / link).is_file()]
    assert not missing, f"README.md links notebooks that do not exist: {missing}"


def test_committed_notebooks_have_current_navigation():
    stale = nav.update_folder(REPO / "notebooks", check=True)
    assert stale == [], f"run `python tools/nav.py` to refresh: {[p.name for p in stale]}"
