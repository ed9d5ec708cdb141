"""A live "TensorFlow Playground" for networks of 1 to 4 hidden layers, with ipywidgets.

Pick a data set (the course's flower and toy sets, TensorFlow Playground's XOR and spiral), its noise and
sample (**new data** draws another), the share of points held out for testing, extra input features (x1²,
x2², x1·x2, sin x1, sin x2), the activation (any registry name, "linear" for the identity, or your own
``activations.Activation``), the hidden layers (1 to 4, of 1 to 8 units each), the learning rate (a log slider
from 1e-4 to 10), the L2 regularisation, the number of iterations, the initial weight scale and the seed; then
press **Play** and watch the network learn: the decision boundary (probability shading, or the 0/1 regions
with ``discretize``, the boundary P = 0.5 and the points), the train and test cost curves and the unit maps
(each unit's output over the input plane, layer by layer; in the last hidden layer its contribution to the
logit, whose sum plus the output bias is the logit) move together, a few dozen iterations per frame.

One module per layer, so every piece is usable (and tested) without a browser:

- :mod:`.settings`: the choice lists, :data:`DEFAULTS` (and ``OLD_NAMES``: ``n_hidden=4`` still means
  ``hidden_layers=(4,)``), :func:`check_settings`, the data (:func:`make_data`) and the input features
  (:func:`features`);
- :mod:`.session`: :func:`run` trains one configuration to the end and returns a :class:`Result` (data,
  parameters, train and test costs, accuracies, the divergence message if any); :func:`summary` says it in
  one line;
- :mod:`.figure`: :func:`plot` draws a :class:`Result` with the playground's layout (unit maps layer by layer,
  logit, boundary, cost curves; :data:`WIDTH` inches wide, :func:`figure_size`) - the notebook's static figure;
  :func:`render_png` gives the same figure as PNG bytes;
- :mod:`.controls`: one input widget per setting (drop-downs, sliders, the learning rate's log slider, the
  feature tick boxes, the hidden layers' buttons and drop-downs);
- :mod:`.app`: :class:`Playground` is the widget app: ``Playground()`` as the last line of a notebook cell
  shows the controls, the buttons Play, Pause, Step and Reset, an iteration counter and the live figure.
  It can be driven from Python too (``app.play()``, ``app.pause()``, ``app.step()``,
  ``app.reset()``, ``app.regenerate()``, ``app.controls["activation"].value = "relu"``,
  ``app.controls["hidden_layers"].add_layer()``) and its state read back
  (``.iteration``, ``.frames``, ``.result``, ``.status.value``, ``.figure.value``).

All of them train with the course's engine (:mod:`course_utils.engine`, the loop behind
``network.train``), so a live run that reaches its last iteration ends exactly where :func:`run` ends,
and a divergence is detected and reported by the engine's one rule (``Engine.diverged_error``).

Data sets use the course's column convention: ``X (2, m)`` float64, ``Y (1, m)`` int 0/1. With input
features the network's input is ``features(X, names)``, of shape ``(2 + len(names), m)``; the figures
are still drawn over the (x1, x2) plane.
"""

from .app import FRAME_ITERATIONS, MAX_FPS, Playground
from .figure import DPI, FIGSIZE, MIN_FONT_SIZE, UNIT_SCALE_FLOOR, UNIT_TILE, WIDTH, figure_size, plot, render_png
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
    L2_RATES,
    LEARNING_RATE_RANGE,
    LEARNING_RATES,
    M_POINTS,
    MAX_LAYERS,
    MAX_UNITS,
    SPLIT_SEED,
    check_settings,
    features,
    make_data,
)

__all__ = [
    "LEARNING_RATES",
    "LEARNING_RATE_RANGE",
    "L2_RATES",
    "MAX_LAYERS",
    "MAX_UNITS",
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
    "WIDTH",
    "DPI",
    "UNIT_TILE",
    "MIN_FONT_SIZE",
    "UNIT_SCALE_FLOOR",
    "figure_size",
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
