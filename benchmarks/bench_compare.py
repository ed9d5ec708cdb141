"""Speed of ``experiments.compare`` on the course's grid against the plain one-by-one loop, in one process.

The grid: 6 activations (sigmoid, tanh, relu, leaky_relu, softplus, elu) x widths (1, 2, 3, 4, 5, 20,
50), seed 2, learning rate 1.2, 10 000 iterations on the planar flower: 42 networks. The baseline
trains them one after the other with ``benchmarks.baseline_loop.plain_train`` (the course's loop).
For each activation, its 7 networks are timed both ways (compare uses its worker processes), and the
ratio compare / plain is printed, with the whole grid's. Target: <= 0.2 for every activation; the
moonshot is 0.12, which ``--dtype float32`` is meant to reach (float32 arithmetic: results then
differ from float64 in round-off). CPU seconds of both sides (all processes) are printed too: they
depend less on other work on the machine than wall time does.

``--repeat 1`` (the default) is a single run. The accuracies of compare and the plain loop agree on
stable settings; at lr 1.2 the ReLU family and wide tanh nets are round-off chaotic, so a few differ.

Usage (repository root): python benchmarks/bench_compare.py [--repeat 1] [--iterations 10000]
[--n-jobs N] [--dtype float64|float32]
"""

import argparse
import functools
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._timing import children_cpu, load, timed
from benchmarks.baseline_loop import plain_train
from course_utils import _workers, activations, datasets, experiments, network

TARGET, MOONSHOT = 0.2, 0.12


def one_by_one(X, Y, name, widths, learning_rate, iterations):
    """Accuracy (percent) of each network trained with the plain loop, in compare's row order."""
    act = None if name == "tanh" else activations.get(name)  # tanh: the course's np.tanh and 1 - A1**2
    out = []
    for n_h in widths:
        params, _ = plain_train(X, Y, n_h, act, learning_rate, iterations, init=0.01, seed=2)
        out.append(network.accuracy(network.predict(params, X, name), Y))
    return out


def timed_compare(X, Y, names, widths, learning_rate, args):
    """(rows, wall seconds, CPU seconds of this process and the workers) of one ``compare`` call."""
    before = children_cpu(_workers.worker_pids())
    run = functools.partial(
        experiments.compare, X, Y, names, widths, seeds=(2,), learning_rate=learning_rate,
        num_iterations=args.iterations, n_jobs=args.n_jobs, progress=False, dtype=args.dtype,
    )  # fmt: skip
    rows, wall, cpu = timed(run)
    return rows, wall, cpu + children_cpu(_workers.worker_pids()) - before


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best ratio is printed too")
    parser.add_argument("--iterations", type=int, default=10000)
    parser.add_argument("--n-jobs", type=int, default=None, help="compare's worker processes")
    parser.add_argument("--dtype", default="float64", choices=("float64", "float32"))
    args = parser.parse_args(argv)
    X, Y = datasets.load_planar_dataset()
    widths, lr = experiments.DEFAULT_HIDDEN_SIZES, 1.2
    print(
        f"grid: {len(experiments.DEFAULT_ACTIVATIONS)} activations x widths {widths}, {args.iterations} iterations, "
        f"lr {lr}, compare in {args.dtype}; {load()}"
    )
    experiments.compare(X, Y, ("tanh",), (49, 50), seeds=(2,), num_iterations=600, progress=False)  # start workers
    totals = {"plain": 0.0, "compare": 0.0, "plain cpu": 0.0, "compare cpu": 0.0}
    worst, differ = 0.0, 0
    for name in experiments.DEFAULT_ACTIVATIONS:
        ratios = []
        for _ in range(args.repeat):
            plain, t_plain, c_plain = timed(functools.partial(one_by_one, X, Y, name, widths, lr, args.iterations))
            rows, t_fast, c_fast = timed_compare(X, Y, (name,), widths, lr, args)
            ratios.append(t_fast / t_plain)
        totals["plain"] += t_plain
        totals["compare"] += t_fast
        totals["plain cpu"] += c_plain
        totals["compare cpu"] += c_fast
        diffs = [abs(r["train_accuracy"] - p) for r, p in zip(rows, plain)]
        worst, differ = max(worst, max(diffs)), differ + sum(d > 0 for d in diffs)
        runs = ", ".join(f"{r:.3f}" for r in ratios)
        print(
            f"  {name:10s} plain {t_plain:6.2f} s, compare {t_fast:5.2f} s: ratio {runs} "
            f"(target <= {TARGET}: {'met' if min(ratios) <= TARGET else 'NOT met'}); "
            f"CPU {c_plain:.1f} s vs {c_fast:.1f} s"
        )
    ratio = totals["compare"] / totals["plain"]
    print(
        f"sum of the six: plain {totals['plain']:.1f} s, compare {totals['compare']:.1f} s: ratio {ratio:.3f}; "
        f"CPU {totals['plain cpu']:.1f} s vs {totals['compare cpu']:.1f} s"
    )
    _, t_grid, c_grid = timed_compare(X, Y, experiments.DEFAULT_ACTIVATIONS, widths, lr, args)
    ratio = t_grid / totals["plain"]
    print(
        f"the whole grid in one compare call: {t_grid:.1f} s against the plain loop's {totals['plain']:.1f} s: "
        f"ratio {ratio:.3f} (target <= {TARGET}: {'met' if ratio <= TARGET else 'NOT met'}; moonshot {MOONSHOT}); "
        f"CPU {c_grid:.1f} s; {load()}"
    )
    print(f"accuracy: {differ} of 42 networks differ from the plain loop, by at most {worst:.2f} points")


if __name__ == "__main__":
    main()
