"""The playground's controls: one ipywidgets input per setting, keyed like :data:`DEFAULTS`.

:func:`controls` builds them for a checked settings dict: drop-downs for the data set, the activation (the
registry's names, the identity shown as "linear", plus a learner's own ``activations.Activation``) and the init
scale; a log slider for the learning rate (:data:`LEARNING_RATE_RANGE`); sliders that snap to the choice lists
(:data:`ITERATIONS`) or show them (:data:`L2_RATES`); a box of tick boxes for the input features and one for the
hidden layers (buttons that add and remove a layer, one drop-down of units per layer), each a widget whose
``value`` is a tuple; the data seed; and the view toggles ``discretize`` and ``show_test``. Every control carries
the CSS class ``playground-<name>``, by which the browser test finds it. ipywidgets is imported on first use.
"""

import functools

import numpy as np

from .. import activations
from .settings import (
    DATASET_LABELS,
    DATASETS,
    FEATURE_LABELS,
    FEATURES,
    INIT_SCALES,
    ITERATIONS,
    L2_RATES,
    LEARNING_RATE_RANGE,
    MAX_LAYERS,
    MAX_UNITS,
    check_feature_names,
    check_hidden_layers,
)

#: The width (pixels) of the controls' descriptions; the controls fill their cell of the app's grid.
DESCRIPTION_WIDTH = "70px"


def _snap(value, choices):
    """The nearest allowed choice of a slider (log distance for positive numbers)."""
    numbers = [c for c in choices if not isinstance(c, str)]
    if isinstance(value, str) or value in choices:
        return value
    return min(numbers, key=lambda c: abs(np.log(c) - np.log(value)) if c > 0 and value > 0 else abs(c - value))


def _activation_options(activation):
    """The activation drop-down's (label, value) pairs: the registry's names (the identity shown by its label,
    "linear", as TensorFlow Playground names it), plus a learner's own Activation."""
    options = [(activations.get(name).label if name == "identity" else name, name) for name in activations.available()]
    if not isinstance(activation, str):  # a learner's own Activation: one more option
        label = activation.label
        if label in [shown for shown, _ in options]:
            label += " (yours)"
        options.append((label, activation))
    return options


def _with(value, choices):
    """The choices, plus ``value`` in its sorted place if it is not one of them (a setting is never changed)."""
    return tuple(sorted({*choices, value}))


def controls(s):
    """The input widgets for the checked settings ``s``, keyed like :data:`DEFAULTS` plus ``discretize`` and
    ``show_test``; each carries the CSS class ``playground-<name>`` (the browser test finds them by it)."""
    import ipywidgets as w

    style = {"description_width": DESCRIPTION_WIDTH}

    def control(widget, description, width=None, **options):
        """One labelled control filling its grid cell; a slider reports its value when released."""
        if issubclass(widget, (w.FloatSlider, w.FloatLogSlider, w.IntSlider, w.SelectionSlider)):
            options["continuous_update"] = False
        look = style if width is None else {"description_width": width}
        return widget(description=description, style=look, layout=w.Layout(width="100%", min_width="0"), **options)

    low, high = np.log10(LEARNING_RATE_RANGE)
    rate = np.log10(s["learning_rate"])  # a rate outside the range widens it: a setting is never changed
    c = {
        "dataset": control(w.Dropdown, "data", options=[(DATASET_LABELS[d], d) for d in DATASETS], value=s["dataset"]),
        "noise": control(w.FloatSlider, "noise", value=s["noise"], min=0.0, max=max(0.5, s["noise"]), step=0.05),
        "data_seed": control(w.BoundedIntText, "data seed", value=s["data_seed"], min=0, max=2**32 - 1),
        "test_size": control(
            w.FloatSlider,
            "test share",
            value=s["test_size"],
            min=0.0,
            max=max(0.5, s["test_size"]),
            step=0.05,
            readout_format=".0%",
        ),  # fmt: skip
        "features": _FeatureBoxes(s["features"]),
        "activation": control(
            w.Dropdown, "activation", options=_activation_options(s["activation"]), value=s["activation"]
        ),
        "hidden_layers": _LayerSizes(s["hidden_layers"]),
        "learning_rate": control(
            w.FloatLogSlider,
            "learning rate",
            "84px",
            value=s["learning_rate"],
            base=10,
            min=min(low, np.floor(rate)),
            max=max(high, np.ceil(rate)),
            step=0.1,
            readout_format=".2g",
        ),  # fmt: skip
        "l2": control(
            w.SelectionSlider, "L2", options=[(f"{v:g}", v) for v in _with(s["l2"], L2_RATES)], value=s["l2"]
        ),
        "num_iterations": control(
            w.SelectionSlider, "iterations", options=list(ITERATIONS), value=_snap(s["num_iterations"], ITERATIONS)
        ),
        "init": control(w.Dropdown, "init", options=[(str(v), v) for v in _with_init(s["init"])], value=s["init"]),
        "seed": control(w.IntSlider, "init seed", value=s["seed"], min=0, max=max(20, s["seed"])),
        "discretize": w.Checkbox(
            value=False, description="0/1 regions", indent=False, layout=w.Layout(width="auto", margin="0 8px 0 0")
        ),
        "show_test": w.Checkbox(value=True, description="test points", indent=False, layout=w.Layout(width="auto")),
    }
    for name, widget in c.items():
        widget.add_class(f"playground-{name.replace('_', '-')}")
    return c


def _with_init(init):
    """:data:`INIT_SCALES`, plus ``init`` at the end if it is another (checked) value."""
    return INIT_SCALES if init in INIT_SCALES else (*INIT_SCALES, init)


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
                    layout=w.Layout(width="auto", margin="0 6px 0 0"),
                )
                for name in FEATURES
            }
            for name, box in self.boxes.items():
                box.add_class("playground-feature-" + "".join(ch for ch in name if ch.isalnum()))
            self._syncing = False
            label = w.HTML("inputs", layout=w.Layout(width=DESCRIPTION_WIDTH))
            super().__init__(
                [label, *self.boxes.values()], value=tuple(ticked), layout=w.Layout(flex_flow="row wrap", width="100%")
            )
            for box in self.boxes.values():
                box.observe(self._box_changed, names="value")
            self.observe(self._push_to_boxes, names="value")

        @traitlets.validate("value")
        def _valid(self, proposal):
            return check_feature_names(proposal["value"])

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


@functools.cache
def _layer_sizes_class():
    """The hidden layers' widget class (built on first use: ipywidgets is imported lazily)."""
    import ipywidgets as w
    import traitlets

    class LayerSizes(w.HBox):
        """Buttons that remove and add a hidden layer (1 to MAX_LAYERS) and one drop-down of units per layer
        (1 to MAX_UNITS); ``value`` is the tuple of layer sizes (observable, settable). A new layer has the
        units of the last one."""

        value = traitlets.Tuple()

        def __init__(self, sizes=(4,)):
            self.label = w.HTML("layers", layout=w.Layout(width=DESCRIPTION_WIDTH))
            self.remove_button = self._button("minus", "remove the last hidden layer", "remove-layer")
            self.add_button = self._button("plus", "add a hidden layer", "add-layer")
            self.remove_button.on_click(lambda _b: self.remove_layer())
            self.add_button.on_click(lambda _b: self.add_layer())
            self.units = []
            self._syncing = False
            super().__init__(value=tuple(sizes), layout=w.Layout(width="100%", align_items="center"))
            self._show(self.value)
            self.observe(lambda change: self._show(change["new"]), names="value")

        @staticmethod
        def _button(icon, tooltip, name):
            button = w.Button(icon=icon, tooltip=tooltip, layout=w.Layout(width="30px", padding="0"))
            button.add_class(f"playground-{name}")
            return button

        @traitlets.validate("value")
        def _valid(self, proposal):
            return check_hidden_layers(proposal["value"])

        def add_layer(self):
            """One more hidden layer, as wide as the last (nothing at MAX_LAYERS layers)."""
            if len(self.value) < MAX_LAYERS:
                self.value = (*self.value, self.value[-1])

        def remove_layer(self):
            """Remove the last hidden layer (nothing with one layer left)."""
            if len(self.value) > 1:
                self.value = self.value[:-1]

        def _show(self, sizes):
            """One drop-down per layer showing its units; the buttons enabled where they can act."""
            self._syncing = True
            try:
                while len(self.units) < len(sizes):
                    i = len(self.units)
                    box = w.Dropdown(layout=w.Layout(width="52px"), tooltip=f"units in hidden layer {i + 1}")
                    box.add_class(f"playground-layer-{i + 1}")
                    box.observe(self._units_changed, names="value")
                    self.units.append(box)
                for box, n in zip(self.units, sizes):
                    box.options = _with(n, range(1, MAX_UNITS + 1))
                    box.value = n
            finally:
                self._syncing = False
            self.remove_button.disabled = len(sizes) <= 1
            self.add_button.disabled = len(sizes) >= MAX_LAYERS
            self.children = [self.label, self.remove_button, self.add_button, *self.units[: len(sizes)]]

        def _units_changed(self, _change):
            if not self._syncing:
                self.value = tuple(box.value for box in self.units[: len(self.value)])

    return LayerSizes


def _LayerSizes(sizes=(4,)):
    return _layer_sizes_class()(sizes)
