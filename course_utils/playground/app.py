"""The playground's widget app: :class:`Playground`, its buttons, play loop and threads.

``Playground(**settings)`` as the last line of a notebook cell shows the controls (a compact grid, readable in
JupyterLab's 590-pixel output area at 1024 x 768 with the sidebar open), the buttons Play, Pause, Step and Reset,
an iteration counter and the live figure. It trains a
:class:`~course_utils.playground.session.Session` frame by frame (in a background thread while playing) and
redraws one :class:`~course_utils.playground.figure.Board` in place, as a PNG in an ``ipywidgets.Image``.
The input widgets come from :mod:`.controls`; ipywidgets is imported only when an app is built.
"""

import html
import threading
import time
import weakref

from .._validation import check_int
from .controls import controls
from .figure import DPI, FIGSIZE, Board
from .session import Session, scores_text, summary, train_to_end
from .settings import DEFAULTS, check_settings, describe

#: Iterations per frame of the live playground (a frame = this much training + one redraw).
FRAME_ITERATIONS = 50
#: The live playground shows at most this many frames per second (it leaves the kernel time to answer).
MAX_FPS = 12

_PLAYING = weakref.WeakSet()  # apps whose play loop runs: starting one pauses the others


class Playground:
    """The live widget app. ``Playground(**settings)`` builds the controls and shows iteration 0.

    Buttons: **new data** (:meth:`regenerate`) draws a new sample of the data set with the next data seed;
    **Play** trains frame by frame in a background thread (``frame_iterations`` iterations per
    frame, at most :data:`MAX_FPS` frames per second) until ``num_iterations`` or a divergence;
    **Pause** stops after the current frame; **Step** (when paused) runs exactly one frame; **Reset**
    stops and goes back to iteration 0. Changing a setting restarts at iteration 0 with the new
    settings (and keeps playing if it was); "discretize" and "show test points" only redraw. The buttons
    call :meth:`play`, :meth:`pause`, :meth:`step` and :meth:`reset`, which Python can call too; only one
    playground plays at a time (Play pauses the others). ``activation`` may be a learner's own
    ``activations.Activation``: it becomes one more option of the drop-down.

    Attributes: ``controls`` (the input widgets keyed like :data:`DEFAULTS`, plus ``discretize`` and
    ``show_test``; ``controls["features"].value`` is the tuple of ticked features),
    ``play_button``, ``pause_button``, ``step_button``, ``reset_button``, ``regenerate_button``, ``counter``
    (the iteration counter), ``status`` (accuracies or the divergence message), ``figure`` (an Image widget holding
    the PNG), ``app`` (the whole layout). Read the state with ``iteration``, ``playing``, ``frames``
    (iterations, train costs and test costs of every frame so far), ``result`` (a :class:`Result` of
    the current state), ``frame_seconds`` (the last frame's time). Display it by making it the last
    expression of a cell.
    """

    def __init__(self, *, frame_iterations=FRAME_ITERATIONS, **settings):
        s = check_settings(**settings)
        self.frame_iterations = check_int("frame_iterations", frame_iterations, low=1, high=10_000)
        self.controls = controls(s)
        self._build_buttons()
        self.frame_seconds = None
        self._lock = threading.RLock()  # the run, the board and the output widgets (held for a whole frame)
        self._control = threading.Lock()  # play/pause/step/reset transitions (never held by the play loop)
        self._stop = threading.Event()
        self._stop.set()
        self._thread = None
        self._session = None
        self._board = None
        self.resets = 0
        self._connect()
        self.app = self._layout()
        with self._lock:
            self._rebuild()

    def _build_buttons(self):
        """The four buttons, the iteration counter, the status line and the figure's Image widget."""
        import ipywidgets as w

        def button(description, icon, tooltip, name, style=""):
            b = w.Button(description=description, icon=icon, tooltip=tooltip, button_style=style)
            b.layout = w.Layout(width="76px")
            b.add_class(f"playground-{name}")
            return b

        self.play_button = button("Play", "play", "train frame by frame", "play", "primary")
        self.pause_button = button("Pause", "pause", "stop after this frame", "pause")
        self.step_button = button("Step", "step-forward", "train one frame", "step")
        self.reset_button = button("Reset", "undo", "back to iteration 0", "reset")
        self.regenerate_button = button("new data", "refresh", "draw a new sample (the next data seed)", "regenerate")
        self.regenerate_button.layout = w.Layout(width="auto", min_width="0")
        self.counter = w.HTML(value="")
        self.counter.add_class("playground-iteration")
        self.status = w.HTML(value="")
        self.status.add_class("playground-status")
        # the figure fills the output area's width (590 pixels at 1024 x 768 with the sidebar open: its own size)
        self.figure = w.Image(format="png", layout=w.Layout(width="100%", max_width="900px", height="auto"))
        self.figure.add_class("playground-figure")

    def _connect(self):
        """Settings restart the run, the view toggles redraw, the buttons call their methods."""
        c = self.controls
        for name in DEFAULTS:
            c[name].observe(self._on_setting, names="value")
        c["discretize"].observe(self._on_view, names="value")
        c["show_test"].observe(self._on_view, names="value")
        self.play_button.on_click(lambda _b: self.play())
        self.pause_button.on_click(lambda _b: self.pause())
        self.step_button.on_click(lambda _b: self.step())
        self.reset_button.on_click(lambda _b: self.reset())
        self.regenerate_button.on_click(lambda _b: self.regenerate())

    def _layout(self):
        """The whole app: the controls in a three-column grid, the buttons, the status line and the figure."""
        import ipywidgets as w

        c = self.controls

        new_data = w.HBox([self.regenerate_button, c["data_seed"]], layout=w.Layout(width="100%", min_width="0"))
        c["data_seed"].layout = w.Layout(width="auto", min_width="0", flex="1 1 0")
        c["data_seed"].description = "seed"
        c["data_seed"].style.description_width = "32px"
        view = w.HBox([c["discretize"], c["show_test"]], layout=w.Layout(min_width="0"))
        # three columns, five rows (a third of a 768-pixel screen): the features and the layers span two columns
        areas = {
            "dataset": c["dataset"], "noise": c["noise"], "test": c["test_size"],
            "features": c["features"], "new": new_data,
            "activation": c["activation"], "init": c["init"], "seed": c["seed"],
            "layers": c["hidden_layers"], "l2": c["l2"],
            "rate": c["learning_rate"], "iterations": c["num_iterations"], "view": view,
        }  # fmt: skip
        for area, widget in areas.items():
            widget.layout.grid_area = area
        grid = w.GridBox(
            list(areas.values()),
            layout=w.Layout(
                grid_template_columns="repeat(3, minmax(0, 1fr))",
                grid_template_areas=(
                    '"dataset noise test" "features features new" "activation init seed" "layers layers l2" '
                    '"rate iterations view"'
                ),
                grid_gap="0px 6px",
                width="100%",
            ),
        )
        grid.add_class("playground-controls")
        buttons = w.HBox(
            [self.play_button, self.pause_button, self.step_button, self.reset_button, self.counter],
            layout=w.Layout(align_items="center", flex_flow="row wrap"),
        )
        app = w.VBox([grid, buttons, self.status, self.figure], layout=w.Layout(width="100%"))
        app.add_class("playground-app")
        return app

    # --- state ------------------------------------------------------------------------------------

    def settings(self):
        """The current settings, read from the controls."""
        return {name: self.controls[name].value for name in DEFAULTS}

    @property
    def iteration(self):
        """Iterations trained so far in the current run."""
        return self._session.iteration

    @property
    def playing(self):
        """True while the play loop runs."""
        return not self._stop.is_set()

    @property
    def frames(self):
        """Every frame of the current run so far: ``{"iteration", "train_cost", "test_cost"}`` float arrays."""
        with self._lock:
            return self._session.frames()

    @property
    def result(self):
        """A :class:`Result` of the current state (at the last iteration: what :func:`run` returns)."""
        with self._lock:
            return self._session.result()

    @property
    def board_figure(self):
        """The matplotlib Figure redrawn frame by frame (the same object until the data, inputs or width change)."""
        return self._board.fig

    @property
    def board(self):
        """The :class:`~course_utils.playground.figure.Board` drawn frame by frame (read only): its artists
        (``units_image``, ``boundary_image``, ``train_line``, ``progress``, ...), ``unit_labels`` and ``settings``."""
        return self._board

    @property
    def session(self):
        """The :class:`~course_utils.playground.session.Session` being trained (read only): its ``settings``,
        ``iteration``, per-frame costs; replaced by a new one on every restart."""
        return self._session

    # --- the frame -------------------------------------------------------------------------------

    def _rebuild(self):
        """A new run at iteration 0 with the current settings, one draw (lock held). The figure is kept when
        the layout allows it (same data, inputs and width), else built anew."""
        from matplotlib.figure import Figure

        self._session = Session(check_settings(**self.settings()))
        self.resets += 1
        live = self._session
        if self._board is not None and self._board.reuse(live.settings):
            self._draw()
            return
        self._board = Board(
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
        live, board = self._session, self._board
        scores = (live.train_accuracy, live.test_accuracy)
        message = live.message()
        board.update(
            live.params(), live.iterations, live.train_costs, live.test_costs, live.shown_iteration, scores, message
        )
        self.figure.value = board.png()
        self._show_text()
        return time.perf_counter() - start

    def _show_text(self):
        live = self._session
        if live.diverged:  # the iteration the message and the figure name, not the end of the last frame
            where = f"diverged at iteration <b>{live.shown_iteration}</b>"
        else:
            where = f"iteration <b>{live.iteration}</b> of {live.end}"
        self.counter.value = f"<span style='font-family:monospace'>{where}</span>"
        if live.diverged:
            text = html.escape(summary(live.result()))
            self._set_status(f"<b style='color:firebrick'>Training diverged.</b> <span>{text}</span>")
        elif live.finished:
            result = live.result()
            colour = "darkorange" if result.notes else "inherit"
            self._set_status(f"<span style='color:{colour}'>{html.escape(summary(result))}</span>")
        else:
            text = f"{describe(live.settings)}: {scores_text(live.train_accuracy, live.test_accuracy)}"
            cost = live.train_costs[-1]
            self._set_status(f"<span>{html.escape(text)}</span> <small>(train cost {cost:.3f})</small>")
        self._show_buttons()

    def _set_status(self, text):
        """The status line (HTML), set tight: a long one wraps to two short lines, not two widget rows."""
        self.status.value = f"<div style='line-height: 1.35'>{text}</div>"

    def _show_buttons(self):
        playing, finished = self.playing, self._session.finished
        self.play_button.disabled = playing
        self.pause_button.disabled = not playing
        self.step_button.disabled = playing or finished

    def _frame(self):
        """Train one chunk and redraw (lock held); returns True while there is more to do."""
        start = time.perf_counter()
        self._session.advance(self.frame_iterations)
        self._draw()
        self.frame_seconds = time.perf_counter() - start
        return not self._session.finished

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
                self._set_status(f"<b style='color:firebrick'>Error:</b> {html.escape(repr(exc))}")
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
                if self._session.finished:
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
                if not self._session.finished:
                    self._frame()

    def regenerate(self):
        """Draw a new sample of the data set: the next data seed (a new run at iteration 0, playing on if it was)."""
        seed = self.controls["data_seed"]
        seed.value = seed.value + 1 if seed.value < seed.max else 0

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
                self._session = Session(check_settings(**self.settings()))
                result = train_to_end(self._session)
                self._draw()
                return result

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
