"""One bad-input contract for every public entry point of course_utils.

Each row of the table below calls one public function with one wrong argument: a wrong shape, a wrong
dtype (strings, objects, complex), NaN or +-inf, an empty array, labels other than 0/1, a negative or
zero size, a bool or float where an int is needed, or an unknown name. The contract:

- it raises ``ValueError`` or ``TypeError`` (the one given in the row, not a bare numpy error,
  ``IndexError`` or ``KeyError`` from deep inside);
- the message names the argument (as a whole word, so "X" does not match "X_test");
- the error is raised by course_utils' own checks (the scikit-learn estimator may also raise from
  scikit-learn's validation, as scikit-learn's convention asks);
- nothing hangs (each call gets a few seconds).

Every public callable of every public course_utils module that takes arguments has at least one row
(``test_every_public_callable_has_a_row`` names the ones that have none): a row's label starts with the
name of the callable it calls, and the error must come through that callable.

The checks must not be stricter than the contract: the valid edge values at the end of this file
(empty ``z``, NaN passed through elementwise, bounds included, seed 2**32 - 1, ...) are accepted.
The limits of the activations at +-inf are tested in tests/test_activations.py.
"""

import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils import (
    activations,
    approximation,
    check_env,
    datasets,
    deep,
    deep_stack,
    engine,
    exercises,
    experiments,
    model,
    network,
    parameters,
    playground,
    plotting,
    results,
)
from tests.public_api import (
    PACKAGE_DIR,
    PUBLIC,
    codes_of,
    credited,
    deadline,
    first_package_frame,
    names_pattern,
    takes_arguments,
)

NAN, INF = float("nan"), float("inf")
RNG = np.random.RandomState(0)
X = RNG.randn(2, 12)  # course column convention
Y = (np.arange(12) % 2).reshape(1, 12)
PARAMS = network.initialize_parameters(2, 3, init=0.5, seed=1)  # records tanh
_, CACHE = network.forward_propagation(X, PARAMS)
GRADS = network.backward_propagation(PARAMS, CACHE, X, Y)
PLAIN = dict(PARAMS)  # records nothing: calls pass activation=
XR, YR = X.T, Y.ravel()  # rows convention for the estimator


def with_nan(a, where=(0, 0), value=NAN):
    a = np.array(a, dtype=float)
    a[where] = value
    return a


def replaced(d, **changes):
    return {**d, **changes}


def without(d, key):
    return {k: v for k, v in d.items() if k != key}


Y3 = np.where(np.arange(12) < 4, 2, Y[0]).reshape(1, 12)  # a third label
Y_STR = np.where(Y == 1, "a", "b")
Y_HALF = Y.astype(float) * 0.5  # 0 and 0.5
Y_NAN = with_nan(Y, (0, 1))
Z2, A2 = CACHE["Z2"], CACHE["A2"]


def fit(X_rows=XR, y=YR, **hyper):
    return network.OneHiddenLayerClassifier(**{"max_iter": 5, **hyper}).fit(X_rows, y)


def fitted():
    return fit()


# --- which public callable each row exercises ----------------------------------------------------

CASES = []


def case(error, argument, call, label, sklearn=False, marks=()):
    """Add one row: ``call()`` must raise ``error`` with ``argument`` named in the message.

    ``label`` starts with the name of the public callable the row calls (see :func:`credited`); the
    test checks that the error really comes through that callable. ``sklearn=True``: scikit-learn's
    own input validation may raise it (the estimator's ``fit``).
    """
    name = "|".join(argument) if isinstance(argument, tuple) else argument
    CASES.append(pytest.param(call, error, argument, sklearn, credited(label), id=f"{label}-{name}", marks=marks))


def z_cases(name, function):
    """The array argument ``z`` of an elementwise activation: wrong dtypes."""
    case(TypeError, "z", lambda: function(np.array(["1.0", "2.0"])), f"{name}-strings")
    case(TypeError, "z", lambda: function(np.array([1.0, None], dtype=object)), f"{name}-object")
    case(TypeError, "z", lambda: function(np.array([1 + 2j])), f"{name}-complex")
    case(TypeError, "z", lambda: function("0.5"), f"{name}-string-scalar")
    case(TypeError, "z", lambda: function(None), f"{name}-None")
    case(ValueError, "z", lambda: function([[0.0, 1.0], [2.0]]), f"{name}-ragged")


def real_param_cases(name, function, param, *, low_bad, allow_inf=False):
    """A real-valued parameter of an activation: wrong types, NaN, inf, out of range."""
    case(TypeError, param, lambda: function(0.5, **{param: "1"}), f"{name}-string")
    case(TypeError, param, lambda: function(0.5, **{param: True}), f"{name}-bool")
    case(TypeError, param, lambda: function(0.5, **{param: 1j}), f"{name}-complex")
    case(TypeError, param, lambda: function(0.5, **{param: None}), f"{name}-None")
    case(TypeError, param, lambda: function(0.5, **{param: np.array([0.1, 0.2])}), f"{name}-array")
    case(ValueError, param, lambda: function(0.5, **{param: NAN}), f"{name}-nan")
    if not allow_inf:
        case(ValueError, param, lambda: function(0.5, **{param: INF}), f"{name}-inf")
        case(ValueError, param, lambda: function(0.5, **{param: -INF}), f"{name}-minus-inf")
    for bad in low_bad:
        case(ValueError, param, lambda bad=bad: function(0.5, **{param: bad}), f"{name}-{bad}")


def int_cases(label, call, param, *, low, high=None):
    """An int argument: bool, float, string, None, below ``low`` (and above ``high``)."""
    case(TypeError, param, lambda: call(**{param: True}), f"{label}-bool")
    case(TypeError, param, lambda: call(**{param: float(low + 1)}), f"{label}-float")
    case(TypeError, param, lambda: call(**{param: str(low + 1)}), f"{label}-string")
    case(TypeError, param, lambda: call(**{param: None}), f"{label}-None")
    case(ValueError, param, lambda: call(**{param: low - 1}), f"{label}-below-{low}")
    if low > 0:
        case(ValueError, param, lambda: call(**{param: -5}), f"{label}-negative")
    if high is not None:
        case(ValueError, param, lambda: call(**{param: high + 1}), f"{label}-above")


def real_cases(label, call, param, *, bad_values, allow_inf=False, names_allowed=False):
    """A real argument: string, bool, complex, None, NaN, +-inf, out of range.

    ``names_allowed``: the argument also takes names (init="he"), so a string is an unknown
    name (ValueError) rather than a wrong type.
    """
    case(ValueError if names_allowed else TypeError, param, lambda: call(**{param: "0.1"}), f"{label}-string")
    case(TypeError, param, lambda: call(**{param: True}), f"{label}-bool")
    case(TypeError, param, lambda: call(**{param: 0.1 + 0j}), f"{label}-complex")
    case(TypeError, param, lambda: call(**{param: None}), f"{label}-None")
    case(ValueError, param, lambda: call(**{param: NAN}), f"{label}-nan")
    if not allow_inf:
        case(ValueError, param, lambda: call(**{param: INF}), f"{label}-inf")
    for bad in bad_values:
        case(ValueError, param, lambda bad=bad: call(**{param: bad}), f"{label}-{bad}")


def activation_arg_cases(label, call, param="activation", callables_allowed=False, none_allowed=False):
    """An ``activation=`` argument: unknown name, wrong case, a number, None, a plain function.

    ``none_allowed``: ``None`` means "the activation the parameters were trained with" there.
    """
    case(ValueError, param, lambda: call(**{param: "swish"}), f"{label}-unknown-name")
    case(ValueError, param, lambda: call(**{param: "ReLU"}), f"{label}-wrong-case")
    case(TypeError, param, lambda: call(**{param: 3}), f"{label}-number")
    if not none_allowed:
        case(TypeError, param, lambda: call(**{param: None}), f"{label}-None")
    if not callables_allowed:
        case(TypeError, param, lambda: call(**{param: np.tanh}), f"{label}-plain-function")


def data_cases(label, call, x="X", y="Y", *, X=X, Y=Y, any_two_labels=False):
    """A course data set ``X (n_x, m)``, ``Y (1, m)``: shapes, dtypes, NaN/inf, empty, labels.

    ``any_two_labels``: the plotting helpers colour any two classes (and take ``Y`` as ``(m,)``
    too), so only a third class and NaN labels are wrong there.
    """
    c = lambda **kw: call(**{x: X, y: Y, **kw})
    case(ValueError, x, lambda: c(**{x: X[0]}), f"{label}-1d")
    case(ValueError, x, lambda: c(**{x: X[np.newaxis]}), f"{label}-3d")
    case(ValueError, x, lambda: c(**{x: [[0.0, 1.0], [2.0]]}), f"{label}-ragged")
    case(ValueError, (x, y), lambda: c(**{x: X.T}), f"{label}-rows-convention")
    case(TypeError, x, lambda: c(**{x: X.astype(str)}), f"{label}-strings")
    case(TypeError, x, lambda: c(**{x: X.astype(object)}), f"{label}-object")
    case(TypeError, x, lambda: c(**{x: X + 1j}), f"{label}-complex")
    case(ValueError, x, lambda: c(**{x: with_nan(X)}), f"{label}-nan")
    case(ValueError, x, lambda: c(**{x: with_nan(X, (1, 3), INF)}), f"{label}-inf")
    case(ValueError, x, lambda: c(**{x: with_nan(X, (1, 3), -INF)}), f"{label}-minus-inf")
    case(ValueError, x, lambda: c(**{x: np.zeros((2, 0)), y: np.zeros((1, 0), int)}), f"{label}-empty")
    case(ValueError, x, lambda: c(**{x: np.zeros((0, 12))}), f"{label}-no-features")
    case(ValueError, y, lambda: c(**{y: Y[:, :-1]}), f"{label}-too-few-labels")
    case(ValueError, y, lambda: c(**{y: Y3}), f"{label}-label-2")
    case(ValueError, y, lambda: c(**{y: Y_NAN}), f"{label}-label-nan")
    if any_two_labels:
        return
    case(ValueError, y, lambda: c(**{y: Y.ravel()}), f"{label}-1d-labels")
    case(ValueError, y, lambda: c(**{y: -Y}), f"{label}-label-minus-1")
    case(ValueError, y, lambda: c(**{y: Y_HALF}), f"{label}-label-0.5")
    case(TypeError, y, lambda: c(**{y: Y_STR}), f"{label}-label-strings")
    case(TypeError, y, lambda: c(**{y: Y.astype(object)}), f"{label}-label-object")
    case(TypeError, y, lambda: c(**{y: Y + 0j}), f"{label}-label-complex")


def params_cases(label, call, *, none_allowed=False):
    """A parameter dict W1, b1, W2, b2: wrong type, missing key, wrong shapes, NaN, wrong dtype."""
    c = lambda p: call(params=p)
    case(TypeError, "params", lambda: c([PARAMS["W1"]]), f"{label}-list")
    if not none_allowed:  # gradient_check: params=None means "freshly initialised"
        case(TypeError, "params", lambda: c(None), f"{label}-None")
    case(ValueError, "params", lambda: c(without(PARAMS, "b2")), f"{label}-missing-b2")
    case(ValueError, "params", lambda: c(replaced(PARAMS, W1=PARAMS["W1"][:, :1])), f"{label}-W1-too-few-inputs")
    case(ValueError, "params", lambda: c(replaced(PARAMS, b1=PARAMS["b1"][:2])), f"{label}-b1-shape")
    case(ValueError, "params", lambda: c(replaced(PARAMS, W2=PARAMS["W2"].ravel())), f"{label}-W2-1d")
    case(ValueError, "params", lambda: c(replaced(PARAMS, W1=with_nan(PARAMS["W1"]))), f"{label}-W1-nan")
    case(ValueError, "params", lambda: c(replaced(PARAMS, b2=np.array([[INF]]))), f"{label}-b2-inf")
    case(TypeError, "params", lambda: c(replaced(PARAMS, W1=PARAMS["W1"].astype(str))), f"{label}-W1-strings")
    case(TypeError, "params", lambda: c(replaced(PARAMS, W2=PARAMS["W2"] + 0j)), f"{label}-W2-complex")


# --- activations ---------------------------------------------------------------------------------

for _name in activations.available():
    for _f in (getattr(activations, _name), getattr(activations, _name + "_derivative")):
        z_cases(_f.__name__, _f)
        for _param in activations.declaration(_name).params:  # each declared parameter, outside its bounds
            real_param_cases(_f.__name__, _f, _param.name, low_bad=_param.outside())

_sos = activations.sum_of_sigmoids
z_cases("sum_of_sigmoids", lambda z: _sos(z, [0.0, 1.0]))
case(ValueError, "offsets", lambda: _sos(0.0, []), "sum_of_sigmoids-empty")
case(ValueError, "offsets", lambda: _sos(0.0, [[0.0, 1.0]]), "sum_of_sigmoids-2d")
case(ValueError, "offsets", lambda: _sos(0.0, 1.0), "sum_of_sigmoids-scalar")
case(ValueError, "offsets", lambda: _sos(0.0, [0.0, NAN]), "sum_of_sigmoids-nan")
case(ValueError, "offsets", lambda: _sos(0.0, [0.0, INF]), "sum_of_sigmoids-inf")
case(TypeError, "offsets", lambda: _sos(0.0, ["0", "1"]), "sum_of_sigmoids-strings")
case(TypeError, "offsets", lambda: _sos(0.0, [1j]), "sum_of_sigmoids-complex")
case(TypeError, "offsets", lambda: _sos(0.0, None), "sum_of_sigmoids-None")
case(ValueError, "weights", lambda: _sos(0.0, [0.0, 1.0], [1.0]), "sum_of_sigmoids-too-few")
case(ValueError, "weights", lambda: _sos(0.0, [0.0, 1.0], [1.0, NAN]), "sum_of_sigmoids-nan")
case(TypeError, "weights", lambda: _sos(0.0, [0.0, 1.0], [1.0, 1j]), "sum_of_sigmoids-complex")
case(ValueError, "weights", lambda: _sos(0.0, [0.0, 1.0], "simpson"), "sum_of_sigmoids-unknown-rule")
case(ValueError, "weights", lambda: _sos(0.0, [0.0], "trapezoid"), "sum_of_sigmoids-trapezoid-one-offset")
case(ValueError, "weights", lambda: _sos(0.0, [1.0, 0.0], "trapezoid"), "sum_of_sigmoids-trapezoid-decreasing")

case(ValueError, "activation", lambda: activations.get("swish"), "get-unknown")
case(ValueError, "activation", lambda: activations.get("Tanh"), "get-wrong-case")
case(TypeError, "activation", lambda: activations.get(3), "get-number")
case(TypeError, "activation", lambda: activations.get(None), "get-None")
case(TypeError, "beta", lambda: activations.get("elu", beta=1.0), "get-parameter-of-another")
case(TypeError, "alpha", lambda: activations.get("tanh", alpha=1.0), "get-parameter-of-none")
case(ValueError, "alpha", lambda: activations.get("elu", alpha=NAN), "get-nan")
case(ValueError, "slope", lambda: activations.get("leaky_relu", slope=5), "get-out-of-range")
case(TypeError, "beta", lambda: activations.get("softplus", beta="2"), "get-string")
case(TypeError, "name", lambda: activations.Activation("", np.tanh, np.tanh), "Activation-empty")
case(TypeError, "name", lambda: activations.Activation(3, np.tanh, np.tanh), "Activation-number")
case(TypeError, "function", lambda: activations.Activation("f", 3, np.tanh), "Activation-not-callable")
case(TypeError, "derivative", lambda: activations.Activation("f", np.tanh, None), "Activation-None")
case(ValueError, "activation", lambda: activations.as_activation("swish"), "as_activation-unknown")
case(TypeError, "activation", lambda: activations.as_activation(3.0), "as_activation-number")
case(TypeError, "activation", lambda: activations.as_activation(None), "as_activation-None")
case(TypeError, "activation", lambda: activations.as_activation(np.tanh), "as_activation-function")
case(TypeError, "activation", lambda: activations.as_activation(["tanh"]), "as_activation-list")
case(ValueError, "activation", lambda: activations.declaration("swish"), "declaration-unknown")
case(TypeError, "activation", lambda: activations.declaration(None), "declaration-None")
case(TypeError, "activation", lambda: activations.declaration(activations.get("elu")), "declaration-an-Activation")

_gk = activations.generic_kernel
case(TypeError, "function", lambda: _gk(3, np.tanh), "generic_kernel-number")
case(TypeError, "derivative", lambda: _gk(np.tanh, None), "generic_kernel-None")

# --- datasets ------------------------------------------------------------------------------------

int_cases("make_planar", datasets.make_planar, "m", low=2)
case(ValueError, "m", lambda: datasets.make_planar(m=401), "make_planar-odd")
real_cases("make_planar", datasets.make_planar, "noise", bad_values=(-0.1,))
int_cases("make_planar", datasets.make_planar, "seed", low=0, high=2**32 - 1)
case(TypeError, "path", lambda: datasets.load_planar_dataset(path=3), "load_planar_dataset-number")
case(TypeError, "path", lambda: datasets.load_planar_dataset(path=["data.csv"]), "load_planar_dataset-list")
case(TypeError, "path", lambda: datasets.write_planar_csv(path=None), "write_planar_csv-None")
int_cases("write_planar_csv", lambda **kw: datasets.write_planar_csv(path="/nonexistent/x.csv", **kw), "m", low=2)
_toy = lambda **kw: datasets.make_toy(**{"name": "noisy_moons", **kw})
case(ValueError, "name", lambda: _toy(name="spirals"), "make_toy-unknown")
case(TypeError, "name", lambda: _toy(name=3), "make_toy-number")
int_cases("make_toy", _toy, "m", low=4)
for _bad, _error in (("0.2", TypeError), (True, TypeError), (-0.1, ValueError), (NAN, ValueError), (INF, ValueError)):
    case(_error, "noise", lambda _bad=_bad: _toy(noise=_bad), f"make_toy-noise-{_bad}")
for _bad, _error in ((1.5, TypeError), (True, TypeError), (-1, ValueError), (2**32, ValueError)):
    case(_error, "seed", lambda _bad=_bad: _toy(seed=_bad), f"make_toy-seed-{_bad}")
_split = lambda **kw: datasets.train_test_split_columns(**{"X": X, "Y": Y, **kw})
data_cases("train_test_split_columns", _split)
real_cases("train_test_split_columns", _split, "test_size", bad_values=(0.0, 1.0, 1.5, -0.25))
int_cases("train_test_split_columns", _split, "seed", low=0, high=2**32 - 1)
case(TypeError, "stratify", lambda: _split(stratify="yes"), "train_test_split_columns-string")
case(TypeError, "stratify", lambda: _split(stratify=None), "train_test_split_columns-None")
case(ValueError, "test_size", lambda: _split(test_size=0.05), "train_test_split_columns-one-test-point")

# --- deep_stack ----------------------------------------------------------------------------------

_stack = lambda **kw: deep_stack.layer_statistics(
    **{
        "activation": "tanh",
        "n_layers": 2,
        "width": 4,
        "m": 8,
        **kw,
    }
)
activation_arg_cases("layer_statistics", _stack)
int_cases("layer_statistics", _stack, "n_layers", low=1)
int_cases("layer_statistics", _stack, "width", low=1)
int_cases("layer_statistics", _stack, "m", low=2)
int_cases("layer_statistics", _stack, "seed", low=0, high=2**32 - 1)
case(ValueError, "init", lambda: _stack(init="glorot"), "layer_statistics-unknown")
case(ValueError, "init", lambda: _stack(init=-1.0), "layer_statistics-negative-gain")
case(ValueError, "init", lambda: _stack(init=NAN), "layer_statistics-nan")
case(ValueError, "init", lambda: _stack(init=INF), "layer_statistics-inf")
case(TypeError, "init", lambda: _stack(init=None), "layer_statistics-None")
case(TypeError, "init", lambda: _stack(init=True), "layer_statistics-bool")

# --- network -------------------------------------------------------------------------------------

_init = lambda **kw: network.initialize_parameters(**{"n_x": 2, "n_h": 3, **kw})
for _arg in ("n_x", "n_h", "n_y"):
    int_cases("initialize_parameters", _init, _arg, low=1)
int_cases("initialize_parameters", _init, "seed", low=0, high=2**32 - 1)
real_cases("initialize_parameters", _init, "init", bad_values=(-0.01,), names_allowed=True)
case(ValueError, "init", lambda: _init(init="glorot"), "initialize_parameters-unknown")

_fwd = lambda **kw: network.forward_propagation(**{"X": X, "params": PARAMS, **kw})
activation_arg_cases("forward_propagation", _fwd, none_allowed=True)
params_cases("forward_propagation", _fwd)
case(ValueError, "X", lambda: _fwd(X=X[0]), "forward_propagation-1d")
case(TypeError, "X", lambda: _fwd(X=X.astype(str)), "forward_propagation-strings")
case(ValueError, "X", lambda: _fwd(X=with_nan(X)), "forward_propagation-nan")
case(ValueError, "X", lambda: _fwd(X=np.zeros((2, 0))), "forward_propagation-empty")
case(ValueError, "X", lambda: _fwd(X=X[:1]), "forward_propagation-wrong-features")

_params = lambda **kw: network.Parameters(**{"arrays": PARAMS, "activation": "relu", **kw})
case(TypeError, "arrays", lambda: _params(arrays=[PARAMS["W1"]]), "Parameters-list")
case(ValueError, "arrays", lambda: _params(arrays=without(PARAMS, "W2")), "Parameters-missing-W2")
case(ValueError, "arrays", lambda: _params(arrays=replaced(PARAMS, b1=PARAMS["b1"][:1])), "Parameters-b1-shape")
activation_arg_cases("Parameters", _params, none_allowed=True)
case(ValueError, "output", lambda: _params(output="softmax"), "Parameters-unknown-output")
case(TypeError, "output", lambda: _params(output=1), "Parameters-number-output")
_trained = lambda **kw: network.trained_activation(**{"params": PARAMS, **kw})
case(TypeError, "params", lambda: _trained(params=[PARAMS["W1"]]), "trained_activation-list")
case(TypeError, "params", lambda: _trained(params=None), "trained_activation-None")
activation_arg_cases("trained_activation", _trained, none_allowed=True)
case(
    ValueError,
    "activation",
    lambda: network.trained_activation(network.Parameters(PARAMS, "relu"), "tanh"),
    "trained_activation-another-function",
)
case(
    ValueError,
    "activation",
    lambda: network.trained_activation(
        network.Parameters(PARAMS, "leaky_relu"), activations.get("leaky_relu", slope=0.5)
    ),
    "trained_activation-other-parameters",
)

_usage = lambda **kw: network.usage(**{"params": PARAMS, **kw})
case(TypeError, "params", lambda: _usage(params=[PARAMS["W1"]]), "usage-list")
case(ValueError, "activation", lambda: _usage(params=PLAIN), "usage-plain-dict-needs-activation")
case(ValueError, "output", lambda: _usage(output="softmax"), "usage-unknown-output")
case(ValueError, "output", lambda: _usage(output="identity"), "usage-another-output")
activation_arg_cases("usage", _usage, none_allowed=True)
_layers = lambda **kw: parameters.check_layers(**{"name": "params", "params": PARAMS, **kw})
case(TypeError, "params", lambda: _layers(params=[PARAMS["W1"]]), "check_layers-list")
case(ValueError, "params", lambda: _layers(params={**PLAIN, "W3": np.ones((1, 1)), "b3": np.zeros((1, 1))}, n_layers=2),
     "check_layers-three-layers-for-one-hidden")  # fmt: skip
case(ValueError, "params", lambda: _layers(params=GRADS), "check_layers-gradients")
case(ValueError, "params", lambda: _layers(params={**PLAIN, "activation": "relu"}), "check_layers-extra-key")
case(ValueError, "X", lambda: _layers(n_x=5), "check_layers-inputs")
case(TypeError, "n_layers", lambda: parameters.layer_keys("2"), "layer_keys-string")
case(TypeError, "init_scale", lambda: parameters.init_or_old_name(0.5, 0.1, 0.01), "init_or_old_name-both")
case(TypeError, "learning_rate", lambda: parameters.gradient_step(PARAMS, GRADS, "0.1"), "gradient_step-string-rate")
case(ValueError, "grads", lambda: parameters.gradient_step(PARAMS, without(GRADS, "db2"), 0.1), "gradient_step-missing")
case(ValueError, "init", lambda: parameters.check_init("init", "glorot"), "check_init-unknown")
case(ValueError, "init", lambda: parameters.check_init("init", -0.1), "check_init-negative")
case(ValueError, "init", lambda: parameters.weight_std("glorot", 2, 3), "weight_std-unknown")
case(ValueError, "fan_in", lambda: parameters.weight_std("he", 0, 3), "weight_std-no-inputs")
case(ValueError, "n_layers", lambda: parameters.layer_keys(0), "layer_keys-zero")
case(TypeError, "path", lambda: parameters.Parameters.load(3), "Parameters.load-int-path")
case(TypeError, "path", lambda: PARAMS.save(None), "Parameters.save-None-path")
case(ValueError, "activation", lambda: network.Parameters(PARAMS, "relux"), "Parameters-unknown-activation")

# --- engine --------------------------------------------------------------------------------------

_ENGINE_MODEL = (activations.get("tanh"), 1.2, PARAMS)
_engine = lambda **kw: engine.Engine(**{"models": [_ENGINE_MODEL], "X": X, "Y": Y, **kw})
data_cases("Engine", _engine)
case(TypeError, "models", lambda: _engine(models=[]), "Engine-empty")
case(TypeError, "models", lambda: _engine(models=_ENGINE_MODEL), "Engine-one-tuple")
case(TypeError, "models", lambda: _engine(models=[("tanh", 1.2, PARAMS)]), "Engine-name-not-Activation")
case(ValueError, "learning_rate", lambda: _engine(models=[(_ENGINE_MODEL[0], -1.0, PARAMS)]), "Engine-negative-rate")
case(TypeError, "learning_rate", lambda: _engine(models=[(_ENGINE_MODEL[0], "1", PARAMS)]), "Engine-string-rate")
case(
    ValueError, "params", lambda: _engine(models=[(_ENGINE_MODEL[0], 1.2, without(PARAMS, "b1"))]), "Engine-missing-b1"
)
case(ValueError, "params", lambda: _engine(X=X[:1]), "Engine-wrong-features")
case(ValueError, "output", lambda: _engine(output="softmax"), "Engine-unknown-output")
case(ValueError, "dtype", lambda: _engine(dtype=np.int64), "Engine-int-dtype")
_message = lambda **kw: engine.divergence_message(
    **{"activation_name": "relu", "learning_rate": 10.0, "iteration": 500, "last_good": 400, "what": "x", **kw}
)
case(TypeError, "activation_name", lambda: _message(activation_name=None), "divergence_message-None")
case(TypeError, "what", lambda: _message(what=3), "divergence_message-number")
real_cases("divergence_message", _message, "learning_rate", bad_values=(0.0, -1.0))
int_cases("divergence_message", _message, "iteration", low=0)
case(TypeError, "last_good", lambda: _message(last_good=1.5), "divergence_message-float-last-good")
case(ValueError, "last_good", lambda: _message(last_good=-1), "divergence_message-negative-last-good")

# --- approximation -------------------------------------------------------------------------------

_hls = lambda **kw: approximation.HiddenLayerSum(
    **{"activation": "relu", "w1": [1.0], "b1": [0.0], "w2": [1.0], "b2": 0.0, **kw}
)
activation_arg_cases("HiddenLayerSum", _hls)
case(ValueError, "w1", lambda: _hls(w1=[1.0, 2.0]), "HiddenLayerSum-lengths")
case(TypeError, "b2", lambda: _hls(b2="0"), "HiddenLayerSum-string-b2")
for _name, _build in (
    ("sigmoid_staircase", approximation.sigmoid_staircase),
    ("relu_interpolant", approximation.relu_interpolant),
):
    _c = lambda build=_build, **kw: build(**{"f": np.sin, "a": 0.0, "b": 1.0, "n": 4, **kw})
    case(TypeError, "f", lambda c=_c: c(f=3), f"{_name}-number-f")
    case(ValueError, "b", lambda c=_c: c(a=1.0, b=0.0), f"{_name}-reversed")
    case(ValueError, "a", lambda c=_c: c(a=NAN), f"{_name}-nan")
    int_cases(_name, _c, "n", low=1)
_stair = lambda **kw: approximation.sigmoid_staircase(np.sin, 0.0, 1.0, 4, **kw)
real_cases("sigmoid_staircase", _stair, "sharpness", bad_values=(0.0, -1.0))
case(ValueError, "steepness", lambda: _stair(steepness=-1.0), "sigmoid_staircase-negative-steepness")
_err = lambda **kw: approximation.approximation_error(**{"f": np.sin, "approx": np.cos, "a": 0.0, "b": 1.0, **kw})
case(TypeError, "approx", lambda: _err(approx=3), "approximation_error-number")
case(ValueError, "norm", lambda: _err(norm="l3"), "approximation_error-unknown-norm")
case(TypeError, "exclude", lambda: _err(exclude=0.5), "approximation_error-number-exclude")
int_cases("approximation_error", _err, "n_points", low=2)
case(ValueError, "errors", lambda: approximation.observed_orders([1.0, 2.0], [1.0]), "observed_orders-lengths")
case(ValueError, "spacings", lambda: approximation.observed_orders([1.0, -2.0], [1.0, 2.0]), "observed_orders-negative")
case(TypeError, "spacings", lambda: approximation.observed_orders("ab", [1.0, 2.0]), "observed_orders-strings")
case(TypeError, "x", lambda: approximation.tent("a"), "tent-string")
case(ValueError, "x", lambda: approximation.tent([[0.0, 1.0], [2.0]]), "tent-ragged")
int_cases("sawtooth", lambda **kw: approximation.sawtooth(**{"x": 0.5, **kw}), "k", low=0)
case(TypeError, "x", lambda: approximation.sawtooth("a", 2), "sawtooth-string")
int_cases("sawtooth_one_layer", lambda **kw: approximation.sawtooth_one_layer(**kw), "k", low=1)
_pieces = lambda **kw: approximation.count_linear_pieces(**{"x": [0.0, 1.0, 2.0], "values": [0.0, 1.0, 2.0], **kw})
case(ValueError, "values", lambda: _pieces(values=[0.0, 1.0]), "count_linear_pieces-lengths")
real_cases("count_linear_pieces", _pieces, "rtol", bad_values=(0.0, -1.0))

# --- exercises -----------------------------------------------------------------------------------

for _name in ("check", "evaluate", "lookup", "unregister"):
    _f = getattr(exercises, _name)
    _args = (1.0,) if _name in ("check", "evaluate") else ()
    case(ValueError, "exercise_id", lambda f=_f, a=_args: f("99.99", *a), f"{_name}-unknown")
    case(TypeError, "exercise_id", lambda f=_f, a=_args: f(2.1, *a), f"{_name}-number")
case(TypeError, "answer", lambda: exercises.check("01.1"), "check-no-answer")
case(TypeError, "answer", lambda: exercises.evaluate("01.1", 1.0, 2.0), "evaluate-two-answers")
case(ValueError, "exercise_id", lambda: exercises.predicted("99.9", 1.0), "predicted-unknown-id")
case(TypeError, "exercise_id", lambda: exercises.predicted(4.2, 1.0), "predicted-a-number")
case(ValueError, "exercise_id", lambda: exercises.register("2.1", x="a number"), "register-bad-id")
case(ValueError, "exercise_id", lambda: exercises.register("01.1", x="a number"), "register-taken")
case(TypeError, "answers", lambda: exercises.register("99.1"), "register-no-answers")
case(ValueError, "status", lambda: exercises.Feedback("maybe", "Correct: yes"), "Feedback-unknown-status")
case(TypeError, "message", lambda: exercises.Feedback("correct", 3), "Feedback-number-message")
case(ValueError, "message", lambda: exercises.Feedback("correct", "Not yet: no"), "Feedback-wrong-prefix")

_cost = lambda **kw: network.compute_cost(**{"A2": A2, "Y": Y, **kw})
case(ValueError, "A2", lambda: _cost(A2=A2[:, :-1]), "compute_cost-shape")
case(TypeError, "A2", lambda: _cost(A2=A2.astype(str)), "compute_cost-strings")
case(TypeError, "A2", lambda: _cost(A2=A2 + 1j), "compute_cost-complex")
case(ValueError, "A2", lambda: _cost(A2=with_nan(A2)), "compute_cost-nan")
case(ValueError, "A2", lambda: _cost(A2=np.zeros((1, 0)), Y=np.zeros((1, 0), int)), "compute_cost-empty")
case(ValueError, "A2", lambda: _cost(A2=Z2), "compute_cost-logits")
case(ValueError, "Y", lambda: _cost(Y=Y3), "compute_cost-label-2")
case(ValueError, "Y", lambda: _cost(Y=Y_NAN), "compute_cost-label-nan")
case(TypeError, "Y", lambda: _cost(Y=Y_STR), "compute_cost-label-strings")

_logit_cost = lambda **kw: network.compute_cost_from_logits(**{"Z2": Z2, "Y": Y, **kw})
case(ValueError, "Z2", lambda: _logit_cost(Z2=Z2[:, :-1]), "compute_cost_from_logits-shape")
case(TypeError, "Z2", lambda: _logit_cost(Z2=Z2.astype(str)), "compute_cost_from_logits-strings")
case(TypeError, "Z2", lambda: _logit_cost(Z2=Z2 + 1j), "compute_cost_from_logits-complex")
case(ValueError, "Z2", lambda: _logit_cost(Z2=with_nan(Z2)), "compute_cost_from_logits-nan")
case(
    ValueError,
    "Z2",
    lambda: _logit_cost(Z2=np.zeros((1, 0)), Y=np.zeros((1, 0), int)),
    "compute_cost_from_logits-empty",
)
case(ValueError, "Y", lambda: _logit_cost(Y=Y3), "compute_cost_from_logits-label-2")
case(ValueError, "Y", lambda: _logit_cost(Y=Y_NAN), "compute_cost_from_logits-label-nan")
case(TypeError, "Y", lambda: _logit_cost(Y=Y_STR), "compute_cost_from_logits-label-strings")

_back = lambda **kw: network.backward_propagation(**{"params": PARAMS, "cache": CACHE, "X": X, "Y": Y, **kw})
params_cases("backward_propagation", _back)
data_cases("backward_propagation", _back)
activation_arg_cases("backward_propagation", _back, none_allowed=True)
case(TypeError, "cache", lambda: _back(cache=None), "backward_propagation-None")
case(ValueError, "cache", lambda: _back(cache=without(CACHE, "Z1")), "backward_propagation-missing-Z1")
case(ValueError, "cache", lambda: _back(cache=replaced(CACHE, A1=CACHE["A1"][:, :-1])), "backward_propagation-A1-shape")
case(ValueError, "cache", lambda: _back(cache=replaced(CACHE, A2=with_nan(CACHE["A2"]))), "backward_propagation-A2-nan")

_update = lambda **kw: network.update_parameters(**{"params": PARAMS, "grads": GRADS, **kw})
params_cases("update_parameters", _update)
real_cases("update_parameters", _update, "learning_rate", bad_values=(0.0, -1.0))
case(TypeError, "grads", lambda: _update(grads=None), "update_parameters-None")
case(ValueError, "grads", lambda: _update(grads=without(GRADS, "dW1")), "update_parameters-missing-dW1")
case(ValueError, "grads", lambda: _update(grads=replaced(GRADS, dW1=GRADS["dW1"].T)), "update_parameters-dW1-shape")
case(ValueError, "grads", lambda: _update(grads=replaced(GRADS, db2=np.array([[NAN]]))), "update_parameters-nan")
case(
    TypeError,
    "grads",
    lambda: _update(grads=replaced(GRADS, dW2=GRADS["dW2"].astype(str))),
    "update_parameters-strings",
)

_train = lambda **kw: network.train(**{"X": X, "Y": Y, "num_iterations": 3, **kw})
data_cases("train", _train)
activation_arg_cases("train", _train)
int_cases("train", _train, "n_hidden", low=1)
int_cases("train", _train, "num_iterations", low=1)
int_cases("train", _train, "seed", low=0, high=2**32 - 1)
real_cases("train", _train, "learning_rate", bad_values=(0.0, -1.2))
real_cases("train", _train, "init", bad_values=(-0.01,), names_allowed=True)
case(ValueError, "init", lambda: _train(init="glorot"), "train-unknown")
case(TypeError, "print_cost", lambda: _train(print_cost="yes"), "train-string")
case(TypeError, "print_cost", lambda: _train(print_cost=1), "train-int")

for _label, _fn in (("predict", network.predict), ("predict_proba", network.predict_proba)):
    _p = lambda _fn=_fn, **kw: _fn(**{"params": PARAMS, "X": X, **kw})
    params_cases(_label, _p)
    activation_arg_cases(_label, _p, none_allowed=True)
    case(ValueError, "X", lambda _p=_p: _p(X=X.T), f"{_label}-rows-convention")
    case(TypeError, "X", lambda _p=_p: _p(X=X + 1j), f"{_label}-complex")
    case(ValueError, "X", lambda _p=_p: _p(X=with_nan(X, (0, 1), -INF)), f"{_label}-inf")
    case(ValueError, "X", lambda _p=_p: _p(X=np.zeros((2, 0))), f"{_label}-empty")

_acc = lambda **kw: network.accuracy(**{"predictions": Y, "Y": Y, **kw})
case(ValueError, "predictions", lambda: _acc(predictions=Y[:, :-1]), "accuracy-shape")
case(ValueError, "predictions", lambda: _acc(predictions=Y3), "accuracy-label-2")
case(ValueError, "predictions", lambda: _acc(predictions=Y * 0.5), "accuracy-probabilities")
case(TypeError, "predictions", lambda: _acc(predictions=Y_STR), "accuracy-strings")
case(ValueError, "Y", lambda: _acc(Y=Y3), "accuracy-label-2")
case(ValueError, "Y", lambda: _acc(Y=Y_NAN), "accuracy-label-nan")
case(ValueError, "Y", lambda: _acc(predictions=np.zeros((1, 0)), Y=np.zeros((1, 0))), "accuracy-empty")

_gc = lambda **kw: network.gradient_check(**{"X": X, "Y": Y, "n_hidden": 2, **kw})
data_cases("gradient_check", _gc)
activation_arg_cases("gradient_check", _gc, none_allowed=True)
int_cases("gradient_check", _gc, "n_hidden", low=1)
int_cases("gradient_check", _gc, "seed", low=0, high=2**32 - 1)
real_cases("gradient_check", _gc, "epsilon", bad_values=(0.0, -1e-7, 2.0))
real_cases("gradient_check", _gc, "init", bad_values=(-1.0,), names_allowed=True)
params_cases("gradient_check", _gc, none_allowed=True)

# The estimator: __init__ stores anything; fit validates (scikit-learn's convention).
_FIT_BAD_HYPER = (
    (ValueError, "n_hidden", 0),
    (TypeError, "n_hidden", 2.5),
    (TypeError, "n_hidden", True),
    (ValueError, "activation", "swish"),
    (TypeError, "activation", 3),
    (ValueError, "learning_rate", 0.0),
    (ValueError, "learning_rate", NAN),
    (TypeError, "learning_rate", "1"),
    (ValueError, "max_iter", 0),
    (TypeError, "max_iter", 10.0),
    (ValueError, "init", -1.0),
    (ValueError, "init", "glorot"),
    (ValueError, "init", INF),
    (ValueError, "random_state", -1),
    (TypeError, "random_state", 1.5),
    (TypeError, "random_state", "2"),
)
for _error, _arg, _bad in _FIT_BAD_HYPER:
    case(_error, _arg, lambda _arg=_arg, _bad=_bad: fit(**{_arg: _bad}), f"OneHiddenLayerClassifier.fit-{_bad!r}")
for _error, _arg, _call, _label in (
    (ValueError, "X", lambda: fit(X_rows=with_nan(XR)), "nan"),
    (ValueError, "X", lambda: fit(X_rows=with_nan(XR, (0, 0), INF)), "inf"),
    (ValueError, "X", lambda: fit(X_rows=XR + 1j), "complex"),
    (ValueError, "X", lambda: fit(X_rows=np.full(XR.shape, "a")), "strings"),
    (ValueError, "X", lambda: fit(X_rows=XR[:, 0]), "1d"),
    (ValueError, "X", lambda: fit(X_rows=np.zeros((0, 2)), y=np.zeros(0)), "empty"),
    (ValueError, "X", lambda: fit(X_rows=np.zeros((12, 0))), "no-features"),
    (ValueError, "y", lambda: fit(y=YR[:-1]), "length"),
    (ValueError, "y", lambda: fit(y=Y3.ravel()), "three-classes"),
    (ValueError, "y", lambda: fit(y=np.zeros(12)), "one-class"),
    (ValueError, "y", lambda: fit(y=np.linspace(0, 1, 12)), "continuous"),
    (ValueError, "y", lambda: fit(y=Y_NAN.ravel()), "nan-label"),
    (ValueError, "X", lambda: fitted().predict(XR[:, :1]), "predict-features"),
    (ValueError, "X", lambda: fitted().predict(XR + 1j), "predict-complex"),
    (ValueError, "X", lambda: fitted().decision_function(XR[0]), "decision_function-1d"),
    (ValueError, "X", lambda: fitted().predict_proba(np.zeros((0, 2))), "predict_proba-empty"),
    (ValueError, "X", lambda: fitted().predict_proba(with_nan(XR)), "predict_proba-nan"),
):
    case(_error, _arg, _call, f"OneHiddenLayerClassifier-{_label}", sklearn=True)

# --- plotting ------------------------------------------------------------------------------------

_plot_act = lambda **kw: plotting.plot_activation(**{"activation": "tanh", **kw})
activation_arg_cases("plot_activation", lambda activation: plotting.plot_activation(activation), callables_allowed=True)
case(TypeError, "z", lambda: _plot_act(z=["a", "b"]), "plot_activation-strings")
case(ValueError, "z", lambda: _plot_act(z=np.zeros((2, 2))), "plot_activation-2d")
case(ValueError, "z", lambda: _plot_act(z=[]), "plot_activation-empty")
case(ValueError, "z", lambda: _plot_act(z=[0.0, NAN]), "plot_activation-nan")
case(TypeError, "derivative", lambda: _plot_act(activation=np.tanh, derivative=True), "plot_activation-plain")
case(TypeError, "derivative", lambda: _plot_act(derivative="yes"), "plot_activation-string")
case(TypeError, "ax", lambda: _plot_act(ax="left"), "plot_activation-string")
case(TypeError, "activation", lambda: plotting.plot_with_derivative(np.tanh), "plot_with_derivative-plain")
case(ValueError, "activation", lambda: plotting.plot_with_derivative("swish"), "plot_with_derivative-unknown")
case(
    ValueError,
    "axes",
    lambda: plotting.plot_with_derivative("tanh", axes=plt.subplots(1, 3)[1]),
    "plot_with_derivative-three",
)
case(ValueError, "z", lambda: plotting.plot_with_derivative("tanh", z=[[0.0, 1.0]]), "plot_with_derivative-2d")
case(ValueError, "names", lambda: plotting.activation_gallery(names=[]), "activation_gallery-empty")
case(ValueError, "names", lambda: plotting.activation_gallery(names="tanh"), "activation_gallery-string")
case(ValueError, "names", lambda: plotting.activation_gallery(names=["tanh", "swish"]), "activation_gallery-unknown")
case(TypeError, "names", lambda: plotting.activation_gallery(names=[3]), "activation_gallery-number")
int_cases("activation_gallery", lambda **kw: plotting.activation_gallery(names=["tanh"], **kw), "ncols", low=1)
case(TypeError, "z", lambda: plotting.activation_gallery(names=["tanh"], z=[1j, 2j]), "activation_gallery-complex")

_hv = lambda **kw: plotting.hidden_unit_values(**{"params": PARAMS, "points": X, **kw})
params_cases("hidden_unit_values", _hv)
activation_arg_cases("hidden_unit_values", _hv, none_allowed=True)
case(ValueError, "points", lambda: _hv(points=X.T), "hidden_unit_values-rows-convention")
case(ValueError, "points", lambda: _hv(points=X[0]), "hidden_unit_values-1d")
case(ValueError, "points", lambda: _hv(points=with_nan(X)), "hidden_unit_values-nan")
case(TypeError, "points", lambda: _hv(points=X.astype(str)), "hidden_unit_values-strings")
case(ValueError, "points", lambda: _hv(points=np.zeros((2, 0))), "hidden_unit_values-empty")
case(TypeError, "features", lambda: _hv(features="squares"), "hidden_unit_values-string-features")
case(ValueError, "features", lambda: _hv(features=lambda P: P[:1]), "hidden_unit_values-features-shape")
_phu = lambda **kw: plotting.plot_hidden_units(**{"params": PARAMS, "X": X, "Y": Y, "resolution": 20, **kw})
data_cases("plot_hidden_units", _phu, any_two_labels=True)
params_cases("plot_hidden_units", _phu)
activation_arg_cases("plot_hidden_units", _phu, none_allowed=True)
case(TypeError, "features", lambda: _phu(features=3), "plot_hidden_units-number-features")
int_cases("plot_hidden_units", _phu, "resolution", low=10, high=plotting.BOUNDARY_MAX_RESOLUTION)
real_cases("plot_hidden_units", _phu, "margin", bad_values=(-0.1, 1.5))
case(TypeError, "max_units", lambda: _phu(max_units=2.5), "plot_hidden_units-float-max-units")
case(ValueError, "max_units", lambda: _phu(max_units=0), "plot_hidden_units-zero-max-units")
case(TypeError, "ncols", lambda: _phu(ncols="2"), "plot_hidden_units-string-ncols")
case(ValueError, "ncols", lambda: _phu(ncols=0), "plot_hidden_units-zero-ncols")

_spread = lambda **kw: plotting.plot_spread(**{"groups": {"tanh": [88.0, 90.5], "relu": [70.0, 75.5]}, **kw})
case(ValueError, "groups", lambda: _spread(groups={}), "plot_spread-empty")
case(ValueError, "groups", lambda: _spread(groups=[88.0, 90.5]), "plot_spread-list")
case(ValueError, "groups", lambda: _spread(groups={"tanh": []}), "plot_spread-empty-group")
case(ValueError, "groups", lambda: _spread(groups={"tanh": [[88.0, 90.5]]}), "plot_spread-2d-group")
case(ValueError, "groups", lambda: _spread(groups={"tanh": [88.0, NAN]}), "plot_spread-nan")
case(ValueError, "groups", lambda: _spread(groups={"tanh": [88.0, INF]}), "plot_spread-inf")
case(TypeError, "groups", lambda: _spread(groups={"tanh": ["88%"]}), "plot_spread-strings")
real_cases("plot_spread", _spread, "jitter", bad_values=(-0.1, 0.6))
int_cases("plot_spread", _spread, "seed", low=0, high=2**32 - 1)
real_cases("plot_spread", _spread, "offset", bad_values=())
real_cases("plot_spread", _spread, "width", bad_values=(0.0, -0.5))
case(TypeError, "ax", lambda: _spread(ax="left"), "plot_spread-string")

_model = lambda Xg: network.predict_proba(PARAMS, Xg)
_dv = lambda **kw: plotting.decision_values(**{"model": _model, "X": X, **kw})
case(TypeError, "model", lambda: _dv(model="tanh"), "decision_values-string")
case(TypeError, "model", lambda: _dv(model=None), "decision_values-None")
case(ValueError, "model", lambda: _dv(model=lambda Xg: Xg), "decision_values-wrong-output-shape")
case(ValueError, "model", lambda: _dv(model=lambda Xg: 2 + Xg[:1]), "decision_values-not-probabilities")
case(ValueError, "model", lambda: _dv(model=lambda Xg: NAN * Xg[:1]), "decision_values-nan-output")
case(ValueError, "X", lambda: _dv(X=X.T), "decision_values-rows-convention")
case(TypeError, "X", lambda: _dv(X=X.astype(object)), "decision_values-object")
case(ValueError, "X", lambda: _dv(X=with_nan(X)), "decision_values-nan")
case(ValueError, "X", lambda: _dv(X=np.zeros((2, 0))), "decision_values-empty")
int_cases("decision_values", _dv, "resolution", low=10, high=plotting.BOUNDARY_MAX_RESOLUTION)
real_cases("decision_values", _dv, "margin", bad_values=(-0.1, 2.0))
case(TypeError, "proba", lambda: _dv(proba="yes"), "decision_values-string")

_pdb = lambda **kw: plotting.plot_decision_boundary(**{"model": _model, "X": X, "Y": Y, **kw})
data_cases("plot_decision_boundary", _pdb, any_two_labels=True)
case(ValueError, "X_test", lambda: _pdb(X_test=X), "plot_decision_boundary-without-Y_test")
case(ValueError, "Y_test", lambda: _pdb(X_test=X, Y_test=Y[:, :3]), "plot_decision_boundary-short")
case(ValueError, "X_test", lambda: _pdb(X_test=with_nan(X), Y_test=Y), "plot_decision_boundary-nan")
case(TypeError, "discretize", lambda: _pdb(discretize="yes"), "plot_decision_boundary-string")
case(TypeError, "model", lambda: _pdb(model=3), "plot_decision_boundary-number")

_pds = lambda **kw: plotting.plot_dataset(**{"X": X, "Y": Y, **kw})
data_cases("plot_dataset", _pds, any_two_labels=True)

_pc = lambda **kw: plotting.plot_costs(**{"costs": [0.7, 0.5, 0.3], **kw})
case(ValueError, "costs", lambda: _pc(costs=[]), "plot_costs-empty")
case(ValueError, "costs", lambda: _pc(costs=[[0.7, 0.5]]), "plot_costs-2d")
case(TypeError, "costs", lambda: _pc(costs=["0.7"]), "plot_costs-strings")
case(TypeError, "costs", lambda: _pc(costs=[0.7 + 1j]), "plot_costs-complex")
case(TypeError, "costs", lambda: _pc(costs=None), "plot_costs-None")
int_cases("plot_costs", _pc, "every", low=1)
case(TypeError, "log", lambda: _pc(log="yes"), "plot_costs-string")

_bg = lambda **kw: plotting.boundary_grid(
    **{
        "models": [_model, _model],
        "X": X,
        "Y": Y,
        "titles": ["a", "b"],
        **kw,
    }
)
case(ValueError, "models", lambda: _bg(models=[], titles=[]), "boundary_grid-empty")
case(TypeError, "models", lambda: _bg(models=None), "boundary_grid-None")
case(ValueError, "titles", lambda: _bg(titles=["a"]), "boundary_grid-too-few")
case(TypeError, "titles", lambda: _bg(titles=None), "boundary_grid-None")
case(ValueError, "scores", lambda: _bg(scores=[90.0]), "boundary_grid-too-few")
case(ValueError, "X", lambda: _bg(X=[X], Y=[Y]), "boundary_grid-one-per-panel-short")
case(ValueError, "Y", lambda: _bg(Y=Y3), "boundary_grid-label-2")
case(ValueError, "X", lambda: _bg(X=with_nan(X)), "boundary_grid-nan")
int_cases("boundary_grid", _bg, "ncols", low=1)

# --- experiments ---------------------------------------------------------------------------------

_cmp = lambda **kw: experiments.compare(
    **{
        "X": X,
        "Y": Y,
        "activations": ("tanh",),
        "hidden_sizes": (2,),
        "seeds": (2,),
        "num_iterations": 3,
        "progress": False,
        **kw,
    }
)
data_cases("compare", _cmp)
case(ValueError, "activations", lambda: _cmp(activations=()), "compare-empty")
case(ValueError, "activations", lambda: _cmp(activations=("tanh", "swish")), "compare-unknown")
case(TypeError, "activations", lambda: _cmp(activations=(3,)), "compare-number")
case(ValueError, "hidden_sizes", lambda: _cmp(hidden_sizes=()), "compare-empty")
case(ValueError, "hidden_sizes", lambda: _cmp(hidden_sizes=(0,)), "compare-zero")
case(ValueError, "hidden_sizes", lambda: _cmp(hidden_sizes=(-3,)), "compare-negative")
case(TypeError, "hidden_sizes", lambda: _cmp(hidden_sizes=(2.5,)), "compare-float")
case(TypeError, "hidden_sizes", lambda: _cmp(hidden_sizes=(True,)), "compare-bool")
case(ValueError, "seeds", lambda: _cmp(seeds=()), "compare-empty")
case(ValueError, "seeds", lambda: _cmp(seeds=(-1,)), "compare-negative")
case(TypeError, "seeds", lambda: _cmp(seeds=(1.5,)), "compare-float")
real_cases("compare", _cmp, "learning_rate", bad_values=(0.0, -1.2))
case(ValueError, "learning_rate", lambda: _cmp(learning_rate={"relu": 1.0}), "compare-dict-missing")
case(ValueError, "learning_rate", lambda: _cmp(learning_rate={"tanh": -1.0}), "compare-dict-negative")
real_cases("compare", _cmp, "init", bad_values=(-0.01,), names_allowed=True)
case(ValueError, "init", lambda: _cmp(init="glorot"), "compare-unknown")
int_cases("compare", _cmp, "num_iterations", low=1)
case(TypeError, "progress", lambda: _cmp(progress="yes"), "compare-string")

# --- depth (issue 20): the engine's l2 and deeper params, compare's tuples, deep.train's hidden layers ---

_DEEP = deep.initialize_parameters_deep([2, 3, 3, 1], activation="tanh")
_deep_engine = lambda **kw: _engine(models=[(_ENGINE_MODEL[0], 1.2, _DEEP)], **kw)
case(ValueError, "l2", lambda: _deep_engine(l2=-0.1), "Engine-negative-l2")
case(ValueError, "l2", lambda: _deep_engine(l2=NAN), "Engine-nan-l2")
case(ValueError, "l2", lambda: _deep_engine(l2=INF), "Engine-inf-l2")
case(TypeError, "l2", lambda: _deep_engine(l2="0.1"), "Engine-string-l2")
case(ValueError, "l2", lambda: _deep_engine(l2=[0.1, 0.2]), "Engine-l2-count")
case(ValueError, "l2", lambda: _deep_engine(l2=[-1.0]), "Engine-l2-entry-negative")
case(ValueError, "params", lambda: _engine(models=[(_ENGINE_MODEL[0], 1.2, {**_DEEP, "W2": np.ones((3, 4))})]),
     "Engine-layers-do-not-chain")  # fmt: skip
case(ValueError, "params", lambda: _engine(models=[(_ENGINE_MODEL[0], 1.2, {**_DEEP, "W3": np.ones((2, 3)),
     "b3": np.ones((2, 1))})]), "Engine-two-outputs")  # fmt: skip
case(ValueError, "params", lambda: _engine(models=[(_ENGINE_MODEL[0], 1.2, without(_DEEP, "b3"))]), "Engine-missing-b3")
case(ValueError, "params", lambda: _engine(models=[(_ENGINE_MODEL[0], 1.2, {"W1": np.ones((1, 2)),
     "b1": np.zeros((1, 1))})]), "Engine-no-hidden-layer")  # fmt: skip
case(ValueError, "state", lambda: _deep_engine(state={"iteration": 0, "parts": []}), "Engine-foreign-state")
case(ValueError, "hidden_sizes", lambda: _cmp(hidden_sizes=((),)), "compare-empty-tuple")
case(ValueError, "hidden_sizes", lambda: _cmp(hidden_sizes=((4, 0),)), "compare-zero-layer")
case(ValueError, "hidden_sizes", lambda: _cmp(hidden_sizes=((4, -1),)), "compare-negative-layer")
case(TypeError, "hidden_sizes", lambda: _cmp(hidden_sizes=((4, 2.5),)), "compare-float-layer")
case(TypeError, "hidden_sizes", lambda: _cmp(hidden_sizes=((4, (4, 4)),)), "compare-nested-tuple")
case(TypeError, "hidden_sizes", lambda: _cmp(hidden_sizes=2.5), "compare-float-single")
case(ValueError, "hidden_sizes", lambda: _cmp(hidden_sizes=(4, (4,))), "compare-same-network-twice")
case(ValueError, "layer_dims", lambda: deep.train(X, Y, [2, 1], num_iterations=2), "deep.train-no-hidden-layer")

_ROWS = experiments.compare(
    X, Y, activations=("tanh", "relu"), hidden_sizes=(2,), seeds=(2, 3), num_iterations=3, progress=False
)
_dead = lambda **kw: experiments.dead_units(**{"params": PARAMS, "X": X, "activation": "relu", **kw})
params_cases("dead_units", _dead)
activation_arg_cases("dead_units", _dead, none_allowed=True)
case(ValueError, "X", lambda: _dead(X=X[:1]), "dead_units-wrong-features")
case(ValueError, "X", lambda: _dead(X=with_nan(X)), "dead_units-nan")
case(TypeError, "X", lambda: _dead(X=X.astype(str)), "dead_units-strings")
case(TypeError, "rows", lambda: experiments.select(None, activation="tanh"), "select-None")
case(ValueError, "n_hiden", lambda: experiments.select(_ROWS, n_hiden=2), "select-unknown-field")
case(TypeError, "rows", lambda: experiments.best_per(None), "best_per-None")
case(
    ValueError,
    "group",
    lambda: experiments.best_per(_ROWS, group="width", score="train_accuracy"),
    "best_per-unknown-field",
)
case(ValueError, "score", lambda: experiments.best_per(_ROWS, score="test_accuracy"), "best_per-no-test")
case(ValueError, "rows", lambda: experiments.best_per([]), "best_per-empty")
_best = lambda **kw: experiments.best_per(**{"rows": _ROWS, "score": "train_accuracy", **kw})
case(ValueError, "higher_is_better", lambda: _best(score="n_hidden"), "best_per-direction-unknown")
case(TypeError, "higher_is_better", lambda: _best(higher_is_better="yes"), "best_per-direction-str")
case(ValueError, "higher_is_better", lambda: results.larger_is_better("seed"), "larger_is_better-unknown-field")
case(TypeError, "score", lambda: results.larger_is_better(3), "larger_is_better-int")
_table = lambda **kw: experiments.table(**{"rows": _ROWS, "agg": "mean", **kw})
case(ValueError, "rows", lambda: _table(rows=[]), "table-empty")
case(TypeError, "rows", lambda: _table(rows=None), "table-None")
case(ValueError, "value", lambda: _table(value="accuracy"), "table-unknown-field")
case(ValueError, "index", lambda: _table(index="act"), "table-unknown-field")
case(ValueError, "columns", lambda: _table(columns="width"), "table-unknown-field")
case(ValueError, "agg", lambda: _table(agg="sum"), "table-unknown")
case(ValueError, "agg", lambda: _table(agg=None), "table-needed")
case(TypeError, "fmt", lambda: _table(fmt=3), "table-number")
case(TypeError, "marks", lambda: _table(marks="yes"), "table-string")

# --- playground ----------------------------------------------------------------------------------

_md = playground.make_data
case(ValueError, "dataset", lambda: _md(dataset="spiral"), "make_data-unknown")
case(TypeError, "dataset", lambda: _md(dataset=3), "make_data-number")
real_cases("make_data", _md, "noise", bad_values=(-0.1, 100.0))
int_cases("make_data", _md, "m", low=4)
int_cases("make_data", _md, "seed", low=0, high=2**32 - 1)
for _entry in (playground.check_settings, playground.run):
    _label = _entry.__name__
    case(TypeError, "colour", lambda _entry=_entry: _entry(colour="red"), f"{_label}-unknown-setting")
    case(ValueError, "dataset", lambda _entry=_entry: _entry(dataset="spiral"), f"{_label}-unknown")
    real_cases(_label, _entry, "test_size", bad_values=(-0.1, 0.95))
    activation_arg_cases(_label, _entry)
    int_cases(_label, _entry, "n_hidden", low=1, high=200)
    real_cases(_label, _entry, "learning_rate", bad_values=(0.0,))
    int_cases(_label, _entry, "num_iterations", low=1, high=100_000)
    case(ValueError, "init", lambda _entry=_entry: _entry(init="glorot"), f"{_label}-unknown")
    int_cases(_label, _entry, "seed", low=0, high=2**32 - 1)
case(ValueError, "n_hidden", lambda: playground.Playground(n_hidden=0), "Playground-zero")
int_cases("Playground", lambda **kw: playground.Playground(**kw), "frame_iterations", low=1)
case(ValueError, "features", lambda: playground.check_settings(features=("x1^3",)), "check_settings-unknown-feature")
case(TypeError, "features", lambda: playground.check_settings(features="x1^2"), "check_settings-string-features")
case(ValueError, "names", lambda: playground.features(X, ("x3",)), "features-unknown")
case(TypeError, "names", lambda: playground.features(X, "x1^2"), "features-string")
case(ValueError, "X", lambda: playground.features(X.T), "features-rows-convention")
case(TypeError, "X", lambda: playground.features(X.astype(str)), "features-strings")
_RESULT = playground.run(num_iterations=10)
case(ValueError, "X", lambda: _RESULT.predict_proba(X.T), "Result.predict_proba-rows-convention")
case(TypeError, "X", lambda: _RESULT.predict_proba("points"), "Result.predict_proba-string")
case(TypeError, "result", lambda: playground.summary("tanh"), "summary-string")
case(TypeError, "result", lambda: playground.plot(None), "plot-None")
case(TypeError, "result", lambda: playground.render_png({"settings": {}}), "render_png-dict")

# --- check_env -----------------------------------------------------------------------------------

_check = lambda **kw: check_env.Check(**{"ok": True, "what": "numpy 2.0", **kw})
case(TypeError, "ok", lambda: _check(ok="yes"), "Check-string")
case(TypeError, "what", lambda: _check(what=3), "Check-number")
case(TypeError, "path", lambda: check_env.read_requirements(path=3), "read_requirements-number")
case(TypeError, "path", lambda: check_env.read_requirements(path=None), "read_requirements-None")
case(ValueError, "path", lambda: check_env.read_requirements(path=""), "read_requirements-empty")
case(TypeError, "requirements", lambda: check_env.check_versions(None), "check_versions-None")
case(
    TypeError,
    "requirements",
    lambda: check_env.check_versions(["numpy>=1.26"]),
    "check_versions-list",
)
case(
    TypeError,
    "requirements",
    lambda: check_env.check_versions({"numpy": 1.26}),
    "check_versions-number-bound",
)
case(
    ValueError,
    "requirements",
    lambda: check_env.check_versions({"": None}),
    "check_versions-empty-name",
)
case(TypeError, "folder", lambda: check_env.check_import_from(3), "check_import_from-number")
case(
    TypeError,
    "python",
    lambda: check_env.check_import_from(PACKAGE_DIR, python=3),
    "check_import_from-number",
)
case(
    TypeError,
    "data_dirs",
    lambda: check_env.check_widget_frontend(data_dirs=3),
    "check_widget_frontend-number",
)
case(
    TypeError,
    "data_dirs",
    lambda: check_env.check_widget_frontend(data_dirs=str(PACKAGE_DIR)),
    "check_widget_frontend-one-string",
)


# --- the one test --------------------------------------------------------------------------------


@pytest.mark.parametrize("call, error, argument, sklearn, target", CASES)
def test_bad_input_raises_an_error_naming_the_argument(call, error, argument, sklearn, target):
    with deadline(20), pytest.raises((ValueError, TypeError)) as info:
        call()
    assert isinstance(info.value, error), f"expected {error.__name__}, got {type(info.value).__name__}: {info.value}"
    assert re.search(names_pattern(argument), str(info.value)), f"the message does not name {argument!r}: {info.value}"
    # raised by course_utils' checks (the estimator may use scikit-learn's), never from inside numpy
    origin = info.traceback[-1].path
    allowed = ("course_utils", "sklearn") if sklearn else ("course_utils",)
    assert any(part in str(origin) for part in allowed), f"raised from {origin}: {info.value}"
    # ... and through the callable the row is credited to (test_every_public_callable_has_a_row counts it)
    if target is not None:
        entered = first_package_frame(info)
        name = getattr(entered, "co_qualname", getattr(entered, "co_name", None))
        assert entered in codes_of(PUBLIC[target]), f"the row is credited to {target} but calls {name}"


# --- deep and model: the L-layer network and the one reference for its maths --------------------------

DEEP = deep.initialize_parameters_deep([2, 3, 3, 1], init=0.5, seed=1, activation="tanh")  # records tanh
DEEP_PLAIN = dict(DEEP)  # records nothing: calls pass activation=
DEEP_AL, DEEP_CACHES = deep.model_forward(X, DEEP)
DEEP_GRADS = deep.model_backward(DEEP_AL, Y, DEEP_CACHES)
_OTHER_CACHES = deep.model_forward(X, deep.initialize_parameters_deep([2, 4, 3, 1], activation="tanh"))[1]
_DEEP_REGRESSION = deep.initialize_parameters_deep([2, 3, 1], activation="tanh", output="identity")

_init_deep = lambda **kw: deep.initialize_parameters_deep(**{"layer_dims": [2, 3, 1], **kw})
case(ValueError, "layer_dims", lambda: _init_deep(layer_dims=[2]), "initialize_parameters_deep-one-entry")
case(ValueError, "layer_dims", lambda: _init_deep(layer_dims=[]), "initialize_parameters_deep-empty")
case(ValueError, "layer_dims", lambda: _init_deep(layer_dims=[2, 0, 1]), "initialize_parameters_deep-zero")
case(ValueError, "layer_dims", lambda: _init_deep(layer_dims=[2, -3, 1]), "initialize_parameters_deep-negative")
case(TypeError, "layer_dims", lambda: _init_deep(layer_dims=[2, 3.0, 1]), "initialize_parameters_deep-float")
case(TypeError, "layer_dims", lambda: _init_deep(layer_dims=3), "initialize_parameters_deep-int")
case(TypeError, "layer_dims", lambda: _init_deep(layer_dims="2, 3, 1"), "initialize_parameters_deep-string")
real_cases("initialize_parameters_deep", _init_deep, "init", bad_values=(-0.01,), names_allowed=True)
case(ValueError, "init", lambda: _init_deep(init="glorot"), "initialize_parameters_deep-unknown-init")
int_cases("initialize_parameters_deep", _init_deep, "seed", low=0, high=2**32 - 1)
activation_arg_cases("initialize_parameters_deep", _init_deep)
case(ValueError, "output", lambda: _init_deep(output="softmax"), "initialize_parameters_deep-unknown-output")

_lf = lambda **kw: deep.linear_forward(**{"A_prev": X, "W": DEEP["W1"], "b": DEEP["b1"], **kw})
case(ValueError, "W", lambda: _lf(W=DEEP["W1"].T), "linear_forward-W-transposed")
case(ValueError, "A_prev", lambda: _lf(A_prev=with_nan(X)), "linear_forward-nan")
case(ValueError, "A_prev", lambda: _lf(A_prev=X[0]), "linear_forward-1d")
case(TypeError, "b", lambda: _lf(b="0"), "linear_forward-string-b")
_laf = lambda **kw: deep.linear_activation_forward(
    **{"A_prev": X, "W": DEEP["W1"], "b": DEEP["b1"], "activation": "relu", **kw}
)
activation_arg_cases("linear_activation_forward", _laf)
case(ValueError, "b", lambda: _laf(b=DEEP["b2"][:2]), "linear_activation_forward-b-shape")

_mf = lambda **kw: deep.model_forward(**{"X": X, "params": DEEP, **kw})
case(ValueError, "activation", lambda: _mf(params=DEEP_PLAIN), "model_forward-plain-dict-needs-activation")
case(ValueError, "activation", lambda: _mf(activation="relu"), "model_forward-another-activation")
case(ValueError, "X", lambda: _mf(X=X.T), "model_forward-rows-convention")
case(ValueError, "X", lambda: _mf(X=with_nan(X)), "model_forward-nan")
case(TypeError, "params", lambda: _mf(params=[DEEP["W1"]]), "model_forward-list")
case(ValueError, "params", lambda: _mf(params=without(DEEP, "b3")), "model_forward-missing-b3")
case(ValueError, "params", lambda: _mf(params=replaced(DEEP, W2=DEEP["W2"][:, :2])), "model_forward-W2-shape")
case(ValueError, "params", lambda: _mf(params=DEEP_GRADS), "model_forward-gradients")
activation_arg_cases("model_forward", _mf, none_allowed=True)
case(ValueError, "output", lambda: _mf(output="softmax"), "model_forward-unknown-output")

_lb = lambda **kw: deep.linear_backward(**{"dZ": DEEP_CACHES[0][1], "cache": DEEP_CACHES[0][0], **kw})
case(ValueError, "dZ", lambda: _lb(dZ=DEEP_CACHES[0][1][:, :5]), "linear_backward-dZ-shape")
case(TypeError, "dZ", lambda: _lb(dZ="0"), "linear_backward-string")
case(TypeError, "cache", lambda: _lb(cache=None), "linear_backward-None")
case(TypeError, "cache", lambda: _lb(cache=DEEP_CACHES[0]), "linear_backward-layer-cache")
_mixed = (DEEP_CACHES[1][0][0], DEEP_CACHES[2][0][1], DEEP_CACHES[1][0][2])  # W of layer 3 with b of layer 2
case(ValueError, "cache", lambda: _lb(cache=_mixed, dZ=np.ones((1, 12))), "linear_backward-mixed-layers")
_lab = lambda **kw: deep.linear_activation_backward(
    **{"dA": np.ones((3, 12)), "cache": DEEP_CACHES[0], "activation": "tanh", **kw}
)
activation_arg_cases("linear_activation_backward", _lab)
case(ValueError, "dA", lambda: _lab(dA=np.ones((1, 12))), "linear_activation_backward-dA-shape")
case(TypeError, "cache", lambda: _lab(cache=DEEP_CACHES[0][0]), "linear_activation_backward-linear-cache")
case(
    ValueError,
    "cache",
    lambda: _lab(cache=(DEEP_CACHES[0][0], DEEP_CACHES[2][1])),
    "linear_activation_backward-Z-of-another",
)

_mb = lambda **kw: deep.model_backward(**{"AL": DEEP_AL, "Y": Y, "caches": DEEP_CACHES, **kw})
case(ValueError, "activation", lambda: _mb(caches=list(DEEP_CACHES)), "model_backward-plain-list-needs-activation")
case(ValueError, "activation", lambda: _mb(activation="relu"), "model_backward-another-activation")
case(TypeError, "caches", lambda: _mb(caches=CACHE), "model_backward-network-cache-dict")
case(TypeError, "caches", lambda: _mb(caches=None), "model_backward-None")
case(TypeError, "caches", lambda: _mb(caches=[]), "model_backward-empty")
case(TypeError, "caches", lambda: _mb(caches=[(1, 2)], activation="tanh"), "model_backward-not-caches")
case(
    ValueError,
    "caches",
    lambda: _mb(caches=[_OTHER_CACHES[0], *DEEP_CACHES[1:]], activation="tanh"),
    "model_backward-caches-from-another-network",
)
case(ValueError, "AL", lambda: _mb(AL=DEEP_AL[:, :6]), "model_backward-AL-of-other-data")
case(ValueError, "Y", lambda: _mb(Y=Y3), "model_backward-label-2")
case(ValueError, "Y", lambda: _mb(Y=Y.T), "model_backward-Y-column")
activation_arg_cases("model_backward", _mb, none_allowed=True)

_du = lambda **kw: deep.update_parameters(**{"params": DEEP, "grads": DEEP_GRADS, "learning_rate": 0.1, **kw})
real_cases("deep.update_parameters", _du, "learning_rate", bad_values=(0.0, -1.0))
case(ValueError, "grads", lambda: _du(grads=without(DEEP_GRADS, "dW3")), "deep.update_parameters-missing-dW3")
case(
    ValueError,
    "grads",
    lambda: _du(grads=replaced(DEEP_GRADS, dW2=DEEP_GRADS["dW2"][:2])),
    "deep.update_parameters-shape",
)
case(
    ValueError,
    "grads",
    lambda: _du(grads=replaced(DEEP_GRADS, db1=with_nan(DEEP_GRADS["db1"]))),
    "deep.update_parameters-nan",
)
case(TypeError, "grads", lambda: _du(grads=None), "deep.update_parameters-None")
case(ValueError, "params", lambda: _du(params=without(DEEP, "W2")), "deep.update_parameters-missing-W2")

_dt = lambda **kw: deep.train(**{"X": X, "Y": Y, "layer_dims": [2, 3, 1], "num_iterations": 2, **kw})
data_cases("deep.train", _dt)
activation_arg_cases("deep.train", _dt)
int_cases("deep.train", _dt, "num_iterations", low=1)
int_cases("deep.train", _dt, "seed", low=0, high=2**32 - 1)
real_cases("deep.train", _dt, "learning_rate", bad_values=(0.0, -0.1))
real_cases("deep.train", _dt, "l2", bad_values=(-0.1,))
real_cases("deep.train", _dt, "init", bad_values=(-0.01,), names_allowed=True)
case(ValueError, "layer_dims", lambda: _dt(layer_dims=[3, 3, 1]), "deep.train-inputs-mismatch")
case(ValueError, "layer_dims", lambda: _dt(layer_dims=[2, 3, 2]), "deep.train-two-outputs")
case(ValueError, "layer_dims", lambda: _dt(layer_dims=[2]), "deep.train-one-entry")
case(TypeError, "layer_dims", lambda: _dt(layer_dims=[2, 3.5, 1]), "deep.train-float")
case(TypeError, "print_cost", lambda: _dt(print_cost="yes"), "deep.train-string-print-cost")
case(ValueError, "output", lambda: _dt(output="softmax"), "deep.train-unknown-output")

for _label, _fn in (("deep.predict", deep.predict), ("deep.predict_proba", deep.predict_proba)):
    _p = lambda fn=_fn, **kw: fn(**{"params": DEEP, "X": X, **kw})
    case(ValueError, "X", lambda _p=_p: _p(X=X.T), f"{_label}-rows-convention")
    case(TypeError, "X", lambda _p=_p: _p(X=X + 1j), f"{_label}-complex")
    case(ValueError, "activation", lambda _p=_p: _p(params=DEEP_PLAIN), f"{_label}-plain-dict")
    case(ValueError, "params", lambda _p=_p: _p(params=_init_deep(layer_dims=[2, 3, 2])), f"{_label}-two-outputs")
    activation_arg_cases(_label, _p, none_allowed=True)
case(ValueError, "params", lambda: deep.predict_proba(_DEEP_REGRESSION, X), "deep.predict_proba-regression")

_dg = lambda **kw: deep.gradient_check(**{"X": X, "Y": Y, "layer_dims": [2, 3, 1], "activation": "tanh", **kw})
data_cases("deep.gradient_check", _dg)
activation_arg_cases("deep.gradient_check", _dg)
real_cases("deep.gradient_check", _dg, "epsilon", bad_values=(0.0, -1e-7, 2.0))
real_cases("deep.gradient_check", _dg, "l2", bad_values=(-1.0,))
case(ValueError, "layer_dims", lambda: _dg(layer_dims=[2, 0, 1]), "deep.gradient_check-zero-units")
case(ValueError, "init", lambda: _dg(init="glorot"), "deep.gradient_check-unknown-init")
_re = lambda **kw: model.relative_error(**{"grads": DEEP_GRADS, "params": dict(DEEP), "cost": lambda: 0.0, **kw})
case(TypeError, "cost", lambda: _re(cost=0.5), "model.relative_error-number-cost")
case(ValueError, "grads", lambda: _re(grads=without(DEEP_GRADS, "db1")), "model.relative_error-missing-db1")
case(TypeError, "params", lambda: _re(params=None), "model.relative_error-None-params")
real_cases("model.relative_error", _re, "epsilon", bad_values=(0.0, 2.0))

_fw = lambda **kw: model.forward(**{"X": X, "params": DEEP, "activation": "tanh", **kw})
case(ValueError, "X", lambda: _fw(X=X.T), "model.forward-rows-convention")
case(ValueError, "params", lambda: _fw(params=without(DEEP, "W2")), "model.forward-missing-W2")
case(ValueError, "output", lambda: _fw(output="softmax"), "model.forward-unknown-output")
activation_arg_cases("model.forward", _fw, none_allowed=True)
_logits = lambda **kw: model.logits(**{"X": X, "params": DEEP, "activation": "tanh", **kw})
case(ValueError, "X", lambda: _logits(X=with_nan(X)), "model.logits-nan")
activation_arg_cases("model.logits", _logits, none_allowed=True)
case(ValueError, "W", lambda: model.linear(X, DEEP["W2"], DEEP["b2"]), "model.linear-W-shape")
case(TypeError, "A_prev", lambda: model.linear(X.astype(str), DEEP["W1"], DEEP["b1"]), "model.linear-strings")
for _name in ("output_unit", "output_derivative"):
    _f = getattr(model, _name)
    case(TypeError, "Z", lambda f=_f: f("0.5"), f"model.{_name}-string")
    case(ValueError, "output", lambda f=_f: f(Z2, "softmax"), f"model.{_name}-unknown-output")
_mcost = lambda **kw: model.cost(**{"Z": Z2, "Y": Y, **kw})
case(ValueError, "Z", lambda: _mcost(Z=np.vstack([Z2, Z2])), "model.cost-two-rows")
case(ValueError, "Z", lambda: _mcost(Z=with_nan(Z2)), "model.cost-nan")
case(ValueError, "Y", lambda: _mcost(Y=Y3), "model.cost-label-2")
case(ValueError, "Y", lambda: _mcost(Y=Y[:, :-1]), "model.cost-too-few-labels")
case(ValueError, "output", lambda: _mcost(output="softmax"), "model.cost-unknown-output")
case(TypeError, "Z", lambda: model.labels(Z2.astype(str)), "model.labels-strings")
case(ValueError, "derivatives", lambda: model.dead(np.zeros(3)), "model.dead-1d")
case(TypeError, "derivatives", lambda: model.dead("0"), "model.dead-string")
_dbl = lambda **kw: model.dead_by_layer(**{"X": X, "params": DEEP, **kw})
case(ValueError, "X", lambda: _dbl(X=X.T), "model.dead_by_layer-rows-convention")
case(ValueError, "activation", lambda: _dbl(params=dict(DEEP)), "model.dead_by_layer-plain-dict")
activation_arg_cases("model.dead_by_layer", _dbl, none_allowed=True)


# --- every public callable has rows --------------------------------------------------------------

# Public callables that have no row yet, and why. The test below fails when an entry gets rows or goes
# away (delete the entry then), so this can only shrink.
KNOWN_GAPS = {}


def test_every_row_is_credited_to_a_public_callable():
    """A row's label starts with the name of the callable it calls, so the coverage test can count it."""
    uncredited = [param.id for param in CASES if param.values[4] is None]
    assert not uncredited, (
        f"{len(uncredited)} row(s) whose label does not start with the name of one public callable of "
        f"course_utils (qualify a name two modules define: 'network.train-...'): {uncredited}"
    )


def test_every_public_callable_has_a_row():
    """Every public callable that takes arguments has at least one bad-input row (a new one needs rows)."""
    covered = {param.values[4] for param in CASES}
    needed = {name for name, value in PUBLIC.items() if takes_arguments(value)}
    missing = sorted(needed - covered - set(KNOWN_GAPS))
    assert not missing, (
        f"{len(missing)} public callable(s) of course_utils without a bad-input row: {', '.join(missing)}. "
        "Add rows to tests/test_bad_inputs.py: case(...) with a label that starts with the callable's name."
    )
    stale = sorted(name for name in KNOWN_GAPS if name in covered or name not in needed)
    assert not stale, f"KNOWN_GAPS entries that have rows now or are gone; delete them: {stale}"


# --- extreme but valid values: training either ends with finite parameters or says it diverged --

FLOWER = datasets.load_planar_dataset()
_FX, _FY = FLOWER


def _finite_params(params):
    return all(np.all(np.isfinite(value)) for value in params.values())


EXTREME = {
    "train-lr-1e6-relu": lambda: network.train(_FX, _FY, activation="relu", learning_rate=1e6, num_iterations=300),
    "train-lr-1e6-tanh": lambda: network.train(_FX, _FY, activation="tanh", learning_rate=1e6, num_iterations=300),
    "train-lr-1e300-elu": lambda: network.train(_FX, _FY, activation="elu", learning_rate=1e300, num_iterations=300),
    "train-X-1e300": lambda: network.train(_FX * 1e300, _FY, activation="relu", num_iterations=300),
    "train-init-1e200-sigmoid": lambda: network.train(_FX, _FY, activation="sigmoid", init=1e200, num_iterations=300),
    "fit-lr-1e6": lambda: (
        network.OneHiddenLayerClassifier(learning_rate=1e6, activation="relu", max_iter=300)
        .fit(_FX.T, _FY.ravel())
        .params_,
        None,
    ),
    "fit-X-1e300": lambda: (
        network.OneHiddenLayerClassifier(max_iter=300).fit(_FX.T * 1e300, _FY.ravel()).params_,
        None,
    ),
}


@pytest.mark.parametrize("call", EXTREME.values(), ids=EXTREME.keys())
def test_extreme_values_give_finite_parameters_or_a_divergence_error(call):
    """No NaN parameters: training returns finite ones or raises TrainingDiverged (warnings are errors)."""
    with deadline(20):
        try:
            params, costs = call()
        except network.TrainingDiverged as error:
            assert "Lower the learning rate" in str(error)
            return
    assert _finite_params(params)
    assert costs is None or np.all(np.isfinite(costs))


def test_extreme_values_in_compare_playground_and_gradient_check():
    rows = experiments.compare(
        _FX,
        _FY,
        activations=("relu", "tanh"),
        hidden_sizes=(4,),
        learning_rate=1e6,
        num_iterations=300,
        progress=False,
        keep_params=True,
    )
    assert [row["diverged"] for row in rows] == [True, False]
    assert all(_finite_params(row["params"]) for row in rows)  # a diverged model keeps its last finite ones
    result = playground.run(activation="leaky_relu", learning_rate=10.0)
    assert result.diverged and result.params is None and "diverged" in result.message
    for kwargs in (
        {"X": _FX * 1e150, "Y": _FY},
        {"X": _FX, "Y": _FY, "init": 1e200},
        {"X": _FX, "Y": _FY, "epsilon": 1e-300},
    ):
        assert np.isfinite(network.gradient_check(**kwargs))
    with pytest.raises(ValueError, match="init"):
        deep_stack.layer_statistics("relu", init=1e10, n_layers=40, width=8, m=10)


# --- valid edge values are accepted (the checks are not stricter than the contract) -----------------


@pytest.mark.parametrize("name", activations.available())
def test_activations_accept_empty_and_nan_z(name):
    act = activations.get(name)
    for function in (act, act.derivative):
        empty = function(np.zeros((2, 0)))
        assert empty.shape == (2, 0) and empty.dtype == np.float64
    values = act(np.array([np.nan, 0.5], dtype=np.float32))  # (step derivatives give 0 or 1 at NaN)
    assert values.dtype == np.float32 and np.isnan(values[0]) and np.isfinite(values[1])


def test_valid_edge_values_are_accepted():
    assert activations.leaky_relu(-2.0, slope=0.0) == 0.0 and activations.leaky_relu(-2.0, slope=1.0) == -2.0
    assert activations.elu(-1.0, alpha=0.0) == 0.0
    assert activations.sigmoid(0.0, offset=-1e300) == 1.0
    assert activations.sum_of_sigmoids(0.0, [0.0]) == 0.5
    assert datasets.make_planar(m=2, noise=0.0, seed=2**32 - 1)[0].shape == (2, 2)
    X_train, X_test, _, _ = datasets.train_test_split_columns(X, Y, test_size=1 / 6, seed=0)
    assert (X_train.shape, X_test.shape) == ((2, 10), (2, 2))
    params, costs = network.train(
        X, Y.astype(bool), n_hidden=1, num_iterations=1, seed=np.int64(0), init=0.0, learning_rate=np.float32(0.5)
    )
    assert _finite_params(params) and costs.shape == (1,)
    assert network.accuracy(Y.astype(float), Y) == 100.0
    labels = ["no", "yes"] * 6  # any two labels, X as nested lists
    assert set(network.OneHiddenLayerClassifier(max_iter=1).fit(XR.tolist(), labels).predict(XR)) <= {"no", "yes"}
    assert deep_stack.layer_statistics("tanh", n_layers=1, width=1, m=2, init=1e-3)["std"].shape == (1,)
    plotting.plot_costs(np.array([0.7]), every=1, log=np.True_)
    plotting.plot_activation("tanh", z=[0.0], derivative=np.False_)
    plt.close("all")
