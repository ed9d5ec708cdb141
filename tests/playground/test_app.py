"""Tests of course_utils.playground.app: the live widget app driven from Python (no browser, no kernel): frames
stepped by hand, and played from a background thread."""

import threading
import time

import numpy as np
import pytest

from course_utils import activations, playground


def wait_until(condition, timeout=20.0):
    """Poll ``condition()`` until it is true (the play loop runs in another thread); fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(0.01)


@pytest.fixture
def app():
    app = playground.Playground(num_iterations=200)
    yield app
    app.pause()


def test_app_builds_at_iteration_0(app, is_png):
    assert app.iteration == 0 and not app.playing
    assert "iteration <b>0</b> of 200" in app.counter.value
    assert "train accuracy" in app.status.value
    assert is_png(app.figure.value)
    assert app.settings() == {**playground.DEFAULTS, "num_iterations": 200}
    rate = app.controls["learning_rate"]  # a log slider from 1e-4 to 10, as the issue asks
    assert type(rate).__name__ == "FloatLogSlider" and (rate.base, rate.min, rate.max) == (10, -4, 1)
    assert rate.value == 1.0 and 10.0**rate.min == playground.LEARNING_RATE_RANGE[0] == 1e-4
    assert app.play_button.description == "Play" and not app.play_button.disabled and app.pause_button.disabled
    bundle = app._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == app.app.model_id  # the whole layout
    assert bundle["text/plain"].startswith("Interactive playground")


def test_step_runs_one_frame_and_updates_the_figure_in_place(app, is_png):
    figure, artists = app.board_figure, [id(a) for a in app.board_figure.get_children()]
    ids = [id(app.board.units_image), id(app.board.boundary_image), id(app.board.train_line)]
    png, frames = app.figure.value, app.frames
    app.step()
    assert app.iteration == playground.FRAME_ITERATIONS
    assert app.figure.value != png and is_png(app.figure.value)
    assert f"iteration <b>{playground.FRAME_ITERATIONS}</b>" in app.counter.value
    grown = app.frames
    assert grown["iteration"].size == frames["iteration"].size + 1 == 2
    assert grown["train_cost"].size == grown["test_cost"].size == 2 and np.all(np.isfinite(grown["test_cost"]))
    png = app.figure.value
    app.step()
    assert app.iteration == 2 * playground.FRAME_ITERATIONS and app.figure.value != png
    # the same figure and the same artists, updated in place (no new figure per frame)
    assert app.board_figure is figure and [id(a) for a in figure.get_children()] == artists
    assert [id(app.board.units_image), id(app.board.boundary_image), id(app.board.train_line)] == ids
    assert app.board.train_line.get_xdata().size == 3
    labels = app.board.unit_labels
    assert len(labels) == 4 and all(label.startswith("w = ") for label in labels)
    w2 = app.result.params["W2"][0]
    assert labels == [f"w = {w:+.2f}" for w in w2]


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
        assert not app.wait(timeout=0)  # the play loop runs in another thread: this one goes on
        app.pause()
        assert not app.playing and app.wait(timeout=0)
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
        assert app.session.settings["activation"] == "relu"
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
    app.controls["hidden_layers"].value = (10,)  # wider than the drop-downs offer: Python may ask for it
    assert app.iteration == 0 and app.figure.value != png and app.result.params["W1"].shape == (10, 2)
    app.step()
    app.controls["dataset"].value = "noisy_moons"
    assert app.iteration == 0 and app.result.settings["dataset"] == "noisy_moons"
    assert app.result.X_train.shape == (2, 300)
    app.controls["test_size"].value = 0.0
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
    assert app.iteration == 0 and not app.playing and app.wait(timeout=0)


def test_divergence_stops_play_and_shows_the_engines_message(diverging, is_png):
    app = playground.Playground(frame_iterations=250, **diverging)
    try:
        app.play()
        assert app.wait(timeout=30)
        assert not app.playing and app.iteration < 1000
        result = app.result
        assert result.diverged and result.diverged_at == 500
        assert result.message == playground.run(**diverging).message  # the engine's rule, as in run()
        assert "Training diverged." in app.status.value and "Lower the learning rate" in app.status.value
        frames = app.frames
        assert np.isfinite(frames["train_cost"][0]) and np.isnan(frames["train_cost"][-1])
        assert is_png(app.figure.value)
        assert app.board.progress.get_text() == "diverged at iteration 500"
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


def test_a_learner_defined_activation_is_one_more_option(my_tanh):
    app = playground.Playground(activation=my_tanh, num_iterations=200)
    options = app.controls["activation"].options
    assert options[-1] == ("my_tanh", my_tanh) and [value for _, value in options[:-1]] == list(activations.available())
    assert options[-2] == ("linear", "identity")  # the identity, by TensorFlow Playground's name for it
    assert app.settings()["activation"] is my_tanh
    app.step()
    assert app.result.settings["activation"] is my_tanh and "my_tanh" in app.status.value
    app.controls["activation"].value = "relu"
    app.controls["activation"].value = my_tanh
    assert app.iteration == 0 and app.result.settings["activation"] is my_tanh


def test_view_toggles_redraw_without_restarting(app):
    app.step()
    png, resets = app.figure.value, app.resets
    app.controls["discretize"].value = True
    assert app.figure.value != png and app.resets == resets and app.iteration == playground.FRAME_ITERATIONS
    png = app.figure.value
    app.controls["show_test"].value = False
    assert app.figure.value != png and app.resets == resets


def test_app_keeps_the_learning_rate_and_snaps_iterations_to_the_slider_choices():
    app = playground.Playground(learning_rate=1.2, num_iterations=300, l2=0.02)
    assert app.controls["learning_rate"].value == 1.2 and app.controls["num_iterations"].value == 200
    assert app.controls["l2"].value == 0.02 and app.settings()["l2"] == 0.02  # an L2 off the list is added to it
    assert playground.Playground(learning_rate=100.0).controls["learning_rate"].value == 100.0  # the range widens
    with pytest.raises(ValueError, match="n_hidden"):
        playground.Playground(n_hidden=0)


def test_changes_handled_on_two_threads_end_consistent():
    """ipykernel 7 may run widget callbacks on more than one thread at once, while the play loop runs
    in a third: the app must serialize them, so the run and the figure always use the latest settings."""
    app = playground.Playground(num_iterations=10000)
    try:
        app.play()
        changes = [(app.controls["activation"], "leaky_relu"), (app.controls["hidden_layers"], (6,))]
        threads = [threading.Thread(target=setattr, args=(control, "value", value)) for control, value in changes]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert app.session.settings == playground.check_settings(**app.settings())
        assert app.session.settings["activation"] == "leaky_relu" and app.session.settings["hidden_layers"] == (6,)
        assert app.playing
        wait_until(lambda: app.iteration > 0)
        app.pause()
        assert app.result.settings == playground.check_settings(**app.settings())
        assert app.board.settings == app.result.settings
    finally:
        app.pause()


# --- the controls TensorFlow Playground has: layers, new data, L2, XOR and spiral ---------------------------


def test_adding_and_removing_layers_trains_the_deeper_network(app):
    layers = app.controls["hidden_layers"]
    assert layers.value == (4,) and layers.remove_button.disabled and not layers.add_button.disabled
    resets = app.resets
    layers.add_button.click()  # as a learner clicks "+": a second layer, as wide as the last
    assert layers.value == (4, 4) and app.resets == resets + 1 and app.iteration == 0
    assert app.session.settings["hidden_layers"] == (4, 4) and "2 hidden layers (4, 4)" in app.status.value
    layers.units[1].value = 3  # the second layer's drop-down
    app.step()
    params = app.result.params
    assert [params[f"W{layer}"].shape for layer in (1, 2, 3)] == [(4, 2), (3, 4), (1, 3)]
    assert len(app.board.unit_labels) == 3 and len(app.board.bands) == 2  # one band of maps per layer
    for _ in range(3):
        layers.add_layer()
    assert layers.value == (4, 3, 3, 3) and layers.add_button.disabled  # at most 4 layers
    layers.remove_button.click()
    assert layers.value == (4, 3, 3) and app.session.settings["hidden_layers"] == (4, 3, 3)


def test_a_deep_live_run_with_l2_ends_where_run_ends():
    settings = dict(hidden_layers=(5, 3), l2=0.3, activation="relu", learning_rate=0.3, init="he", num_iterations=200)
    app = playground.Playground(**settings)
    while not app.session.finished:
        app.step()
    live, reference = app.result, playground.run(**settings)
    assert np.array_equal(live.costs, reference.costs)
    assert all(np.array_equal(live.params[key], reference.params[key]) for key in reference.params)
    assert live.frames["train_cost"][0] == reference.costs[0]  # the frames' cost is the engine's, L2 term included


def test_regenerate_draws_a_new_sample_with_the_next_data_seed(app):
    before = app.result.X_train
    app.regenerate_button.click()
    assert app.controls["data_seed"].value == playground.DATA_SEED + 1 and app.iteration == 0
    X, _ = playground.make_data("planar", 0.2, seed=playground.DATA_SEED + 1)
    assert not np.array_equal(app.result.X_train, before)
    assert {tuple(point) for point in app.result.X_train.T} <= {tuple(point) for point in X.T}  # from that sample
    app.regenerate()
    assert app.session.settings["data_seed"] == playground.DATA_SEED + 2


def test_l2_and_the_spiral_change_the_run(app):
    app.controls["dataset"].value = "spiral"
    assert app.result.settings["dataset"] == "spiral" and "spiral" in app.board.boundary_title.get_text()
    app.step()
    plain = app.frames["train_cost"][-1]
    app.controls["l2"].value = 1.0
    assert app.iteration == 0 and app.session.settings["l2"] == 1.0 and "L2 1" in app.status.value
    app.step()
    assert app.frames["train_cost"][-1] != plain  # the cost now holds the L2 term
