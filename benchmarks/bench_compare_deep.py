"""Speed of ``experiments.compare`` on issue 20's depth grid against the plain course loop, in one process.

The grid: 5 activations (sigmoid, tanh, relu, leaky_relu, elu) x hidden layers (4,), (8,), (4, 4) and
(8, 8, 8) x seeds 1-3, He initialisation, learning rate 0.3, 3000 iterations on the planar flower: 60
networks. The baseline trains them one after the other with
``benchmarks.baseline_deep_loop.L_layer_model`` (the course's Week-4 loop, each activation in plain
numpy, He initialisation as the Initialization notebook writes it); ``compare`` trains them in one call
(with its worker processes). The two are run alternately ``--repeats`` times and the best ratio
compare / plain is reported. Target (issue 20): <= 0.25.

Ratios, not seconds, are what to read: both sides run in the same process (compare's workers are
counted by wall time), one after the other; the machine's load is printed with them, and the ratio of
CPU seconds (this process and the workers), which depends less on other work on the machine. The cost
curves of both sides are compared too (same initial draws, same maths): they agree to round-off except
where the plain loop reaches NaN (its dAL divides by a saturated AL) or training is round-off chaotic.

Usage (repository root): python benchmarks/bench_compare_deep.py [--repeats 2] [--iterations 3000] [--n-jobs N]
"""

import argparse
import sys
from pathlib import Path

import numpy as np

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._timing import children_cpu, load, timed
from benchmarks.baseline_deep_loop import L_layer_model
from course_utils import _workers, datasets, experiments

TARGET = 0.25  # issue 20
ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "elu")
LAYERS = ((4,), (8,), (4, 4), (8, 8, 8))
SEEDS = (1, 2, 3)
LEARNING_RATE = 0.3


def plain(X, Y, iterations):
    """The cost curves of the 60 networks trained one by one with the plain loop, in compare's row order.

    (Its dAL divides by AL and 1 - AL: a saturated output gives NaN, which numpy would warn about.)
    """
    with np.errstate(all="ignore"):
        return [
            L_layer_model(X, Y, [X.shape[0], *layers, 1], LEARNING_RATE, iterations, name, seed, init="he")[1]
            for name in ACTIVATIONS
            for layers in LAYERS
            for seed in SEEDS
        ]


def ours(X, Y, iterations, n_jobs):
    return experiments.compare(
        X, Y, ACTIVATIONS, LAYERS, SEEDS, learning_rate=LEARNING_RATE, num_iterations=iterations, init="he",
        progress=False, n_jobs=n_jobs,
    )  # fmt: skip


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2, help="alternating runs of each side")
    parser.add_argument("--iterations", type=int, default=3000, help="gradient-descent iterations")
    parser.add_argument("--n-jobs", type=int, default=None, help="compare's worker processes")
    args = parser.parse_args(argv)
    X, Y = datasets.load_planar_dataset()
    n = args.iterations
    experiments.compare(X, Y, ("tanh",), (49, 50), seeds=(2,), num_iterations=600, progress=False)  # start workers
    ratios, cpu_ratios = [], []
    for _ in range(args.repeats):
        before = children_cpu(_workers.worker_pids())
        rows, t_ours, c_ours = timed(lambda: ours(X, Y, n, args.n_jobs))
        c_ours += children_cpu(_workers.worker_pids()) - before
        curves, t_plain, c_plain = timed(lambda: plain(X, Y, n))
        ratios.append(t_ours / t_plain)
        cpu_ratios.append(c_ours / c_plain)
    close = sum(np.allclose(row["costs"], curve, rtol=1e-6, atol=1e-9) for row, curve in zip(rows, curves))
    nan = sum(bool(np.isnan(curve).any()) for curve in curves)
    best = min(ratios)
    print(f"{load()}; {args.repeats} alternating run(s) of each side")
    print(
        f"compare / plain course loop ({len(rows)} networks: {len(ACTIVATIONS)} activations x {LAYERS} x seeds "
        f"{SEEDS}, He, lr {LEARNING_RATE}, {n} iterations, flower): best {best:.3f}"
    )
    verdict = "met" if best <= TARGET else "NOT met"
    print(f"  runs: {', '.join(f'{r:.3f}' for r in ratios)}   (target <= {TARGET:g}: {verdict})")
    print(f"  CPU seconds (this process and the workers) compare / plain: {', '.join(f'{r:.3f}' for r in cpu_ratios)}")
    print(
        f"  cost curves: {close} of {len(rows)} networks agree with the plain loop to 1e-6; in {nan} the plain loop "
        "reaches NaN (its dAL divides by a saturated AL), the others are round-off chaotic at lr 0.3"
    )


if __name__ == "__main__":
    main()
