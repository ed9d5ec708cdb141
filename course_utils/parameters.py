"""A network's weights together with what they mean: :class:`Parameters`.

The keys are the course's: ``W1, b1, ..., WL, bL`` with ``W<l>`` of shape ``(n_l, n_{l-1})`` and
``b<l>`` of shape ``(n_l, 1)`` (``n_0 = n_x`` inputs, ``n_L = 1`` output unit; only the course's
step-by-step ``deep.initialize_parameters_deep`` makes more, for its test case ``[5, 4, 3]``). Layers 1..L-1 are
hidden layers that apply the recorded ``activation``; layer L is the output unit (``"sigmoid"``
for classification, ``"identity"`` for regression). A network can only be used the way it was
trained, so the record travels with the weights: copies, pickles and files keep it.

- ``params.copy()`` and ``copy.deepcopy(params)`` give :class:`Parameters` again; ``dict(params)``
  (or a dict comprehension) gives a plain dict, which records nothing: the package's functions then
  ask for ``activation=`` rather than guess.
- ``params.save(path)`` writes an ``.npz`` file with the arrays and the record;
  ``Parameters.load(path)`` reads it back. A built-in activation is stored by name and parameters;
  a learner's own ``Activation`` is stored by name only, and ``Parameters.load(path, activation=mine)``
  takes it back (a different function under that name is refused).
- ``pickle`` works when the activation's functions can be pickled (every built-in does); a learner's
  ``Activation`` built from lambdas raises a ``TypeError`` that says what to do instead.
"""

import json
import numbers
import re

import numpy as np

from . import activations
from ._validation import (
    _show,
    check_array_dict,
    check_choice,
    check_int,
    check_learning_rate,
    check_path,
    check_real,
)

__all__ = [
    "Parameters",
    "usage",
    "gradient_step",
    "init_or_old_name",
    "OUTPUTS",
    "INIT_RULES",
    "check_init",
    "weight_std",
    "layer_keys",
    "check_layers",
]

#: The output units the package knows: "sigmoid" (classification, cost = cross-entropy) and
#: "identity" (regression, cost = half the mean squared error).
OUTPUTS = ("sigmoid", "identity")

#: Initialisation, one name and meaning everywhere (network, compare, the playground, deep_stack): ``init`` is a
#: number >= 0, the standard deviation of the weights (randn x init), or one of these rules, which give the
#: standard deviation of a layer's weights from its fan-in and fan-out. The course's next assignment calls
#: sqrt(1/fan_in) "Xavier"; here that is "lecun", and "xavier" is Glorot's sqrt(2/(fan_in + fan_out)).
INIT_RULES = {
    "zeros": lambda fan_in, fan_out: 0.0,  # every weight 0: the symmetry problem
    "lecun": lambda fan_in, fan_out: np.sqrt(1.0 / fan_in),  # LeCun normal
    "xavier": lambda fan_in, fan_out: np.sqrt(2.0 / (fan_in + fan_out)),  # Xavier/Glorot normal
    "he": lambda fan_in, fan_out: np.sqrt(2.0 / fan_in),  # He normal (for ReLU)
}


def check_init(name, value):
    """Return an initialisation: a number >= 0 (the weights' standard deviation) or a name of :data:`INIT_RULES`."""
    if isinstance(value, str):
        return check_choice(name, value, tuple(INIT_RULES))
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number >= 0 or one of {', '.join(map(repr, INIT_RULES))}; "
            f"got {_show(value)} of type {type(value).__name__}"
        )
    return check_real(name, value, low=0.0)


def init_or_old_name(init, init_scale, default):
    """``init``, or the value given under its old name ``init_scale`` (a silent alias: older notebooks keep running).

    Giving both (``init`` other than its ``default``) raises ``TypeError``.
    """
    if init_scale is None:
        return init
    if not (init is default or (isinstance(init, (int, float)) and init == default)):
        raise TypeError(f"give init (the initialisation) or its old name init_scale, not both: init={init!r}, "
                        f"init_scale={init_scale!r}")  # fmt: skip
    return init_scale


def weight_std(init, fan_in, fan_out):
    """The standard deviation of the weights of a layer with ``fan_in`` inputs and ``fan_out`` units."""
    init = check_init("init", init)
    fan_in, fan_out = check_int("fan_in", fan_in, low=1), check_int("fan_out", fan_out, low=1)
    return INIT_RULES[init](fan_in, fan_out) if isinstance(init, str) else init


_KEY = re.compile(r"^([Wb])([1-9][0-9]*)$")
_META_KEY = "__course_utils_meta__"


def layer_keys(n_layers):
    """``("W1", "b1", ..., "WL", "bL")`` for ``L = n_layers``, in the course's order."""
    n_layers = check_int("n_layers", n_layers, low=1)
    return tuple(f"{kind}{layer}" for layer in range(1, n_layers + 1) for kind in "Wb")


def _count_layers(name, params):
    """The number of layers L of a parameter dict, from its keys; raises when they are not W1, b1, ..., WL, bL."""
    if not isinstance(params, dict):
        raise TypeError(f"{name} must be a dict with keys W1, b1, ..., WL, bL, got {type(params).__name__}")
    grads = [key for key in params if isinstance(key, str) and _KEY.match(key[1:]) and key.startswith("d")]
    if grads and not any(isinstance(key, str) and _KEY.match(key) for key in params):
        raise ValueError(
            f"{name} holds gradients ({', '.join(grads[:4])}, ...): pass the parameters (W1, b1, ...), "
            "not the result of backward_propagation"
        )
    layers = sorted({int(m.group(2)) for key in params if isinstance(key, str) and (m := _KEY.match(key))})
    n_layers = layers[-1] if layers else 0
    if n_layers == 0:
        raise ValueError(f"{name} must hold the arrays W1, b1, ..., WL, bL; got keys {', '.join(map(str, params))}")
    expected = layer_keys(n_layers)
    missing = [key for key in expected if key not in params]
    if missing:
        raise ValueError(
            f"{name} is missing {', '.join(missing)}; a network with {n_layers} layers needs {', '.join(expected)}"
        )
    return n_layers


def check_layers(name, params, *, n_layers=None, n_x=None, x_name="X", n_outputs=1, one_layer=None):
    """Return ``{W1, b1, ..., WL, bL}`` of ``params`` as finite float64 arrays whose shapes chain.

    ``W<l> (n_l, n_{l-1})``, ``b<l> (n_l, 1)``, ``n_L = n_outputs`` (1: the package's networks have one
    output unit; ``None`` allows any, as the course's step-by-step Week-4 functions do). With
    ``n_layers``, L must equal it (the one-hidden-layer functions of ``network`` pass 2; ``one_layer``, a pair
    of strings (who takes one hidden layer, what to do instead), names them in the message). With ``n_x``,
    ``W1`` must take ``n_x`` inputs (the number of rows of ``x_name``). Keys other than the layers' are
    refused.
    """
    found = _count_layers(name, params)
    if n_layers is not None and found != n_layers:
        if n_layers == 2:
            who, instead = one_layer or ("course_utils.network", "use course_utils.deep for other depths")
            raise ValueError(
                f"{name} holds a network with {found} layers ({', '.join(layer_keys(found)[::2])}); "
                f"{who} takes one hidden layer (W1, b1, W2, b2): {instead}"
            )
        raise ValueError(f"{name} must hold {n_layers} layers, got {found}")
    extra = [key for key in params if key not in layer_keys(found)]
    if extra:
        raise ValueError(
            f"{name} has keys other than {', '.join(layer_keys(found))}: {', '.join(map(repr, extra))}; "
            "keep only the weights and biases"
        )
    out = check_array_dict(name, params, layer_keys(found))
    rows_before = out["W1"].shape[1]
    for layer in range(1, found + 1):
        W, b = out[f"W{layer}"], out[f"b{layer}"]
        if W.shape[0] < 1 or W.shape[1] < 1:
            raise ValueError(f"{name}['W{layer}'] must have at least one row and one column, got shape {W.shape}")
        one_output = layer == found and n_outputs is not None and W.shape[0] != n_outputs
        if W.shape[1] != rows_before or one_output:
            shape = (n_outputs if one_output else W.shape[0], rows_before)
            raise ValueError(
                f"{name}['W{layer}'] must have shape {shape} ({rows_before} columns, one per unit of layer "
                f"{layer - 1}{'; 1 row, the output unit' if one_output and n_outputs == 1 else ''}), "
                f"got shape {W.shape}"
            )
        if b.shape != (W.shape[0], 1):
            raise ValueError(
                f"{name}['b{layer}'] must have shape {(W.shape[0], 1)} to match W{layer} of shape {W.shape}, "
                f"got {b.shape}"
            )
        rows_before = W.shape[0]
    if n_x is not None and out["W1"].shape[1] != n_x:
        raise ValueError(f"{x_name} has {n_x} features (rows) but {name}['W1'] expects {out['W1'].shape[1]}")
    return out


class Parameters(dict):
    """The course's parameter dict ``{W1, b1, ..., WL, bL}`` that remembers how it was made.

    An ordinary dict of float64 arrays (keys, indexing and iteration give only the arrays) with two
    attributes: ``activation`` (the ``activations.Activation`` of the hidden layers) and ``output``
    (one of :data:`OUTPUTS`). ``network.initialize_parameters``, ``network.train`` and ``compare``
    return them; ``predict`` and the plots read the record, and refuse another activation.
    """

    def __init__(self, arrays, activation, output="sigmoid"):
        # any number of output units: the course's initialize_parameters_deep([5, 4, 3]) makes three; the
        # functions that train or predict refuse more than one (their check_layers asks for n_L = 1)
        super().__init__(check_layers("arrays", arrays, n_outputs=None))
        self.activation = activation
        self.output = check_choice("output", output, OUTPUTS)

    @property
    def activation(self):
        """The hidden layers' ``activations.Activation`` (set it with a name or an Activation)."""
        return self._activation

    @activation.setter
    def activation(self, value):
        self._activation = activations.as_activation(value, argument="params.activation")

    @property
    def n_layers(self):
        """L: the number of layers with weights (hidden layers + the output unit)."""
        return len(self) // 2

    @property
    def layer_sizes(self):
        """``(n_x, n_1, ..., n_L)``: the number of units of each layer, inputs first."""
        return (self["W1"].shape[1],) + tuple(self[f"W{layer}"].shape[0] for layer in range(1, self.n_layers + 1))

    def copy(self):
        """A copy of the arrays that keeps the record (``dict(params)`` would drop it)."""
        return Parameters({key: value.copy() for key, value in self.items()}, self.activation, self.output)

    def __reduce__(self):
        return (Parameters, (dict(self), self.activation, self.output))

    def __repr__(self):
        shapes = ", ".join(f"{key}: {value.shape}" for key, value in self.items())
        return f"Parameters({shapes}; activation {self.activation.name}, output {self.output})"

    # --- files ----------------------------------------------------------------------------------------

    def save(self, path):
        """Write the arrays and the record to ``path`` (an ``.npz`` file; numpy adds the suffix if missing)."""
        path = check_path("path", path)
        act = self.activation
        meta = {
            "activation": act.name,
            "activation_params": act.params,
            "builtin": act.same_function(activations.get(act.name, **act.params))
            if act.name in activations.available()
            else False,
            "output": self.output,
        }
        np.savez(path, **self, **{_META_KEY: np.array(json.dumps(meta))})

    @classmethod
    def load(cls, path, activation=None):
        """Read parameters written by :meth:`save`; a learner's own activation must be given again.

        ``activation`` (a name or an Activation) may be given for any file; it must be the same
        function as the one recorded. For a file without a record (e.g. ``np.savez(path, **params)``)
        ``activation`` is required and the output is taken as ``"sigmoid"``.
        """
        path = check_path("path", path)
        with np.load(path, allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files if key != _META_KEY}
            meta = json.loads(str(data[_META_KEY])) if _META_KEY in data.files else None
        if meta is None:
            if activation is None:
                raise ValueError(
                    f"{path} holds weights but no record of their activation (saved with np.savez?): pass "
                    "activation= (and keep networks with params.save(path) next time)"
                )
            return cls(arrays, activation)
        if not meta["builtin"]:
            if activation is None:
                raise ValueError(
                    f"{path} was trained with your own activation {meta['activation']!r}, which a file cannot hold: "
                    f"pass it again, Parameters.load(path, activation=<your Activation named {meta['activation']!r}>)"
                )
            given = activations.as_activation(activation)
            if given.name != meta["activation"]:
                raise ValueError(
                    f"activation={given.name!r}, but {path} was trained with an activation named "
                    f"{meta['activation']!r}: pass that one"
                )
            return cls(arrays, given, meta["output"])
        recorded = activations.get(meta["activation"], **meta["activation_params"])
        if activation is not None:  # a built-in may be given again: it must be the same function
            given = activations.as_activation(activation)
            difference = recorded.difference(given)
            if difference is not None:
                raise ValueError(f"activation={given!r} is not the one {path} was trained with: {difference}")
            recorded = given
        return cls(arrays, recorded, meta["output"])


def usage(params, activation=None, output=None):
    """``(Activation, output)`` for using ``params``: their record, checked against what was given.

    Every function that uses a network's parameters decides through this one rule (``network``, ``deep``,
    ``model``, the plots).

    A plain dict records nothing: ``activation`` is required and ``output`` defaults to "sigmoid",
    the course's network (pass ``output="identity"`` for a regression network).
    """
    if not isinstance(params, dict):
        raise TypeError(
            f"params must be the network's parameters (a dict with keys W1, b1, ..., from train), "
            f"got {type(params).__name__}"
        )
    if output is not None:
        output = check_choice("output", output, OUTPUTS)
    if not isinstance(params, Parameters):
        if activation is None:
            raise ValueError(
                "params is a plain dict, which does not record the activation it was trained with (dict(params), "
                "a dict comprehension or np.load give one): pass activation=..., e.g. activation='tanh' "
                "(and output='identity' for a regression network), or keep the Parameters that train and "
                "initialize_parameters return (params.copy() keeps the record; params.save(path) and "
                "Parameters.load(path) keep it in a file)"
            )
        return activations.as_activation(activation), output or "sigmoid"
    stored = params.activation
    if activation is not None:
        given = activations.as_activation(activation)
        difference = stored.difference(given)
        if difference is not None:
            raise ValueError(
                f"activation={given!r}, but these params were trained with {stored!r}: {difference}, and a different "
                "function gives a different network. Leave activation out to use the recorded one; to start a network "
                "with another activation, pass it to initialize_parameters (or train)"
            )
        stored = given  # the same function; its derivative may differ (how a derivative is checked)
    if output is not None and output != params.output:
        raise ValueError(f"output={output!r}, but these params belong to a network with output {params.output!r}")
    return stored, params.output


def gradient_step(params, grads, learning_rate, *, n_layers=None):
    """``{W - learning_rate * dW}`` for every array of ``params``: new arrays (inputs unchanged), the record kept.

    The one gradient-descent step of ``network.update_parameters`` (``n_layers=2``) and
    ``deep.update_parameters`` (any depth). ``grads`` needs ``dW1, db1, ..., dWL, dbL`` of the parameters'
    shapes (other keys, such as ``dA0``, are ignored). :class:`Parameters` give :class:`Parameters` with their
    activation and output; a plain dict gives a plain dict.
    """
    learning_rate = check_learning_rate("learning_rate", learning_rate)
    checked = check_layers("params", params, n_layers=n_layers, n_outputs=None if n_layers is None else 1)
    keys = layer_keys(len(checked) // 2)
    grads = check_array_dict("grads", grads, tuple("d" + key for key in keys))
    for key in keys:
        if grads["d" + key].shape != checked[key].shape:
            raise ValueError(
                f"grads['d{key}'] must have the shape of params[{key!r}], {checked[key].shape}, "
                f"got {grads['d' + key].shape}: are they the gradients of these parameters?"
            )
    new = {key: checked[key] - learning_rate * grads["d" + key] for key in keys}
    if isinstance(params, Parameters):
        return Parameters(new, params.activation, params.output)
    return new
