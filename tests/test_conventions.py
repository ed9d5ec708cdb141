"""Every argument check lives once (CONTRIBUTING, "Code standards").

Generic checks live in ``course_utils/_validation.py``, the course's conventions (data in columns, labels,
compare's rows) in ``course_utils/_conventions.py`` and a network's parameters in ``course_utils/parameters.py``.
A function that checks arguments anywhere else (named ``check_...`` or ``_check_...``) must say why, in a comment
block right above it that starts with ``# Checked here``; this test names every one that does not. Not argument
checks, so not scanned: ``exercises`` (its checks judge a learner's answers) and ``check_env`` (it diagnoses the
installation).
"""

import ast
from pathlib import Path

import numpy as np
import pytest

import course_utils
from course_utils import network

PACKAGE = Path(course_utils.__file__).resolve().parent
HOMES = {"_validation.py", "_conventions.py", "parameters.py"}
NOT_ARGUMENT_CHECKS = ("exercises/", "check_env.py")


def checkers_outside_their_homes():
    """(file, line, name, justified) for each check function defined outside the three homes."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if path.name in HOMES or relative.startswith(NOT_ARGUMENT_CHECKS):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, ast.FunctionDef) and (
                node.name.startswith(("check_", "_check_")) or node.name == "_check"
            ):
                start = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1  # 0-based index of the def
                while start > 0 and lines[start - 1].strip().startswith("#"):  # the comment block right above
                    start -= 1
                justified = lines[start].strip().startswith("# Checked here")
                found.append((relative, node.lineno, node.name, justified))
    return found


def test_checks_outside_validation_conventions_and_parameters_say_why():
    unjustified = [
        f"{file}:{line} {name}" for file, line, name, justified in checkers_outside_their_homes() if not justified
    ]
    assert not unjustified, (
        "argument checks outside _validation, _conventions and parameters without a '# Checked here: <why>' comment "
        f"right above them (move them into one of those modules, or say why they stay): {unjustified}"
    )


def test_the_scan_finds_checkers():
    """The scan above is not vacuous: it sees the justified checkers that exist today."""
    names = {name for _, _, name, _ in checkers_outside_their_homes()}
    assert {"_check_models", "check_settings"} <= names


def test_the_column_convention_hints_come_from_the_one_check():
    X, Y = np.zeros((400, 2)), np.zeros((1, 400), dtype=int)
    with pytest.raises(ValueError, match=r"pass X\.T"):
        network.train(X, Y, num_iterations=1)
    with pytest.raises(ValueError, match=r"Y\.reshape\(1, -1\)"):
        network.train(X.T, Y.ravel(), num_iterations=1)
