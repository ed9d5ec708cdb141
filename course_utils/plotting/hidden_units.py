"""Hidden-unit maps: what each hidden unit adds to the logit over the input plane, and their sum."""

import matplotlib.pyplot as plt
import numpy as np

from .. import _style as style
from .. import _validation, model, network
from ..parameters import check_layers
from ._common import BOUNDARY_MAX_RESOLUTION, _check_points, _check_targets, _check_X
from .boundaries import plot_dataset

# logit Z2 = sum_j w2_j * g(w1_j . x + b1_j) + b2: one map per term, and their sum.
HIDDEN_UNITS_MAX_PER_ROW = 10
# who takes one hidden layer, and where a deeper network's pictures are (check_layers' message)
_ONE_LAYER = (
    "each hidden-unit plot",
    "for a deeper network, plot_decision_boundary takes any depth and the playground draws every layer's units",
)


# Checked here: the features callable is the hidden-unit maps' own argument.
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
    """Z1 (n_h, k), the contributions w2_j g(Z1_j) (n_h, k) and the logit Z2 (k,), from the model's forward pass."""
    values = model._forward(inputs, p, act.check_outputs(), "identity")
    return values["Z1"], p["W2"].T * values["A1"], values["Z2"][0]


def hidden_unit_values(params, points, activation=None, features=None):
    """Each hidden unit's contribution to the logit, and the logit, at the column ``points``.

    Returns ``(contributions, logit)``: ``contributions[j] = w2_j * g(w1_j . x + b1_j)`` of shape
    ``(n_h, k)`` and ``logit = W2 @ g(W1 @ x + b1) + b2`` of shape ``(k,)`` (the network's ``Z2``), so
    ``contributions.sum(axis=0) + params["b2"][0, 0]`` equals ``logit`` up to round-off. ``points`` is a
    ``(n_x, k)`` array in the course's column convention, or, with ``features`` (a callable mapping the
    ``(d, k)`` points to the ``(n_x, k)`` network inputs, e.g. ``lambda P: np.vstack([P, P**2])``), the raw
    points it maps. ``activation`` (a name or an ``Activation``) defaults to the one ``params`` record
    (a plain dict needs it; see ``network.usage``).
    """
    p = check_layers("params", params, n_layers=2, one_layer=_ONE_LAYER)
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
    output=None,
    features=None,
    resolution=100,
    margin=style.MARGIN,
    max_units=None,
    ncols=None,
    title=None,
):
    """Draw what the hidden layer computes: one map per hidden unit and their sum, the logit; return the panels.

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

    ``activation`` (a name or an ``Activation``) defaults to the one ``params`` record; a plain dict
    needs it (and ``output="identity"`` for a regression network; see ``network.usage``).
    ``features`` (optional callable) maps the (2, k) input points to the (n_x, k) inputs the network
    was trained on (e.g. ``lambda P: np.vstack([P, P[:1] ** 2])``): the maps are still drawn over the
    2-D input plane. Without it, ``W1`` must have 2 columns. The mesh is ``resolution`` x
    ``resolution`` points (at most 250) around X plus ``margin`` (a fraction of the data range) on
    every side. ``max_units`` draws only that many units, those with the largest ``|w2_j|`` (the
    logit panel still sums all of them); ``ncols`` sets the unit panels per row (default: a near
    square grid, at most 10 per row; readable up to about 50 units). ``title`` replaces the figure's
    title ("What the hidden layer computes: ..."). Returns the panels as a 1-D array of Axes, as the
    package's grids do: the unit panels drawn, in unit order (labelled ``"hidden unit j"``, see
    ``ax.get_label()``), then the logit panel (label ``"logit"``); ``axes[0].get_figure(root=True)`` is the figure.
    Nothing is shown and no global style is changed.
    """
    p = check_layers("params", params, n_layers=2, one_layer=_ONE_LAYER)
    act, output = network.usage(params, activation, output)
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a string or None, got {type(title).__name__}")
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
    ncols = (
        _grid_columns(shown.size) if ncols is None else min(_validation.check_int("ncols", ncols, low=1), shown.size)
    )
    maps = _MapValues(p, act, X, features, resolution, margin, shown)

    nrows = -(-shown.size // ncols)
    size = min(2.4, max(0.8, 5.0 / nrows), 8.5 / ncols)  # panel side in inches
    height = max(size * nrows + 1.8, 5.6)
    left_w, right_w = max(size * ncols + 0.6, 4.6), min(height, 6.6) + 0.5
    fig = plt.figure(figsize=(left_w + right_w, height), layout="constrained")
    left, right = fig.subfigures(1, 2, width_ratios=[left_w, right_w], wspace=0.02)
    unit_axes = _draw_unit_maps(left, maps, act, ncols, tiny=size < 1.6, features=features, wide=left_w >= 5.5)
    logit_ax = _draw_logit(right, maps, X, Y, output)
    units = f"{n_h} hidden unit{'s' if n_h != 1 else ''}"
    fig.suptitle(f"What the hidden layer computes: {act.label} network, {units}" if title is None else title,
                 fontsize="large")  # fmt: skip
    axes = np.empty(len(unit_axes) + 1, dtype=object)
    axes[:] = [*unit_axes, logit_ax]
    return axes


class _MapValues:
    """The numbers behind the maps: one forward pass on the mesh, one on the data (colour scales, dead units)."""

    def __init__(self, p, act, X, features, resolution, margin, shown):
        n_x = p["W1"].shape[1]
        self.xx1, self.xx2 = style.mesh(X, resolution, margin)
        mesh = np.vstack([self.xx1.ravel(), self.xx2.ravel()])
        Z1, contributions, logit = _hidden_layer(p, act, _network_inputs(mesh, features, n_x, "X"))
        Z1_data, contributions_data, logit_data = _hidden_layer(p, act, _network_inputs(X, features, n_x, "X"))
        self.p, self.shown, self.n_h = p, shown, p["W1"].shape[0]
        self.dead = model.dead(act.derivative(Z1_data))  # the one dead-unit rule
        self.Z1 = Z1.reshape(-1, resolution, resolution)
        self.maps = contributions[shown].reshape(shown.size, resolution, resolution)
        self.logit = logit.reshape(resolution, resolution)
        self.scale = _symmetric_scale(contributions_data[shown], self.maps)
        self.logit_scale = _symmetric_scale(logit_data, self.logit)
        self.extent = (self.xx1[0, 0], self.xx1[0, -1], self.xx2[0, 0], self.xx2[-1, 0])

    def image_kw(self):
        return dict(
            origin="lower", extent=self.extent, aspect="equal", cmap=style.BOUNDARY_CMAP, interpolation="bilinear"
        )


def _draw_unit_maps(left, maps, act, ncols, *, tiny, features, wide):
    """The grid of unit panels in the subfigure ``left``, with their shared colour bar and title."""
    nrows, n_show = -(-maps.shown.size // ncols), maps.shown.size
    grid = left.add_gridspec(nrows, ncols)
    unit_axes = []
    for i, j in enumerate(maps.shown):
        ax = left.add_subplot(grid[i // ncols, i % ncols], label=f"hidden unit {j + 1}")  # not shared: slow for 50
        image = ax.imshow(maps.maps[i], vmin=-maps.scale, vmax=maps.scale, **maps.image_kw())
        z = maps.Z1[j]
        if z.min() < 0 < z.max():  # where the unit's input crosses 0: ReLU's hinge, tanh's/sigmoid's midpoint
            ax.contour(maps.xx1, maps.xx2, z, levels=[0.0], colors="0.3", linewidths=0.6, linestyles="--")
        low, high = float(maps.maps[i].min()), float(maps.maps[i].max())
        if high - low > 1e-9 * max(maps.scale, 1e-300):  # the unit's own levels: a pale map still shows its shape
            levels = [v for v in np.linspace(low, high, 6)[1:-1] if abs(v) > 1e-12 * (high - low)]
            ax.contour(maps.xx1, maps.xx2, maps.maps[i], levels=levels, colors="0.55", linewidths=0.4)
        w2 = maps.p["W2"][0, j]
        title = f"{j + 1}: {w2:.2f}" if tiny else f"unit {j + 1}: $w^{{[2]}}$ = {w2:.2f}"
        dead = maps.dead[j]
        ax.set_title(
            title + (" (dead)" if dead else ""), fontsize=7 if tiny else "medium", color="0.4" if dead else "k",
            pad=2 if tiny else 4,
        )  # fmt: skip
        bottom, first_col = i + ncols >= n_show, i % ncols == 0  # outer panels carry the axis labels
        if tiny:  # no ticks at all: faster, and the logit panel beside carries the scale
            ax.set_xticks([])
            ax.set_yticks([])
        else:
            ax.tick_params(labelbottom=bottom, labelleft=first_col, labelsize="small")
        ax.set_xlabel("$x_1$" if bottom else "", fontsize="small", labelpad=1 if tiny else 3)
        ax.set_ylabel("$x_2$" if first_col else "", fontsize="small", labelpad=1 if tiny else 3)
        unit_axes.append(ax)
    extend = "both" if np.abs(maps.maps).max() > maps.scale * (1 + 1e-9) else "neither"
    cbar = left.colorbar(image, ax=unit_axes, location="bottom", shrink=0.8, aspect=25, pad=0.02, extend=extend)
    inputs = r"w^{[1]}_j \cdot \varphi(x)" if features is not None else r"w^{[1]}_j \cdot x"
    cbar.set_label(
        f"contribution to the logit (one scale for all units; thin lines: each unit's own levels)\n"
        f"dashed: where ${inputs} + b^{{[1]}}_j = 0$",
        fontsize="small",
    )
    cbar.ax.tick_params(labelsize="small")
    which = "" if n_show == maps.n_h else f"\n(the {n_show} of {maps.n_h} units with the largest $|w^{{[2]}}_j|$)"
    gap = "  " if wide else "\n"
    left.suptitle(
        f"each hidden unit's contribution{gap}$w^{{[2]}}_j\\, g({inputs} + b^{{[1]}}_j)$, g = {act.label}{which}",
        fontsize="medium",
    )
    return unit_axes


def _draw_logit(right, maps, X, Y, output):
    """The logit (or regression output) panel in the subfigure ``right``: the sum of the maps plus b2."""
    ax = right.add_subplot(label="logit")
    name = "logit $Z^{[2]}$" if output == "sigmoid" else "output $Z^{[2]}$"
    logit = maps.logit
    image = ax.imshow(logit, vmin=-maps.logit_scale, vmax=maps.logit_scale, alpha=0.75, **maps.image_kw())
    if output == "sigmoid" and logit.min() < 0 < logit.max():  # no crossing -> no contour (and no warning)
        ax.contour(maps.xx1, maps.xx2, logit, levels=[0.0], colors="k", linewidths=1.5)
        ax.plot([], [], color="k", linewidth=1.5, label="boundary $Z^{[2]} = 0$")
    if Y is not None and output == "sigmoid":
        plot_dataset(X, Y, ax=ax, size=16, title="")
    elif Y is not None:
        ax.scatter(X[0], X[1], s=8, c="k", label="data")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_xlim(maps.extent[:2])
    ax.set_ylim(maps.extent[2:])
    terms = f"sum of the {maps.n_h} contributions" if maps.n_h > 1 else "the contribution"
    ax.set_title(f"{terms} + $b^{{[2]}}$ ({maps.p['b2'][0, 0]:.2f}) = {name}", fontsize="medium")
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        right.legend(handles, labels, loc="outside lower center", ncols=len(handles), fontsize="small")
    extend = "both" if np.abs(logit).max() > maps.logit_scale * (1 + 1e-9) else "neither"
    cbar = right.colorbar(image, ax=ax, shrink=0.9, extend=extend)
    cbar.set_label(f"{name}  (> 0: class 1)" if output == "sigmoid" else name)
    return ax
