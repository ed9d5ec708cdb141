"""What counts as the public API of course_utils, and how a test row is credited to one of its callables.

Shared by tests/test_bad_inputs.py (bad input) and tests/test_misuse.py (right types, wrong use): both tables
must have a row for every public callable, and both credit a row by the first word of its label.
"""

import contextlib
import importlib
import inspect
import pkgutil
import re
import signal
from pathlib import Path

import course_utils

PACKAGE_DIR = Path(course_utils.__file__).resolve().parent
MODULES = {
    info.name: importlib.import_module(f"course_utils.{info.name}")
    for info in pkgutil.iter_modules([str(PACKAGE_DIR)])
    if not info.name.startswith("_")
}


def public_callables(module):
    """``{"module.name": object}``: the callables named in the module's ``__all__`` when it has one, else
    the public functions and classes defined in the module itself. Left out: constants, re-exports (a
    callable another public module or another package defines counts there, or not at all) and exception
    classes (the package raises them; nobody calls them with input)."""
    short = module.__name__.rsplit(".", 1)[-1]
    names = getattr(module, "__all__", None)
    if names is None:
        names = [
            name
            for name, value in vars(module).items()
            if not name.startswith("_")
            and (inspect.isfunction(value) or inspect.isclass(value))
            and value.__module__ == module.__name__
        ]
    public_homes = {f"course_utils.{name}" for name in MODULES}
    found = {}
    for name in names:
        value = getattr(module, name)
        home = getattr(value, "__module__", None) or ""
        if home != module.__name__ and (home in public_homes or not home.startswith("course_utils")):
            continue  # a re-export
        if callable(value) and not (inspect.isclass(value) and issubclass(value, BaseException)):
            found[f"{short}.{name}"] = value
    return found


PUBLIC = {qualified: value for module in MODULES.values() for qualified, value in public_callables(module).items()}


def takes_arguments(value):
    """False for a callable without parameters (``available()``, ``main()``): it has no bad input."""
    try:
        return bool(inspect.signature(value).parameters)
    except (TypeError, ValueError):  # pragma: no cover - no signature: assume it takes some
        return True


def credited(label):
    """The public callable a row's label names: its first word (before '-'), e.g. 'train-1d' ->
    'network.train', 'OneHiddenLayerClassifier.fit-0' -> 'estimator.OneHiddenLayerClassifier'. A name that
    two modules define must be qualified ('deep.train-...'), except that an unqualified name network defines
    means network's (the course's first network kept its short labels). None when the label names no public
    callable.
    """
    head = label.split("-", 1)[0].split(".")
    if len(head) > 1 and head[0] in MODULES:
        qualified = f"{head[0]}.{head[1]}"
        return qualified if qualified in PUBLIC else None
    matches = [qualified for qualified in PUBLIC if qualified.rsplit(".", 1)[-1] == head[0]]
    if len(matches) > 1 and f"network.{head[0]}" in matches:  # the course's first network keeps its short labels
        return f"network.{head[0]}"
    return matches[0] if len(matches) == 1 else None


def names_pattern(argument):
    """Regex: ``argument`` (or any of a tuple of them) as a whole word ('X' does not match 'X_test')."""
    options = argument if isinstance(argument, tuple) else (argument,)
    return "|".join(rf"(?<![\w.]){re.escape(option)}(?!\w)" for option in options)


@contextlib.contextmanager
def deadline(seconds):
    if not hasattr(signal, "setitimer"):  # pragma: no cover - Windows: no hang guard
        yield
        return

    def expire(signum, frame):
        raise TimeoutError(f"the call did not return within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def codes_of(target):
    """Code objects whose frame means ``target`` was called: the function's (and the one it wraps), or
    every method of the class (and of its course_utils base classes)."""
    if inspect.isclass(target):
        functions = [
            getattr(value, "__func__", getattr(value, "fget", value))
            for klass in target.__mro__
            if klass.__module__.startswith("course_utils")
            for value in vars(klass).values()
        ]
    else:
        functions = [target]
    codes = set()
    for function in functions:
        try:
            unwrapped = inspect.unwrap(function)
        except ValueError:  # pragma: no cover - a cycle of __wrapped__
            unwrapped = function
        codes.update(getattr(f, "__code__", None) for f in (function, unwrapped))
    return codes - {None}


def first_package_frame(info):
    """The outermost frame of the traceback inside course_utils: the public callable the row called."""
    tb = info.tb
    while tb is not None:
        code = tb.tb_frame.f_code
        if PACKAGE_DIR in Path(code.co_filename).resolve().parents:
            return code
        tb = tb.tb_next
    return None
