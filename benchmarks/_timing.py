"""Shared helpers of the benchmark scripts: timing with wall and CPU clocks, and the machine's load."""

import os
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def timed(function):
    """Run ``function()`` once; return (result, wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def alternating_ratios(first, second, repeats):
    """(best, all) of time(first) / time(second), the two run alternately ``repeats`` times in this process."""
    ratios = []
    for _ in range(repeats):
        _, a, _ = timed(first)
        _, b, _ = timed(second)
        ratios.append(a / b)
    return min(ratios), ratios


def children_cpu(pids):
    """CPU seconds used so far by the processes ``pids`` (Linux /proc; 0 elsewhere)."""
    total = 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError):
            pass
    return total


def load():
    """The 1-minute load average and the CPU count, as text (ratios mean more on a quiet machine)."""
    return f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
