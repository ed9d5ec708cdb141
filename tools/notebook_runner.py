"""Run a notebook's code cells in a fresh kernel started in the notebook's folder.

Shared by tools/run_notebook.py (re-run and save), tests/test_rerun.py (rerun safety) and
benchmarks/resources.py (wall time and kernel peak memory).
"""

import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
IGNORE_MARKER = "# NBVAL_IGNORE_OUTPUT"


def code_cells(notebook):
    """(index, cell) for every non-empty code cell."""
    return [(i, c) for i, c in enumerate(notebook.cells) if c.cell_type == "code" and c.source.strip()]


def text_outputs(cell):
    """The text an nbval comparison would look at: stdout/stderr and text/plain (widget views skipped)."""
    texts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            prefix = f"{output.name}: "
            if texts and texts[-1].startswith(prefix):  # one print may arrive in several chunks
                texts[-1] += output.text
            else:
                texts.append(prefix + output.text)
        elif output.output_type in ("execute_result", "display_data"):
            data = output.get("data", {})
            if WIDGET_VIEW not in data and "text/plain" in data:
                texts.append(data["text/plain"])
        elif output.output_type == "error":
            texts.append(f"error: {output.ename}: {output.evalue}")
    return texts


def kernel_peak_memory_mb(client):
    """Peak resident memory (VmHWM) of the kernel process in MB, or None where /proc is missing."""
    try:
        pid = client.km.provisioner.process.pid
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (AttributeError, OSError, ValueError):
        return None
    return None


class KernelSession:
    """A live kernel for one notebook: ``with KernelSession(path) as s: s.run(cell_index)``."""

    def __init__(self, path, timeout=300):
        self.path = Path(path)
        self.notebook = nbformat.read(self.path, as_version=4)
        self.client = NotebookClient(
            self.notebook,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(self.path.parent.resolve())}},
        )
        self._context = None

    def __enter__(self):
        self._context = self.client.setup_kernel()
        self._context.__enter__()
        return self

    def __exit__(self, *exc):
        return self._context.__exit__(*exc)

    def run(self, index):
        """Execute cell ``index`` (its outputs are replaced) and return its text outputs."""
        cell = self.notebook.cells[index]
        self.client.execute_cell(cell, index)
        return text_outputs(cell)

    def run_all(self):
        """Execute every code cell in order; return {index: text outputs}."""
        return {index: self.run(index) for index, _ in code_cells(self.notebook)}

    def peak_memory_mb(self):
        return kernel_peak_memory_mb(self.client)


def execute_and_save(path, timeout=300):
    """Restart-and-run-all, then save in place (execution counts 1, 2, 3, ...). Returns wall seconds."""
    start = time.perf_counter()
    with KernelSession(path, timeout) as session:
        session.notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        session.run_all()
    nbformat.write(session.notebook, session.path)
    return time.perf_counter() - start
