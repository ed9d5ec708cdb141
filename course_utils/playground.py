"""A small "TensorFlow Playground" for the one-hidden-layer network, with ipywidgets.

Pick a data set, its noise, the share of points held out for testing, the activation, the hidden
width, the learning rate, the number of iterations, the initial weight scale and the seed; the
network of :mod:`course_utils.network` is trained and you see the decision boundary (probability
shading, or the 0/1 regions with ``discretize``), the training and test points, the cost curve,
the train/test accuracy, and a clear message when training diverges.

Three layers, so every piece is usable (and tested) without a browser:

- :func:`run` trains one configuration and returns a :class:`Result` (data, parameters, costs,
  accuracies, the divergence message if any);
- :func:`plot` draws a :class:`Result` on two axes (boundary, cost curve) - the notebook's static
  figure;
- :class:`Playground` is the widget app: ``Playground()`` in a notebook cell shows the controls and
  the output, and retrains on every change (or on the Train button when "train on every change" is
  off). Its state is readable from Python (``.result``, ``.status.value``, ``.figure.value``), and
  controls can be set programmatically (``app.controls["activation"].value = "relu"``).

Data sets use the course's column convention: ``X (2, m)`` float64, ``Y (1, m)`` int 0/1.
"""

import io
import threading
import time
from dataclasses import dataclass, field

import numpy as np

from . import activations, datasets, network, plotting
from ._validation import check_choice, check_int, check_real, check_seed

#: Learning-rate choices, log-spaced as in TensorFlow Playground.
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
#: Iteration choices (full-batch gradient descent steps).
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
#: Number of points generated (before the train/test split).
M_POINTS = 400
#: The seed of the data (fixed, so changing the training seed changes only the initial weights).
DATA_SEED = 1
#: The seed of the train/test shuffle.
SPLIT_SEED = 0
#: What the playground starts with. The default responds (train + draw) in well under a second.
DEFAULTS = {
    "dataset": "planar",
    "noise": 0.2,
    "test_share": 0.25,
    "activation": "tanh",
    "n_hidden": 4,
    "learning_rate": 1.0,
    "num_iterations": 1000,
    "init_scale": 0.01,
    "seed": 2,
}


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


@dataclass
class Result:
    """One playground run: its settings, data, trained parameters and scores.

    ``X_train (2, m_train)``, ``Y_train (1, m_train)``; ``X_test``/``Y_test`` are ``None`` when
    ``test_share`` is 0. ``params``/``costs`` are ``None`` and ``message`` explains why when training
    diverged. Accuracies are in percent (``test_accuracy`` is ``None`` without a test set).
    ``seconds`` is the wall time of the training.
    """

    settings: dict
    X_train: np.ndarray
    Y_train: np.ndarray
    X_test: np.ndarray = None
    Y_test: np.ndarray = None
    params: dict = None
    costs: np.ndarray = None
    train_accuracy: float = None
    test_accuracy: float = None
    diverged: bool = False
    message: str = ""
    seconds: float = 0.0
    notes: list = field(default_factory=list)

    def predict_proba(self, X):
        """P(class 1) of the trained network for columns ``X (2, k)``: shape ``(1, k)``."""
        if self.params is None:
            raise ValueError("this run has no trained network (training diverged)")
        return network.predict_proba(self.params, X, self.settings["activation"])


def check_settings(**settings):
    """Fill in :data:`DEFAULTS` and check every setting; return the complete settings dict."""
    unknown = sorted(set(settings) - set(DEFAULTS))
    if unknown:
        raise TypeError(f"unknown playground setting(s) {', '.join(unknown)}; available: {', '.join(DEFAULTS)}")
    s = {**DEFAULTS, **settings}
    s["dataset"] = check_choice("dataset", s["dataset"], DATASETS)
    s["noise"] = check_real("noise", s["noise"], low=0.0, high=5.0)
    s["test_share"] = check_real("test_share", s["test_share"], low=0.0, high=0.9)
    act = activations.as_activation(s["activation"])
    s["activation"] = act.name if isinstance(s["activation"], str) else act
    s["n_hidden"] = check_int("n_hidden", s["n_hidden"], low=1, high=200)
    s["learning_rate"] = check_real("learning_rate", s["learning_rate"], low=0.0, low_inclusive=False)
    s["num_iterations"] = check_int("num_iterations", s["num_iterations"], low=1, high=100_000)
    if isinstance(s["init_scale"], str):
        s["init_scale"] = check_choice("init_scale", s["init_scale"], ("xavier", "he"))
    else:
        s["init_scale"] = check_real("init_scale", s["init_scale"], low=0.0)
    s["seed"] = check_seed("seed", s["seed"])
    return s


def run(**settings):
    """Make the data, split it, train the network with ``settings`` (see :data:`DEFAULTS`); return a :class:`Result`.

    Divergence does not raise: the result has ``diverged=True`` and the reason in ``message``.
    """
    s = check_settings(**settings)
    X, Y = make_data(s["dataset"], s["noise"])
    if s["test_share"] > 0:
        X_train, X_test, Y_train, Y_test = datasets.train_test_split_columns(
            X, Y, test_size=s["test_share"], seed=SPLIT_SEED
        )
    else:
        X_train, Y_train, X_test, Y_test = X, Y, None, None
    result = Result(settings=s, X_train=X_train, Y_train=Y_train, X_test=X_test, Y_test=Y_test)
    start = time.perf_counter()
    try:
        params, costs = network.train(
            X_train,
            Y_train,
            n_hidden=s["n_hidden"],
            activation=s["activation"],
            learning_rate=s["learning_rate"],
            num_iterations=s["num_iterations"],
            init_scale=s["init_scale"],
            seed=s["seed"],
        )
    except network.TrainingDiverged as exc:
        result.diverged, result.message = True, str(exc)
        result.seconds = time.perf_counter() - start
        return result
    result.seconds = time.perf_counter() - start
    result.params, result.costs = params, costs
    act = s["activation"]
    result.train_accuracy = network.accuracy(network.predict(params, X_train, act), Y_train)
    if X_test is not None:
        result.test_accuracy = network.accuracy(network.predict(params, X_test, act), Y_test)
    if costs.size > 1 and costs[-1] > costs[0]:
        result.notes.append("the cost ended higher than it started: the learning rate is probably too high")
    return result


def _check_result(result):
    if not isinstance(result, Result):
        raise TypeError(f"result must be a playground Result (from playground.run()), got {type(result).__name__}")
    return result


def summary(result):
    """One line of plain text: the settings that matter and the accuracies (or why training failed)."""
    s = _check_result(result).settings
    act = s["activation"] if isinstance(s["activation"], str) else s["activation"].name
    what = (
        f"{act}, {s['n_hidden']} hidden unit{'s' if s['n_hidden'] != 1 else ''}, "
        f"learning rate {s['learning_rate']:g}, {s['num_iterations']} iterations"
    )
    if result.diverged:
        return f"{what}: {result.message}"
    text = f"{what}: train accuracy {result.train_accuracy:.1f}%"
    if result.test_accuracy is not None:
        text += f", test accuracy {result.test_accuracy:.1f}%"
    return text + "".join(f" (note: {note})" for note in result.notes)


def plot(result, axes=None, *, discretize=False, show_test=True):
    """Draw a :class:`Result`: decision boundary with the points (left) and cost curve (right); return the two axes."""
    _check_result(result)
    if axes is None:
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(1, 2, figsize=(11, 4.2), layout="constrained")
    ax_boundary, ax_cost = axes
    s = result.settings
    name = DATASET_LABELS[s["dataset"]]
    test = (result.X_test, result.Y_test) if show_test and result.X_test is not None else (None, None)
    if result.diverged:
        plotting.plot_dataset(result.X_train, result.Y_train, ax=ax_boundary, title="")
        ax_boundary.set_title(f"{name}: training diverged, no boundary")
        ax_cost.text(
            0.5,
            0.5,
            "training diverged:\nlower the learning rate\nor the init scale",
            ha="center",
            va="center",
            color="firebrick",
            fontsize=12,
            transform=ax_cost.transAxes,
        )
        ax_cost.set_title("cost during training")
        ax_cost.set_xlabel("iteration")
        ax_cost.set_ylabel("cost")
        return axes
    plotting.plot_decision_boundary(
        result.predict_proba,
        result.X_train,
        result.Y_train,
        ax=ax_boundary,
        discretize=discretize,
        X_test=test[0],
        Y_test=test[1],
        resolution=120,
        title="",
    )
    score = f"train {result.train_accuracy:.1f}%"
    if result.test_accuracy is not None:
        score += f", test {result.test_accuracy:.1f}%"
    ax_boundary.set_title(f"{name}: {score}")
    plotting.plot_costs(result.costs, ax=ax_cost)
    act = s["activation"] if isinstance(s["activation"], str) else s["activation"].name
    ax_cost.set_title(f"cost during training ({act}, {s['n_hidden']} hidden, lr {s['learning_rate']:g})")
    return axes


def render_png(result, *, discretize=False, show_test=True, dpi=72):
    """The :func:`plot` figure as PNG bytes (no pyplot: safe to call from widget callbacks)."""
    from matplotlib.figure import Figure

    _check_result(result)
    fig = Figure(figsize=(11, 4.2), layout="constrained")
    plot(result, fig.subplots(1, 2), discretize=discretize, show_test=show_test)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _fmt_rate(rate):
    return f"{rate:g}"


class Playground:
    """The widget app. ``Playground(**settings)`` builds the controls, trains once and shows the result.

    Attributes: ``controls`` (dict of the input widgets, keyed like :data:`DEFAULTS`, plus
    ``discretize``, ``show_test`` and ``auto``), ``train_button``, ``status`` (HTML with the accuracy
    text or the divergence message), ``figure`` (an Image widget holding the PNG), ``app`` (the whole
    layout), ``result`` (the latest :class:`Result`) and ``runs`` (how many trainings so far).
    Display it by making it the last expression of a cell.
    """

    def __init__(self, **settings):
        import ipywidgets as w

        s = check_settings(**settings)
        if not isinstance(s["activation"], str):
            raise TypeError(
                f"the playground's activation must be a registry name, one of {', '.join(activations.available())}"
            )
        style = {"description_width": "110px"}
        wide = w.Layout(width="340px")

        def snap(value, choices):  # nearest allowed choice for a slider
            numbers = [c for c in choices if not isinstance(c, str)]
            if isinstance(value, str) or value in choices:
                return value
            return min(numbers, key=lambda c: abs(np.log(c) - np.log(value)) if c > 0 and value > 0 else abs(c - value))

        c = {
            "dataset": w.Dropdown(
                options=[(DATASET_LABELS[d], d) for d in DATASETS],
                value=s["dataset"],
                description="data set",
                style=style,
                layout=wide,
            ),
            "noise": w.FloatSlider(
                value=s["noise"],
                min=0.0,
                max=0.5,
                step=0.05,
                description="noise",
                readout_format=".2f",
                continuous_update=False,
                style=style,
                layout=wide,
            ),
            "test_share": w.FloatSlider(
                value=s["test_share"],
                min=0.0,
                max=0.5,
                step=0.05,
                description="test share",
                readout_format=".0%",
                continuous_update=False,
                style=style,
                layout=wide,
            ),
            "activation": w.Dropdown(
                options=list(activations.available()),
                value=s["activation"],
                description="activation",
                style=style,
                layout=wide,
            ),
            "n_hidden": w.IntSlider(
                value=s["n_hidden"],
                min=1,
                max=50,
                description="hidden width",
                continuous_update=False,
                style=style,
                layout=wide,
            ),
            "learning_rate": w.SelectionSlider(
                options=[(_fmt_rate(r), r) for r in LEARNING_RATES],
                value=snap(s["learning_rate"], LEARNING_RATES),
                description="learning rate",
                continuous_update=False,
                style=style,
                layout=wide,
            ),
            "num_iterations": w.SelectionSlider(
                options=list(ITERATIONS),
                value=snap(s["num_iterations"], ITERATIONS),
                description="iterations",
                continuous_update=False,
                style=style,
                layout=wide,
            ),
            "init_scale": w.Dropdown(
                options=[(str(v), v) for v in INIT_SCALES],
                value=snap(s["init_scale"], INIT_SCALES),
                description="init scale",
                style=style,
                layout=wide,
            ),
            "seed": w.IntSlider(
                value=s["seed"],
                min=0,
                max=20,
                description="seed (weights)",
                continuous_update=False,
                style=style,
                layout=wide,
            ),
            "discretize": w.Checkbox(value=False, description="discretize (show 0/1 regions)", indent=False),
            "show_test": w.Checkbox(value=True, description="show test points", indent=False),
            "auto": w.Checkbox(value=True, description="train on every change", indent=False),
        }
        for name, control in c.items():
            control.add_class(f"playground-{name.replace('_', '-')}")
        c["n_hidden"].add_class("playground-width")
        self.controls = c
        self.train_button = w.Button(
            description="Train", button_style="primary", icon="play", tooltip="train the network with these settings"
        )
        self.train_button.add_class("playground-train")
        self.status = w.HTML(value="")
        self.status.add_class("playground-status")
        self.figure = w.Image(format="png", layout=w.Layout(width="100%", max_width="800px"))
        self.figure.add_class("playground-figure")
        self.result = None
        self.runs = 0
        self.response_seconds = None
        self._lock = threading.RLock()

        for name in DEFAULTS:
            c[name].observe(self._on_setting, names="value")
        c["discretize"].observe(self._on_view, names="value")
        c["show_test"].observe(self._on_view, names="value")
        self.train_button.on_click(lambda _button: self.train())

        data_box = w.VBox([w.HTML("<b>Data</b>"), c["dataset"], c["noise"], c["test_share"]])
        net_box = w.VBox([w.HTML("<b>Network</b>"), c["activation"], c["n_hidden"], c["init_scale"], c["seed"]])
        train_box = w.VBox(
            [
                w.HTML("<b>Training</b>"),
                c["learning_rate"],
                c["num_iterations"],
                w.HBox([self.train_button, c["auto"]]),
                c["discretize"],
                c["show_test"],
            ]
        )
        self.app = w.VBox(
            [w.HBox([data_box, net_box, train_box], layout=w.Layout(flex_flow="row wrap")), self.status, self.figure]
        )
        self.app.add_class("playground-app")
        self.train()

    def settings(self):
        """The current settings, read from the controls."""
        return {name: self.controls[name].value for name in DEFAULTS}

    def train(self):
        """Train with the current settings, update the figure and the status; return the :class:`Result`.

        Runs one at a time: the kernel may call widget callbacks on several threads at once (ipykernel 7),
        so a run waits for the previous one and reads the settings only when it starts. The last run
        therefore always shows the latest settings.
        """
        with self._lock:
            self.train_button.disabled = True
            self.status.value = "<i>training...</i>"
            try:
                start = time.perf_counter()
                self.result = run(**self.settings())
                self.runs += 1
                self._draw()
                self.response_seconds = time.perf_counter() - start
                self._show_status()
            except Exception as exc:
                import html

                self.status.value = f"<b style='color:firebrick'>Error:</b> {html.escape(str(exc))}"
                raise
            finally:
                self.train_button.disabled = False
            return self.result

    def _draw(self):
        with self._lock:
            self.figure.value = render_png(
                self.result, discretize=self.controls["discretize"].value, show_test=self.controls["show_test"].value
            )

    def _show_status(self):
        import html

        text = html.escape(summary(self.result))
        if self.result.diverged:
            self.status.value = f"<b style='color:firebrick'>Training diverged.</b> <span>{text}</span>"
        else:
            colour = "darkorange" if self.result.notes else "inherit"
            self.status.value = (
                f"<span style='color:{colour}'>{text}</span> "
                f"<small>(trained and drawn in {self.response_seconds:.2f} s)</small>"
            )

    def _on_setting(self, _change):
        if self.controls["auto"].value:
            self.train()
        else:
            self.status.value = "<i>settings changed: press Train</i>"

    def _on_view(self, _change):
        if self.result is not None:
            self._draw()

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.app._repr_mimebundle_(**kwargs)
        # A stable plain-text fallback (GitHub, nbval) instead of the long repr of every control.
        bundle["text/plain"] = (
            "Interactive playground: run this notebook in JupyterLab (or on Binder) to use the controls."
        )
        return bundle
