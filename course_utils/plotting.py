"""Figures used by the course notebooks: activations and derivatives, decision boundaries, cost curves.

Every helper draws on ``ax`` (a matplotlib Axes) when one is given, otherwise it creates a new figure
and axis; it returns the axis (or array of axes) it drew on so the caller can add to it. Titles and
axis labels are set; no rcParams or other global style is changed on import or on call.
"""

import matplotlib.pyplot as plt
import numpy as np

from . import _validation, network
from . import activations as _activations
from ._validation import as_float_array

_DEFAULT_Z = (-6.0, 6.0, 601)


def _as_function(activation):
    """Return (callable, derivative or None, display name) for a name, Activation or plain callable."""
    if isinstance(activation, (str, _activations.Activation)):
        act = _activations.as_activation(activation)
        return act, act.derivative, act.label
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
    what = f"{name}′" if derivative else name
    ax.plot(z, values, label=what if label is None else label, **line_kwargs)
    ax.set_xlabel("z")
    ax.set_ylabel("g′(z)" if derivative else "g(z)")
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
    axes[0].set_title(name)
    axes[1].set_title(f"derivative of {name}")
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
        plot_activation(act, z, ax=ax, derivative=True, label="g′(z)", color="C1", linestyle="--")
        ax.set_title(act.label)
        ax.set_ylabel("g(z), g′(z)" if i % ncols == 0 else "")
    for ax in axes.ravel()[len(acts) :]:
        ax.set_visible(False)
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=2)
    fig.suptitle("Activations g (solid) and their derivatives g′ (dashed)")
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
    """Return X as a finite float64 (2, m) array: points in the plane, one per column."""
    return _validation.check_X(X, name, n_features=2)


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
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
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
    colorbar=True,
):
    """Shade P(class 1) of a model (estimator or callable on (2, k) columns) around X (2, m), Y (1, m).

    The black line is the decision boundary (P = 0.5). ``colorbar`` adds a colour bar for the shading
    and ``legend`` a legend of the point classes, below the axis so that it never covers the data.
    Returns the axis.
    """
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
    shading = ax.contourf(xx1, xx2, shade, levels=levels, cmap=_BOUNDARY_CMAP, vmin=-0.25, vmax=1.25, alpha=0.65)
    if _validation.check_bool("colorbar", colorbar):
        bar = ax.figure.colorbar(shading, ax=ax, shrink=0.85, ticks=[0, 0.5, 1] if len(levels) == 3 else None)
        bar.set_label("predicted class" if len(levels) == 3 else "P(class 1)")
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
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=4, fontsize="small", frameon=False)
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
    """Draw one decision-boundary panel per model in one figure, score at the right of each title; return the axes.

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
            title="",
            legend=False,
            colorbar=False,
            **boundary_kwargs,
        )
        if scores is None:
            ax.set_title(titles[i])
        else:  # title on the left, score on the right of the title line: never over the data, never overlapping
            text = scores[i] if isinstance(scores[i], str) else score_format.format(scores[i])
            ax.set_title(titles[i], loc="left")
            ax.set_title(text, loc="right", fontweight="bold")
    for ax in axes[n:]:
        ax.set_visible(False)
    shading = axes[0].collections[0]  # the first panel's shading: one colour bar for all (same scale)
    discrete = boundary_kwargs.get("discretize") or not boundary_kwargs.get("proba", True)
    bar = fig.colorbar(shading, ax=list(axes[:n]), shrink=0.8, ticks=[0, 0.5, 1] if discrete else None)
    bar.set_label("predicted class" if discrete else "P(class 1)")
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


# --- hidden-unit maps: what the hidden layer computes ----------------------------------------------
# logit Z2 = sum_j w2_j * g(w1_j . x + b1_j) + b2: one map per term, and their sum.
HIDDEN_UNITS_MAX_PER_ROW = 10
_OUTPUTS = ("sigmoid", "identity")


def _resolve_output(params):
    """The output layer stored on ``params`` (``.output``: "sigmoid" or "identity"), "sigmoid" if none."""
    output = getattr(params, "output", None)
    return "sigmoid" if output is None else _validation.check_choice("params.output", output, _OUTPUTS)


def _check_features(features):
    if features is not None and not callable(features):
        raise TypeError(
            "features must be None or a callable mapping the (2, k) input points to the (n_x, k) network "
            f"inputs (e.g. lambda P: np.vstack([P, P**2])), got {type(features).__name__}"
        )
    return features


def _network_inputs(points, features, n_x, points_name="points"):
    """The network's inputs (n_x, k) float64 for the (d, k) ``points``: ``features(points)`` or the points."""
    k = points.shape[1]
    if features is None:
        if points.shape[0] != n_x:
            hint = f" (rows convention? pass {points_name}.T)" if points.shape[1] == n_x else ""
            raise ValueError(
                f"{points_name} must have shape ({n_x}, k) to match params['W1'] of {n_x} columns "
                f"(course column convention), got {points.shape}{hint}"
            )
        return points.astype(np.float64, copy=False)
    inputs = _validation.as_float_array("features(points) (the output of features)", features(points))
    if inputs.shape != (n_x, k):
        swapped = " (rows and columns swapped?)" if inputs.shape == (k, n_x) else ""
        raise ValueError(
            f"features must map the ({points.shape[0]}, k) points to the ({n_x}, k) network inputs "
            f"(n_x = {n_x} columns of params['W1']); for k = {k} it returned shape {inputs.shape}{swapped}"
        )
    if not np.all(np.isfinite(inputs)):
        raise ValueError("features returned NaN or inf; it must return finite network inputs")
    return inputs.astype(np.float64, copy=False)


def _hidden_layer(p, act, inputs):
    """Z1 (n_h, k), the contributions w2_j g(Z1_j) (n_h, k) and the logit Z2 (k,), as the network computes them."""
    Z1 = p["W1"] @ inputs + p["b1"]
    A1 = np.asarray(act(Z1), dtype=np.float64)
    contributions = p["W2"].T * A1
    logit = (p["W2"] @ A1 + p["b2"])[0]
    return Z1, contributions, logit


def hidden_unit_values(params, points, activation=None, features=None):
    """Each hidden unit's contribution to the logit, and the logit, at the column ``points``.

    Returns ``(contributions, logit)``: ``contributions[j] = w2_j * g(w1_j . x + b1_j)`` of shape
    ``(n_h, k)`` and ``logit = W2 @ g(W1 @ x + b1) + b2`` of shape ``(k,)`` (the network's ``Z2``), so
    ``contributions.sum(axis=0) + params["b2"][0, 0]`` equals ``logit`` up to round-off. ``points`` is a
    ``(n_x, k)`` array in the course's column convention, or, with ``features`` (a callable mapping the
    ``(d, k)`` points to the ``(n_x, k)`` network inputs, e.g. ``lambda P: np.vstack([P, P**2])``), the raw
    points it maps. ``activation`` (a name or an ``Activation``) defaults to the one stored on ``params``
    (its ``.activation`` attribute), else ``"tanh"``.
    """
    p = _validation.check_network_params("params", params)
    act = network.trained_activation(params, activation)
    features = _check_features(features)
    points = _validation.as_float_array("points", points, allow_nonfinite=False, ndim=2)
    if points.shape[1] == 0:
        raise ValueError(f"points must hold at least one point (column), got shape {points.shape}")
    _, contributions, logit = _hidden_layer(p, act, _network_inputs(points, features, p["W1"].shape[1]))
    return contributions, logit


def _unit_order(W2, max_units):
    """Indices of the units to draw: all, or the ``max_units`` with the largest |w2| (kept in unit order)."""
    n_h = W2.size
    if max_units is None or max_units >= n_h:
        return np.arange(n_h)
    return np.sort(np.argsort(-np.abs(W2), kind="stable")[:max_units])


def _grid_columns(n):
    """Columns for n unit panels beside the square logit panel: about twice as wide as tall (2 units: one
    above the other), at most HIDDEN_UNITS_MAX_PER_ROW per row."""
    rows = max(int(np.ceil(np.sqrt(n / 2))), min(n, 2))
    return min(-(-n // rows), HIDDEN_UNITS_MAX_PER_ROW)


def _symmetric_scale(at_data, everywhere):
    """Half-width of a colour scale centred at 0: the largest |value| at the data points (where the network
    was trained; further out, e.g. ReLU's growth in the corners, the colours saturate), else over the mesh."""
    for values in (at_data, everywhere):
        top = float(np.abs(values).max()) if values.size else 0.0
        if top > 0:
            return top
    return 1.0


def plot_hidden_units(
    params,
    X,
    Y,
    activation=None,
    *,
    features=None,
    resolution=100,
    margin=0.1,
    max_units=None,
    ncols=None,
):
    """Draw what the hidden layer computes: one map per hidden unit and their sum, the logit; return the Figure.

    The network's logit is a weighted sum of shifted, scaled activations,
    ``Z2 = sum_j w2_j * g(w1_j . x + b1_j) + b2`` (notebook 02's sum of sigmoids, in two dimensions).
    Each small panel shows one term, the unit's *contribution* ``w2_j * g(w1_j . x + b1_j)`` over the
    input plane (x1, x2), so the large panel is literally the sum of the small ones plus ``b2``. The
    sign of ``w2_j`` is part of the map: blue pushes towards class 1, red towards class 0, white is 0,
    on one colour scale shared by all unit panels (a pale unit matters little; thin grey lines at four
    levels of each unit's own range still show a pale map's shape). Panels are titled
    ``unit j: w2 = ...`` with ``j = 1 .. n_h`` (unit ``j`` is row ``j - 1`` of ``W1``); a dashed line
    marks where its input ``w1_j . x + b1_j`` is 0 (ReLU's hinge, the middle of a tanh/sigmoid step).
    A unit whose derivative ``g'`` is 0 at every data point gets no gradient and is marked "(dead)":
    a ReLU that fires on no example (notebook 04) has a blank map (unless it fires outside the data);
    a fully saturated tanh/sigmoid unit shows a constant, i.e. it only adds to the bias.
    The large panel shows the logit ``Z2`` (own colour scale, centred at 0), the decision boundary
    ``Z2 = 0`` (P(class 1) = 0.5) in black and the data ``X (2, m)``, ``Y (1, m)`` (``Y=None``: no
    points). Both colour scales span the values at the data points; beyond them colours saturate.
    With ``params.output == "identity"`` (a regression network) it shows the output ``Z2``, no boundary.

    ``activation`` (a name or an ``Activation``) defaults to the one stored on ``params`` (its
    ``.activation`` attribute, as trained networks carry), else ``"tanh"``; a given one wins.
    ``features`` (optional callable) maps the (2, k) input points to the (n_x, k) inputs the network
    was trained on (e.g. ``lambda P: np.vstack([P, P[:1] ** 2])``): the maps are still drawn over the
    2-D input plane. Without it, ``W1`` must have 2 columns. The mesh is ``resolution`` x
    ``resolution`` points (at most 250) around X plus ``margin`` (a fraction of the data range) on
    every side. ``max_units`` draws only that many units, those with the largest ``|w2_j|`` (the
    logit panel still sums all of them); ``ncols`` sets the unit panels per row (default: a near
    square grid, at most 10 per row; readable up to about 50 units). Returns the
    ``matplotlib.figure.Figure`` (its axes are labelled ``"hidden unit j"`` and ``"logit"``, see
    ``ax.get_label()``); nothing is shown and no global style is changed.
    """
    p = _validation.check_network_params("params", params)
    act = network.trained_activation(params, activation)
    output = _resolve_output(params)
    features = _check_features(features)
    X = _check_X(X)
    if Y is not None and output == "sigmoid":
        _check_points(X, Y)
    elif Y is not None:
        _check_targets(X, Y)
    n_h, n_x = p["W1"].shape
    if features is None and n_x != 2:
        raise ValueError(
            f"params['W1'] has {n_x} columns (network inputs), but the maps are drawn over the 2-D input "
            "plane (x1, x2): without features it must have 2 columns. For a network trained on other "
            "inputs pass features=, a callable mapping the (2, k) points to its (n_x, k) inputs"
        )
    resolution = _validation.check_int("resolution", resolution, low=10, high=BOUNDARY_MAX_RESOLUTION)
    margin = _validation.check_real("margin", margin, low=0.0, high=1.0)
    if max_units is not None:
        max_units = _validation.check_int("max_units", max_units, low=1)
    shown = _unit_order(p["W2"][0], max_units)
    n_show = shown.size
    ncols = _grid_columns(n_show) if ncols is None else min(_validation.check_int("ncols", ncols, low=1), n_show)
    nrows = -(-n_show // ncols)

    # --- the numbers: one forward pass on the mesh, one on the data (colour scales, dead units) ---
    xx1, xx2 = _mesh(X, resolution, margin)
    mesh = np.vstack([xx1.ravel(), xx2.ravel()])
    Z1, contributions, logit = _hidden_layer(p, act, _network_inputs(mesh, features, n_x, "X"))
    Z1_data, contributions_data, logit_data = _hidden_layer(p, act, _network_inputs(X, features, n_x, "X"))
    dead = np.all(np.asarray(act.derivative(Z1_data)) == 0, axis=1)
    maps = contributions[shown].reshape(n_show, resolution, resolution)
    logit = logit.reshape(resolution, resolution)
    scale = _symmetric_scale(contributions_data[shown], maps)
    logit_scale = _symmetric_scale(logit_data, logit)
    extent = (xx1[0, 0], xx1[0, -1], xx2[0, 0], xx2[-1, 0])

    # --- the layout: the unit grid in the left subfigure, the logit panel in the right one ---
    size = min(2.4, max(0.8, 5.0 / nrows), 8.5 / ncols)  # panel side in inches
    tiny = size < 1.6
    height = max(size * nrows + 1.8, 5.6)
    left_w, right_w = max(size * ncols + 0.6, 4.6), min(height, 6.6) + 0.5
    fig = plt.figure(figsize=(left_w + right_w, height), layout="constrained")
    left, right = fig.subfigures(1, 2, width_ratios=[left_w, right_w], wspace=0.02)
    grid = left.add_gridspec(nrows, ncols)
    image_kw = dict(origin="lower", extent=extent, aspect="equal", cmap=_BOUNDARY_CMAP, interpolation="bilinear")
    unit_axes = []
    for i, j in enumerate(shown):
        ax = left.add_subplot(grid[i // ncols, i % ncols], label=f"hidden unit {j + 1}")  # not shared: slow for 50
        image = ax.imshow(maps[i], vmin=-scale, vmax=scale, **image_kw)
        z = Z1[j].reshape(resolution, resolution)
        if z.min() < 0 < z.max():  # where the unit's input crosses 0: ReLU's hinge, tanh's/sigmoid's midpoint
            ax.contour(xx1, xx2, z, levels=[0.0], colors="0.3", linewidths=0.6, linestyles="--")
        low, high = float(maps[i].min()), float(maps[i].max())
        if high - low > 1e-9 * max(scale, 1e-300):  # the unit's own levels: a pale map still shows its shape
            levels = [v for v in np.linspace(low, high, 6)[1:-1] if abs(v) > 1e-12 * (high - low)]
            ax.contour(xx1, xx2, maps[i], levels=levels, colors="0.55", linewidths=0.4)
        w2 = p["W2"][0, j]
        title = f"{j + 1}: {w2:.2f}" if tiny else f"unit {j + 1}: $w^{{[2]}}$ = {w2:.2f}"
        ax.set_title(
            title + (" (dead)" if dead[j] else ""),
            fontsize=7 if tiny else "medium",
            color="0.4" if dead[j] else "k",
            pad=2 if tiny else 4,
        )
        bottom, first_col = i + ncols >= n_show, i % ncols == 0  # outer panels carry the axis labels
        if tiny:  # no ticks at all: faster, and the logit panel beside carries the scale
            ax.set_xticks([])
            ax.set_yticks([])
        else:
            ax.tick_params(labelbottom=bottom, labelleft=first_col, labelsize="small")
        ax.set_xlabel("$x_1$" if bottom else "", fontsize="small", labelpad=1 if tiny else 3)
        ax.set_ylabel("$x_2$" if first_col else "", fontsize="small", labelpad=1 if tiny else 3)
        unit_axes.append(ax)
    extend = "both" if np.abs(maps).max() > scale * (1 + 1e-9) else "neither"
    cbar = left.colorbar(image, ax=unit_axes, location="bottom", shrink=0.8, aspect=25, pad=0.02, extend=extend)
    inputs = r"w^{[1]}_j \cdot \varphi(x)" if features is not None else r"w^{[1]}_j \cdot x"
    cbar.set_label(
        f"contribution to the logit (one scale for all units; thin lines: each unit's own levels)\n"
        f"dashed: where ${inputs} + b^{{[1]}}_j = 0$",
        fontsize="small",
    )
    cbar.ax.tick_params(labelsize="small")
    which = "" if n_show == n_h else f"\n(the {n_show} of {n_h} units with the largest $|w^{{[2]}}_j|$)"
    gap = "\n" if left_w < 5.5 else "  "
    left.suptitle(
        f"each hidden unit's contribution{gap}$w^{{[2]}}_j\\, g({inputs} + b^{{[1]}}_j)$, g = {act.label}{which}",
        fontsize="medium",
    )

    ax = right.add_subplot(label="logit")
    name = "logit $Z^{[2]}$" if output == "sigmoid" else "output $Z^{[2]}$"
    image = ax.imshow(logit, vmin=-logit_scale, vmax=logit_scale, alpha=0.75, **image_kw)
    if output == "sigmoid" and logit.min() < 0 < logit.max():  # no crossing -> no contour (and no warning)
        ax.contour(xx1, xx2, logit, levels=[0.0], colors="k", linewidths=1.5)
        ax.plot([], [], color="k", linewidth=1.5, label="boundary $Z^{[2]} = 0$")
    if Y is not None and output == "sigmoid":
        plot_dataset(X, Y, ax=ax, size=16, title="")
    elif Y is not None:
        ax.scatter(X[0], X[1], s=8, c="k", label="data")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_xlim(extent[:2])
    ax.set_ylim(extent[2:])
    terms = f"sum of the {n_h} contributions" if n_h > 1 else "the contribution"
    ax.set_title(f"{terms} + $b^{{[2]}}$ ({p['b2'][0, 0]:.2f}) = {name}", fontsize="medium")
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        right.legend(handles, labels, loc="outside lower center", ncols=len(handles), fontsize="small")
    extend = "both" if np.abs(logit).max() > logit_scale * (1 + 1e-9) else "neither"
    cbar = right.colorbar(image, ax=ax, shrink=0.9, extend=extend)
    cbar.set_label(f"{name}  (> 0: class 1)" if output == "sigmoid" else name)
    units = f"{n_h} hidden unit{'s' if n_h != 1 else ''}"
    fig.suptitle(f"What the hidden layer computes: {act.label} network, {units}", fontsize="large")
    return fig


def _check_targets(X, Y):
    """Regression targets (output "identity"): finite numbers, one per column of X."""
    Y = _validation.as_float_array("Y", Y, allow_nonfinite=False)
    if Y.size != X.shape[1] or Y.ndim > 2 or (Y.ndim == 2 and Y.shape[0] != 1):
        raise ValueError(f"Y must have shape (1, m) or (m,) with m = {X.shape[1]} (columns of X), got {Y.shape}")
    return Y
