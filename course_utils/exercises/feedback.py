"""The feedback line and the judging helpers every check function shares.

A check function returns a :class:`Feedback` (build it with :func:`correct`, or :func:`not_yet` for a
hint of its own). The helpers judge one part of an answer each: when it is fine they return the value
in a handy form (a float, a tuple, the learner's function's values), and when it is not they stop the
check by raising :class:`Rejected`, which carries the ``Not yet:`` line; the registry catches it. So a
check reads top to bottom, one helper call per requirement::

    @register("02.1", divide_by="the number you divide the sum by")
    def check_02_1(divide_by):
        close_to("divide_by", divide_by, 99 / 9.8, decimals=2, hint="1 / divide_by is the spacing of the offsets")
        return correct("divide by (N - 1) / b = 10.10, i.e. multiply the sum by the spacing of the offsets.")

Types (each returns the value, converted): :func:`number`, :func:`integer`, :func:`boolean`,
:func:`int_tuple`, :func:`function`, :func:`choice`, :func:`array` (lists are accepted wherever a tuple
or an array is; words in any case). Comparisons: :func:`close_to` (a
number, too high / too low by how much), :func:`arrays_close` (first and worst differing point),
:func:`compare_on_grid` (run the learner's function on a grid of z), :func:`gradient_check` (the
learner's derivative against finite differences), :func:`require` (any condition, your hint). Learner
code: :func:`safe_call`, :func:`quiet`. Text: :func:`fmt`, :func:`describe`, :func:`is_placeholder`.

Message conventions: answer names in backticks (`` `divide_by` ``), numbers by :func:`fmt` (4
significant digits), one line (newlines are folded into spaces). Learner code only ever runs through
:func:`safe_call` (or a helper that uses it), which turns any exception into a ``Not yet:`` line naming
it, and never lets a numpy floating-point warning reach stderr.
"""

import contextlib
import dataclasses
import difflib
import dis
import functools
import inspect
import numbers
import re
import warnings

import numpy as np

from ..model import GRADIENT_CHECK_TOLERANCE

#: The three reserved line prefixes, by status. Nothing else in a notebook prints lines starting so.
PREFIXES = {"correct": "Correct: ", "not_yet": "Not yet: ", "unanswered": "Not answered yet: "}

_MAX_SHOWN = 120  # characters of a learner's exception message or value shown in a line
_MAX_RETRIED = 10_000  # grid points tried one by one to find where a learner's function fails


@dataclasses.dataclass(frozen=True)
class Feedback:
    """The verdict on an answer: ``status`` is "correct", "not_yet" or "unanswered"; ``message`` is the
    whole printed line, reserved prefix included (``str(feedback)`` gives it).

    ``error`` is set only when a check function itself raised an unexpected exception (a bug in the
    check, or learner code called without :func:`safe_call`); the learner still gets a ``Not yet:``
    line, and the tests fail on it.
    """

    status: str
    message: str
    error: BaseException | None = dataclasses.field(default=None, compare=False, repr=False)

    def __post_init__(self):
        if self.status not in PREFIXES:
            raise ValueError(f"status must be one of {', '.join(map(repr, PREFIXES))}, got {self.status!r}")
        if not isinstance(self.message, str):
            raise TypeError(f"message must be a string (the printed line), got {type(self.message).__name__}")
        message = one_line(self.message)
        if not message.startswith(PREFIXES[self.status]):
            raise ValueError(f"a {self.status!r} message must start with {PREFIXES[self.status]!r}, got {message!r}")
        object.__setattr__(self, "message", message)

    def __str__(self):
        return self.message


def correct(why):
    """``Correct: <why>``: say in one sentence why the answer is right (the idea, not just "well done")."""
    return Feedback("correct", PREFIXES["correct"] + why)


def not_yet(hint):
    """``Not yet: <hint>``: which value is off, where, by how much, and what to look at."""
    return Feedback("not_yet", PREFIXES["not_yet"] + hint)


def unanswered(what):
    """``Not answered yet: <what>``: what to fill in (the registry builds these from the answer names)."""
    return Feedback("unanswered", PREFIXES["unanswered"] + what)


class Rejected(Exception):
    """Raised by a helper to end a check with a ``Not yet:`` line; the registry returns ``.feedback``."""

    def __init__(self, hint):
        super().__init__(hint)
        self.feedback = not_yet(hint)


def require(condition, hint):
    """Stop the check with ``Not yet: <hint>`` unless ``condition`` is true."""
    if not condition:
        raise Rejected(hint)


# --- formatting -------------------------------------------------------------------------------------


def one_line(text):
    """``text`` with every line break (and the spaces around it) folded into one space."""
    return re.sub(r"\s*[\r\n]+\s*", " ", str(text)).strip()


def fmt(value, digits=4):
    """A number as a learner would write it: ints exactly, floats to ``digits`` significant digits
    (``10.1``, ``0.0001``, ``1e-7``, ``1e300``, ``inf``, ``nan``); arrays element by element."""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, np.ndarray) and value.ndim > 0:
        return np.array2string(value, threshold=8, edgeitems=3, formatter={"all": lambda x: fmt(x, digits)})
    try:
        value = float(value)
    except (TypeError, ValueError):
        return _shorten(repr(value))
    text = f"{value:.{digits}g}"
    return re.sub(r"e\+?(-?)0*(\d)", r"e\1\2", text)  # 1e-07 -> 1e-7, 1e+300 -> 1e300


def describe(value):
    """What kind of value a learner gave, for type messages: "a list", "the string 'False'", ..."""
    if value is None:
        return "None"
    if value is Ellipsis:
        return "... (the placeholder)"
    if isinstance(value, (bool, np.bool_)):
        return f"the bool {bool(value)}"
    if isinstance(value, str):
        return f"the string {_shorten(repr(value))}"
    if isinstance(value, numbers.Integral):
        return f"the int {int(value)}"
    if isinstance(value, numbers.Real):
        return f"the number {fmt(value)}"
    if isinstance(value, numbers.Complex):
        return f"the complex number {value}"
    if isinstance(value, np.ndarray):
        return f"a numpy array of shape {value.shape}"
    if isinstance(value, (list, tuple, dict, set)):
        return f"a {type(value).__name__}"
    if callable(value):
        return "a function"
    return f"a {type(value).__name__}"


def _shorten(text):
    text = one_line(text)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."


def exception_text(exc):
    """``FloatingPointError (overflow encountered in exp)``: an exception's type and message, one line."""
    message = _shorten(str(exc))
    return f"{type(exc).__name__} ({message})" if message else type(exc).__name__


# --- placeholders -------------------------------------------------------------------------------------

_STUB_OPS = [
    ops
    for constant in (None, Ellipsis)
    for ops in ([("LOAD_CONST", constant), ("RETURN_VALUE", None)], [("RETURN_CONST", constant)])
]
_IGNORED_OPS = {"RESUME", "NOP", "CACHE", "EXTENDED_ARG"}


def is_placeholder(value):
    """True for an answer still left as the placeholder: ``None``, ``...``, or a function that does
    nothing (``def f(z): ...``, a body of only ``pass`` or a docstring, ``lambda z: ...``)."""
    if value is None or value is Ellipsis:
        return True
    if not inspect.isfunction(value):
        return False
    ops = [(i.opname, i.argval) for i in dis.get_instructions(value) if i.opname not in _IGNORED_OPS]
    return ops in _STUB_OPS


# --- types --------------------------------------------------------------------------------------------


def number(name, value, *, example="2.5", finite=True):
    """``value`` as a float: an int, float or numpy scalar (or 0-d array), not a bool or a string.
    With ``finite`` (the default) nan and inf are refused too."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        tip = ""
        if isinstance(value, str):
            tip = ": write the number without quotes"
        elif isinstance(value, (np.ndarray, list, tuple)):
            tip = ": give one number (for an array x of one element, x.item())"
        raise Rejected(f"`{name}` should be a number such as {example}; you gave {describe(value)}{tip}")
    value = float(value)
    if finite and not np.isfinite(value):
        raise Rejected(f"`{name}` is {fmt(value)}; it should be a finite number such as {example}")
    return value


def integer(name, value, *, example="3"):
    """``value`` as an int: an int or numpy integer, or a float with a whole value such as 143.0
    (what ``np.ceil`` returns); not a bool."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_, numbers.Integral)):
        if np.isfinite(value) and float(value).is_integer():
            return int(value)
        raise Rejected(f"`{name}` should be a whole number such as {example}; you gave {fmt(value, 8)}")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        tip = ": write the number without quotes" if isinstance(value, str) else ""
        raise Rejected(f"`{name}` should be a whole number such as {example}; you gave {describe(value)}{tip}")
    return int(value)


def boolean(name, value):
    """``value`` as a bool: True/False or a numpy bool; not the string "False", not 0 or 1."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    tip = ": write True or False without quotes" if isinstance(value, str) else ""
    raise Rejected(f"`{name}` should be True or False; you gave {describe(value)}{tip}")


def int_tuple(name, value, *, length=None, example="(3, 2)"):
    """``value`` as a tuple of ints (numpy ints allowed), of ``length`` entries if given: a shape. A list or a
    1-D array of whole numbers is accepted too (``[7, 2]`` means the same shape as ``(7, 2)``)."""
    if isinstance(value, (list, np.ndarray)) and np.ndim(value) == 1:
        value = tuple(value.tolist() if isinstance(value, np.ndarray) else value)
    if not isinstance(value, tuple):
        raise Rejected(f"`{name}` should be a tuple such as {example}; you gave {describe(value)}")
    bad = [entry for entry in value if isinstance(entry, (bool, np.bool_)) or not isinstance(entry, numbers.Integral)]
    if bad:
        raise Rejected(f"`{name}` should hold whole numbers (ints) such as {example}; it holds {describe(bad[0])}")
    if length is not None and len(value) != length:
        raise Rejected(f"`{name}` should have {length} entries, like {example}; yours has {len(value)}")
    return tuple(int(entry) for entry in value)


def function(name, value, *, of="z"):
    """``value`` if it can be called: a ``def`` function, a lambda, or any callable."""
    if not callable(value):
        raise Rejected(f"`{name}` should be a function of {of} (def or lambda); you gave {describe(value)}")
    return value


def choice(name, value, choices):
    """``value`` as one of the strings ``choices``, case and surrounding spaces ignored ("Some" is "some");
    else a hint with the closest one. Returns the choice as written in ``choices``."""
    choices = tuple(choices)
    listed = ", ".join(map(repr, choices))
    if not isinstance(value, str):
        raise Rejected(f"`{name}` should be one of {listed} (a string, in quotes); you gave {describe(value)}")
    lowered = {c.lower(): c for c in choices}
    if value.strip().lower() in lowered:
        return lowered[value.strip().lower()]
    close = difflib.get_close_matches(value.strip().lower(), list(lowered), n=1)
    guess = f"; did you mean {lowered[close[0]]!r}?" if close else ""
    raise Rejected(f"`{name}` = {_shorten(repr(value))} is not one of {listed}{guess}")


def array(name, value, *, shape=None):
    """``value`` (an array or nested list of real numbers) as a float64 array, of ``shape`` if given."""
    if isinstance(value, (str, bool, np.bool_)) or callable(value) or value is None:
        raise Rejected(f"`{name}` should be an array of numbers; you gave {describe(value)}")
    try:
        raw = np.asarray(value)
    except ValueError:  # ragged nested lists
        raw = None
    if raw is None or raw.dtype.kind not in "biuf":
        raise Rejected(f"`{name}` should be an array of numbers; {describe(value)} cannot be read as one")
    result = raw.astype(np.float64)
    if shape is not None and result.shape != tuple(shape):
        swapped = result.ndim == 2 and result.shape == tuple(shape)[::-1]
        tip = " (rows and columns swapped: transpose it?)" if swapped else ""
        raise Rejected(f"`{name}` has shape {result.shape}; it should have shape {tuple(shape)}{tip}")
    return result


# --- comparisons ---------------------------------------------------------------------------------------


def close_to(name, value, expected, *, rtol=0.0, atol=0.0, decimals=None, hint=None):
    """Check that the number ``value`` is within ``max(atol, rtol * |expected|)`` of ``expected``.

    ``decimals=2`` is the course's one rule for an answer asked "to 2 decimals": every answer closer than
    0.01 to ``expected`` is accepted, rounded or cut off (:func:`within_decimals`). The ``Not yet:`` line
    says whether the answer is too high or too low and by how much (absolute and percent), with enough
    digits to see the difference, then ``hint``. Returns the answer as a float (see :func:`number`).
    """
    value = number(name, value)
    gap = value - expected
    tolerance = max(atol, rtol * abs(expected))
    if abs(gap) <= tolerance or (decimals is not None and within_decimals(value, expected, decimals)):
        return value
    tolerance = max(tolerance, 0.0 if decimals is None else 10.0**-decimals)
    direction = "too high" if gap > 0 else "too low"
    percent = ""
    if expected != 0:
        ratio = 100 * abs(gap) / abs(expected)
        percent = f" ({ratio:.0f}%)" if ratio >= 10 else f" ({fmt(ratio, 2)}%)"
    sign = "; check the sign" if expected != 0 and abs(value + expected) <= tolerance else ""
    shown = fmt_apart(value, expected)
    raise Rejected(f"`{name}` = {shown[0]} is {direction} by {fmt(abs(gap))}{percent}{sign}" + _then(hint))


def within_decimals(value, expected, decimals):
    """Whether ``value`` answers ``expected`` "to ``decimals`` decimals": closer than 10**-decimals to it,
    so both the rounded and the cut-off answer count (0.26 and 0.25 for 0.2590) and 0.2490 does not."""
    return abs(value - expected) < 10.0**-decimals * (1 - 1e-9)


def fmt_apart(*values, digits=4):
    """The numbers ``values`` by :func:`fmt`, with as many significant digits as it takes (up to 17) for
    different numbers to look different: "−0.99991" and "−0.99989", never "−0.9999" twice."""
    for more in range(digits, 18):
        texts = [fmt(v, more) for v in values]
        if len(set(texts)) == len({float(v) for v in values}):
            return texts
    return [fmt(v, 17) for v in values]


def arrays_close(name, got, expected, *, rtol=1e-7, atol=0.0, where=None, label="z", hint=None):
    """Compare the array ``got`` with ``expected`` elementwise (``|got - expected| <= atol + rtol |expected|``;
    equal infinities match, nan never does).

    The ``Not yet:`` line says at how many points they differ, the first and the worst point, and the
    values there. A point is named by ``where`` (same shape as ``expected``, e.g. the grid of z values:
    "at z = 710") or else by its index. Returns ``got`` as a float array (see :func:`array`).
    """
    expected = np.asarray(expected, dtype=np.float64)
    got = array(name, got, shape=expected.shape)
    with np.errstate(all="ignore"):  # inf - inf, huge / tiny: judged below, never warned about
        gap = np.abs(got - expected)
        tolerance = atol + rtol * np.abs(expected)
        ok = (gap <= tolerance) | (got == expected)
        if ok.all():
            return got
        excess = np.where(np.isnan(gap), np.inf, gap / np.maximum(tolerance, np.finfo(float).tiny)).ravel()
    bad = np.flatnonzero(~ok.ravel())
    first, worst = bad[0], bad[np.argmax(excess[bad])]

    def point(flat):
        index = np.unravel_index(flat, expected.shape)
        at = f"{label} = {fmt(np.asarray(where)[index])}" if where is not None else f"index {_index_text(index)}"
        yours, wanted = fmt_apart(got[index], expected[index])
        return f"at {at} (yours {yours}, expected {wanted})"

    count = f"{len(bad)} of {expected.size} values" if expected.size > 1 else "the value"
    places = point(first) if first == worst else f"first {point(first)}, worst {point(worst)}"
    raise Rejected(f"`{name}` differs in {count}: {places}" + _then(hint))


def _index_text(index):
    return str(index[0]) if len(index) == 1 else str(tuple(int(i) for i in index))


def _then(hint):
    return f"; {hint}" if hint else ""


# --- running learner code ---------------------------------------------------------------------------


@contextlib.contextmanager
def quiet(errstate="ignore"):
    """Run code with numpy's floating-point ``errstate`` and no warning shown (warnings are ignored).

    ``errstate`` is "ignore", "raise" (overflow, invalid operation and division by zero raise
    ``FloatingPointError``; underflow to 0 stays allowed, it is harmless rounding) or a dict of
    ``np.errstate`` keywords such as ``{"over": "raise"}``.
    """
    if errstate == "raise":
        errstate = {"all": "raise", "under": "ignore"}
    elif errstate == "ignore":
        errstate = {"all": "ignore"}
    with np.errstate(**errstate), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def safe_call(name, func, *args, errstate="ignore", at=None):
    """Call the learner's ``func(*args)`` under :func:`quiet` and return its result; if it raises (with
    ``errstate="raise"`` an overflow raises ``FloatingPointError``), stop the check with
    ``Not yet: `name` raised FloatingPointError (overflow encountered in exp) at <at>``."""
    try:
        with quiet(errstate):
            return func(*args)
    except Exception as exc:
        raise Rejected(f"`{name}` raised {exception_text(exc)}" + (f" at {at}" if at else "")) from exc


def compare_on_grid(name, func, reference, z, *, rtol=1e-7, atol=0.0, errstate="ignore", label="z", hint=None):
    """Run the learner's function ``func`` on the array ``z`` and compare it with ``reference`` (a function
    of z, or its values) by :func:`arrays_close`; returns the learner's values.

    ``errstate`` is as in :func:`quiet` (with "raise" an overflow is an error). When the call on the whole
    array raises, each z is tried alone (as a one-element array) so that the message names the first z
    that fails. A function that returns one number for the whole array is told to work elementwise.
    """
    func = function(name, func, of=label)
    z = np.asarray(z, dtype=np.float64)
    expected = reference(z) if callable(reference) else reference
    try:
        with quiet(errstate):
            got = func(z)
    except Exception:
        _locate_failure(name, func, z, errstate, label)
        got = safe_call(name, func, z, errstate=errstate, at=f"the array of {z.size} values of {label}")
    if got is None:
        raise Rejected(f"`{name}` returned None: did you forget `return`?")
    if np.ndim(got) == 0 and z.ndim > 0:
        raise Rejected(
            f"`{name}` returned one number ({fmt(got) if _is_number(got) else describe(got)}) for an array of "
            f"{z.size} values of {label}; make it work elementwise, with numpy functions (np.exp, np.maximum, np.where)"
        )
    return arrays_close(f"{name}({label})", got, expected, rtol=rtol, atol=atol, where=z, label=label, hint=hint)


def _locate_failure(name, func, z, errstate, label):
    """Call ``func`` on each z alone (a one-element array); stop the check naming the first z that fails."""
    tried = z.ravel()[:_MAX_RETRIED]
    failures = []
    for value in tried:
        try:
            with quiet(errstate):
                func(np.array([value]))
        except Exception as exc:
            failures.append((value, exc))
    if not failures:
        return
    value, exc = failures[0]
    if len(failures) == len(tried) > 1:
        where = f"for every {label} tried"
        if isinstance(exc, TypeError):
            where += f": it must take one argument, a numpy array {label} (use numpy functions: np.exp, not math.exp)"
    else:
        more = len(failures) - 1
        where = f"at {label} = {fmt(value)}" + (f" (and at {more} more value{'s' * (more > 1)})" if more else "")
    raise Rejected(f"`{name}` raised {exception_text(exc)} {where}")


def _is_number(value):
    return isinstance(value, numbers.Real) or (isinstance(value, np.ndarray) and value.dtype.kind in "fiu")


def numerical_derivative(func, z, eps=1e-6):
    """Centred finite differences ``(func(z + eps) - func(z - eps)) / (2 eps)`` on the array ``z``."""
    z = np.asarray(z, dtype=np.float64)
    return (func(z + eps) - func(z - eps)) / (2 * eps)


def gradient_check(name, derivative, func, z, *, func_name=None, eps=1e-6, rtol=1e-5, atol=1e-6, hint=None):
    """Gradient-check the learner's ``derivative`` on the grid ``z``: compare it (by :func:`compare_on_grid`)
    with centred finite differences of ``func``, which may be a reference function or the learner's own
    (then give its answer name as ``func_name``, for the message if it raises). Keep kinks (ReLU at 0) off
    the grid: finite differences straddling one are meaningless. Returns the learner's derivative values.
    """
    z = np.asarray(z, dtype=np.float64)
    func = function(func_name or "the function", func)
    numeric = safe_call(func_name or "the function", numerical_derivative, func, z, eps)
    numeric = array(f"the finite differences of {func_name or 'the function'}", numeric, shape=z.shape)
    return compare_on_grid(name, derivative, numeric, z, rtol=rtol, atol=atol, hint=hint)


def derivative_on_grid(name, derivative, z):
    """The learner's hidden-layer ``derivative`` evaluated on the ``(1, k)`` array ``z`` (a stand-in for Z1):
    a float array of z's shape. A function that fails, forgets ``return``, or gives one number or another
    shape is stopped with a hint saying that it must return one slope per entry of z."""
    function(name, derivative)
    z = np.asarray(z, dtype=np.float64)
    values = safe_call(name, derivative, z.copy(), at=f"an array Z1 of shape {z.shape}")
    require(values is not None, f"`{name}` returned None: did you forget `return`?")
    if np.ndim(values) == 0 and _is_number(values):
        raise Rejected(
            f"`{name}` returned one number ({fmt(values)}) for an array Z1; it must return one slope per entry of z, "
            "computed elementwise with numpy"
        )
    return array(f"{name}(z)", values, shape=z.shape)


def network_gradient_check(name, derivative, activation_function, X, Y, n_hidden, seed=2):
    """The relative error of the course network's gradient check (``network.gradient_check``) when its hidden
    layer uses ``activation_function`` with the learner's ``derivative``: below about 1e-7 the derivative is
    right. The learner's function raising is stopped with a ``Not yet:`` line."""
    from .. import activations, network

    mine = activations.Activation(f"{name} (yours)", activation_function, derivative)
    return safe_call(name, network.gradient_check, X, Y, n_hidden, mine, seed)


def judged_derivative(name, derivative, activation_function, grid, n_hidden=4):
    """The learner's hidden-layer ``derivative`` judged twice: its values on the 1-D ``grid`` (for hints) and
    the flower network's gradient check with it (:func:`network_gradient_check`, ``n_hidden`` units).
    Returns ``(values (len(grid),), error, passed)``, ``passed`` when ``error < GRADIENT_CHECK_TOLERANCE``."""
    values = derivative_on_grid(name, derivative, np.reshape(grid, (1, -1)))[0]
    error = network_gradient_check(name, derivative, activation_function, *flower(), n_hidden)
    return values, error, error < GRADIENT_CHECK_TOLERANCE


@functools.lru_cache(maxsize=1)
def flower():
    """The course's flower data ``(X (2, 400), Y (1, 400))``, loaded once for all checks."""
    from .. import datasets

    return datasets.load_planar_dataset()


def derivative_mistake(values, slope, mistakes, *, name="g"):
    """The hint that names the learner's mistake in a derivative: ``values`` (the learner's, on a grid) against
    the right ``slope`` there. ``mistakes`` is a list of ``(their values, "that is ...")`` for the classic
    mistakes; then a flipped sign and a constant factor are recognised; otherwise None (give a general hint)."""
    with np.errstate(all="ignore"):
        for reference, what in mistakes:
            if np.allclose(values, reference, rtol=1e-6, atol=1e-9):
                return what
        if np.allclose(values, -slope, rtol=1e-6, atol=1e-9):
            return f"your slope has the wrong sign everywhere: {name}′ is positive"
        usable = np.abs(slope) > 1e-3
        factors = values[usable] / slope[usable]
        if usable.any() and np.all(np.isfinite(factors)) and np.ptp(factors) < 1e-6 * max(1.0, abs(factors[0])):
            return f"your slope is {fmt(factors[0], 3)} times the right one at every z: a constant factor is off"
    return None
