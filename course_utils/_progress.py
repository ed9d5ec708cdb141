"""A progress bar for long computations: an ipywidgets bar in a notebook, a text line on a terminal."""

import sys


class Progress:
    """``Progress(enabled, total, label)``; call ``update(done)`` and finally ``close()``.

    In a Jupyter notebook it shows an ``IntProgress`` widget whose plain-text form (what GitHub and
    nbviewer show, and what the tests compare) is one stable line, ``label: done``; on a terminal it
    writes a text bar to stderr; otherwise (e.g. a script piped to a file) nothing.
    """

    def __init__(self, enabled, total, label):
        self.total, self.label, self.mode = total, label, None
        if not enabled:
            return
        shell = None
        if "IPython" in sys.modules:
            shell = sys.modules["IPython"].get_ipython()
        if shell is not None and type(shell).__name__ == "ZMQInteractiveShell":
            try:
                import ipywidgets
                from IPython.display import display
            except ImportError:
                return
            self.bar = ipywidgets.IntProgress(value=0, min=0, max=total, description=label)
            display(
                {
                    "application/vnd.jupyter.widget-view+json": self.bar._repr_mimebundle_()[
                        "application/vnd.jupyter.widget-view+json"
                    ],
                    "text/plain": f"{label}: done",
                },
                raw=True,
            )
            self.mode = "widget"
        elif hasattr(sys.stderr, "isatty") and sys.stderr.isatty():
            self.mode = "text"
            self.update(0)

    def update(self, done):
        if self.mode == "widget":
            self.bar.value = done
        elif self.mode == "text":
            width = 30
            filled = int(width * done / self.total) if self.total else width
            sys.stderr.write(f"\r{self.label}: [{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} iterations")
            sys.stderr.flush()

    def close(self):
        if self.mode == "widget":
            self.bar.bar_style = "success"
        elif self.mode == "text":
            sys.stderr.write("\n")
            sys.stderr.flush()
