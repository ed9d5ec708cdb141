"""Tests of course_utils.check_env (the learner's "is my environment right?" command)."""

import subprocess
import sys
from pathlib import Path

from course_utils import check_env

REPO = Path(__file__).resolve().parent.parent


def test_command_passes_in_the_course_environment():
    done = subprocess.run(
        [sys.executable, "-m", "course_utils.check_env"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    for name in ("numpy", "matplotlib", "scikit-learn", "jupyterlab", "ipywidgets", "jupyterlab_widgets"):
        assert f"OK    {name} " in out
    assert "course_utils imports from notebooks/ (this copy)" in out
    assert "widget front end installed" in out
    assert out.rstrip().endswith("All checks passed: the course should run here.")


def test_read_requirements(tmp_path):
    path = tmp_path / "requirements.txt"
    path.write_text(
        "# comment\nnumpy>=1.26\nscipy >= 1.11  # why\nipywidgets\n-e .\n-r other.txt\njupyterlab[extra]>=4.0\n\n"
    )
    assert check_env.read_requirements(path) == {
        "numpy": "1.26",
        "scipy": "1.11",
        "ipywidgets": None,
        "jupyterlab": "4.0",
    }


def test_the_repository_requirements_are_read():
    requirements = check_env.read_requirements(REPO / "requirements.txt")
    assert requirements["numpy"] and "ipywidgets" in requirements and "jupyterlab" in requirements


def test_versions_missing_and_too_old_fail_with_a_hint():
    checks = check_env.check_versions({"numpy": "1.0", "numpy-surely-not-a-package": None, "pytest": "999.0"})
    assert [c.ok for c in checks] == [True, False, False]
    assert "not installed" in checks[1].what and "pip install -r requirements.txt" in checks[1].hint
    assert "needs >= 999.0" in checks[2].what and "upgrade" in checks[2].hint
    assert str(checks[1]).startswith("FAIL  numpy-surely-not-a-package: not installed\n      -> ")


def test_import_from_a_folder(tmp_path):
    assert check_env.check_import_from(tmp_path).ok
    broken = tmp_path / "broken"
    (broken / "course_utils").mkdir(parents=True)  # a shadowing package that fails to import
    (broken / "course_utils" / "__init__.py").write_text("raise ImportError('shadow copy')\n")
    result = check_env.check_import_from(broken)
    assert not result.ok and "shadow copy" in result.what and "pip install -e ." in result.hint


def test_import_of_another_copy_is_reported(tmp_path):
    (tmp_path / "course_utils").mkdir()
    (tmp_path / "course_utils" / "__init__.py").write_text("")
    result = check_env.check_import_from(tmp_path)
    assert not result.ok and "another copy" in result.what


def test_widget_frontend(tmp_path):
    assert not check_env.check_widget_frontend(data_dirs=[str(tmp_path)]).ok
    extension = tmp_path.joinpath("labextensions", *check_env.WIDGET_EXTENSION)
    extension.mkdir(parents=True)
    (extension / "package.json").write_text("{}")
    assert check_env.check_widget_frontend(data_dirs=[str(tmp_path)]).ok
