"""A live "TensorFlow Playground" for the one-hidden-layer network, with ipywidgets.

Pick a data set, its noise, the share of points held out for testing, extra input features (x1², x2²,
x1·x2, sin x1, sin x2), the activation (any registry name, or your own ``activations.Activation``),
the hidden width, the learning rate, the number of iterations, the initial weight scale and the
seed; then press **Play** and watch the network learn: the decision boundary (probability shading,
or the 0/1 regions with ``discretize``, the boundary P = 0.5 and the points), the train and test cost
curves and the hidden-unit maps (each unit's contribution ``w2_j * g(w1_j . x + b1_j)`` over the input
plane, and their sum plus ``b2``, the logit) move together, a few dozen iterations per frame.

Three layers, so every piece is usable (and tested) without a browser:

- :func:`run` trains one configuration to the end and returns a :class:`Result` (data, parameters,
  train and test costs, accuracies, the divergence message if any);
- :func:`plot` draws a :class:`Result` with the playground's layout (unit maps, logit, boundary, cost
  curves) - the notebook's static figure; :func:`render_png` gives the same figure as PNG bytes;
- :class:`Playground` is the widget app: ``Playground()`` as the last line of a notebook cell shows
  the controls, the buttons Play, Pause, Step and Reset, an iteration counter and the live figure.
  It can be driven from Python too (``app.play()``, ``app.pause()``, ``app.step()``,
  ``app.reset()``, ``app.controls["activation"].value = "relu"``) and its state read back
  (``.iteration``, ``.frames``, ``.result``, ``.status.value``, ``.figure.value``).

All three train with the course's engine (:mod:`course_utils.engine`, the loop behind
``network.train``), so a live run that reaches its last iteration ends exactly where :func:`run` ends,
and a divergence is detected and reported by the engine's one rule (``Engine.diverged_error``).

Data sets use the course's column convention: ``X (2, m)`` float64, ``Y (1, m)`` int 0/1. With input
features the network's input is ``features(X, names)``, of shape ``(2 + len(names), m)``; the figures
are still drawn over the (x1, x2) plane.
"""

import functools
import html
import io
import threading
import time
import weakref
from dataclasses import dataclass, field

import numpy as np

from . import activations, datasets, network
from ._validation import _show, check_bool, check_choice, check_int, check_real, check_seed
from .engine import RECORD_EVERY, Engine
from .model import labels
from .parameters import check_init

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

#: Learning-rate choices, log-spaced as in TensorFlow Playground.
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
#: Iteration choices (full-batch gradient descent steps); the live playground stops there.
ITERATIONS = (100, 200, 500, 1000, 2000, 5000, 10000)
#: Initial weight scales: the standard deviation of the random weights, or a fan-in rule.
INIT_SCALES = (0.01, 0.1, 0.5, 1.0, "xavier", "he")
#: Data sets: the course's flower and the four extra toy sets.
DATASETS = ("planar", "noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles")
DATASET_LABELS = {
    "planar": "flower (planar)",
    "noisy_circles": "circles",
    "noisy_moons": "moons",
    "blobs": "blobs",
    "gaussian_quantiles": "Gaussian quantiles",
}
#: Extra input features, as TensorFlow Playground offers them: name -> function of X (2, m) giving (m,).
#: The one place they are defined; x1 and x2 themselves are always inputs.
FEATURES = {
    "x1^2": lambda X: X[0] ** 2,
    "x2^2": lambda X: X[1] ** 2,
    "x1*x2": lambda X: X[0] * X[1],
    "sin(x1)": lambda X: np.sin(X[0]),
    "sin(x2)": lambda X: np.sin(X[1]),
}
FEATURE_LABELS = {"x1^2": "x1²", "x2^2": "x2²", "x1*x2": "x1·x2", "sin(x1)": "sin x1", "sin(x2)": "sin x2"}
#: Number of points generated (before the train/test split).
M_POINTS = 400
#: The seed of the data (fixed, so changing the training seed changes only the initial weights).
DATA_SEED = 1
#: The seed of the train/test shuffle.
SPLIT_SEED = 0
#: What the playground starts with.
DEFAULTS = {
    "dataset": "planar",
    "noise": 0.2,
    "test_share": 0.25,
    "features": (),
    "activation": "tanh",
    "n_hidden": 4,
    "learning_rate": 1.0,
    "num_iterations": 1000,
    "init_scale": 0.01,
    "seed": 2,
}
#: Iterations per frame of the live playground (a frame = this much training + one redraw).
FRAME_ITERATIONS = 50
#: The live playground shows at most this many frames per second (it leaves the kernel time to answer).
MAX_FPS = 12
#: Figure size (inches) and resolution (dots per inch) of the playground's figure.
FIGSIZE = (12.0, 4.4)
DPI = 100

_CMAP = "RdBu"  # class 0 red, class 1 blue, white at P = 0.5 (as plotting's boundaries)
_CLASS_COLORS = ("#c0392b", "#2166ac")
_BOUNDARY_RESOLUTION = 100
_MARGIN = 0.1


def make_data(dataset="planar", noise=0.2, m=M_POINTS, seed=DATA_SEED):
    """One of the playground's data sets with a chosen noise level: ``X (2, m)``, ``Y (1, m)``.

    ``noise`` (>= 0) is the standard deviation of the Gaussian noise of the generator, in the data's
    own units: ``planar`` = :func:`datasets.make_planar` (0.2 is the course's flower);
    ``noisy_circles`` and ``noisy_moons`` = scikit-learn's ``make_circles`` (factor 0.5) and
    ``make_moons``; ``blobs`` = six blobs with ``cluster_std = 5 * noise`` (0.2 gives the course's 1.0),
    labels taken modulo 2; ``gaussian_quantiles`` = two classes split by the median radius, the
    points then moved by ``noise`` times a standard normal (see :func:`datasets.make_toy`). Draws
    come from ``seed`` only.
    """
    dataset = check_choice("dataset", dataset, DATASETS)
    noise = check_real("noise", noise, low=0.0, high=5.0)
    m = check_int("m", m, low=4)
    seed = check_seed("seed", seed)
    if dataset == "planar":
        return datasets.make_planar(m=m - m % 2, noise=noise, seed=seed)
    return datasets.make_toy(dataset, m=m, noise=noise, seed=seed)


# Checked here: the playground's own input features (FEATURES).
def _check_feature_names(names, argument="features"):
    """A tuple of feature names from :data:`FEATURES`, in that dict's order, each once."""
    if isinstance(names, str) or not isinstance(names, (tuple, list, set, frozenset)):
        raise TypeError(
            f"{argument} must be a tuple of feature names (e.g. ('x1^2', 'x2^2')), got {_show(names)}; "
            f"available: {', '.join(map(repr, FEATURES))}"
        )
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"{argument} must hold feature names (strings), got {_show(name)}")
        if name not in FEATURES:
            raise ValueError(f"unknown feature {name!r} in {argument}; available: {', '.join(map(repr, FEATURES))}")
    return tuple(name for name in FEATURES if name in set(names))


def features(X, names=()):
    """The network's inputs for the points ``X (2, m)``: x1, x2, then the named :data:`FEATURES`, shape ``(2 + k, m)``.

    ``names`` is a tuple of keys of :data:`FEATURES` (``("x1^2", "x2^2")``, ...); the rows come in the
    order of :data:`FEATURES` whatever the order given, so a setting names a network input layout.
    """
    from ._validation import as_float_array

    names = _check_feature_names(names, "names")
    X = as_float_array("X", X, allow_nonfinite=False, ndim=2).astype(np.float64, copy=False)
    if X.shape[0] != 2:
        hint = " (rows convention? pass X.T)" if X.shape[1] == 2 else ""
        raise ValueError(f"X must have shape (2, m): the points (x1, x2) as columns, got {X.shape}{hint}")
    if not names:
        return X
    return np.vstack([X] + [FEATURES[name](X)[None, :] for name in names])


# Checked here: the playground's settings (DEFAULTS), built from the package's checks.
def check_settings(**settings):
    """Fill in :data:`DEFAULTS` and check every setting; return the complete settings dict.

    ``activation`` may be a registry name or an ``activations.Activation`` (a built-in with its default
    parameters becomes its name); ``features`` a tuple of names of :data:`FEATURES`.
    """
    unknown = sorted(set(settings) - set(DEFAULTS))
    if unknown:
        raise TypeError(f"unknown playground setting(s) {', '.join(unknown)}; available: {', '.join(DEFAULTS)}")
    s = {**DEFAULTS, **settings}
    s["dataset"] = check_choice("dataset", s["dataset"], DATASETS)
    s["noise"] = check_real("noise", s["noise"], low=0.0, high=5.0)
    s["test_share"] = check_real("test_share", s["test_share"], low=0.0, high=0.9)
    s["features"] = _check_feature_names(s["features"])
    act = activations.as_activation(s["activation"])
    builtin = act.name in activations.available() and act == activations.get(act.name)
    s["activation"] = act.name if isinstance(s["activation"], str) or builtin else act
    s["n_hidden"] = check_int("n_hidden", s["n_hidden"], low=1, high=200)
    s["learning_rate"] = check_real("learning_rate", s["learning_rate"], low=0.0, low_inclusive=False)
    s["num_iterations"] = check_int("num_iterations", s["num_iterations"], low=1, high=100_000)
    s["init_scale"] = check_init("init_scale", s["init_scale"])
    s["seed"] = check_seed("seed", s["seed"])
    return s


@dataclass
class Result:
    """One playground run: its settings, data, trained parameters, costs and scores.

    ``X_train (2, m_train)``, ``Y_train (1, m_train)`` are the points in the plane (the network's
    inputs are ``features(X_train, settings["features"])``); ``X_test``/``Y_test`` are ``None`` when
    ``test_share`` is 0. ``costs`` holds the training cost at iterations 0, 100, 200, ... (before that
    iteration's update, as ``network.train`` records it) and ``test_costs`` the test cost of the same
    parameters (``None`` without a test set). ``frames`` holds the costs measured after each chunk of
    training, including the last iteration: ``{"iteration", "train_cost", "test_cost"}`` arrays (every
    100 iterations for :func:`run`, every frame for the live playground). ``iteration`` is the number
    of iterations trained. When training diverged, ``diverged`` is True, ``diverged_at`` the iteration
    where the engine found it, ``message`` the engine's reason, ``params`` is ``None`` and the costs
    stop at their last finite value. Accuracies are in percent
    (``test_accuracy`` is ``None`` without a test set). ``seconds`` is the wall time of the training.
    """

    settings: dict
    X_train: np.ndarray
    Y_train: np.ndarray
    X_test: np.ndarray = None
    Y_test: np.ndarray = None
    params: dict = None
    costs: np.ndarray = None
    test_costs: np.ndarray = None
    frames: dict = None
    iteration: int = 0
    diverged_at: int = None
    train_accuracy: float = None
    test_accuracy: float = None
    diverged: bool = False
    message: str = ""
    seconds: float = 0.0
    notes: list = field(default_factory=list)

    def inputs(self, X):
        """The network's inputs for points ``X (2, k)``: ``features(X, settings["features"])``, ``(n_x, k)``."""
        return features(X, self.settings["features"])

    def predict_proba(self, X):
        """P(class 1) of the trained network at the points ``X (2, k)`` of the plane: shape ``(1, k)``."""
        if self.params is None:
            raise ValueError("this run has no trained network (training diverged)")
        return network.predict_proba(self.params, self.inputs(X))


# --- training: one run, frame by frame, on the engine ----------------------------------------------


class _Live:
    """A run in progress: data, inputs, the engine, and per-frame (iteration, train cost, test cost)."""

    def __init__(self, settings):
        s = self.settings = settings
        self.act = activations.as_activation(s["activation"])
        X, Y = make_data(s["dataset"], s["noise"])
        if s["test_share"] > 0:
            self.X_train, self.X_test, self.Y_train, self.Y_test = datasets.train_test_split_columns(
                X, Y, test_size=s["test_share"], seed=SPLIT_SEED
            )
        else:
            self.X_train, self.Y_train, self.X_test, self.Y_test = X, Y, None, None
        self.F_train = features(self.X_train, s["features"])
        self.F_test = None if self.X_test is None else features(self.X_test, s["features"])
        initial = network.initialize_parameters(
            self.F_train.shape[0], s["n_hidden"], 1, s["init_scale"], s["seed"], activation=self.act
        )
        self.engine = Engine([(self.act, s["learning_rate"], initial)], self.F_train, self.Y_train)
        self.end = s["num_iterations"]
        self.iterations, self.train_costs, self.test_costs = [], [], []
        self.train_accuracy = self.test_accuracy = None
        self.seconds = 0.0
        self._measure()

    @property
    def iteration(self):
        return self.engine.iteration

    @property
    def diverged(self):
        return bool(self.engine.diverged_at[0] >= 0)

    @property
    def finished(self):
        return self.diverged or self.engine.iteration >= self.end

    def message(self):
        return str(self.engine.diverged_error(0)) if self.diverged else ""

    def _scores(self, F, Y):
        """(cost, accuracy in percent) of the current parameters on inputs F, from ``engine.forward``."""
        Z2, _ = self.engine.forward(F)
        with np.errstate(all="ignore"):
            cost = float(np.mean(np.logaddexp(0.0, Z2[0]) - Y[0] * Z2[0]))
            accuracy = float(np.mean(labels(Z2[0]) == Y[0]) * 100.0)
        return cost, accuracy

    def _measure(self):
        """Append this frame's (iteration, train cost, test cost); NaN costs once the run has diverged."""
        if self.diverged:
            cost = test_cost = float("nan")
        else:
            cost, self.train_accuracy = self._scores(self.F_train, self.Y_train)
            test_cost = float("nan")
            if self.F_test is not None:
                test_cost, self.test_accuracy = self._scores(self.F_test, self.Y_test)
        self.iterations.append(self.engine.iteration)
        self.train_costs.append(cost)
        self.test_costs.append(test_cost)

    def advance(self, n):
        """Train up to ``n`` more iterations (never past the end); then measure. Returns the iterations done."""
        if self.finished:
            return 0
        n = min(int(n), self.end - self.engine.iteration)
        start = time.perf_counter()
        self.engine.run(n, final=self.engine.iteration + n >= self.end)
        self.seconds += time.perf_counter() - start
        self._measure()
        return n

    def frames(self):
        """The per-frame measurements as float arrays (copies)."""
        return {
            "iteration": np.array(self.iterations),
            "train_cost": np.array(self.train_costs),
            "test_cost": np.array(self.test_costs),
        }

    def params(self):
        """The current parameters as a plain dict (after a divergence: the last ones that were still finite;
        between two checks of the engine they may already hold inf or NaN)."""
        return self.engine.params(0)

    def finite(self):
        """True while every parameter is a finite number."""
        return all(np.all(np.isfinite(value)) for value in self.engine.params(0).values())

    def result(self):
        """The :class:`Result` of the run so far (at its end: what :func:`run` returns)."""
        s = self.settings
        result = Result(
            settings=s,
            X_train=self.X_train,
            Y_train=self.Y_train,
            X_test=self.X_test,
            Y_test=self.Y_test,
            frames=self.frames(),
            iteration=self.engine.iteration,
            seconds=self.seconds,
        )
        costs = self.engine.costs[0]
        frames = {it: k for k, it in enumerate(self.iterations)}
        at = [frames.get(it) for it in range(0, RECORD_EVERY * costs.size, RECORD_EVERY)]
        test = None
        if self.F_test is not None:
            test = np.array([self.test_costs[k] if k is not None else np.nan for k in at])
        if self.diverged:
            finite = np.isfinite(costs)
            result.diverged, result.message = True, self.message()
            result.diverged_at = int(self.engine.diverged_at[0])
            result.costs = costs[finite]
            result.test_costs = None if test is None else test[finite]
            return result
        result.costs, result.test_costs = costs, test
        if not self.finite():  # overflowing, but the engine has not checked yet (it does every 100 iterations)
            result.notes.append("the parameters are no longer finite numbers: training is diverging")
            return result
        result.params = params = self.engine.trained(0)
        with np.errstate(all="ignore"):  # huge (but finite) weights at a large learning rate may overflow
            result.train_accuracy = network.accuracy(network.predict(params, self.F_train), self.Y_train)
            if self.F_test is not None:
                result.test_accuracy = network.accuracy(network.predict(params, self.F_test), self.Y_test)
        if costs.size > 1 and costs[-1] > costs[0]:
            result.notes.append("the cost ended higher than it started: the learning rate is probably too high")
        return result


def run(**settings):
    """Make the data, split it, train the network with ``settings`` (see :data:`DEFAULTS`); return a :class:`Result`.

    Trains on the course's engine to ``num_iterations``, measuring the test cost at every recorded
    iteration (0, 100, ...). Divergence does not raise: the result has ``diverged=True`` and the
    engine's reason in ``message``.
    """
    live = _Live(check_settings(**settings))
    while not live.finished:
        live.advance(RECORD_EVERY)
    return live.result()


# Checked here: a playground Result.
def _check_result(result):
    if not isinstance(result, Result):
        raise TypeError(f"result must be a playground Result (from playground.run()), got {type(result).__name__}")
    missing = [key for key in DEFAULTS if key not in result.settings]
    if missing:
        raise ValueError(
            f"result.settings is missing {', '.join(missing)}: build a Result with playground.run(...), not by hand"
        )
    return result


def _describe(s):
    """'tanh, 4 hidden units, learning rate 1' (+ ', inputs x1, x2, x1²' with features)."""
    units = f"{s['n_hidden']} hidden unit{'s' if s['n_hidden'] != 1 else ''}"
    text = f"{activations.as_activation(s['activation']).label}, {units}, learning rate {s['learning_rate']:g}"
    if s["features"]:
        text += ", inputs x1, x2, " + ", ".join(FEATURE_LABELS[name] for name in s["features"])
    return text


def _scores_text(train, test):
    text = f"train accuracy {train:.1f}%"
    return text + (f", test accuracy {test:.1f}%" if test is not None else "")


def summary(result):
    """One line of plain text: the settings that matter and the accuracies (or why training failed)."""
    s = _check_result(result).settings
    what = f"{_describe(s)}, {s['num_iterations']} iterations"
    if result.diverged:
        return f"{what}: {result.message}"
    if result.train_accuracy is None:
        return f"{what}: {'; '.join(result.notes)}"
    text = f"{what}: {_scores_text(result.train_accuracy, result.test_accuracy)}"
    return text + "".join(f" (note: {note})" for note in result.notes)


# --- the figure: one layout for the live playground and the static plot -----------------------------


def _label_size(tile):
    """Font size (points) of the w2_j labels above tiles of ``tile`` pixels."""
    return 9 if tile >= 150 else 8.5 if tile >= 70 else 6.5 if tile >= 40 else 5.5


def _tile_grid(n, width, height):
    """(rows, columns, tile side, label strip, gap), all in whole pixels: the largest square tiles that fit
    ``n`` tiles, each under a label strip, in ``width`` x ``height`` pixels."""
    best = None
    for cols in range(1, n + 1):
        rows = -(-n // cols)
        tile = min(width / cols, height / (rows * 1.2))
        for _ in range(3):  # the strip depends on the font size, which depends on the tile
            gap = 2 if tile < 60 else 4
            strip = int(np.ceil(_label_size(tile) * DPI / 72 * 1.15)) + 3
            tile = int(min(width / cols - gap, (height - rows * (strip + gap)) / rows))
        if tile >= 8 and (best is None or tile > best[2]):
            best = (rows, cols, tile, strip, gap)
    return best


class _Board:
    """The playground's figure: its axes and artists, built once per setting, updated in place per frame.

    Panels, left to right: the hidden units (one image of tiles, each unit's contribution
    ``w2_j * g(w1_j . x + b1_j)`` on one shared colour scale, labelled with ``w2_j``), their sum plus
    ``b2`` (the logit), the decision boundary (P(class 1) shading, the 0.5 contour, the points) and the
    train/test cost curves.
    """

    def __init__(
        self, fig, settings, X_train, Y_train, X_test, Y_test, *, discretize=False, show_test=True, live=False
    ):
        from matplotlib import colormaps
        from matplotlib.colors import ListedColormap
        from matplotlib.lines import Line2D
        from matplotlib.ticker import MaxNLocator

        self.fig, self.settings = fig, settings
        self.act = activations.as_activation(settings["activation"])
        self.names = settings["features"]
        self.n_h = n_h = settings["n_hidden"]
        self.discretize = discretize
        self.cmap = colormaps[_CMAP]
        # the boundary's shading: the same colours 35 % lighter, opaque (so a frame can paint over the last one)
        self.light_cmap = ListedColormap(0.65 * self.cmap(np.linspace(0, 1, 256)) + 0.35, name="RdBu_light")
        self.F_train = features(X_train, self.names)
        W, H = fig.get_size_inches()

        def axes(left, bottom, width, height, label):
            return fig.add_axes((left / W, bottom / H, width / W, height / H), label=label)

        bottom, top = 0.95, 3.75
        side = top - bottom
        # 1. hidden units, composed as one RGBA image of tiles (fast for 50 units; one imshow)
        ax = self.ax_units = axes(0.15, bottom, 3.35, side + 0.05, "hidden units")
        ax.set_axis_off()
        width_px, height_px = round(3.35 * DPI), round((side + 0.05) * DPI)
        rows, cols, t, strip, gap = _tile_grid(n_h, width_px, height_px)
        self.tile = t
        self.rows, self.cols, self.strip, self.gap = rows, cols, strip, gap
        self.image_shape = (rows * (t + strip + gap), cols * (t + gap))
        self.units_rgba = np.full(self.image_shape + (4,), 255, dtype=np.uint8)
        self.units_image = ax.imshow(
            self.units_rgba,
            extent=(0, self.image_shape[1], self.image_shape[0], 0),
            interpolation="nearest",
            aspect="auto",
        )
        # one image pixel per screen pixel (at DPI) unless it does not fit; centred vertically
        shrink = max(self.image_shape[1] / width_px, self.image_shape[0] / height_px, 1.0)
        middle, half = self.image_shape[0] / 2, height_px * shrink / 2
        ax.set_xlim(0, width_px * shrink)
        ax.set_ylim(middle + half, middle - half)
        # the w2_j labels are drawn into the image too (FreeType bitmaps, cached): 50 text artists would
        # cost more than everything else in a frame
        self.label_size = _label_size(t)
        self.label_format = "unit {j}: w2 = {w}" if t >= 150 else "w2 = {w}" if t >= 70 else "{w}"
        self.unit_labels = [""] * n_h
        self._bitmaps = {}
        self.units_title = ax.set_title("", fontsize=10, loc="left", y=1.0)
        self._set_units_title()
        note = "each map: a unit's contribution to the logit over the (x1, x2) plane;\n"
        note += "blue: towards class 1, red: towards class 0"
        note += "; numbers: w2_j" if self.label_format == "{w}" else ""
        self.scale_note = ax.text(0, self.image_shape[0] + 6 * shrink, note, fontsize=8, va="top", color="0.25")
        self.scale_text = ax.text(0, self.image_shape[0] + 33 * shrink, "", fontsize=8, va="top", color="0.25")
        # the tile meshes: one point per pixel of a tile
        self.points_all = X_train if X_test is None else np.hstack([X_train, X_test])
        self.tile_mesh = self._mesh(t, top_first=True)

        # 2. the logit = sum of the contributions + b2
        ax = self.ax_logit = axes(4.05, bottom + 0.6, 1.52, 1.52, "logit")
        ax.set_xticks([])
        ax.set_yticks([])
        self.logit_mesh = self._mesh(82)
        self.logit_image = ax.imshow(
            np.zeros((82, 82)), origin="lower", cmap=self.cmap, vmin=-1, vmax=1, interpolation="bilinear", aspect="auto"
        )
        ax.set_title("sum + $b^{[2]}$ = logit", fontsize=10, y=1.0)
        ax.set_xlabel("$x_1$", fontsize=8, labelpad=1)
        ax.set_ylabel("$x_2$", fontsize=8, labelpad=1)
        self.logit_text = ax.text(0.5, -0.13, "", transform=ax.transAxes, ha="center", va="top", fontsize=8)
        fig.text(3.52 / W, (bottom + 1.38) / H, "Σ →", fontsize=13, ha="left", va="center")
        fig.text(5.62 / W, (bottom + 1.38) / H, "σ →", fontsize=13, ha="left", va="center")

        # 3. the decision boundary
        ax = self.ax_boundary = axes(6.62, bottom, side, side, "boundary")
        xx1, xx2 = self._grid(_BOUNDARY_RESOLUTION)
        self.xx1, self.xx2 = xx1, xx2
        self.boundary_inputs = features(np.vstack([xx1.ravel(), xx2.ravel()]), self.names)
        extent = (xx1[0, 0], xx1[0, -1], xx2[0, 0], xx2[-1, 0])
        self.logit_image.set_extent(extent)
        self.boundary_image = ax.imshow(
            np.full(xx1.shape, 0.5),
            origin="lower",
            extent=extent,
            cmap=self.light_cmap,
            vmin=-0.25,
            vmax=1.25,
            interpolation="bilinear",
            aspect="auto",
        )
        self.contour = None
        handles, self.point_artists = [], []
        for k in (0, 1):
            mask = Y_train[0] == k
            handles.append(
                ax.scatter(
                    X_train[0, mask],
                    X_train[1, mask],
                    s=18,
                    c=_CLASS_COLORS[k],
                    edgecolors="k",
                    linewidths=0.5,
                    label=f"train class {k}",
                )
            )
        self.test_artists = []
        if X_test is not None:
            for k in (0, 1):
                mask = Y_test[0] == k
                artist = ax.scatter(
                    X_test[0, mask],
                    X_test[1, mask],
                    s=30,
                    marker="^",
                    c=_CLASS_COLORS[k],
                    edgecolors="k",
                    linewidths=0.5,
                    label=f"test class {k}",
                )
                self.test_artists.append(artist)
                handles.append(artist)
            self.set_show_test(show_test)
        self.point_artists = handles[:]
        handles.append(Line2D([], [], color="k", linewidth=1.2, label="boundary P = 0.5"))
        ax.set_xlim(extent[:2])
        ax.set_ylim(extent[2:])
        ax.set_xlabel("$x_1$", labelpad=1)
        ax.set_ylabel("$x_2$", labelpad=1)
        ax.tick_params(labelsize=8)
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.13),
            ncols=3,
            fontsize=7.5,
            frameon=False,
            handletextpad=0.3,
            columnspacing=0.9,
        )
        self.boundary_title = ax.set_title("", fontsize=10, y=1.0)  # (a fixed y: no layout pass per draw)

        # 4. the cost curves
        ax = self.ax_cost = axes(10.02, bottom, 1.72, side, "cost")
        (self.train_line,) = ax.plot([], [], color="C0", linewidth=1.5, label="train")
        (self.test_line,) = ax.plot([], [], color="C1", linewidth=1.5, linestyle="--", label="test")
        if X_test is None:
            self.test_line.set_label("_no test set")
        ax.set_xlim(0, settings["num_iterations"])
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.set_ylim(0, 1)
        ax.set_xlabel("iteration", labelpad=1)
        ax.set_ylabel("cost", labelpad=1)
        ax.tick_params(labelsize=8)
        ax.set_title("cost during training", fontsize=10, y=1.0)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=2, fontsize=8, frameon=False)
        self.cost_text = ax.text(
            0.97, 0.03, "", transform=ax.transAxes, ha="right", va="bottom", color="firebrick", fontsize=9, wrap=True
        )
        self.cost_limits = None
        self.title = fig.text(0.012, 0.975, _describe(settings), fontsize=11, ha="left", va="top", weight="bold")
        self.progress = fig.text(0.985, 0.975, "", fontsize=11, ha="right", va="top")
        # live: the artists that change are "animated": a frame repaints only them over a saved background
        self.live = live
        self.canvas = None
        self._background = None
        if live:
            for artist in self._dynamic():
                artist.set_animated(True)

    def _dynamic(self):
        """The artists a frame changes, in drawing order (images first; axes frames over the images)."""
        yield self.units_image
        yield self.scale_text
        yield self.logit_image
        yield from self.ax_logit.spines.values()
        yield self.logit_text
        yield self.boundary_image
        if self.contour is not None:
            yield self.contour
        yield from self.point_artists
        yield from self.ax_boundary.spines.values()
        yield self.boundary_title
        yield self.train_line
        yield self.test_line
        yield self.cost_text
        yield self.progress

    def _set_units_title(self):
        inputs = r"w^{[1]}_j \cdot [x, \mathrm{features}]" if self.names else r"w^{[1]}_j \cdot x"
        self.units_title.set_text(f"hidden units: $w^{{[2]}}_j\\, g({inputs} + b^{{[1]}}_j)$, g = {self.act.label}")

    def reuse(self, settings):
        """Take over new settings that keep the layout (the same data, inputs and width); False if they do not.

        A new learning rate, seed, init scale, activation or number of iterations keeps the figure: only the
        titles and the curves change (and the cost axis for a new number of iterations).
        """
        if any(settings[key] != self.settings[key] for key in _LAYOUT_KEYS):
            return False
        self.settings = settings
        self.act = activations.as_activation(settings["activation"])
        self._set_units_title()
        self.title.set_text(_describe(settings))
        self._background = None  # the titles are part of the background
        if self.contour is not None:
            self.contour.remove()
            self.contour = None
        self.ax_cost.set_xlim(0, settings["num_iterations"])
        self.cost_text.set_text("")
        return True

    # --- geometry ---

    def _grid(self, resolution):
        lows, highs = self.points_all.min(axis=1), self.points_all.max(axis=1)
        spans = np.where(highs > lows, highs - lows, 1.0)
        lows, highs = lows - _MARGIN * spans, highs + _MARGIN * spans
        return np.meshgrid(np.linspace(lows[0], highs[0], resolution), np.linspace(lows[1], highs[1], resolution))

    def _mesh(self, resolution, top_first=False):
        """Network inputs for a resolution x resolution mesh over the data (rows from the top: image order)."""
        xx1, xx2 = self._grid(resolution)
        if top_first:
            xx1, xx2 = xx1[::-1], xx2[::-1]
        return features(np.vstack([xx1.ravel(), xx2.ravel()]), self.names)

    def set_show_test(self, show):
        for artist in self.test_artists:
            artist.set_visible(bool(show))

    # --- numbers ---

    def _hidden(self, p, inputs):
        """(A1 (n_h, k), logit (k,)) of parameters p at the network inputs (n_x, k)."""
        with np.errstate(all="ignore"):
            A1 = np.asarray(self.act(p["W1"] @ inputs + p["b1"]), dtype=np.float64)
            return A1, (p["W2"] @ A1 + p["b2"])[0]

    def _draw_units(self, p):
        """Colour every unit's contribution map on one symmetric scale and tile them into one RGBA image."""
        t, strip, gap, cols = self.tile, self.strip, self.gap, self.cols
        w2 = p["W2"][0]
        A1, _ = self._hidden(p, self.tile_mesh)
        contributions = w2[:, None] * A1
        A1_data, logit_data = self._hidden(p, self.F_train)
        scale = float(np.abs(w2[:, None] * A1_data).max()) if A1_data.size else 0.0
        if not np.isfinite(scale):
            scale = 1.0
        scale = max(scale, UNIT_SCALE_FLOOR)  # an untrained network's tiny contributions look flat, as they are
        with np.errstate(all="ignore"):
            levels = np.clip((contributions / scale + 1.0) * 0.5, 0.0, 1.0)
        levels[~np.isfinite(levels)] = 0.5
        colours = self.cmap(levels.reshape(self.n_h, t, t), bytes=True)
        rgba = self.units_rgba
        for r in range(self.rows):  # blank the label strips
            rgba[r * (t + strip + gap) : r * (t + strip + gap) + strip] = 255
        for j in range(self.n_h):
            r, c = divmod(j, cols)
            top, left = r * (t + strip + gap) + strip, c * (t + gap)
            rgba[top : top + t, left : left + t] = colours[j]
            weight = f"{w2[j]:+.2f}" if abs(w2[j]) < 100 else f"{w2[j]:+.3g}"
            label = self.label_format.format(j=j + 1, w=weight)
            ink = self._bitmap(label)
            if ink.shape[1] > t:  # too wide for its tile: the shortest form, so labels never run into each other
                label = self.label_format.format(j=j + 1, w=f"{w2[j]:+.0e}".replace("e+0", "e").replace("e-0", "e-"))
                ink = self._bitmap(label)
            self.unit_labels[j] = label
            height, width = min(ink.shape[0], strip - 2), min(ink.shape[1], t)
            y, x = top - 2 - height, max(left + (t - width) // 2, 0)
            region = rgba[y : y + height, x : x + width, :3]
            np.minimum(region, 255 - ink[-height:, :width, None], out=region)  # black text on the white strip
        self.units_image.set_data(rgba)
        self.scale_text.set_text(f"one colour scale for all maps: ±{scale:.3g} (at least ±{UNIT_SCALE_FLOOR:g})")
        return logit_data

    def _bitmap(self, text):
        """The coverage bitmap (uint8, ink = 255) of ``text`` in the label font, from FreeType; cached."""
        ink = self._bitmaps.get(text)
        if ink is None:
            from matplotlib import font_manager

            font = font_manager.get_font(font_manager.findfont(font_manager.FontProperties()))
            font.clear()
            font.set_size(self.label_size, DPI)
            font.set_text(text, 0.0)
            font.draw_glyphs_to_bitmap(antialiased=True)
            ink = np.asarray(font.get_image()).copy()
            if len(self._bitmaps) > 5000:
                self._bitmaps.clear()
            self._bitmaps[text] = ink
        return ink

    def update(self, params, iterations, train_costs, test_costs, iteration, scores=None, diverged_message=""):
        """Redraw for ``params`` (None: no network to show) and the cost arrays; titles from the rest."""
        with np.errstate(all="ignore"):  # weights on their way to overflow: draw what can be drawn, no warnings
            self._update(params, iterations, train_costs, test_costs, iteration, scores, diverged_message)

    def _update(self, params, iterations, train_costs, test_costs, iteration, scores, diverged_message):
        s = self.settings
        finite = params is not None and all(np.all(np.isfinite(v)) for v in params.values())
        if finite:
            self._draw_units(params)
            _, logit = self._hidden(params, self.logit_mesh)
            logit = logit.reshape(self.logit_image.get_array().shape)
            finite_logit = np.abs(logit[np.isfinite(logit)])
            scale = min(float(finite_logit.max()) if finite_logit.size else 1.0, 1e100)
            scale = max(scale, UNIT_SCALE_FLOOR)  # the same floor as the unit maps: an untrained logit looks flat
            self.logit_image.set_data(np.clip(np.nan_to_num(logit), -scale, scale))  # (drawn later: no inf/NaN)
            self.logit_image.set_clim(-scale, scale)
            self.logit_text.set_text(f"b2 = {params['b2'][0, 0]:+.2f}; colour scale ±{scale:.3g}")
            _, values = self._hidden(params, self.boundary_inputs)
            with np.errstate(all="ignore"):
                proba = np.nan_to_num((1.0 / (1.0 + np.exp(-values))).reshape(self.xx1.shape), nan=0.5)
            shade = (proba > 0.5).astype(float) if self.discretize else proba
            self.boundary_image.set_data(shade)
            if self.contour is not None:
                self.contour.remove()
                self.contour = None
            if proba.min() < 0.5 < proba.max():
                self.contour = self.ax_boundary.contour(
                    self.xx1, self.xx2, proba, levels=[0.5], colors="k", linewidths=1.2
                )
                self.contour.set_animated(self.live)
        elif params is None:
            for artist in (self.units_image, self.logit_image, self.boundary_image, self.scale_text, self.scale_note):
                artist.set_visible(False)
            self.logit_text.set_text("no network to show")
        iterations = np.asarray(iterations, dtype=float)
        train_costs, test_costs = (np.asarray(costs, dtype=float) for costs in (train_costs, test_costs))
        self.train_line.set_data(iterations, np.where(np.isfinite(train_costs), train_costs, np.nan))
        self.test_line.set_data(iterations, np.where(np.isfinite(test_costs), test_costs, np.nan))
        values = np.concatenate([train_costs, test_costs])
        values = values[np.isfinite(values)]
        limits = _cost_limits(values)
        if limits != self.cost_limits:  # rare: the limits only step up (or to a log scale for a blow-up)
            self.cost_limits = limits
            scale, low, high = limits
            if scale != self.ax_cost.get_yscale():
                self.ax_cost.set_yscale(scale)
                self.ax_cost.set_ylabel("cost (log scale)" if scale == "log" else "cost", labelpad=1)
            if scale == "log":  # fixed decades: matplotlib's own log locator overflows on ranges beyond ~1e250
                from matplotlib.ticker import FixedLocator, NullLocator

                self.ax_cost.yaxis.set_major_locator(FixedLocator(_log_ticks(low, high)))
                self.ax_cost.yaxis.set_minor_locator(NullLocator())
            self.ax_cost.set_ylim(low, high)
            self._background = None
        name = DATASET_LABELS[s["dataset"]]
        where = f"iteration {iteration} of {s['num_iterations']}"
        if diverged_message:
            where = f"diverged at iteration {iteration}"
            if self.ax_cost.get_xlim()[1] != iteration:  # zoom in on the run up to the divergence
                self.ax_cost.set_xlim(0, iteration)
                self._background = None
            self.boundary_title.set_text(f"{name}: training diverged")
            self.cost_text.set_text("training diverged:\nlower the learning rate\nor the init scale")
        elif scores is not None:
            train, test = scores
            text = f"{name}: train {train:.1f}%" + (f", test {test:.1f}%" if test is not None else "")
            self.boundary_title.set_text(text)
            self.cost_text.set_text("")
        self.progress.set_text(where)

    def png(self):
        """The figure as PNG bytes (Agg, no pyplot). Live: repaints only the changing artists over the background."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from PIL import Image

        if self.canvas is None:
            canvas = self.fig.canvas
            self.canvas = canvas if isinstance(canvas, FigureCanvasAgg) else FigureCanvasAgg(self.fig)
        canvas = self.canvas
        if not self.live:
            canvas.draw()
        else:
            if self._background is None:
                canvas.draw()  # everything but the animated artists
                self._background = canvas.copy_from_bbox(self.fig.bbox)
            else:
                canvas.restore_region(self._background)
            for artist in self._dynamic():
                self.fig.draw_artist(artist)
        width, height = canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, format="png", compress_level=1)  # fast; the colours are smooth, the bytes few anyway
        return buffer.getvalue()


#: The smallest colour scale (in logit units) of the unit maps and the logit map: contributions far below 1 change
#: the prediction by almost nothing, so an untrained network (contributions around 1e-3) is drawn flat.
UNIT_SCALE_FLOOR = 1.0

#: The settings a figure's layout depends on (the others only change titles and curves: see _Board.reuse).
_LAYOUT_KEYS = ("dataset", "noise", "test_share", "features", "n_hidden")

_NICE_TOPS = (0.8, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.5, 15.0, 20.0, 25.0, 30.0, 40.0, 50.0)


def _cost_limits(values):
    """(scale, low, high) of the cost axis for these finite costs: a linear axis from 0 to the next "nice" top
    above the largest cost; for costs above 50 (a blow-up) a log axis of whole decades up to the decade above
    the last finite cost, whatever its size (1.29e293 shows below 1e294; the top never passes 1e308)."""
    top = float(values.max()) if values.size else 0.0
    for nice in _NICE_TOPS:
        if top * 1.04 <= nice:
            return ("linear", 0.0, nice)
    low = min(float(values.min()), 0.1)
    decade = min(np.ceil(np.log10(top) + np.log10(1.5)), 308.0)
    return ("log", 10.0 ** np.floor(np.log10(max(low, 1e-6))), 10.0**decade)


def _log_ticks(low, high, most=5):
    """Whole decades between ``low`` and ``high`` (powers of 10), at most ``most`` + 1, at round multiples of a
    round stride (1, 2, 5, 10, 20, 25, 50 or 100 decades)."""
    first, last = int(round(np.log10(low))), int(round(np.log10(high)))
    stride = next(k for k in (1, 2, 5, 10, 20, 25, 50, 100) if (last - first) / k <= most)
    return [10.0**k for k in range(-(-first // stride) * stride, last + 1, stride)]


def _board_for(fig, result, discretize=False, show_test=True):
    """A :class:`_Board` on ``fig`` showing a finished :class:`Result`."""
    board = _Board(
        fig,
        result.settings,
        result.X_train,
        result.Y_train,
        result.X_test,
        result.Y_test,
        discretize=discretize,
        show_test=show_test,
    )
    frames = result.frames
    if frames is None:  # a Result built by hand: the recorded costs
        costs = result.costs if result.costs is not None else np.array([])
        test = result.test_costs if result.test_costs is not None else np.full(costs.size, np.nan)
        frames = {"iteration": np.arange(costs.size) * RECORD_EVERY, "train_cost": costs, "test_cost": test}
    scores = None if result.diverged else (result.train_accuracy, result.test_accuracy)
    iteration = result.diverged_at if result.diverged else result.iteration
    board.update(
        result.params, frames["iteration"], frames["train_cost"], frames["test_cost"], iteration, scores, result.message
    )
    return board


def plot(result, fig=None, *, discretize=False, show_test=True):
    """Draw a :class:`Result` with the playground's layout; return its axes (boundary, cost, units, logit).

    Panels: the hidden units' maps (each unit's contribution ``w2_j * g(w1_j . x + b1_j)``, labelled
    with ``w2_j``), their sum plus ``b2`` (the logit), the decision boundary with the train (circles) and
    test (triangles) points, and the train and test cost curves (every 100 iterations). ``fig``: a
    matplotlib Figure to draw on (default: a new pyplot figure of size :data:`FIGSIZE`).
    """
    _check_result(result)
    discretize = check_bool("discretize", discretize)
    show_test = check_bool("show_test", show_test)
    if fig is None:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=FIGSIZE, dpi=DPI)
    else:
        from matplotlib.figure import Figure

        if not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure or None, got {type(fig).__name__}")
        fig.set_size_inches(FIGSIZE)
    board = _board_for(fig, result, discretize, show_test)
    return board.ax_boundary, board.ax_cost, board.ax_units, board.ax_logit


def render_png(result, *, discretize=False, show_test=True, dpi=DPI):
    """The :func:`plot` figure as PNG bytes (no pyplot: safe to call from widget callbacks and threads)."""
    from matplotlib.figure import Figure

    _check_result(result)
    dpi = check_int("dpi", dpi, low=20, high=400)
    board = _board_for(Figure(figsize=FIGSIZE, dpi=dpi), result, discretize, show_test)
    return board.png()


# --- the widget app --------------------------------------------------------------------------------


def _fmt_rate(rate):
    return f"{rate:g}"


def _snap(value, choices):
    """The nearest allowed choice of a slider (log distance for positive numbers)."""
    numbers = [c for c in choices if not isinstance(c, str)]
    if isinstance(value, str) or value in choices:
        return value
    return min(numbers, key=lambda c: abs(np.log(c) - np.log(value)) if c > 0 and value > 0 else abs(c - value))


_PLAYING = weakref.WeakSet()  # apps whose play loop runs: starting one pauses the others


class Playground:
    """The live widget app. ``Playground(**settings)`` builds the controls and shows iteration 0.

    Buttons: **Play** trains frame by frame in a background thread (``frame_iterations`` iterations per
    frame, at most :data:`MAX_FPS` frames per second) until ``num_iterations`` or a divergence;
    **Pause** stops after the current frame; **Step** (when paused) runs exactly one frame; **Reset**
    stops and goes back to iteration 0. Changing a setting restarts at iteration 0 with the new
    settings (and keeps playing if it was); "discretize" and "show test points" only redraw. The buttons
    call :meth:`play`, :meth:`pause`, :meth:`step` and :meth:`reset`, which Python can call too; only one
    playground plays at a time (Play pauses the others). ``activation`` may be a learner's own
    ``activations.Activation``: it becomes one more option of the drop-down.

    Attributes: ``controls`` (the input widgets keyed like :data:`DEFAULTS`, plus ``discretize`` and
    ``show_test``; ``controls["features"].value`` is the tuple of ticked features),
    ``play_button``, ``pause_button``, ``step_button``, ``reset_button``, ``counter`` (the iteration
    counter), ``status`` (accuracies or the divergence message), ``figure`` (an Image widget holding
    the PNG), ``app`` (the whole layout). Read the state with ``iteration``, ``playing``, ``frames``
    (iterations, train costs and test costs of every frame so far), ``result`` (a :class:`Result` of
    the current state), ``frame_seconds`` (the last frame's time). Display it by making it the last
    expression of a cell.
    """

    def __init__(self, *, frame_iterations=FRAME_ITERATIONS, **settings):
        import ipywidgets as w

        s = check_settings(**settings)
        self.frame_iterations = check_int("frame_iterations", frame_iterations, low=1, high=10_000)
        style = {"description_width": "105px"}
        wide = w.Layout(width="320px")
        activation_options = [(name, name) for name in activations.available()]
        if not isinstance(s["activation"], str):  # a learner's own Activation: one more option
            label = s["activation"].label
            if label in activations.available():
                label += " (yours)"
            activation_options.append((label, s["activation"]))

        def control(widget, description, **options):
            """One labelled control of the standard width; a slider reports its value when released."""
            if issubclass(widget, (w.FloatSlider, w.IntSlider, w.SelectionSlider)):
                options["continuous_update"] = False
            return widget(description=description, style=style, layout=wide, **options)

        c = {
            "dataset": control(
                w.Dropdown, "data set", options=[(DATASET_LABELS[d], d) for d in DATASETS], value=s["dataset"]
            ),
            "noise": control(
                w.FloatSlider, "noise", value=s["noise"], min=0.0, max=0.5, step=0.05, readout_format=".2f"
            ),
            "test_share": control(
                w.FloatSlider, "test share", value=s["test_share"], min=0.0, max=0.5, step=0.05, readout_format=".0%"
            ),
            "features": _FeatureBoxes(s["features"]),
            "activation": control(w.Dropdown, "activation", options=activation_options, value=s["activation"]),
            "n_hidden": control(w.IntSlider, "hidden width", value=s["n_hidden"], min=1, max=50),
            "learning_rate": control(
                w.SelectionSlider,
                "learning rate",
                options=[(_fmt_rate(r), r) for r in LEARNING_RATES],
                value=_snap(s["learning_rate"], LEARNING_RATES),
            ),
            "num_iterations": control(
                w.SelectionSlider, "iterations", options=list(ITERATIONS), value=_snap(s["num_iterations"], ITERATIONS)
            ),
            "init_scale": control(
                w.Dropdown,
                "init scale",
                options=[(str(v), v) for v in INIT_SCALES],
                value=_snap(s["init_scale"], INIT_SCALES),
            ),
            "seed": control(w.IntSlider, "seed (weights)", value=s["seed"], min=0, max=20),
            "discretize": w.Checkbox(value=False, description="discretize (show 0/1 regions)", indent=False),
            "show_test": w.Checkbox(value=True, description="show test points", indent=False),
        }
        for name, widget in c.items():
            widget.add_class(f"playground-{name.replace('_', '-')}")
        c["n_hidden"].add_class("playground-width")
        self.controls = c

        def button(description, icon, tooltip, name, style=""):
            b = w.Button(description=description, icon=icon, tooltip=tooltip, button_style=style)
            b.layout = w.Layout(width="92px")
            b.add_class(f"playground-{name}")
            return b

        self.play_button = button("Play", "play", "train frame by frame", "play", "primary")
        self.pause_button = button("Pause", "pause", "stop after this frame", "pause")
        self.step_button = button("Step", "step-forward", "train one frame", "step")
        self.reset_button = button("Reset", "undo", "back to iteration 0", "reset")
        self.counter = w.HTML(value="")
        self.counter.add_class("playground-iteration")
        self.status = w.HTML(value="")
        self.status.add_class("playground-status")
        self.figure = w.Image(format="png", layout=w.Layout(width="100%", max_width="1200px"))
        self.figure.add_class("playground-figure")
        self.frame_seconds = None

        self._lock = threading.RLock()  # the run, the board and the output widgets (held for a whole frame)
        self._control = threading.Lock()  # play/pause/step/reset transitions (never held by the play loop)
        self._stop = threading.Event()
        self._stop.set()
        self._thread = None
        self._live = None
        self._board = None
        self.resets = 0

        for name in DEFAULTS:
            c[name].observe(self._on_setting, names="value")
        c["discretize"].observe(self._on_view, names="value")
        c["show_test"].observe(self._on_view, names="value")
        self.play_button.on_click(lambda _b: self.play())
        self.pause_button.on_click(lambda _b: self.pause())
        self.step_button.on_click(lambda _b: self.step())
        self.reset_button.on_click(lambda _b: self.reset())

        data_box = w.VBox(
            [
                w.HTML("<b>Data</b>"),
                c["dataset"],
                c["noise"],
                c["test_share"],
                w.HTML("<b>Input features</b> (x1, x2 always)"),
                c["features"],
            ]
        )
        net_box = w.VBox([w.HTML("<b>Network</b>"), c["activation"], c["n_hidden"], c["init_scale"], c["seed"]])
        train_box = w.VBox(
            [w.HTML("<b>Training</b>"), c["learning_rate"], c["num_iterations"], c["discretize"], c["show_test"]]
        )
        buttons = w.HBox(
            [self.play_button, self.pause_button, self.step_button, self.reset_button, self.counter],
            layout=w.Layout(align_items="center"),
        )
        self.app = w.VBox(
            [
                w.HBox([data_box, net_box, train_box], layout=w.Layout(flex_flow="row wrap")),
                buttons,
                self.status,
                self.figure,
            ]
        )
        self.app.add_class("playground-app")
        with self._lock:
            self._rebuild()

    # --- state ------------------------------------------------------------------------------------

    def settings(self):
        """The current settings, read from the controls."""
        return {name: self.controls[name].value for name in DEFAULTS}

    @property
    def iteration(self):
        """Iterations trained so far in the current run."""
        return self._live.iteration

    @property
    def playing(self):
        """True while the play loop runs."""
        return not self._stop.is_set()

    @property
    def frames(self):
        """Every frame of the current run so far: ``{"iteration", "train_cost", "test_cost"}`` float arrays."""
        with self._lock:
            return self._live.frames()

    @property
    def result(self):
        """A :class:`Result` of the current state (at the last iteration: what :func:`run` returns)."""
        with self._lock:
            return self._live.result()

    @property
    def board_figure(self):
        """The matplotlib Figure redrawn frame by frame (the same object until the data, inputs or width change)."""
        return self._board.fig

    # --- the frame -------------------------------------------------------------------------------

    def _rebuild(self):
        """A new run at iteration 0 with the current settings, one draw (lock held). The figure is kept when
        the layout allows it (same data, inputs and width), else built anew."""
        from matplotlib.figure import Figure

        self._live = _Live(check_settings(**self.settings()))
        self.resets += 1
        live = self._live
        if self._board is not None and self._board.reuse(live.settings):
            self._draw()
            return
        self._board = _Board(
            Figure(figsize=FIGSIZE, dpi=DPI),
            live.settings,
            live.X_train,
            live.Y_train,
            live.X_test,
            live.Y_test,
            discretize=self.controls["discretize"].value,
            show_test=self.controls["show_test"].value,
            live=True,
        )
        self._draw()

    def _draw(self):
        """Update the figure and the text widgets from the run's current state (lock held)."""
        start = time.perf_counter()
        live, board = self._live, self._board
        scores = (live.train_accuracy, live.test_accuracy)
        message = live.message()
        iteration = int(live.engine.diverged_at[0]) if live.diverged else live.iteration
        board.update(live.params(), live.iterations, live.train_costs, live.test_costs, iteration, scores, message)
        self.figure.value = board.png()
        self._show_text()
        return time.perf_counter() - start

    def _show_text(self):
        live = self._live
        if live.diverged:  # the iteration the message and the figure name, not the end of the last frame
            where = f"diverged at iteration <b>{int(live.engine.diverged_at[0])}</b>"
        else:
            where = f"iteration <b>{live.iteration}</b> of {live.end}"
        self.counter.value = f"<span style='font-family:monospace'>{where}</span>"
        if live.diverged:
            text = html.escape(summary(live.result()))
            self.status.value = f"<b style='color:firebrick'>Training diverged.</b> <span>{text}</span>"
        elif live.finished:
            result = live.result()
            colour = "darkorange" if result.notes else "inherit"
            self.status.value = f"<span style='color:{colour}'>{html.escape(summary(result))}</span>"
        else:
            text = f"{_describe(live.settings)}: {_scores_text(live.train_accuracy, live.test_accuracy)}"
            cost = live.train_costs[-1]
            self.status.value = f"<span>{html.escape(text)}</span> <small>(train cost {cost:.3f})</small>"
        self._show_buttons()

    def _show_buttons(self):
        playing, finished = self.playing, self._live.finished
        self.play_button.disabled = playing
        self.pause_button.disabled = not playing
        self.step_button.disabled = playing or finished

    def _frame(self):
        """Train one chunk and redraw (lock held); returns True while there is more to do."""
        start = time.perf_counter()
        self._live.advance(self.frame_iterations)
        self._draw()
        self.frame_seconds = time.perf_counter() - start
        return not self._live.finished

    def _loop(self):
        try:
            while not self._stop.is_set():
                start = time.perf_counter()
                with self._lock:
                    if self._stop.is_set():
                        break
                    more = self._frame()
                    if not more:
                        self._stop.set()
                        self._show_buttons()
                        break
                self._stop.wait(max(0.0, 1.0 / MAX_FPS - (time.perf_counter() - start)))
        except Exception as exc:  # show it; a background thread has nowhere else to report
            self._stop.set()
            with self._lock:
                self.status.value = f"<b style='color:firebrick'>Error:</b> {html.escape(repr(exc))}"
                self._show_buttons()
        finally:
            _PLAYING.discard(self)

    # --- the buttons, callable from Python -------------------------------------------------------

    def play(self):
        """Start training frame by frame in a background thread (from iteration 0 if the run had ended)."""
        for other in list(_PLAYING):
            if other is not self:
                other.pause()
        with self._control:
            if self._thread is not None and self._thread.is_alive():
                return
            with self._lock:
                if self._live.finished:
                    self._rebuild()
                self._stop.clear()
                self._show_buttons()
            _PLAYING.add(self)
            self._thread = threading.Thread(target=self._loop, name="playground-play", daemon=True)
            self._thread.start()

    def pause(self):
        """Stop playing after the current frame (waits for it)."""
        with self._control:
            self._halt()
            with self._lock:
                self._show_buttons()

    def _halt(self):
        """Stop the play loop and wait until its current frame has ended."""
        self._stop.set()
        self.wait()

    def wait(self, timeout=None):
        """Wait until the play loop has stopped (by itself at the end, or paused); True if it has."""
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        return not (thread is not None and thread.is_alive())

    def step(self):
        """Run exactly one frame (only when paused; does nothing while playing or at the end)."""
        with self._control:
            if self.playing:
                return
            with self._lock:
                if not self._live.finished:
                    self._frame()

    def reset(self):
        """Stop playing and go back to iteration 0 (same settings, same initial weights); redraw."""
        with self._control:
            self._halt()
            with self._lock:
                self._rebuild()

    def train(self):
        """Train from iteration 0 to the end at once (no frames), show the end and return its :class:`Result`."""
        with self._control:
            self._halt()
            with self._lock:
                self._live = _Live(check_settings(**self.settings()))
                live = self._live
                while not live.finished:
                    live.advance(RECORD_EVERY)
                self._draw()
                return live.result()

    # --- callbacks --------------------------------------------------------------------------------

    def _on_setting(self, _change):
        """Any setting: back to iteration 0 with the new settings; the play loop (if running) goes on."""
        with self._lock:
            self._rebuild()

    def _on_view(self, _change):
        with self._lock:
            self._board.discretize = self.controls["discretize"].value
            self._board.set_show_test(self.controls["show_test"].value)
            self._draw()

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.app._repr_mimebundle_(**kwargs)
        # A stable plain-text fallback (GitHub, nbval) instead of the long repr of every control.
        bundle["text/plain"] = (
            "Interactive playground: run this notebook in JupyterLab (or on Binder) to use the controls."
        )
        return bundle


@functools.cache
def _feature_boxes_class():
    """The tick-box widget class of the input features (built on first use: ipywidgets is imported lazily)."""
    import ipywidgets as w
    import traitlets

    class FeatureBoxes(w.HBox):
        """One tick box per entry of :data:`FEATURES`; ``value`` is the tuple of ticked names (observable, settable)."""

        value = traitlets.Tuple()

        def __init__(self, ticked=()):
            self.boxes = {
                name: w.Checkbox(
                    value=name in ticked,
                    description=FEATURE_LABELS[name],
                    indent=False,
                    layout=w.Layout(width="auto", margin="0 10px 0 0"),
                )
                for name in FEATURES
            }
            for name, box in self.boxes.items():
                box.add_class("playground-feature-" + "".join(ch for ch in name if ch.isalnum()))
            self._syncing = False
            super().__init__(
                list(self.boxes.values()), value=tuple(ticked), layout=w.Layout(flex_flow="row wrap", width="330px")
            )
            for box in self.boxes.values():
                box.observe(self._box_changed, names="value")
            self.observe(self._push_to_boxes, names="value")

        @traitlets.validate("value")
        def _valid(self, proposal):
            return _check_feature_names(proposal["value"])

        def _box_changed(self, _change):
            if not self._syncing:
                self.value = tuple(name for name, box in self.boxes.items() if box.value)

        def _push_to_boxes(self, change):
            self._syncing = True
            try:
                for name, box in self.boxes.items():
                    box.value = name in change["new"]
            finally:
                self._syncing = False

    return FeatureBoxes


def _FeatureBoxes(ticked=()):
    return _feature_boxes_class()(ticked)
