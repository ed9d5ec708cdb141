"""Tests of course_utils.engine, the one training loop: bit-for-bit reproducibility, agreement with the
plain course loop and the step-by-step functions, the divergence rule, regression output, learners'
activations, the Parameters dict and the rows-convention hints."""

import multiprocessing
import pickle
import sys

import numpy as np
import pytest

from benchmarks.baseline_loop import plain_train
from course_utils import activations, engine, experiments, network

PARAM_NAMES = ("W1", "b1", "W2", "b2")
LAMBDA_TANH = activations.Activation("tanh_lambda", lambda z: np.tanh(z), lambda z: 1 - np.tanh(z) ** 2)
BUGGY_SIGMOID = activations.Activation(
    "sigmoid (buggy)", activations.sigmoid, lambda z: activations.sigmoid_derivative(activations.sigmoid(z))
)


def init(n_x, n_h, seed, scale=0.5):
    return dict(network.initialize_parameters(n_x, n_h, 1, scale, seed))


def odd_data(output="sigmoid", n_x=3, m=157, seed=0):
    """Random data whose number of examples is no multiple of any SIMD width."""
    rs = np.random.RandomState(seed)
    X = rs.randn(n_x, m) * 2
    Y = (rs.rand(1, m) > 0.5).astype(np.int64) if output == "sigmoid" else np.sin(X[:1]) + 0.1 * rs.randn(1, m)
    return X, Y


def stack_models(n_x, rate=1.0):
    """Every built-in (widths 1 to 7), parameterised built-ins and a learner's lambda, with their own rates."""
    models = [
        (activations.get(name), rate * (0.1 + 0.05 * i), init(n_x, 1 + i % 7, seed=i))
        for i, name in enumerate(activations.available())
    ]
    models += [
        (activations.get("leaky_relu", slope=0.2), rate * 0.6, init(n_x, 9, seed=20)),
        (activations.get("sigmoid", offset=1.0), rate * 1.0, init(n_x, 6, seed=21)),
        (activations.get("elu", alpha=0.5), rate * 0.5, init(n_x, 1, seed=22)),
        (LAMBDA_TANH, rate * 0.5, init(n_x, 5, seed=23)),
    ]
    return models


def assert_same_params(a, b):
    for key in PARAM_NAMES:
        np.testing.assert_array_equal(a[key], b[key], err_msg=key)


def trained(models, X, Y, n, **kwargs):
    e = engine.Engine(models, X, Y, **kwargs)
    e.run(n)
    return e


# --- bit for bit -----------------------------------------------------------------------------------


@pytest.mark.parametrize("output", engine.OUTPUTS)
@pytest.mark.parametrize("data", ["flower", "odd"])
def test_a_model_alone_equals_the_same_model_in_a_stack_bit_for_bit(flower, data, output):
    X, Y = flower if data == "flower" else odd_data(output)
    if data == "flower" and output == "identity":
        Y = X[:1] * X[1:]  # a real-valued target on the flower inputs
    models = stack_models(X.shape[0], rate=1.0 if output == "sigmoid" else 0.2)  # (none diverges)
    stack = trained(models, X, Y, 250, output=output)
    reverse = trained(models[::-1], X, Y, 250, output=output)
    K = len(models)
    assert stack.costs.shape == (K, 3) and stack.iteration == 250
    for k, model in enumerate(models):
        alone = trained([model], X, Y, 250, output=output)  # K = 1: the fast loop
        assert np.isfinite(alone.costs).all()
        for other, j in ((stack, k), (reverse, K - 1 - k)):
            np.testing.assert_array_equal(alone.costs[0], other.costs[j], err_msg=repr(model[0]))
            assert_same_params(alone.params(0), other.params(j))


def test_chunked_runs_equal_one_run(flower):
    X, Y = flower
    models = stack_models(2)[:4]
    whole = trained(models, X, Y, 300)
    chunked = engine.Engine(models, X, Y)
    chunked.run(30, final=False)
    chunked.run(70, final=False)
    chunked.run(1)
    chunked.run(199)
    np.testing.assert_array_equal(chunked.costs, whole.costs)
    for k in range(len(models)):
        assert_same_params(chunked.params(k), whole.params(k))
    # one model: run(30) + run(70) + run(200) == run(300), also when resumed from state() in a new Engine
    one = engine.Engine(models[:1], X, Y)
    one.run(30)
    resumed = engine.Engine(models[:1], X, Y, state=pickle.loads(pickle.dumps(one.state())))
    resumed.run(70)
    resumed.run(200)
    alone = trained(models[:1], X, Y, 300)
    assert resumed.iteration == 300
    np.testing.assert_array_equal(resumed.costs, alone.costs)
    assert_same_params(resumed.params(0), alone.params(0))


def worker_cpu_ticks():
    """{pid: CPU clock ticks used so far} of this process's multiprocessing children (from /proc)."""
    ticks = {}
    for child in multiprocessing.active_children():
        try:
            with open(f"/proc/{child.pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks[child.pid] = int(fields[11]) + int(fields[12])  # utime + stime
    return ticks


def test_network_train_equals_compare_rows_in_workers_and_in_process(flower):
    X, Y = flower
    # 87 hidden units x 400 examples x 600 iterations: big enough for compare to use worker processes
    kwargs = dict(learning_rate=1.2, num_iterations=600, progress=False, keep_params=True)
    before = worker_cpu_ticks()
    two = experiments.compare(X, Y, ("relu", "tanh", "elu"), (1, 5, 20), n_jobs=2, **kwargs)
    after = worker_cpu_ticks()
    if sys.platform.startswith("linux"):  # (worker_cpu_ticks reads /proc)
        assert any(after[pid] > before.get(pid, 0) for pid in after), "compare(n_jobs=2) did not use its workers"
    one = experiments.compare(X, Y, ("relu", "tanh", "elu"), (1, 5, 20), n_jobs=1, **kwargs)
    for a, b in zip(two, one):
        assert a.keys() == b.keys()
        for key in a:
            if key == "params":
                assert_same_params(a[key], b[key])
            elif key == "costs":
                np.testing.assert_array_equal(a[key], b[key])
            else:
                assert a[key] == b[key] or (a[key] != a[key] and b[key] != b[key]), key  # (NaN == NaN)
        params, costs = network.train(X, Y, a["n_hidden"], a["activation"], learning_rate=1.2, num_iterations=600)
        np.testing.assert_array_equal(costs, a["costs"])
        assert_same_params(params, a["params"])


def test_float32_runs_close_to_float64_but_not_equal(flower):
    X, Y = flower
    model = (activations.get("tanh"), 1.2, init(2, 4, seed=2, scale=0.01))
    e64 = trained([model], X, Y, 1000)
    e32 = trained([model], X, Y, 1000, dtype=np.float32)
    assert e32.costs.dtype == np.float64 and e32.params(0)["W1"].dtype == np.float64
    np.testing.assert_allclose(e32.costs, e64.costs, rtol=1e-5)
    assert not np.array_equal(e32.costs, e64.costs)
    for key in PARAM_NAMES:
        np.testing.assert_allclose(e32.params(0)[key], e64.params(0)[key], rtol=1e-3, atol=1e-5)
    # compare in float32 gives the same bits as the float32 engine alone
    (row,) = experiments.compare(
        X, Y, "tanh", 4, learning_rate=1.2, num_iterations=1000, dtype="float32", keep_params=True, progress=False
    )
    np.testing.assert_array_equal(row["costs"], e32.costs[0])
    assert_same_params(row["params"], e32.params(0))


# --- agreement with the course's loop and step-by-step functions -----------------------------------


def test_engine_agrees_with_the_plain_course_loop(flower):
    X, Y = flower
    settings = [  # (activation, n_hidden, learning rate, init scale, seed): stable settings
        (activations.get("tanh"), 4, 1.2, 0.01, 2),  # the course's run
        (activations.get("sigmoid", offset=0.5), 3, 0.3, 0.5, 3),
        (activations.get("leaky_relu", slope=0.2), 5, 0.3, 0.5, 4),
    ]
    models = [(act, lr, init(2, n_h, seed, scale)) for act, n_h, lr, scale, seed in settings]
    stack = trained(models, X, Y, 2000)
    for k, (act, n_h, lr, scale, seed) in enumerate(settings):
        ref_params, ref_costs = plain_train(
            X, Y, n_h, None if act.name == "tanh" else act, lr, num_iterations=2000, init=scale, seed=seed
        )
        np.testing.assert_allclose(stack.costs[k], ref_costs, rtol=1e-10)
        for key in PARAM_NAMES:
            np.testing.assert_allclose(stack.params(k)[key], ref_params[key], rtol=1e-8, atol=1e-11)


@pytest.mark.parametrize("output", engine.OUTPUTS)
@pytest.mark.parametrize("act", [activations.get("tanh"), activations.get("elu", alpha=0.5), LAMBDA_TANH], ids=repr)
def test_engine_follows_the_step_by_step_functions(act, output):
    X, Y = odd_data(output, m=41, seed=1)
    initial = init(3, 4, seed=5)
    e = trained([(act, 0.3, initial)], X, Y, 201, output=output)
    params = network.Parameters(initial, act, output)
    costs = []
    for i in range(201):
        A2, cache = network.forward_propagation(X, params)
        if i % 100 == 0:
            costs.append(network.compute_cost(A2, Y) if output == "sigmoid" else 0.5 * np.mean((A2 - Y) ** 2))
        grads = network.backward_propagation(params, cache, X, Y)
        params = network.update_parameters(params, grads, learning_rate=0.3)
    assert isinstance(params, network.Parameters) and params.output == output
    np.testing.assert_allclose(e.costs[0], costs, rtol=1e-12)
    for key in PARAM_NAMES:
        np.testing.assert_allclose(e.params(0)[key], params[key], rtol=1e-11, atol=1e-14)


def test_forward_and_evaluate_match_the_network_functions(flower):
    X, Y = flower
    models = [(activations.get("relu"), 1.2, init(2, 6, seed=3)), (activations.get("tanh"), 1.2, init(2, 4, seed=2))]
    e = trained(models, X, Y, 500)
    Z2, G = e.forward(X)
    score, cost, dead = e.evaluate(X, Y)
    assert Z2.shape == (2, 400) and G.shape == (10, 400)
    for k, (act, _, _) in enumerate(models):
        params = network.Parameters(e.params(k), act)
        _, cache = network.forward_propagation(X, params)
        np.testing.assert_allclose(Z2[k], cache["Z2"][0], rtol=1e-12, atol=1e-14)
        assert score[k] == network.accuracy(network.predict(params, X), Y)
        assert cost[k] == pytest.approx(network.compute_cost_from_logits(cache["Z2"], Y), rel=1e-12)
        assert dead[k] == experiments.dead_units(params, X)


# --- the divergence rule ---------------------------------------------------------------------------

DIVERGING = (activations.get("leaky_relu"), 10.0, init(2, 5, seed=2, scale=0.01))  # diverges after a few records


def test_divergence_at_a_record_restores_the_last_checked_parameters(flower):
    X, Y = flower
    others = [(activations.get("tanh"), 0.5, init(2, 3, seed=1)), (activations.get("relu"), 0.3, init(2, 4, seed=7))]
    models = [others[0], DIVERGING, others[1]]
    stack = trained(models, X, Y, 1000)
    at = int(stack.diverged_at[1])
    assert at > 100 and at % engine.RECORD_EVERY == 0, at
    assert stack.last_good[1] == at - engine.RECORD_EVERY
    assert stack.reasons[1].startswith("the cost became") or stack.reasons[1] == "the parameters became inf or NaN"
    records = at // engine.RECORD_EVERY
    assert np.isfinite(stack.costs[1, :records]).all() and np.isnan(stack.costs[1, records:]).all()
    # restored: the parameters of the last check that passed, as a run that stopped there has them
    before = trained([DIVERGING], X, Y, at - engine.RECORD_EVERY)
    assert before.diverged_at[0] == -1
    assert_same_params(stack.params(1), before.params(0))
    np.testing.assert_array_equal(stack.costs[1, :records], trained([DIVERGING], X, Y, at).costs[0])
    # the same model alone (the fast loop) diverges in the same way
    alone = trained([DIVERGING], X, Y, 1000)
    np.testing.assert_array_equal(alone.costs[0], stack.costs[1])
    assert_same_params(alone.params(0), stack.params(1))
    assert alone.diverged_at[0] == at and alone.last_good[0] == at - engine.RECORD_EVERY
    # chunks that are not the end of training (final=False: compare's progress rounds, the playground's
    # frames) give the same divergence, restored parameters included
    chunked = engine.Engine([DIVERGING], X, Y)
    chunked.run(at - 50, final=False)
    chunked.run(1050 - at)
    np.testing.assert_array_equal(chunked.costs[0], alone.costs[0])
    assert_same_params(chunked.params(0), alone.params(0))
    assert chunked.diverged_at[0] == at and chunked.last_good[0] == at - engine.RECORD_EVERY
    # the other models are not disturbed
    for k in (0, 2):
        by_itself = trained([models[k]], X, Y, 1000)
        assert stack.diverged_at[k] == -1
        np.testing.assert_array_equal(stack.costs[k], by_itself.costs[0])
        assert_same_params(stack.params(k), by_itself.params(0))


def test_train_and_compare_report_the_same_divergence(flower):
    X, Y = flower
    act, lr, initial = DIVERGING
    alone = trained([DIVERGING], X, Y, 1000)
    with pytest.raises(network.TrainingDiverged) as info:
        network.train(X, Y, 5, act, learning_rate=lr, num_iterations=1000, init=0.01, seed=2)
    error = info.value
    assert isinstance(error, ArithmeticError)
    assert error.iteration == alone.diverged_at[0]
    expected = engine.divergence_message(
        "leaky_relu", lr, int(alone.diverged_at[0]), int(alone.last_good[0]), alone.reasons[0]
    )
    assert str(error) == expected
    assert f"by iteration {error.iteration} (it was still finite at iteration {error.iteration - 100})" in expected
    assert "activation 'leaky_relu'" in expected and "learning_rate=10" in expected and "try 1" in expected
    np.testing.assert_array_equal(error.costs, alone.costs[0][np.isfinite(alone.costs[0])])
    assert isinstance(error.params, network.Parameters) and error.params.activation.same_function(act)
    assert_same_params(error.params, alone.params(0))
    (row,) = experiments.compare(
        X, Y, act, 5, learning_rate=lr, num_iterations=1000, init=0.01, keep_params=True, progress=False
    )
    assert row["diverged"] is True and row["diverged_at"] == error.iteration
    assert np.isnan(row["final_cost"]) and not row["oscillating"]
    np.testing.assert_array_equal(row["costs"], alone.costs[0])
    assert_same_params(row["params"], error.params)
    assert row["train_accuracy"] == network.accuracy(network.predict(error.params, X), Y)


def test_the_final_check_catches_parameters_that_overflow_between_records(flower):
    X, Y = flower
    initial = init(2, 4, seed=2, scale=0.01)
    with pytest.raises(network.TrainingDiverged, match="the parameters became inf or NaN") as info:
        network.train(X, Y, activation="relu", learning_rate=1e308, num_iterations=2)
    error = info.value
    assert error.iteration == 2 and error.costs.shape == (1,) and np.isfinite(error.costs).all()
    assert_same_params(error.params, initial)  # the check at iteration 0 was the last to pass
    assert str(error) == engine.divergence_message("relu", 1e308, 2, 0, "the parameters became inf or NaN")
    (row,) = experiments.compare(X, Y, "relu", 4, learning_rate=1e308, num_iterations=2, progress=False)
    assert row["diverged"] is True and row["diverged_at"] == 2


def test_divergence_at_the_first_record_has_no_last_parameters(flower):
    X, Y = flower
    with pytest.raises(network.TrainingDiverged) as info:
        network.train(X, Y, activation="relu", init=1e200, num_iterations=300)
    error = info.value
    assert error.iteration == 0 and error.costs.size == 0 and error.params is None
    assert "by iteration 0," in str(error) and "still finite" not in str(error)


# --- regression (identity output) ------------------------------------------------------------------


@pytest.mark.parametrize("name", activations.available())
def test_gradient_check_of_the_identity_output(name):
    X, y = odd_data("identity", m=25, seed=3)
    assert network.gradient_check(X, y, n_hidden=5, activation=name, seed=0, output="identity") < 1e-7


def test_gradient_check_of_the_identity_output_flags_a_wrong_derivative():
    X, y = odd_data("identity", m=25, seed=3)
    assert network.gradient_check(X, y, activation=BUGGY_SIGMOID, output="identity") > 1e-2


def test_regression_fits_a_smooth_target():
    x = np.linspace(-3, 3, 61)[None, :]
    y = np.sin(x)
    params, costs = network.train(
        x, y, 20, "tanh", learning_rate=0.05, num_iterations=2000, init=1.0, output="identity"
    )
    assert params.output == "identity" and params.activation.same_function(activations.get("tanh"))
    assert costs[-1] < costs[0] / 100
    predicted = network.predict(params, x)
    assert predicted.dtype == np.float64 and predicted.shape == (1, 61)
    assert len(np.unique(predicted)) > 50  # real values, not labels
    rms = np.sqrt(np.mean((predicted - y) ** 2))
    assert rms < 0.1
    assert 0.5 * rms**2 < costs[-1]  # the cost after the last update is lower still
    with pytest.raises(ValueError, match="regression network.*use predict"):
        network.predict_proba(params, x)
    # gradient check at the trained parameters: the output comes with them
    assert network.gradient_check(x, y, params=params) < 1e-7
    # compare trains the same model and scores it by its root-mean-square error
    (row,) = experiments.compare(
        x,
        y,
        "tanh",
        20,
        learning_rate=0.05,
        num_iterations=2000,
        init=1.0,
        output="identity",
        X_test=x[:, ::2] + 0.05,
        Y_test=np.sin(x[:, ::2] + 0.05),
        keep_params=True,
        progress=False,
    )
    assert "train_accuracy" not in row and "test_accuracy" not in row
    np.testing.assert_array_equal(row["costs"], costs)
    assert_same_params(row["params"], params)
    assert row["train_error"] == pytest.approx(rms, rel=1e-12)
    assert row["final_cost"] == pytest.approx(0.5 * rms**2, rel=1e-12)
    test_rms = np.sqrt(np.mean((network.predict(params, x[:, ::2] + 0.05) - np.sin(x[:, ::2] + 0.05)) ** 2))
    assert row["test_error"] == pytest.approx(test_rms, rel=1e-12)


def test_the_identity_output_takes_real_targets_and_the_sigmoid_output_labels():
    X, y = odd_data("identity", m=30)
    network.train(X, y, num_iterations=5, output="identity")
    with pytest.raises(ValueError, match="Y must contain only the labels 0 and 1"):
        network.train(X, y, num_iterations=5)
    with pytest.raises(ValueError, match="unknown output 'softmax'"):
        network.train(X, y, num_iterations=5, output="softmax")
    y_nan = y.copy()
    y_nan[0, 3] = np.nan
    with pytest.raises(ValueError, match="Y must contain only finite"):
        network.train(X, y_nan, num_iterations=5, output="identity")


# --- a learner's own activation --------------------------------------------------------------------


def test_a_lambda_activation_trains_like_the_built_in(flower):
    X, Y = flower
    built_in, costs = network.train(X, Y, num_iterations=1500)
    learner, learner_costs = network.train(X, Y, activation=LAMBDA_TANH, num_iterations=1500)
    assert learner.activation is LAMBDA_TANH
    np.testing.assert_allclose(learner_costs, costs, rtol=1e-12)
    for key in PARAM_NAMES:
        np.testing.assert_allclose(learner[key], built_in[key], rtol=1e-9, atol=1e-12)
    assert network.gradient_check(X, Y, activation=LAMBDA_TANH) < 1e-7
    # in compare: a lambda cannot go to a worker process, so the job stays here and still works
    kwargs = dict(hidden_sizes=(4, 30), learning_rate=1.2, num_iterations=1500, progress=False)  # worker-sized
    before = worker_cpu_ticks()
    rows = experiments.compare(X, Y, [LAMBDA_TANH, "tanh"], n_jobs=2, **kwargs)
    after = worker_cpu_ticks()
    assert all(after[pid] == before[pid] for pid in after if pid in before), "a lambda was sent to a worker"
    assert rows[0]["activation"] == "tanh_lambda" and not rows[0]["diverged"]
    np.testing.assert_array_equal(rows[0]["costs"], learner_costs)
    for lam, tanh in zip(rows[:2], rows[2:]):
        np.testing.assert_allclose(lam["costs"], tanh["costs"], rtol=1e-10)


# --- Parameters ------------------------------------------------------------------------------------


def test_parameters_remember_the_activation_and_output(flower):
    X, Y = flower
    params, _ = network.train(X, Y, n_hidden=3, activation="elu", num_iterations=10)
    assert isinstance(params, network.Parameters) and isinstance(params, dict)
    assert list(params) == list(PARAM_NAMES) and list(params.keys()) == list(PARAM_NAMES) and len(params) == 4
    assert [key for key, _ in params.items()] == list(PARAM_NAMES)
    assert params.activation == activations.get("elu") and params.output == "sigmoid"
    assert "activation elu" in repr(params)
    plain = dict(params)
    assert type(plain) is dict and list(plain) == list(PARAM_NAMES)
    copy = pickle.loads(pickle.dumps(params))
    assert type(copy) is network.Parameters and copy.activation == params.activation and copy.output == "sigmoid"
    assert_same_params(copy, params)
    np.testing.assert_array_equal(network.predict(copy, X), network.predict(params, X))
    # update_parameters keeps them; plain dicts stay plain
    grads = {"d" + key: np.zeros_like(value) for key, value in params.items()}
    updated = network.update_parameters(params, grads)
    assert isinstance(updated, network.Parameters) and updated.activation is params.activation
    assert type(network.update_parameters(plain, grads)) is dict


def test_predict_uses_the_stored_activation(flower):
    X, Y = flower
    params, _ = network.train(X, Y, n_hidden=50, activation="relu", num_iterations=2000)
    with_relu = network.accuracy(network.predict(params, X), Y)
    assert with_relu > 75
    assert with_relu == network.accuracy(network.predict(params, X, "relu"), Y)
    with pytest.raises(ValueError, match="plain dict.*activation="):  # a plain dict records nothing: never a guess
        network.predict(dict(params), X)
    np.testing.assert_array_equal(network.predict_proba(params, X), network.predict_proba(dict(params), X, "relu"))
    assert network.trained_activation(params) is params.activation
    with pytest.raises(ValueError, match="plain dict"):
        network.trained_activation(dict(params))
    assert network.trained_activation(dict(params), "elu") == activations.get("elu")


@pytest.mark.parametrize(
    "trained_with, given",
    [
        ("relu", "tanh"),
        ("leaky_relu", activations.get("leaky_relu", slope=0.5)),
        (activations.get("leaky_relu", slope=0.5), "leaky_relu"),
        ("sigmoid", activations.get("sigmoid", offset=1.0)),
        ("tanh", LAMBDA_TANH),
    ],
    ids=repr,
)
def test_a_different_activation_is_refused(flower, trained_with, given):
    X, Y = flower
    params, _ = network.train(X, Y, activation=trained_with, num_iterations=10)
    calls = [
        lambda: network.predict(params, X, given),
        lambda: network.predict_proba(params, X, given),
        lambda: network.forward_propagation(X, params, given),
        lambda: network.trained_activation(params, given),
        lambda: experiments.dead_units(params, X, given),
    ]
    for call in calls:
        with pytest.raises(ValueError, match="trained with.*Leave activation out"):
            call()
    _, cache = network.forward_propagation(X, params)
    with pytest.raises(ValueError, match="trained with"):
        network.backward_propagation(params, cache, X, Y, given)


@pytest.mark.parametrize(
    "trained_with, given",
    [
        ("leaky_relu", activations.get("leaky_relu", slope=0.01)),
        ("sigmoid", activations.get("sigmoid", offset=0.0)),
        ("tanh", activations.Activation("tanh", activations.tanh, activations.tanh_derivative)),
        ("sigmoid", BUGGY_SIGMOID),  # the derivative does not count for predictions
        (BUGGY_SIGMOID, "sigmoid"),
    ],
    ids=repr,
)
def test_the_same_function_is_accepted(flower, trained_with, given):
    X, Y = flower
    params, _ = network.train(X, Y, activation=trained_with, num_iterations=10)
    np.testing.assert_array_equal(network.predict(params, X, given), network.predict(params, X))
    _, cache = network.forward_propagation(X, params)
    network.backward_propagation(params, cache, X, Y, given)


# --- rows-convention hints -------------------------------------------------------------------------


def test_rows_convention_gets_a_hint(flower):
    X, Y = flower
    rows_X, rows_y = X.T, Y.ravel()  # (400, 2), (400,): scikit-learn's convention
    for call in (
        lambda: network.train(rows_X, rows_y, num_iterations=5),
        lambda: experiments.compare(rows_X, rows_y, num_iterations=5, progress=False),
        lambda: network.train(rows_X, rows_y, num_iterations=5, output="identity"),
    ):
        with pytest.raises(ValueError, match=r"pass Y\.reshape\(1, -1\) and X\.T"):
            call()
    with pytest.raises(ValueError, match=r"X has shape \(400, 2\): one row per example\?.*pass X\.T$"):
        network.train(rows_X, Y, num_iterations=5)
    with pytest.raises(ValueError, match=r"pass X\.T and Y\.reshape\(1, -1\)"):
        experiments.compare(rows_X, Y.T, num_iterations=5, progress=False)
    with pytest.raises(ValueError, match=r"pass Y\.reshape\(1, -1\)$"):
        network.train(X, rows_y, num_iterations=5)
    # the estimator takes rows: the course's columns get the reverse hint
    with pytest.raises(ValueError, match=r"X has shape \(2, 400\) but y has 400 labels.*pass X\.T"):
        network.OneHiddenLayerClassifier(max_iter=5).fit(X, rows_y)


# --- any depth --------------------------------------------------------------------------------------

MY_SOFTSIGN = activations.Activation("my softsign", lambda z: z / (1 + np.abs(z)), lambda z: 1 / (1 + np.abs(z)) ** 2)


def deep_init(sizes, seed, act, init="xavier"):
    from course_utils import deep

    return dict(deep.initialize_parameters_deep(list(sizes), init, seed, act))


def reference_loop(X, Y, params, act, learning_rate, n, l2=0.0, output="sigmoid"):
    """The course's step-by-step loop (deep.model_forward, deep.model_backward) plus the L2 term, written out:
    ``(params, costs)``, the costs of iterations 0, 100, ... before their update."""
    from course_utils import deep, model

    params = {key: value.copy() for key, value in params.items()}
    m = X.shape[1]
    costs = []
    with np.errstate(all="ignore"):
        for i in range(n):
            AL, caches = deep.model_forward(X, params, act, output)
            weights = [value for key, value in params.items() if key.startswith("W")]
            if i % engine.RECORD_EVERY == 0:
                penalty = l2 / (2 * m) * sum(np.sum(W**2) for W in weights)
                costs.append(model.cost(caches[-1][1], Y, output) + penalty)
            grads = deep.model_backward(AL, Y, caches)
            params = {
                key: value - learning_rate * (grads["d" + key] + (l2 / m * value if key.startswith("W") else 0.0))
                for key, value in params.items()
            }
    return params, np.array(costs)


@pytest.mark.parametrize("output", engine.OUTPUTS)
@pytest.mark.parametrize("hidden", [(5,), (4, 3), (3, 4, 2), (4, 3, 3, 2)], ids=lambda h: f"{len(h)}-hidden")
@pytest.mark.parametrize("act", [*activations.available(), MY_SOFTSIGN], ids=lambda a: getattr(a, "name", a))
def test_the_engine_follows_the_reference_maths_at_every_depth(act, hidden, output):
    act = activations.as_activation(act)
    X, Y = odd_data(output, m=61)
    rates = {"sigmoid": 0.1, "identity": 0.02}  # small enough steps: no round-off chaos
    for l2 in (0.0, 0.3):
        start = deep_init((3, *hidden, 1), seed=len(hidden), act=act)
        e = engine.Engine([(act, rates[output], start)], X, Y, output=output, l2=l2)
        e.run(201)
        params, costs = reference_loop(X, Y, start, act, rates[output], 201, l2, output)
        np.testing.assert_allclose(e.costs[0], costs, rtol=1e-10, atol=1e-13)
        for key in params:
            np.testing.assert_allclose(e.params(0)[key], params[key], rtol=1e-9, atol=1e-12, err_msg=key)
        assert e.trained(0).layer_sizes == (3, *hidden, 1) and e.trained(0).activation is act


def mixed_models(n_x, seed=0):
    """Depths 1 to 4, several activations (a learner's too), each model with its own rate; one diverges."""
    relu, tanh = activations.get("relu"), activations.get("tanh")
    return [
        (tanh, 0.3, deep_init((n_x, 4, 4, 1), seed, tanh)),
        (relu, 0.2, deep_init((n_x, 6, 1), seed + 1, relu)),
        (relu, 0.2, deep_init((n_x, 4, 4, 1), seed + 2, relu)),
        (MY_SOFTSIGN, 0.5, deep_init((n_x, 3, 5, 2, 1), seed + 3, MY_SOFTSIGN)),
        (activations.get("elu"), 0.1, deep_init((n_x, 4, 4, 1), seed + 4, activations.get("elu"))),
        (relu, 1e6, deep_init((n_x, 8, 8, 8, 1), seed + 5, relu, init=3.0)),  # diverges
        (tanh, 0.3, deep_init((n_x, 5, 5, 5, 5, 1), seed + 6, tanh)),
    ]


def assert_same_model(a, j, b, k):
    np.testing.assert_array_equal(a.costs[j], b.costs[k])
    assert a.diverged_at[j] == b.diverged_at[k] and a.last_good[j] == b.last_good[k]
    pa, pb = a.params(j), b.params(k)
    assert pa.keys() == pb.keys()
    for key in pa:
        np.testing.assert_array_equal(pa[key], pb[key], err_msg=key)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_a_deep_model_has_the_same_bits_alone_together_and_in_chunks(dtype):
    X, Y = odd_data(m=157)
    models = mixed_models(3)
    together = trained(models, X, Y, 300, dtype=dtype, l2=0.1)
    reverse = trained(models[::-1], X, Y, 300, dtype=dtype, l2=0.1)
    assert together.diverged_at.tolist() == [-1] * 5 + [100, -1]
    K = len(models)
    for k, model in enumerate(models):
        alone = trained([model], X, Y, 300, dtype=dtype, l2=0.1)
        chunked = engine.Engine([model], X, Y, dtype=dtype, l2=0.1)
        for _ in range(2):
            chunked.run(100, final=False)
        chunked.run(100)
        for other, j in ((together, k), (reverse, K - 1 - k), (chunked, 0)):
            assert_same_model(alone, 0, other, j)


def test_per_model_l2_and_no_l2_are_what_they_say():
    X, Y = odd_data(m=80)
    models = mixed_models(3)[:3]
    mixed = trained(models, X, Y, 200, l2=[0.0, 0.5, 0.0])
    plain = trained(models, X, Y, 200)
    regularised = trained(models, X, Y, 200, l2=0.5)
    assert_same_model(mixed, 0, plain, 0)
    assert_same_model(mixed, 2, plain, 2)
    assert_same_model(mixed, 1, regularised, 1)
    assert not np.array_equal(mixed.costs[1], plain.costs[1])
    zero = trained(models[1:2], X, Y, 200, l2=0.0)  # the one-hidden-layer path, explicitly l2=0
    assert_same_model(zero, 0, plain, 1)


def test_the_one_hidden_layer_path_keeps_its_bits_next_to_deep_models(flower):
    X, Y = flower
    shallow = [(activations.get("tanh"), 1.2, init(2, 4, seed=2)), (activations.get("relu"), 0.5, init(2, 7, seed=3))]
    alone = trained(shallow, X, Y, 300)
    mixed = trained([shallow[0], *mixed_models(2)[:3], shallow[1]], X, Y, 300)
    assert_same_model(alone, 0, mixed, 0)
    assert_same_model(alone, 1, mixed, 4)
    params, costs = network.train(X, Y, 4, "tanh", 1.2, 300, init=0.5, seed=2)
    np.testing.assert_array_equal(alone.costs[0], costs)


def test_state_resumes_a_deep_training_bit_for_bit():
    X, Y = odd_data(m=90)
    models = mixed_models(3)
    whole = trained(models, X, Y, 400, l2=0.2)
    first = engine.Engine(models, X, Y, l2=0.2)
    first.run(200, final=False)
    state = pickle.loads(pickle.dumps(first.state()))
    second = engine.Engine(models, X, Y, l2=0.2, state=state)
    assert second.iteration == 200
    second.run(200)
    for k in range(len(models)):
        assert_same_model(whole, k, second, k)
    with pytest.raises(ValueError, match="state"):
        engine.Engine(models[:2], X, Y, state=state)


def test_divergence_at_depth_keeps_the_last_finite_parameters(flower):
    from course_utils import deep

    X, Y = flower
    leaky = activations.get("leaky_relu")
    start = deep_init((2, 8, 8, 8, 1), 1, leaky, init="he")
    e = trained([(leaky, 2.0, start)], X, Y, 1000)
    at, last = int(e.diverged_at[0]), int(e.last_good[0])
    assert at > 0 and last == at - engine.RECORD_EVERY
    error = e.diverged_error(0)
    assert isinstance(error, engine.TrainingDiverged) and error.iteration == at
    assert at == 400 and "by iteration 400 (it was still finite at iteration 300)" in str(error)
    assert "'leaky_relu'" in str(error) and "learning_rate=2" in str(error)
    assert np.isfinite(error.costs).all() and error.costs.size == at // engine.RECORD_EVERY
    assert error.params.layer_sizes == (2, 8, 8, 8, 1) and error.params.activation is leaky
    assert all(np.isfinite(value).all() for value in error.params.values())
    np.testing.assert_array_equal(e.costs[0, : error.costs.size], error.costs)
    assert np.isnan(e.costs[0, error.costs.size :]).all() and e.costs.shape == (1, 10)
    with pytest.raises(engine.TrainingDiverged) as info:
        deep.train(X, Y, [2, 8, 8, 8, 1], leaky, learning_rate=2.0, num_iterations=1000, init="he", seed=1)
    assert str(info.value) == str(error)
    np.testing.assert_array_equal(info.value.costs, error.costs)
    for key in error.params:
        np.testing.assert_array_equal(info.value.params[key], error.params[key])


def test_float32_at_depth_is_close_to_float64():
    X, Y = odd_data(m=120)
    models = mixed_models(3)[:5]
    e64, e32 = trained(models, X, Y, 300), trained(models, X, Y, 300, dtype="float32")
    np.testing.assert_allclose(e32.costs, e64.costs, rtol=1e-3)
    assert not np.array_equal(e32.costs, e64.costs)
    assert all(value.dtype == np.float64 for value in e32.params(3).values())


def test_forward_and_evaluate_at_depth_match_the_model_functions():
    from course_utils import model

    X, Y = odd_data(m=100)
    models = mixed_models(3)
    e = trained(models, X, Y, 300)
    X2, Y2 = odd_data(m=50, seed=1)
    logits, derivatives = e.forward(X2)
    score, cost, dead = e.evaluate(X2, Y2)
    row = 0
    for k, (act, _, _) in enumerate(models):
        params = e.trained(k)
        values = model.forward(X2, params)
        n_layers = params.n_layers
        np.testing.assert_allclose(logits[k], values[f"Z{n_layers}"][0], rtol=1e-9, atol=1e-12)
        for layer in range(1, n_layers):
            n = params.layer_sizes[layer]
            np.testing.assert_allclose(derivatives[row : row + n], act.derivative(values[f"Z{layer}"]), atol=1e-12)
            row += n
        assert dead[k] == sum(int(d.sum()) for d in model.dead_by_layer(X2, params))
        assert cost[k] == pytest.approx(model.cost(values[f"Z{n_layers}"], Y2), rel=1e-9)
        assert score[k] == network.accuracy(model.labels(values[f"Z{n_layers}"]), Y2)
    assert row == derivatives.shape[0]
    regularised = trained(models[:1], X, Y, 0, l2=2.0)
    W = regularised.params(0)
    penalty = 2.0 / (2 * 50) * sum(np.sum(W[f"W{layer}"] ** 2) for layer in (1, 2, 3))
    plain_cost = trained(models[:1], X, Y, 0).evaluate(X2, Y2)[1][0]
    assert regularised.evaluate(X2, Y2)[1][0] == pytest.approx(plain_cost + penalty, rel=1e-12)


def test_mismatched_or_shallow_params_and_bad_l2_are_refused():
    X, Y = odd_data(m=30)
    tanh = activations.get("tanh")
    good = deep_init((3, 4, 4, 1), 0, tanh)
    with pytest.raises(ValueError, match=r"models\[0\] params\['W2'\] must have shape \(4, 4\)"):
        engine.Engine([(tanh, 0.1, {**good, "W2": np.ones((4, 5))})], X, Y)
    with pytest.raises(ValueError, match="no hidden layer"):
        engine.Engine([(tanh, 0.1, {"W1": np.ones((1, 3)), "b1": np.zeros((1, 1))})], X, Y)
    with pytest.raises(ValueError, match=r"models\[1\] params\['W3'\] must have shape \(1, 4\)"):
        engine.Engine([(tanh, 0.1, good), (tanh, 0.1, {**good, "W3": np.ones((2, 4)), "b3": np.ones((2, 1))})], X, Y)
    for l2, error, match in [
        (-1.0, ValueError, "l2 must be >= 0"),
        (float("nan"), ValueError, "l2 must be a finite number"),
        ([0.1, 0.2], ValueError, "one per model"),
        ("0.1", TypeError, "l2 must be a real number"),
    ]:
        with pytest.raises(error, match=match):
            engine.Engine([(tanh, 0.1, good)], X, Y, l2=l2)
