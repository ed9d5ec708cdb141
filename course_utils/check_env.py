"""Check that this Python environment can run the course: ``python -m course_utils.check_env``.

Prints one line per check and exits with 0 when everything is fine, 1 otherwise:

- the versions of the key packages, against the lower bounds in ``requirements.txt``;
- whether ``course_utils`` imports when Python starts in the ``notebooks`` folder (as a notebook's
  kernel does) and is this copy of the package;
- whether the ``python3`` Jupyter kernel (the one the notebooks ask for) can import ``course_utils``;
- whether the widget front end (``jupyterlab_widgets``, JupyterLab's ipywidgets extension) is
  installed, so the playground's controls render instead of showing a text placeholder.

Every failed check comes with a hint on how to fix it.
"""

import importlib.metadata as metadata
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from ._validation import check_bool, check_path

REPO = Path(__file__).resolve().parent.parent
REQUIREMENTS = REPO / "requirements.txt"
NOTEBOOKS = REPO / "notebooks"
#: Distributions reported even when requirements.txt cannot be found (a non-editable install).
KEY_PACKAGES = (
    "numpy",
    "scipy",
    "matplotlib",
    "scikit-learn",
    "jupyterlab",
    "ipywidgets",
    "jupyterlab_widgets",
    "ipykernel",
    "nbval",
    "pytest",
)
WIDGET_EXTENSION = ("@jupyter-widgets", "jupyterlab-manager")
FIX_INSTALL = "run `pip install -r requirements.txt` in the repository folder, in this environment"
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:>=\s*([0-9][0-9.]*))?")


class Check:
    """One result line: ``ok`` (bool), ``what`` (text) and ``hint`` (how to fix it, when not ok)."""

    def __init__(self, ok, what, hint=""):
        self.ok = check_bool("ok", ok)
        for name, value in (("what", what), ("hint", hint)):
            if not isinstance(value, str):
                raise TypeError(f"{name} must be a string, got {type(value).__name__}")
        self.what, self.hint = what, hint

    def __str__(self):
        line = f"{'OK  ' if self.ok else 'FAIL'}  {self.what}"
        return line if self.ok or not self.hint else f"{line}\n      -> {self.hint}"


def read_requirements(path=REQUIREMENTS):
    """``{distribution: lower bound or None}`` from a requirements file (comments, ``-e``/``-r`` lines skipped)."""
    path = check_path("path", path)
    if str(path) in ("", "."):
        raise ValueError(f"path must name a requirements file, got {str(path)!r}")
    requirements = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = _REQUIREMENT.match(line)
        if match:
            requirements[match.group(1)] = match.group(2)
    return requirements


def _version_tuple(text):
    return tuple(int(part) for part in re.findall(r"\d+", text)[:4])


def check_versions(requirements):
    """One :class:`Check` per distribution of ``requirements`` ({name: lower bound text or None}, as
    :func:`read_requirements` returns): installed, and at least the required version."""
    if not isinstance(requirements, dict):
        raise TypeError(
            f"requirements must be a dict {{distribution: lower bound or None}}, got {type(requirements).__name__}"
        )
    for name, minimum in requirements.items():
        if not isinstance(name, str) or not name:
            raise ValueError(f"requirements must have distribution names as keys, got {name!r}")
        if minimum is not None and not isinstance(minimum, str):
            raise TypeError(f"requirements[{name!r}] must be a version string such as '1.26' or None, got {minimum!r}")
    checks = []
    for name, minimum in requirements.items():
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            checks.append(Check(False, f"{name}: not installed", FIX_INSTALL))
            continue
        need = f" (needs >= {minimum})" if minimum else ""
        ok = minimum is None or _version_tuple(version) >= _version_tuple(minimum)
        checks.append(Check(ok, f"{name} {version}{need}", "" if ok else f"upgrade it: {FIX_INSTALL}"))
    return checks


def check_import_from(folder, python=None):
    """Does ``import course_utils`` work in a fresh ``python`` started in ``folder``, and is it this copy?"""
    folder = check_path("folder", folder)
    python = sys.executable if python is None else str(check_path("python", python))
    try:
        done = subprocess.run(
            [python, "-c", "import course_utils; print(course_utils.__file__)"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Check(False, f"course_utils import from {folder.name}/: could not start Python ({exc})", FIX_INSTALL)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no error text"])[-1]
        return Check(
            False,
            f"course_utils does not import from {folder.name}/: {last}",
            "install the package in editable mode: `pip install -e .` (requirements.txt does it)",
        )
    found = Path(done.stdout.strip()).resolve().parent
    here = Path(__file__).resolve().parent
    if found != here:
        return Check(
            False,
            f"course_utils imports from {folder.name}/ but from another copy: {found}",
            f"uninstall the other copy, then {FIX_INSTALL}",
        )
    return Check(True, f"course_utils imports from {folder.name}/ (this copy)")


def check_kernel():
    """Does the ``python3`` Jupyter kernel start a Python that can import ``course_utils``?"""
    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError:
        return Check(False, "Jupyter is not installed (jupyter_client missing)", FIX_INSTALL)
    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        return Check(False, "no 'python3' Jupyter kernel", "run `python -m ipykernel install --sys-prefix`")
    python = spec.argv[0]
    # jupyter_client runs a kernel whose command is plain "python" with the server's own interpreter
    if python in {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info[:2])}:
        return Check(
            True,
            "the 'python3' Jupyter kernel runs the Python that runs JupyterLab (this one, "
            "when JupyterLab is started from this environment)",
        )
    resolved = python if os.path.isabs(python) else shutil.which(python)
    if not resolved:
        return Check(
            False,
            f"the 'python3' kernel runs {python!r}, which is not on the PATH",
            "run `python -m ipykernel install --sys-prefix` in this environment",
        )
    result = check_import_from(Path.cwd(), python=resolved)
    if not result.ok:
        return Check(
            False,
            f"the 'python3' kernel ({resolved}) cannot import course_utils",
            "start JupyterLab from this environment, or run `python -m ipykernel install --sys-prefix` here",
        )
    return Check(True, "the 'python3' Jupyter kernel imports course_utils")


def check_widget_frontend(data_dirs=None):
    """Is JupyterLab's ipywidgets extension (from ``jupyterlab_widgets``) installed where JupyterLab looks?"""
    if data_dirs is None:
        try:
            from jupyter_core.paths import jupyter_path
        except ImportError:
            return Check(False, "widget front end: Jupyter is not installed", FIX_INSTALL)
        data_dirs = jupyter_path()
    if isinstance(data_dirs, (str, bytes, os.PathLike)) or not hasattr(data_dirs, "__iter__"):
        raise TypeError(f"data_dirs must be a list of folders (or None), got {type(data_dirs).__name__}")
    data_dirs = [check_path("data_dirs entry", folder) for folder in data_dirs]
    for folder in data_dirs:
        extension = Path(folder, "labextensions", *WIDGET_EXTENSION)
        if (extension / "package.json").is_file():
            try:
                version = metadata.version("jupyterlab_widgets")
            except metadata.PackageNotFoundError:
                version = "unknown version"
            return Check(True, f"widget front end installed (jupyterlab_widgets {version})")
    return Check(
        False,
        "widget front end missing: the playground's controls will not render in JupyterLab",
        "run `pip install jupyterlab_widgets` (or the whole requirements.txt), then restart JupyterLab",
    )


def run_checks():
    """All checks, in the order printed."""
    checks = []
    if REQUIREMENTS.is_file():
        requirements = read_requirements(REQUIREMENTS)
        requirements.setdefault("jupyterlab_widgets", None)
        requirements.setdefault("ipykernel", None)
    else:
        requirements = dict.fromkeys(KEY_PACKAGES)
    checks += check_versions(requirements)
    checks.append(check_import_from(NOTEBOOKS if NOTEBOOKS.is_dir() else Path.cwd()))
    checks.append(check_kernel())
    checks.append(check_widget_frontend())
    return checks


def main():
    print(f"Python {sys.version.split()[0]} at {sys.executable}")
    checks = run_checks()
    for check in checks:
        print(check)
    failed = [check for check in checks if not check.ok]
    if failed:
        print(f"\n{len(failed)} problem(s) found; see the hints above.")
        return 1
    print("\nAll checks passed: the course should run here.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
