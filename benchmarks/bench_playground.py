"""How long does one frame of the live playground take? (budget: 200 ms at the defaults and at the largest network
the controls offer, 4 hidden layers of 8 units; 500 ms with 50 units in one layer)

A frame is what the play loop does between two pictures: train one chunk of iterations on the engine,
measure the train and test cost, update the figure in place (unit maps, logit, boundary, cost curves,
titles), encode it as PNG and hand it to the Image widget (``Playground.step``). Measured for the
default settings, for 4 hidden layers of 8 units (32 maps, and the L2 term) and for 50 hidden units in one
layer (50 maps), best of several runs in one process,
wall time and CPU time (the machine may be shared: CPU time is the steadier number).

Ratios against two plain baselines, measured in the same process at the same state:

- **fresh figure**: the same picture drawn from scratch (a new Figure, all its artists, a full draw,
  PNG): ``playground.render_png(app.result)``; what a frame would cost without in-place updates;
- **retrain from scratch**: what the old playground did for every picture, train from iteration 0 to
  ``num_iterations`` and draw the end: ``playground.run(...)`` + ``render_png``.

And the parts of a frame: the training chunk, the numbers and artist updates, the draw and PNG encode.

Usage (repository root): python benchmarks/bench_playground.py [--repeats 9] [--case "4 layers x 8 units"]
"""

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._timing import load, timed
from course_utils import playground

BUDGETS = {"default settings": 0.200, "4 layers x 8 units": 0.200, "50 hidden units": 0.500}
CASES = {
    "default settings": {},
    "4 layers x 8 units": {"hidden_layers": (8, 8, 8, 8), "activation": "relu", "init": "he", "l2": 0.01},
    "50 hidden units": {"hidden_layers": (50,)},
}


def _best(function, repeats):
    """(best wall time, best CPU time) of ``repeats`` calls, in seconds."""
    runs = [timed(function)[1:] for _ in range(repeats)]
    return min(wall for wall, _ in runs), min(cpu for _, cpu in runs)


def _line(name, timing, reference=None, reference_name=""):
    wall, cpu = timing
    text = f"  {name:<38} wall {1000 * wall:7.1f} ms   CPU {1000 * cpu:7.1f} ms"
    if reference is not None:
        text += f"   frame / {reference_name}: wall {reference[0] / wall:5.2f}, CPU {reference[1] / cpu:5.2f}"
    print(text)


def bench_case(name, settings, repeats):
    app = playground.Playground(num_iterations=10000, **settings)  # a long run: every frame is a full chunk
    for _ in range(2):  # warm-up (first draws, font caches)
        app.step()
    frame = _best(app.step, repeats)
    live, board = app.session, app.board
    parts = {
        f"training chunk ({app.frame_iterations} iterations)": lambda: live.advance(app.frame_iterations),
        "numbers + artist updates": lambda: board.update(
            live.params(), live.iterations, live.train_costs, live.test_costs, live.iteration, (50.0, 50.0)
        ),
        "draw + PNG encode": board.png,
    }
    parts = {part: _best(function, repeats) for part, function in parts.items()}
    result = app.result
    fresh = _best(lambda: playground.render_png(result), repeats)
    end = {**settings, "num_iterations": playground.DEFAULTS["num_iterations"]}
    retrain = _best(lambda: playground.render_png(playground.run(**end)), max(3, repeats // 2))
    budget = BUDGETS[name]
    print(f"{name} ({', '.join(f'{k}={v}' for k, v in settings.items()) or 'playground.DEFAULTS'}), "
          f"best of {repeats}:")  # fmt: skip
    _line("one frame (Playground.step)", frame)
    for part, timing in parts.items():
        _line("  " + part, timing)
    _line("baseline: fresh figure (render_png)", fresh, frame, "fresh")
    _line(f"baseline: retrain {end['num_iterations']} its + draw", retrain, frame, "retrain")
    verdict = "within" if frame[0] <= budget else ("over (CPU within)" if frame[1] <= budget else "OVER")
    print(
        f"  budget {1000 * budget:.0f} ms: frame wall {frame[0] / budget:.2f} x budget, CPU {frame[1] / budget:.2f} x "
        f"budget -> {verdict}; {1 / frame[0]:.1f} frames/s possible, the play loop shows at most "
        f"{playground.MAX_FPS}"
    )
    app.pause()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--case", choices=tuple(CASES), action="append", help="only these cases (default: all)")
    args = parser.parse_args(argv)
    print(f"figure {playground.WIDTH:g} in wide at {playground.DPI} dpi, "
          f"{playground.FRAME_ITERATIONS} iterations per frame; {load()}")  # fmt: skip
    for name, settings in CASES.items():
        if args.case is None or name in args.case:
            bench_case(name, settings, args.repeats)


if __name__ == "__main__":
    main()
