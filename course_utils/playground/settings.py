"""The playground's settings and data: the choice lists, :data:`DEFAULTS`, :func:`check_settings`, the data sets
(:func:`make_data`) and the extra input features (:func:`features`).

Data sets use the course's column convention: ``X (2, m)`` float64, ``Y (1, m)`` int 0/1. With input features the
network's input is ``features(X, names)``, of shape ``(2 + len(names), m)``; the figures are still drawn over the
(x1, x2) plane. A settings dict holds one value per key of :data:`DEFAULTS`, checked by :func:`check_settings`.
"""

import numpy as np

from .. import activations, datasets
from .._conventions import check_hidden_layers as _check_one_networks_layers
from .._conventions import check_X
from .._validation import _show, check_choice, check_int, check_real, check_seed
from ..parameters import check_init

#: Learning rates a few lines apart on a log scale, as TensorFlow Playground offers them (each about 3 times the last).
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
#: The learning-rate slider's range (a log slider); ``run`` and ``check_settings`` take any positive rate.
LEARNING_RATE_RANGE = (1e-4, 10.0)
#: L2 regularisation strengths (the course's lambda: ``lambda / (2 m) * sum ||W||^2`` is added to the cost).
L2_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
#: The hidden layers the controls offer: 1 to MAX_LAYERS layers of 1 to MAX_UNITS units each (Python may ask
#: for wider layers; their maps then get smaller).
MAX_LAYERS, MAX_UNITS = 4, 8
#: Iteration choices (full-batch gradient descent steps); the live playground stops there.
ITERATIONS = (100, 200, 500, 1000, 2000, 5000, 10000)
#: Initial weight scales: the standard deviation of the random weights, or a fan-in rule.
INIT_SCALES = (0.01, 0.1, 0.5, 1.0, "xavier", "he")
#: Data sets: the course's flower, the four extra toy sets, and TensorFlow Playground's XOR and spiral.
DATASETS = ("planar", "noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles", "xor", "spiral")
DATASET_LABELS = {
    "planar": "flower (planar)",
    "noisy_circles": "circles",
    "noisy_moons": "moons",
    "blobs": "blobs",
    "gaussian_quantiles": "Gaussian quantiles",
    "xor": "XOR",
    "spiral": "spiral",
}
#: Extra input features, as TensorFlow Playground offers them: name -> function of X (2, m) giving (m,).
#: The one place they are defined; x1 and x2 themselves are always inputs.
FEATURES = {
    "x1^2": lambda X: X[0] ** 2,
    "x2^2": lambda X: X[1] ** 2,
    "x1*x2": lambda X: X[0] * X[1],
    "sin(x1)": lambda X: np.sin(X[0]),
    "sin(x2)": lambda X: np.sin(X[1]),
}
FEATURE_LABELS = {"x1^2": "x1²", "x2^2": "x2²", "x1*x2": "x1·x2", "sin(x1)": "sin x1", "sin(x2)": "sin x2"}
#: Number of points generated (before the train/test split).
M_POINTS = 400
#: The default seed of the data (its own setting, ``data_seed``: the training seed changes only the initial
#: weights; "regenerate data" draws a new sample with the next data seed).
DATA_SEED = 1
#: The seed of the train/test shuffle.
SPLIT_SEED = 0
#: What the playground starts with.
DEFAULTS = {
    "dataset": "planar",
    "noise": 0.2,
    "data_seed": DATA_SEED,
    "test_size": 0.25,
    "features": (),
    "activation": "tanh",
    "hidden_layers": (4,),
    "learning_rate": 1.0,
    "l2": 0.0,
    "num_iterations": 1000,
    "init": 0.01,
    "seed": 2,
}


def make_data(dataset="planar", noise=0.2, m=M_POINTS, seed=DATA_SEED):
    """One of the playground's data sets with a chosen noise level: ``X (2, m)``, ``Y (1, m)``.

    ``noise`` (>= 0) is the standard deviation of the Gaussian noise of the generator, in the data's
    own units: ``planar`` = :func:`datasets.make_planar` (0.2 is the course's flower);
    ``noisy_circles`` and ``noisy_moons`` = scikit-learn's ``make_circles`` (factor 0.5) and
    ``make_moons``; ``blobs`` = six blobs with ``cluster_std = 5 * noise`` (0.2 gives the course's 1.0),
    labels taken modulo 2; ``gaussian_quantiles`` = two classes split by the median radius, the
    points then moved by ``noise`` times a standard normal (see :func:`datasets.make_toy`); ``xor`` and
    ``spiral`` = :func:`datasets.make_xor` and :func:`datasets.make_spiral` (TensorFlow Playground's, in
    ``[-5, 5]^2``). Draws come from ``seed`` only (the setting ``data_seed``).
    """
    dataset = check_choice("dataset", dataset, DATASETS)
    noise = check_real("noise", noise, low=0.0, high=5.0)
    m = check_int("m", m, low=4)
    seed = check_seed("seed", seed)
    if dataset == "planar":
        return datasets.make_planar(m=m - m % 2, noise=noise, seed=seed)
    if dataset == "xor":
        return datasets.make_xor(m=m, noise=noise, seed=seed)
    if dataset == "spiral":
        return datasets.make_spiral(m=m, noise=noise, seed=seed)
    return datasets.make_toy(dataset, m=m, noise=noise, seed=seed)


# Checked here: the playground's own input features (FEATURES).
def check_feature_names(names, argument="features"):
    """A tuple of feature names from :data:`FEATURES`, in that dict's order, each once."""
    if isinstance(names, str) or not isinstance(names, (tuple, list, set, frozenset)):
        raise TypeError(
            f"{argument} must be a tuple of feature names (e.g. ('x1^2', 'x2^2')), got {_show(names)}; "
            f"available: {', '.join(map(repr, FEATURES))}"
        )
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"{argument} must hold feature names (strings), got {_show(name)}")
        if name not in FEATURES:
            raise ValueError(f"unknown feature {name!r} in {argument}; available: {', '.join(map(repr, FEATURES))}")
    return tuple(name for name in FEATURES if name in set(names))


def features(X, names=()):
    """The network's inputs for the points ``X (2, m)``: x1, x2, then the named :data:`FEATURES`, shape ``(2 + k, m)``.

    ``names`` is a tuple of keys of :data:`FEATURES` (``("x1^2", "x2^2")``, ...); the rows come in the
    order of :data:`FEATURES` whatever the order given, so a setting names a network input layout.
    """
    names = check_feature_names(names, "names")
    X = check_X(X, "X", n_features=2)
    if not names:
        return X
    return np.vstack([X] + [FEATURES[name](X)[None, :] for name in names])


#: Settings renamed to the package's one name for them (the old names keep working): ``n_hidden=4`` is one hidden
#: layer of 4 units, ``hidden_layers=(4,)``.
OLD_NAMES = {"init_scale": "init", "test_share": "test_size", "n_hidden": "hidden_layers"}


# Checked here: the playground's own limits (1 to MAX_LAYERS layers, at most 200 units) on top of the package's one
# rule for one network's hidden layers (_conventions.check_hidden_layers).
def check_hidden_layers(value, argument="hidden_layers"):
    """The hidden layers' sizes as a tuple of 1 to :data:`MAX_LAYERS` ints from 1 to 200 (an int: one layer)."""
    sizes = _check_one_networks_layers(argument, value)
    if len(sizes) > MAX_LAYERS:
        raise ValueError(f"{argument} must have 1 to {MAX_LAYERS} hidden layers, got {len(sizes)}: {_show(value)}")
    for i, size in enumerate(sizes):
        check_int(f"{argument}[{i}]" if len(sizes) > 1 or not isinstance(value, int) else argument, size, high=200)
    return sizes


# Checked here: the playground's settings (DEFAULTS), built from the package's checks.
def check_settings(**settings):
    """Fill in :data:`DEFAULTS` and check every setting; return the complete settings dict.

    ``activation`` may be a registry name (``"identity"`` is the list's "linear") or an
    ``activations.Activation`` (a built-in with its default parameters becomes its name); ``features`` a
    tuple of names of :data:`FEATURES`; ``hidden_layers`` a tuple of layer sizes (an int is one layer);
    ``l2`` the course's L2 strength lambda (>= 0); ``data_seed`` the seed the data set is drawn with. The
    settings' old names ``init_scale``, ``test_share`` and ``n_hidden`` are accepted for ``init``,
    ``test_size`` and ``hidden_layers``.
    """
    given = set(settings)
    for old, new in OLD_NAMES.items():
        if old in settings:
            if new in settings:
                raise TypeError(f"give {new} or its old name {old}, not both")
            settings[new] = settings.pop(old)
    unknown = sorted(set(settings) - set(DEFAULTS))
    if unknown:
        raise TypeError(f"unknown playground setting(s) {', '.join(unknown)}; available: {', '.join(DEFAULTS)}")
    s = {**DEFAULTS, **settings}
    s["dataset"] = check_choice("dataset", s["dataset"], DATASETS)
    s["noise"] = check_real("noise", s["noise"], low=0.0, high=5.0)
    s["data_seed"] = check_seed("data_seed", s["data_seed"])
    s["test_size"] = check_real("test_size", s["test_size"], low=0.0, high=0.9)
    s["features"] = check_feature_names(s["features"])
    act = activations.as_activation(s["activation"])
    builtin = act.name in activations.available() and act == activations.get(act.name)
    s["activation"] = act.name if isinstance(s["activation"], str) or builtin else act
    s["hidden_layers"] = check_hidden_layers(s["hidden_layers"], "n_hidden" if "n_hidden" in given else "hidden_layers")
    s["learning_rate"] = check_real("learning_rate", s["learning_rate"], low=0.0, low_inclusive=False)
    s["l2"] = check_real("l2", s["l2"], low=0.0)
    s["num_iterations"] = check_int("num_iterations", s["num_iterations"], low=1, high=100_000)
    s["init"] = check_init("init", s["init"])
    s["seed"] = check_seed("seed", s["seed"])
    return s


def describe_layers(sizes):
    """'4 hidden units' for one layer, '2 hidden layers (8, 4)' for several."""
    if len(sizes) == 1:
        return f"{sizes[0]} hidden unit{'s' if sizes[0] != 1 else ''}"
    return f"{len(sizes)} hidden layers ({', '.join(map(str, sizes))})"


def describe(settings):
    """'tanh, 4 hidden units, learning rate 1' (+ ', L2 0.01' with L2, + ', inputs x1, x2, x1²' with features):
    a run's title."""
    s = settings
    what = describe_layers(s["hidden_layers"])
    rate = f"{s['learning_rate']:.3g}"  # a log slider's 10**-0.5 reads 0.316, not 0.316228
    text = f"{activations.as_activation(s['activation']).label}, {what}, learning rate {rate}"
    if s["l2"]:
        text += f", L2 {s['l2']:g}"
    if s["features"]:
        text += ", inputs x1, x2, " + ", ".join(FEATURE_LABELS[name] for name in s["features"])
    return text
