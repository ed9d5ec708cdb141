"""Tests of course_utils.network: the one-hidden-layer network, its training loop and estimator."""

import numpy as np
import pytest

from benchmarks.baseline_loop import plain_train
from course_utils import activations, network

WRONG_SIGMOID = activations.Activation(
    "sigmoid (derivative at A1)", activations.sigmoid, lambda z: activations.sigmoid_derivative(activations.sigmoid(z))
)


def small_problem(seed=0, n_x=3, m=30):
    rs = np.random.RandomState(seed)
    X = rs.randn(n_x, m)
    Y = (rs.rand(1, m) > 0.5).astype(int)
    return X, Y


# --- initialisation ------------------------------------------------------------------------------


def test_initialize_parameters_reproduces_the_course_draws():
    params = network.initialize_parameters(2, 4, 1)
    # The course's initialize_parameters test values (np.random.seed(2), scale 0.01).
    np.testing.assert_allclose(
        params["W1"],
        [[-0.00416758, -0.00056267], [-0.02136196, 0.01640271], [-0.01793436, -0.00841747], [0.00502881, -0.01245288]],
        atol=5e-9,
    )
    np.testing.assert_allclose(params["W2"], [[-0.01057952, -0.00909008, 0.00551454, 0.02292208]], atol=5e-9)
    assert params["b1"].shape == (4, 1) and not params["b1"].any()
    assert params["b2"].shape == (1, 1) and not params["b2"].any()


def test_initialize_parameters_draws_W1_before_W2_and_scales_per_scheme():
    rs = np.random.RandomState(5)
    z1, z2 = rs.randn(6, 3), rs.randn(1, 6)
    for scale, s1, s2 in [  # fan_in, fan_out: 3, 6 for W1 and 6, 1 for W2
        (0.5, 0.5, 0.5),
        ("lecun", np.sqrt(1 / 3), np.sqrt(1 / 6)),
        ("xavier", np.sqrt(2 / (3 + 6)), np.sqrt(2 / (6 + 1))),  # Glorot
        ("he", np.sqrt(2 / 3), np.sqrt(2 / 6)),
    ]:
        params = network.initialize_parameters(3, 6, 1, init=scale, seed=5)
        np.testing.assert_array_equal(params["W1"], z1 * s1)
        np.testing.assert_array_equal(params["W2"], z2 * s2)
        assert params["b2"].shape == (1, 1)
    with pytest.raises(ValueError, match="n_y"):  # the course's network has one output unit
        network.initialize_parameters(3, 6, 2)


def test_initialize_parameters_zero_scale_and_global_state_untouched():
    state = np.random.get_state()[1].copy()
    params = network.initialize_parameters(2, 3, init=0)
    assert not params["W1"].any() and not params["W2"].any()
    assert np.array_equal(np.random.get_state()[1], state)


# --- forward, cost, backward ---------------------------------------------------------------------


def test_forward_propagation_by_hand():
    params = {
        "W1": np.array([[1.0, -1.0], [0.5, 2.0]]),
        "b1": np.array([[0.1], [-0.2]]),
        "W2": np.array([[2.0, -3.0]]),
        "b2": np.array([[0.3]]),
    }
    X = np.array([[1.0, 0.0, -2.0], [0.5, 1.0, 1.0]])
    A2, cache = network.forward_propagation(X, params, "tanh")
    Z1 = np.array([[0.6, -0.9, -2.9], [1.3, 1.8, 0.8]])
    np.testing.assert_allclose(cache["Z1"], Z1, rtol=1e-14)
    np.testing.assert_allclose(cache["A1"], np.tanh(Z1), rtol=1e-14)
    Z2 = 2 * np.tanh(Z1[0]) - 3 * np.tanh(Z1[1]) + 0.3
    np.testing.assert_allclose(cache["Z2"], [Z2], rtol=1e-14)
    np.testing.assert_allclose(A2, 1 / (1 + np.exp(-Z2[None, :])), rtol=1e-14)
    assert A2.shape == (1, 3) and cache["A1"].shape == (2, 3)


def test_compute_cost_is_the_course_formula_on_probabilities():
    # the course's compute_cost test case
    A2 = np.array([[0.5002307, 0.49985831, 0.50023963]])
    # (the course computed it with Y * log(A2); xlogy may round the last bit differently on another version)
    assert network.compute_cost(A2, np.array([[1, 0, 0]])) == pytest.approx(0.6930587610394646, rel=1e-12)
    Z2 = np.array([[-2.0, 0.0, 0.5, 3.0]])
    Y = np.array([[0, 1, 1, 0]])
    A2 = 1 / (1 + np.exp(-Z2))
    textbook = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    assert network.compute_cost(A2, Y) == pytest.approx(textbook, rel=1e-14)
    # 0 log 0 = 0 for certain right answers; a certain wrong answer costs inf, as the formula says
    assert network.compute_cost([[1.0, 0.0]], [[1, 0]]) == 0.0
    assert network.compute_cost([[0.0, 0.5]], [[1, 0]]) == np.inf
    with pytest.raises(ValueError, match="same shape"):
        network.compute_cost(np.zeros((1, 3)), np.zeros((1, 4)))


@pytest.mark.parametrize("A2", [[[1.5, 0.2]], [[-0.1, 0.2]], [[-1000.0, 1000.0]]])
def test_compute_cost_refuses_logits_and_names_the_logits_form(A2):
    with pytest.raises(ValueError, match=r"A2 must hold probabilities in \[0, 1\].*compute_cost_from_logits\(Z2, Y\)"):
        network.compute_cost(A2, [[1, 0]])


def test_compute_cost_from_logits_matches_the_textbook_formula_and_is_stable():
    Z2 = np.array([[-2.0, 0.0, 0.5, 3.0]])
    Y = np.array([[0, 1, 1, 0]])
    A2 = 1 / (1 + np.exp(-Z2))
    assert network.compute_cost_from_logits(Z2, Y) == pytest.approx(network.compute_cost(A2, Y), rel=1e-14)
    # Confidently wrong predictions: the textbook formula would take log(0); the logits do not.
    assert network.compute_cost_from_logits(np.array([[-1000.0, 1000.0]]), np.array([[1, 0]])) == pytest.approx(1000.0)
    assert network.compute_cost_from_logits(np.array([[1000.0, -1000.0]]), np.array([[1, 0]])) == 0.0
    with pytest.raises(ValueError, match="same shape"):
        network.compute_cost_from_logits(np.zeros((1, 3)), np.zeros((1, 4)))


def test_backward_matches_finite_differences_elementwise():
    X, Y = small_problem(1)
    params = network.initialize_parameters(3, 5, init=1.0, seed=3)
    _, cache = network.forward_propagation(X, params, "tanh")
    grads = network.backward_propagation(params, cache, X, Y, "tanh")
    eps = 1e-6
    for key in network.PARAM_NAMES:
        assert grads["d" + key].shape == params[key].shape
        for index in np.ndindex(params[key].shape):
            plus = {k: v.copy() for k, v in params.items()}
            minus = {k: v.copy() for k, v in params.items()}
            plus[key][index] += eps
            minus[key][index] -= eps
            numeric = (
                network.compute_cost(network.forward_propagation(X, plus, "tanh")[0], Y)
                - network.compute_cost(network.forward_propagation(X, minus, "tanh")[0], Y)
            ) / (2 * eps)
            assert grads["d" + key][index] == pytest.approx(numeric, abs=1e-8)


def test_update_parameters_returns_new_arrays():
    params = network.initialize_parameters(2, 3)
    grads = {"d" + k: np.ones_like(v) for k, v in params.items()}
    before = {k: v.copy() for k, v in params.items()}
    new = network.update_parameters(params, grads, learning_rate=0.5)
    for key in params:
        np.testing.assert_array_equal(new[key], before[key] - 0.5)
        np.testing.assert_array_equal(params[key], before[key])
    with pytest.raises(ValueError, match="learning_rate"):
        network.update_parameters(params, grads, learning_rate=0)


# --- gradient check ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", activations.available())
def test_gradient_check_passes_for_every_activation(name):
    X, Y = small_problem(0)
    params = network.initialize_parameters(3, 5, init=1.0, seed=0, activation=name)
    _, cache = network.forward_propagation(X, params)
    assert np.min(np.abs(cache["Z1"])) > 1e-3  # a smooth point: no pre-activation near a kink
    error = network.gradient_check(X, Y, n_hidden=5, activation=name, seed=0)
    assert error < 1e-6, (name, error)


def test_gradient_check_on_the_flower_data(flower):
    assert network.gradient_check(*flower) < 1e-7


def test_gradient_check_flags_the_forum_derivative_bug(flower):
    # sigma(A1) * (1 - sigma(A1)) instead of A1 * (1 - A1): the bug from the course forum.
    assert network.gradient_check(*flower, activation=WRONG_SIGMOID) > 1e-2
    right = network.gradient_check(*flower, activation="sigmoid")
    assert right < 1e-7


def test_gradient_check_flags_tanh_derivative_taken_at_z():
    wrong = activations.Activation("tanh (1 - z**2)", activations.tanh, lambda z: 1 - z**2)
    X, Y = small_problem(2)
    assert network.gradient_check(X, Y, activation=wrong) > 1e-2


def test_gradient_check_accepts_given_params():
    X, Y = small_problem(4)
    params = network.initialize_parameters(3, 2, init=0.7, seed=9, activation="elu")
    before = {k: v.copy() for k, v in params.items()}
    assert network.gradient_check(X, Y, params=params) < 1e-7
    assert network.gradient_check(X, Y, activation="elu", params=dict(params)) < 1e-7  # a plain dict: say which
    with pytest.raises(ValueError, match="plain dict.*activation="):
        network.gradient_check(X, Y, params=dict(params))
    for key in params:
        np.testing.assert_array_equal(params[key], before[key])
    with pytest.raises(ValueError, match="params"):
        network.gradient_check(X, Y, params={"W1": np.zeros((2, 3))})
    with pytest.raises(ValueError, match="epsilon"):
        network.gradient_check(X, Y, epsilon=0)


# --- training ------------------------------------------------------------------------------------


def test_train_reproduces_the_course_run(flower, capsys):
    X, Y = flower
    params, costs = network.train(X, Y, num_iterations=5000, print_cost=True)
    printed = capsys.readouterr().out.splitlines()
    # The course's printed costs (n_h = 4, tanh, lr 1.2, seed 2) for the first 5000 iterations.
    assert printed == [
        "Cost after iteration 0: 0.693048",
        "Cost after iteration 1000: 0.288083",
        "Cost after iteration 2000: 0.254385",
        "Cost after iteration 3000: 0.233864",
        "Cost after iteration 4000: 0.226792",
    ]
    assert costs.shape == (50,) and costs.dtype == np.float64
    assert costs[-1] == pytest.approx(0.2229896, abs=1e-6)
    assert network.accuracy(network.predict(params, X), Y) == 90.5


def test_costs_are_recorded_before_each_update(flower):
    X, Y = flower
    _, costs = network.train(X, Y, num_iterations=250)
    assert costs.shape == (3,)
    for k, n in enumerate((0, 100, 200)):
        if n == 0:
            params = network.initialize_parameters(2, 4)
        else:
            params, _ = network.train(X, Y, num_iterations=n)
        A2, cache = network.forward_propagation(X, params)
        assert costs[k] == pytest.approx(network.compute_cost_from_logits(cache["Z2"], Y), rel=1e-12)
        assert costs[k] == pytest.approx(network.compute_cost(A2, Y), rel=1e-12)


def test_train_agrees_with_the_plain_course_loop_on_the_course_run(flower):
    X, Y = flower
    params, costs = network.train(X, Y, num_iterations=5000)
    ref_params, ref_costs = plain_train(X, Y, num_iterations=5000)
    np.testing.assert_allclose(costs, ref_costs, rtol=1e-12)
    for key in params:
        np.testing.assert_allclose(params[key], ref_params[key], rtol=1e-10, atol=1e-13)


@pytest.mark.parametrize("name", activations.available())
def test_train_agrees_with_the_plain_loop_for_every_activation(flower, name):
    # lr 0.3 keeps every activation out of the round-off-chaotic regime (see the notebooks).
    X, Y = flower
    params, costs = network.train(X, Y, activation=name, learning_rate=0.3, num_iterations=1000, init=0.5, seed=3)
    ref_params, ref_costs = plain_train(
        X, Y, activation=activations.get(name), learning_rate=0.3, num_iterations=1000, init=0.5, seed=3
    )
    # rtol 1e-9: elu's cost jumps up near iteration 700, which magnifies round-off to 7e-11 with
    # numpy 2.x and 1.2e-10 with numpy 1.26 (its AVX-512 exp differs in the last bit)
    np.testing.assert_allclose(costs, ref_costs, rtol=1e-9)
    for key in params:
        np.testing.assert_allclose(params[key], ref_params[key], rtol=1e-8, atol=1e-11)


@pytest.mark.parametrize(
    "act",
    [
        activations.get("leaky_relu", slope=0.2),
        activations.get("elu", alpha=0.5),
        activations.get("sigmoid", offset=0.5),
    ],
    ids=repr,
)
def test_train_agrees_with_the_plain_loop_for_activation_parameters(flower, act):
    X, Y = flower
    params, costs = network.train(X, Y, activation=act, learning_rate=0.3, num_iterations=1000, init=0.5, seed=3)
    ref_params, ref_costs = plain_train(X, Y, activation=act, learning_rate=0.3, num_iterations=1000, init=0.5, seed=3)
    np.testing.assert_allclose(costs, ref_costs, rtol=1e-10)
    for key in params:
        np.testing.assert_allclose(params[key], ref_params[key], rtol=1e-8, atol=1e-11)


def test_train_with_a_custom_activation_uses_its_derivative(flower):
    X, Y = flower
    right, _ = network.train(X, Y, activation="sigmoid", num_iterations=300)
    wrong, _ = network.train(X, Y, activation=WRONG_SIGMOID, num_iterations=300)
    ref, _ = plain_train(X, Y, activation=WRONG_SIGMOID, num_iterations=300)
    np.testing.assert_allclose(wrong["W1"], ref["W1"], rtol=1e-10)
    assert not np.allclose(wrong["W1"], right["W1"], rtol=1e-3)


def test_train_is_deterministic(flower):
    X, Y = flower
    a, ca = network.train(X, Y, n_hidden=5, activation="relu", num_iterations=700, seed=7)
    b, cb = network.train(X, Y, n_hidden=5, activation="relu", num_iterations=700, seed=7)
    c, _ = network.train(X, Y, n_hidden=5, activation="relu", num_iterations=700, seed=8)
    assert np.array_equal(ca, cb)
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["W1"], c["W1"])


def test_train_does_not_modify_its_inputs(flower):
    X, Y = flower
    X_copy, Y_copy = X.copy(), Y.copy()
    network.train(X, Y, num_iterations=10)
    assert np.array_equal(X, X_copy) and np.array_equal(Y, Y_copy)


def test_train_returns_the_course_parameter_shapes(flower):
    X, Y = flower
    params, costs = network.train(X, Y, n_hidden=7, num_iterations=1)
    assert {k: v.shape for k, v in params.items()} == {"W1": (7, 2), "b1": (7, 1), "W2": (1, 7), "b2": (1, 1)}
    assert all(v.flags.c_contiguous for v in params.values())
    assert costs.shape == (1,)


@pytest.mark.parametrize("activation, lr", [("relu", 1e3), ("leaky_relu", 10.0), ("softplus", 1e6)])
def test_divergence_raises_a_clear_error(flower, activation, lr):
    X, Y = flower
    with pytest.raises(network.TrainingDiverged) as info:
        network.train(X, Y, activation=activation, learning_rate=lr, num_iterations=2000)
    message = str(info.value)
    assert isinstance(info.value, ArithmeticError)
    assert f"activation {activation!r}" in message and f"learning_rate={lr:g}" in message
    assert "by iteration" in message and "Lower the learning rate" in message


def test_divergence_of_the_parameters_alone_is_caught():
    # A huge step sends the parameters to inf after the check at iteration 0; the final check sees it.
    X, Y = small_problem(5)
    with pytest.raises(network.TrainingDiverged, match="parameters became inf or NaN") as info:
        network.train(X, Y, activation="relu", learning_rate=1e308, num_iterations=2, init=1.0)
    assert info.value.iteration == 2 and info.value.costs.shape == (1,)


BAD_TRAIN_ARGS = [
    ({"n_hidden": 0}, ValueError, "n_hidden must be >= 1"),
    ({"n_hidden": 2.5}, TypeError, "n_hidden must be an int"),
    ({"n_hidden": True}, TypeError, "n_hidden must be an int"),
    ({"learning_rate": 0}, ValueError, "learning_rate must be > 0"),
    ({"learning_rate": -1.0}, ValueError, "learning_rate must be > 0"),
    ({"learning_rate": float("nan")}, ValueError, "learning_rate must be a finite"),
    ({"learning_rate": float("inf")}, ValueError, "learning_rate must be a finite"),
    ({"learning_rate": "1.2"}, TypeError, "learning_rate must be a real number"),
    ({"num_iterations": 0}, ValueError, "num_iterations must be >= 1"),
    ({"num_iterations": 10.0}, TypeError, "num_iterations must be an int"),
    ({"activation": "swish"}, ValueError, "unknown activation 'swish'; available: 'sigmoid'"),
    ({"activation": 3}, TypeError, "activation must be an activation name"),
    ({"init": "glorot"}, ValueError, "unknown init 'glorot'; available: 'zeros', 'lecun', 'xavier', 'he'"),
    ({"output": "softmax"}, ValueError, "unknown output 'softmax'; available: 'sigmoid', 'identity'"),
    ({"init": -0.1}, ValueError, "init must be >= 0"),
    ({"init": float("nan")}, ValueError, "init must be a finite"),
    ({"init": None}, TypeError, "init must be a number"),
    ({"seed": -1}, ValueError, "seed must be >= 0"),
    ({"seed": 2.0}, TypeError, "seed must be an int"),
    ({"print_cost": "yes"}, TypeError, "print_cost must be True or False"),
]


@pytest.mark.parametrize("kwargs, error, match", BAD_TRAIN_ARGS)
def test_train_rejects_bad_arguments(kwargs, error, match):
    X, Y = small_problem(0)
    with pytest.raises(error, match=match):
        network.train(X, Y, num_iterations=kwargs.pop("num_iterations", 5), **kwargs)


def _bad_data():
    X, Y = small_problem(0)
    X_nan, X_inf = X.copy(), X.copy()
    X_nan[0, 3], X_inf[1, 2] = np.nan, np.inf
    Y_two, Y_nan = Y.copy(), Y.astype(float)
    Y_two[0, 0], Y_nan[0, 1] = 2, np.nan
    return [
        (X, Y[:, :-1], ValueError, r"Y must have shape \(1, 30\)"),
        (X, Y.ravel(), ValueError, r"Y must have shape \(1, 30\).*got shape \(30,\)"),
        (X.T, Y, ValueError, r"X has shape \(30, 3\): one row per example\?.*pass X\.T"),
        (X, Y_two, ValueError, "Y must contain only the labels 0 and 1, got other values such as 2"),
        (X, Y_nan, ValueError, "Y must contain only the labels 0 and 1, got NaN"),
        (X, np.where(Y == 1, "a", "b"), TypeError, "Y must hold the numbers 0 and 1"),
        (X_nan, Y, ValueError, "X must contain only finite values"),
        (X_inf, Y, ValueError, "X must contain only finite values"),
        (X[0], Y, ValueError, "X must be a 2-D array"),
        (X.astype(str), Y, TypeError, "X must be real numbers"),
        (np.zeros((0, 30)), Y, ValueError, "at least one feature"),
    ]


@pytest.mark.parametrize("X, Y, error, match", _bad_data())
def test_train_rejects_bad_data(X, Y, error, match):
    with pytest.raises(error, match=match):
        network.train(X, Y, num_iterations=5)


def test_train_converts_ints_bools_and_float32():
    X, Y = small_problem(3, n_x=2, m=12)
    X_int = np.round(X * 4).astype(np.int64)
    reference, ref_costs = network.train(X_int.astype(np.float64), Y, num_iterations=150)
    for X_given, Y_given in [
        (X_int, Y.astype(bool)),
        (X_int.tolist(), Y.astype(float).tolist()),
        ((X_int / 4).astype(np.float32) * 4, Y),  # exact in float32
    ]:
        params, costs = network.train(X_given, Y_given, num_iterations=150)
        assert np.array_equal(costs, ref_costs)
        assert all(params[k].dtype == np.float64 and np.array_equal(params[k], reference[k]) for k in params)
    with pytest.raises(ValueError, match="at least one feature and one example"):
        network.train(np.ones((2, 0)), np.ones((1, 0)), num_iterations=5)


# --- predictions ---------------------------------------------------------------------------------


def test_predict_thresholds_at_one_half():
    params = {"W1": np.zeros((2, 2)), "b1": np.zeros((2, 1)), "W2": np.zeros((1, 2)), "b2": np.zeros((1, 1))}
    X = np.ones((2, 3))
    prediction = network.predict(params, X, "tanh")
    assert prediction.shape == (1, 3) and prediction.dtype == np.int64 and not prediction.any()
    params["b2"] = np.array([[1e-3]])
    assert network.predict(params, X, "tanh").tolist() == [[1, 1, 1]]
    np.testing.assert_allclose(network.predict_proba(params, X, "tanh"), 1 / (1 + np.exp(-1e-3)), rtol=1e-15)


def test_predict_checks_params_and_X():
    params = network.initialize_parameters(2, 3)
    with pytest.raises(ValueError, match=r"X has 3 features \(rows\) but params\['W1'\] expects 2"):
        network.predict(params, np.ones((3, 4)))
    with pytest.raises(ValueError, match=r"got \(400, 2\).*pass X\.T"):
        network.predict(params, np.ones((400, 2)))
    with pytest.raises(ValueError, match="params is missing b2"):
        network.predict({k: v for k, v in params.items() if k != "b2"}, np.ones((2, 4)))
    with pytest.raises(ValueError, match=r"params\['W2'\] must have shape \(1, 3\)"):
        network.predict({**params, "W2": np.ones((1, 4))}, np.ones((2, 4)))
    with pytest.raises(ValueError, match="X must contain only finite"):
        network.predict(params, np.full((2, 4), np.nan))
    with pytest.raises(TypeError, match="params must be a dict"):
        network.predict([1, 2], np.ones((2, 4)))


def test_accuracy_in_percent():
    assert network.accuracy(np.array([[1, 0, 1, 1]]), np.array([[1, 1, 1, 0]])) == 50.0
    assert network.accuracy(np.array([[1]]), np.array([[1]])) == 100.0
    with pytest.raises(ValueError, match="same shape"):
        network.accuracy(np.zeros((1, 3)), np.zeros((1, 4)))


def test_importing_network_does_not_import_scikit_learn():
    import subprocess
    import sys

    code = (
        "import sys, course_utils.network as n; print('sklearn' in sys.modules); "
        "n.OneHiddenLayerClassifier; print('sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]  # the estimator is still there, imported on first use
