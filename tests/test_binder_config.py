"""Guards for the Binder / JupyterLab set-up (repo2docker's rules; a real launch cannot be tried in CI).

repo2docker builds the image from ``requirements.txt`` at the root (or ONLY from ``binder/`` when that
folder exists). These tests check what would break a launch or a learner's fresh install: a notebook
asking for another kernel, an import that nothing in ``requirements.txt`` installs, a notebook that
reads files outside the repository, a configuration file that overrides ``requirements.txt``, and the
README's Binder badge.
"""

import ast
import importlib.metadata as metadata
import json
import re
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = REPO / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
REQUIREMENTS = REPO / "requirements.txt"
# Files repo2docker would use INSTEAD of requirements.txt (or that would need binder/ to be complete).
OVERRIDING_CONFIG = ("environment.yml", "Pipfile", "Pipfile.lock", "pyproject.lock", "install.R", "apt.txt")


def _norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_lines():
    lines = []
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


def _provided_distributions():
    """Every distribution that ``pip install -r requirements.txt`` installs (transitively), normalized."""
    todo = [Requirement(line).name for line in _requirement_lines() if not line.startswith("-")]
    todo.append("course-utils")  # `-e .`, with its own dependencies
    seen = set()
    while todo:
        name = _norm(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for text in requires:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


def _code_cells(path, raw=False):
    """The source of each code cell; unless ``raw``, with IPython magics and shell escapes blanked out."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            if raw:
                yield source
            else:  # magics and shell escapes are not Python: blank them out before parsing
                yield "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def _imports(path):
    names = set()
    for source in _code_cells(path):
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found in notebooks/"


def test_requirements_install_the_course_package_editable_without_exact_pins():
    lines = _requirement_lines()
    assert "-e ." in lines, "requirements.txt must contain `-e .` so course_utils imports from every notebook"
    pinned = [line for line in lines if "==" in line]
    assert not pinned, f"exact pins rot on Binder; use lower bounds: {pinned}"
    names = {_norm(Requirement(line).name) for line in lines if not line.startswith("-")}
    assert {"jupyterlab", "ipywidgets"} <= names, "JupyterLab and ipywidgets must be installed on Binder"


def test_no_config_file_overrides_requirements():
    present = [name for name in OVERRIDING_CONFIG if (REPO / name).exists()]
    assert not present, f"repo2docker would use {present} instead of / besides requirements.txt"
    binder = REPO / "binder"
    if binder.is_dir():  # then repo2docker reads ONLY binder/: it needs its own complete requirements
        assert (binder / "requirements.txt").is_file() or (binder / "environment.yml").is_file(), (
            "binder/ exists, so repo2docker ignores the root requirements.txt: add binder/requirements.txt"
        )
    for runtime in (REPO / "runtime.txt", binder / "runtime.txt"):
        if runtime.is_file():
            assert re.fullmatch(r"python-3\.\d+", runtime.read_text().strip()), f"{runtime}: use python-3.X"


def test_widget_front_end_is_installed_by_the_requirements():
    assert "jupyterlab-widgets" in _provided_distributions()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_kernelspec_is_python3(path):
    kernelspec = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("kernelspec", {})
    assert kernelspec.get("name") == "python3", (
        f"{path.name}: kernelspec {kernelspec.get('name')!r}; Binder and JupyterLab need 'python3'"
    )


# Imported by notebooks but installed only as a dependency of a listed package: allowed because that
# dependency is essential to the listed package (checked below), not an accident of today's versions.
ALLOWED_INDIRECT = {
    "ipython": "the Jupyter kernel (ipykernel, installed by jupyterlab) and ipywidgets need it",
    "threadpoolctl": "a required dependency of scikit-learn (it controls BLAS threads)",
}


def _direct_distributions():
    names = {_norm(Requirement(line).name) for line in _requirement_lines() if not line.startswith("-")}
    names.add("course-utils")  # `-e .`
    names.update(_norm(Requirement(text).name) for text in metadata.requires("course-utils") or [])
    return names | set(ALLOWED_INDIRECT)


def _unprovided_imports(path):
    """Top-level imports of the notebook at ``path`` that requirements.txt does not list (with who installs them)."""
    direct = _direct_distributions()
    distributions = metadata.packages_distributions()
    missing = []
    for name in sorted(_imports(path)):
        if name in sys.stdlib_module_names or name == "__future__":
            continue
        owners = {_norm(d) for d in distributions.get(name, [])}
        if not owners & direct:
            missing.append(f"{name} (distribution: {', '.join(sorted(owners)) or 'not installed'})")
    return missing


def test_allowed_indirect_dependencies_are_really_installed_by_the_requirements():
    assert set(ALLOWED_INDIRECT) <= _provided_distributions()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_import_is_provided_by_requirements(path):
    missing = _unprovided_imports(path)
    assert not missing, f"{path.name} imports modules that requirements.txt does not list: {missing}"


def _notebook(tmp_path, *sources):
    path = tmp_path / "notebooks" / "00_probe.ipynb"
    path.parent.mkdir(exist_ok=True)
    cells = [
        {"cell_type": "code", "source": source, "metadata": {}, "outputs": [], "execution_count": None}
        for source in sources
    ]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_the_import_guard_catches_unlisted_packages(tmp_path):
    path = _notebook(
        tmp_path,
        "%matplotlib inline\nimport numpy as np, json\nfrom sklearn import svm",
        "import requests\nimport surely_not_a_module_xyz\nfrom IPython.display import display",
    )
    assert _unprovided_imports(path) == [
        "requests (distribution: requests)",
        "surely_not_a_module_xyz (distribution: not installed)",
    ]


# string literals that look like absolute paths (POSIX, home, Windows) or climb out with ../
_ABSOLUTE = re.compile(r"^(?:/(?!/)[\w.~-]|~[/\\]|[A-Za-z]:[\\/])")


def _outside_reads(path, repo=REPO):
    """Absolute paths, ``..`` paths that leave ``repo``, and package installs in the notebook's code."""
    problems = []
    for source in _code_cells(path):
        for node in ast.walk(ast.parse(source)):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            text = node.value.strip()
            if "\n" in text or " " in text:
                continue  # prose, not a path
            if _ABSOLUTE.match(text):
                problems.append(f"absolute path {text!r}")
            elif ".." in Path(text).parts:
                target = (path.parent / text).resolve()
                if repo.resolve() not in target.parents and target != repo.resolve():
                    problems.append(f"{text!r} leaves the repository")
    for source in _code_cells(path, raw=True):
        if re.search(r"^\s*[%!]\s*(pip|conda)\s+install", source, flags=re.M):
            problems.append("installs packages from the notebook (put them in requirements.txt)")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_notebook_reads_files_outside_the_repository(path):
    problems = _outside_reads(path)
    assert not problems, f"{path.name}: {problems}"


def test_the_path_guard_catches_escapes(tmp_path):
    path = _notebook(
        tmp_path,
        "open('/etc/passwd')\nnp.loadtxt('../../elsewhere/x.csv')",
        "ok = open('../data/planar_flower.csv')\nprint('a/b', 'x / y')\n!pip install foo",
    )
    assert _outside_reads(path, repo=tmp_path) == [
        "absolute path '/etc/passwd'",
        "'../../elsewhere/x.csv' leaves the repository",
        "installs packages from the notebook (put them in requirements.txt)",
    ]


def test_readme_binder_badge_opens_jupyterlab_on_the_first_notebook():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"https://mybinder\.org/v2/gh/([^/\s)]+/[^/\s)]+)/([^?\s)]+)\?([^\s)]+)", readme)
    assert len(links) == 1, f"expected one Binder launch link in README.md, found {len(links)}"
    repository, ref, query = links[0]
    assert readme.count(repository) == 1, f"the repository {repository!r} must be written once in README.md"
    assert ref == "HEAD"
    first = NOTEBOOKS[0].relative_to(REPO).as_posix()
    assert query == f"urlpath=lab/tree/{first}", f"the badge should open JupyterLab on {first}, got {query}"
    assert "https://mybinder.org/badge_logo.svg" in readme
    assert "python -m course_utils.check_env" in readme, "README troubleshooting should mention check_env"
