"""Many networks trained together: activation x hidden layers x seed (x lr x init) sweeps.

:func:`compare` trains every combination at once with the course's training engine
(:mod:`course_utils.engine`): the models are stacked into a few arrays, so each iteration is a short,
fixed list of numpy calls whatever the number of models, and the models are split over (by default)
two worker processes. A one-hidden-layer model starts from
``network.initialize_parameters(n_x, n_hidden, 1, init, seed)`` and follows exactly the mathematics of
:func:`course_utils.network.train`; a deeper one starts from
``deep.initialize_parameters_deep([n_x, *layers, 1], init, seed)`` and follows :func:`course_utils.deep.train`.
The engine computes every model's numbers in the same way whatever it is trained with, so a row of
``compare`` equals ``network.train`` (or ``deep.train``) with the same settings bit for bit, and does
not depend on the other models or on the number of processes.

Rows are read with :func:`select`, :func:`best_per` and :func:`table` (from :mod:`course_utils.results`).
Column convention: ``X`` of shape ``(n_features, m)``, ``Y`` of shape ``(1, m)`` with 0/1 labels (real
numbers with ``output="identity"``).
"""

import math
import numbers

import numpy as np

from . import _workers, deep, model, network
from . import activations as _activations
from ._conventions import check_hidden_layers, check_XY
from ._progress import Progress
from ._validation import (
    MAX_SEED,
    _show,
    as_tuple,
    check_bool,
    check_choice,
    check_distinct_ints,
    check_float_dtype,
    check_int,
    check_learning_rate,
)
from .engine import OUTPUTS, RECORD_EVERY, Engine
from .parameters import check_init, init_or_old_name
from .results import LAYERS_KEY, best_per, select, table

__all__ = [
    "DEFAULT_ACTIVATIONS",
    "DEFAULT_HIDDEN_SIZES",
    "ROW_KEYS",
    "LAYERS_KEY",
    "OSCILLATION_TOL",
    "compare",
    "table",
    "select",
    "best_per",
    "dead_units",
]

#: The six activations of the course's forum question, in course order (``compare``'s default).
DEFAULT_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "softplus", "elu")
#: The course's widths.
DEFAULT_HIDDEN_SIZES = (1, 2, 3, 4, 5, 20, 50)
#: The fields of a classification row (a regression row has ``train_error`` instead of ``train_accuracy``).
ROW_KEYS = (
    "activation",
    "n_hidden",
    "seed",
    "learning_rate",
    "init",
    "train_accuracy",
    "final_cost",
    "best_cost",
    "oscillating",
    "diverged",
    "diverged_at",
    "dead_units",
    "costs",
)
OSCILLATION_TOL = 0.01
"""A model is ``oscillating`` when, in the second half of training, its cost rose more than this
fraction above the lowest cost seen before (plain gradient descent with a small enough step only
ever goes down)."""

_MODEL_OVERHEAD = 7.0  # a model's per-iteration products, in units of one tanh hidden unit's elementwise work
_PARALLEL_MIN_WORK = 2e7  # units * examples * iterations below which one process is faster
_PROGRESS_MIN_WORK = 1e8  # ... below which no progress bar is shown (well under ~2 s)


def compare(
    X,
    Y,
    activations=DEFAULT_ACTIVATIONS,
    hidden_sizes=DEFAULT_HIDDEN_SIZES,
    seeds=(2,),
    learning_rate=1.2,
    num_iterations=10000,
    init=0.01,
    progress=True,
    X_test=None,
    Y_test=None,
    test_size=None,
    split_seed=0,
    n_jobs=None,
    keep_params=False,
    output="sigmoid",
    dtype="float64",
    *,
    init_scale=None,
):
    """Train every combination activation x learning rate x init scale x hidden sizes x seed; return rows.

    ``X (n_features, m)``, ``Y (1, m)``. ``activations``: names or ``Activation`` objects (distinct names; a
    learner's own Activation works too, in this process if it cannot be pickled). ``hidden_sizes``: one entry
    per network architecture, an int (one hidden layer of that many units) or a tuple of ints (several hidden
    layers, from the input on): ``hidden_sizes=(4, (4, 4), (8, 8, 8))`` trains three architectures, one hidden
    layer of 4, two of 4 and three of 8 (``4`` and ``(4,)`` are the same network). Note that here ``(8, 8, 8)``
    would mean the same one-layer network three times (refused, with a hint), while the estimator's
    ``hidden_layer_sizes=(8, 8, 8)`` is one network of three hidden layers (as in scikit-learn's
    ``MLPClassifier``); write ``hidden_sizes=((8, 8, 8),)`` for that one network here. ``seeds``: ints (a
    single int is allowed). ``learning_rate`` and ``init``: one value, a sequence of values to sweep, or a
    dict giving one value (or a sequence) per activation name; ``init`` values are numbers >= 0 or a rule
    name of ``parameters.INIT_RULES`` ("zeros", "lecun", "xavier", "he"), one meaning across the package
    (``init_scale``, its old name, is still accepted).

    ``output``: "sigmoid" (classification, 0/1 labels) or "identity" (regression, real ``Y``; see
    ``network.train``). ``dtype``: "float64" (default) or "float32" (about twice as fast for wide networks;
    results then differ from float64 in round-off). Held-out data: ``X_test``/``Y_test``, or ``test_size`` (a
    fraction; the split comes from ``datasets.train_test_split_columns(X, Y, test_size, seed=split_seed)``,
    stratified; classification only). ``n_jobs``: worker processes (default: 2 if two CPUs are available; 1
    trains in this process; small jobs always run in this process). ``progress``: a progress bar in a notebook
    (a text line on a terminal) for jobs that take more than a moment; ``False`` for none.

    Returns a list of dicts, in the order activation, learning rate, init scale, hidden sizes, seed:
    ``activation`` (name), ``n_hidden`` (the total number of hidden units: 12 for ``(4, 8)``), ``seed``,
    ``learning_rate``, ``init``, ``train_accuracy`` (percent; ``train_error``, the root-mean-square error, for
    regression), ``final_cost`` (after the last update), ``best_cost`` (lowest cost seen), ``oscillating`` (see
    :data:`OSCILLATION_TOL`), ``diverged`` and ``diverged_at`` (the divergence rule of
    :mod:`course_utils.engine`, the same as ``network.train``'s: the model then keeps its last parameters that
    were still finite, which the scores use), ``dead_units`` (hidden units whose g'(Z) is 0 on every training
    example, in every hidden layer: dead ReLUs), ``costs`` (array, iterations 0, 100, ...), ``test_accuracy`` /
    ``test_error`` (with held-out data) and ``params`` (with ``keep_params=True``: a ``network.Parameters`` that
    remembers its activation, so ``network.predict(row["params"], X)``, or ``deep.predict`` for several hidden
    layers, needs nothing else). When an entry of ``hidden_sizes`` is a tuple, every row also has
    ``hidden_layers`` (:data:`LAYERS_KEY`), the tuple of its hidden layers' sizes (``(4,)`` for 4): group or
    tabulate by it, since different architectures can share ``n_hidden``.
    """
    output = check_choice("output", output, OUTPUTS)
    labels = output == "sigmoid"
    X, Y = check_XY(X, Y, labels=labels)
    acts = _check_activations(activations)
    layer_sets, with_layers = _check_hidden_sizes(hidden_sizes)
    seeds = check_distinct_ints("seeds", seeds, low=0, high=MAX_SEED)
    lrs = _per_activation("learning_rate", learning_rate, acts, check_learning_rate)
    inits = _per_activation("init", init_or_old_name(init, init_scale, 0.01), acts, check_init)
    num_iterations = check_int("num_iterations", num_iterations, low=1)
    progress, keep_params = check_bool("progress", progress), check_bool("keep_params", keep_params)
    dtype = check_float_dtype("dtype", dtype)
    n_jobs = check_int("n_jobs", _workers.default_jobs() if n_jobs is None else n_jobs, low=1)
    X, Y, X_test, Y_test = _held_out(X, Y, X_test, Y_test, test_size, split_seed, labels)
    n_x, m = X.shape

    specs = [  # (activation, hidden layers, seed, lr, init) in row order
        (act, layers, seed, lr, init)
        for act in acts
        for lr in lrs[act.name]
        for init in inits[act.name]
        for layers in layer_sets
        for seed in seeds
    ]
    models = [(act, lr, _initial(n_x, layers, init, seed, act, output)) for act, layers, seed, lr, init in specs]
    work = sum(sum(layers) + len(layers) for _, layers, _, _, _ in specs) * m * num_iterations
    if work < _PARALLEL_MIN_WORK or not all(_workers.picklable(a) for a in acts):
        n_jobs = 1
    groups = _partition(specs, min(n_jobs, len(specs)))
    engines = _train_groups(
        groups, models, X, Y, output, dtype, num_iterations, n_jobs, progress and work >= _PROGRESS_MIN_WORK
    )

    rows = [None] * len(specs)
    for group, engine in zip(groups, engines):
        for k, row in enumerate(_rows_of(engine, [specs[i] for i in group], X, Y, X_test, Y_test, keep_params)):
            if with_layers:
                row = {**dict(list(row.items())[:2]), LAYERS_KEY: specs[group[k]][1], **dict(list(row.items())[2:])}
            rows[group[k]] = row
    return rows


def _initial(n_x, layers, init, seed, act, output):
    """A model's initial parameters: ``network.initialize_parameters`` for one hidden layer (as ever: the
    same draws, and ``"lecun"`` multiplies by sqrt(1 / n) where the course's deep notebook divides by
    sqrt(n)), ``deep.initialize_parameters_deep`` for more."""
    if len(layers) == 1:
        return network.initialize_parameters(n_x, layers[0], 1, init, seed, activation=act, output=output)
    return deep.initialize_parameters_deep([n_x, *layers, 1], init, seed, act, output)


def _held_out(X, Y, X_test, Y_test, test_size, split_seed, labels):
    """``(X, Y, X_test, Y_test)``: the training data and the checked held-out data (``None`` without any)."""
    if test_size is not None:
        if X_test is not None or Y_test is not None:
            raise ValueError("give either test_size or X_test and Y_test, not both")
        if not labels:
            raise ValueError("test_size splits classification data (stratified); for regression pass X_test, Y_test")
        from .datasets import train_test_split_columns

        X, X_test, Y, Y_test = train_test_split_columns(X, Y, test_size=test_size, seed=split_seed)
        return X, Y, X_test, Y_test
    if (X_test is None) != (Y_test is None):
        raise ValueError("X_test and Y_test must be given together (or neither)")
    if X_test is not None:
        X_test, Y_test = check_XY(X_test, Y_test, x_name="X_test", y_name="Y_test", labels=labels)
        if X_test.shape[0] != X.shape[0]:
            raise ValueError(f"X_test must have {X.shape[0]} features (rows) like X, got shape {X_test.shape}")
    return X, Y, X_test, Y_test


def _rows_of(engine, specs, X, Y, X_test, Y_test, keep_params):
    """The rows of a trained group of models (``specs`` in the engine's model order); see :func:`compare`."""
    labels = engine.output == "sigmoid"
    score, test_score = ("train_accuracy", "test_accuracy") if labels else ("train_error", "test_error")
    train_scores, cost, dead = engine.evaluate(X, Y)
    test_scores = engine.evaluate(X_test, Y_test)[0] if X_test is not None else None
    rows = []
    for k, (act, layers, seed, lr, init) in enumerate(specs):
        costs = engine.costs[k]
        diverged = bool(engine.diverged_at[k] >= 0)
        final = float(cost[k]) if not diverged else float("nan")
        seen = np.append(costs, final)
        row = {
            "activation": act.name,
            "n_hidden": sum(layers),
            "seed": seed,
            "learning_rate": lr,
            "init": init,
            score: float(train_scores[k]),
            "final_cost": final,
            "best_cost": float(np.nanmin(seen)) if np.isfinite(seen).any() else float("nan"),
            "oscillating": (not diverged) and _oscillating(seen),
            "diverged": diverged,
            "diverged_at": int(engine.diverged_at[k]) if diverged else None,
            "dead_units": int(dead[k]),
            "costs": costs.copy(),
        }
        if test_scores is not None:
            row[test_score] = float(test_scores[k])
        if keep_params:
            row["params"] = engine.trained(k)
        rows.append(row)
    return rows


def dead_units(params, X, activation=None):
    """Number of hidden units, over every hidden layer, whose g'(Z) is 0 for every column of ``X (n_x, m)``
    (dead ReLUs): a row's ``dead_units`` for its ``params``, at any depth.

    ``activation=None`` uses the one ``params`` were trained with (see ``network.predict``).
    """
    if isinstance(params, dict) and "W3" in params:  # two hidden layers or more
        return int(sum(int(layer.sum()) for layer in model.dead_by_layer(X, params, activation)))
    _, cache = network.forward_propagation(X, params, activation)  # (its checks and messages, as ever)
    act = network.trained_activation(params, activation)
    return int(model.dead(act.derivative(cache["Z1"])).sum())  # the one dead-unit rule


# --- training the groups ---------------------------------------------------------------------------


def _partition(specs, n_groups):
    """Split model indices into ``n_groups`` with balanced work.

    A one-hidden-layer model's time per iteration is about width x its kernel's relative cost
    (elementwise work) plus a fixed part for its matrix products (measured: about 7 tanh units' worth;
    ``benchmarks/``). Deeper models of one architecture are trained as one stack by the engine, so
    they stay together: a fixed part per layer for the stack's calls, plus each model's units.
    """
    blocks = {}  # one block per deeper architecture (the engine's stack); one per one-hidden-layer model
    for index, (_, layers, _, _, _) in enumerate(specs):
        blocks.setdefault(layers if len(layers) > 1 else index, []).append(index)
    costs = {}
    for key, indices in blocks.items():
        layers = specs[indices[0]][1]
        units = sum(sum(layers) * (specs[i][0].relative_cost + 1.0) for i in indices)
        costs[key] = units + _MODEL_OVERHEAD * (1 if len(layers) == 1 else 2 * len(layers) + len(indices))
    groups = [[] for _ in range(n_groups)]
    loads = [0.0] * n_groups
    for key in sorted(blocks, key=lambda key: -costs[key]):
        g = loads.index(min(loads))
        groups[g].extend(blocks[key])
        loads[g] += costs[key]
    # keep each group in row order, so one activation's models are next to each other (one kernel call)
    return [sorted(group) for group in groups if group]


def _train_groups(groups, models, X, Y, output, dtype, num_iterations, n_jobs, show_progress):
    """Train each group (in worker processes when n_jobs > 1); return the trained engines."""
    group_models = [[models[i] for i in group] for group in groups]
    states = [None] * len(groups)
    rounds = min(20, math.ceil(num_iterations / RECORD_EVERY)) if show_progress else 1
    bounds = [round(num_iterations * r / rounds) for r in range(rounds + 1)]
    bar = Progress(show_progress, num_iterations, "compare")
    pool = None
    if n_jobs > 1 and len(groups) > 1:
        try:
            pool = _workers.get_pool(n_jobs)
        except (OSError, ValueError, ImportError):
            pool = None
    try:
        for start, stop in zip(bounds[:-1], bounds[1:]):
            final = stop == num_iterations
            futures = [None] * len(groups)
            if pool is not None:
                try:
                    futures = [
                        _workers.submit(pool, gm, X, Y, output, dtype, st, stop - start, final)
                        for gm, st in zip(group_models, states)
                    ]
                except Exception:
                    _workers.shutdown()
                    pool, futures = None, [None] * len(groups)
            for g, future in enumerate(futures):
                new_state = None
                if future is not None:
                    try:
                        new_state = future.result()
                    except Exception:
                        _workers.shutdown()
                        pool = None
                if new_state is None:
                    new_state = _workers.train_chunk(
                        group_models[g], X, Y, output, dtype, states[g], stop - start, final
                    )
                states[g] = new_state
            bar.update(stop)
    finally:
        bar.close()
    return [Engine(gm, X, Y, output=output, dtype=dtype, state=st) for gm, st in zip(group_models, states)]


def _oscillating(seen, tol=OSCILLATION_TOL):
    """True if a cost in the second half of ``seen`` is above the lowest earlier cost by > tol (rel.)."""
    seen = np.asarray(seen, dtype=np.float64)
    if seen.size < 2:
        return False
    running_min = np.minimum.accumulate(seen)
    half = seen.size // 2
    rise = seen[max(half, 1) :] - running_min[max(half, 1) - 1 : -1]
    return bool(np.any(rise > tol * np.abs(running_min[max(half, 1) - 1 : -1])))


# --- argument handling ---------------------------------------------------------------------------


# Checked here, not in _validation: compare's own argument (an int or a tuple per architecture).
def _check_hidden_sizes(hidden_sizes):
    """``(tuple of distinct layer tuples, whether any entry was a tuple)`` from ``hidden_sizes``."""
    entries = as_tuple("hidden_sizes", hidden_sizes, "sizes")
    layer_sets, with_layers = [], False
    for i, entry in enumerate(entries):
        with_layers = with_layers or not isinstance(entry, numbers.Integral)
        layers = check_hidden_layers(f"hidden_sizes[{i}]", entry)  # the estimator's rule for one network
        if layers in layer_sets:
            hint = (
                f"; for one network with several hidden layers, put them in a tuple: hidden_sizes=({_show(entries)},)"
                if not with_layers
                else ""
            )
            raise ValueError(
                f"hidden_sizes must not repeat a network, got {layers} twice (4 and (4,) are the same network){hint}"
            )
        layer_sets.append(layers)
    return tuple(layer_sets), with_layers


# Checked here, not in _validation: compare's own rule (distinct names; every function checked before a worker
# starts).
def _check_activations(activations):
    acts = tuple(
        _activations.as_activation(a, "activations")
        for a in as_tuple("activations", activations, "activations", singles=(str, _activations.Activation))
    )
    names = [a.name for a in acts]
    for name in names:
        if names.count(name) > 1:
            raise ValueError(
                f"activations must have distinct names, got {name!r} twice (give a modified Activation its own name)"
            )
    return tuple(act.check_outputs() for act in acts)  # here, before any worker starts: errors name the activation


def _per_activation(name, value, acts, check):
    """{activation name: tuple of checked values}; ``value`` is one value, a sequence or a dict."""
    names = [a.name for a in acts]
    if isinstance(value, dict):
        unknown = [key for key in value if key not in names]
        if unknown:
            raise ValueError(
                f"{name} has a key {unknown[0]!r} that is not one of the activations "
                f"compared ({', '.join(map(repr, names))})"
            )
        missing = [n for n in names if n not in value]
        if missing:
            raise ValueError(
                f"{name} (a dict) has no entry for activation {missing[0]!r}; give one "
                f"value per activation: {', '.join(map(repr, names))}"
            )
        spec = {n: value[n] for n in names}
    else:
        spec = {n: value for n in names}
    out = {}
    for n, v in spec.items():
        values = tuple(check(name, x) for x in as_tuple(name, v, "values"))
        if len(set(values)) != len(values):
            raise ValueError(f"{name} for {n!r} repeats a value: {_show(values)}")
        out[n] = values
    return out
