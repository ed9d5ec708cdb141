"""course_utils.estimator: OneHiddenLayerClassifier, the course's network as a scikit-learn classifier.

The behaviour tests first; then scikit-learn's own conformance checks (``parametrize_with_checks``): every check of
scikit-learn's suite (the legacy checks included) runs on a small instance (``max_iter=200``: the checks fit many
times on small data sets, and the ones that look at the fitted model only need it to learn something).
``EXPECTED_FAILED`` lists the checks that do not apply to this estimator, each with the reason; scikit-learn marks
them xfail.
"""

import numpy as np
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from course_utils import activations, network
from course_utils.estimator import OneHiddenLayerClassifier

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


def test_estimator_with_string_labels(flower):
    X, Y = flower
    y = np.where(Y.ravel() == 1, "red", "blue")
    clf = OneHiddenLayerClassifier(max_iter=2000).fit(X.T, y)
    assert clf.classes_.tolist() == ["blue", "red"]
    assert set(clf.predict(X.T)) == {"blue", "red"}
    proba = clf.predict_proba(X.T)
    assert proba.shape == (400, 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    decision = clf.decision_function(X.T)
    assert decision.shape == (400,)
    np.testing.assert_array_equal(clf.predict(X.T), np.where(decision > 0, "red", "blue"))
    assert clf.score(X.T, y) > 0.85


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


def test_estimator_random_state_kinds(flower):
    X, Y = flower
    fit = lambda state: OneHiddenLayerClassifier(max_iter=50, random_state=state).fit(X.T, Y.ravel())
    a = fit(np.random.RandomState(0)).params_["W1"]
    b = fit(np.random.RandomState(0)).params_["W1"]
    assert np.array_equal(a, b)
    state = np.random.get_state()[1].copy()
    fit(None)
    assert np.array_equal(np.random.get_state()[1], state)
    with pytest.raises(ValueError, match="random_state"):
        fit(-3)


def test_estimator_declares_binary_only():
    tags = OneHiddenLayerClassifier().__sklearn_tags__()
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


# --- scikit-learn's conformance checks ----------------------------------------------------------

# check name -> why it does not apply. (Empty: the estimator passes every check.)
EXPECTED_FAILED = {}


def _expected_failed(estimator):
    return EXPECTED_FAILED


@parametrize_with_checks([OneHiddenLayerClassifier(max_iter=200)], expected_failed_checks=_expected_failed)
def test_scikit_learn_check(estimator, check):
    check(estimator)
