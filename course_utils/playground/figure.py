"""The playground's figure: one layout for the live app and the static plot, built once and updated in place.

Panels, left to right: the hidden units (each unit's contribution ``w2_j * g(w1_j . x + b1_j)`` over the (x1, x2)
plane, one shared colour scale, labelled with ``w2_j``), their sum plus ``b2`` (the logit), the decision boundary
(P(class 1) shading, the 0.5 contour, the train and test points) and the train/test cost curves. :class:`Board`
draws a network's parameters (the course's dict, ``W1 (n_h, n_x)``, ``b1 (n_h, 1)``, ``W2 (1, n_h)``,
``b2 (1, 1)``) through :mod:`course_utils.model`; :func:`plot` and :func:`render_png` draw a finished
:class:`~course_utils.playground.session.Result`. Colours, colour map, margin and mesh come from
:mod:`course_utils._style`, as for the plots.
"""

import io

import numpy as np

from .. import activations, model
from .._style import BOUNDARY_CMAP, CLASS_COLORS, mesh
from .._validation import check_bool, check_int
from ..engine import RECORD_EVERY
from .session import check_result
from .settings import DATASET_LABELS, describe, features

#: Figure size (inches) and resolution (dots per inch) of the playground's figure.
FIGSIZE = (12.0, 4.4)
DPI = 100

#: The smallest colour scale (in logit units) of the unit maps and the logit map: contributions far below 1 change
#: the prediction by almost nothing, so an untrained network (contributions around 1e-3) is drawn flat.
UNIT_SCALE_FLOOR = 1.0

#: The settings a figure's layout depends on (the others only change titles and curves: see Board.reuse).
_LAYOUT_KEYS = ("dataset", "noise", "test_size", "features", "n_hidden")
_BOUNDARY_RESOLUTION = 100
_LOGIT_RESOLUTION = 82
_BOTTOM, _TOP = 0.95, 3.75  # inches: the panels' common bottom and top edges


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


class Board:
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

        self.fig, self.settings = fig, settings
        self.act = activations.as_activation(settings["activation"])
        self.names = settings["features"]
        self.n_h = settings["n_hidden"]
        self.discretize = discretize
        self.cmap = colormaps[BOUNDARY_CMAP]
        # the boundary's shading: the same colours 35 % lighter, opaque (so a frame can paint over the last one)
        self.light_cmap = ListedColormap(0.65 * self.cmap(np.linspace(0, 1, 256)) + 0.35, name="RdBu_light")
        self.F_train = features(X_train, self.names)
        self.points_all = X_train if X_test is None else np.hstack([X_train, X_test])
        self._build_units()
        self._build_logit()
        self._build_boundary(X_train, Y_train, X_test, Y_test, show_test)
        self._build_costs(X_test is not None)
        self.title = fig.text(0.012, 0.975, describe(settings), fontsize=11, ha="left", va="top", weight="bold")
        self.progress = fig.text(0.985, 0.975, "", fontsize=11, ha="right", va="top")
        # live: the artists that change are "animated": a frame repaints only them over a saved background
        self.live = live
        self.canvas = None
        self._background = None
        if live:
            for artist in self._dynamic():
                artist.set_animated(True)

    def _axes(self, left, bottom, width, height, label):
        """New axes at a place given in inches from the figure's lower left corner."""
        W, H = self.fig.get_size_inches()
        return self.fig.add_axes((left / W, bottom / H, width / W, height / H), label=label)

    def _build_units(self):
        """Panel 1: the hidden units, composed as one RGBA image of tiles (fast for 50 units; one imshow)."""
        side = _TOP - _BOTTOM
        ax = self.ax_units = self._axes(0.15, _BOTTOM, 3.35, side + 0.05, "hidden units")
        ax.set_axis_off()
        width_px, height_px = round(3.35 * DPI), round((side + 0.05) * DPI)
        rows, cols, t, strip, gap = _tile_grid(self.n_h, width_px, height_px)
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
        self.unit_labels = [""] * self.n_h
        self._bitmaps = {}
        self.units_title = ax.set_title("", fontsize=10, loc="left", y=1.0)
        self._set_units_title()
        note = "each map: a unit's contribution to the logit over the (x1, x2) plane;\n"
        note += "blue: towards class 1, red: towards class 0"
        note += "; numbers: w2_j" if self.label_format == "{w}" else ""
        self.scale_note = ax.text(0, self.image_shape[0] + 6 * shrink, note, fontsize=8, va="top", color="0.25")
        self.scale_text = ax.text(0, self.image_shape[0] + 33 * shrink, "", fontsize=8, va="top", color="0.25")
        self.tile_mesh = self._mesh(t, top_first=True)  # one point per pixel of a tile

    def _build_logit(self):
        """Panel 2: the logit = the sum of the contributions + b2, with the Σ and σ arrows around it."""
        W, H = self.fig.get_size_inches()
        ax = self.ax_logit = self._axes(4.05, _BOTTOM + 0.6, 1.52, 1.52, "logit")
        ax.set_xticks([])
        ax.set_yticks([])
        self.logit_mesh = self._mesh(_LOGIT_RESOLUTION)
        self.logit_image = ax.imshow(
            np.zeros((_LOGIT_RESOLUTION, _LOGIT_RESOLUTION)),
            origin="lower",
            cmap=self.cmap,
            vmin=-1,
            vmax=1,
            interpolation="bilinear",
            aspect="auto",
        )
        ax.set_title("sum + $b^{[2]}$ = logit", fontsize=10, y=1.0)
        ax.set_xlabel("$x_1$", fontsize=8, labelpad=1)
        ax.set_ylabel("$x_2$", fontsize=8, labelpad=1)
        self.logit_text = ax.text(0.5, -0.13, "", transform=ax.transAxes, ha="center", va="top", fontsize=8)
        self.fig.text(3.52 / W, (_BOTTOM + 1.38) / H, "Σ →", fontsize=13, ha="left", va="center")
        self.fig.text(5.62 / W, (_BOTTOM + 1.38) / H, "σ →", fontsize=13, ha="left", va="center")

    def _build_boundary(self, X_train, Y_train, X_test, Y_test, show_test):
        """Panel 3: the decision boundary: P(class 1) shading (the logit panel shares its extent), the points."""
        from matplotlib.lines import Line2D

        side = _TOP - _BOTTOM
        ax = self.ax_boundary = self._axes(6.62, _BOTTOM, side, side, "boundary")
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
        handles = self._scatter(ax, X_train, Y_train, "train", s=18, marker="o")
        self.test_artists = []
        if X_test is not None:
            self.test_artists = self._scatter(ax, X_test, Y_test, "test", s=30, marker="^")
            handles += self.test_artists
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

    @staticmethod
    def _scatter(ax, X, Y, which, **style):
        """One scatter artist per class of the points ``X (2, k)``, ``Y (1, k)``, in the class colours."""
        return [
            ax.scatter(
                X[0, Y[0] == k],
                X[1, Y[0] == k],
                c=CLASS_COLORS[k],
                edgecolors="k",
                linewidths=0.5,
                label=f"{which} class {k}",
                **style,
            )
            for k in (0, 1)
        ]

    def _build_costs(self, has_test):
        """Panel 4: the train and test cost curves (the test line unlabelled without a test set)."""
        from matplotlib.ticker import MaxNLocator

        ax = self.ax_cost = self._axes(10.02, _BOTTOM, 1.72, _TOP - _BOTTOM, "cost")
        (self.train_line,) = ax.plot([], [], color="C0", linewidth=1.5, label="train")
        (self.test_line,) = ax.plot([], [], color="C1", linewidth=1.5, linestyle="--", label="test")
        if not has_test:
            self.test_line.set_label("_no test set")
        ax.set_xlim(0, self.settings["num_iterations"])
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

    def _hidden(self, params, inputs):
        """(A1 (n_h, k), logit (k,)) of the network at its inputs ``(n_x, k)``: :func:`course_utils.model.forward`."""
        values = model.forward(inputs, params, self.act)
        return values["A1"], values["Z2"][0]

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
                self._draw_logit(params)
                self._draw_boundary(params)
            self._draw_costs(iterations, train_costs, test_costs)
            self._draw_titles(iteration, scores, diverged_message)

    def _draw_logit(self, params):
        """The logit panel, on a symmetric colour scale of at least :data:`UNIT_SCALE_FLOOR`."""
        _, logit = self._hidden(params, self.logit_mesh)
        logit = logit.reshape(self.logit_image.get_array().shape)
        finite_logit = np.abs(logit[np.isfinite(logit)])
        scale = min(float(finite_logit.max()) if finite_logit.size else 1.0, 1e100)
        scale = max(scale, UNIT_SCALE_FLOOR)  # the same floor as the unit maps: an untrained logit looks flat
        self.logit_image.set_data(np.clip(np.nan_to_num(logit), -scale, scale))  # (drawn later: no inf/NaN)
        self.logit_image.set_clim(-scale, scale)
        self.logit_text.set_text(f"b2 = {params['b2'][0, 0]:+.2f}; colour scale ±{scale:.3g}")

    def _draw_boundary(self, params):
        """The boundary panel: P(class 1) (or the 0/1 labels with ``discretize``) and the contour P = 0.5."""
        _, values = self._hidden(params, self.boundary_inputs)
        proba = np.nan_to_num(model.output_unit(values).reshape(self.xx1.shape), nan=0.5)
        shade = model.labels(values).reshape(self.xx1.shape) if self.discretize else proba
        self.boundary_image.set_data(shade.astype(float))
        if self.contour is not None:
            self.contour.remove()
            self.contour = None
        if proba.min() < 0.5 < proba.max():
            self.contour = self.ax_boundary.contour(self.xx1, self.xx2, proba, levels=[0.5], colors="k", linewidths=1.2)
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
            self.ax_cost.set_ylabel("cost (log scale)" if scale == "log" else "cost", labelpad=1)
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

    Panels: the hidden units' maps (each unit's contribution ``w2_j * g(w1_j . x + b1_j)``, labelled
    with ``w2_j``), their sum plus ``b2`` (the logit), the decision boundary with the train (circles) and
    test (triangles) points, and the train and test cost curves (every 100 iterations). ``fig``: a
    matplotlib Figure to draw on (default: a new pyplot figure of size :data:`FIGSIZE`).
    """
    check_result(result)
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
    axes = np.empty(4, dtype=object)
    axes[:] = [board.ax_boundary, board.ax_cost, board.ax_units, board.ax_logit]
    return axes


def render_png(result, *, discretize=False, show_test=True, dpi=DPI):
    """The :func:`plot` figure as PNG bytes (no pyplot: safe to call from widget callbacks and threads)."""
    from matplotlib.figure import Figure

    check_result(result)
    dpi = check_int("dpi", dpi, low=20, high=400)
    board = _board_for(Figure(figsize=FIGSIZE, dpi=dpi), result, discretize, show_test)
    return board.png()
