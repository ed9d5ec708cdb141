"""Tests of the decision-boundary, cost-curve and boundary-grid helpers of course_utils.plotting."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression, Perceptron

from course_utils import activations, deep, model, plotting


@pytest.fixture(scope="module")
def data():
    """Two Gaussian clouds in the column convention: X (2, 60), Y (1, 60)."""
    rng = np.random.RandomState(0)
    X = np.hstack([rng.normal(-1.0, 0.7, (2, 30)), rng.normal(1.0, 0.7, (2, 30))])
    Y = np.repeat([0, 1], 30)[None, :]
    return X, Y


@pytest.fixture(scope="module")
def clf(data):
    X, Y = data
    return LogisticRegression().fit(X.T, Y.ravel())


class Recorder:
    """Callable model (x1 + x2 > 0 as a probability) that records the shape of every input."""

    def __init__(self):
        self.shapes = []

    def __call__(self, points):
        self.shapes.append(points.shape)
        return activations.sigmoid(points[0] + points[1])[None, :]


# --- decision_values: the mesh ---------------------------------------------------------------------


@pytest.mark.parametrize("scale", [1e-3, 1.0, 1e4])
def test_mesh_size_does_not_depend_on_data_range(data, scale):
    X, _ = data
    model = Recorder()
    xx1, xx2, values = plotting.decision_values(model, X * scale)
    assert xx1.shape == xx2.shape == values.shape == (200, 200)
    assert model.shapes == [(2, 200 * 200)]
    span = X.max(axis=1) - X.min(axis=1)
    np.testing.assert_allclose(
        [xx1.min(), xx1.max()], scale * (np.array([X[0].min(), X[0].max()]) + np.array([-0.1, 0.1]) * span[0])
    )
    np.testing.assert_allclose(
        [xx2.min(), xx2.max()], scale * (np.array([X[1].min(), X[1].max()]) + np.array([-0.1, 0.1]) * span[1])
    )


def test_mesh_is_capped_at_250_points_per_axis(data):
    X, Y = data
    model = Recorder()
    plotting.plot_decision_boundary(model, X * 1e6, Y, resolution=plotting.BOUNDARY_MAX_RESOLUTION)
    assert model.shapes == [(2, 250 * 250)]
    with pytest.raises(ValueError, match="resolution must be <= 250, got 251"):
        plotting.plot_decision_boundary(model, X, Y, resolution=251)
    with pytest.raises(ValueError, match="resolution"):
        plotting.decision_values(model, X, resolution=5)


def test_margin_zero_puts_mesh_edges_on_the_data(data):
    X, _ = data
    xx1, xx2, _ = plotting.decision_values(Recorder(), X, resolution=20, margin=0.0)
    assert (xx1.min(), xx1.max(), xx2.min(), xx2.max()) == (X[0].min(), X[0].max(), X[1].min(), X[1].max())


def test_callable_and_estimator_paths_agree(data, clf):
    X, _ = data
    xx1, xx2, from_estimator = plotting.decision_values(clf, X, resolution=50)
    _, _, from_callable = plotting.decision_values(lambda P: clf.predict_proba(P.T)[:, 1][None, :], X, resolution=50)
    # equal up to round-off: scikit-learn's product with the coefficients may round differently for another
    # memory layout of the same points (by 2.2e-16 with some BLAS kernels, e.g. OPENBLAS_CORETYPE=Haswell)
    np.testing.assert_allclose(from_estimator, from_callable, rtol=1e-12, atol=1e-12)
    # the values are P(class 1) at the mesh points
    expected = clf.predict_proba(np.c_[xx1.ravel(), xx2.ravel()])[:, 1].reshape(xx1.shape)
    np.testing.assert_allclose(from_estimator, expected, rtol=1e-12, atol=1e-12)
    assert 0.0 < from_estimator.min() < 0.5 < from_estimator.max() < 1.0


@pytest.mark.parametrize("layer_dims", [[2, 3, 1], [2, 4, 3, 1], [2, 3, 3, 3, 1]])
def test_parameters_of_any_depth_give_their_own_probabilities(data, layer_dims):
    # Parameters record their activation: a deep network's mesh values are its sigmoid(Z^[L]), not an error
    X, _ = data
    params = deep.initialize_parameters_deep(layer_dims, init="he", seed=4, activation="elu")
    xx1, xx2, values = plotting.decision_values(params, X, resolution=30)
    mesh = np.vstack([xx1.ravel(), xx2.ravel()])
    expected = activations.sigmoid(model.logits(mesh, params)).reshape(xx1.shape)
    np.testing.assert_allclose(values, expected, rtol=1e-12, atol=1e-15)
    assert values.std() > 0.01  # a real function of the point, not a constant


def test_proba_false_gives_predicted_labels(data, clf):
    X, _ = data
    xx1, _, labels = plotting.decision_values(clf, X, proba=False, resolution=40)
    _, _, probs = plotting.decision_values(clf, X, resolution=40)
    np.testing.assert_array_equal(labels, (probs > 0.5).astype(float))
    assert set(np.unique(labels)) == {0.0, 1.0}
    assert labels.shape == xx1.shape


def test_estimator_without_predict_proba_uses_predict(data):
    X, Y = data
    model = Perceptron(random_state=0).fit(X.T, Y.ravel())
    xx1, xx2, values = plotting.decision_values(model, X, resolution=30)
    np.testing.assert_array_equal(values.ravel(), model.predict(np.c_[xx1.ravel(), xx2.ravel()]))


def test_estimator_with_other_labels_shades_the_second_class(data):
    X, Y = data
    model = LogisticRegression().fit(X.T, np.where(Y.ravel() == 1, "yes", "no"))
    reference = LogisticRegression().fit(X.T, Y.ravel())
    np.testing.assert_allclose(
        plotting.decision_values(model, X, resolution=20)[2], plotting.decision_values(reference, X, resolution=20)[2]
    )


# --- plot_decision_boundary ----------------------------------------------------------------------


def test_boundary_titles_labels_and_points(data, clf):
    X, Y = data
    ax = plotting.plot_decision_boundary(clf, X, Y)
    assert ax.get_title() == "decision boundary: LogisticRegression"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("$x_1$", "$x_2$")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1"]
    class0, class1 = ax.collections[-2:]
    np.testing.assert_array_equal(class0.get_offsets(), X[:, Y[0] == 0].T)
    np.testing.assert_array_equal(class1.get_offsets(), X[:, Y[0] == 1].T)
    assert len(plt.get_fignums()) == 1


def test_boundary_draws_on_given_axis_with_title_and_test_points(data):
    X, Y = data
    fig, ax = plt.subplots()
    out = plotting.plot_decision_boundary(
        Recorder(), X, Y, ax=ax, X_test=X[:, ::10] + 0.05, Y_test=Y[:, ::10], title="my model"
    )
    assert out is ax and plt.get_fignums() == [fig.number]
    assert ax.get_title() == "my model"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["train class 0", "train class 1", "test class 0", "test class 1"]
    train_marker = ax.collections[-4].get_paths()[0]
    test_marker = ax.collections[-1].get_paths()[0]
    assert len(train_marker.vertices) != len(test_marker.vertices)  # circle vs triangle
    # test points are inside the view
    x_low, x_high = ax.get_xlim()
    assert x_low <= (X[0, ::10] + 0.05).min() and (X[0, ::10] + 0.05).max() <= x_high


def test_callable_default_title_and_contour_only_when_boundary_exists(data):
    X, Y = data
    ax = plotting.plot_decision_boundary(Recorder(), X, Y)
    assert ax.get_title() == "decision boundary"
    n_with_boundary = len(ax.collections)
    # a constant model has no 0.5 crossing: no contour drawn, and no "no contour levels" warning
    ax = plotting.plot_decision_boundary(lambda P: np.full((1, P.shape[1]), 0.2), X, Y)
    assert len(ax.collections) == n_with_boundary - 1


def test_discretize_uses_two_levels(data, clf):
    X, Y = data
    smooth = plotting.plot_decision_boundary(clf, X, Y).collections[0]
    sharp = plotting.plot_decision_boundary(clf, X, Y, discretize=True).collections[0]
    np.testing.assert_allclose(smooth.levels, np.linspace(0, 1, 11))
    np.testing.assert_array_equal(sharp.levels, [0.0, 0.5, 1.0])


def test_boundary_bad_inputs(data, clf):
    X, Y = data
    with pytest.raises(ValueError, match=r"X must have 2 features \(rows\), got shape \(\d+, 2\).*pass X.T"):
        plotting.plot_decision_boundary(clf, X.T, Y)
    with pytest.raises(ValueError, match="Y must have shape"):
        plotting.plot_decision_boundary(clf, X, Y[:, :10])
    with pytest.raises(ValueError, match="at most two classes"):
        plotting.plot_decision_boundary(clf, X, np.arange(60) % 3)
    with pytest.raises(ValueError, match="X_test and Y_test"):
        plotting.plot_decision_boundary(clf, X, Y, X_test=X)
    with pytest.raises(TypeError, match="model must be a scikit-learn estimator"):
        plotting.plot_decision_boundary("tanh", X, Y)
    with pytest.raises(ValueError, match=r"returned shape \(1, 2\)"):
        plotting.plot_decision_boundary(lambda P: np.zeros((1, 2)), X, Y)
    with pytest.raises(ValueError, match="probabilities or 0/1 labels in \\[0, 1\\]"):
        plotting.plot_decision_boundary(lambda P: P[:1] * 10, X, Y)
    with pytest.raises(TypeError, match="proba"):
        plotting.plot_decision_boundary(clf, X, Y, proba="yes")
    with pytest.raises(ValueError, match="X must contain only finite values"):
        plotting.plot_decision_boundary(clf, np.where(X > 2, np.nan, X), Y)


# --- plot_costs ----------------------------------------------------------------------------------


def test_plot_costs_axis_is_iteration_and_curves_accumulate():
    ax = plotting.plot_costs([0.7, 0.5, 0.4], label="tanh")
    plotting.plot_costs(np.array([0.7, 0.6, 0.55]), ax=ax, every=1000, label="relu", log=True)
    first, second = ax.get_lines()
    np.testing.assert_array_equal(first.get_xdata(), [0, 100, 200])
    np.testing.assert_array_equal(second.get_xdata(), [0, 1000, 2000])
    np.testing.assert_array_equal(second.get_ydata(), [0.7, 0.6, 0.55])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["tanh", "relu"]
    assert ax.get_yscale() == "log"
    assert ax.get_xlabel() == "iteration" and ax.get_ylabel() == "cost (log scale)"
    assert ax.get_title() == "cost during training"


def test_plot_costs_without_label_has_no_legend_and_bad_inputs():
    ax = plotting.plot_costs([1.0, 0.5])
    assert ax.get_legend() is None and ax.get_yscale() == "linear"
    with pytest.raises(ValueError, match="costs must hold at least one value"):
        plotting.plot_costs([])
    with pytest.raises(ValueError, match="every must be >= 1"):
        plotting.plot_costs([1.0], every=0)
    with pytest.raises(ValueError, match="costs must be a 1-D array"):
        plotting.plot_costs([[1.0, 0.5]])


# --- boundary_grid -------------------------------------------------------------------------------


def test_boundary_grid_one_figure_titles_and_scores(data, clf):
    X, Y = data
    axes = plotting.boundary_grid(
        [clf, Recorder(), clf], X, Y, ["a", "b", "c"], ncols=2, scores=[91.25, "n/a", 50], suptitle="three models"
    )
    assert len(plt.get_fignums()) == 1 and len(axes) == 3
    fig = axes[0].figure
    assert [ax.get_title(loc="left") for ax in axes] == ["a", "b", "c"]
    assert [ax.get_title(loc="right") for ax in axes] == ["91.2%", "n/a", "50.0%"]
    assert all(ax.get_legend() is None for ax in axes)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["class 0", "class 1"]
    assert fig.get_suptitle() == "three models"
    hidden = [ax for ax in fig.axes if not ax.get_visible()]
    colorbars = [ax for ax in fig.axes if ax.get_label() == "<colorbar>"]
    assert len(fig.axes) == 5 and len(hidden) == 1  # 3 panels, 1 spare, 1 shared colour bar
    assert len(colorbars) == 1 and colorbars[0].get_ylabel() == "P(class 1)"


def test_boundary_grid_per_panel_data(data, clf):
    X, Y = data
    shifted = X + 10.0
    axes = plotting.boundary_grid(
        [clf, lambda P: (P[0] > 10)[None, :]], [X, shifted], [Y, Y], ["original", "shifted"], resolution=30
    )
    assert axes[1].get_xlim()[0] > 5 > axes[0].get_xlim()[1]
    np.testing.assert_array_equal(axes[1].collections[-1].get_offsets(), shifted[:, Y[0] == 1].T)


def test_boundary_grid_bad_inputs(data, clf):
    X, Y = data
    with pytest.raises(ValueError, match="titles must hold one title per model"):
        plotting.boundary_grid([clf, clf], X, Y, ["only one"])
    with pytest.raises(ValueError, match="scores must hold one score per model"):
        plotting.boundary_grid([clf], X, Y, ["a"], scores=[1, 2])
    with pytest.raises(ValueError, match="per panel"):
        plotting.boundary_grid([clf, clf], [X], [Y], ["a", "b"])
    with pytest.raises(ValueError, match="models must hold at least one"):
        plotting.boundary_grid([], X, Y, [])
    assert plt.get_fignums() == []
