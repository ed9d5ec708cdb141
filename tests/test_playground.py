"""Tests of course_utils.playground: data, features, one run, the figure, and the live widget app driven
from Python (no browser, no kernel): frames stepped by hand, and played from a background thread."""

import threading
import time

import numpy as np
import pytest

from course_utils import activations, datasets, engine, network, playground

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# leaky ReLU at learning rate 10 overflows within 500 iterations on the flower data (1000 by default)
DIVERGING = {"activation": "leaky_relu", "learning_rate": 10.0}
# a learner's own activation: the same function as tanh, built by hand (so not the registry's)
MY_TANH = activations.Activation("my_tanh", lambda z: np.tanh(z), lambda z: 1.0 - np.tanh(z) ** 2)


def wait_until(condition, timeout=20.0):
    """Poll ``condition()`` until it is true (the play loop runs in another thread); fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(0.01)


# --- data and features ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", playground.DATASETS)
def test_make_data_shapes_and_labels(name):
    X, Y = playground.make_data(name, noise=0.2)
    assert X.shape == (2, playground.M_POINTS) and X.dtype == np.float64
    assert Y.shape == (1, playground.M_POINTS) and set(np.unique(Y)) == {0, 1}
    X_again, Y_again = playground.make_data(name, noise=0.2)
    assert np.array_equal(X, X_again) and np.array_equal(Y, Y_again)  # reproducible
    X_noisy, _ = playground.make_data(name, noise=0.4)
    assert not np.allclose(X, X_noisy)  # noise moves the points


def test_make_data_planar_is_the_course_flower():
    X, Y = playground.make_data("planar", noise=0.2, m=400, seed=1)
    X_ref, Y_ref = datasets.load_planar_dataset()
    # the generator's sin and cos may differ from the shipped file's by an ulp on another numpy or CPU
    np.testing.assert_allclose(X, X_ref, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(Y, Y_ref)


def test_make_data_rejects_bad_arguments():
    with pytest.raises(ValueError, match="dataset"):
        playground.make_data("spirals")
    with pytest.raises(ValueError, match="noise"):
        playground.make_data("planar", noise=-0.1)


def test_features_stack_the_named_functions_in_one_order():
    X = np.array([[1.0, -2.0, 0.5], [3.0, 0.0, -1.0]])
    assert np.array_equal(playground.features(X), X)
    F = playground.features(X, ("sin(x2)", "x1^2"))  # given in any order, stacked in FEATURES order
    assert F.shape == (4, 3)
    assert np.allclose(F[2], X[0] ** 2) and np.allclose(F[3], np.sin(X[1]))
    every = playground.features(X, tuple(playground.FEATURES))
    assert every.shape == (7, 3)
    assert np.allclose(every[2:], [X[0] ** 2, X[1] ** 2, X[0] * X[1], np.sin(X[0]), np.sin(X[1])])
    assert set(playground.FEATURE_LABELS) == set(playground.FEATURES)
    with pytest.raises(ValueError, match="feature"):
        playground.features(X, ("x3",))
    with pytest.raises(TypeError, match="names"):
        playground.features(X, "x1^2")
    with pytest.raises(ValueError, match="X"):
        playground.features(X.T)


# --- settings and runs ---------------------------------------------------------------------------


def test_check_settings_fills_defaults_and_names_bad_values():
    assert playground.check_settings() == playground.DEFAULTS
    assert playground.check_settings(features=["x2^2", "x1^2"])["features"] == ("x1^2", "x2^2")
    assert playground.check_settings(activation=activations.get("relu"))["activation"] == "relu"
    assert playground.check_settings(activation=MY_TANH)["activation"] is MY_TANH
    with pytest.raises(TypeError, match="lr"):
        playground.check_settings(lr=0.1)
    with pytest.raises(ValueError, match="learning_rate"):
        playground.check_settings(learning_rate=0.0)
    with pytest.raises(ValueError, match="activation"):
        playground.check_settings(activation="swish2")
    with pytest.raises(ValueError, match="test_share"):
        playground.check_settings(test_share=0.95)
    with pytest.raises(ValueError, match="features"):
        playground.check_settings(features=("x1^3",))


def test_run_default_trains_and_scores():
    result = playground.run()
    assert not result.diverged and result.message == "" and result.iteration == 1000
    assert result.X_train.shape == (2, 300) and result.X_test.shape == (2, 100)
    assert result.costs.shape == (10,) and result.costs[-1] < result.costs[0]
    assert result.test_costs.shape == (10,) and result.test_costs[-1] < result.test_costs[0]
    assert list(result.frames["iteration"]) == list(range(0, 1001, 100))
    assert np.array_equal(result.frames["train_cost"][:10], result.costs)  # the engine's records, bit for bit
    assert 85.0 <= result.train_accuracy <= 95.0  # the flower with tanh, 4 units: about 90 %
    assert 75.0 <= result.test_accuracy <= 95.0
    assert result.predict_proba(result.X_test).shape == (1, 100)
    text = playground.summary(result)
    assert text.startswith("tanh, 4 hidden units, learning rate 1, 1000 iterations: train accuracy ")
    assert f"test accuracy {result.test_accuracy:.1f}%" in text


def test_run_trains_exactly_like_network_train():
    """The playground trains on the engine: the same numbers as network.train, bit for bit."""
    result = playground.run(num_iterations=300, activation="relu")
    params, costs = network.train(
        result.X_train, result.Y_train, n_hidden=4, activation="relu", learning_rate=1.0, num_iterations=300, seed=2
    )
    assert np.array_equal(result.costs, costs)
    assert all(np.array_equal(result.params[key], params[key]) for key in params)


def test_run_without_test_set():
    result = playground.run(test_share=0.0, num_iterations=200)
    assert result.X_test is None and result.test_accuracy is None and result.test_costs is None
    assert result.X_train.shape == (2, 400)
    assert "test accuracy" not in playground.summary(result)


def test_run_reports_divergence_instead_of_raising():
    result = playground.run(**DIVERGING)
    assert result.diverged and result.params is None and result.diverged_at == 500
    engine_message = engine.divergence_message("leaky_relu", 10.0, 500, 400, "the cost became nan")
    assert result.message == engine_message  # the engine's words, not the playground's
    assert result.costs.size == 5 and np.all(np.isfinite(result.costs))  # up to the last finite value
    assert result.test_costs.shape == result.costs.shape
    assert playground.summary(result).endswith(": " + result.message)
    with pytest.raises(ValueError, match="diverged"):
        result.predict_proba(result.X_train)


def test_run_notes_a_cost_that_went_up():
    result = playground.run(activation="relu", learning_rate=10.0)
    assert not result.diverged
    assert any("learning rate" in note for note in result.notes)


def test_features_change_the_network_input_and_the_boundary():
    plain = playground.run(dataset="noisy_circles", n_hidden=1, num_iterations=500)
    squares = playground.run(dataset="noisy_circles", n_hidden=1, num_iterations=500, features=("x1^2", "x2^2"))
    assert plain.params["W1"].shape == (1, 2) and squares.params["W1"].shape == (1, 4)
    grid = np.array([[0.0, 0.9, -0.9, 0.0], [0.0, 0.0, 0.0, 0.9]])
    assert not np.allclose(plain.predict_proba(grid), squares.predict_proba(grid))
    # one unit cannot separate two circles from (x1, x2), but can from the squares (a circle is a line there)
    assert plain.train_accuracy < 70 and squares.train_accuracy > 90
    assert "inputs x1, x2, x1², x2²" in playground.summary(squares)


def test_a_learner_defined_activation_trains():
    result = playground.run(activation=MY_TANH, num_iterations=200)
    reference = playground.run(num_iterations=200)
    assert result.settings["activation"] is MY_TANH
    assert playground.summary(result).startswith("my_tanh, 4 hidden units")
    assert np.allclose(result.costs, reference.costs, rtol=1e-12)  # the same function as tanh


def test_plot_and_png():
    import matplotlib.pyplot as plt

    result = playground.run(num_iterations=200)
    axes = playground.plot(result)
    boundary, cost, units, logit = axes
    assert boundary.get_title().startswith("flower (planar): train ")
    assert cost.get_xlabel() == "iteration" and cost.get_title().startswith("cost during training")
    assert [line.get_label() for line in cost.get_lines()] == ["train", "test"]
    assert units.get_title(loc="left").startswith("hidden units: $w^{[2]}_j") and "logit" in logit.get_title()
    assert all(ax.figure is boundary.figure for ax in axes)
    plt.close(boundary.figure)
    diverged = playground.run(**DIVERGING)
    axes = playground.plot(diverged)
    assert "diverged" in axes[0].get_title()
    assert axes[1].get_lines()[0].get_xdata().size == diverged.frames["iteration"].size
    assert axes[1].get_ylim()[1] >= np.max(diverged.costs)  # the last finite cost shows, whatever its size
    plt.close(axes[0].figure)
    assert playground.render_png(result).startswith(PNG_MAGIC)


# --- the live widget app, driven from Python (no browser, no kernel) -------------------------------


@pytest.fixture
def app():
    app = playground.Playground(num_iterations=200)
    yield app
    app.pause()


def test_app_builds_at_iteration_0(app):
    assert app.iteration == 0 and not app.playing
    assert "iteration <b>0</b> of 200" in app.counter.value
    assert "train accuracy" in app.status.value
    assert bytes(app.figure.value).startswith(PNG_MAGIC)
    assert app.settings() == {**playground.DEFAULTS, "num_iterations": 200}
    rates = np.array([value for _, value in app.controls["learning_rate"].options])
    assert list(rates) == list(playground.LEARNING_RATES) and rates[0] == 0.001 and rates[-1] == 10.0
    steps = np.log10(rates[1:] / rates[:-1])
    assert np.all((steps > 0.4) & (steps < 0.6))  # log-spaced like TensorFlow Playground: half a decade each
    assert "playground-app" in app.app._dom_classes
    assert app.play_button.description == "Play" and not app.play_button.disabled and app.pause_button.disabled
    bundle = app._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("Interactive playground")


def test_step_runs_one_frame_and_updates_the_figure_in_place(app):
    figure, artists = app.board_figure, [id(a) for a in app.board_figure.get_children()]
    ids = [id(app._board.units_image), id(app._board.boundary_image), id(app._board.train_line)]
    png, frames = app.figure.value, app.frames
    app.step()
    assert app.iteration == playground.FRAME_ITERATIONS
    assert app.figure.value != png and bytes(app.figure.value).startswith(PNG_MAGIC)
    assert f"iteration <b>{playground.FRAME_ITERATIONS}</b>" in app.counter.value
    grown = app.frames
    assert grown["iteration"].size == frames["iteration"].size + 1 == 2
    assert grown["train_cost"].size == grown["test_cost"].size == 2 and np.all(np.isfinite(grown["test_cost"]))
    png = app.figure.value
    app.step()
    assert app.iteration == 2 * playground.FRAME_ITERATIONS and app.figure.value != png
    # the same figure and the same artists, updated in place (no new figure per frame)
    assert app.board_figure is figure and [id(a) for a in figure.get_children()] == artists
    assert [id(app._board.units_image), id(app._board.boundary_image), id(app._board.train_line)] == ids
    assert app._board.train_line.get_xdata().size == 3
    labels = app._board.unit_labels
    assert len(labels) == 4 and all(label.startswith("w2 = ") for label in labels)
    w2 = app.result.params["W2"][0]
    assert labels == [f"w2 = {w:+.2f}" for w in w2]


def test_the_end_of_a_live_run_is_what_run_returns(app):
    while app.iteration < 200:
        app.step()
    app.step()  # at the end: nothing happens
    assert app.iteration == 200 and app.step_button.disabled
    live, reference = app.result, playground.run(num_iterations=200)
    assert np.array_equal(live.costs, reference.costs)
    assert all(np.array_equal(live.params[key], reference.params[key]) for key in reference.params)
    assert playground.summary(reference) in app.status.value.replace("&#x27;", "'")


def test_play_advances_in_a_background_thread_and_pause_stops_it():
    app = playground.Playground(num_iterations=10000)
    try:
        app.play()
        assert app.playing and app.play_button.disabled and not app.pause_button.disabled
        wait_until(lambda: app.iteration >= 3 * playground.FRAME_ITERATIONS)
        assert app._thread is not threading.current_thread() and app._thread.is_alive()
        app.pause()
        assert not app.playing and not app._thread.is_alive()
        stopped = app.iteration
        assert stopped % playground.FRAME_ITERATIONS == 0
        assert app.frames["iteration"].size == stopped // playground.FRAME_ITERATIONS + 1
        time.sleep(0.3)
        assert app.iteration == stopped  # really stopped
        assert f"iteration <b>{stopped}</b>" in app.counter.value
        app.step()
        assert app.iteration == stopped + playground.FRAME_ITERATIONS
        other = playground.Playground(num_iterations=10000)  # only one playground plays at a time
        app.play()
        other.play()
        assert other.playing and not app.playing
        other.pause()
    finally:
        app.pause()


def test_play_stops_by_itself_at_the_last_iteration(app):
    app.play()
    assert app.wait(timeout=30)
    assert app.iteration == 200 and not app.playing and not app.play_button.disabled
    assert "train accuracy" in app.status.value and "test accuracy" in app.status.value
    app.play()  # from the end: starts again at iteration 0
    assert app.wait(timeout=30) and app.iteration == 200 and app.resets == 2


def test_changing_a_setting_while_playing_restarts_at_0_and_keeps_playing():
    app = playground.Playground(num_iterations=10000)
    try:
        app.play()
        wait_until(lambda: app.iteration >= 2 * playground.FRAME_ITERATIONS)
        resets = app.resets
        app.controls["activation"].value = "relu"
        assert app.resets == resets + 1
        assert app._live.settings["activation"] == "relu"
        assert app.frames["iteration"][0] == 0  # restarted (how far it has got since depends on the load)
        assert app.playing
        wait_until(lambda: app.iteration >= 2 * playground.FRAME_ITERATIONS)  # playing on, with relu
        app.pause()
        assert app.result.settings["activation"] == "relu" and "ReLU" in app.status.value
    finally:
        app.pause()


def test_changing_a_setting_while_paused_resets_and_redraws(app):
    app.step()
    png = app.figure.value
    app.controls["n_hidden"].value = 10
    assert app.iteration == 0 and app.figure.value != png and app.result.params["W1"].shape == (10, 2)
    app.step()
    app.controls["dataset"].value = "noisy_moons"
    assert app.iteration == 0 and app.result.settings["dataset"] == "noisy_moons"
    assert app.result.X_train.shape == (2, 300)
    app.controls["test_share"].value = 0.0
    assert app.result.X_test is None and "test accuracy" not in app.status.value


def test_reset_goes_back_to_iteration_0_with_the_same_start(app):
    first = app.frames
    app.step()
    app.step()
    app.reset()
    assert app.iteration == 0 and not app.playing
    again = app.frames
    assert again["iteration"].size == 1 and again["train_cost"][0] == first["train_cost"][0]
    app.play()
    wait_until(lambda: app.iteration > 0)
    app.reset()
    assert app.iteration == 0 and not app.playing and not app._thread.is_alive()


def test_divergence_stops_play_and_shows_the_engines_message():
    app = playground.Playground(frame_iterations=250, **DIVERGING)
    try:
        app.play()
        assert app.wait(timeout=30)
        assert not app.playing and app.iteration < 1000
        result = app.result
        assert result.diverged and result.diverged_at == 500
        assert result.message == playground.run(**DIVERGING).message  # the engine's rule, as in run()
        assert "Training diverged." in app.status.value and "Lower the learning rate" in app.status.value
        frames = app.frames
        assert np.isfinite(frames["train_cost"][0]) and np.isnan(frames["train_cost"][-1])
        assert bytes(app.figure.value).startswith(PNG_MAGIC)
        assert app._board.progress.get_text() == "diverged at iteration 500"
        assert "diverged at iteration <b>500</b>" in app.counter.value  # as the message says, not 750
        assert "by iteration 500" in app.status.value
        app.controls["learning_rate"].value = 1.0  # recovers
        app.step()
        assert not app.result.diverged and "train accuracy" in app.status.value
    finally:
        app.pause()


def test_feature_tick_boxes_change_the_network_input(app):
    boxes = app.controls["features"]
    assert boxes.value == () and set(boxes.boxes) == set(playground.FEATURES)
    png, resets = app.figure.value, app.resets
    boxes.value = ("x2^2", "x1^2")  # set from Python: one restart, not one per box
    assert app.resets == resets + 1 and boxes.value == ("x1^2", "x2^2")
    assert boxes.boxes["x1^2"].value and boxes.boxes["x2^2"].value and not boxes.boxes["x1*x2"].value
    assert app.result.params["W1"].shape == (4, 4) and app.figure.value != png
    boxes.boxes["sin(x1)"].value = True  # a click on one box
    assert app.settings()["features"] == ("x1^2", "x2^2", "sin(x1)")
    assert app.result.params["W1"].shape == (4, 5)
    app.step()
    assert app.iteration == playground.FRAME_ITERATIONS


def test_a_learner_defined_activation_is_one_more_option():
    app = playground.Playground(activation=MY_TANH, num_iterations=200)
    options = app.controls["activation"].options
    assert options[-1] == ("my_tanh", MY_TANH) and [label for label, _ in options[:-1]] == list(activations.available())
    assert app.settings()["activation"] is MY_TANH
    app.step()
    assert app.result.settings["activation"] is MY_TANH and "my_tanh" in app.status.value
    app.controls["activation"].value = "relu"
    app.controls["activation"].value = MY_TANH
    assert app.iteration == 0 and app.result.settings["activation"] is MY_TANH


def test_view_toggles_redraw_without_restarting(app):
    app.step()
    png, resets = app.figure.value, app.resets
    app.controls["discretize"].value = True
    assert app.figure.value != png and app.resets == resets and app.iteration == playground.FRAME_ITERATIONS
    png = app.figure.value
    app.controls["show_test"].value = False
    assert app.figure.value != png and app.resets == resets


def test_app_snaps_settings_to_the_slider_choices():
    app = playground.Playground(learning_rate=1.2, num_iterations=300)
    assert app.controls["learning_rate"].value == 1.0 and app.controls["num_iterations"].value == 200
    with pytest.raises(ValueError, match="n_hidden"):
        playground.Playground(n_hidden=0)


def test_changes_handled_on_two_threads_end_consistent():
    """ipykernel 7 may run widget callbacks on more than one thread at once, while the play loop runs
    in a third: the app must serialize them, so the run and the figure always use the latest settings."""
    app = playground.Playground(num_iterations=10000)
    try:
        app.play()
        changes = [(app.controls["activation"], "leaky_relu"), (app.controls["n_hidden"], 6)]
        threads = [threading.Thread(target=setattr, args=(control, "value", value)) for control, value in changes]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert app._live.settings == playground.check_settings(**app.settings())
        assert app._live.settings["activation"] == "leaky_relu" and app._live.settings["n_hidden"] == 6
        assert app.playing
        wait_until(lambda: app.iteration > 0)
        app.pause()
        assert app.result.settings == playground.check_settings(**app.settings())
        assert app._board.settings == app.result.settings
    finally:
        app.pause()


def test_an_untrained_network_looks_flat_and_every_map_states_its_colour_scale():
    import matplotlib.pyplot as plt

    untrained = playground.run(num_iterations=1, n_hidden=50, learning_rate=0.001)  # contributions about 1e-3
    trained = playground.run(num_iterations=300, n_hidden=50)
    shaded = {}
    for name, result in (("untrained", untrained), ("trained", trained)):
        boundary, _, units, logit = playground.plot(result)
        rgb = np.asarray(units.get_images()[0].get_array())[..., :3]
        shaded[name] = np.mean(rgb.min(axis=-1) < 200)  # pixels clearly away from the white middle of the scale
        assert any("colour scale ±" in text.get_text() for text in logit.texts)
        assert any("one colour scale for all maps" in text.get_text() for text in units.texts)
        plt.close(boundary.figure)
    assert shaded["untrained"] < 0.05 < shaded["trained"], shaded  # only the labels' ink, against real maps
