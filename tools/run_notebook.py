"""Execute notebooks top to bottom in a fresh kernel and save them with their outputs.

The equivalent of JupyterLab's "Restart Kernel and Run All Cells", then Save. The kernel starts in
the notebook's own folder, as in JupyterLab and nbval.

Usage: python tools/run_notebook.py notebooks/01_sigmoid.ipynb [more.ipynb ...]
"""

import sys

from notebook_runner import execute_and_save

if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: ran in {execute_and_save(name):.1f} s")
