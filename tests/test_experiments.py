"""Tests of experiments.compare (many networks trained together) against network.train."""

import io
import sys

import numpy as np
import pytest

from course_utils import activations, datasets, experiments, network


def one_by_one(X, Y, n_hidden, activation, learning_rate, iterations, init=0.01, seed=2):
    """(accuracy %, diverged, costs) of network.train; costs None when it diverged."""
    try:
        params, costs = network.train(
            X,
            Y,
            n_hidden=n_hidden,
            activation=activation,
            learning_rate=learning_rate,
            num_iterations=iterations,
            init=init,
            seed=seed,
        )
    except network.TrainingDiverged:
        return None, True, None
    return network.accuracy(network.predict(params, X, activation), Y), False, costs


# --- agreement with network.train where training is stable -----------------------------------

STABLE = [
    # (activations, widths, seeds, learning rate, init scale, iterations)
    (experiments.DEFAULT_ACTIVATIONS, (1, 3, 8), (2,), 0.1, 0.01, 1000),
    (("tanh",), (1, 2, 3, 4), (2, 5), 1.2, 0.01, 1500),
    (("sigmoid", "softplus"), (2, 5), (2,), 0.1, "xavier", 1000),
    (("relu", "elu", "leaky_relu"), (4, 10), (3,), 0.05, "he", 1000),
]


@pytest.mark.parametrize("acts, widths, seeds, lr, init, iterations", STABLE)
def test_compare_matches_network_train_on_stable_settings(flower, acts, widths, seeds, lr, init, iterations):
    X, Y = flower
    rows = experiments.compare(
        X, Y, acts, widths, seeds, learning_rate=lr, init=init, num_iterations=iterations, progress=False
    )
    assert len(rows) == len(acts) * len(widths) * len(seeds)
    for row in rows:
        accuracy, diverged, costs = one_by_one(
            X, Y, row["n_hidden"], row["activation"], lr, iterations, init, row["seed"]
        )
        assert row["diverged"] is diverged is False
        assert row["train_accuracy"] == accuracy, row
        # same cost curve up to float64 round-off: same maths, same initial draws
        np.testing.assert_allclose(row["costs"], costs, rtol=1e-9, atol=1e-12)


def test_divergence_flags_match_network_train(flower):
    X, Y = flower
    cases = [("relu", 1000.0, "he"), ("elu", 1000.0, 1.0), ("tanh", 1000.0, 1.0), ("relu", 10.0, 1.0)]
    for act, lr, init in cases:
        _, diverged, _ = one_by_one(X, Y, 3, act, lr, 300, init)
        (row,) = experiments.compare(X, Y, act, 3, learning_rate=lr, init=init, num_iterations=300, progress=False)
        assert row["diverged"] is diverged, (act, lr, init)
        if diverged:
            assert 0 <= row["diverged_at"] <= 300 and np.isnan(row["final_cost"])
            assert not row["oscillating"]
        else:
            assert row["diverged_at"] is None and np.isfinite(row["final_cost"])


def test_a_diverged_model_does_not_disturb_the_others(flower):
    X, Y = flower
    rows = experiments.compare(
        X,
        Y,
        ("relu", "tanh"),
        (3,),
        learning_rate={"relu": 1000.0, "tanh": 0.1},
        init="he",
        num_iterations=300,
        progress=False,
    )
    alone = experiments.compare(X, Y, "tanh", (3,), learning_rate=0.1, init="he", num_iterations=300, progress=False)
    assert [r["diverged"] for r in rows] == [True, False]
    np.testing.assert_array_equal(rows[1]["costs"], alone[0]["costs"])
    assert np.isnan(rows[0]["costs"][-1]) and np.isfinite(rows[0]["costs"][0])


def test_custom_activation_with_wrong_derivative_uses_it(flower):
    X, Y = flower
    buggy = activations.Activation(
        "sigmoid_buggy", activations.sigmoid, lambda z: activations.sigmoid_derivative(activations.sigmoid(z))
    )
    (row,) = experiments.compare(X, Y, [buggy], (4,), learning_rate=1.2, num_iterations=1000, progress=False)
    accuracy, _, costs = one_by_one(X, Y, 4, buggy, 1.2, 1000)
    assert row["activation"] == "sigmoid_buggy" and row["train_accuracy"] == accuracy
    np.testing.assert_allclose(row["costs"], costs, rtol=1e-9)


def test_results_do_not_depend_on_grouping(flower):
    # (processes: tests/test_engine.py compares n_jobs=2 with n_jobs=1 and network.train)
    X, Y = flower
    kwargs = dict(learning_rate=1.2, num_iterations=400, progress=False, n_jobs=1)
    together = experiments.compare(X, Y, ("relu", "tanh", "elu"), (1, 5, 20), seeds=(2, 3), **kwargs)
    for act, n_h, seed in [("relu", 20, 2), ("elu", 1, 3), ("tanh", 5, 3)]:
        (alone,) = experiments.compare(X, Y, act, (n_h,), seeds=(seed,), **kwargs)
        (grouped,) = experiments.select(together, activation=act, n_hidden=n_h, seed=seed)
        np.testing.assert_array_equal(grouped.pop("costs"), alone.pop("costs"))
        assert grouped == alone


# --- rows ------------------------------------------------------------------------------------


def test_row_format_and_order(flower):
    X, Y = flower
    rows = experiments.compare(
        X,
        Y,
        ("tanh", "relu"),
        (2, 3),
        seeds=(1, 2),
        learning_rate={"tanh": (0.5, 1.0), "relu": 0.3},
        init=(0.01, "he"),
        num_iterations=250,
        progress=False,
    )
    assert len(rows) == 2 * 2 * 2 * 2 + 1 * 2 * 2 * 2
    order = [(r["activation"], r["learning_rate"], r["init"], r["n_hidden"], r["seed"]) for r in rows]
    assert order[:4] == [
        ("tanh", 0.5, 0.01, 2, 1),
        ("tanh", 0.5, 0.01, 2, 2),
        ("tanh", 0.5, 0.01, 3, 1),
        ("tanh", 0.5, 0.01, 3, 2),
    ]
    assert order[4] == ("tanh", 0.5, "he", 2, 1) and order[-1] == ("relu", 0.3, "he", 3, 2)
    for row in rows:
        assert tuple(row) == experiments.ROW_KEYS
        assert isinstance(row["activation"], str) and isinstance(row["n_hidden"], int)
        assert isinstance(row["train_accuracy"], float) and 0 <= row["train_accuracy"] <= 100
        assert row["train_accuracy"] * 4 == pytest.approx(round(row["train_accuracy"] * 4))  # k/400
        assert isinstance(row["oscillating"], bool) and row["diverged"] is False
        assert row["costs"].shape == (3,)  # iterations 0, 100, 200
        assert row["best_cost"] == min(row["costs"].min(), row["final_cost"])
        assert isinstance(row["dead_units"], int) and 0 <= row["dead_units"] <= row["n_hidden"]


def test_keep_params_gives_network_parameters(flower):
    X, Y = flower
    rows = experiments.compare(
        X, Y, ("tanh", "relu"), (3, 6), learning_rate=0.5, num_iterations=500, keep_params=True, progress=False
    )
    for row in rows:
        params = row["params"]
        assert isinstance(params, network.Parameters) and params.output == "sigmoid"
        assert params.activation == activations.get(row["activation"])
        assert params["W1"].shape == (row["n_hidden"], 2) and params["b2"].shape == (1, 1)
        assert list(params) == ["W1", "b1", "W2", "b2"]
        predicted = network.predict(params, X)  # the stored activation
        np.testing.assert_array_equal(predicted, network.predict(params, X, row["activation"]))
        assert network.accuracy(predicted, Y) == row["train_accuracy"]
        assert experiments.dead_units(params, X) == row["dead_units"]
        assert experiments.dead_units(params, X, row["activation"]) == row["dead_units"]


def test_init_rules_and_regression_rows(flower):
    X, Y = flower
    (row,) = experiments.compare(X, Y, "tanh", 4, init="lecun", num_iterations=300, progress=False)
    _, costs = network.train(X, Y, 4, "tanh", init="lecun", num_iterations=300)
    assert row["init"] == "lecun"
    np.testing.assert_array_equal(row["costs"], costs)
    target = np.sin(X[:1]) * X[1:]
    rows = experiments.compare(
        X,
        target,
        ("tanh", "relu"),
        (5,),
        learning_rate=0.05,
        num_iterations=300,
        output="identity",
        X_test=X[:, :50],
        Y_test=target[:, :50],
        progress=False,
    )
    for row in rows:
        keys = list(experiments.ROW_KEYS)
        keys[keys.index("train_accuracy")] = "train_error"
        assert list(row) == keys + ["test_error"]
        assert row["train_error"] > 0 and row["test_error"] > 0
        assert row["final_cost"] == pytest.approx(row["train_error"] ** 2 / 2, rel=1e-12)
    with pytest.raises(ValueError, match="test_size splits classification data.*pass X_test, Y_test"):
        experiments.compare(X, target, "tanh", 2, num_iterations=5, output="identity", test_size=0.2, progress=False)


def test_dead_units_counts_relus_that_never_fire():
    X = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 0.0]])
    params = {
        "W1": np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0]]),
        "b1": np.zeros((3, 1)),
        "W2": np.ones((1, 3)),
        "b2": np.zeros((1, 1)),
    }
    assert experiments.dead_units(params, X, "relu") == 1  # the unit -x1 is <= 0 everywhere
    assert experiments.dead_units(params, X, "tanh") == 0


def test_test_split_reports_test_accuracy(flower):
    X, Y = flower
    rows = experiments.compare(
        X,
        Y,
        "tanh",
        (4,),
        learning_rate=0.5,
        num_iterations=1000,
        test_size=0.25,
        split_seed=3,
        keep_params=True,
        progress=False,
    )
    X_tr, X_te, Y_tr, Y_te = datasets.train_test_split_columns(X, Y, 0.25, seed=3)
    (row,) = rows
    params, _ = network.train(X_tr, Y_tr, 4, "tanh", learning_rate=0.5, num_iterations=1000)
    assert row["train_accuracy"] == network.accuracy(network.predict(params, X_tr, "tanh"), Y_tr)
    assert row["test_accuracy"] == network.accuracy(network.predict(params, X_te, "tanh"), Y_te)
    explicit = experiments.compare(
        X_tr, Y_tr, "tanh", (4,), learning_rate=0.5, num_iterations=1000, X_test=X_te, Y_test=Y_te, progress=False
    )
    assert explicit[0]["test_accuracy"] == row["test_accuracy"]


def rose_late(seen, tol=experiments.OSCILLATION_TOL):
    """The documented rule: in the second half, a cost above the lowest one before it by more than tol."""
    return any(seen[i] - min(seen[:i]) > tol * abs(min(seen[:i])) for i in range(max(len(seen) // 2, 1), len(seen)))


def test_oscillation_flag_follows_the_documented_rule(flower):
    assert rose_late([0.7, 0.5, 0.4, 0.35, 0.5, 0.34]) and not rose_late([0.7, 0.9, 0.4, 0.35, 0.34, 0.33])
    X, Y = flower
    rows = experiments.compare(
        X, Y, ("tanh", "relu"), (3, 10), learning_rate=(1.2, 4.0), num_iterations=1000, progress=False
    )
    flags = [row["oscillating"] for row in rows]
    assert any(flags) and not all(flags)
    for row in rows:
        assert row["oscillating"] is rose_late(list(row["costs"]) + [row["final_cost"]]), row


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(activations=("tanh", "swish")), ValueError, "unknown activation 'swish'"),
        (dict(activations=()), ValueError, "activations must contain at least one"),
        (dict(activations=("tanh", "tanh")), ValueError, "distinct names"),
        (dict(activations=(3,)), TypeError, "activations must be an activation name"),
        (dict(hidden_sizes=()), ValueError, "hidden_sizes must contain at least one"),
        (dict(hidden_sizes=(0, 4)), ValueError, "hidden_sizes entry must be >= 1, got 0"),
        (dict(hidden_sizes=(2.5,)), TypeError, "hidden_sizes entry must be an int"),
        (dict(hidden_sizes=(4, 4)), ValueError, r"hidden_sizes must not repeat.*hidden_sizes=\(\(4, 4\),\)"),
        (dict(hidden_sizes=(4, (4,))), ValueError, r"must not repeat a network, got \(4,\) twice"),
        (dict(hidden_sizes=((),)), ValueError, r"hidden_sizes\[0\] is an empty tuple"),
        (dict(hidden_sizes=((4, 0),)), ValueError, r"hidden_sizes\[0\] layer size must be >= 1, got 0"),
        (dict(hidden_sizes=((4, -2),)), ValueError, r"hidden_sizes\[0\] layer size must be >= 1"),
        (dict(hidden_sizes=((4, 2.5),)), TypeError, r"hidden_sizes\[0\] layer size must be an int"),
        (dict(hidden_sizes=((4, (4, 4)),)), TypeError, r"hidden_sizes\[0\] = \(4, \(4, 4\)\) nests a tuple"),
        (dict(hidden_sizes=2.5), TypeError, "hidden_sizes entry must be an int"),
        (dict(seeds=()), ValueError, "seeds must contain at least one"),
        (dict(seeds=(-1,)), ValueError, "seeds entry must be >= 0"),
        (dict(seeds=("a",)), TypeError, "seeds entry must be an int"),
        (dict(seeds=(2**32,)), ValueError, "seeds entry must be <="),
        (dict(learning_rate=0.0), ValueError, "learning_rate must be > 0"),
        (dict(learning_rate=()), ValueError, "learning_rate must contain at least one"),
        (dict(learning_rate={"tanh": 0.1}), ValueError, "no entry for activation 'relu'"),
        (dict(learning_rate={"tanh": 0.1, "relu": 0.1, "elu": 0.1}), ValueError, "key 'elu'"),
        (dict(init="glorot"), ValueError, "unknown init 'glorot'"),
        (dict(init=-0.1), ValueError, "init must be >= 0"),
        (dict(num_iterations=0), ValueError, "num_iterations must be >= 1"),
        (dict(n_jobs=0), ValueError, "n_jobs must be >= 1"),
        (dict(progress="yes"), TypeError, "progress must be True or False"),
        (dict(test_size=1.5), ValueError, "test_size"),
        (dict(init={"tanh": "he", "relu": "glorot"}), ValueError, "unknown init 'glorot'.*'lecun'"),
        (dict(output="softmax"), ValueError, "unknown output 'softmax'"),
        (dict(dtype="float16"), ValueError, "unknown dtype 'float16'; available: 'float64', 'float32'"),
        (dict(dtype="fast"), TypeError, "dtype must be 'float64' or 'float32'"),
        (dict(keep_params=1), TypeError, "keep_params must be True or False"),
    ],
)
def test_bad_arguments_are_named(flower, kwargs, error, match):
    X, Y = flower
    base = dict(activations=("tanh", "relu"), hidden_sizes=(2,), num_iterations=10, progress=False)
    base.update(kwargs)
    with pytest.raises(error, match=match):
        experiments.compare(X, Y, **base)


def test_bad_data_is_named(flower):
    X, Y = flower
    with pytest.raises(ValueError, match="Y must have shape"):
        experiments.compare(X, Y[:, :10], num_iterations=10, progress=False)
    with pytest.raises(ValueError, match="X_test and Y_test must be given together"):
        experiments.compare(X, Y, num_iterations=10, X_test=X, progress=False)
    with pytest.raises(ValueError, match="either test_size or X_test"):
        experiments.compare(X, Y, num_iterations=10, X_test=X, Y_test=Y, test_size=0.2, progress=False)
    with pytest.raises(ValueError, match="X_test must have 2 features"):
        experiments.compare(X, Y, num_iterations=10, X_test=X[:1], Y_test=Y, progress=False)


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_text_line_on_a_terminal_for_long_jobs_only(flower, monkeypatch):
    X, Y = flower
    monkeypatch.setattr("sys.stderr", FakeTerminal())
    experiments.compare(X, Y, "tanh", (2,), num_iterations=200, n_jobs=1)  # well under a second: no bar
    assert sys.stderr.getvalue() == ""
    # 50 units x 400 examples x 5000 iterations: long enough for a bar, trained in 20 chunks
    (row,) = experiments.compare(X, Y, "tanh", (49,), num_iterations=5000, n_jobs=1)
    text = sys.stderr.getvalue()
    assert text.startswith("\rcompare: [") and "2500/5000 iterations" in text
    assert text.endswith("] 5000/5000 iterations\n")
    _, costs = network.train(X, Y, 49, "tanh", num_iterations=5000)  # one chunk
    np.testing.assert_array_equal(row["costs"], costs)


def test_progress_is_silent_when_not_a_terminal(flower, capsys):
    X, Y = flower
    experiments.compare(X, Y, "tanh", (24, 25), num_iterations=5000)  # long enough for a bar on a terminal
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


_ORPHAN_CHILD = """
import multiprocessing, os
from course_utils import datasets, experiments
X, Y = datasets.load_planar_dataset()
# 87 hidden units x 400 examples x 600 iterations: big enough for worker processes
experiments.compare(X, Y, ("relu", "tanh", "elu"), (1, 5, 20), num_iterations=600, n_jobs=2, progress=False)
print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
os.kill(os.getpid(), 9)                      # die without any clean-up, like a killed kernel
"""


def test_workers_exit_when_the_parent_is_killed():
    import os
    import subprocess
    import time

    if not sys.platform.startswith("linux"):
        pytest.skip("parent-death signal is Linux only")
    child = subprocess.run([sys.executable, "-c", _ORPHAN_CHILD], capture_output=True, text=True)
    pids = [int(p) for p in child.stdout.split()]
    assert len(pids) == 2, child.stderr

    def alive(pid):
        try:
            with open(f"/proc/{pid}/stat") as stat:
                return stat.read().split(")")[-1].split()[0] not in ("Z", "X")
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 20
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(p) for p in pids), "worker processes outlived their parent"
    for pid in pids:  # reap nothing: they were not our children
        assert not os.path.exists(f"/proc/{pid}") or not alive(pid)


# --- depth: tuples in hidden_sizes ------------------------------------------------------------------


def test_tuples_train_deep_networks_as_deep_train_does(flower):
    from course_utils import deep

    X, Y = flower
    kwargs = dict(learning_rate=0.3, init="he", num_iterations=600, progress=False)
    rows = experiments.compare(X, Y, ("relu", "tanh"), (4, (4, 4), (8, 8, 8)), seeds=(1, 2), keep_params=True, **kwargs)
    assert len(rows) == 12
    assert [(r["activation"], r["hidden_layers"], r["n_hidden"], r["seed"]) for r in rows[:6]] == [
        ("relu", (4,), 4, 1), ("relu", (4,), 4, 2), ("relu", (4, 4), 8, 1), ("relu", (4, 4), 8, 2),
        ("relu", (8, 8, 8), 24, 1), ("relu", (8, 8, 8), 24, 2),
    ]  # fmt: skip
    keys = list(experiments.ROW_KEYS)
    keys.insert(2, experiments.LAYERS_KEY)
    for row in rows:
        assert list(row)[: len(keys)] == keys and 0 <= row["dead_units"] <= row["n_hidden"]
        layers = row["hidden_layers"]
        assert row["params"].layer_sizes == (2, *layers, 1) and row["params"].activation.name == row["activation"]
        if len(layers) > 1:  # bit for bit the network deep.train makes
            params, costs = deep.train(X, Y, [2, *layers, 1], row["activation"], seed=row["seed"], **{
                k: kwargs[k] for k in ("learning_rate", "init", "num_iterations")})  # fmt: skip
            np.testing.assert_array_equal(row["costs"], costs)
            for key in params:
                np.testing.assert_array_equal(row["params"][key], params[key])
            dead = sum(int(d.sum()) for d in __import__("course_utils").model.dead_by_layer(X, params))
            assert row["dead_units"] == dead == experiments.dead_units(params, X)
    # 4 and (4,) are the same network, with the same bits as before tuples existed, and ints give no new field
    plain = experiments.compare(X, Y, ("relu", "tanh"), 4, seeds=(1, 2), **kwargs)
    assert experiments.LAYERS_KEY not in plain[0]
    for row, same in zip(plain, [r for r in rows if r["hidden_layers"] == (4,)]):
        np.testing.assert_array_equal(row["costs"], same["costs"])
        assert row["train_accuracy"] == same["train_accuracy"]
        params, costs = network.train(X, Y, 4, row["activation"], num_iterations=600, learning_rate=0.3, init="he",
                                      seed=row["seed"])  # fmt: skip
        np.testing.assert_array_equal(row["costs"], costs)


def test_deep_rows_are_the_same_in_worker_processes_and_alone(flower):
    X, Y = flower
    kwargs = dict(seeds=(1, 2), learning_rate=0.3, init="he", num_iterations=1500, progress=False)  # worker-sized
    hidden = ((8, 8, 8), 3, (4, 4))
    two = experiments.compare(X, Y, ("tanh", "relu"), hidden, n_jobs=2, **kwargs)
    one = experiments.compare(X, Y, ("tanh", "relu"), hidden, n_jobs=1, **kwargs)
    (alone,) = experiments.compare(X, Y, "relu", ((4, 4),), **{**kwargs, "seeds": 2})
    for a, b in zip(two, one):
        np.testing.assert_array_equal(a.pop("costs"), b.pop("costs"))
        assert a == b
    (same,) = experiments.select(one, activation="relu", hidden_layers=(4, 4), seed=2)
    alone.pop("costs")
    assert alone == same


def test_tables_and_best_rows_keep_architectures_apart(flower):
    X, Y = flower
    rows = experiments.compare(X, Y, ("tanh",), (8, (4, 4)), num_iterations=200, progress=False)
    assert [r["n_hidden"] for r in rows] == [8, 8]
    with pytest.raises(ValueError, match="different networks.*columns='hidden_layers'"):
        experiments.table(rows)
    with pytest.raises(ValueError, match="different networks"):
        experiments.table(rows, agg="mean")
    text = experiments.table(rows, columns="hidden_layers")
    assert "(8,)" in text and "(4, 4)" in text
    best = experiments.best_per(rows, group="hidden_layers", score="train_accuracy")
    assert set(best) == {(8,), (4, 4)}


def test_deep_rows_trained_in_progress_chunks_are_the_rows_of_one_run(flower, monkeypatch):
    X, Y = flower
    kwargs = dict(seeds=(1,), learning_rate=0.3, init="he", num_iterations=700, n_jobs=1)
    (one,) = experiments.compare(X, Y, "elu", ((8, 8, 8),), progress=False, **kwargs)
    monkeypatch.setattr(experiments, "_PROGRESS_MIN_WORK", 0)  # a bar, so 7 chunks of 100 iterations
    monkeypatch.setattr("sys.stderr", FakeTerminal())
    (chunked,) = experiments.compare(X, Y, "elu", ((8, 8, 8),), progress=True, **kwargs)
    assert sys.stderr.getvalue().endswith("] 700/700 iterations\n")
    np.testing.assert_array_equal(chunked.pop("costs"), one.pop("costs"))
    assert chunked == one
