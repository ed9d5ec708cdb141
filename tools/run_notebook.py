"""Execute notebooks top to bottom in a fresh kernel and save them with their outputs.

The equivalent of JupyterLab's "Restart Kernel and Run All Cells", then Save. The kernel starts in
the notebook's own folder, as in JupyterLab and nbval.

Usage: python tools/run_notebook.py notebooks/01_sigmoid.ipynb [more.ipynb ...]
"""
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def run(path, timeout=600):
    """Execute the notebook at ``path`` in place; return the wall time in seconds."""
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    start = time.perf_counter()
    NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent.resolve())}}).execute()
    elapsed = time.perf_counter() - start
    nbformat.write(notebook, path)
    return elapsed


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: ran in {run(name):.1f} s")
