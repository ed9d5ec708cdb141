"""Tests of plotting.hidden_unit_values and plotting.plot_hidden_units: what the hidden layer computes."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from course_utils import activations, network, plotting


def random_params(n_h, n_x=2, seed=0, scale=1.0):
    rs = np.random.RandomState(seed)
    return {
        "W1": rs.randn(n_h, n_x) * scale,
        "b1": rs.randn(n_h, 1) * scale,
        "W2": rs.randn(1, n_h) * scale,
        "b2": rs.randn(1, 1),
    }


def features(P):
    """x1, x2, x1^2, x1 x2, sin x1: the playground's extra input features, (2, k) -> (5, k)."""
    return np.vstack([P, P[:1] ** 2, P[:1] * P[1:], np.sin(P[:1])])


def figure_of(axes):
    """The figure of the panels plot_hidden_units returns (a 1-D array of Axes: the units, then the logit)."""
    assert isinstance(axes, np.ndarray) and axes.ndim == 1 and axes[-1].get_label() == "logit"
    return axes[0].get_figure(root=True)


def unit_axes(fig):
    return [ax for ax in fig.axes if ax.get_label().startswith("hidden unit")]


def logit_axis(fig):
    (ax,) = [ax for ax in fig.axes if ax.get_label() == "logit"]
    return ax


def panel_axes(fig):
    """Every axis except the colour bars."""
    return [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]


def mesh_points(X, resolution=100, margin=0.1):
    lows, highs = X.min(axis=1), X.max(axis=1)
    lows, highs = lows - margin * (highs - lows), highs + margin * (highs - lows)
    xx1, xx2 = np.meshgrid(np.linspace(lows[0], highs[0], resolution), np.linspace(lows[1], highs[1], resolution))
    return np.vstack([xx1.ravel(), xx2.ravel()])


# --- hidden_unit_values: the sum of the maps is the network's logit ---------------------------------


@pytest.mark.parametrize("act", ["tanh", "relu", "sigmoid"])
def test_contributions_sum_to_the_networks_logit(flower, act):
    X, _ = flower
    params = random_params(7, seed=3)
    contributions, logit = plotting.hidden_unit_values(params, X, act)
    assert contributions.shape == (7, X.shape[1]) and logit.shape == (X.shape[1],)
    Z2 = network.forward_propagation(X, params, act)[1]["Z2"]
    np.testing.assert_allclose(logit, Z2[0], rtol=0, atol=1e-12)
    np.testing.assert_allclose(contributions.sum(axis=0) + params["b2"][0, 0], Z2[0], rtol=0, atol=1e-12)
    A1 = network.forward_propagation(X, params, act)[1]["A1"]
    np.testing.assert_allclose(contributions, params["W2"].T * A1, rtol=0, atol=1e-15)


@pytest.mark.parametrize("act", ["tanh", "relu", "sigmoid"])
def test_contributions_sum_to_the_logit_with_features(flower, act):
    X, _ = flower
    params = random_params(4, n_x=5, seed=4, scale=0.5)
    contributions, logit = plotting.hidden_unit_values(params, X, act, features=features)
    Z2 = network.forward_propagation(features(X), params, act)[1]["Z2"]
    np.testing.assert_allclose(contributions.sum(axis=0) + params["b2"][0, 0], Z2[0], rtol=0, atol=1e-12)
    np.testing.assert_allclose(logit, Z2[0], rtol=0, atol=1e-12)


def test_hidden_unit_values_works_for_any_number_of_inputs():
    """Notebook 10's regression networks have one input: points (1, k)."""
    params = random_params(3, n_x=1, seed=5)
    z = np.linspace(-3, 3, 13)[None, :]
    contributions, logit = plotting.hidden_unit_values(params, z, "relu")
    np.testing.assert_allclose(logit, network.forward_propagation(z, params, "relu")[1]["Z2"][0], rtol=0, atol=1e-12)
    assert contributions.shape == (3, 13)


def test_hidden_unit_values_uses_the_stored_activation(flower):
    X, _ = flower
    plain = random_params(5, seed=6)
    stored = network.Parameters(plain, activation=activations.get("relu"))
    np.testing.assert_array_equal(
        plotting.hidden_unit_values(stored, X)[0], plotting.hidden_unit_values(plain, X, "relu")[0]
    )
    with pytest.raises(ValueError, match="plain dict.*activation="):  # a plain dict records nothing: never a guess
        plotting.hidden_unit_values(plain, X)
    # the same function may be given again; another one raises (network.trained_activation's rule)
    np.testing.assert_array_equal(
        plotting.hidden_unit_values(stored, X, "relu")[0], plotting.hidden_unit_values(stored, X)[0]
    )
    with pytest.raises(ValueError, match="trained with"):
        plotting.hidden_unit_values(stored, X, "sigmoid")


# --- plot_hidden_units: panels, titles, colour scales -------------------------------------------------


@pytest.mark.parametrize("n_h", [1, 2, 4, 7, 50])
def test_one_panel_per_unit_plus_the_logit_panel(flower, n_h):
    X, Y = flower
    params = random_params(n_h, seed=n_h)
    fig = figure_of(plotting.plot_hidden_units(params, X, Y, "tanh", resolution=30))
    assert isinstance(fig, Figure)
    units = unit_axes(fig)
    assert len(units) == n_h and len(panel_axes(fig)) == n_h + 1
    assert [ax.get_label() for ax in units] == [f"hidden unit {j}" for j in range(1, n_h + 1)]
    for j, ax in enumerate(units):
        assert ax.get_title().split(":")[0].endswith(str(j + 1))
        assert f"{params['W2'][0, j]:.2f}" in ax.get_title()
    for ax in panel_axes(fig):
        assert ax.get_title()
    # axis labels on the outer panels: the last row has x1, the first column x2
    assert units[-1].get_xlabel() == "$x_1$" and units[0].get_ylabel() == "$x_2$"
    assert logit_axis(fig).get_xlabel() == "$x_1$" and logit_axis(fig).get_ylabel() == "$x_2$"
    suptitle = fig.get_suptitle()
    assert "tanh" in suptitle and f"{n_h} hidden unit" in suptitle


def test_unit_titles_read_like_the_course(flower):
    X, Y = flower
    params = random_params(3, seed=1)
    params["W2"][0, 2] = -1.72
    fig = figure_of(plotting.plot_hidden_units(params, X, Y, "tanh", resolution=20))
    assert unit_axes(fig)[2].get_title() == "unit 3: $w^{[2]}$ = -1.72"


def test_maps_are_the_contributions_on_one_shared_centred_scale(flower):
    X, Y = flower
    params = random_params(4, seed=2)
    fig = figure_of(plotting.plot_hidden_units(params, X, Y, "tanh", resolution=40))
    contributions, logit = plotting.hidden_unit_values(params, mesh_points(X, 40), "tanh")
    limits = set()
    for j, ax in enumerate(unit_axes(fig)):
        (image,) = ax.get_images()
        # the figure builds its own mesh and products: the same numbers up to round-off
        np.testing.assert_allclose(np.asarray(image.get_array()), contributions[j].reshape(40, 40), rtol=0, atol=1e-12)
        limits.add(image.get_clim())
        assert image.get_cmap().name == "RdBu"
    assert len(limits) == 1  # one colour scale for every unit
    ((low, high),) = limits
    assert high > 0 and low == -high  # centred at 0
    (image,) = logit_axis(fig).get_images()
    np.testing.assert_allclose(np.asarray(image.get_array()), logit.reshape(40, 40), rtol=0, atol=1e-12)
    low, high = image.get_clim()
    assert high > 0 and low == -high
    # a single colour bar for the units, one for the logit
    assert sum(ax.get_label() == "<colorbar>" for ax in fig.axes) == 2


def test_logit_panel_has_boundary_data_and_legend(flower):
    X, Y = flower
    params = random_params(4, seed=2)
    fig = figure_of(plotting.plot_hidden_units(params, X, Y, "tanh", resolution=40))
    ax = logit_axis(fig)
    assert ax.collections, "the zero contour and the data points are drawn"
    labels = [text.get_text() for legend in fig.legends + fig.subfigs[1].legends for text in legend.get_texts()]
    assert "class 0" in labels and "class 1" in labels and any("boundary" in label for label in labels)
    assert "logit $Z^{[2]}$" in ax.get_title()


def test_stored_activation_is_used(flower):
    X, Y = flower
    plain = random_params(4, seed=8)
    params = network.Parameters(plain, activation=activations.get("relu"), output="sigmoid")
    fig = figure_of(plotting.plot_hidden_units(params, X, Y, resolution=30))
    relu, _ = plotting.hidden_unit_values(plain, mesh_points(X, 30), "relu")
    tanh, _ = plotting.hidden_unit_values(plain, mesh_points(X, 30), "tanh")
    maps = np.array([np.asarray(ax.get_images()[0].get_array()).ravel() for ax in unit_axes(fig)])
    np.testing.assert_allclose(maps, relu, rtol=0, atol=1e-12)  # (the figure's own mesh: equal up to round-off)
    assert not np.allclose(maps, tanh)
    assert (maps[params["W2"][0] > 0] >= 0).all()  # ReLU maps never change sign, tanh maps do
    assert "ReLU" in fig.get_suptitle() and "tanh" not in fig.get_suptitle()


def test_given_activation_must_match_and_plain_dict_needs_one(flower):
    X, Y = flower
    params = network.Parameters(random_params(2, seed=8), activation="relu")
    assert "ReLU" in figure_of(plotting.plot_hidden_units(params, X, Y, "relu", resolution=20)).get_suptitle()
    with pytest.raises(ValueError, match="trained with"):
        plotting.plot_hidden_units(params, X, Y, "sigmoid", resolution=20)
    assert "σ" in figure_of(plotting.plot_hidden_units(dict(params), X, Y, "sigmoid", resolution=20)).get_suptitle()
    with pytest.raises(ValueError, match="plain dict.*activation="):
        plotting.plot_hidden_units(dict(params), X, Y, resolution=20)  # not titled "tanh network" any more
    regression = figure_of(
        plotting.plot_hidden_units(dict(params), X, np.sin(X[:1]), "relu", output="identity", resolution=20)
    )
    assert "output" in logit_axis(regression).get_title()
    leaky = activations.get("leaky_relu", slope=0.1)
    assert (
        "leaky ReLU (s = 0.1)"
        in figure_of(plotting.plot_hidden_units(dict(params), X, Y, leaky, resolution=20)).get_suptitle()
    )


def test_dead_relu_unit_is_blank_and_marked(flower):
    X, Y = flower
    params = random_params(4, seed=9)
    params["b1"][1, 0] = -1e3  # never fires anywhere near the data
    fig = figure_of(plotting.plot_hidden_units(params, X, Y, "relu", resolution=30))
    units = unit_axes(fig)
    assert np.all(np.asarray(units[1].get_images()[0].get_array()) == 0)
    assert "(dead)" in units[1].get_title()
    alive = [ax for j, ax in enumerate(units) if j != 1]
    assert not any("(dead)" in ax.get_title() for ax in alive)
    assert all(np.any(np.asarray(ax.get_images()[0].get_array()) != 0) for ax in alive)


def test_features_maps_are_drawn_over_the_input_plane(flower):
    X, Y = flower
    params = random_params(3, n_x=5, seed=10, scale=0.5)
    fig = figure_of(plotting.plot_hidden_units(params, X, Y, "tanh", features=features, resolution=30))
    contributions, _ = plotting.hidden_unit_values(params, mesh_points(X, 30), "tanh", features=features)
    for j, ax in enumerate(unit_axes(fig)):
        np.testing.assert_allclose(
            np.asarray(ax.get_images()[0].get_array()).ravel(), contributions[j], rtol=0, atol=1e-12
        )
        assert ax.get_xlim() == pytest.approx(logit_axis(fig).get_xlim())


def test_max_units_shows_the_largest_w2(flower):
    X, Y = flower
    params = random_params(20, seed=11)
    fig = figure_of(plotting.plot_hidden_units(params, X, Y, "tanh", max_units=5, resolution=20))
    expected = np.sort(np.argsort(-np.abs(params["W2"][0]))[:5]) + 1
    assert [ax.get_label() for ax in unit_axes(fig)] == [f"hidden unit {j}" for j in expected]
    assert "20" in logit_axis(fig).get_title()  # the logit still sums every unit
    assert len(figure_of(plotting.plot_hidden_units(params, X, Y, "tanh", max_units=50, resolution=20)).axes) == 20 + 3


def test_identity_output_shows_the_output_without_boundary(flower):
    X, _ = flower
    params = network.Parameters(random_params(3, seed=12), activation="tanh", output="identity")
    targets = np.sin(X[0])[None, :]
    fig = figure_of(plotting.plot_hidden_units(params, X, targets, resolution=20))
    ax = logit_axis(fig)
    assert "output $Z^{[2]}$" in ax.get_title() and "logit" not in ax.get_title()


def test_y_none_draws_no_points(flower):
    X, _ = flower
    fig = figure_of(plotting.plot_hidden_units(random_params(2, seed=13), X, None, "tanh", resolution=20))
    assert len(panel_axes(fig)) == 3


def test_no_show_and_no_global_style_change(flower, monkeypatch):
    X, Y = flower
    monkeypatch.setattr(plt, "show", lambda *a, **k: pytest.fail("plot_hidden_units must not call plt.show"))
    before = dict(matplotlib.rcParams)
    fig = figure_of(plotting.plot_hidden_units(random_params(4, seed=14), X, Y, "relu", resolution=20))
    fig.canvas.draw()  # layout and rendering raise no warning either (filterwarnings = error)
    assert dict(matplotlib.rcParams) == before


def test_inputs_are_not_modified(flower):
    X, Y = flower
    params = random_params(3, seed=15)
    copies = {key: value.copy() for key, value in params.items()}
    X_copy = X.copy()
    plotting.plot_hidden_units(params, X, Y, "tanh", resolution=20)
    for key in params:
        np.testing.assert_array_equal(params[key], copies[key])
    np.testing.assert_array_equal(X, X_copy)


# --- bad inputs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change, error, words",
    [
        (lambda p: [("W1", "b1")], TypeError, ["params", "dict"]),
        (lambda p: {k: v for k, v in p.items() if k != "b2"}, ValueError, ["params", "b2"]),
        (lambda p: {**p, "W2": np.ones((1, 5))}, ValueError, ["params['W2']", "(1, 3)"]),
        (lambda p: {**p, "W1": np.ones((3, 4))}, ValueError, ["params['W1']", "features="]),
        (lambda p: {**p, "b1": np.full((3, 1), np.nan)}, ValueError, ["params['b1']", "finite"]),
    ],
)
def test_bad_params(flower, change, error, words):
    X, Y = flower
    with pytest.raises(error) as info:
        plotting.plot_hidden_units(change(random_params(3)), X, Y, "tanh")
    for word in words:
        assert word in str(info.value)


def test_bad_X_and_Y(flower):
    X, Y = flower
    params = random_params(3)
    with pytest.raises(ValueError, match=r"X must have 2 features \(rows\), got shape \(\d+, 2\).*pass X\.T"):
        plotting.plot_hidden_units(params, X.T, Y, "tanh")
    with pytest.raises(ValueError, match="X must"):
        plotting.plot_hidden_units(params, X[0], Y, "tanh")
    with pytest.raises(TypeError, match="X must be real numbers"):
        plotting.plot_hidden_units(params, X.astype(str), Y, "tanh")
    with pytest.raises(ValueError, match="Y must have shape"):
        plotting.plot_hidden_units(params, X, Y[:, :10], "tanh")
    with pytest.raises(ValueError, match=r"points must have shape \(2, k\).*pass points\.T"):
        plotting.hidden_unit_values(params, X.T, "tanh")


def test_bad_activation(flower):
    X, Y = flower
    params = random_params(3)
    with pytest.raises(ValueError, match=r"activation.*'swish'.*available.*'tanh'"):
        plotting.plot_hidden_units(params, X, Y, "swish")
    with pytest.raises(TypeError, match="activation must be"):
        plotting.plot_hidden_units(params, X, Y, np.tanh)
    trained = network.Parameters(params, activation="tanh")
    with pytest.raises(ValueError, match="params.activation"):
        trained.activation = "swish"
    with pytest.raises(ValueError, match="output"):
        plotting.plot_hidden_units(trained, X, Y, output="softmax")


def test_bad_features(flower):
    X, Y = flower
    params = random_params(3, n_x=5)
    with pytest.raises(TypeError, match="features must be None or a callable"):
        plotting.plot_hidden_units(params, X, Y, "tanh", features="x1**2")
    with pytest.raises(ValueError, match=r"features must map .* \(5, k\).*returned shape \(2, 30\)"):
        plotting.hidden_unit_values(params, X[:, :30], "tanh", features=lambda P: P)
    with pytest.raises(ValueError, match="rows and columns swapped"):
        plotting.plot_hidden_units(params, X, Y, "tanh", features=lambda P: features(P).T)
    with pytest.raises(ValueError, match="features returned NaN"):
        plotting.plot_hidden_units(params, X, Y, "tanh", features=lambda P: features(P) * np.nan)
    with pytest.raises(TypeError, match="features"):
        plotting.plot_hidden_units(params, X, Y, "tanh", features=lambda P: np.full((5, P.shape[1]), "a"))


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        (dict(resolution=5), ValueError, "resolution"),
        (dict(resolution=1000), ValueError, "resolution"),
        (dict(resolution=50.0), TypeError, "resolution"),
        (dict(margin=-0.1), ValueError, "margin"),
        (dict(max_units=0), ValueError, "max_units"),
        (dict(max_units=2.5), TypeError, "max_units"),
        (dict(ncols=0), ValueError, "ncols"),
    ],
)
def test_bad_options(flower, kwargs, error, name):
    X, Y = flower
    with pytest.raises(error, match=name):
        plotting.plot_hidden_units(random_params(3), X, Y, "tanh", **kwargs)


def test_activation_is_keyword_or_fourth_positional_and_the_rest_keyword_only(flower):
    X, Y = flower
    with pytest.raises(TypeError):
        plotting.plot_hidden_units(random_params(2), X, Y, "tanh", features)  # features is keyword-only


def test_returns_the_panels_in_unit_order_then_the_logit_and_takes_a_title(flower):
    X, Y = flower
    axes = plotting.plot_hidden_units(random_params(3, seed=2), X, Y, "tanh", resolution=20, title="my network")
    assert [ax.get_label() for ax in axes] == ["hidden unit 1", "hidden unit 2", "hidden unit 3", "logit"]
    assert figure_of(axes).get_suptitle() == "my network"
    with pytest.raises(TypeError, match="title must be a string"):
        plotting.plot_hidden_units(random_params(3, seed=2), X, Y, "tanh", resolution=20, title=3)
