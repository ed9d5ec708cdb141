"""How fast does the playground answer a change of control at its default settings? (target: < 1 s)

Times, best of several runs in one process: a whole widget update (``Playground.train``: make the data,
split, train, draw the PNG, update the status), and its parts (``playground.run`` = data + training;
``playground.render_png`` = the figure). Prints seconds and the ratio to the 1-second budget.

Usage (repository root): python benchmarks/bench_playground.py [--repeats 7]
"""

import argparse
import time

from course_utils import playground

BUDGET = 1.0


def _best(function, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    app = playground.Playground()  # builds the widgets and trains once (warm-up)
    result = playground.run()
    parts = {
        "whole update (Playground.train)": lambda: app.train(),
        "  data + training (run)": lambda: playground.run(),
        "  figure (render_png)": lambda: playground.render_png(result),
    }
    print(f"playground defaults: {playground.DEFAULTS}")
    for name, function in parts.items():
        best = _best(function, args.repeats)
        print(f"{name:<34} best of {args.repeats}: {best:.3f} s = {best / BUDGET:.2f} x the {BUDGET:g} s budget")


if __name__ == "__main__":
    main()
