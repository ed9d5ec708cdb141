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


def private_names_in_tests():
    """(file, line, name): each private attribute read and private course_utils import in the tests."""
    tests = Path(__file__).resolve().parent
    found = []
    for path in sorted(tests.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            protocol = (
                node.attr.endswith("__") or node.attr.startswith("_repr_") if isinstance(node, ast.Attribute) else 0
            )
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not protocol:
                found.append((path.relative_to(tests).as_posix(), node.lineno, node.attr))
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("course_utils"):
                names = [alias.name for alias in node.names if alias.name.startswith("_")]
                if any(part.startswith("_") for part in node.module.split(".")) or names:
                    found.append((path.relative_to(tests).as_posix(), node.lineno, f"{node.module}: {names}"))
    return found


def test_tests_use_public_names_only():
    """CONTRIBUTING: tests use public names only (an attribute or module whose name starts with '_' is private;
    Python's and IPython's protocol names, such as ``__name__`` and ``_repr_mimebundle_``, are not)."""
    found = private_names_in_tests()
    assert not found, f"tests that read private names: {found}"
