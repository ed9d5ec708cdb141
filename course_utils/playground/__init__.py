"""A live "TensorFlow Playground" for the one-hidden-layer network, with ipywidgets.

Pick a data set, its noise, the share of points held out for testing, extra input features (x1², x2²,
x1·x2, sin x1, sin x2), the activation (any registry name, or your own ``activations.Activation``),
the hidden width, the learning rate, the number of iterations, the initial weight scale and the
seed; then press **Play** and watch the network learn: the decision boundary (probability shading,
or the 0/1 regions with ``discretize``, the boundary P = 0.5 and the points), the train and test cost
curves and the hidden-unit maps (each unit's contribution ``w2_j * g(w1_j . x + b1_j)`` over the input
plane, and their sum plus ``b2``, the logit) move together, a few dozen iterations per frame.

One module per layer, so every piece is usable (and tested) without a browser:

- :mod:`.settings`: the choice lists, :data:`DEFAULTS`, :func:`check_settings`, the data
  (:func:`make_data`) and the input features (:func:`features`);
- :mod:`.session`: :func:`run` trains one configuration to the end and returns a :class:`Result` (data,
  parameters, train and test costs, accuracies, the divergence message if any); :func:`summary` says it in
  one line;
- :mod:`.figure`: :func:`plot` draws a :class:`Result` with the playground's layout (unit maps, logit,
  boundary, cost curves) - the notebook's static figure; :func:`render_png` gives the same figure as PNG bytes;
- :mod:`.controls`: one input widget per setting (drop-downs, sliders that snap to the choice lists, the
  feature tick boxes);
- :mod:`.app`: :class:`Playground` is the widget app: ``Playground()`` as the last line of a notebook cell
  shows the controls, the buttons Play, Pause, Step and Reset, an iteration counter and the live figure.
  It can be driven from Python too (``app.play()``, ``app.pause()``, ``app.step()``,
  ``app.reset()``, ``app.controls["activation"].value = "relu"``) and its state read back
  (``.iteration``, ``.frames``, ``.result``, ``.status.value``, ``.figure.value``).

All of them train with the course's engine (:mod:`course_utils.engine`, the loop behind
``network.train``), so a live run that reaches its last iteration ends exactly where :func:`run` ends,
and a divergence is detected and reported by the engine's one rule (``Engine.diverged_error``).

Data sets use the course's column convention: ``X (2, m)`` float64, ``Y (1, m)`` int 0/1. With input
features the network's input is ``features(X, names)``, of shape ``(2 + len(names), m)``; the figures
are still drawn over the (x1, x2) plane.
"""

from .app import FRAME_ITERATIONS, MAX_FPS, Playground
from .figure import DPI, FIGSIZE, UNIT_SCALE_FLOOR, plot, render_png
from .session import Result, run, summary
from .settings import (
    DATA_SEED,
    DATASET_LABELS,
    DATASETS,
    DEFAULTS,
    FEATURE_LABELS,
    FEATURES,
    INIT_SCALES,
    ITERATIONS,
    LEARNING_RATES,
    M_POINTS,
    SPLIT_SEED,
    check_settings,
    features,
    make_data,
)

__all__ = [
    "LEARNING_RATES",
    "ITERATIONS",
    "INIT_SCALES",
    "DATASETS",
    "DATASET_LABELS",
    "FEATURES",
    "FEATURE_LABELS",
    "M_POINTS",
    "DATA_SEED",
    "SPLIT_SEED",
    "DEFAULTS",
    "FRAME_ITERATIONS",
    "MAX_FPS",
    "FIGSIZE",
    "DPI",
    "UNIT_SCALE_FLOOR",
    "make_data",
    "features",
    "check_settings",
    "Result",
    "run",
    "summary",
    "plot",
    "render_png",
    "Playground",
]
