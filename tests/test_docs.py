"""The documentation cannot drift from the code: CONTRIBUTING.md's public-API block runs as written, and the
package docstring names every module."""

import contextlib
import io
import pkgutil
import re
from pathlib import Path

import matplotlib.pyplot as plt

import course_utils

REPO = Path(__file__).resolve().parents[1]


def api_block():
    """The first python code block under '## The public API' in CONTRIBUTING.md."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## The public API", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, flags=re.S)
    assert match, "CONTRIBUTING.md has no python block under '## The public API'"
    return match.group(1)


def test_the_public_api_block_runs_as_written():
    namespace = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(api_block(), "CONTRIBUTING.md (the public API)", "exec"), namespace)
    plt.close("all")
    assert namespace["labels"].shape == (1, 400)
    assert namespace["rows"][0]["params"].activation.name == "tanh"
    lines = printed.getvalue().splitlines()
    assert lines[0].startswith("activation \\ n_hidden") and lines[-1].startswith("Not answered yet:")


def test_the_package_docstring_names_every_module():
    modules = [info.name for info in pkgutil.iter_modules(course_utils.__path__)]
    missing = [name for name in modules if f"``{name}``" not in course_utils.__doc__]
    assert len(modules) >= 10 and not missing, f"course_utils/__init__.py does not describe: {missing}"
