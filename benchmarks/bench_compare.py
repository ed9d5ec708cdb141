"""Time ``experiments.compare`` on the default grid against the plain one-by-one loop (issue 6).

The grid: 6 activations (sigmoid, tanh, relu, leaky_relu, softplus, elu) x widths (1, 2, 3, 4, 5,
20, 50), seed 2, learning rate 1.2, 10 000 iterations on the planar flower data: 42 networks.
The baseline trains them one after the other with ``benchmarks/baseline_loop.plain_train`` (the
course's loop; tanh with ``np.tanh`` and ``1 - A1**2`` as in the course, the others through their
``Activation``). Both run in this process, interleaved, best of ``--repeat`` runs each; the machine
load is printed because other work on the machine slows both. Target: ratio <= 0.2.

The largest accuracy difference is expected to be non-zero: at lr 1.2 training of the ReLU family
and of wide tanh nets is chaotic, and the two implementations sum in different orders.

Usage (repo root): python benchmarks/bench_compare.py [--repeat N] [--iterations N] [--n-jobs N]
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baseline_loop import plain_train  # noqa: E402

from course_utils import activations, datasets, experiments, network  # noqa: E402


def one_by_one(X, Y, acts, widths, learning_rate, iterations):
    """Accuracy (percent) of each network trained with the plain loop, in compare's row order."""
    out = []
    for name in acts:
        act = None if name == "tanh" else activations.get(name)
        for n_h in widths:
            params, _ = plain_train(
                X,
                Y,
                n_hidden=n_h,
                activation=act,
                learning_rate=learning_rate,
                num_iterations=iterations,
                init_scale=0.01,
                seed=2,
            )
            out.append(network.accuracy(network.predict(params, X, name), Y))
    return out


def _worker_cpu():
    """CPU seconds used so far by compare's worker processes (Linux /proc; 0 elsewhere)."""
    pool = experiments._POOL[1] if experiments._POOL is not None else None
    total = 0.0
    for pid in pool._processes if pool is not None else {}:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError):
            pass
    return total


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best time counts")
    parser.add_argument("--iterations", type=int, default=10000)
    parser.add_argument("--n-jobs", type=int, default=None, help="compare's worker processes")
    args = parser.parse_args(argv)
    X, Y = datasets.load_planar_dataset()
    acts, widths, lr = experiments.DEFAULT_ACTIVATIONS, experiments.DEFAULT_HIDDEN_SIZES, 1.2
    print(
        f"grid: {len(acts)} activations x widths {widths} = {len(acts) * len(widths)} networks, "
        f"{args.iterations} iterations, lr {lr}; load average before: "
        f"{', '.join(f'{v:.2f}' for v in os.getloadavg())} on {os.cpu_count()} CPUs"
    )
    best_plain = best_fast = best_ratio = float("inf")
    for run in range(args.repeat):
        start, cpu = time.perf_counter(), time.process_time()
        plain = one_by_one(X, Y, acts, widths, lr, args.iterations)
        t_plain, c_plain = time.perf_counter() - start, time.process_time() - cpu
        workers = _worker_cpu()
        start, cpu = time.perf_counter(), time.process_time()
        rows = experiments.compare(
            X,
            Y,
            acts,
            widths,
            seeds=(2,),
            learning_rate=lr,
            num_iterations=args.iterations,
            n_jobs=args.n_jobs,
            progress=False,
        )
        t_fast = time.perf_counter() - start
        c_fast = time.process_time() - cpu + _worker_cpu() - workers
        best_plain, best_fast = min(best_plain, t_plain), min(best_fast, t_fast)
        best_ratio = min(best_ratio, t_fast / t_plain)
        print(
            f"run {run + 1}: one by one {t_plain:.2f} s, compare {t_fast:.2f} s, "
            f"ratio {t_fast / t_plain:.3f}; CPU time {c_plain:.1f} s vs {c_fast:.1f} s "
            f"(all processes); load average {os.getloadavg()[0]:.2f}"
        )
    diffs = [abs(r["train_accuracy"] - p) for r, p in zip(rows, plain)]
    worst = max(range(len(diffs)), key=diffs.__getitem__)
    print(
        f"best of {args.repeat}: one by one {best_plain:.2f} s, compare {best_fast:.2f} s; best "
        f"side-by-side ratio {best_ratio:.3f} (target <= 0.2; other work on the machine raises it)"
    )
    print(
        f"largest accuracy difference: {diffs[worst]:.2f} points "
        f"({rows[worst]['activation']}, n_hidden={rows[worst]['n_hidden']}); "
        f"{sum(d > 0 for d in diffs)} of {len(diffs)} networks differ"
    )
    print(experiments.table(rows))


if __name__ == "__main__":
    main()
