"""Worker processes for :func:`course_utils.experiments.compare`: a persistent pool and its job.

The pool is created once per session and reused (fork on Linux: workers start at once and never
re-import the caller's script; spawn on macOS and Windows). Workers exit when their parent dies
(a Jupyter kernel restart). (The engine itself keeps BLAS to one thread while it trains.)
"""

import atexit
import os
import pickle
import sys
import warnings

import numpy as np

from .engine import Engine

_POOL = None


def default_jobs():
    """Worker processes to use by default: 2 if two CPUs are available to this process, else 1."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(2, cpus))


def picklable(obj):
    """True if ``obj`` can be sent to a worker process (a learner's lambda cannot)."""
    try:
        pickle.dumps(obj)
        return True
    except Exception:
        return False


def train_chunk(models, X, Y, output, dtype, state, num_iterations, final):
    """The job: rebuild a group's :class:`Engine` from ``state``, train ``num_iterations``, return the new state."""
    engine = Engine(models, X, Y, output=output, dtype=dtype, state=state)
    engine.run(num_iterations, final=final)
    return engine.state()


def get_pool(n_jobs):
    """The session's pool of ``n_jobs`` workers (created on first use)."""
    global _POOL
    import concurrent.futures
    import multiprocessing

    if _POOL is not None and _POOL[0] == n_jobs:
        return _POOL[1]
    shutdown()
    use_fork = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if use_fork else "spawn")
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=n_jobs, mp_context=context, initializer=_worker_init, initargs=(os.getpid(),)
    )
    _POOL = (n_jobs, pool)
    return pool


def submit(pool, *args):
    """``pool.submit(train_chunk, *args)``, silencing Python's warning about forking a threaded process.

    Python >= 3.12 warns when a process with threads (a Jupyter kernel) forks; the workers only run
    numpy code, so that is safe here.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", r"This process .* is multi-threaded, use of fork\(\) may lead to deadlocks", DeprecationWarning
        )
        return pool.submit(train_chunk, *args)


def worker_pids():
    """Process ids of the pool's workers (for benchmarks that count their CPU time)."""
    return list(_POOL[1]._processes) if _POOL is not None else []


def _worker_init(parent):
    """In a worker: exit when the parent dies (e.g. a Jupyter kernel restart), rather than linger."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - no prctl
            pass
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(0)
    np.seterr(all="ignore")


def shutdown():
    """Stop the pool (it is recreated on the next use)."""
    global _POOL
    if _POOL is not None:
        _POOL[1].shutdown(wait=False, cancel_futures=True)
        _POOL = None


atexit.register(shutdown)
