"""What a built-in activation's declaration holds: :class:`Param` (one parameter) and :class:`BuiltIn`.

A parameter is declared once, as a :class:`Param`; the function, its derivative and :func:`get` check
their argument through it, figures show its symbol, and the tests read its test values. A
:class:`BuiltIn` is the whole of what the package knows about one built-in activation; the registry
(``_registry.py``) holds one per activation, written with keywords. Both are frozen: the registry
hands them out read-only through ``activations.declaration(name)``.
"""

import dataclasses
import inspect
from collections.abc import Callable

from .._validation import check_real


@dataclasses.dataclass(frozen=True, kw_only=True)
class Param:
    """One real parameter of a built-in activation, e.g. leaky ReLU's slope.

    ``name`` is the keyword (``slope``), ``default`` its default value, ``symbol`` how the course writes
    it (``s``: the notation table of notebook 01). ``low``/``high`` bound it (None: unbounded;
    ``low_inclusive=False`` excludes ``low`` itself); NaN and +-inf are always refused. ``test_values``
    are a few valid values, beside the default, that the tests run the activation with (include the
    bounds where the formula changes, e.g. slope 0 and 1).
    """

    name: str
    default: float
    symbol: str
    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    test_values: tuple[float, ...] = ()

    def __post_init__(self):
        for value in (self.default, *self.test_values):  # a declaration that breaks its own bounds fails on import
            self.check(value)

    def outside(self):
        """A few finite values these bounds refuse (the excluded bound, one below, one above), for tests."""
        below = [] if self.low is None else [self.low - 1.0] if self.low_inclusive else [self.low, self.low - 1.0]
        return tuple(below + ([] if self.high is None else [self.high + 0.5]))

    def check(self, value, like=None):
        """``value`` as a float inside the bounds (else TypeError/ValueError naming the parameter).

        With ``like`` (an array), the float has ``like``'s dtype, so float32 input stays float32.
        """
        value = check_real(self.name, value, low=self.low, high=self.high, low_inclusive=self.low_inclusive)
        return value if like is None else like.dtype.type(value)


@dataclasses.dataclass(frozen=True, kw_only=True)
class BuiltIn:
    """Everything the package knows about one built-in activation.

    - ``name``: the registry name (``"leaky_relu"``); ``label``: the math name for figures (``"leaky ReLU"``).
    - ``function(z, **params)`` and ``derivative(z, **params)``: elementwise, stable for every finite z.
    - ``kernel(**params)``: the training-kernel factory (convention: above ``generic_kernel``, ``_activation.py``).
    - ``params``: its :class:`Param` declarations, in signature order (empty for none).
    - ``at_minus_inf``, ``at_plus_inf``: ``(value, derivative)`` at z = -inf and +inf with the default parameters.
    - ``relative_cost``: the kernel's time per element relative to tanh's (rough: it shares work between processes).
    - ``nonlinear``: False only for the identity, which ``nonlinear()`` (the course's nonlinear activations:
      galleries, default lists) leaves out; ``available()`` lists every built-in.

    On creation it checks that the function, the derivative and the kernel factory take exactly the
    declared parameters, with the declared defaults, so a signature cannot drift from its declaration.
    """

    name: str
    label: str
    function: Callable
    derivative: Callable
    kernel: Callable
    params: tuple[Param, ...] = ()
    at_minus_inf: tuple[float, float]
    at_plus_inf: tuple[float, float]
    relative_cost: float
    nonlinear: bool = True

    def __post_init__(self):
        declared = [(param.name, param.default) for param in self.params]
        roles = (("function", self.function, 1), ("derivative", self.derivative, 1), ("kernel", self.kernel, 0))
        for role, callable_, skip in roles:  # skip z
            found = [(p.name, p.default) for p in list(inspect.signature(callable_).parameters.values())[skip:]]
            if found != declared:
                raise TypeError(f"built-in {self.name!r}: its {role} takes {found}, its declaration says {declared}")

    @property
    def defaults(self):
        """``{name: default}`` of the parameters (a new dict)."""
        return {param.name: param.default for param in self.params}

    def symbol(self, name):
        """How the course writes the parameter ``name`` (the name itself if it is not declared)."""
        return next((param.symbol for param in self.params if param.name == name), name)
