"""Run a notebook's code cells in a fresh kernel started in the notebook's folder.

Shared by tools/run_notebook.py (re-run and save), tests/test_rerun.py (rerun safety) and
benchmarks/resources.py (wall time and kernel peak memory).

Saving is reproducible: re-running and saving an unchanged notebook on the same machine writes the
same bytes when its outputs are the same, so ``git diff`` shows only real changes (see
:func:`make_reproducible`).
"""

import time
import uuid
from pathlib import Path
from queue import Empty

import nbformat
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from traitlets import Type

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


#: The longest a wait for a kernel message sleeps before it looks at the socket again (seconds).
POLL_SLICE = 1.0


class SlicedPollChannel(AsyncZMQSocketChannel):
    """A kernel channel whose wait for a message looks at the socket again at least every ``POLL_SLICE`` seconds.

    pyzmq's asyncio sockets wait on libzmq's edge-triggered notification fd. Now and then (more often on a busy
    machine, e.g. two pytest-xdist workers each driving a kernel) that wake-up is lost: the kernel has replied and
    gone idle, the reply sits in the client's socket, and nbclient sleeps until its wait's own timeout, the cell
    timeout (300 s here), then finds the reply and goes on, so the test passes minutes late (or, for a wait with no
    timeout, never). Each slice of the wait ends with a plain zmq poll of the socket, which finds such a message;
    a lost wake-up then costs at most one slice, and a timeout still comes when it is due.
    """

    async def get_msg(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = POLL_SLICE if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                return await super().get_msg(timeout=min(POLL_SLICE, left))
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise


class SlicedPollClient(AsyncKernelClient):
    """nbclient's kernel client with :class:`SlicedPollChannel` for every channel it reads."""

    shell_channel_class = Type(SlicedPollChannel)
    iopub_channel_class = Type(SlicedPollChannel)
    stdin_channel_class = Type(SlicedPollChannel)
    control_channel_class = Type(SlicedPollChannel)


class SlicedPollKernelManager(AsyncKernelManager):
    """nbclient's kernel manager that hands out :class:`SlicedPollClient` s (``kernel_manager_class=``)."""

    client_factory = Type(SlicedPollClient, klass=AsyncKernelClient)


class KernelSession:
    """A live kernel for one notebook: ``with KernelSession(path) as s: s.run(cell_index)``."""

    def __init__(self, path, timeout=300):
        self.path = Path(path)
        self.notebook = nbformat.read(self.path, as_version=4)
        self.client = NotebookClient(
            self.notebook,
            timeout=timeout,
            kernel_name="python3",
            kernel_manager_class=SlicedPollKernelManager,  # no reply left unread until the timeout
            record_timing=False,  # no per-cell timestamps in the cell metadata
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


# Metadata that only describes one run (nbclient timestamps, JupyterLab's widget state): never saved.
RUN_CELL_METADATA = ("execution",)
RUN_NOTEBOOK_METADATA = ("widgets",)
_WIDGET_ID_NAMESPACE = uuid.UUID("5b0ad2f4-3c1e-4a8e-9a55-0d1c3f6e7a21")  # any fixed value


def merge_streams(outputs):
    """Consecutive stdout (or stderr) chunks as one output, as JupyterLab shows and saves them.

    How a print is split into messages depends on when the kernel flushes, so it varies from run to run.
    """
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] += output["text"]
        else:
            merged.append(output)
    return merged


def make_reproducible(notebook):
    """Remove what differs from one run to the next without the notebook changing, in place; return it.

    - per-cell ``execution`` metadata (nbclient's or JupyterLab's timestamps, also from earlier runs);
    - the notebook's widget state (``metadata.widgets``: it describes one kernel session);
    - the split of printed text into chunks (consecutive stream outputs are merged);
    - the random model id of widget views: the file holds no widget state, so the stored id never
      pointed to a model anyway; it becomes an id derived from the cell id and the output's position.
    """
    for key in RUN_NOTEBOOK_METADATA:
        notebook.metadata.pop(key, None)
    for index, cell in enumerate(notebook.cells):
        for key in RUN_CELL_METADATA:
            cell.metadata.pop(key, None)
        if "outputs" not in cell:
            continue
        cell.outputs = merge_streams(cell.outputs)
        for number, output in enumerate(cell.outputs):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if isinstance(view, dict) and "model_id" in view:
                view["model_id"] = uuid.uuid5(_WIDGET_ID_NAMESPACE, f"{cell.get('id', index)}/{number}").hex
    return notebook


def execute_and_save(path, timeout=300):
    """Restart-and-run-all, then save in place (execution counts 1, 2, 3, ...). Returns wall seconds.

    Only outputs and execution counts change (and, once, what :func:`make_reproducible` removes): saving
    again writes the same bytes unless an output itself differs (a printed timing, say).
    """
    start = time.perf_counter()
    with KernelSession(path, timeout) as session:
        session.notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        session.run_all()
    make_reproducible(session.notebook)
    nbformat.write(session.notebook, session.path)
    return time.perf_counter() - start
