"""Misuse: the right types used slightly wrongly, the way a learner does.

tests/test_bad_inputs.py covers bad values (a string for a number, NaN, a wrong shape). This table covers
misuse: parameters that lost their record, a transposed array that happens to fit, a score that should be
minimised, a learner's activation that is not elementwise, a network used with another activation. The
contract of every row is the one in DEVELOPERS.md: **the call gives the correct answer, or raises an error
that names the fix.** Never a number computed with another activation, output, axis or direction than the
learner's objects record.

A row is ``gives(label, call, check)`` (``check(result)`` asserts the correct answer) or
``raises(label, call, fix)`` (a ``ValueError``/``TypeError`` whose message matches the regex ``fix``, the
words that tell the learner what to do). A row's label starts with the name of the public callable it
uses, and every public callable of course_utils has at least one row (the last test names the missing).
"""

import pickle
import re

import matplotlib

matplotlib.use("Agg")
import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import DataConversionWarning
from sklearn.metrics import r2_score

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
from tests.public_api import PUBLIC, credited, deadline, takes_arguments

X_ALL, Y_ALL = datasets.load_planar_dataset()
X, Y = X_ALL[:, ::4], Y_ALL[:, ::4]  # 100 flower points: fast rows
RELU, _ = network.train(X, Y, n_hidden=8, activation="relu", learning_rate=0.5, num_iterations=600, seed=2)
TANH, _ = network.train(X, Y, n_hidden=4, num_iterations=300)
XS = np.linspace(-3, 3, 40).reshape(1, -1)
FIT, _ = network.train(XS, np.sin(XS), n_hidden=6, learning_rate=0.1, num_iterations=300, output="identity")
NOT_ELEMENTWISE = activations.Activation("my relu", lambda z: np.max(z, 0), lambda z: (z > 0) * 1.0)


def course_loop(activation_for_init, activation_in_loop, rounds=300):
    """The course's step-by-step loop: initialise, then forward, backward, update ``rounds`` times."""
    P = network.initialize_parameters(2, 4, 1, seed=2, **activation_for_init)
    for _ in range(rounds):
        A2, cache = network.forward_propagation(X, P, activation_in_loop)
        grads = network.backward_propagation(P, cache, X, Y, activation_in_loop)
        P = network.update_parameters(P, grads, learning_rate=1.2)
    return P


def my_relu():
    """A learner's ReLU, built anew each call, as re-running its notebook cell does."""
    return activations.Activation("my relu", lambda z: np.maximum(z, 0.0), lambda z: (z > 0) * 1.0)


def rows_of_compare(**kwargs):
    settings = dict(activations=("tanh", "relu"), hidden_sizes=(1, 8), seeds=(0,), num_iterations=400, progress=False)
    return experiments.compare(X, Y, **{**settings, **kwargs})


ROWS_TEST = rows_of_compare(test_size=0.3)


def same_as(expected):
    return lambda result: np.testing.assert_array_equal(result, expected)


ROWS = []


def gives(label, call, check):
    ROWS.append(pytest.param(call, ("gives", check), id=label))


def raises(label, call, fix, error=(ValueError, TypeError)):
    ROWS.append(pytest.param(call, ("raises", error, fix), id=label))


# --- parameters that lost their record (issue: a plain dict silently counted as tanh) -------------------

raises(
    "initialize_parameters-tanh-default-then-relu-loop",
    lambda: course_loop({}, "relu", rounds=1),
    r"trained with Activation\('tanh'\).*pass it to initialize_parameters",
)
_LOOP = course_loop({"activation": "relu"}, None)
gives("initialize_parameters-relu-loop-stays-relu", lambda: network.predict(_LOOP, X), same_as(
    network.predict(dict(_LOOP), X, "relu")))  # fmt: skip
gives(
    "update_parameters-keeps-the-record",
    lambda: network.update_parameters(_LOOP, {f"d{k}": 0 * v for k, v in _LOOP.items()}).activation,
    lambda act: act.same_function(activations.get("relu")),
)
raises("predict-dict-of-parameters", lambda: network.predict(dict(RELU), X), r"plain dict.*pass activation=")
gives(
    "predict-dict-with-its-activation",
    lambda: network.predict(dict(RELU), X, "relu"),
    same_as(network.predict(RELU, X)),
)
gives("predict-params.copy", lambda: network.predict(RELU.copy(), X), same_as(network.predict(RELU, X)))
raises("predict_proba-dict-comprehension", lambda: network.predict_proba({k: v for k, v in RELU.items()}, X),
       r"plain dict.*activation=")  # fmt: skip
raises("predict-regression-as-dict", lambda: network.predict(dict(FIT), XS), r"output='identity'")
gives("predict-regression-as-dict-told", lambda: network.predict(dict(FIT), XS, "tanh", output="identity"),
      same_as(network.predict(FIT, XS)))  # fmt: skip
raises("predict_proba-regression", lambda: network.predict_proba(FIT, XS), r"regression.*use predict")
raises("forward_propagation-another-activation", lambda: network.forward_propagation(X, RELU, "tanh"),
       r"another function \(tanh, not ReLU\).*Leave activation out")  # fmt: skip
raises("backward_propagation-plain-dict", lambda: network.backward_propagation(
    dict(TANH), network.forward_propagation(X, TANH)[1], X, Y), r"activation=")  # fmt: skip
raises("trained_activation-plain-dict", lambda: network.trained_activation(dict(TANH)), r"activation=")
raises("usage-another-output", lambda: network.usage(FIT, output="sigmoid"), r"output 'identity'")
raises("dead_units-plain-dict", lambda: experiments.dead_units(dict(RELU), X), r"activation=")
gives("dead_units-recorded", lambda: experiments.dead_units(RELU, X), lambda n: n == experiments.dead_units(
    dict(RELU), X, "relu"))  # fmt: skip
raises("HiddenLayerSum-from_params-plain-dict", lambda: approximation.HiddenLayerSum.from_params(dict(FIT)),
       r"activation=")  # fmt: skip
gives("HiddenLayerSum-from_params-is-the-network", lambda: approximation.HiddenLayerSum.from_params(FIT)(XS[0]),
      lambda s: np.testing.assert_allclose(s, network.predict(FIT, XS)[0], rtol=1e-12, atol=1e-12))  # fmt: skip
raises("hidden_unit_values-plain-dict", lambda: plotting.hidden_unit_values(dict(RELU), X), r"activation=")
gives("plot_hidden_units-titles-the-recorded-activation",
      lambda: plotting.plot_hidden_units(_LOOP, X, Y, resolution=20)[0].get_figure(root=True).get_suptitle(),
      lambda title: "ReLU" in title and "tanh" not in title)  # fmt: skip
raises("plot_decision_boundary-plain-dict", lambda: plotting.plot_decision_boundary(dict(RELU), X, Y),
       r"plain dict.*Parameters.*lambda P")  # fmt: skip
gives("decision_values-Parameters", lambda: plotting.decision_values(RELU, X, resolution=10)[2],
      lambda v: v.shape == (10, 10) and 0 <= v.min() and v.max() <= 1)  # fmt: skip
raises("check_layers-deep-params-to-network", lambda: network.predict(
    {**dict(TANH), "W3": np.ones((1, 1)), "b3": np.zeros((1, 1))}, X, "tanh"), r"use course_utils\.deep")  # fmt: skip
_TANH_GRADS = network.backward_propagation(TANH, network.forward_propagation(X, TANH)[1], X, Y)
_TANH_GRADS_OF_RELU = network.backward_propagation(RELU, network.forward_propagation(X, RELU)[1], X, Y)
raises("check_layers-grads-as-params", lambda: network.predict(_TANH_GRADS, X), r"gradients.*pass the parameters")
raises("Parameters-pickle-a-lambda-activation", lambda: pickle.dumps(
    network.initialize_parameters(2, 3, activation=my_relu())), r"cannot be pickled.*def in a module")  # fmt: skip
raises("layer_keys-float", lambda: parameters.layer_keys(2.0), r"n_layers must be an int")
gives("init_or_old_name-the-old-name", lambda: parameters.init_or_old_name(0.01, "he", 0.01), lambda init: init == "he")
gives("train-init_scale-is-init", lambda: network.train(X, Y, num_iterations=200, init_scale=0.5)[1],
      same_as(network.train(X, Y, num_iterations=200, init=0.5)[1]))  # fmt: skip
raises("train-init-and-init_scale", lambda: network.train(X, Y, init=0.5, init_scale=0.1), r"not both")
gives("check_settings-old-names", lambda: playground.check_settings(init_scale="he", test_share=0.5),
      lambda s: s["init"] == "he" and s["test_size"] == 0.5 and "init_scale" not in s)  # fmt: skip
gives("compare-init_scale-is-init", lambda: rows_of_compare(init_scale=0.5)[0]["final_cost"],
      lambda cost: cost == rows_of_compare(init=0.5)[0]["final_cost"])  # fmt: skip
gives("OneHiddenLayerClassifier-init_scale-is-init", lambda: network.OneHiddenLayerClassifier(
    max_iter=100, init_scale=0.5).fit(X.T, Y.ravel()).loss_curve_, same_as(network.OneHiddenLayerClassifier(
        max_iter=100, init=0.5).fit(X.T, Y.ravel()).loss_curve_))  # fmt: skip
raises("gradient_step-grads-of-another-network", lambda: parameters.gradient_step(TANH, _TANH_GRADS_OF_RELU, 0.1),
       r"are they the gradients of these parameters")  # fmt: skip
raises("check_init-the-courses-name-for-lecun", lambda: parameters.check_init("init", "Xavier"), r"available: 'zeros'")
gives("weight_std-zeros-and-lecun", lambda: [parameters.weight_std(i, 4, 3) for i in ("zeros", "lecun", 0.5)],
      lambda found: found == [0.0, 0.5, 0.5])  # fmt: skip
gives("Parameters-from-compare-keep_params", lambda: network.predict(
    rows_of_compare(keep_params=True, activations=("relu",), hidden_sizes=(8,), seeds=(2,), learning_rate=0.5,
                    num_iterations=600)[0]["params"], X), same_as(network.predict(RELU, X)))  # fmt: skip

# --- an Activation re-defined, or not elementwise --------------------------------------------------------

_MINE, _ = network.train(X, Y, n_hidden=3, activation=my_relu(), learning_rate=0.5, num_iterations=200)
gives("predict-redefined-activation", lambda: network.predict(_MINE, X, my_relu()), same_as(network.predict(_MINE, X)))
raises(
    "predict-redefined-with-another-function",
    lambda: network.predict(_MINE, X, activations.Activation("my relu", lambda z: np.maximum(z, 0.1), np.sign)),
    r"another function under the same name 'my relu': at z = -6",
)
raises("train-not-elementwise", lambda: network.train(X, Y, activation=NOT_ELEMENTWISE, num_iterations=5),
       r"'my relu': its function returned shape .*np\.maximum\(z, 0\)")  # fmt: skip
raises("compare-not-elementwise", lambda: rows_of_compare(activations=(NOT_ELEMENTWISE,)), r"'my relu'.*elementwise")
raises("gradient_check-not-elementwise", lambda: network.gradient_check(X, Y, activation=NOT_ELEMENTWISE),
       r"'my relu'.*elementwise")  # fmt: skip
raises("OneHiddenLayerClassifier-not-elementwise", lambda: network.OneHiddenLayerClassifier(
    activation=NOT_ELEMENTWISE, max_iter=5).fit(X.T, Y.ravel()), r"'my relu'.*elementwise")  # fmt: skip
raises("run-not-elementwise", lambda: playground.run(activation=NOT_ELEMENTWISE, num_iterations=5), r"'my relu'")
raises("Playground-not-elementwise", lambda: playground.Playground(activation=NOT_ELEMENTWISE), r"'my relu'")
raises("Engine-not-elementwise", lambda: engine.Engine([(NOT_ELEMENTWISE, 1.0, dict(TANH))], X, Y), r"'my relu'")

# --- depth (issue 20): one network per entry of hidden_sizes, architectures kept apart -------------------

raises("compare-hidden_sizes-meant-as-one-network", lambda: rows_of_compare(hidden_sizes=(4, 4)),
       r"put them in a tuple: hidden_sizes=\(\(4, 4\),\)")  # fmt: skip
gives("compare-4-and-(4,)-are-one-network", lambda: rows_of_compare(hidden_sizes=((8,),))[1]["costs"],
      same_as(rows_of_compare(hidden_sizes=(8,))[1]["costs"]))  # fmt: skip
_ARCHITECTURES = rows_of_compare(activations="tanh", hidden_sizes=(8, (4, 4)), num_iterations=100)
raises("table-two-architectures-in-a-cell", lambda: results.table(_ARCHITECTURES, agg="mean"),
       r"different networks.*columns='hidden_layers'")  # fmt: skip
gives("best_per-by-hidden_layers", lambda: list(results.best_per(_ARCHITECTURES, "hidden_layers", "train_accuracy")),
      lambda keys: keys == [(8,), (4, 4)])  # fmt: skip
gives("select-hidden_layers-as-a-list-or-an-int", lambda: [len(results.select(_ARCHITECTURES, hidden_layers=value))
      for value in ([4, 4], 8, (8,))], lambda counts: counts == [1, 1, 1])  # fmt: skip
raises("deep.train-no-hidden-layer", lambda: deep.train(X, Y, [2, 1], num_iterations=10), r"e\.g\. \[2, 4, 1\]")
raises("Engine-state-of-another-engine", lambda: engine.Engine([(activations.get("tanh"), 0.1, dict(TANH))], X, Y,
       state=engine.Engine([(activations.get("tanh"), 0.1, deep.initialize_parameters_deep([2, 3, 3, 1]))] * 1 + [
           (activations.get("tanh"), 0.1, dict(TANH))], X, Y).state()), r"same models")  # fmt: skip
raises("Engine-l2-per-model-count", lambda: engine.Engine([(activations.get("tanh"), 0.1, dict(TANH))] * 2, X, Y,
       l2=[0.1]), r"one per model \(2\)")  # fmt: skip
raises("Activation-returns-nan", lambda: activations.Activation("log", np.log, lambda z: 1 / z).check_outputs(),
       r"'log'.*non-finite")  # fmt: skip
raises("as_activation-a-bare-function", lambda: activations.as_activation(np.tanh), r"Activation\('my name'")
raises("get-a-parameter-of-another-activation", lambda: activations.get("relu", slope=0.1), r"its parameters: none")
raises("generic_kernel-not-callable", lambda: activations.generic_kernel("tanh", np.cos), r"callable|Activation")
raises("declaration-of-an-Activation", lambda: activations.declaration(activations.get("elu")), r"\(act\.name\)")


def _change_a_declared_default():
    """A learner edits the declaration's defaults, hoping to change the built-in: it keeps its own."""
    activations.declaration("leaky_relu").defaults.update(slope=0.5)
    return activations.get("leaky_relu")(-1.0)


gives("declaration-defaults-edited", _change_a_declared_default, lambda value: value == -0.01)

# --- axes, orientation, shapes ------------------------------------------------------------------------

_A2 = network.predict_proba(RELU, X)
raises("compute_cost-columns", lambda: network.compute_cost(_A2.T, Y.T), r"pass A2\.T and Y\.T")
gives("compute_cost-1d", lambda: network.compute_cost(_A2[0], Y[0]), lambda c: c == network.compute_cost(_A2, Y))
raises("compute_cost-Y-transposed", lambda: network.compute_cost(_A2, Y.T), r"pass Y\.T")
raises("compute_cost-logits", lambda: network.compute_cost(_A2 * 10 - 5, Y), r"compute_cost_from_logits")
raises("compute_cost_from_logits-columns", lambda: network.compute_cost_from_logits(_A2.T, Y.T), r"pass Z2\.T")
raises("predict-X-transposed", lambda: network.predict(RELU, X.T), r"pass X\.T")
raises("train-X-transposed", lambda: network.train(X.T, Y, num_iterations=5), r"pass X\.T")
raises("train-Y-1d", lambda: network.train(X, Y.ravel(), num_iterations=5), r"Y\.reshape\(1, -1\)")
gives("train-Y-floats", lambda: network.train(X, Y.astype(float), num_iterations=300)[1],
      same_as(network.train(X, Y, num_iterations=300)[1]))  # fmt: skip
gives("train-Y-booleans", lambda: network.train(X, Y.astype(bool), num_iterations=300)[1],
      same_as(network.train(X, Y, num_iterations=300)[1]))  # fmt: skip
gives("predict-float32-X", lambda: network.predict(TANH, X.astype(np.float32)), same_as(network.predict(TANH, X)))
raises("accuracy-probabilities", lambda: network.accuracy(_A2, Y), r"probabilities.*network\.predict")
raises("accuracy-transposed", lambda: network.accuracy(network.predict(RELU, X).T, Y), r"same shape")
raises("backward_propagation-cache-of-another-width", lambda: network.backward_propagation(
    TANH, network.forward_propagation(X, RELU)[1], X, Y), r"cache\['Z1'\] must have shape \(4, 100\)")  # fmt: skip
raises("update_parameters-grads-of-another-width", lambda: network.update_parameters(
    TANH, {f"d{k}": v for k, v in RELU.items()}), r"grads\['dW1'\] must have the shape")  # fmt: skip
raises("update_parameters-learning-rate-string", lambda: network.update_parameters(TANH, _TANH_GRADS, "0.5"),
       r"learning_rate must be a real number")  # fmt: skip
raises("train-learning-rate-string", lambda: network.train(X, Y, learning_rate="1.2"), r"learning_rate must be a real")
raises("initialize_parameters-two-outputs", lambda: network.initialize_parameters(2, 4, 2), r"n_y must be <= 1")
raises("gradient_check-params-and-another-output", lambda: network.gradient_check(X, Y, params=TANH, output="identity"),
       r"output 'sigmoid'")  # fmt: skip
raises("OneHiddenLayerClassifier-predict-columns", lambda: network.OneHiddenLayerClassifier(max_iter=5).fit(
    X.T, Y.ravel()).predict(X), r"column convention.*pass X\.T")  # fmt: skip
raises("OneHiddenLayerClassifier-predict_proba-columns", lambda: network.OneHiddenLayerClassifier(max_iter=5).fit(
    X.T, Y.ravel()).predict_proba(X), r"pass X\.T")  # fmt: skip
raises("OneHiddenLayerClassifier-decision_function-columns", lambda: network.OneHiddenLayerClassifier(max_iter=5).fit(
    X.T, Y.ravel()).decision_function(X), r"pass X\.T")  # fmt: skip
raises("OneHiddenLayerClassifier-three-classes", lambda: network.OneHiddenLayerClassifier(max_iter=5).fit(
    X.T, np.arange(100) % 3), r"exactly 2 classes")  # fmt: skip
raises("OneHiddenLayerClassifier-fit-columns", lambda: network.OneHiddenLayerClassifier(max_iter=5).fit(X, Y.ravel()),
       r"pass X\.T")  # fmt: skip

# the estimators for any depth: rows, one network per hidden_layer_sizes, classifier vs regressor
_DEEP_CLF = network.NeuralNetworkClassifier((4, 4), activation="tanh", learning_rate=0.3, max_iter=300, init="he")
_DEEP_CLF_FIT = clone(_DEEP_CLF).fit(X.T, Y.ravel())
_DEEP_REG = network.NeuralNetworkRegressor((4, 4), activation="tanh", learning_rate=0.1, max_iter=300, init="he")
_DEEP_REG_FIT = clone(_DEEP_REG).fit(XS.T, np.sin(XS[0]))


def _fit_y_as_a_column():
    """A regression target made from a column (m, 1), as np.sin(x) of x (m, 1) is: scikit-learn ravels it, warning."""
    with pytest.warns(DataConversionWarning):
        return clone(_DEEP_REG).fit(XS.T, np.sin(XS.T)).predict(XS.T)


raises("NeuralNetworkClassifier-fit-columns", lambda: clone(_DEEP_CLF).fit(X, Y.ravel()), r"pass X\.T")
raises("NeuralNetworkClassifier-fit-Y-of-the-course", lambda: clone(_DEEP_CLF).fit(X.T, Y), r"pass Y\.ravel\(\)")
raises("NeuralNetworkClassifier-fit-X-and-Y-of-the-course", lambda: clone(_DEEP_CLF).fit(X, Y),
       r"pass X\.T and Y\.ravel\(\)")  # fmt: skip
raises("NeuralNetworkClassifier-predict-columns", lambda: _DEEP_CLF_FIT.predict(X), r"pass X\.T")
raises("NeuralNetworkClassifier-predict_proba-columns", lambda: _DEEP_CLF_FIT.predict_proba(X), r"pass X\.T")
raises("NeuralNetworkClassifier-decision_function-columns", lambda: _DEEP_CLF_FIT.decision_function(X), r"pass X\.T")
raises("NeuralNetworkClassifier-three-classes", lambda: clone(_DEEP_CLF).fit(X.T, np.arange(100) % 3),
       r"exactly 2 classes")  # fmt: skip
raises("NeuralNetworkClassifier-real-valued-targets", lambda: clone(_DEEP_CLF).fit(X.T, X[0]),
       r"use NeuralNetworkRegressor")  # fmt: skip
gives("NeuralNetworkClassifier-(8, 8, 8)-is-one-network-with-three-layers",  # compare's hidden_sizes would be three
      lambda: network.NeuralNetworkClassifier((8, 8, 8), max_iter=5).fit(X.T, Y.ravel()).params_.layer_sizes,
      lambda sizes: sizes == (2, 8, 8, 8, 1))  # fmt: skip
gives("NeuralNetworkClassifier-params_-with-deep.predict", lambda: deep.predict(_DEEP_CLF_FIT.params_, X)[0],
      same_as(_DEEP_CLF_FIT.predict(X.T)))  # fmt: skip
gives("NeuralNetworkClassifier-a-learners-activation-in-clone", lambda: clone(network.NeuralNetworkClassifier(
    activation=my_relu(), max_iter=5)).fit(X.T, Y.ravel()).params_.activation.name, lambda name: name == "my relu",
      )  # fmt: skip
raises("NeuralNetworkRegressor-fit-columns", lambda: clone(_DEEP_REG).fit(XS, np.sin(XS[0])), r"pass X\.T")
raises("NeuralNetworkRegressor-fit-Y-of-the-course", lambda: clone(_DEEP_REG).fit(XS.T, np.sin(XS)),
       r"pass Y\.ravel\(\)")  # fmt: skip
raises("NeuralNetworkRegressor-predict-columns", lambda: _DEEP_REG_FIT.predict(XS), r"pass X\.T")
gives("NeuralNetworkRegressor-y-as-a-column", _fit_y_as_a_column, same_as(_DEEP_REG_FIT.predict(XS.T)))
gives("NeuralNetworkRegressor-predicts-real-values-not-labels", lambda: _DEEP_REG_FIT.predict(XS.T),
      lambda values: values.dtype == np.float64 and len(np.unique(values)) == XS.shape[1])  # fmt: skip
gives("NeuralNetworkRegressor-score-is-r2", lambda: _DEEP_REG_FIT.score(XS.T, np.sin(XS[0])),
      lambda r2: r2 == pytest.approx(r2_score(np.sin(XS[0]), _DEEP_REG_FIT.predict(XS.T)), rel=1e-12))  # fmt: skip
raises("train_test_split_columns-rows", lambda: datasets.train_test_split_columns(X.T, Y), r"pass X\.T")
raises("features-rows", lambda: playground.features(X.T, ("x1^2",)), r"X")
raises("hidden_unit_values-rows", lambda: plotting.hidden_unit_values(RELU, X.T), r"pass points\.T")
raises("plot_dataset-rows", lambda: plotting.plot_dataset(X.T, Y), r"X\.T|\(2, m\)")

# --- selection direction, tables -------------------------------------------------------------------------

gives("best_per-test_error-is-minimised", lambda: results.best_per(
    [dict(r, test_error=1 - r["test_accuracy"] / 100) for r in ROWS_TEST], score="test_error"),
    lambda best: all(best[a]["test_error"] == min(1 - r["test_accuracy"] / 100 for r in ROWS_TEST
                                                   if r["activation"] == a) for a in best))  # fmt: skip
gives("best_per-final_cost-is-minimised", lambda: results.best_per(ROWS_TEST, score="final_cost"),
      lambda best: all(best[a]["final_cost"] == min(r["final_cost"] for r in ROWS_TEST if r["activation"] == a)
                       for a in best))  # fmt: skip
gives("best_per-accuracy-is-maximised", lambda: results.best_per(ROWS_TEST),
      lambda best: all(best[a]["test_accuracy"] == max(r["test_accuracy"] for r in ROWS_TEST if r["activation"] == a)
                       for a in best))  # fmt: skip
gives("best_per-explicit-direction-wins", lambda: results.best_per(ROWS_TEST, score="n_hidden", higher_is_better=False),
      lambda best: all(row["n_hidden"] == 1 for row in best.values()))  # fmt: skip
raises("best_per-a-field-of-unknown-direction", lambda: results.best_per(ROWS_TEST, score="dead_units"),
       r"higher_is_better=True or False")  # fmt: skip
gives("larger_is_better-both-kinds", lambda: [results.larger_is_better(s) for s in ("test_accuracy", "train_error")],
      lambda found: found == [True, False])  # fmt: skip
raises("table-several-seeds-without-agg", lambda: results.table(rows_of_compare(seeds=(0, 1))), r"pass agg='mean'")
raises("select-a-field-that-is-not-there", lambda: results.select(ROWS_TEST, width=8), r"fields: activation")
raises("compare-test_size-and-X_test", lambda: experiments.compare(X, Y, X_test=X, Y_test=Y, test_size=0.3),
       r"either test_size or X_test")  # fmt: skip
raises("compare-test_size-for-regression", lambda: experiments.compare(XS, np.sin(XS), output="identity",
       test_size=0.3), r"pass X_test, Y_test")  # fmt: skip
raises("compare-an-activation-twice", lambda: rows_of_compare(activations=("relu", activations.get("relu"))),
       r"distinct names")  # fmt: skip

# --- plots, data, the playground, the rest -----------------------------------------------------------------

raises("plot_costs-costs-of-several-runs", lambda: plotting.plot_costs(np.vstack([ROWS_TEST[0]["costs"]] * 2)),
       r"costs")  # fmt: skip
raises("boundary_grid-titles-of-another-length", lambda: plotting.boundary_grid([RELU, TANH], X, Y, ["one"]),
       r"titles")  # fmt: skip
raises("plot_spread-a-flat-list", lambda: plotting.plot_spread([80.0, 81.0]), r"groups")
gives(
    "plot_activation-a-bare-function",
    lambda: plotting.plot_activation(np.tanh),
    lambda ax: "tanh" in [line.get_label() for line in ax.lines],
)
raises("plot_with_derivative-a-bare-function", lambda: plotting.plot_with_derivative(np.tanh), r"Activation\('my name'")
raises("activation_gallery-a-misspelt-name", lambda: plotting.activation_gallery(["Relu"]), r"available: 'sigmoid'")
raises("make_planar-odd-m", lambda: datasets.make_planar(m=401), r"m must be even")
raises("make_toy-unknown", lambda: datasets.make_toy("moon"), r"available")
gives("load_planar_dataset-twice-the-same", lambda: datasets.load_planar_dataset()[0], same_as(X_ALL))
raises("write_planar_csv-odd-m", lambda: datasets.write_planar_csv("unused.csv", m=3), r"m must be even")
raises("layer_statistics-a-bare-function", lambda: deep_stack.layer_statistics(np.tanh), r"Activation\(")
raises("make_data-unknown", lambda: playground.make_data("spirals"), r"available")
raises("check_settings-learning-rate-string", lambda: playground.check_settings(learning_rate="0.1"), r"learning_rate")
gives("summary-says-the-activation", lambda: playground.summary(playground.run(activation="relu", num_iterations=10)),
      lambda text: "ReLU" in text or "relu" in text)  # fmt: skip
raises("plot-not-a-result", lambda: playground.plot(RELU), r"result")
raises("render_png-not-a-result", lambda: playground.render_png(RELU), r"result")
raises("Result-by-hand", lambda: playground.plot(playground.Result({}, X, Y)), r"playground\.run")
raises("divergence_message-negative-iteration", lambda: engine.divergence_message("relu", 1.0, -5, None, "cost"),
       r"iteration")  # fmt: skip
raises("approximation_error-arrays-not-functions", lambda: approximation.approximation_error(
    XS[0], XS[0], -3, 3), r"\bf\b.*callable")  # fmt: skip
raises("relu_interpolant-interval-reversed", lambda: approximation.relu_interpolant(np.sin, 3, -3, 5), r"\bb\b")
raises("sigmoid_staircase-interval-reversed", lambda: approximation.sigmoid_staircase(np.sin, 3, -3, 5), r"\bb\b")
raises("count_linear_pieces-unsorted-x", lambda: approximation.count_linear_pieces([0, 2, 1], [0, 1, 0]), r"\bx\b")
raises("observed_orders-lengths", lambda: approximation.observed_orders([0.1, 0.01], [1.0]), r"errors|spacings")
raises("sawtooth-float-k", lambda: approximation.sawtooth(XS[0], 2.5), r"\bk\b")
raises("sawtooth_one_layer-float-k", lambda: approximation.sawtooth_one_layer(2.5), r"\bk\b")
gives("tent-a-list", lambda: approximation.tent([0.0, 0.25, 0.5, 1.0]), same_as([0.0, 0.5, 1.0, 0.0]))
raises("HiddenLayerSum-weights-of-another-length", lambda: approximation.HiddenLayerSum("relu", [1.0, 2.0], [0.0],
       [1.0], 0.0), r"one entry per hidden unit")  # fmt: skip
raises("sum_of_sigmoids-weights-of-another-length", lambda: activations.sum_of_sigmoids(XS, [0.0, 1.0], [1.0]),
       r"weights")  # fmt: skip
raises("check-an-id-without-the-dot", lambda: exercises.check("011", None), r"known ids: 01\.1")
raises("evaluate-an-unknown-id", lambda: exercises.evaluate("99.9", None), r"known ids")
raises("lookup-a-number", lambda: exercises.lookup(1.1), r"string|\"01\.1\"")
raises("predicted-without-the-prediction", lambda: exercises.predicted("04.2"), r"takes 1 answer")
raises("register-an-existing-id", lambda: exercises.register("01.1", a="x")(lambda a: None), r"already")
raises("unregister-an-unknown-id", lambda: exercises.unregister("99.9"), r"99\.9")
raises("Feedback-a-message-without-its-prefix", lambda: exercises.Feedback("correct", "well done"), r"must start with")
raises("Check-not-a-bool", lambda: check_env.Check("yes", "numpy"), r"ok")
raises("check_versions-not-a-dict", lambda: check_env.check_versions("numpy>=1.26"), r"requirements")
raises("check_import_from-a-missing-folder", lambda: check_env.check_import_from(3), r"folder")
raises("check_widget_frontend-a-string", lambda: check_env.check_widget_frontend("share/jupyter"), r"data_dirs")
raises("read_requirements-a-missing-file", lambda: check_env.read_requirements(3), r"path")

# --- the playground's layers, L2 and data seed; XOR, spiral and the identity (issue 20: depth) ---------------

gives("make_xor-columns-not-rows", lambda: datasets.make_xor(m=10)[0].shape, lambda shape: shape == (2, 10))
gives("make_spiral-labels-0-and-1", lambda: datasets.make_spiral(m=10)[1], same_as([[0] * 5 + [1] * 5]))
raises("make_spiral-a-shape-for-m", lambda: datasets.make_spiral((2, 400)), r"\bm\b")
raises("make_xor-seed-from-a-generator", lambda: datasets.make_xor(seed=np.random.RandomState(0)), r"seed")
gives("check_settings-n_hidden-is-one-layer", lambda: playground.check_settings(n_hidden=3)["hidden_layers"],
      lambda sizes: sizes == (3,))  # fmt: skip
raises("check_settings-n_hidden-and-hidden_layers", lambda: playground.check_settings(n_hidden=3, hidden_layers=(3,)),
       r"not both")  # fmt: skip
raises("check_settings-the-lists-word-linear", lambda: playground.check_settings(activation="linear"), r"'identity'")
gives("run-hidden_layers-as-a-list", lambda: playground.run(hidden_layers=[3, 2], num_iterations=100).costs,
      same_as(playground.run(hidden_layers=(3, 2), num_iterations=100).costs))  # fmt: skip
gives("figure_size-an-int-is-one-layer", lambda: playground.figure_size(4), lambda size: size == playground.FIGSIZE)
gives("nonlinear-leaves-out-the-identity", lambda: set(activations.available()) - set(activations.nonlinear()),
      lambda names: names == {"identity"})  # fmt: skip
gives("Playground-regenerate-twice", lambda: _regenerated_twice().session.settings["data_seed"],
      lambda seed: seed == playground.DATA_SEED + 2)  # fmt: skip


def _regenerated_twice():
    app = playground.Playground(num_iterations=100)
    app.regenerate()
    app.regenerate()
    return app


# --- the L-layer network (deep) and the model's maths (model) ------------------------------------------------

DEEP = deep.initialize_parameters_deep([2, 5, 3, 1], init="he", seed=1)  # records ReLU
DEEP_AL, DEEP_CACHES = deep.model_forward(X, DEEP)
DEEP_GRADS = deep.model_backward(DEEP_AL, Y, DEEP_CACHES)
raises("initialize_parameters_deep-float-sizes", lambda: deep.initialize_parameters_deep([2.0, 5, 1]),
       r"layer_dims\[0\] must be an int")  # fmt: skip
raises("initialize_parameters_deep-the-courses-Xavier",  # the course's "Xavier" sqrt(1/n) is "lecun" here
       lambda: deep.initialize_parameters_deep([2, 5, 1], init="Xavier"), r"available: 'zeros', 'lecun'")  # fmt: skip
raises("model_forward-plain-dict", lambda: deep.model_forward(X, dict(DEEP)), r"plain dict.*activation=")
# a deeper network given to what draws or sums one hidden layer: named, with where to go instead
raises("plot_hidden_units-deep-params", lambda: plotting.plot_hidden_units(DEEP, X, Y, resolution=20),
       r"3 layers.*one hidden layer.*plot_decision_boundary takes any depth")  # fmt: skip
raises("HiddenLayerSum-from_params-deep-params", lambda: approximation.HiddenLayerSum.from_params(DEEP),
       r"3 layers.*a HiddenLayerSum takes one hidden layer")  # fmt: skip
gives("plot_decision_boundary-deep-params", lambda: plotting.decision_values(DEEP, X, resolution=20),
      lambda mesh: np.testing.assert_allclose(mesh[2].ravel(), deep.predict_proba(DEEP, np.vstack([mesh[0].ravel(),
      mesh[1].ravel()]))[0], rtol=1e-12))  # fmt: skip
gives("model_forward-plain-dict-told", lambda: deep.model_forward(X, dict(DEEP), "relu")[0], same_as(DEEP_AL))
raises("model_forward-another-activation", lambda: deep.model_forward(X, DEEP, "tanh"), r"another function")
raises("model_forward-X-transposed", lambda: deep.model_forward(X.T, DEEP), r"pass X\.T")
raises("model_backward-plain-list-of-caches", lambda: deep.model_backward(DEEP_AL, Y, list(DEEP_CACHES)),
       r"plain list.*activation=")  # fmt: skip
gives("model_backward-plain-list-told", lambda: deep.model_backward(DEEP_AL, Y, list(DEEP_CACHES), "relu")["dW1"],
      same_as(DEEP_GRADS["dW1"]))  # fmt: skip
raises("model_backward-Y-transposed", lambda: deep.model_backward(DEEP_AL, Y.T, DEEP_CACHES), r"shape of AL")
raises("linear_forward-W-transposed", lambda: deep.linear_forward(X, DEEP["W1"].T, DEEP["b1"]), r"do not chain")
raises("linear_activation_forward-a-bare-function", lambda: deep.linear_activation_forward(X, DEEP["W1"], DEEP["b1"],
       np.tanh), r"Activation\('my name'")  # fmt: skip
raises("linear_backward-cache-in-another-order", lambda: deep.linear_backward(np.ones((5, 100)),
       (DEEP["W1"], X, DEEP["b1"])), r"do not chain")  # fmt: skip
raises("linear_activation_backward-dA-of-another-layer", lambda: deep.linear_activation_backward(
    np.ones((1, 100)), DEEP_CACHES[0], "relu"), r"shape of the cached Z")  # fmt: skip
raises("deep.update_parameters-grads-missing-a-key", lambda: deep.update_parameters(
    DEEP, {k: v for k, v in DEEP_GRADS.items() if k != "db2"}, 0.1), r"grads is missing db2")  # fmt: skip
gives("deep.update_parameters-keeps-the-record", lambda: deep.update_parameters(DEEP, DEEP_GRADS, 0.1).activation,
      lambda act: act.same_function(activations.get("relu")))  # fmt: skip
raises("deep.train-sizes-that-do-not-fit-X", lambda: deep.train(X, Y, [3, 4, 1], num_iterations=10),
       r"the first size is the number of inputs")  # fmt: skip
raises("deep.train-X-transposed", lambda: deep.train(X.T, Y, [2, 4, 1], num_iterations=10), r"pass X\.T")
gives("deep.predict-one-hidden-layer-from-network", lambda: deep.predict(TANH, X), same_as(network.predict(TANH, X)))
raises("deep.predict_proba-regression", lambda: deep.predict_proba(FIT, XS), r"regression.*use predict")
raises("deep.gradient_check-one-size", lambda: deep.gradient_check(X[:, :10], Y[:, :10], [2], "relu"),
       r"at least two sizes")  # fmt: skip
raises("model.forward-another-activation", lambda: model.forward(X, RELU, "tanh"), r"another function")
gives("model.forward-is-network", lambda: model.forward(X, TANH)["A2"], same_as(network.predict_proba(TANH, X)))
raises("model.logits-X-transposed", lambda: model.logits(X.T, TANH), r"pass X\.T")
raises("model.linear-W-transposed", lambda: model.linear(X, DEEP["W1"].T, DEEP["b1"]), r"do not chain")
raises("model.output_unit-softmax", lambda: model.output_unit(np.zeros((1, 3)), "softmax"), r"available: 'sigmoid'")
raises("model.output_derivative-linear", lambda: model.output_derivative(np.zeros((1, 3)), "linear"),
       r"available: 'sigmoid', 'identity'")  # fmt: skip
raises("model.cost-a-column", lambda: model.cost(np.zeros((100, 1)), Y.T), r"pass Z\.T")
gives("model.labels-of-logits", lambda: model.labels(np.array([[-0.1, 0.0, 0.1]])), same_as([[0, 0, 1]]))
raises("model.dead-a-1d-array", lambda: model.dead(np.ones(5)), r"2-D")
raises("model.dead_by_layer-plain-dict", lambda: model.dead_by_layer(X, dict(DEEP)), r"activation=")
raises("model.relative_error-no-grads", lambda: model.relative_error({}, dict(DEEP), lambda: 0.0), r"grads is missing")

# activations: a Python list (or a number) gives the same values as an array, for every function
for _name in activations.available():
    for _function in (getattr(activations, _name), getattr(activations, f"{_name}_derivative")):
        gives(f"{_function.__name__}-a-list", lambda f=_function: f([-2.0, 0.0, 3.0]),
              same_as(_function(np.array([-2.0, 0.0, 3.0]))))  # fmt: skip


# --- the tests ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("call, expect", ROWS)
def test_misuse_gives_the_right_answer_or_names_the_fix(call, expect):
    with deadline(60):
        if expect[0] == "gives":
            check = expect[1](call())
            assert check is None or check is True or bool(check), "the answer is wrong"
            return
        error, fix = expect[1], expect[2]
        with pytest.raises(error) as info:
            call()
    assert re.search(fix, str(info.value), re.S), f"the message does not name the fix ({fix!r}): {info.value}"


def test_every_public_callable_has_a_misuse_row():
    covered = {credited(param.id) for param in ROWS}
    assert None not in covered, [param.id for param in ROWS if credited(param.id) is None]
    needed = {name for name, value in PUBLIC.items() if takes_arguments(value)}
    missing = sorted(needed - covered)
    assert not missing, f"public callables without a misuse row in tests/test_misuse.py: {', '.join(missing)}"
