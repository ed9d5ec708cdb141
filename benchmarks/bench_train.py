"""Time ``course_utils.network.train`` against the plain course-style loop, in one process.

Both train the same n_h = 4 tanh network on the flower data for 10 000 iterations (lr 1.2, seed 2).
Runs alternate between the two, and the best of several runs of each is compared, which keeps the
ratio meaningful on a busy machine. Target: ratio <= 0.5.

Usage (repository root): python benchmarks/bench_train.py [--repeats 7] [--iterations 10000]
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the baseline lives next to this script

from baseline_loop import plain_train  # noqa: E402

from course_utils import datasets, network  # noqa: E402

TARGET = 0.5


def _time(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="runs of each (best one counts)")
    parser.add_argument("--iterations", type=int, default=10000, help="gradient-descent iterations")
    args = parser.parse_args(argv)
    X, Y = datasets.load_planar_dataset()

    def fast():
        return network.train(
            X, Y, n_hidden=4, activation="tanh", learning_rate=1.2, num_iterations=args.iterations, seed=2
        )

    def plain():
        return plain_train(X, Y, n_hidden=4, learning_rate=1.2, num_iterations=args.iterations, seed=2)

    fast_costs, plain_costs = fast()[1], plain()[1]  # warm-up, and a sanity check
    fast_times, plain_times = [], []
    for _ in range(args.repeats):
        fast_times.append(_time(fast))
        plain_times.append(_time(plain))
    best_fast, best_plain = min(fast_times), min(plain_times)
    ratio = best_fast / best_plain
    print(
        f"one-hidden-layer net, n_h=4, tanh, {args.iterations} iterations, m={X.shape[1]}, "
        f"best of {args.repeats} runs each"
    )
    print(f"  network.train : {best_fast:.3f} s ({best_fast / args.iterations * 1e6:.1f} us/iteration)")
    print(f"  plain loop    : {best_plain:.3f} s ({best_plain / args.iterations * 1e6:.1f} us/iteration)")
    print(f"  ratio         : {ratio:.2f} (target <= {TARGET}: {'met' if ratio <= TARGET else 'NOT met'})")
    print(
        f"  first/last cost: train {fast_costs[0]:.6f}/{fast_costs[-1]:.6f}, "
        f"plain {plain_costs[0]:.6f}/{plain_costs[-1]:.6f}"
    )
    return ratio


if __name__ == "__main__":
    main()
