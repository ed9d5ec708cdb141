"""Decision boundaries: data in the plane, a model's P(class 1) shaded around it, and grids of boundaries."""

import matplotlib.pyplot as plt
import numpy as np

from .. import _style as style
from .. import _validation, deep, network
from ._common import BOUNDARY_MAX_RESOLUTION, _check_ax, _check_points, _check_X


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
                c=style.CLASS_COLORS[k],
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


def _model_values(model, points, proba):
    """Evaluate ``model`` on (2, k) column points: P(class 1) (or 0/1 labels) as a (k,) float array."""
    k = points.shape[1]
    if isinstance(model, network.Parameters):  # the course's parameters (any depth), which know their activation
        params = model
        model = lambda P: deep.predict_proba(params, P)
    elif isinstance(model, dict):
        raise TypeError(
            "model is a plain dict of parameters, which does not record its activation: pass the Parameters that "
            "network.train returns, or a callable such as lambda P: network.predict_proba(params, P, activation='tanh')"
        )
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
            "model must be a scikit-learn estimator (with predict), Parameters (any depth) or a callable mapping a "
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


def decision_values(model, X, *, proba=True, resolution=200, margin=style.MARGIN):
    """Evaluate model on a resolution x resolution mesh around the (2, m) data X; return (xx1, xx2, values).

    ``model`` is a fitted scikit-learn classifier (rows convention; ``predict_proba`` is used when
    ``proba`` and available, ``predict`` otherwise), the :class:`~course_utils.parameters.Parameters` of a
    trained network of any depth (they record their activation), or a callable mapping a (2, k) column array to
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
    xx1, xx2 = style.mesh(X, resolution, margin)
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
    margin=style.MARGIN,
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
    shading = ax.contourf(xx1, xx2, shade, levels=levels, cmap=style.BOUNDARY_CMAP, vmin=-0.25, vmax=1.25, alpha=0.65)
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
