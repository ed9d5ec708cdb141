"""Tests of course_utils.deep: the course's Week-4 L-layer network.

The assignment's own test cases ("Building your Deep Neural Network: Step by Step", public_tests.py, and the
application notebook's L_layer_model test) run against ``deep`` through the thin name mapping ``COURSE``.
Their inputs are re-created here with ``np.random.RandomState`` objects (the course seeds numpy's global
generator: the same numbers); the expected outputs are the course's, as its tests print them (8 decimals),
looked up in the assignment's public_tests.py.
"""

import numpy as np
import pytest

from course_utils import activations, datasets, deep, model, network
from course_utils.engine import TrainingDiverged
from tests.test_engine import reference_loop

# The course's names -> deep's. A plain dict of parameters or list of caches records nothing, so the
# course's calls (which always mean ReLU hidden layers) pass activation="relu".
COURSE = {
    "initialize_parameters_deep": deep.initialize_parameters_deep,  # defaults: init=0.01, seed=3, as the course
    "linear_forward": deep.linear_forward,
    "linear_activation_forward": deep.linear_activation_forward,
    "L_model_forward": lambda X, parameters: deep.model_forward(X, parameters, activation="relu"),
    "compute_cost": deep.compute_cost,
    "linear_backward": deep.linear_backward,
    "linear_activation_backward": deep.linear_activation_backward,
    "L_model_backward": lambda AL, Y, caches: deep.model_backward(AL, Y, caches, activation="relu"),
    "update_parameters": deep.update_parameters,
    "L_layer_model": lambda X, Y, layers_dims, learning_rate, num_iterations: deep.train(
        X, Y, layers_dims, learning_rate=learning_rate, num_iterations=num_iterations
    ),  # defaults: ReLU, init="lecun", seed=1, as the application notebook
}

COURSE_ATOL = 1e-8  # the expected values are printed to 8 decimals


def close(got, expected):
    np.testing.assert_allclose(got, expected, rtol=0, atol=COURSE_ATOL)


def draws(seed, *shapes):
    """Arrays ``randn(*shape)`` drawn in turn, as the course's test cases draw them after ``np.random.seed(seed)``."""
    rs = np.random.RandomState(seed)
    return [rs.randn(*shape) for shape in shapes]


# --- the course's Week-4 test cases, through the mapping --------------------------------------------


def test_course_initialize_parameters_deep():
    params = COURSE["initialize_parameters_deep"]([5, 4, 3])
    close(
        params["W1"],
        [
            [0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388],
            [-0.00354759, -0.00082741, -0.00627001, -0.00043818, -0.00477218],
            [-0.01313865, 0.00884622, 0.00881318, 0.01709573, 0.00050034],
            [-0.00404677, -0.0054536, -0.01546477, 0.00982367, -0.01101068],
        ],
    )
    close(
        params["W2"],
        [
            [-0.01185047, -0.0020565, 0.01486148, 0.00236716],
            [-0.01023785, -0.00712993, 0.00625245, -0.00160513],
            [-0.00768836, -0.00230031, 0.00745056, 0.01976111],
        ],
    )
    np.testing.assert_array_equal(params["b1"], np.zeros((4, 1)))
    np.testing.assert_array_equal(params["b2"], np.zeros((3, 1)))
    assert sorted(params) == ["W1", "W2", "b1", "b2"] and params.activation.name == "relu"


def test_course_linear_forward():
    A_prev, W, b = draws(1, (3, 2), (1, 3), (1, 1))
    Z, cache = COURSE["linear_forward"](A_prev, W, b)
    close(Z, [[3.26295337, -1.23429987]])
    assert len(cache) == 3 and all(got is given for got, given in zip(cache, (A_prev, W, b)))


def test_course_linear_activation_forward():
    A_prev, W, b = draws(2, (3, 2), (1, 3), (1, 1))
    A, ((cached_A, cached_W, cached_b), Z) = COURSE["linear_activation_forward"](A_prev, W, b, "sigmoid")
    close(A, [[0.96890023, 0.11013289]])
    close(Z, [[3.43896131, -2.08938436]])
    assert cached_A is A_prev and cached_W is W and cached_b is b
    A, (_, Z) = COURSE["linear_activation_forward"](A_prev, W, b, "relu")
    close(A, [[3.43896131, 0.0]])
    close(Z, [[3.43896131, -2.08938436]])


def test_course_L_model_forward():
    X, W1, b1, W2, b2, W3, b3 = draws(6, (5, 4), (4, 5), (4, 1), (3, 4), (3, 1), (1, 3), (1, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3}
    AL, caches = COURSE["L_model_forward"](X, parameters)
    close(AL, [[0.03921668, 0.70498921, 0.19734387, 0.04728177]])
    assert len(caches) == 3
    expected_Z = [
        [
            [-5.23825714, 3.18040136, 0.4074501, -1.88612721],
            [-2.77358234, -0.56177316, 3.18141623, -0.99209432],
            [4.18500916, -1.78006909, -0.14502619, 2.72141638],
            [5.05850802, -1.25674082, -3.54566654, 3.82321852],
        ],
        [
            [2.2644603, 1.09971298, -2.90298027, 1.54036335],
            [6.33722569, -2.38116246, -4.11228806, 4.48582383],
            [10.37508342, -0.66591468, 1.63635185, 8.17870169],
        ],
        [[-3.19864676, 0.87117055, -1.40297864, -3.00319435]],
    ]
    for layer, ((A_prev, W, b), Z) in enumerate(caches, start=1):
        close(Z, expected_Z[layer - 1])
        close(A_prev, X if layer == 1 else np.maximum(expected_Z[layer - 2], 0))
        np.testing.assert_array_equal(W, parameters[f"W{layer}"])
        np.testing.assert_array_equal(b, parameters[f"b{layer}"])


def test_course_compute_cost():
    assert COURSE["compute_cost"](np.array([[0.8, 0.9, 0.4]]), np.asarray([[1, 1, 0]])) == pytest.approx(
        0.27977656, abs=COURSE_ATOL
    )
    assert deep.compute_cost is network.compute_cost


def test_course_linear_backward():
    dZ, A, W, b = draws(1, (3, 4), (5, 4), (3, 5), (3, 1))
    dA_prev, dW, db = COURSE["linear_backward"](dZ, (A, W, b))
    close(
        dA_prev,
        [
            [-1.15171336, 0.06718465, -0.3204696, 2.09812712],
            [0.60345879, -3.72508701, 5.81700741, -3.84326836],
            [-0.4319552, -1.30987417, 1.72354705, 0.05070578],
            [-0.38981415, 0.60811244, -1.25938424, 1.47191593],
            [-2.52214926, 2.67882552, -0.67947465, 1.48119548],
        ],
    )
    close(
        dW,
        [
            [0.07313866, -0.0976715, -0.87585828, 0.73763362, 0.00785716],
            [0.85508818, 0.37530413, -0.59912655, 0.71278189, -0.58931808],
            [0.97913304, -0.24376494, -0.08839671, 0.55151192, -0.10290907],
        ],
    )
    close(db, [[-0.14713786], [-0.11313155], [-0.13209101]])


def test_course_linear_activation_backward():
    dA, A, W, b, Z = draws(2, (1, 2), (3, 2), (1, 3), (1, 1), (1, 2))
    cache = ((A, W, b), Z)
    dA_prev, dW, db = COURSE["linear_activation_backward"](dA, cache, "sigmoid")
    close(dA_prev, [[0.11017994, 0.01105339], [0.09466817, 0.00949723], [-0.05743092, -0.00576154]])
    close(dW, [[0.10266786, 0.09778551, -0.01968084]])
    close(db, [[-0.05729622]])
    dA_prev, dW, db = COURSE["linear_activation_backward"](dA, cache, "relu")
    close(dA_prev, [[0.44090989, 0.0], [0.37883606, 0.0], [-0.2298228, 0.0]])
    close(dW, [[0.44513824, 0.37371418, -0.10478989]])
    close(db, [[-0.20837892]])


def test_course_L_model_backward():
    AL, A1, W1, b1, Z1, A2, W2, b2, Z2 = draws(
        3, (1, 2), (4, 2), (3, 4), (3, 1), (3, 2), (3, 2), (1, 3), (1, 1), (1, 2)
    )
    Y = np.array([[1, 0]])
    caches = (((A1, W1, b1), Z1), ((A2, W2, b2), Z2))  # a tuple of caches, as the course's test passes them
    grads = COURSE["L_model_backward"](AL, Y, caches)
    assert sorted(grads) == ["dA0", "dA1", "dW1", "dW2", "db1", "db2"]
    close(grads["dA1"], [[0.12913162, -0.44014127], [-0.14175655, 0.48317296], [0.01663708, -0.05670698]])
    close(grads["dW2"], [[-0.39202432, -0.13325855, -0.04601089]])
    close(grads["db2"], [[0.15187861]])
    close(grads["dA0"], [[0.0, 0.52257901], [0.0, -0.3269206], [0.0, -0.32070404], [0.0, -0.74079187]])
    close(
        grads["dW1"],
        [
            [0.41010002, 0.07807203, 0.13798444, 0.10502167],
            [0.0, 0.0, 0.0, 0.0],
            [0.05283652, 0.01005865, 0.01777766, 0.0135308],
        ],
    )
    close(grads["db1"], [[-0.22007063], [0.0], [-0.02835349]])


def test_course_update_parameters():
    W1, b1, W2, b2 = draws(2, (3, 4), (3, 1), (1, 3), (1, 1))
    dW1, db1, dW2, db2 = draws(3, (3, 4), (3, 1), (1, 3), (1, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    updated = COURSE["update_parameters"](parameters, grads, 0.1)
    close(
        updated["W1"],
        [
            [-0.59562069, -0.09991781, -2.14584584, 1.82662008],
            [-1.76569676, -0.80627147, 0.51115557, -1.18258802],
            [-1.0535704, -0.86128581, 0.68284052, 2.20374577],
        ],
    )
    close(updated["b1"], [[-0.04659241], [-1.28888275], [0.53405496]])
    close(updated["W2"], [[-0.55569196, 0.0354055, 1.32964895]])
    close(updated["b2"], [[-0.84610769]])
    np.testing.assert_array_equal(parameters["W1"], W1)  # the inputs are unchanged


def test_course_L_layer_model():
    (X,) = draws(1, (10, 10))
    Y = np.array([1, 1, 1, 1, 0, 0, 0, 1, 1, 0]).reshape(1, 10)
    params, costs = COURSE["L_layer_model"](X, Y, (10, 5, 6, 1), 0.0075, 2)
    close(costs, [0.70723944])
    close(params["W3"], [[-0.09079199, -0.08117381, 0.07667568, 0.16665535, 0.08029575, 0.04805811]])
    close(params["b3"], [[0.0013201]])
    close(params["b1"], [[-2.16491028e-04], [1.50999130e-04], [8.71516045e-06], [5.57557615e-05], [-2.90746349e-05]])
    close(params["W1"][0], [0.51384638, -0.19333098, -0.16705238, -0.33923196, 0.273477, -0.72775498, 0.55170785,
                            -0.24077478, 0.10082452, -0.07882423])  # fmt: skip
    params, costs = COURSE["L_layer_model"](X, Y, (10, 5, 6, 1), 0.02, 3)
    close(costs, [0.70723944])
    close(params["W3"], [[-0.09087434, -0.07882982, 0.07821609, 0.16442826, 0.0783229, 0.04648216]])
    close(params["b3"], [[0.00525865]])
    close(params["b2"][:, 0], [1.18811550e-06, -4.25510194e-04, 6.56178455e-04, -1.42335482e-04, -2.93618626e-04,
                               -1.75573157e-04])  # fmt: skip


# --- initialisation ------------------------------------------------------------------------------


def test_init_rules_are_the_courses_formulas_bit_for_bit():
    dims = [2, 5, 4, 1]

    def drawn(seed, scale):  # layer by layer, one RandomState: the course's order
        rs = np.random.RandomState(seed)
        return [scale(rs.randn(dims[k], dims[k - 1]), dims[k - 1], dims[k]) for k in range(1, len(dims))]

    rules = {
        0.01: lambda z, n_prev, n: z * 0.01,  # the step-by-step notebook
        "lecun": lambda z, n_prev, n: z / np.sqrt(n_prev),  # the application notebook divides
        "xavier": lambda z, n_prev, n: z * np.sqrt(2 / (n_prev + n)),  # Glorot
        "he": lambda z, n_prev, n: z * np.sqrt(2.0 / n_prev),  # the Initialization notebook
    }
    for init, scale in rules.items():
        for seed in (1, 3):
            params = deep.initialize_parameters_deep(dims, init=init, seed=seed)
            for layer, W in enumerate(drawn(seed, scale), start=1):
                np.testing.assert_array_equal(params[f"W{layer}"], W)
                np.testing.assert_array_equal(params[f"b{layer}"], np.zeros((dims[layer], 1)))
    zeros = deep.initialize_parameters_deep(dims, init="zeros", seed=7)
    assert all(not zeros[key].any() for key in zeros)


def test_initialisation_records_and_never_touches_the_global_generator():
    state = np.random.get_state()[1].copy()
    params = deep.initialize_parameters_deep([3, 4, 1], activation="elu", output="identity")
    assert params.activation.name == "elu" and params.output == "identity" and params.layer_sizes == (3, 4, 1)
    deep.train(*datasets.load_planar_dataset(), [2, 3, 3, 1], num_iterations=5)
    assert np.array_equal(np.random.get_state()[1], state)


# --- the record travels: Parameters and caches ------------------------------------------------------

X, Y = datasets.load_planar_dataset()
X40, Y40 = X[:, ::10], Y[:, ::10]  # 40 flower points


def test_model_forward_caches_carry_the_record_to_model_backward():
    params = deep.initialize_parameters_deep([2, 4, 3, 1], init="xavier", seed=2, activation="tanh")
    AL, caches = deep.model_forward(X40, params)
    grads = deep.model_backward(AL, Y40, caches)
    plain = deep.model_backward(AL, Y40, list(caches), activation="tanh")
    assert sorted(grads) == sorted(plain) == ["dA0", "dA1", "dA2", "dW1", "dW2", "dW3", "db1", "db2", "db3"]
    for key in grads:
        np.testing.assert_array_equal(grads[key], plain[key])
    relu = deep.model_backward(AL, Y40, list(caches), activation="relu")
    assert not np.array_equal(relu["dW1"], grads["dW1"])  # the activation really is what the caches record
    with pytest.raises(ValueError, match="pass activation="):
        deep.model_backward(AL, Y40, list(caches))
    with pytest.raises(ValueError, match="activation="):
        deep.model_forward(X40, dict(params))
    AL_plain, _ = deep.model_forward(X40, dict(params), activation="tanh")
    np.testing.assert_array_equal(AL_plain, AL)
    np.testing.assert_array_equal(AL, model.forward(X40, params, "tanh")["A3"])  # model's numbers, not a copy


def test_update_parameters_keeps_the_record_and_steps_every_layer():
    params = deep.initialize_parameters_deep([2, 4, 3, 1], init="he", seed=2, activation="leaky_relu")
    AL, caches = deep.model_forward(X40, params)
    grads = deep.model_backward(AL, Y40, caches)
    new = deep.update_parameters(params, grads, 0.5)
    assert isinstance(new, deep.Parameters) and new.activation.same_function(params.activation)
    for key in params:
        np.testing.assert_array_equal(new[key], params[key] - 0.5 * grads["d" + key])
    assert type(deep.update_parameters(dict(params), grads, 0.5)) is dict


# --- the same network as course_utils.network, for one hidden layer ---------------------------------


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "elu"])
def test_one_hidden_layer_gives_the_networks_numbers(activation):
    params = network.initialize_parameters(2, 4, init=0.5, seed=3, activation=activation)
    A2, cache = network.forward_propagation(X, params)
    AL, caches = deep.model_forward(X, params)
    np.testing.assert_array_equal(AL, A2)
    np.testing.assert_array_equal(caches[0][1], cache["Z1"])
    np.testing.assert_array_equal(caches[1][0][0], cache["A1"])
    expected = network.backward_propagation(params, cache, X, Y)
    grads = deep.model_backward(AL, Y, caches)  # the course's route through dAL: the same up to round-off
    for key in expected:
        np.testing.assert_allclose(grads[key], expected[key], rtol=1e-10, atol=1e-15)
    labels = deep.predict(params, X)
    np.testing.assert_array_equal(labels, network.predict(params, X))
    np.testing.assert_array_equal(deep.predict_proba(params, X), network.predict_proba(params, X))


def test_one_hidden_layer_training_gives_the_networks_numbers():
    params, costs = deep.train(
        X, Y, [2, 4, 1], activation="tanh", learning_rate=1.2, num_iterations=1000, init=0.01, seed=2
    )
    expected, expected_costs = network.train(X, Y, n_hidden=4, learning_rate=1.2, num_iterations=1000, seed=2)
    np.testing.assert_array_equal(costs, expected_costs)  # the same engine path, the same initial draws
    for key in expected:
        np.testing.assert_array_equal(params[key], expected[key])


# --- gradient checks: every built-in activation, depths 1-4, both outputs -------------------------------

WRONG_TANH = activations.Activation("tanh (derivative forgot the square)", np.tanh, lambda z: 1 - np.tanh(z))
MINE = activations.Activation("my softsign", lambda z: z / (1 + np.abs(z)), lambda z: 1 / (1 + np.abs(z)) ** 2)
TARGETS = np.sin(2 * X40[:1]) + X40[1:]  # regression targets for the identity output


@pytest.mark.parametrize("output", ["sigmoid", "identity"])
@pytest.mark.parametrize("depth", [1, 2, 3, 4])
@pytest.mark.parametrize("activation", [*activations.available(), MINE], ids=lambda a: getattr(a, "name", a))
def test_gradient_check_passes_at_every_depth(activation, depth, output):
    error = deep.gradient_check(
        X40, Y40 if output == "sigmoid" else TARGETS, [2] + [4] * depth + [1], activation, output=output
    )
    assert 0 < error < 1e-7


def test_gradient_check_catches_a_wrong_derivative_and_checks_l2():
    assert deep.gradient_check(X40, Y40, [2, 4, 4, 1], WRONG_TANH) > 1e-3
    assert deep.gradient_check(X40, Y40, [2, 4, 4, 1], "relu", l2=0.7) < 1e-7


# --- training -------------------------------------------------------------------------------------


def test_train_records_every_100_iterations_before_the_update_with_the_l2_term(capsys):
    dims, l2 = [2, 5, 3, 1], 0.7
    params, costs = deep.train(X, Y, dims, learning_rate=0.05, num_iterations=250, l2=l2, print_cost=True)
    assert costs.shape == (3,)
    start = deep.initialize_parameters_deep(dims, init="lecun", seed=1)
    penalty = l2 / (2 * 400) * sum(np.sum(start[f"W{k}"] ** 2) for k in (1, 2, 3))
    assert costs[0] == pytest.approx(model.cost(model.logits(X, start, "relu"), Y) + penalty, rel=1e-14)
    printed = capsys.readouterr().out.splitlines()
    assert printed == [f"Cost after iteration {i}: {c:f}" for i, c in zip((0, 100, 200), costs)]
    after_one, _ = deep.train(X, Y, dims, learning_rate=0.05, num_iterations=1, l2=l2)
    plain, _ = deep.train(X, Y, dims, learning_rate=0.05, num_iterations=1)
    # the L2 term's gradient (l2 / m) W shrinks every weight a little more
    np.testing.assert_allclose(after_one["W2"], plain["W2"] - 0.05 * l2 / 400 * start["W2"], rtol=1e-12)
    np.testing.assert_array_equal(after_one["b2"], plain["b2"])
    assert isinstance(params, deep.Parameters) and params.activation.name == "relu"


def reference_train(X, Y, dims, activation, learning_rate, num_iterations, init, seed, l2=0.0, output="sigmoid"):
    """The course's step-by-step loop (tests/test_engine.py's reference) from deep.train's start."""
    act = activations.as_activation(activation)
    start = dict(deep.initialize_parameters_deep(dims, init, seed, act, output))
    return reference_loop(X, Y, start, act, learning_rate, num_iterations, l2, output)


@pytest.mark.parametrize(
    "dims, activation, l2, output",
    [
        ([2, 8, 8, 8, 1], "relu", 0.0, "sigmoid"),
        ([2, 5, 3, 1], "tanh", 0.7, "sigmoid"),
        ([2, 4, 4, 4, 4, 1], "elu", 0.2, "sigmoid"),
        ([2, 6, 1], "leaky_relu", 0.5, "sigmoid"),
        ([2, 6, 6, 1], "sigmoid", 0.0, "identity"),
    ],
)
def test_train_on_the_engine_agrees_with_the_plain_loop(dims, activation, l2, output):
    target = Y if output == "sigmoid" else X[:1] * X[1:]
    rate = 0.05 if output == "sigmoid" else 0.01
    params, costs = deep.train(
        X, target, dims, activation, rate, num_iterations=700, init="xavier", seed=3, l2=l2, output=output
    )
    expected, expected_costs = reference_train(X, target, dims, activation, rate, 700, "xavier", 3, l2, output)
    np.testing.assert_allclose(costs, expected_costs, rtol=1e-11)
    for key in expected:
        np.testing.assert_allclose(params[key], expected[key], rtol=1e-9, atol=1e-12, err_msg=key)
    assert params.output == output and params.activation.name == activation


def test_train_prints_the_costs_before_a_divergence(capsys):
    with pytest.raises(TrainingDiverged) as info:
        deep.train(
            X, Y, [2, 8, 8, 8, 1], "leaky_relu", learning_rate=2.0, num_iterations=1000, init="he", print_cost=True
        )
    printed = capsys.readouterr().out.splitlines()
    assert printed == [f"Cost after iteration {i}: {c:f}" for i, c in zip(range(0, 1000, 100), info.value.costs)]
    assert info.value.iteration == 100 * len(printed) and info.value.params is not None
    with pytest.raises(ValueError, match=r"at least one hidden layer, e\.g\. \[2, 4, 1\]"):
        deep.train(X, Y, [2, 1])


def test_train_stays_finite_where_the_output_saturates():
    params, costs = deep.train(X, Y, [2, 8, 8, 1], init=10.0, learning_rate=0.001, num_iterations=200)
    AL = deep.predict_proba(params, X)
    assert ((AL == 0) | (AL == 1)).any()  # saturated: the course's cost would be inf, its dAL NaN
    assert network.compute_cost(AL, Y) == np.inf
    assert np.all(np.isfinite(costs)) and all(np.all(np.isfinite(value)) for value in params.values())


def test_train_learns_at_depth_with_any_activation():
    for activation in ("relu", "tanh", MINE):
        params, costs = deep.train(X, Y, [2, 8, 8, 1], activation, learning_rate=0.3, num_iterations=1500, init="he")
        assert costs[-1] < 0.8 * costs[0]
        assert network.accuracy(deep.predict(params, X), Y) > 75


def test_train_regression_and_divergence():
    x = np.linspace(-2, 2, 50).reshape(1, -1)
    params, costs = deep.train(
        x, x**2, [1, 8, 8, 1], "tanh", learning_rate=0.05, num_iterations=2000, output="identity"
    )
    assert costs[-1] < 0.1 * costs[0]
    np.testing.assert_array_equal(deep.predict(params, x), model.forward(x, params, "tanh", "identity")["A3"])
    with pytest.raises(ValueError, match="regression"):
        deep.predict_proba(params, x)
    with pytest.raises(TrainingDiverged, match="diverged") as info:
        deep.train(x, 1e3 * x**2, [1, 8, 8, 1], "relu", learning_rate=5.0, num_iterations=1000, output="identity")
    assert np.all(np.isfinite(info.value.costs)) and info.value.params is not None


def test_predict_is_the_threshold_on_the_probabilities():
    params, _ = deep.train(X, Y, [2, 6, 6, 1], "tanh", learning_rate=0.3, num_iterations=300, init="xavier")
    np.testing.assert_array_equal(deep.predict(params, X), (deep.predict_proba(params, X) > 0.5).astype(np.int64))


# --- bad input: the messages say what to do -----------------------------------------------------------


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: deep.initialize_parameters_deep([2]), ValueError, "at least two sizes"),
        (lambda: deep.initialize_parameters_deep([2, 0, 1]), ValueError, r"layer_dims\[1\] must be >= 1"),
        (lambda: deep.initialize_parameters_deep([2, 4.0, 1]), TypeError, r"layer_dims\[1\] must be an int"),
        (lambda: deep.train(X.T, Y.T, [2, 3, 1]), ValueError, r"pass X\.T"),
        (lambda: deep.model_forward(X.T, deep.initialize_parameters_deep([2, 3, 1])), ValueError, r"pass X\.T"),
        (lambda: deep.train(X, Y, [2, 3, 1], l2=float("nan")), ValueError, "l2 must be a finite number"),
        (lambda: deep.train(X, Y, [2, 3, 1], l2=-1.0), ValueError, "l2 must be >= 0"),
        (lambda: deep.train(X, Y, [2, 3, 1], learning_rate="0.01"), TypeError, "learning_rate must be a real number"),
        (lambda: deep.train(X, Y, [2, 3, 2]), ValueError, "must end with 1, the output unit"),
        (lambda: deep.train(X, Y, [3, 3, 1]), ValueError, r"layer_dims\[0\] is 3, but X has 2 features"),
    ],
)
def test_bad_input_messages_name_the_fix(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_caches_and_grads_from_another_network_are_refused():
    small = deep.initialize_parameters_deep([2, 3, 1], activation="tanh")
    big = deep.initialize_parameters_deep([2, 4, 4, 1], activation="tanh")
    AL, caches = deep.model_forward(X40, big)
    _, other = deep.model_forward(X40, small)
    with pytest.raises(ValueError, match="different networks"):
        deep.model_backward(AL, Y40, [other[0], *caches[1:]], activation="tanh")
    with pytest.raises(ValueError, match="AL"):
        deep.model_backward(AL[:, :5], Y40, caches)
    grads = deep.model_backward(AL, Y40, caches)
    with pytest.raises(ValueError, match=r"grads is missing dW3"):
        deep.update_parameters(big, {k: v for k, v in grads.items() if k != "dW3"}, 0.1)
    with pytest.raises(ValueError, match=r"grads\['dW1'\] must have the shape"):
        deep.update_parameters(small, {**grads, "dW2": np.ones((1, 3)), "db2": np.ones((1, 1))}, 0.1)
    with pytest.raises(TypeError, match="network.forward_propagation"):
        deep.model_backward(AL, Y40, network.forward_propagation(X40, network.initialize_parameters(2, 3))[1])


def test_the_one_backward_pass_keeps_the_one_hidden_layer_bits():
    """network.backward_propagation now runs model._backward: the same operations as its old formulas."""
    params = network.initialize_parameters(2, 5, 1, init=0.5, seed=4, activation="elu")
    A2, cache = network.forward_propagation(X, params)
    m, act = X.shape[1], params.activation
    dZ2 = cache["A2"] - Y
    dZ1 = (params["W2"].T @ dZ2) * act.derivative(cache["Z1"])
    old = {  # network._backward before the fold
        "dW1": dZ1 @ X.T / m,
        "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
        "dW2": dZ2 @ cache["A1"].T / m,
        "db2": np.sum(dZ2, axis=1, keepdims=True) / m,
    }
    grads = network.backward_propagation(params, cache, X, Y)
    assert list(grads) == list(old)
    for key in old:
        np.testing.assert_array_equal(grads[key], old[key])
