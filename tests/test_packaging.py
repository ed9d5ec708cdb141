"""The data is installed with the package: ``data/`` ships as ``course_utils.data`` (package data).

A learner who installs without ``-e`` (``pip install git+...``, Colab) gets a copy of the package in
site-packages and no repository beside it; ``load_planar_dataset()`` must still find the flower data there.
"""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

from course_utils import datasets

REPO = Path(__file__).resolve().parent.parent
# What setuptools reads to build the package (pyproject.toml): its metadata, the readme and the package sources.
BUILD_INPUTS = ("pyproject.toml", "README.md", "course_utils", "data")

# Run in a fresh interpreter: load the flower data, save it and say where the module and the CSV came from.
LOAD = """
import sys, numpy as np
from course_utils import datasets
X, Y = datasets.load_planar_dataset()
np.savez(sys.argv[1], X=X, Y=Y)
print(datasets.__file__)
print(datasets.PLANAR_CSV)
"""


def _load_in_fresh_interpreter(out, cwd, env, prelude=""):
    """Run ``LOAD`` (after ``prelude``) in a new Python; returns (X, Y, module file, CSV path)."""
    result = subprocess.run(
        [sys.executable, "-c", prelude + LOAD, str(out)], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    module, csv = result.stdout.splitlines()[-2:]
    with np.load(out) as saved:
        return saved["X"], saved["Y"], Path(module), Path(csv)


def _packages_in_source():
    """Every package under course_utils/ of the repository, with its modules (relative paths)."""
    source = REPO / "course_utils"
    return {
        init.parent.relative_to(REPO): sorted(p.name for p in init.parent.glob("*.py"))
        for init in source.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }


def test_a_normal_install_run_from_another_folder_loads_the_flower_data(tmp_path):
    # Build from a clean copy of what the build reads (a stale build/ in the checkout would leak into the wheel,
    # and other tests write into the checkout meanwhile), then install it as `pip install .` does, without -e:
    # a copy of the package in site-packages, no repository beside it.
    source, site = tmp_path / "source", tmp_path / "site"
    source.mkdir()
    for name in BUILD_INPUTS:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(REPO / name, source / name)
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    shutil.rmtree(source)  # nothing of the repository is left to find the data in

    installed = site / "course_utils"
    assert (installed / "data" / "planar_flower.csv").read_bytes() == (REPO / "data" / "planar_flower.csv").read_bytes()
    assert (installed / "data" / "README.md").is_file(), "the data card travels with the data"
    for package, modules in _packages_in_source().items():
        shipped = sorted(p.name for p in (site / package).glob("*.py"))
        assert shipped == modules, (
            f"{package.as_posix()} is not installed completely (has {shipped}, source has {modules}): "
            "list every package in [tool.setuptools] packages in pyproject.toml"
        )

    run_dir = tmp_path / "elsewhere"
    run_dir.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}  # the installed copy comes before the editable install
    X, Y, module, csv = _load_in_fresh_interpreter(tmp_path / "flower.npz", run_dir, env)
    assert module.is_relative_to(installed) and csv == installed / "data" / "planar_flower.csv"
    X_here, Y_here = datasets.load_planar_dataset()
    assert X.shape == (2, 400) and Y.shape == (1, 400)
    # the same file read by the same code: identical bits are the point here
    assert X.dtype == X_here.dtype and Y.dtype == Y_here.dtype
    assert np.array_equal(X, X_here) and np.array_equal(Y, Y_here)


def test_the_editable_install_finds_data_through_the_package():
    spec = importlib.util.find_spec(datasets.DATA_PACKAGE)
    assert spec is not None, (
        f"{datasets.DATA_PACKAGE} is not importable: this editable install predates data/ as package data; "
        "run `pip install -e .` (or `pip install -r requirements.txt`) again"
    )
    assert Path(spec.origin).parent == REPO / "data"
    assert datasets.PLANAR_CSV == REPO / "data" / "planar_flower.csv"


def test_a_checkout_that_was_never_installed_reads_data_beside_the_package(tmp_path):
    # Drop the editable install's finder, so course_utils comes from the checkout alone (as after `git clone` and
    # `cd` without `pip install`, or with an editable install made before data/ became package data).
    prelude = (
        "import sys\n"
        "sys.meta_path[:] = [f for f in sys.meta_path if 'Editable' not in getattr(f, '__name__', '')]\n"
        f"sys.path.insert(0, {str(REPO)!r})\n"
    )
    X, Y, module, csv = _load_in_fresh_interpreter(tmp_path / "flower.npz", tmp_path, dict(os.environ), prelude)
    assert module == REPO / "course_utils" / "datasets.py" and csv == REPO / "data" / "planar_flower.csv"
    X_ref, Y_ref = datasets.make_planar()
    assert np.array_equal(X, X_ref) and np.array_equal(Y, Y_ref)
