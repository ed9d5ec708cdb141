"""The playground's controls: one ipywidgets input per setting, keyed like :data:`DEFAULTS`.

:func:`controls` builds them for a checked settings dict: drop-downs for the data set, the activation (the
registry's names, plus a learner's own ``activations.Activation``) and the init scale; sliders that snap to
the choice lists (:data:`LEARNING_RATES`, :data:`ITERATIONS`); one tick box per input feature (a widget whose
``value`` is the tuple of ticked names); and the view toggles ``discretize`` and ``show_test``. Every control
carries the CSS class ``playground-<name>``, by which the browser test finds it. ipywidgets is imported on
first use.
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
    LEARNING_RATES,
    check_feature_names,
)


def _fmt_rate(rate):
    return f"{rate:g}"


def _snap(value, choices):
    """The nearest allowed choice of a slider (log distance for positive numbers)."""
    numbers = [c for c in choices if not isinstance(c, str)]
    if isinstance(value, str) or value in choices:
        return value
    return min(numbers, key=lambda c: abs(np.log(c) - np.log(value)) if c > 0 and value > 0 else abs(c - value))


def _activation_options(activation):
    """The activation drop-down's (label, value) pairs: the registry's names, plus a learner's own Activation."""
    options = [(name, name) for name in activations.available()]
    if not isinstance(activation, str):  # a learner's own Activation: one more option
        label = activation.label
        if label in activations.available():
            label += " (yours)"
        options.append((label, activation))
    return options


def controls(s):
    """The input widgets for the checked settings ``s``, keyed like :data:`DEFAULTS` plus ``discretize`` and
    ``show_test``; each carries the CSS class ``playground-<name>`` (the browser test finds them by it)."""
    import ipywidgets as w

    style = {"description_width": "105px"}
    wide = w.Layout(width="320px")

    def control(widget, description, **options):
        """One labelled control of the standard width; a slider reports its value when released."""
        if issubclass(widget, (w.FloatSlider, w.IntSlider, w.SelectionSlider)):
            options["continuous_update"] = False
        return widget(description=description, style=style, layout=wide, **options)

    c = {
        "dataset": control(
            w.Dropdown, "data set", options=[(DATASET_LABELS[d], d) for d in DATASETS], value=s["dataset"]
        ),
        "noise": control(w.FloatSlider, "noise", value=s["noise"], min=0.0, max=0.5, step=0.05, readout_format=".2f"),
        "test_size": control(
            w.FloatSlider, "test share", value=s["test_size"], min=0.0, max=0.5, step=0.05, readout_format=".0%"
        ),
        "features": _FeatureBoxes(s["features"]),
        "activation": control(
            w.Dropdown, "activation", options=_activation_options(s["activation"]), value=s["activation"]
        ),
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
        "init": control(
            w.Dropdown,
            "init scale",
            options=[(str(v), v) for v in INIT_SCALES],
            value=_snap(s["init"], INIT_SCALES),
        ),
        "seed": control(w.IntSlider, "seed (weights)", value=s["seed"], min=0, max=20),
        "discretize": w.Checkbox(value=False, description="discretize (show 0/1 regions)", indent=False),
        "show_test": w.Checkbox(value=True, description="show test points", indent=False),
    }
    for name, widget in c.items():
        widget.add_class(f"playground-{name.replace('_', '-')}")
    c["n_hidden"].add_class("playground-width")
    return c


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
