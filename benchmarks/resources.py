"""Report each notebook's Run-All wall time and kernel peak memory, and optionally the suite's time.

Targets (issue #8): peak memory < 300 MB per kernel, Run All < 30 s (notebook 08: < 60 s, 11: < 90 s), the default
`python -m pytest` < 3 minutes on 2 cores, browser test included (issue #11). Numbers depend on the machine and
its load, so this script reports; tests do not assert timings.

Usage (repo root): python benchmarks/resources.py [--suite] [notebooks/NN_name.ipynb ...]
(or python -m benchmarks.resources ...)
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if not __package__:  # run as a script (python benchmarks/resources.py): make the repository root importable
    sys.path.insert(0, str(ROOT))

from tools.notebook_runner import KernelSession  # noqa: E402

MEMORY_TARGET_MB = 300


def time_target(path):
    return {"08": 60, "11": 90}.get(path.name[:2], 30)


def measure(path):
    """Run ``path`` in a fresh kernel (without saving); return (seconds, peak MB)."""
    start = time.perf_counter()
    with KernelSession(path) as session:
        session.run_all()
        peak = session.peak_memory_mb()
    return time.perf_counter() - start, peak


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--suite", action="store_true", help="also time the default python -m pytest")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    print(f"{'notebook':34s} {'run all':>9s} {'target':>7s} {'peak MB':>8s}  verdict")
    for path in paths:
        seconds, peak = measure(path)
        ok = seconds < time_target(path) and (peak is None or peak < MEMORY_TARGET_MB)
        peak_text = "n/a" if peak is None else f"{peak:.0f}"
        print(f"{path.name:34s} {seconds:8.1f}s {time_target(path):6d}s {peak_text:>8s}  {'ok' if ok else 'OVER'}")
    if args.suite:
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "pytest", "-q"], cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "(no output)"
        print(f"python -m pytest: {seconds:.0f} s, target 180 s; {summary}")


if __name__ == "__main__":
    main()
