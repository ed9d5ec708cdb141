"""Tests of course_utils.model: the one reference for what the network computes, at any depth.

For one hidden layer its numbers are the one-hidden-layer network's, bit for bit (forward pass, cost from
the logits, labels); at any depth they are what the formulas in its docstring say.
"""

import numpy as np
import pytest

from course_utils import activations, datasets, experiments, model, network

X, Y = datasets.load_planar_dataset()
MINE = activations.Activation("my tanh", np.tanh, lambda z: 1 - np.tanh(z) ** 2)
EVERY_ACTIVATION = [*activations.available(), MINE]


def _name(act):
    return act if isinstance(act, str) else act.name


# --- one hidden layer: the network's numbers, bit for bit -------------------------------------------


@pytest.mark.parametrize("activation", EVERY_ACTIVATION, ids=_name)
@pytest.mark.parametrize("output", ["sigmoid", "identity"])
def test_one_hidden_layer_forward_is_the_networks_bit_for_bit(activation, output):
    params = network.initialize_parameters(2, 5, init=1.0, seed=4, activation=activation, output=output)
    A2, cache = network.forward_propagation(X, params)
    values = model.forward(X, params, activation, output)
    assert sorted(values) == sorted(cache) == ["A1", "A2", "Z1", "Z2"]
    for key in cache:
        np.testing.assert_array_equal(values[key], cache[key])
    np.testing.assert_array_equal(values["A2"], A2)
    np.testing.assert_array_equal(model.logits(X, params, activation), cache["Z2"])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cost_from_logits_is_the_networks_bit_for_bit(seed):
    params = network.initialize_parameters(2, 4, init=0.5, seed=seed, activation="relu")
    Z2 = model.logits(X, params, "relu")
    assert model.cost(Z2, Y) == network.compute_cost_from_logits(Z2, Y)
    # the course's form from probabilities agrees up to round-off
    assert model.cost(Z2, Y) == pytest.approx(network.compute_cost(model.output_unit(Z2), Y), rel=1e-12)


def test_cost_stays_finite_where_probabilities_round_to_0_or_1():
    Z, labels = np.array([[800.0, -800.0, 0.0]]), np.array([[0, 1, 1]])
    assert model.cost(Z, labels) == pytest.approx((800 + 800 + np.log(2)) / 3, rel=1e-15)
    assert network.compute_cost(model.output_unit(Z), labels) == np.inf  # what the course's formula gives


def test_regression_cost_is_half_the_mean_squared_error():
    Z, targets = np.array([[0.5, -1.0, 2.0, 4.0]]), np.array([[1.5, -1.0, 0.0, 4.5]])
    assert model.cost(Z, targets, "identity") == (1.0 + 0.0 + 4.0 + 0.25) / 4 / 2


def test_labels_are_one_where_the_probability_exceeds_one_half():
    tiny = np.nextafter(0.0, 1.0)
    Z = np.array([[-np.inf, -800.0, -1e-300, -tiny, -0.0, 0.0, tiny, 1e-17, 1e-300, 3.0, 800.0, np.inf]])
    np.testing.assert_array_equal(model.labels(Z), [[0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]])
    assert model.labels(Z).dtype == np.int64
    params, _ = network.train(X, Y, n_hidden=3, num_iterations=300)
    np.testing.assert_array_equal(model.labels(model.logits(X, params, "tanh")), network.predict(params, X))


# --- any depth: the formulas ---------------------------------------------------------------------


def _random_params(layer_sizes, seed=0, scale=1.0):
    rs = np.random.RandomState(seed)
    params = {}
    for layer in range(1, len(layer_sizes)):
        params[f"W{layer}"] = rs.randn(layer_sizes[layer], layer_sizes[layer - 1]) * scale
        params[f"b{layer}"] = rs.randn(layer_sizes[layer], 1) * scale
    return params


def test_forward_at_depth_three_follows_the_formulas():
    params = _random_params([2, 6, 5, 4, 1])
    values = model.forward(X, params, "relu")
    A = X
    for layer in range(1, 4):  # written out in plain numpy, as the course writes it: exact operations
        Z = np.dot(params[f"W{layer}"], A) + params[f"b{layer}"]
        A = np.maximum(Z, 0)
        np.testing.assert_array_equal(values[f"Z{layer}"], Z)
        np.testing.assert_array_equal(values[f"A{layer}"], A)
    Z4 = np.dot(params["W4"], A) + params["b4"]
    np.testing.assert_array_equal(values["Z4"], Z4)
    np.testing.assert_allclose(values["A4"], 1 / (1 + np.exp(-Z4)), rtol=1e-15)
    np.testing.assert_array_equal(model.logits(X, params, "relu"), Z4)
    np.testing.assert_array_equal(model.forward(X, params, "relu", "identity")["A4"], Z4)
    np.testing.assert_array_equal(model.linear(X, params["W1"], params["b1"]), values["Z1"])


def test_output_derivative_is_the_output_units_slope():
    Z = np.linspace(-30, 30, 61).reshape(1, -1)
    slope = 1 / (1 + np.exp(-Z)) / (1 + np.exp(Z))  # sigma(z) sigma(-z): no cancellation in 1 - sigma
    np.testing.assert_allclose(model.output_derivative(Z), slope, rtol=1e-14)
    np.testing.assert_array_equal(model.output_derivative(Z, "identity"), np.ones_like(Z))
    np.testing.assert_array_equal(model.output_unit(Z, "identity"), Z)


def test_dead_units_are_those_with_zero_slope_on_every_example():
    params = _random_params([2, 4, 3, 1], seed=3)
    params["W1"][1], params["b1"][1] = 0.0, -1.0  # unit 2 of layer 1: Z = -1 everywhere, a dead ReLU
    params["W2"][2], params["b2"][2] = 0.0, -5.0  # unit 3 of layer 2
    dead = model.dead_by_layer(X, params, "relu")
    values = model.forward(X, params, "relu")
    for layer, mask in enumerate(dead, start=1):  # a ReLU unit is dead where Z <= 0 on every example
        np.testing.assert_array_equal(mask, np.all(values[f"Z{layer}"] <= 0, axis=1))
    assert dead[0].tolist() == [False, True, False, False] and dead[1][2] and not dead[1].all()
    assert [mask.sum() for mask in model.dead_by_layer(X, params, "leaky_relu")] == [0, 0]  # never flat
    np.testing.assert_array_equal(model.dead(np.array([[0.0, 0.0], [0.0, 1.0]])), [True, False])
    one_hidden = network.Parameters(_random_params([2, 6, 1], seed=5, scale=2.0), "relu")
    one_hidden["b1"][:3] = -50.0
    assert experiments.dead_units(one_hidden, X) == int(model.dead_by_layer(X, one_hidden, "relu")[0].sum()) >= 3


def test_bad_input_is_named():
    params = _random_params([2, 3, 1])
    with pytest.raises(ValueError, match=r"pass X\.T"):
        model.forward(X.T, params, "tanh")
    with pytest.raises(ValueError, match="Z must be the output unit's logits"):
        model.cost(np.zeros((2, 400)), Y)
    with pytest.raises(ValueError, match="unknown output"):
        model.forward(X, params, "tanh", "softmax")


def test_relative_error_compares_gradients_with_central_differences():
    params = {"W1": np.array([[0.3, -1.2]]), "b1": np.array([[0.7]])}

    def cost():  # J = sum(W1**3) / 3 + exp(b1): dJ/dW1 = W1**2, dJ/db1 = exp(b1)
        return float(np.sum(params["W1"] ** 3) / 3 + np.exp(params["b1"][0, 0]))

    right = {"dW1": params["W1"] ** 2, "db1": np.exp(params["b1"])}
    before = {key: value.copy() for key, value in params.items()}
    assert model.relative_error(right, params, cost) < 1e-8
    for key in params:  # nudged and put back
        np.testing.assert_array_equal(params[key], before[key])
    wrong = {"dW1": params["W1"] ** 2, "db1": params["b1"]}  # d/db of exp(b) is not b
    assert model.relative_error(wrong, params, cost) > 0.1
    assert model.relative_error({"dW1": np.zeros((1, 2)), "db1": np.zeros((1, 1))}, params, lambda: 1.0) == 0.0
