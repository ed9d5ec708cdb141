"""Rerun safety: learners rerun cells to experiment, so every notebook must tolerate it.

In one kernel: each code cell is run twice in a row (the second run must give the same text output),
then the whole notebook is run a second time (same outputs again). Cells marked
``# NBVAL_IGNORE_OUTPUT`` are still run (they must not raise) but their text is not compared.
Slow (each notebook runs about three times): marked ``slow``; CI runs it as its own step.
"""

import asyncio
import time
from pathlib import Path
from queue import Empty

import pytest
import zmq
import zmq.asyncio
from jupyter_client.session import Session

from tools import notebook_runner
from tools.notebook_runner import IGNORE_MARKER, KernelSession, SlicedPollChannel, SlicedPollKernelManager, code_cells

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


def test_kernel_sessions_wait_in_slices(monkeypatch):
    """The kernel's messages are read through SlicedPollChannel (a lost zmq wake-up costs a slice, not the cell
    timeout); its get_msg returns a waiting message, and raises Empty when its timeout is due, not before."""
    assert KernelSession(NOTEBOOKS[0]).client.kernel_manager_class is SlicedPollKernelManager
    monkeypatch.setattr(notebook_runner, "POLL_SLICE", 0.05)
    session = Session(key=b"k")

    async def exchange():
        context = zmq.asyncio.Context()
        sender, receiver = context.socket(zmq.PAIR), context.socket(zmq.PAIR)
        try:
            sender.bind("inproc://sliced")
            receiver.connect("inproc://sliced")
            channel = SlicedPollChannel(receiver, session)
            start = time.monotonic()
            with pytest.raises(Empty):
                await channel.get_msg(timeout=0.3)
            waited = time.monotonic() - start
            session.send(sender, "kernel_info_reply", {"status": "ok"})
            message = await channel.get_msg(timeout=5)
            return waited, message
        finally:
            sender.close(linger=0)
            receiver.close(linger=0)
            context.term()

    waited, message = asyncio.run(exchange())
    assert waited >= 0.3
    assert message["msg_type"] == "kernel_info_reply" and message["content"] == {"status": "ok"}
