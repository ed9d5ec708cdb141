"""``Activation`` objects, the training-kernel convention, and looking built-ins up by name.

An :class:`Activation` bundles a function with its derivative (a built-in from :func:`get`, or a
learner's own pair); :func:`as_activation` turns every ``activation=`` argument of the package into
one; :func:`declaration` hands out a built-in's declaration from the registry (``_registry.py``).
"""

import numpy as np

from .._validation import check_choice
from ._registry import REGISTRY, available

# A training kernel is what the training engine (course_utils.engine) calls once per iteration on the
# hidden pre-activations: ``kernel(Z, A, G, T)`` fills ``A = g(Z)`` and ``G = g'(Z)`` in place. Z, A, G
# and T are float arrays of one shape and dtype (float64 or float32); Z is only read, T is scratch
# space. Kernels use a few fast in-place ufuncs: they agree with the reference functions (``_functions.py``) to
# float round-off (tests/test_activations.py checks it), without their care in the extreme tails.


def generic_kernel(function, derivative):
    """The training kernel of any pair of callables: A = function(Z), G = derivative(Z)."""
    for name, value in (("function", function), ("derivative", derivative)):
        if not callable(value):
            raise TypeError(f"{name} must be callable (z -> array), got {type(value).__name__}")

    def kernel(Z, A, G, T):
        A[...] = function(Z)
        G[...] = derivative(Z)

    return kernel


#: The fixed grid of z on which two activations with the same name are compared (see Activation.difference).
PROBE_Z = np.linspace(-6.0, 6.0, 49)


def _rebuild_activation(name, function, derivative, params):
    return Activation(name, function, derivative, **params)


class Activation:
    """An activation function bundled with its derivative.

    ``act(z)`` gives the values, ``act.derivative(z)`` gives dA/dZ at the same points and
    ``act.name`` names it. Build one from the registry with :func:`get`, or directly from any two
    callables, e.g. a deliberately wrong derivative for a gradient-check lesson::

        wrong = Activation("sigmoid (buggy)", sigmoid, lambda z: sigmoid_derivative(sigmoid(z)))

    Any Activation works wherever an activation is accepted (training, gradient checks, comparisons,
    plots, the playground). ``act.kernel()`` is what training calls: the built-in's fast kernel when
    ``act`` is a built-in (its own function and derivative), otherwise :func:`generic_kernel`.
    """

    def __init__(self, name, function, derivative, **params):
        if not isinstance(name, str) or not name:
            raise TypeError(f"name must be a non-empty string, got {name!r}")
        for arg, value in (("function", function), ("derivative", derivative)):
            if not callable(value):
                raise TypeError(f"{arg} must be callable (z -> array), got {type(value).__name__}")
        self.name = name
        self.params = dict(params)
        self._function = function
        self._derivative = derivative
        self._outputs_checked = False

    def __call__(self, z):
        return self._function(z, **self.params)

    def derivative(self, z):
        """dA/dZ evaluated at ``z`` (same shape as ``z``)."""
        return self._derivative(z, **self.params)

    def _builtin(self):
        """The registry entry whose function and derivative this is, or None."""
        entry = REGISTRY.get(self.name)
        if entry is not None and entry.function is self._function and entry.derivative is self._derivative:
            return entry
        return None

    def kernel(self):
        """The training kernel ``kernel(Z, A, G, T)`` (see the note above :func:`generic_kernel`)."""
        entry = self._builtin()
        if entry is not None:
            return entry.kernel(**self.params)
        return generic_kernel(self, self.derivative)

    @property
    def label(self):
        """The name to show in figures and text: the math name of a built-in ("σ", "leaky ReLU"), else ``name``."""
        entry = self._builtin()
        if entry is None:
            return self.name
        params = ", ".join(f"{entry.symbol(key)} = {value:g}" for key, value in self.params.items())
        return f"{entry.label} ({params})" if params else entry.label

    @property
    def relative_cost(self):
        """Rough time per element of the kernel, relative to tanh's (used to share work between processes)."""
        entry = self._builtin()
        return entry.relative_cost if entry is not None else 4.0

    def same_function(self, other):
        """True if ``other`` computes the same values: the same function with the same parameters.

        The derivative does not count (a network trained with a wrong derivative still predicts
        with its function). A built-in's parameters count with their defaults filled in. An
        Activation built again from new callables (its notebook cell re-run) counts as the same when
        it has the same name and gives identical values on a fixed grid of z (:data:`PROBE_Z`).
        """
        return isinstance(other, Activation) and self.difference(other) is None

    def difference(self, other):
        """How ``other`` differs from this activation as a function, in words, or None if it does not.

        Used in error messages: "another function (ReLU, not tanh)", "another parameter value
        (slope = 0.1, not 0.01)", or the first probe point where two same-named activations disagree.
        """
        if self._function is other._function:
            mine, theirs = self._full_params(), other._full_params()
            if mine == theirs:
                return None
            changed = [key for key in sorted(set(mine) | set(theirs)) if mine.get(key) != theirs.get(key)]
            shown = ", ".join(f"{key}={theirs.get(key)!r}" for key in changed)
            wanted = ", ".join(f"{key}={mine.get(key)!r}" for key in changed)
            return f"another parameter value ({shown}, not {wanted})"
        if self.name != other.name:
            return f"another function ({other.label}, not {self.label})"
        with np.errstate(all="ignore"):
            try:
                mine, theirs = np.asarray(self(PROBE_Z), dtype=float), np.asarray(other(PROBE_Z), dtype=float)
            except Exception as error:
                return f"another function under the same name (it raised {type(error).__name__} on the probe grid)"
        if mine.shape == theirs.shape and np.array_equal(mine, theirs, equal_nan=True):
            return None
        if mine.shape != theirs.shape:
            return f"another function under the same name {self.name!r} (shape {theirs.shape}, not {mine.shape})"
        k = int(np.flatnonzero(~((mine == theirs) | (np.isnan(mine) & np.isnan(theirs))))[0])
        return (
            f"another function under the same name {self.name!r}: at z = {PROBE_Z[k]:g} it gives {theirs[k]:.6g}, "
            f"the trained one {mine[k]:.6g} (was its cell changed and re-run?)"
        )

    # Checked here: what a learner's function returns is the Activation's own contract.
    def check_outputs(self):
        """Check once that the function and derivative return finite real arrays of z's shape; returns self.

        Training, gradient checks, the estimator and the playground call this before they start, so
        a learner's function that is not elementwise (``np.max(z, 0)`` instead of ``np.maximum(z, 0)``)
        fails with a message naming it, instead of training on wrong numbers or failing deep inside.
        """
        if self._outputs_checked:
            return self
        z = PROBE_Z[1:].reshape(4, 12)
        for role, function in (("function", self), ("derivative", self.derivative)):
            where = f"activation {self.name!r}: its {role}"
            try:
                with np.errstate(all="ignore"):
                    out = function(z.copy())
            except Exception as error:
                raise ValueError(
                    f"{where} raised {type(error).__name__} ({error}) on an array z of shape {z.shape}; "
                    "it must take a numpy array and work elementwise"
                ) from error
            out = np.asarray(out)
            if out.shape != z.shape:
                raise ValueError(
                    f"{where} returned shape {out.shape} for z of shape {z.shape}; it must work elementwise and "
                    "return an array of z's shape (e.g. np.maximum(z, 0), not np.max(z, 0))"
                )
            if out.dtype.kind not in "fiub":
                raise TypeError(f"{where} returned {out.dtype} values; it must return real numbers")
            if not np.all(np.isfinite(out)):
                bad = z[~np.isfinite(out)][0]
                raise ValueError(f"{where} returned a non-finite value at z = {bad:g}; it must be finite for finite z")
        self._outputs_checked = True
        return self

    def __deepcopy__(self, memo):
        # An Activation is a value: a deep copy (scikit-learn's clone of an estimator's activation=, in GridSearchCV)
        # is itself, as deepcopy shares functions; going through __reduce__ would refuse a learner's lambdas.
        return self

    def __reduce__(self):
        for role, function in (("function", self._function), ("derivative", self._derivative)):
            where = getattr(function, "__qualname__", "")
            if "<lambda>" in where or "<locals>" in where:
                raise TypeError(
                    f"Activation {self.name!r} cannot be pickled: its {role} is a lambda or a function defined "
                    "inside another one, which pickle cannot store. Define it with def in a module you import, or "
                    "save only the weights (params.save(path)) and pass activation= to Parameters.load(path, ...)"
                )
        return (_rebuild_activation, (self.name, self._function, self._derivative, self.params))

    def _full_params(self):
        """The parameters with a built-in function's defaults filled in (found by the function alone)."""
        entry = next((e for e in REGISTRY.values() if e.function is self._function), None)
        return {**(entry.defaults if entry is not None else {}), **self.params}

    def __repr__(self):
        params = "".join(f", {key}={value!r}" for key, value in self.params.items())
        return f"Activation({self.name!r}{params})"

    def __eq__(self, other):
        if not isinstance(other, Activation):
            return NotImplemented
        return (self.name, self.params, self._function, self._derivative) == (
            other.name,
            other.params,
            other._function,
            other._derivative,
        )

    def __hash__(self):
        return hash((self.name, tuple(sorted(self.params.items()))))


def get(name, **params):
    """Return the :class:`Activation` called ``name``, e.g. ``get("leaky_relu", slope=0.1)``.

    Parameters are checked now, through their declarations, so a bad value fails here rather than during training.
    """
    check_choice("activation", name, available())
    entry = REGISTRY[name]
    unknown = sorted(set(params) - set(entry.defaults))
    if unknown:
        hint = ", ".join(entry.defaults) if entry.defaults else "none"
        raise TypeError(f"activation {name!r} has no parameter {unknown[0]!r}; its parameters: {hint}")
    for param in entry.params:
        if param.name in params:
            param.check(params[param.name])
    return Activation(name, entry.function, entry.derivative, **params)


def as_activation(activation, argument="activation"):
    """Accept a registry name or an :class:`Activation` and return an :class:`Activation`."""
    if isinstance(activation, Activation):
        return activation
    if isinstance(activation, str):
        if argument != "activation" and activation not in REGISTRY:  # name the argument it came from
            raise ValueError(
                f"unknown activation {activation!r} in {argument}; available: {', '.join(map(repr, available()))}"
            )
        return get(activation)
    hint = (
        ": to use your own function, wrap it with its derivative, Activation('my name', function, derivative)"
        if callable(activation)
        else ""
    )
    raise TypeError(
        f"{argument} must be an activation name (one of {', '.join(map(repr, available()))}) "
        f"or an Activation, got {type(activation).__name__}{hint}"
    )


def declaration(name):
    """The declaration of the built-in activation ``name``: what the package knows about it, read-only.

    A frozen ``BuiltIn`` with ``name``, ``label`` (for figures), ``function``, ``derivative``, ``kernel``
    (the training-kernel factory), ``params`` (each a frozen ``Param``: ``name``, ``default``,
    ``symbol``, ``low``, ``high``, ``low_inclusive``, ``test_values``), ``defaults`` (a dict),
    ``at_minus_inf`` and ``at_plus_inf`` (``(value, derivative)`` at -inf and +inf with the default
    parameters) and ``relative_cost``. E.g. ``declaration("elu").params[0].symbol == "α"``.
    """
    if isinstance(name, Activation):
        raise TypeError(
            f"activation must be a built-in activation's name such as 'elu', got the object {name!r}: "
            "pass its name, declaration(act.name)"
        )
    check_choice("activation", name, available())
    return REGISTRY[name]
