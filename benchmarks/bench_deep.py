"""Speed of ``deep.train`` against the plain course loop for L layers, in one process.

The flower data, layers ``[2, 8, 8, 8, 1]``, ReLU, 3000 iterations, learning rate 0.0075, the application
notebook's initialisation (``init="lecun", seed=1``): ``deep.train`` against
``benchmarks.baseline_deep_loop.L_layer_model``, run alternately. ``deep.train`` runs on the training
engine (``course_utils.engine``); issue 20's target is a ratio <= 0.5.

Ratios, not seconds, are what to read: both sides run in the same process, one after the other.
The best of ``--repeats`` alternating runs (3 by default) is the ratio to report.

Usage (repository root): python benchmarks/bench_deep.py [--repeats 3] [--iterations 3000]
"""

import argparse
import sys
from pathlib import Path

import numpy as np

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._timing import alternating_ratios, load
from benchmarks.baseline_deep_loop import L_layer_model
from course_utils import datasets, deep

TARGET = 0.5  # issue 20
LAYERS = [2, 8, 8, 8, 1]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="alternating runs of each side")
    parser.add_argument("--iterations", type=int, default=3000, help="gradient-descent iterations")
    args = parser.parse_args(argv)
    X, Y = datasets.load_planar_dataset()
    n = args.iterations

    def ours():
        return deep.train(X, Y, LAYERS, activation="relu", learning_rate=0.0075, num_iterations=n, init="lecun", seed=1)

    def plain():
        return L_layer_model(X, Y, LAYERS, learning_rate=0.0075, num_iterations=n, activation="relu", seed=1)

    (params, costs), (plain_params, plain_costs) = ours(), plain()  # warm-up, and a check of the numbers
    assert np.allclose(costs, plain_costs, rtol=1e-9), "deep.train and the plain loop disagree"
    assert all(np.allclose(params[key], plain_params[key], rtol=1e-7, atol=1e-12) for key in plain_params)
    best, ratios = alternating_ratios(ours, plain, args.repeats)
    print(f"{load()}; {args.repeats} alternating run(s) of each side")
    print(f"deep.train / plain course loop ({LAYERS}, ReLU, {n} iterations, flower): best {best:.2f}")
    verdict = "met" if best <= TARGET else "not met"
    print(f"  runs: {', '.join(f'{r:.2f}' for r in ratios)}   (target <= {TARGET:g}: {verdict})")


if __name__ == "__main__":
    main()
