"""Execute notebooks top to bottom in a fresh kernel and save them with their outputs.

The equivalent of JupyterLab's "Restart Kernel and Run All Cells", then Save. The kernel starts in
the notebook's own folder, as in JupyterLab and nbval. Saving an unchanged notebook again writes the
same bytes (no timestamps or other per-run metadata are stored), so `git diff` shows real changes only.

Usage (repository root): python tools/run_notebook.py notebooks/01_sigmoid.ipynb [more.ipynb ...]
                     or: python -m tools.run_notebook notebooks/01_sigmoid.ipynb [...]
"""

import sys
from pathlib import Path

if not __package__:  # run as a script (python tools/run_notebook.py): make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.notebook_runner import execute_and_save


def main(argv=None):
    names = sys.argv[1:] if argv is None else argv
    if not names:
        print("usage: python tools/run_notebook.py NOTEBOOK.ipynb [NOTEBOOK.ipynb ...]", file=sys.stderr)
        return 2
    for name in names:
        print(f"{name}: ran in {execute_and_save(name):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
