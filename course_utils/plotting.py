"""Figures used by the course notebooks: activations and derivatives, decision boundaries, cost curves.

Every helper draws on ``ax`` (a matplotlib Axes) when one is given, otherwise it creates a new figure
and axis; it returns the axis (or array of axes) it drew on so the caller can add to it. Titles and
axis labels are set; no rcParams or other global style is changed on import or on call.
"""

import matplotlib.pyplot as plt
import numpy as np

from . import _validation
from . import activations as _activations
from ._validation import as_float_array

_DEFAULT_Z = (-6.0, 6.0, 601)


def _as_function(activation):
    """Return (callable, derivative or None, display name) for a name, Activation or plain callable."""
    if isinstance(activation, (str, _activations.Activation)):
        act = _activations.as_activation(activation)
        return act, act.derivative, act.name
    if callable(activation):
        name = getattr(activation, "__name__", type(activation).__name__)
        derivative = getattr(activation, "derivative", None)
        return activation, derivative if callable(derivative) else None, name
    raise TypeError(
        "activation must be an activation name, an Activation or a callable z -> array, "
        f"got {type(activation).__name__}"
    )


def _default_z(z, default=_DEFAULT_Z):
    if z is None:
        return np.linspace(*default)
    z = as_float_array("z", z, ndim=1, allow_nonfinite=False)
    if z.size == 0:
        raise ValueError("z must hold at least one point, got an empty array")
    return z


def _check_ax(ax):
    """Return ``ax`` if it is None or a matplotlib Axes, else raise a TypeError naming ``ax``."""
    from matplotlib.axes import Axes

    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes (e.g. from plt.subplots()) or None, got {type(ax).__name__}")
    return ax


def plot_activation(activation, z=None, ax=None, derivative=False, label=None, **line_kwargs):
    """Plot an activation (name, Activation or callable) or its derivative against z; return the axis."""
    function, deriv, name = _as_function(activation)
    derivative = _validation.check_bool("derivative", derivative)
    if derivative and deriv is None:
        raise TypeError(
            f"derivative=True needs an activation name or an Activation (with .derivative); "
            f"got a plain callable {name!r}"
        )
    z = _default_z(z)
    values = np.asarray((deriv if derivative else function)(z))
    if _check_ax(ax) is None:
        _, ax = plt.subplots(figsize=(6, 4))
    what = f"{name}'" if derivative else name
    ax.plot(z, values, label=what if label is None else label, **line_kwargs)
    ax.set_xlabel("z")
    ax.set_ylabel("dA/dz" if derivative else "A = g(z)")
    if not ax.get_title():
        ax.set_title(f"derivative of {name}" if derivative else name)
    ax.axhline(0, color="0.8", linewidth=0.8, zorder=0)
    ax.axvline(0, color="0.8", linewidth=0.8, zorder=0)
    return ax


def plot_with_derivative(activation, z=None, axes=None):
    """Plot an activation and its derivative side by side (two titled panels); return the two axes."""
    _, deriv, name = _as_function(activation)
    if deriv is None:
        raise TypeError(f"plot_with_derivative needs an activation name or an Activation, got {name!r}")
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(10, 4))
    axes = np.asarray(axes).ravel()
    if axes.size != 2:
        raise ValueError(f"axes must hold exactly 2 axes, got {axes.size}")
    plot_activation(activation, z, ax=axes[0])
    plot_activation(activation, z, ax=axes[1], derivative=True, color="C1")
    axes[0].set_title(f"{name}(z)")
    axes[1].set_title(f"{name}'(z)")
    return axes


def activation_gallery(names=None, z=None, ncols=3):
    """Grid with one panel per activation (default: all registered), value solid, derivative dashed; return the axes."""
    if names is None:
        names = _activations.available()
    if isinstance(names, (str, _activations.Activation)) or not hasattr(names, "__len__") or len(names) == 0:
        raise ValueError(f"names must be a non-empty list of activation names or Activations, got {names!r}")
    acts = [_activations.as_activation(name, argument="names") for name in names]
    z = _default_z(z, default=(-4.0, 4.0, 401))
    ncols = min(_validation.check_int("ncols", ncols, low=1), len(acts))
    nrows = -(-len(acts) // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(3.6 * ncols, 2.9 * nrows + 0.8), layout="constrained", squeeze=False
    )
    for i, (ax, act) in enumerate(zip(axes.ravel(), acts)):
        plot_activation(act, z, ax=ax, label="g(z)")
        plot_activation(act, z, ax=ax, derivative=True, label="g'(z)", color="C1", linestyle="--")
        ax.set_title(act.name)
        ax.set_ylabel("g(z), g'(z)" if i % ncols == 0 else "")
    for ax in axes.ravel()[len(acts) :]:
        ax.set_visible(False)
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=2)
    fig.suptitle("Activations g (solid) and their derivatives g' (dashed)")
    return axes


# --- decision boundaries, cost curves, boundary grids -------------------------------------------------
# The mesh code lives here once. Memory: the model is evaluated on ``resolution`` x ``resolution`` points
# (at most 250 x 250 = 62 500, whatever the data range); a hidden layer of n units then needs about
# n x 0.5 MB per float64 array (25 MB for n = 50), so a notebook full of boundaries stays far below
# 300 MB. (The classic course code steps 0.01 through the data range: 800 x 800 points on the flower.)
BOUNDARY_MAX_RESOLUTION = 250
_BOUNDARY_CMAP = "RdBu"  # diverging: class 0 red, class 1 blue, white at probability 0.5
_CLASS_COLORS = ("#c0392b", "#2166ac")


def _check_X(X, name="X"):
    """Return X as a finite float (2, m) array (course column convention)."""
    X = _validation.as_float_array(name, X, allow_nonfinite=False, ndim=2)
    if X.shape[0] != 2:
        hint = " (rows convention? pass X.T)" if X.shape[1] == 2 else ""
        raise ValueError(f"{name} must have shape (2, m) (course column convention), got {X.shape}{hint}")
    if X.shape[1] == 0:
        raise ValueError(f"{name} must hold at least one point (column), got shape {X.shape}")
    return X


def _check_points(X, Y, x_name="X", y_name="Y"):
    """Return X (2, m) floats, the colour index (m,) of each label and the two label values."""
    X = _check_X(X, x_name)
    Y = np.asarray(Y)
    if Y.ndim == 2 and Y.shape[0] == 1:
        Y = Y[0]
    if Y.ndim != 1 or Y.shape[0] != X.shape[1]:
        raise ValueError(
            f"{y_name} must have shape (1, m) or (m,) with m = {X.shape[1]} (columns of {x_name}), got {np.shape(Y)}"
        )
    if Y.dtype.kind == "f" and not np.all(np.isfinite(Y)):
        raise ValueError(f"{y_name} must not contain NaN or inf")
    labels = np.unique(Y)
    if labels.size > 2:
        raise ValueError(f"{y_name} must hold at most two classes, got {labels.size}: {labels[:5]}")
    if np.isin(labels, [0, 1]).all():  # course labels: colour by value
        labels = np.array([0, 1])
    return X, np.searchsorted(labels, Y), labels


def plot_dataset(X, Y, ax=None, *, marker="o", prefix="", title=None, size=25):
    """Scatter the (2, m) points X coloured by their label Y (1, m), black edges; return the axis."""
    X, index, labels = _check_points(X, Y)
    if _check_ax(ax) is None:
        _, ax = plt.subplots(figsize=(6, 4.5), layout="constrained")
    for k, label in enumerate(labels):
        mask = index == k
        if mask.any():
            ax.scatter(
                X[0, mask],
                X[1, mask],
                s=size,
                c=_CLASS_COLORS[k],
                marker=marker,
                edgecolors="k",
                linewidths=0.6,
                label=f"{prefix}class {label}",
            )
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    if title is not None or not ax.get_title():
        ax.set_title("data set" if title is None else title)
    return ax


def _mesh(X, resolution, margin):
    """Return the mesh axes (x1 grid, x2 grid), each (resolution, resolution), around X plus a margin."""
    lows, highs = X.min(axis=1), X.max(axis=1)
    spans = np.where(highs > lows, highs - lows, 1.0)
    lows, highs = lows - margin * spans, highs + margin * spans
    return np.meshgrid(np.linspace(lows[0], highs[0], resolution), np.linspace(lows[1], highs[1], resolution))


def _model_values(model, points, proba):
    """Evaluate ``model`` on (2, k) column points: P(class 1) (or 0/1 labels) as a (k,) float array."""
    k = points.shape[1]
    if hasattr(model, "predict"):  # scikit-learn estimator: rows convention
        rows = points.T
        classes = getattr(model, "classes_", None)
        if classes is not None and len(classes) != 2:
            raise ValueError(f"model must be a binary classifier, its classes_ are {list(classes)}")
        if proba and hasattr(model, "predict_proba"):
            values = np.asarray(model.predict_proba(rows))[:, 1]
        else:
            predicted = np.asarray(model.predict(rows))
            positive = classes[1] if classes is not None else 1
            values = predicted == positive
    elif callable(model):  # callable: (2, k) columns -> (1, k) or (k,)
        values = np.asarray(model(points))
        if values.size != k:
            raise ValueError(
                f"model (a callable) must map a (2, k) array to k values, shape (1, k); "
                f"for k = {k} it returned shape {values.shape}"
            )
        values = values.reshape(k)
    else:
        raise TypeError(
            "model must be a scikit-learn estimator (with predict) or a callable mapping a "
            f"(2, k) array to probabilities or labels (1, k); got {type(model).__name__}"
        )
    values = _validation.as_float_array("model output", values)
    if not np.all(np.isfinite(values)):
        raise ValueError("model output must be probabilities or 0/1 labels in [0, 1], got NaN or inf")
    if values.min() < 0 or values.max() > 1:
        raise ValueError(
            "model output must be probabilities or 0/1 labels in [0, 1], got values from "
            f"{np.nanmin(values):.4g} to {np.nanmax(values):.4g}"
        )
    if not proba:
        values = (values > 0.5).astype(float)
    return values


def decision_values(model, X, *, proba=True, resolution=200, margin=0.1):
    """Evaluate model on a resolution x resolution mesh around the (2, m) data X; return (xx1, xx2, values).

    ``model`` is a fitted scikit-learn classifier (rows convention; ``predict_proba`` is used when
    ``proba`` and available, ``predict`` otherwise) or a callable mapping a (2, k) column array to
    P(class 1) or 0/1 labels of shape (1, k), e.g. ``lambda Xg: network.predict_proba(params, Xg, act)``.
    ``values`` holds P(class 1) (or 0/1 labels when ``proba=False``: 1 where P(class 1) > 0.5, as
    ``network.predict`` and scikit-learn decide) in the mesh shape (resolution, resolution). ``resolution`` is capped at
    ``BOUNDARY_MAX_RESOLUTION`` (250) points per axis whatever the data range, ``margin`` is the
    fraction of the data range added on every side.
    """
    X = _check_X(X)
    resolution = _validation.check_int("resolution", resolution, low=10, high=BOUNDARY_MAX_RESOLUTION)
    margin = _validation.check_real("margin", margin, low=0.0, high=1.0)
    if not isinstance(proba, (bool, np.bool_)):
        raise TypeError(f"proba must be True or False, got {proba!r}")
    xx1, xx2 = _mesh(X, resolution, margin)
    values = _model_values(model, np.vstack([xx1.ravel(), xx2.ravel()]), bool(proba))
    return xx1, xx2, values.reshape(xx1.shape)


def plot_decision_boundary(
    model,
    X,
    Y,
    ax=None,
    *,
    proba=True,
    discretize=False,
    resolution=200,
    margin=0.1,
    X_test=None,
    Y_test=None,
    title=None,
    legend=True,
):
    """Shade P(class 1) of a model (estimator or callable on (2, k) columns) around X (2, m), Y (1, m)."""
    X, _, _ = _check_points(X, Y)
    if (X_test is None) != (Y_test is None):
        raise ValueError("X_test and Y_test must be given together (or neither)")
    if X_test is not None:
        _check_points(X_test, Y_test, "X_test", "Y_test")
    if not isinstance(discretize, (bool, np.bool_)):
        raise TypeError(f"discretize must be True or False, got {discretize!r}")
    both = X if X_test is None else np.hstack([X, _check_X(X_test, "X_test")])
    xx1, xx2, values = decision_values(model, both, proba=proba, resolution=resolution, margin=margin)
    if _check_ax(ax) is None:
        _, ax = plt.subplots(figsize=(6, 4.5), layout="constrained")
    if discretize or not proba:
        shade, levels = (values > 0.5).astype(float), [0.0, 0.5, 1.0]
    else:
        shade, levels = values, np.linspace(0.0, 1.0, 11)
    ax.contourf(xx1, xx2, shade, levels=levels, cmap=_BOUNDARY_CMAP, vmin=-0.25, vmax=1.25, alpha=0.65)
    if values.min() < 0.5 < values.max():  # no 0.5 crossing -> no contour (and no warning)
        ax.contour(xx1, xx2, values, levels=[0.5], colors="k", linewidths=1.2)
    plot_dataset(X, Y, ax=ax, prefix="train " if X_test is not None else "", title="")
    if X_test is not None:
        plot_dataset(X_test, Y_test, ax=ax, marker="^", prefix="test ", size=40, title="")
    if title is None:
        title = f"decision boundary: {type(model).__name__}" if hasattr(model, "predict") else "decision boundary"
    ax.set_title(title)
    ax.set_xlim(xx1[0, 0], xx1[0, -1])
    ax.set_ylim(xx2[0, 0], xx2[-1, 0])
    if legend:
        ax.legend(loc="upper right", fontsize="small", framealpha=0.8)
    return ax


def plot_costs(costs, ax=None, every=100, label=None, log=False):
    """Plot a cost curve recorded every ``every`` iterations (x axis = iteration); call again for more curves."""
    costs = _validation.as_float_array("costs", costs, ndim=1)
    if costs.size == 0:
        raise ValueError("costs must hold at least one value, got an empty sequence")
    every = _validation.check_int("every", every, low=1)
    log = _validation.check_bool("log", log)
    if _check_ax(ax) is None:
        _, ax = plt.subplots(figsize=(6, 4), layout="constrained")
    ax.plot(np.arange(costs.size) * every, costs, label=label)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost (log scale)" if log else "cost")
    if not ax.get_title():
        ax.set_title("cost during training")
    if any(not line.get_label().startswith("_") for line in ax.get_lines()):
        ax.legend()
    return ax


def boundary_grid(
    models,
    X,
    Y,
    titles,
    ncols=3,
    scores=None,
    *,
    score_format="{:.1f}%",
    suptitle=None,
    panel_size=(4.0, 3.4),
    **boundary_kwargs,
):
    """Draw one decision-boundary panel per model in one figure, score in a corner; return the axes (1-D array).

    ``X``, ``Y`` are either shared by every panel or lists/tuples with one (2, m) / (1, m) array per
    model. ``scores`` (optional, one per model) are numbers formatted with ``score_format`` (percent
    by default) or ready strings. Extra keyword arguments go to :func:`plot_decision_boundary`.
    """
    if not hasattr(models, "__iter__") or isinstance(models, str):
        raise TypeError(f"models must be a list of fitted estimators or callables, got {type(models).__name__}")
    models = list(models)
    n = len(models)
    if n == 0:
        raise ValueError("models must hold at least one model or callable, got none")
    if not hasattr(titles, "__iter__") or isinstance(titles, str):
        raise TypeError(f"titles must be a list of {n} strings (one per model), got {type(titles).__name__}")
    titles = list(titles)
    if len(titles) != n:
        raise ValueError(f"titles must hold one title per model ({n}), got {len(titles)}")
    if scores is not None:
        scores = list(scores)
        if len(scores) != n:
            raise ValueError(f"scores must hold one score per model ({n}), got {len(scores)}")
    per_panel = isinstance(X, (list, tuple)) and all(np.ndim(x) == 2 for x in X)
    if per_panel and not (len(X) == n and isinstance(Y, (list, tuple)) and len(Y) == n):
        raise ValueError(
            f"X and Y given per panel must be lists of {n} arrays (one per model), "
            f"got {len(X)} and {len(Y) if isinstance(Y, (list, tuple)) else 'one array'}"
        )
    ncols = _validation.check_int("ncols", ncols, low=1)
    ncols = min(ncols, n)
    nrows = -(-n // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(panel_size[0] * ncols, panel_size[1] * nrows + 0.6), layout="constrained", squeeze=False
    )
    axes = axes.ravel()
    for i, model in enumerate(models):
        ax = axes[i]
        plot_decision_boundary(
            model,
            X[i] if per_panel else X,
            Y[i] if per_panel else Y,
            ax=ax,
            title=titles[i],
            legend=False,
            **boundary_kwargs,
        )
        if scores is not None:
            text = scores[i] if isinstance(scores[i], str) else score_format.format(scores[i])
            ax.text(
                0.97,
                0.03,
                text,
                transform=ax.transAxes,
                ha="right",
                va="bottom",
                size=13,
                bbox=dict(boxstyle="round", facecolor="white", alpha=0.85),
            )
    for ax in axes[n:]:
        ax.set_visible(False)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=len(labels), fontsize="small")
    if suptitle is not None:
        fig.suptitle(suptitle)
    return axes[:n]


def plot_spread(
    groups,
    ax=None,
    *,
    xlabel="",
    ylabel="accuracy (%)",
    title="spread over seeds",
    jitter=0.12,
    seed=0,
    offset=0.0,
    width=0.5,
    color=None,
    label=None,
):
    """Box plot plus jittered points (a strip) for a dict {group label: values}; return the axis.

    Call twice with ``offset`` (e.g. -0.2 and 0.2), ``width`` and ``label`` to put two conditions
    side by side per group. The jitter is drawn from ``np.random.RandomState(seed)``.
    """
    _check_ax(ax)
    if not isinstance(groups, dict) or not groups:
        raise ValueError(f"groups must be a non-empty dict {{label: values}}, got {type(groups).__name__}")
    values = [as_float_array(f"groups[{key!r}]", v, ndim=1, allow_nonfinite=False) for key, v in groups.items()]
    for key, v in zip(groups, values):
        if v.size == 0:
            raise ValueError(f"groups[{key!r}] must hold at least one value, got none")
    jitter = _validation.check_real("jitter", jitter, low=0.0, high=0.5)
    seed = _validation.check_seed("seed", seed)
    offset = _validation.check_real("offset", offset)
    width = _validation.check_real("width", width, low=0.0, low_inclusive=False)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4), layout="constrained")
    positions = np.arange(len(values)) + offset
    box = ax.boxplot(
        values,
        positions=positions,
        widths=width,
        showfliers=False,
        patch_artist=True,
        manage_ticks=False,
        medianprops=dict(color="k"),
    )
    line = ax.plot([], [], "o", color=color, label=label)[0]  # fixes the colour and legend entry
    colour = line.get_color()
    for patch in box["boxes"]:
        patch.set_facecolor(colour)
        patch.set_alpha(0.3)
    rs = np.random.RandomState(seed)
    for x, v in zip(positions, values):
        ax.plot(x + rs.uniform(-jitter, jitter, v.size) * width, v, "o", color=colour, alpha=0.7, markersize=4)
    ax.set_xticks(np.arange(len(values)), [str(key) for key in groups])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    if label is not None:
        ax.legend()
    return ax
