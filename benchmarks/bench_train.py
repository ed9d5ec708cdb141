"""Speed of ``network.train`` (the course's engine) against the plain course loop, in one process.

1. The course's network (tanh, 4 hidden units, 10 000 iterations, lr 1.2, seed 2): ``network.train``
   against ``benchmarks.baseline_loop.plain_train``, alternating; target ratio <= 0.5.
2. Every built-in activation with 20 hidden units: its training time relative to tanh's (target:
   within 2x; the exact GELU, whose erf alone costs about 7x tanh per element, within 4x).
3. A hand-written tanh ``Activation`` (np.tanh and 1 - tanh**2, the generic kernel) against the
   built-in tanh (target: within 2x).

Ratios, not seconds, are what to read: both sides run in the same process, one after the other.
``--repeats 1`` (the default) is a single run; more repeats print the best ratio too.

Usage (repository root): python benchmarks/bench_train.py [--repeats 1] [--iterations 10000]
"""

import argparse
import sys
from pathlib import Path

import numpy as np

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._timing import alternating_ratios, load
from benchmarks.baseline_loop import plain_train
from course_utils import activations, datasets, network

TRAIN_TARGET = 0.5
ACTIVATION_TARGET, GELU_TARGET, CUSTOM_TARGET = 2.0, 4.0, 2.0


def _show(label, best, ratios, target):
    verdict = "met" if best <= target else "NOT met"
    runs = ", ".join(f"{r:.2f}" for r in ratios)
    print(f"  {label:38s} {runs if len(ratios) > 1 else f'{best:.2f}'}   (target <= {target:g}: {verdict})")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1, help="alternating runs of each side")
    parser.add_argument("--iterations", type=int, default=10000, help="gradient-descent iterations")
    args = parser.parse_args(argv)
    X, Y = datasets.load_planar_dataset()
    n = args.iterations
    print(f"{load()}; {args.repeats} run(s) of each side; ratios = time / time of the reference")

    def course():
        return network.train(X, Y, n_hidden=4, activation="tanh", learning_rate=1.2, num_iterations=n, seed=2)

    def plain():
        return plain_train(X, Y, n_hidden=4, learning_rate=1.2, num_iterations=n, seed=2)

    fast_costs, plain_costs = course()[1], plain()[1]  # warm-up, and a sanity check of the numbers
    assert np.allclose(fast_costs[:70], plain_costs[:70], rtol=1e-10), "train and the plain loop disagree"
    print(f"1. network.train vs the plain loop (tanh, 4 units, {n} iterations):")
    _show("network.train / plain loop", *alternating_ratios(course, plain, args.repeats), TRAIN_TARGET)

    width, short = 20, max(n // 5, 100)
    print(f"2. every built-in activation, {width} units, {short} iterations, lr 0.1: time / tanh's time")

    def trainer(act):
        return lambda: network.train(X, Y, n_hidden=width, activation=act, learning_rate=0.1, num_iterations=short)

    tanh = trainer("tanh")
    for name in activations.available():
        if name != "tanh":
            trainer(name)()  # warm-up
            _show(
                name,
                *alternating_ratios(trainer(name), tanh, args.repeats),
                GELU_TARGET if name == "gelu" else ACTIVATION_TARGET,
            )

    print(f"3. a hand-written tanh Activation (generic kernel), {width} units: time / built-in tanh's time")
    mine = activations.Activation("my tanh", np.tanh, lambda z: 1 - np.tanh(z) ** 2)
    _show("hand-written tanh", *alternating_ratios(trainer(mine), tanh, args.repeats), CUSTOM_TARGET)


if __name__ == "__main__":
    main()
