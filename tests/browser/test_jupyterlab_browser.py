"""Real-browser test: every notebook opened in JupyterLab, in headless Chromium, as a learner would.

For each notebook in ``notebooks/`` (01 and 09 in the default run, the others marked ``slow``): open it in JupyterLab, clear its stored outputs, Run All Cells,
wait until every cell has run and the kernel is idle, then check what the page shows: no error or
stderr output, every figure rendered (at least as many images as the stored notebook has PNG
outputs), and in the playground notebook the widgets render, playing it advances the iteration counter
and the figure (and Pause stops it), changing a control changes the figure and the accuracy text, a
diverging run stops with the engine's message, and the new controls work (adding a hidden layer, the spiral,
new data, L2). Then the playground is checked as a learner sees it on a 1024 x 768 screen with JupyterLab's
sidebar open: the controls take at most a third of the screen's height, the figure fills the output area's
width without horizontal scrolling, its text is at least 9 pixels and each unit's map at least 60 pixels high
(at the largest network, 4 layers of 8 units); the screenshot is saved as
``tests/browser/screenshots/09_playground_1024x768.png``.

The server is ``jupyter lab`` on 127.0.0.1 with a free port and a random token, serving a temporary
COPY of the notebooks with autosave off, so the committed files are never rewritten. The browser is
Debian's Chromium (``/usr/bin/chromium``) driven by playwright; no browser is ever downloaded. When a
check fails, a screenshot goes to ``tests/browser/screenshots/<notebook>.png`` and the failure text to
``<notebook>.txt`` beside it (gitignored). The server is shut down at the end even when a test fails, and
also when pytest itself is killed.

Skipped, with the reason, when Chromium or playwright is missing.
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from course_utils import playground

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = REPO / "notebooks"
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
HOW_TO_ENABLE = (
    "to enable it, install Debian's browser with `apt-get install chromium` and the test tools "
    "with `pip install -r requirements-dev.txt`"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]  # containers often have a tiny /dev/shm
SERVER_START_TIMEOUT = 120  # seconds; jupyter lab on a busy 2-core machine
RUN_ALL_TIMEOUT = 300  # seconds per notebook (they run in < 60 s under nbval)
UI_TIMEOUT = 120  # seconds for the page to load, render or react to a control

if not CHROMIUM.exists():
    pytest.skip(f"browser test skipped: {CHROMIUM} not found; {HOW_TO_ENABLE}", allow_module_level=True)
try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright
except ImportError:
    pytest.skip(f"browser test skipped: playwright is not installed; {HOW_TO_ENABLE}", allow_module_level=True)

NOTEBOOKS = sorted(path.name for path in NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
# The default run (3-minute budget) opens the first notebook a learner meets and the playground, the notebook
# whose widgets do the most; the others are marked slow (CI's `python -m pytest -m slow` runs them).
IN_DEFAULT_RUN = ("01_sigmoid.ipynb", "09_playground.ipynb")

# JupyterLab user settings for the test server: no autosave (belt and braces: it serves a copy
# anyway), no virtual scrolling (every output stays in the page so it can be counted), and no
# news or update checks (no network, no pop-ups covering the page).
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"checkForUpdates": False, "fetchNews": "false"},
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {"enabled": False},
}


# Starts Python with "the parent died" signal set to SIGTERM (Linux prctl PR_SET_PDEATHSIG), then execs the
# real command: if pytest is killed without running its finalizers, the server still shuts down.
_DIE_WITH_PARENT = (
    "import ctypes, os, signal, sys\n"
    "try:\n    ctypes.CDLL(None).prctl(1, signal.SIGTERM)\n"
    "except (OSError, AttributeError):\n    pass\n"
    "os.execv(sys.executable, [sys.executable] + sys.argv[1:])"
)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """A running ``jupyter lab`` process and how to talk to it."""

    def __init__(self, root, port, token, process, log_path):
        self.root, self.port, self.token = root, port, token
        self.process, self.log_path = process, log_path
        self.url = f"http://127.0.0.1:{port}"

    def api(self, path, method="GET"):
        request = urllib.request.Request(
            f"{self.url}/api/{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_sessions(self):
        """Shut down every kernel session (graceful; frees CPU between notebooks)."""
        for session in self.api("sessions"):
            self.api(f"sessions/{session['id']}", method="DELETE")

    def log_tail(self, chars=3000):
        return self.log_path.read_text(errors="replace")[-chars:]


def _stop(process):
    """Stop the server we started (SIGTERM lets it shut its kernels down); SIGKILL its group if stuck."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """``jupyter lab`` serving a temporary copy of notebooks/ (and data/); always shut down."""
    root = tmp_path_factory.mktemp("lab")
    served = root / "repo"
    shutil.copytree(
        NOTEBOOK_DIR, served / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    )
    if (REPO / "data").is_dir():
        shutil.copytree(REPO / "data", served / "data")
    settings = root / "lab-settings"
    for name, values in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values))
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(root / "lab-workspaces"),
        JUPYTER_RUNTIME_DIR=str(root / "runtime"),
        JUPYTER_DATA_DIR=str(root / "data-dir"),
        IPYTHONDIR=str(root / "ipython"),
    )
    env.pop("MPLBACKEND", None)
    # A fresh environment builds matplotlib's font cache on the first import and says so on stderr; do it
    # here, so that first-run message does not land in the first notebook's page.
    subprocess.run(
        [sys.executable, "-c", "import matplotlib.pyplot"],
        env=env,
        cwd=served,
        capture_output=True,
        timeout=300,
        check=False,
    )
    token = secrets.token_hex(24)
    port = _free_port()
    log_path = root / "jupyter-lab.log"
    command = [
        sys.executable,
        "-c",
        _DIE_WITH_PARENT,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={served}",
        "--expose-app-in-browser",
        "--LabApp.news_url=",
        "--LabApp.extension_manager=readonly",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # CI containers run as root
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=served,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    server = LabServer(served, port, token, process, log_path)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"jupyter lab exited with code {process.returncode}:\n{server.log_tail()}")
            try:
                server.api("status")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(f"jupyter lab did not answer within {SERVER_START_TIMEOUT} s:\n{server.log_tail()}")
                time.sleep(0.5)
        yield server
    finally:
        try:
            if process.poll() is None:
                server.shutdown_sessions()
        except (urllib.error.URLError, OSError, ValueError):
            pass
        _stop(process)


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, driven by playwright (never a downloaded browser)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _stored_counts(path):
    """(non-empty code cells, PNG outputs, widget outputs) of the committed notebook."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code" and "".join(cell["source"]).strip()]
    outputs = [output.get("data", {}) for cell in code for output in cell.get("outputs", [])]
    return len(code), sum("image/png" in data for data in outputs), sum(WIDGET_MIME in data for data in outputs)


# JavaScript run in the page. The app object is exposed by `--expose-app-in-browser`.
JS_NOTEBOOK_READY = """() => {
  const app = window.jupyterapp; const panel = app && app.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!(kernel && kernel.status === 'idle' && panel.content && panel.content.widgets.length > 0
            && document.querySelector('.jp-NotebookPanel .jp-Cell'));
}"""
JS_KERNEL_IDLE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle';
}"""
JS_PROMPTS = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt'))
                     .map(e => e.textContent.trim())"""
JS_IMAGES = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output img'))
                     .map(img => ({rendered: img.complete && img.naturalWidth > 0, inWidget: !!img.closest('.jupyter-widgets')}))"""
# a rendered widget view: an output area whose child is the widget's own element (class jupyter-widgets);
# without the front end the same output shows as plain text instead
JS_WIDGETS = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output > .jupyter-widgets'))
                  .map(e => !/Loading widget|Error displaying widget/.test(e.textContent))"""
JS_STDERR = """() => Array.from(document.querySelectorAll(
                  '.jp-NotebookPanel .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
                  .map(e => e.textContent.slice(0, 500))"""


def _wait(page, js, seconds, message, arg=None):
    """Wait until ``js`` returns true in the page; on time-out fail with ``message`` (not a bare TimeoutError)."""
    try:
        page.wait_for_function(js, arg=arg, timeout=seconds * 1000, polling=500)
    except PlaywrightTimeout:
        pytest.fail(f"{message} (waited {seconds} s)")


def _run_all(page, n_code):
    """Clear stored outputs, Run All Cells from the Run menu, wait until all ran and the kernel is idle."""
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.wait_for_function(f"() => ({JS_PROMPTS})().every(p => !/\\d/.test(p))", timeout=UI_TIMEOUT * 1000)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    start = time.monotonic()
    # Run All marks every queued cell [*] at once; done when one has a number, none is queued, kernel idle
    # (an error stops Run All early: the count check below reports it).
    _wait(
        page,
        f"() => {{ const p = ({JS_PROMPTS})(); return p.some(t => /^\\[\\d+\\]:$/.test(t))"
        f" && !p.some(t => t.includes('*')) && ({JS_KERNEL_IDLE})(); }}",
        RUN_ALL_TIMEOUT,
        "Run All did not finish (cells still queued or the kernel busy)",
    )
    elapsed = time.monotonic() - start
    ran = sum(bool(re.fullmatch(r"\[\d+\]:", prompt)) for prompt in page.evaluate(JS_PROMPTS))
    stderr = page.evaluate(JS_STDERR)
    assert not stderr, "error or stderr output in the page:\n" + "\n---\n".join(stderr)
    assert ran >= n_code, f"Run All stopped after {ran} of {n_code} code cells"
    return elapsed


JS_PLAYGROUND_STATE = r"""() => {
  const s = document.querySelector('.playground-status'), img = document.querySelector('img.playground-figure');
  const c = document.querySelector('.playground-iteration'), m = c ? /iteration\s+(\d+)\s+of\s+(\d+)/.exec(c.textContent) : null;
  const play = document.querySelector('button.playground-play'), pause = document.querySelector('button.playground-pause');
  return {status: s ? s.textContent : '', src: img ? img.src : '', shown: !!img && img.complete && img.naturalWidth > 0,
          iteration: m ? Number(m[1]) : -1, of: m ? Number(m[2]) : -1,
          playing: !!play && play.disabled && !!pause && !pause.disabled};
}"""
PLAY_SECONDS = 3  # how long the test lets the playground play before reading the counter again


def _wait_for_playground(page, before, pattern):
    """Wait until the status text matches ``pattern`` (a JS regex source) and the figure changed since ``before``."""
    _wait(
        page,
        f"([before, pattern]) => {{ const now = ({JS_PLAYGROUND_STATE})();"
        " return now.shown && now.src !== before.src && new RegExp(pattern).test(now.status)"
        " && /accuracy/.test(now.status); }",
        UI_TIMEOUT,
        f"playground: no new figure with a status matching /{pattern}/; status was "
        f"{page.evaluate(JS_PLAYGROUND_STATE)['status']!r}",
        arg=[before, pattern],
    )
    return page.evaluate(JS_PLAYGROUND_STATE)


def _state(page):
    return page.evaluate(JS_PLAYGROUND_STATE)


def _check_live_play(page):
    """Play for a few seconds: the iteration counter and the figure advance; Pause stops both."""
    # a long run first (iterations slider to its end, 10000), so it cannot finish while the test watches
    handle = page.locator(".playground-num-iterations .noUi-handle").first
    handle.focus()
    handle.press("End")
    _wait(
        page, f"() => ({JS_PLAYGROUND_STATE})().of === 10000", UI_TIMEOUT, "playground: iterations slider not at 10000"
    )
    before = _state(page)
    assert before["iteration"] == 0 and not before["playing"], before
    page.locator("button.playground-play").click()
    _wait(
        page,
        f"() => {{ const s = ({JS_PLAYGROUND_STATE})(); return s.iteration > 0 && s.shown; }}",
        UI_TIMEOUT,
        f"playground: Play did not advance the iteration counter ({_state(page)})",
    )
    first = _state(page)
    time.sleep(PLAY_SECONDS)
    second = _state(page)
    assert second["playing"], f"playground stopped by itself: {second}"
    assert second["iteration"] > first["iteration"], f"the counter did not advance while playing: {first} -> {second}"
    assert second["src"] != first["src"], "the figure did not change while playing"
    print(f"playground: iteration {first['iteration']} -> {second['iteration']} in {PLAY_SECONDS} s of play")
    page.locator("button.playground-pause").click()
    _wait(page, f"() => !({JS_PLAYGROUND_STATE})().playing", UI_TIMEOUT, "playground: Pause did not stop playing")
    paused = _state(page)
    time.sleep(1.5)
    later = _state(page)
    assert later["iteration"] == paused["iteration"] and later["src"] == paused["src"], (
        f"the playground kept going after Pause: {paused['iteration']} -> {later['iteration']}"
    )
    return later


def _check_playground(page):
    """The widgets render; Play advances and Pause stops; changing controls (as a learner does) changes the
    figure and the accuracy text; a diverging run stops with the divergence message."""
    app = page.locator(".playground-app")
    app.wait_for(state="visible", timeout=UI_TIMEOUT * 1000)
    app.scroll_into_view_if_needed()
    assert page.locator(".playground-app .widget-dropdown select").count() >= 3, "playground drop-downs missing"
    assert page.locator(".playground-app .noUi-handle").count() >= 4, "playground sliders missing"
    for button in ("play", "pause", "step", "reset"):
        assert page.locator(f"button.playground-{button}").count() == 1, f"playground: no {button} button"
    _wait(
        page,
        f"() => {{ const now = ({JS_PLAYGROUND_STATE})(); return now.shown && /accuracy/.test(now.status); }}",
        UI_TIMEOUT,
        "playground: no first figure and accuracy line",
    )
    first = _state(page)
    assert first["status"].startswith("tanh, 4 hidden units"), first["status"]
    assert first["iteration"] == 0, first

    # 1. play for a few seconds, then pause
    paused = _check_live_play(page)
    # 2. pick another activation in the drop-down: back to iteration 0 with relu
    page.locator(".playground-activation select").select_option("relu")
    second = _wait_for_playground(page, paused, "^ReLU, 4 hidden units")
    assert second["iteration"] == 0, second
    # 3. a learning rate that diverges: play, and the red message replaces the accuracies; playing stops
    page.locator(".playground-activation select").select_option("leaky_relu")
    rate = page.locator(".playground-learning-rate .noUi-handle").first
    rate.focus()
    rate.press("End")
    _wait(
        page,
        f"() => /learning rate 10\\b/.test(({JS_PLAYGROUND_STATE})().status)",
        UI_TIMEOUT,
        "playground: the learning rate did not reach 10",
    )
    page.locator("button.playground-play").click()
    _wait(
        page,
        f"() => {{ const s = ({JS_PLAYGROUND_STATE})(); return /Training diverged\\./.test(s.status)"
        " && /learning rate 10\\b/.test(s.status) && !s.playing; }",
        UI_TIMEOUT,
        f"playground: no divergence message at learning rate 10 with leaky_relu ({_state(page)['status']!r})",
    )
    diverged = _state(page)
    # 4. the new controls. Add a hidden layer with "+": back to iteration 0 with two layers of 4 units
    page.locator(".playground-activation select").select_option("relu")
    rate.focus()
    rate.press("Home")  # the log slider's other end: 1e-4, below the old slider's 0.001
    third = _wait_for_playground(page, diverged, "^ReLU, 4 hidden units, learning rate 0\\.0001\\b")
    page.locator("button.playground-add-layer").click()
    fourth = _wait_for_playground(page, third, "^ReLU, 2 hidden layers \\(4, 4\\)")
    assert fourth["iteration"] == 0, fourth
    # the spiral data set (the status does not name the data; the drop-down and a new figure show it)
    page.locator(".playground-dataset select").select_option("spiral")
    fifth = _wait_for_playground(page, fourth, "^ReLU, 2 hidden layers")
    assert page.locator(".playground-dataset select").input_value() == "spiral"
    # new data: the next data seed, a new figure
    page.locator("button.playground-regenerate").click()
    _wait(
        page,
        "() => document.querySelector('.playground-data-seed input').value === '2'",
        UI_TIMEOUT,
        "playground: 'new data' did not move to the next data seed",
    )
    sixth = _wait_for_playground(page, fifth, "^ReLU, 2 hidden layers")
    # L2: one step of its slider, from 0 to 0.001; the title says so
    l2 = page.locator(".playground-l2 .noUi-handle").first
    l2.focus()
    l2.press("ArrowRight")
    seventh = _wait_for_playground(page, sixth, "^ReLU, 2 hidden layers \\(4, 4\\), learning rate 0\\.0001, L2 0\\.001")
    assert len({first["status"], second["status"], fourth["status"], seventh["status"]}) == 4


# the playground as a learner sees it on a small laptop screen, JupyterLab's sidebar open
SMALL_SCREEN = {"width": 1024, "height": 768}
JS_LAYOUT = """() => {
  const app = document.querySelector('.playground-app'), img = document.querySelector('img.playground-figure');
  const output = app.closest('.jp-OutputArea-output'), controls = document.querySelector('.playground-controls');
  const top = app.getBoundingClientRect().top, figureTop = img.getBoundingClientRect().top;
  return {output: output.clientWidth, scroll: output.scrollWidth, app: app.clientWidth,
          controls: controls.getBoundingClientRect().height, aboveFigure: figureTop - top,
          shown: img.clientWidth, natural: img.naturalWidth, page: document.documentElement.scrollWidth,
          viewport: window.innerWidth, sidebar: !window.jupyterapp.shell.leftCollapsed};
}"""


def _check_small_screen(page, name):
    """At 1024 x 768 with the sidebar open and the largest network (4 layers of 8 units): the controls take at most
    a third of the screen's height, the figure fills the output area without horizontal scrolling, its smallest
    text is at least 9 pixels and each unit's map at least 60 pixels. Saves the screenshot."""
    page.set_viewport_size(SMALL_SCREEN)
    page.evaluate("() => { const shell = window.jupyterapp.shell; shell.expandLeft(); shell.collapseRight(); }")
    before = _state(page)
    layers = page.locator("button.playground-add-layer")
    for _ in range(playground.MAX_LAYERS - 1):
        if layers.is_enabled():
            layers.click()
    for layer in range(1, playground.MAX_LAYERS + 1):
        page.locator(f".playground-layer-{layer} select").select_option(str(playground.MAX_UNITS))
    _wait_for_playground(page, before, "^ReLU, 4 hidden layers \\(8, 8, 8, 8\\)")
    page.locator(".playground-app").scroll_into_view_if_needed()
    time.sleep(1.0)  # let JupyterLab lay the narrower page out
    layout = page.evaluate(JS_LAYOUT)
    SCREENSHOTS.mkdir(exist_ok=True)
    shot = SCREENSHOTS / f"{Path(name).stem}_1024x768.png"
    page.screenshot(path=str(shot))
    print(f"small screen: {layout}; screenshot {shot}")
    assert layout["sidebar"], "the sidebar should be open"
    assert 540 <= layout["output"] <= 640, f"the output area should be about 590 px wide at 1024 px: {layout}"
    assert layout["controls"] <= SMALL_SCREEN["height"] / 3, f"the controls take more than a third: {layout}"
    assert layout["aboveFigure"] <= SMALL_SCREEN["height"] / 3, f"controls, buttons and status: {layout}"
    assert layout["scroll"] <= layout["output"] + 1 and layout["page"] <= layout["viewport"], f"scrolls: {layout}"
    assert layout["shown"] >= 0.95 * layout["app"], f"the figure does not fill the output width: {layout}"
    scale = layout["shown"] / layout["natural"]
    smallest_text = playground.MIN_FONT_SIZE * playground.DPI / 72 * scale
    assert smallest_text >= 9, f"text {smallest_text:.1f} px < 9 px: {layout}"
    assert playground.UNIT_TILE * scale >= 60, f"unit maps {playground.UNIT_TILE * scale:.0f} px < 60 px: {layout}"


@pytest.mark.parametrize(
    "name", [name if name in IN_DEFAULT_RUN else pytest.param(name, marks=pytest.mark.slow) for name in NOTEBOOKS]
)
def test_notebook_runs_in_jupyterlab(lab, browser, name):
    # counted in the served copy: the very file that runs, even if notebooks/ changes meanwhile
    n_code, n_png, n_widgets = _stored_counts(lab.root / "notebooks" / name)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    try:
        page.goto(f"{lab.url}/lab/tree/notebooks/{name}?reset&token={lab.token}", timeout=UI_TIMEOUT * 1000)
        _wait(page, JS_NOTEBOOK_READY, UI_TIMEOUT, f"{name}: the notebook did not open with an idle kernel")
        seconds = _run_all(page, n_code)
        print(f"{name}: Run All took {seconds:.0f} s in the browser")
        # let the last images decode
        rendered = f"({JS_IMAGES})().filter(i => i.rendered && !i.inWidget).length"  # figures drawn by cells
        _wait(
            page,
            f"() => {rendered} >= {n_png}",
            UI_TIMEOUT,
            f"{name}: fewer figures rendered than the {n_png} PNG outputs of the stored notebook",
        )
        print(f"{name}: {page.evaluate('() => ' + rendered)} figures rendered (stored notebook: {n_png})")
        if n_widgets:  # widget views render (the front end is installed and talks to the kernel)
            _wait(
                page,
                f"() => {{ const w = ({JS_WIDGETS})(); return w.length >= {n_widgets} && w.every(Boolean); }}",
                UI_TIMEOUT,
                f"{name}: fewer live widget views than the {n_widgets} stored widget outputs",
            )
        stderr = page.evaluate(JS_STDERR)
        assert not stderr, f"{name}: error or stderr output in the page:\n" + "\n---\n".join(stderr)
        assert not page.locator("text=Error displaying widget").count(), f"{name}: a widget failed to render"
        if name.startswith("09_"):
            _check_playground(page)
            _check_small_screen(page, name)
            stderr = page.evaluate(JS_STDERR)
            assert not stderr, f"{name}: stderr after changing a control:\n" + "\n---\n".join(stderr)
    except BaseException as failure:
        SCREENSHOTS.mkdir(exist_ok=True)
        (SCREENSHOTS / f"{Path(name).stem}.txt").write_text(f"{type(failure).__name__}: {failure}\n")
        try:
            page.screenshot(path=str(SCREENSHOTS / f"{Path(name).stem}.png"), full_page=True)
        except Exception as exc:  # the page may be gone; the original failure matters more
            print(f"no screenshot: {exc}")
        if page_errors:
            print(f"JavaScript errors in the page: {page_errors[:5]}")
        print(f"jupyter lab log (tail):\n{lab.log_tail()}")
        raise
    finally:
        context.close()
        try:
            lab.shutdown_sessions()
        except (urllib.error.URLError, OSError, ValueError) as exc:  # keep the test's own failure visible
            print(f"could not shut the kernel sessions down: {exc}")
