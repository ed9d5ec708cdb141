"""course_utils.estimator: the course's networks as scikit-learn estimators.

``NeuralNetworkClassifier`` and ``NeuralNetworkRegressor`` (any depth, trained by ``deep.train``) and
``OneHiddenLayerClassifier`` (the one-hidden-layer network, trained by ``network.train``). The behaviour tests
first; then scikit-learn's own conformance checks (``parametrize_with_checks``): every check of scikit-learn's suite
(the legacy checks included) runs on a small instance of each estimator (``max_iter=200``: the checks fit many
times on small data sets, and the ones that look at the fitted model only need it to learn something).
``EXPECTED_FAILED`` lists the checks that do not apply to an estimator, each with the reason; scikit-learn marks
them xfail.
"""

import inspect

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.metrics import r2_score
from sklearn.utils.estimator_checks import parametrize_with_checks

from course_utils import activations, deep, engine, estimator, model, network
from course_utils.estimator import NeuralNetworkClassifier, NeuralNetworkRegressor, OneHiddenLayerClassifier

# --- behaviour -------------------------------------------------------------------------------------


def test_estimator_equals_train_on_0_1_labels(flower):
    X, Y = flower
    clf = OneHiddenLayerClassifier(max_iter=1000).fit(X.T, Y.ravel())
    params, costs = network.train(X, Y, num_iterations=1000)
    assert all(np.array_equal(clf.params_[k], params[k]) for k in params)
    assert np.array_equal(clf.loss_curve_, costs)
    assert isinstance(clf.params_, network.Parameters) and clf.params_.activation == activations.get("tanh")
    np.testing.assert_array_equal(clf.predict(X.T), network.predict(params, X).ravel())
    # scikit-learn's mean of matches against the course's percentage / 100: the same fraction up to round-off
    assert clf.score(X.T, Y.ravel()) == pytest.approx(network.accuracy(network.predict(params, X), Y) / 100, rel=1e-12)
    assert clf.n_features_in_ == 2 and clf.n_iter_ == 1000
    assert clf.classes_.tolist() == [0, 1]


STRING_LABEL_CLASSIFIERS = {
    "OneHiddenLayerClassifier": OneHiddenLayerClassifier(max_iter=2000),
    "NeuralNetworkClassifier": NeuralNetworkClassifier((8, 8), activation="tanh", learning_rate=0.3, init="he"),
}


@pytest.mark.parametrize("classifier", STRING_LABEL_CLASSIFIERS.values(), ids=STRING_LABEL_CLASSIFIERS.keys())
def test_estimator_with_string_labels(flower, classifier):
    X, Y = flower
    y = np.where(Y.ravel() == 1, "red", "blue")
    clf = clone(classifier).fit(X.T, y)
    assert clf.classes_.tolist() == ["blue", "red"]
    assert set(clf.predict(X.T)) == {"blue", "red"}
    proba = clf.predict_proba(X.T)
    assert proba.shape == (400, 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    decision = clf.decision_function(X.T)
    assert decision.shape == (400,)
    np.testing.assert_array_equal(clf.predict(X.T), np.where(decision > 0, "red", "blue"))
    assert clf.score(X.T, y) > 0.85
    assert clf.loss_curve_[-1] < clf.loss_curve_[0]


def test_estimator_init_only_stores_and_validates_in_fit(flower):
    X, Y = flower
    clf = OneHiddenLayerClassifier(n_hidden=-1, activation="nope", learning_rate="x")
    assert clf.get_params()["n_hidden"] == -1 and clf.get_params()["activation"] == "nope"
    with pytest.raises(ValueError, match="n_hidden must be >= 1"):
        OneHiddenLayerClassifier(n_hidden=-1).fit(X.T, Y.ravel())
    with pytest.raises(ValueError, match="learning_rate"):
        OneHiddenLayerClassifier(learning_rate=0).fit(X.T, Y.ravel())
    with pytest.raises(ValueError, match="unknown activation"):
        OneHiddenLayerClassifier(activation="nope").fit(X.T, Y.ravel())


def test_estimator_refuses_three_classes_and_unfitted_use():
    from sklearn.exceptions import NotFittedError

    X = np.arange(12.0).reshape(6, 2)
    with pytest.raises(ValueError, match="Only binary classification is supported.*got 3 classes"):
        OneHiddenLayerClassifier(max_iter=5).fit(X, [0, 1, 2, 0, 1, 2])
    with pytest.raises(NotFittedError):
        OneHiddenLayerClassifier().predict(X)


def test_estimator_rejects_bad_features(flower):
    X, Y = flower
    clf = OneHiddenLayerClassifier(max_iter=10).fit(X.T, Y.ravel())
    with pytest.raises(ValueError, match="3 features"):
        clf.predict(np.ones((4, 3)))
    Xn = X.T.copy()
    Xn[0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        OneHiddenLayerClassifier(max_iter=10).fit(Xn, Y.ravel())


RANDOM_STATE_FITS = {
    "OneHiddenLayerClassifier": lambda X, Y, state: OneHiddenLayerClassifier(max_iter=50, random_state=state).fit(
        X.T, Y.ravel()
    ),
    "NeuralNetworkClassifier": lambda X, Y, state: NeuralNetworkClassifier((3, 3), max_iter=20, random_state=state).fit(
        X.T, Y.ravel()
    ),
    "NeuralNetworkRegressor": lambda X, Y, state: NeuralNetworkRegressor((3, 3), max_iter=20, random_state=state).fit(
        X.T, X[0]
    ),
}


@pytest.mark.parametrize("fit", RANDOM_STATE_FITS.values(), ids=RANDOM_STATE_FITS.keys())
def test_estimator_random_state_kinds(flower, fit):
    X, Y = flower
    a = fit(X, Y, np.random.RandomState(0)).params_["W1"]
    b = fit(X, Y, np.random.RandomState(0)).params_["W1"]
    assert np.array_equal(a, b)
    state = np.random.get_state()[1].copy()
    fit(X, Y, None)
    assert np.array_equal(np.random.get_state()[1], state)
    with pytest.raises(ValueError, match="random_state"):
        fit(X, Y, -3)


@pytest.mark.parametrize("Classifier", (OneHiddenLayerClassifier, NeuralNetworkClassifier))
def test_estimator_declares_binary_only(Classifier):
    tags = Classifier().__sklearn_tags__()
    assert tags.classifier_tags.multi_class is False
    assert tags.estimator_type == "classifier"


def test_estimator_in_grid_search(flower):
    from sklearn.model_selection import GridSearchCV, StratifiedKFold

    X, Y = flower
    search = GridSearchCV(
        OneHiddenLayerClassifier(max_iter=1500),
        {"n_hidden": [1, 4]},
        cv=StratifiedKFold(3, shuffle=True, random_state=0),
    )
    search.fit(X.T, Y.ravel())
    assert search.best_params_ == {"n_hidden": 4}
    assert search.cv_results_["mean_test_score"][0] < 0.75 < search.cv_results_["mean_test_score"][1]


def test_estimator_with_decision_boundary_display(flower):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.inspection import DecisionBoundaryDisplay

    X, Y = flower
    clf = OneHiddenLayerClassifier(max_iter=500).fit(X.T, Y.ravel())
    display = DecisionBoundaryDisplay.from_estimator(clf, X.T, response_method="predict", grid_resolution=50)
    assert display.response.shape == (50, 50)
    assert set(np.unique(display.response)) <= {0, 1}
    plt.close("all")


# --- the estimators for any depth: NeuralNetworkClassifier and NeuralNetworkRegressor ----------------------


def my_tanh():
    """A learner's own activation."""
    return activations.Activation("my tanh", np.tanh, lambda z: 1 - np.tanh(z) ** 2)


ACTIVATIONS = (*activations.available(), "mine")
DEPTHS = (1, 2, 3, 4)


@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("name", ACTIVATIONS)
@pytest.mark.parametrize("kind", ("classifier", "regressor"))
def test_deep_estimators_are_deep_train_at_every_depth_and_activation(flower, kind, name, depth):
    X, Y = flower[0][:, ::5], flower[1][:, ::5]  # 80 points
    activation = my_tanh() if name == "mine" else name
    hidden = (3,) * depth
    settings = dict(activation=activation, learning_rate=0.05, init="xavier", l2=0.1)
    if kind == "classifier":
        Estimator, y, output = NeuralNetworkClassifier, Y.ravel(), "sigmoid"
    else:
        Estimator, y, output = NeuralNetworkRegressor, X[0] * X[1], "identity"
    fitted = Estimator(hidden_layer_sizes=hidden, max_iter=300, random_state=4, **settings).fit(X.T, y)
    params, costs = deep.train(
        X, y.reshape(1, -1), [2, *hidden, 1], num_iterations=300, seed=4, output=output, **settings
    )
    assert fitted.params_.layer_sizes == (2, *hidden, 1) and fitted.params_.output == output
    assert fitted.params_.activation.same_function(activations.as_activation(activation))
    assert fitted.loss_curve_.shape == costs.shape == (3,) and fitted.n_iter_ == 300 and fitted.n_features_in_ == 2
    np.testing.assert_allclose(fitted.loss_curve_, costs, rtol=1e-12)
    assert costs[-1] < costs[0]  # it learns
    for key in params:  # the same network up to round-off (X.T's memory layout may change the summation order)
        np.testing.assert_allclose(fitted.params_[key], params[key], rtol=1e-10, atol=1e-13)
    if kind == "classifier":
        np.testing.assert_allclose(fitted.predict_proba(X.T)[:, 1], deep.predict_proba(params, X)[0], rtol=1e-10)
        np.testing.assert_allclose(fitted.decision_function(X.T), model.logits(X, params)[0], rtol=1e-10, atol=1e-13)
        assert fitted.predict(X.T).tolist() == deep.predict(params, X)[0].tolist()
    else:
        prediction = fitted.predict(X.T)
        assert prediction.shape == (80,) and prediction.dtype == np.float64
        np.testing.assert_allclose(prediction, deep.predict(params, X)[0], rtol=1e-10, atol=1e-13)


def test_one_hidden_layer_classifier_is_the_deep_one_with_one_layer_up_to_round_off(flower):
    X, Y = flower
    course = OneHiddenLayerClassifier(max_iter=1000).fit(X.T, Y.ravel())
    deep_one = NeuralNetworkClassifier(
        4, activation="tanh", learning_rate=1.2, max_iter=1000, init=0.01, random_state=2
    )
    deep_one.fit(X.T, Y.ravel())
    for key in course.params_:
        np.testing.assert_allclose(deep_one.params_[key], course.params_[key], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(deep_one.loss_curve_, course.loss_curve_, rtol=1e-12)


def test_hidden_layer_sizes_is_one_network_as_in_scikit_learn(flower):
    X, Y = flower
    fit = lambda sizes: NeuralNetworkClassifier(hidden_layer_sizes=sizes, max_iter=200).fit(X.T, Y.ravel())
    assert fit((8, 8, 8)).params_.layer_sizes == (2, 8, 8, 8, 1)  # ONE network with three hidden layers
    one = fit(5)  # an int is one hidden layer
    assert one.params_.layer_sizes == (2, 5, 1)
    for same in ((5,), [5], np.array([5])):
        assert all(np.array_equal(fit(same).params_[k], one.params_[k]) for k in one.params_)
    assert fit([4, 3]).params_.layer_sizes == (2, 4, 3, 1)
    assert fit((4, 3)).get_params()["hidden_layer_sizes"] == (4, 3)  # stored as given


def test_defaults_are_deep_train_s_and_the_course_s_l_layer_model():
    train = inspect.signature(deep.train).parameters
    for Estimator in (NeuralNetworkClassifier, NeuralNetworkRegressor):
        params = Estimator().get_params()
        assert params == {
            "hidden_layer_sizes": (20, 7, 5),  # the course's [12288, 20, 7, 5, 1]
            "activation": train["activation"].default,
            "learning_rate": train["learning_rate"].default,
            "max_iter": train["num_iterations"].default,
            "init": train["init"].default,
            "random_state": train["seed"].default,
            "l2": train["l2"].default,
        }


def test_deep_regressor_predicts_real_values_and_scores_r2():
    x = np.linspace(-3, 3, 60).reshape(-1, 1)
    y = np.sin(x).ravel()
    reg = NeuralNetworkRegressor((8, 8), activation="tanh", learning_rate=0.1, max_iter=3000, init="xavier")
    prediction = reg.fit(x, y).predict(x)
    assert prediction.shape == (60,) and prediction.dtype == np.float64
    assert len(np.unique(prediction)) == 60  # real values, not labels
    assert reg.score(x, y) == pytest.approx(r2_score(y, prediction), rel=1e-12)
    assert reg.score(x, y) > 0.95
    assert not hasattr(reg, "predict_proba") and not hasattr(reg, "classes_")
    assert reg.params_.output == "identity"


def test_l2_shrinks_the_weights(flower):
    X, Y = flower
    fit = lambda l2: NeuralNetworkClassifier((4, 4), activation="tanh", learning_rate=0.3, max_iter=1000,
                                             init="he", l2=l2).fit(X.T, Y.ravel())  # fmt: skip
    norm = lambda clf: sum(float(np.sum(clf.params_[f"W{layer}"] ** 2)) for layer in (1, 2, 3))
    assert norm(fit(5.0)) < 0.5 * norm(fit(0.0))


def test_divergence_is_reported_with_what_to_do(flower):
    X, Y = flower
    with pytest.raises(engine.TrainingDiverged, match=r"Lower the learning rate.*StandardScaler") as info:
        NeuralNetworkClassifier((4, 4), activation="relu", learning_rate=1e300, max_iter=300).fit(X.T, Y.ravel())
    assert info.value.iteration == 100 and len(info.value.costs) == 1  # deep.train's report, passed on
    assert all(np.all(np.isfinite(value)) for value in info.value.params.values())
    with pytest.raises(engine.TrainingDiverged, match=r"Lower the learning rate.*TransformedTargetRegressor"):
        NeuralNetworkRegressor((4,), activation="relu", learning_rate=1.0, max_iter=300).fit(X.T, 1e8 * X[0])


def test_deep_estimators_validate_in_fit_only(flower):
    X, Y = flower
    clf = NeuralNetworkClassifier(hidden_layer_sizes=(4, 0), activation="nope", l2=-1.0)
    assert clf.get_params()["hidden_layer_sizes"] == (4, 0)  # __init__ only stores (scikit-learn's convention)
    with pytest.raises(ValueError, match=r"hidden_layer_sizes\[1\] must be >= 1"):
        NeuralNetworkClassifier(hidden_layer_sizes=(4, 0)).fit(X.T, Y.ravel())
    with pytest.raises(ValueError, match="l2 must be >= 0"):
        NeuralNetworkRegressor(l2=-1.0, max_iter=5).fit(X.T, X[0])
    with pytest.raises(ValueError, match="Only binary classification is supported.*got 3 classes"):
        NeuralNetworkClassifier(max_iter=5).fit(X.T, np.arange(400) % 3)


def test_deep_estimators_with_a_learners_activation_clone_and_search(flower):
    from sklearn.model_selection import GridSearchCV, StratifiedKFold

    X, Y = flower
    mine = my_tanh()
    base = NeuralNetworkClassifier(activation=mine, learning_rate=0.3, max_iter=1500, init="he")
    assert clone(base).get_params()["activation"] is mine  # an Activation is a value: clone shares it
    search = GridSearchCV(base, {"hidden_layer_sizes": [(1,), (8, 8)]}, cv=StratifiedKFold(3, shuffle=True,
                          random_state=0)).fit(X.T, Y.ravel())  # fmt: skip
    assert search.best_params_ == {"hidden_layer_sizes": (8, 8)}
    assert search.cv_results_["mean_test_score"][0] < 0.75 < search.cv_results_["mean_test_score"][1]
    assert search.best_estimator_.params_.activation.name == "my tanh"


def test_estimators_are_reached_from_network_too():
    for name in estimator.__all__:
        assert getattr(network, name) is getattr(estimator, name)
    with pytest.raises(AttributeError, match="NeuralNetworkClassifer"):
        network.NeuralNetworkClassifer  # noqa: B018 - misspelt


def test_the_regressor_declares_itself():
    assert NeuralNetworkRegressor().__sklearn_tags__().estimator_type == "regressor"


# --- scikit-learn's conformance checks ----------------------------------------------------------

# check name -> why it does not apply. (Empty: the estimators pass every check.)
EXPECTED_FAILED = {}


def _expected_failed(estimator):
    return EXPECTED_FAILED


@parametrize_with_checks(
    [
        OneHiddenLayerClassifier(max_iter=200),
        NeuralNetworkClassifier((4, 4), activation="tanh", learning_rate=0.5, init="xavier", max_iter=200),
        NeuralNetworkRegressor((4, 4), activation="tanh", learning_rate=0.05, init="xavier", max_iter=200),
    ],
    expected_failed_checks=_expected_failed,
)
def test_scikit_learn_check(estimator, check):
    check(estimator)
