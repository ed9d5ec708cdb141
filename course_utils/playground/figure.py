"""The playground's figure: one layout for the live app and the static plot, built once and updated in place.

The figure is drawn for a narrow notebook (:data:`WIDTH` inches at :data:`DPI`: 590 pixels, JupyterLab's output
area at 1024 pixels with the sidebar open), top to bottom:

- one band per hidden layer, each unit's map over the (x1, x2) plane (tiles of :data:`UNIT_TILE` pixels for up to
  :data:`~course_utils.playground.settings.MAX_UNITS` units): in the hidden layers before the last, the unit's
  output ``a^[l]_j``; in the last hidden layer, the unit's contribution ``w_j a^[L]_j`` to the logit (labelled
  with its weight ``w_j``), so that their sum plus the output bias is the logit;
- the logit over the plane, the decision boundary (P(class 1) shading, the 0.5 contour, the train and test
  points) and the train/test cost curves, side by side.

Every number comes from :func:`course_utils.model.forward` on the current parameters (the course's dict ``W1, b1,
..., WL, bL``, any depth). :class:`Board` builds the figure once per layout and redraws it in place per frame;
:func:`plot` and :func:`render_png` draw a finished :class:`~course_utils.playground.session.Result`. No text is
smaller than :data:`MIN_FONT_SIZE` points (9.7 pixels at 100 dpi). Colours, colour map, margin and mesh come from
:mod:`course_utils._style`, as for the plots.
"""

import io

import numpy as np

from .. import activations, model
from .._style import BOUNDARY_CMAP, CLASS_COLORS, mesh
from .._validation import check_bool, check_int
from ..engine import RECORD_EVERY
from .session import check_result
from .settings import DATASET_LABELS, DEFAULTS, MAX_UNITS, check_hidden_layers, describe, features

#: Resolution (dots per inch) and width (inches) of the playground's figure: 590 pixels, the width of JupyterLab's
#: output area at a 1024-pixel screen with the sidebar open, so the figure is shown at its own size there.
DPI = 100
WIDTH = 5.9
#: The side (pixels) of a unit's map while a layer has at most MAX_UNITS units (wider layers get smaller maps).
UNIT_TILE = 64
#: The smallest font size (points) of any text in the figure: 7 pt is 9.7 pixels at 100 dpi.
MIN_FONT_SIZE = 7.0

#: The smallest colour scale of the maps and the logit: values far below 1 change the prediction by almost
#: nothing, so an untrained network (contributions around 1e-3) is drawn flat.
UNIT_SCALE_FLOOR = 1.0

#: The settings a figure's layout depends on (the others only change titles and curves: see Board.reuse).
_LAYOUT_KEYS = ("dataset", "noise", "data_seed", "test_size", "features", "hidden_layers")
_BOUNDARY_RESOLUTION = 100
# the layout, in pixels from the top left corner
_LEFT = 46  # the tiles start here (the layer names are left of it)
_UNITS_TOP = 40
_TILES_WIDTH = round(WIDTH * DPI) - _LEFT - 4
_STRIP = int(np.ceil(MIN_FONT_SIZE * DPI / 72 * 1.15)) + 3  # a label strip above each row of tiles
_NOTES = 34  # the two lines under the maps
_PANEL = 150  # the side of the logit and boundary panels
_PANEL_TITLE = 24
_PANEL_BOTTOM = 58  # axis labels and legends under the panels


def _band(n, width=_TILES_WIDTH):
    """(rows, columns, tile side, gap) in pixels of one hidden layer's ``n`` maps in ``width`` pixels."""
    if n <= MAX_UNITS:
        gap = 4
        return 1, n, min(UNIT_TILE, (width - (MAX_UNITS - 1) * gap) // MAX_UNITS), gap
    cols, gap = min(n, 12), 3
    return -(-n // cols), cols, (width - (cols - 1) * gap) // cols, gap


def _bands(sizes):
    """One (top, rows, columns, tile, gap) per hidden layer, tops in pixels from the top of the units' image."""
    bands, top = [], 0
    for n in sizes:
        rows, cols, tile, gap = _band(n)
        bands.append((top, rows, cols, tile, gap))
        top += rows * (_STRIP + tile + gap)
    return bands, top


def figure_size(hidden_layers=DEFAULTS["hidden_layers"]):
    """(width, height) in inches of the playground's figure for these hidden layers' sizes."""
    _, units_height = _bands(check_hidden_layers(hidden_layers))
    height = _UNITS_TOP + units_height + _NOTES + _PANEL_TITLE + _PANEL + _PANEL_BOTTOM
    return WIDTH, height / DPI


#: The figure's size (inches) at the default settings; deeper networks are taller (:func:`figure_size`).
FIGSIZE = figure_size()


class Board:
    """The playground's figure: its axes and artists, built once per layout, updated in place per frame.

    Top to bottom: one band of unit maps per hidden layer (one image of tiles: a unit's output in the layers
    before the last, its contribution to the logit in the last, on one symmetric colour scale per layer; the
    last layer's tiles are labelled with their weights); then the logit, the decision boundary (P(class 1)
    shading, the 0.5 contour, the points) and the train/test cost curves. The figure's height follows the
    number of layers (:func:`figure_size`); its width is :data:`WIDTH`.
    """

    def __init__(
        self, fig, settings, X_train, Y_train, X_test, Y_test, *, discretize=False, show_test=True, live=False
    ):
        from matplotlib import colormaps
        from matplotlib.colors import ListedColormap

        self.fig, self.settings = fig, settings
        fig.set_size_inches(figure_size(settings["hidden_layers"]))
        fig.set_dpi(DPI)
        self.act = activations.as_activation(settings["activation"])
        self.names = settings["features"]
        self.sizes = settings["hidden_layers"]
        self.discretize = discretize
        self.cmap = colormaps[BOUNDARY_CMAP]
        # the boundary's shading: the same colours 35 % lighter, opaque (so a frame can paint over the last one)
        self.light_cmap = ListedColormap(0.65 * self.cmap(np.linspace(0, 1, 256)) + 0.35, name="RdBu_light")
        self.F_train = features(X_train, self.names)
        self.points_all = X_train if X_test is None else np.hstack([X_train, X_test])
        self.title = self._text(6, 4, describe(settings), fontsize=9, weight="bold")
        self.progress = self._text(round(WIDTH * DPI) - 6, 22, "", ha="right")
        self._build_units()
        self._build_logit()
        self._build_boundary(X_train, Y_train, X_test, Y_test, show_test)
        self._build_costs(X_test is not None)
        # live: the artists that change are "animated": a frame repaints only them over a saved background
        self.live = live
        self.canvas = None
        self._background = None
        if live:
            for artist in self._dynamic():
                artist.set_animated(True)

    # --- layout ---

    def _px(self):
        W, H = self.fig.get_size_inches()
        return W * DPI, H * DPI

    def _text(self, x, y, text, **style):
        """A figure text at (x, y) pixels from the top left corner (its top edge there)."""
        W, H = self._px()
        style = {"fontsize": MIN_FONT_SIZE, "ha": "left", "va": "top", **style}
        return self.fig.text(x / W, 1 - y / H, text, **style)

    def _axes(self, left, top, width, height, label):
        """New axes at a place given in pixels from the figure's top left corner."""
        W, H = self._px()
        return self.fig.add_axes((left / W, 1 - (top + height) / H, width / W, height / H), label=label)

    def _build_units(self):
        """The hidden layers' maps, composed as one RGBA image of tiles (one imshow: fast for many units)."""
        self.bands, height = _bands(self.sizes)  # per layer: (top, rows, columns, tile, gap) in image pixels
        self.strip = _STRIP  # the label strip above each row of tiles
        width = _TILES_WIDTH
        self.image_shape = (height, width)
        ax = self.ax_units = self._axes(_LEFT, _UNITS_TOP, width, height, "hidden units")
        ax.set_axis_off()
        self.units_rgba = np.full(self.image_shape + (4,), 255, dtype=np.uint8)
        self.units_image = ax.imshow(
            self.units_rgba, extent=(0, width, height, 0), interpolation="nearest", aspect="auto"
        )  # one image pixel per screen pixel (at DPI)
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)
        L = len(self.sizes)
        for layer, (top, _, _, tile, _) in enumerate(self.bands, start=1):
            name = f"layer {layer}" + ("\n× $w_j$" if layer == L else "")
            self._text(4, _UNITS_TOP + top + _STRIP + tile / 2 - 10, name, va="top", color="0.2")
        self.units_title = ax.set_title("", loc="left", fontsize=MIN_FONT_SIZE + 0.5, x=-(_LEFT - 6) / width, pad=4)
        self._set_units_title()
        # the weights' labels are drawn into the image too (FreeType bitmaps, cached): dozens of text
        # artists would cost more than everything else in a frame
        self.unit_labels = [""] * self.sizes[-1]
        self._bitmaps = {}
        self.label_format = "w = {w}" if self.bands[-1][3] >= UNIT_TILE - 4 else "{w}"
        if L > 1:
            first = "layer 1" if L == 2 else f"layers 1–{L - 1}"
            note = f"{first}: unit outputs $a$; layer {L}: contributions $w_j a_j$ to the logit"
        else:
            note = "each map: a unit's contribution $w_j a_j$ to the logit"
        note += "; blue: class 1, red: class 0"
        x = -(_LEFT - 6)  # the notes start at the figure's left margin, under the layer names
        self.scale_note = ax.text(x, height + 2, note, fontsize=MIN_FONT_SIZE, va="top", color="0.25")
        self.scale_text = ax.text(x, height + 16, "", fontsize=MIN_FONT_SIZE, va="top", color="0.25")
        self.tile_inputs = {tile: self._mesh(tile, top_first=True) for tile in {band[3] for band in self.bands}}

    def _panels_top(self):
        return _UNITS_TOP + self.image_shape[0] + _NOTES + _PANEL_TITLE

    def _build_logit(self):
        """The logit = the sum of the last layer's contributions + the output bias, over the plane."""
        ax = self.ax_logit = self._axes(24, self._panels_top(), _PANEL, _PANEL, "logit")
        ax.set_xticks([])
        ax.set_yticks([])
        self.logit_image = ax.imshow(
            np.zeros((_BOUNDARY_RESOLUTION, _BOUNDARY_RESOLUTION)),
            origin="lower",
            cmap=self.cmap,
            vmin=-1,
            vmax=1,
            interpolation="bilinear",
            aspect="auto",
        )
        ax.set_title("sum + b = logit", fontsize=8, y=1.0, pad=3)
        ax.set_xlabel("$x_1$", fontsize=MIN_FONT_SIZE + 0.5, labelpad=1)
        ax.set_ylabel("$x_2$", fontsize=MIN_FONT_SIZE + 0.5, labelpad=1)
        self.logit_text = ax.text(0.5, -0.12, "", transform=ax.transAxes, ha="center", va="top", fontsize=MIN_FONT_SIZE)
        top = self._panels_top() + _PANEL / 2
        self._text(24 + _PANEL + 5, top - 9, "σ →", fontsize=10)

    def _build_boundary(self, X_train, Y_train, X_test, Y_test, show_test):
        """The decision boundary: P(class 1) shading (the logit panel shares its extent), the points."""
        from matplotlib.lines import Line2D
        from matplotlib.ticker import MaxNLocator

        ax = self.ax_boundary = self._axes(256, self._panels_top(), _PANEL, _PANEL, "boundary")
        xx1, xx2 = self.xx1, self.xx2 = mesh(self.points_all, _BOUNDARY_RESOLUTION)
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
        handles = self._scatter(ax, X_train, Y_train, "train", s=9, marker="o")
        self.test_artists = []
        if X_test is not None:
            self.test_artists = self._scatter(ax, X_test, Y_test, "test", s=16, marker="^")
            handles += self.test_artists
            self.set_show_test(show_test)
        self.point_artists = handles[:]
        handles.append(Line2D([], [], color="k", linewidth=1.2, label="P = 0.5"))
        ax.set_xlim(extent[:2])
        ax.set_ylim(extent[2:])
        ax.set_xlabel("$x_1$", fontsize=MIN_FONT_SIZE + 0.5, labelpad=0)
        ax.set_ylabel("$x_2$", fontsize=MIN_FONT_SIZE + 0.5, labelpad=0)
        ax.tick_params(labelsize=MIN_FONT_SIZE, pad=1.5, length=2.5)
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.yaxis.set_major_locator(MaxNLocator(4))
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.15),
            ncols=3,
            fontsize=MIN_FONT_SIZE,
            frameon=False,
            handletextpad=0.2,
            columnspacing=0.6,
            handlelength=1.2,
        )
        self.boundary_title = ax.set_title("", fontsize=8, y=1.0, pad=3)  # (a fixed y: no layout pass per draw)

    @staticmethod
    def _scatter(ax, X, Y, which, **style):
        """One scatter artist per class of the points ``X (2, k)``, ``Y (1, k)``, in the class colours."""
        return [
            ax.scatter(
                X[0, Y[0] == k],
                X[1, Y[0] == k],
                c=CLASS_COLORS[k],
                edgecolors="k",
                linewidths=0.4,
                label=f"{which} {k}",
                **style,
            )
            for k in (0, 1)
        ]

    def _build_costs(self, has_test):
        """The train and test cost curves (the test line unlabelled without a test set)."""
        from matplotlib.ticker import MaxNLocator

        ax = self.ax_cost = self._axes(458, self._panels_top(), 122, _PANEL, "cost")
        (self.train_line,) = ax.plot([], [], color="C0", linewidth=1.3, label="train")
        (self.test_line,) = ax.plot([], [], color="C1", linewidth=1.3, linestyle="--", label="test")
        if not has_test:
            self.test_line.set_label("_no test set")
        ax.set_xlim(0, self.settings["num_iterations"])
        ax.xaxis.set_major_locator(MaxNLocator(3))
        ax.set_ylim(0, 1)
        ax.set_xlabel("iteration", fontsize=MIN_FONT_SIZE + 0.5, labelpad=1)
        ax.set_ylabel("cost", fontsize=MIN_FONT_SIZE + 0.5, labelpad=1)
        ax.tick_params(labelsize=MIN_FONT_SIZE, pad=1.5, length=2.5)
        ax.set_title("cost during training", fontsize=8, y=1.0, pad=3)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=2, fontsize=MIN_FONT_SIZE, frameon=False)
        self.cost_text = ax.text(
            0.96, 0.04, "", transform=ax.transAxes, ha="right", va="bottom", color="firebrick", fontsize=MIN_FONT_SIZE
        )
        self.cost_limits = None

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
        L = len(self.sizes)
        what = "hidden unit" if L == 1 else "hidden layer"
        self.units_title.set_text(f"{what}s, g = {self.act.label}: one map per unit over the (x1, x2) plane")

    def reuse(self, settings):
        """Take over new settings that keep the layout (the same data, inputs and layers); False if they do not.

        A new learning rate, L2, seed, init scale, activation or number of iterations keeps the figure: only the
        titles and the curves change (and the cost axis for a new number of iterations).
        """
        if any(settings[key] != self.settings[key] for key in _LAYOUT_KEYS):
            return False
        self.settings = settings
        self.act = activations.as_activation(settings["activation"])
        self._set_units_title()
        self.title.set_text(describe(settings))
        self._background = None  # the titles are part of the background
        if self.contour is not None:
            self.contour.remove()
            self.contour = None
        self.ax_cost.set_xlim(0, settings["num_iterations"])
        self.cost_text.set_text("")
        return True

    # --- geometry ---

    def _mesh(self, resolution, top_first=False):
        """Network inputs ``(n_x, resolution**2)`` for a mesh over the data (rows from the top: image order)."""
        xx1, xx2 = mesh(self.points_all, resolution)
        if top_first:
            xx1, xx2 = xx1[::-1], xx2[::-1]
        return features(np.vstack([xx1.ravel(), xx2.ravel()]), self.names)

    def set_show_test(self, show):
        """Show or hide the test points (a redraw shows the change)."""
        for artist in self.test_artists:
            artist.set_visible(bool(show))

    # --- numbers ---

    def _values(self, params, inputs):
        """Every layer's values at the network inputs ``(n_x, k)``: :func:`course_utils.model.forward`."""
        return model.forward(inputs, params, self.act)

    def _maps(self, params, values, layer):
        """Layer ``layer``'s maps ``(n_l, k)``: the units' outputs, or in the last hidden layer their contributions."""
        A = values[f"A{layer}"]
        if layer < len(self.sizes):
            return A
        return params[f"W{layer + 1}"][0][:, None] * A

    def _draw_units(self, p):
        """Colour every unit's map on its layer's symmetric scale and tile them into one RGBA image."""
        at_data = self._values(p, self.F_train)
        at_tiles = {tile: self._values(p, inputs) for tile, inputs in self.tile_inputs.items()}
        rgba = self.units_rgba
        scales = []
        for layer, (top, rows, cols, t, gap) in enumerate(self.bands, start=1):
            scale = float(np.abs(self._maps(p, at_data, layer)).max())
            scale = max(scale if np.isfinite(scale) else 1.0, UNIT_SCALE_FLOOR)  # untrained: flat, as it is
            scales.append(scale)
            maps = self._maps(p, at_tiles[t], layer)
            with np.errstate(all="ignore"):
                levels = np.clip((maps / scale + 1.0) * 0.5, 0.0, 1.0)
            levels[~np.isfinite(levels)] = 0.5
            colours = self.cmap(levels.reshape(-1, t, t), bytes=True)
            for r in range(rows):  # blank the label strips
                y = top + r * (_STRIP + t + gap)
                rgba[y : y + _STRIP] = 255
            for j in range(maps.shape[0]):
                r, c = divmod(j, cols)
                y, x = top + r * (_STRIP + t + gap) + _STRIP, c * (t + gap)
                rgba[y : y + t, x : x + t] = colours[j]
        self._label_weights(p)
        self.units_image.set_data(rgba)
        L = len(self.sizes)
        parts = [f"layer {layer} ±{scale:.3g}" for layer, scale in enumerate(scales[:-1], start=1)]
        parts.append(f"contributions ±{scales[-1]:.3g}")
        self.scale_text.set_text(f"one colour scale per layer: {', '.join(parts)} (at least ±{UNIT_SCALE_FLOOR:g})")
        return L

    def _label_weights(self, p):
        """Write each last-layer unit's weight ``w_j`` into the strip above its tile."""
        L = len(self.sizes)
        top, _, cols, t, gap = self.bands[-1]
        w = p[f"W{L + 1}"][0]
        for j in range(w.size):
            r, c = divmod(j, cols)
            y0, left = top + r * (_STRIP + t + gap), c * (t + gap)
            weight = f"{w[j]:+.2f}" if abs(w[j]) < 100 else f"{w[j]:+.3g}"
            label = self.label_format.format(w=weight)
            ink = self._bitmap(label)
            if ink.shape[1] > t:  # too wide for its tile: the shortest form, so labels never run into each other
                label = self.label_format.format(w=f"{w[j]:+.0e}".replace("e+0", "e").replace("e-0", "e-"))
                ink = self._bitmap(label)
            self.unit_labels[j] = label
            height, width = min(ink.shape[0], _STRIP - 2), min(ink.shape[1], t)
            y, x = y0 + _STRIP - 2 - height, max(left + (t - width) // 2, 0)
            region = self.units_rgba[y : y + height, x : x + width, :3]
            np.minimum(region, 255 - ink[-height:, :width, None], out=region)  # black text on the white strip

    def _bitmap(self, text):
        """The coverage bitmap (uint8, ink = 255) of ``text`` in the label font, from FreeType; cached."""
        ink = self._bitmaps.get(text)
        if ink is None:
            from matplotlib import font_manager

            font = font_manager.get_font(font_manager.findfont(font_manager.FontProperties()))
            font.clear()
            font.set_size(MIN_FONT_SIZE, DPI)
            font.set_text(text, 0.0)
            font.draw_glyphs_to_bitmap(antialiased=True)
            ink = np.asarray(font.get_image()).copy()
            if len(self._bitmaps) > 5000:
                self._bitmaps.clear()
            self._bitmaps[text] = ink
        return ink

    def update(self, params, iterations, train_costs, test_costs, iteration, scores=None, diverged_message=""):
        """Redraw for ``params`` (None: no network to show) and the cost arrays; titles from the rest.

        ``iterations``, ``train_costs`` and ``test_costs`` are equal-length sequences (NaN where a cost is not
        known); ``iteration`` is the one the progress text names; ``scores`` (train, test accuracy in percent, the
        test one None without a test set) and ``diverged_message`` set the titles.
        """
        with np.errstate(all="ignore"):  # weights on their way to overflow: draw what can be drawn, no warnings
            if params is None:
                for artist in (
                    self.units_image,
                    self.logit_image,
                    self.boundary_image,
                    self.scale_text,
                    self.scale_note,
                ):
                    artist.set_visible(False)
                self.logit_text.set_text("no network to show")
            elif all(np.all(np.isfinite(value)) for value in params.values()):
                self._draw_units(params)
                self._draw_logit_and_boundary(params)
            self._draw_costs(iterations, train_costs, test_costs)
            self._draw_titles(iteration, scores, diverged_message)

    def _draw_logit_and_boundary(self, params):
        """The logit panel (a symmetric colour scale of at least :data:`UNIT_SCALE_FLOOR`) and the boundary panel
        (P(class 1), or the 0/1 labels with ``discretize``, and the contour P = 0.5), from one forward pass."""
        values = self._values(params, self.boundary_inputs)
        logit = values[f"Z{len(self.sizes) + 1}"].reshape(self.xx1.shape)
        finite_logit = np.abs(logit[np.isfinite(logit)])
        scale = min(float(finite_logit.max()) if finite_logit.size else 1.0, 1e100)
        scale = max(scale, UNIT_SCALE_FLOOR)  # the same floor as the unit maps: an untrained logit looks flat
        self.logit_image.set_data(np.clip(np.nan_to_num(logit), -scale, scale))  # (drawn later: no inf/NaN)
        self.logit_image.set_clim(-scale, scale)
        b = params[f"b{len(self.sizes) + 1}"][0, 0]
        self.logit_text.set_text(f"b = {b:+.2f}; colour scale ±{scale:.3g}")
        proba = np.nan_to_num(model.output_unit(logit), nan=0.5)
        shade = model.labels(logit) if self.discretize else proba
        self.boundary_image.set_data(shade.astype(float))
        if self.contour is not None:
            self.contour.remove()
            self.contour = None
        if proba.min() < 0.5 < proba.max():
            self.contour = self.ax_boundary.contour(self.xx1, self.xx2, proba, levels=[0.5], colors="k", linewidths=1.1)
            self.contour.set_animated(self.live)

    def _draw_costs(self, iterations, train_costs, test_costs):
        """The cost curves, on axes that step up (linear to a "nice" top, or log decades for a blow-up)."""
        iterations = np.asarray(iterations, dtype=float)
        train_costs, test_costs = (np.asarray(costs, dtype=float) for costs in (train_costs, test_costs))
        self.train_line.set_data(iterations, np.where(np.isfinite(train_costs), train_costs, np.nan))
        self.test_line.set_data(iterations, np.where(np.isfinite(test_costs), test_costs, np.nan))
        values = np.concatenate([train_costs, test_costs])
        limits = _cost_limits(values[np.isfinite(values)])
        if limits == self.cost_limits:  # the usual case: the limits only step up (or to a log scale for a blow-up)
            return
        self.cost_limits = limits
        scale, low, high = limits
        if scale != self.ax_cost.get_yscale():
            self.ax_cost.set_yscale(scale)
            label = "cost (log scale)" if scale == "log" else "cost"
            self.ax_cost.set_ylabel(label, fontsize=MIN_FONT_SIZE + 0.5, labelpad=1)
        if scale == "log":  # fixed decades: matplotlib's own log locator overflows on ranges beyond ~1e250
            from matplotlib.ticker import FixedLocator, NullLocator

            self.ax_cost.yaxis.set_major_locator(FixedLocator(_log_ticks(low, high)))
            self.ax_cost.yaxis.set_minor_locator(NullLocator())
        self.ax_cost.set_ylim(low, high)
        self._background = None

    def _draw_titles(self, iteration, scores, diverged_message):
        """The boundary's title (scores or divergence), the cost panel's note and the progress text."""
        s = self.settings
        name = DATASET_LABELS[s["dataset"]]
        where = f"iteration {iteration} of {s['num_iterations']}"
        if diverged_message:
            where = f"diverged at iteration {iteration}"
            if self.ax_cost.get_xlim()[1] != iteration:  # zoom in on the run up to the divergence
                self.ax_cost.set_xlim(0, iteration)
                self._background = None
            self.boundary_title.set_text(f"{name}: training diverged")
            self.cost_text.set_text("diverged:\nlower the\nlearning rate")
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


def _log_ticks(low, high, most=4):
    """Whole decades between ``low`` and ``high`` (powers of 10), at most ``most`` + 1, at round multiples of a
    round stride (1, 2, 5, 10, 20, 25, 50 or 100 decades)."""
    first, last = int(round(np.log10(low))), int(round(np.log10(high)))
    stride = next(k for k in (1, 2, 5, 10, 20, 25, 50, 100) if (last - first) / k <= most)
    return [10.0**k for k in range(-(-first // stride) * stride, last + 1, stride)]


def _board_for(fig, result, discretize=False, show_test=True):
    """A :class:`Board` on ``fig`` showing a finished :class:`Result`."""
    board = Board(
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
    """Draw a :class:`Result` with the playground's layout; return its panels as a 1-D array of Axes, as the plots'
    grids do: boundary, cost, units, logit.

    Panels: the hidden layers' maps (the last hidden layer's as contributions ``w_j a_j`` to the logit, labelled
    with ``w_j``), the logit, the decision boundary with the train (circles) and test (triangles) points, and
    the train and test cost curves. ``fig``: a matplotlib Figure to draw on (default: a new pyplot figure); its
    size becomes :func:`figure_size` of the run's layers.
    """
    check_result(result)
    discretize = check_bool("discretize", discretize)
    show_test = check_bool("show_test", show_test)
    if fig is None:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=figure_size(result.settings["hidden_layers"]), dpi=DPI)
    else:
        from matplotlib.figure import Figure

        if not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure or None, got {type(fig).__name__}")
    board = _board_for(fig, result, discretize, show_test)
    axes = np.empty(4, dtype=object)
    axes[:] = [board.ax_boundary, board.ax_cost, board.ax_units, board.ax_logit]
    return axes


def render_png(result, *, discretize=False, show_test=True, dpi=DPI):
    """The :func:`plot` figure as PNG bytes (no pyplot: safe to call from widget callbacks and threads)."""
    from matplotlib.figure import Figure

    check_result(result)
    dpi = check_int("dpi", dpi, low=20, high=400)
    board = _board_for(Figure(figsize=figure_size(result.settings["hidden_layers"])), result, discretize, show_test)
    if dpi != DPI:
        board.fig.set_dpi(dpi)
    return board.png()
