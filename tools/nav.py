"""Write a "Prev | Contents | Next" navigation line at the top and bottom of every course notebook.

Usage (from the repository root):

    python tools/nav.py            # update notebooks/NN_*.ipynb in place (only files that change)
    python tools/nav.py --check    # change nothing; exit 1 and list the notebooks that need an update

The top line is a markdown cell right after the title cell, the bottom line the last cell; both carry
the cell id ``nav-top`` / ``nav-bottom`` and the tag ``navigation``, so re-running the script updates
them in place (it is idempotent: a second run changes no byte). Links: the previous and next notebook
(by number, titled from their first heading) and ``../README.md#notebooks``. Only markdown cells are
added, so stored outputs and execution counts stay as they are. The check also lists notebooks that
the README's contents table does not link.
"""

import argparse
import re
import sys
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
CONTENTS = "../README.md#notebooks"
TAG = "navigation"
TOP_ID, BOTTOM_ID = "nav-top", "nav-bottom"


def notebook_paths(folder):
    """The course notebooks of ``folder`` in reading order (``NN_name.ipynb``)."""
    return sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))


def short_title(notebook, path):
    """The title from the first heading, cut before a subtitle: '# 09 · Playground: ...' -> '09 · Playground'."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    title = line.lstrip("#").strip()
                    return re.split(r":\s| — | - ", title, maxsplit=1)[0].strip()
            break
    return path.stem


def nav_line(previous=None, following=None):
    """The markdown line; ``previous``/``following`` are (title, file name) or None at the ends."""
    parts = []
    if previous:
        parts.append(f"[← {previous[0]}]({previous[1]})")
    parts.append(f"[Contents]({CONTENTS})")
    if following:
        parts.append(f"[{following[0]} →]({following[1]})")
    return " | ".join(parts)


def _nav_cell(cell_id, source):
    cell = nbformat.v4.new_markdown_cell(source, metadata={"tags": [TAG]})
    cell.id = cell_id
    return cell


def _is_nav(cell):
    return cell.get("id") in (TOP_ID, BOTTOM_ID) or TAG in cell.get("metadata", {}).get("tags", [])


def add_navigation(notebook, line):
    """Put ``line`` in a cell after the title and in the last cell of ``notebook`` (in place)."""
    cells = [cell for cell in notebook.cells if not _is_nav(cell)]
    if not cells:
        raise ValueError("the notebook has no cells; it needs at least a title cell")
    notebook.cells = [cells[0], _nav_cell(TOP_ID, line), *cells[1:], _nav_cell(BOTTOM_ID, line)]
    notebook.nbformat_minor = max(notebook.nbformat_minor, 5)  # cell ids need nbformat 4.5
    return notebook


def update_folder(folder, check=False):
    """Add or refresh the navigation of every notebook in ``folder``; return the paths that changed
    (with ``check``, the paths that would change, and nothing is written)."""
    paths = notebook_paths(folder)
    texts = {path: path.read_text(encoding="utf-8") for path in paths}
    notebooks = {path: nbformat.reads(texts[path], as_version=4) for path in paths}
    titles = [(short_title(notebooks[path], path), path.name) for path in paths]
    changed = []
    for index, path in enumerate(paths):
        previous = titles[index - 1] if index > 0 else None
        following = titles[index + 1] if index + 1 < len(paths) else None
        add_navigation(notebooks[path], nav_line(previous, following))
        new_text = nbformat.writes(notebooks[path])
        if not new_text.endswith("\n"):
            new_text += "\n"
        if new_text != texts[path]:
            changed.append(path)
            if not check:
                path.write_text(new_text, encoding="utf-8")
    return changed


def readme_missing(readme, folder):
    """Notebooks of ``folder`` that ``readme`` does not link (as notebooks/<name>)."""
    text = Path(readme).read_text(encoding="utf-8")
    return [path.name for path in notebook_paths(folder) if f"(notebooks/{path.name})" not in text]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(REPO / "notebooks"), help="the notebooks folder")
    parser.add_argument("--check", action="store_true", help="only report; exit 1 if anything would change")
    args = parser.parse_args(argv)
    changed = update_folder(args.folder, check=args.check)
    folder = Path(args.folder)
    readme = folder.parent / "README.md"
    missing = readme_missing(readme, folder) if readme.is_file() else []
    verb = "needs" if args.check else "updated"
    for path in changed:
        print(f"{verb}: {path.name}")
    for name in missing:
        print(f"README.md does not link notebooks/{name} in its contents table")
    if not changed:
        print(f"navigation up to date in {len(notebook_paths(folder))} notebooks")
    return 1 if (args.check and changed) or missing else 0


if __name__ == "__main__":
    sys.exit(main())
