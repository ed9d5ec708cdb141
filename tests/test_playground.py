"""Tests of course_utils.playground: data, one run, the figure, and the widget app driven from Python."""

import numpy as np
import pytest

from course_utils import datasets, playground

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# leaky ReLU at learning rate 10 overflows within 500 iterations on the flower data (1000 by default)
DIVERGING = {"activation": "leaky_relu", "learning_rate": 10.0}


# --- data ----------------------------------------------------------------------------------------


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
    assert np.array_equal(X, X_ref) and np.array_equal(Y, Y_ref)


def test_make_data_rejects_bad_arguments():
    with pytest.raises(ValueError, match="dataset"):
        playground.make_data("spirals")
    with pytest.raises(ValueError, match="noise"):
        playground.make_data("planar", noise=-0.1)


def test_learning_rates_are_log_spaced_like_tf_playground():
    rates = np.array(playground.LEARNING_RATES)
    assert rates[0] == 0.001 and rates[-1] == 10.0
    steps = np.log10(rates[1:] / rates[:-1])
    assert np.all((steps > 0.4) & (steps < 0.6))  # 1, 3, 10, 30, ...: half a decade each


# --- settings and runs ---------------------------------------------------------------------------


def test_check_settings_fills_defaults_and_names_bad_values():
    assert playground.check_settings() == playground.DEFAULTS
    with pytest.raises(TypeError, match="lr"):
        playground.check_settings(lr=0.1)
    with pytest.raises(ValueError, match="learning_rate"):
        playground.check_settings(learning_rate=0.0)
    with pytest.raises(ValueError, match="activation"):
        playground.check_settings(activation="swish2")
    with pytest.raises(ValueError, match="test_share"):
        playground.check_settings(test_share=0.95)


def test_run_default_trains_and_scores():
    result = playground.run()
    assert not result.diverged and result.message == ""
    assert result.X_train.shape == (2, 300) and result.X_test.shape == (2, 100)
    assert result.costs.shape == (10,) and result.costs[-1] < result.costs[0]
    assert 85.0 <= result.train_accuracy <= 95.0  # the flower with tanh, 4 units: about 90 %
    assert 75.0 <= result.test_accuracy <= 95.0
    assert result.predict_proba(result.X_test).shape == (1, 100)
    text = playground.summary(result)
    assert text.startswith("tanh, 4 hidden units, learning rate 1, 1000 iterations: train accuracy ")
    assert f"test accuracy {result.test_accuracy:.1f}%" in text


def test_run_without_test_set():
    result = playground.run(test_share=0.0, num_iterations=200)
    assert result.X_test is None and result.test_accuracy is None
    assert result.X_train.shape == (2, 400)
    assert "test accuracy" not in playground.summary(result)


def test_run_reports_divergence_instead_of_raising():
    result = playground.run(**DIVERGING)
    assert result.diverged and result.params is None and result.costs is None
    assert "diverged" in result.message and "learning_rate=10" in result.message
    assert playground.summary(result).endswith(": " + result.message)
    with pytest.raises(ValueError, match="diverged"):
        result.predict_proba(result.X_train)


def test_run_notes_a_cost_that_went_up():
    result = playground.run(activation="relu", learning_rate=10.0)
    assert not result.diverged
    assert any("learning rate" in note for note in result.notes)


def test_plot_and_png():
    import matplotlib.pyplot as plt

    result = playground.run(num_iterations=200)
    axes = playground.plot(result)
    assert axes[0].get_title().startswith("flower (planar): train ")
    assert axes[1].get_xlabel() == "iteration" and axes[1].get_title().startswith("cost during training")
    plt.close(axes[0].figure)
    diverged = playground.run(**DIVERGING)
    axes = playground.plot(diverged)
    assert "diverged" in axes[0].get_title()
    plt.close(axes[0].figure)
    png = playground.render_png(result)
    assert png.startswith(PNG_MAGIC)
    assert playground.render_png(result, discretize=True) != png


# --- the widget app, driven from Python (no browser, no kernel) ----------------------------------


@pytest.fixture
def app():
    return playground.Playground(num_iterations=200)


def test_app_builds_and_shows_a_first_result(app):
    assert app.runs == 1 and app.result is not None
    assert "train accuracy" in app.status.value and "test accuracy" in app.status.value
    assert bytes(app.figure.value).startswith(PNG_MAGIC)
    assert app.settings() == {**playground.DEFAULTS, "num_iterations": 200}
    assert [v for _, v in app.controls["learning_rate"].options] == list(playground.LEARNING_RATES)
    assert "playground-app" in app.app._dom_classes
    bundle = app._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("Interactive playground")


def test_changing_a_control_retrains(app):
    status, png = app.status.value, app.figure.value
    app.controls["activation"].value = "relu"
    assert app.runs == 2 and app.result.settings["activation"] == "relu"
    assert app.status.value != status and app.status.value.startswith("<span") and "relu" in app.status.value
    assert app.figure.value != png
    app.controls["n_hidden"].value = 10
    assert app.runs == 3 and app.result.params["W1"].shape == (10, 2)
    app.controls["dataset"].value = "noisy_moons"
    assert app.runs == 4 and app.result.settings["dataset"] == "noisy_moons"
    assert app.result.X_train.shape == (2, 300)
    app.controls["test_share"].value = 0.0
    assert app.result.X_test is None and "test accuracy" not in app.status.value


def test_view_toggles_redraw_without_retraining(app):
    png = app.figure.value
    app.controls["discretize"].value = True
    assert app.runs == 1 and app.figure.value != png
    app.controls["show_test"].value = False
    assert app.runs == 1


def test_train_button_when_auto_update_is_off(app):
    app.controls["auto"].value = False
    app.controls["n_hidden"].value = 7
    assert app.runs == 1 and "press Train" in app.status.value
    app.train_button.click()
    assert app.runs == 2 and app.result.params["W1"].shape == (7, 2)
    assert "train accuracy" in app.status.value and not app.train_button.disabled


def test_divergence_message_in_the_app(app):
    app.controls["num_iterations"].value = 1000
    app.controls["activation"].value = DIVERGING["activation"]
    app.controls["learning_rate"].value = DIVERGING["learning_rate"]
    assert app.result.diverged
    assert "Training diverged." in app.status.value and "Lower the learning rate" in app.status.value
    assert bytes(app.figure.value).startswith(PNG_MAGIC)
    app.controls["learning_rate"].value = 1.0  # recovers
    assert not app.result.diverged and "train accuracy" in app.status.value


def test_app_snaps_settings_to_the_slider_choices():
    app = playground.Playground(learning_rate=1.2, num_iterations=300)
    assert app.controls["learning_rate"].value == 1.0 and app.controls["num_iterations"].value == 200
    with pytest.raises(ValueError, match="n_hidden"):
        playground.Playground(n_hidden=0)


def test_changes_handled_on_two_threads_end_consistent(app):
    """ipykernel 7 may run widget callbacks on more than one thread at once: the app must serialize them,
    so the figure, the status and the result always describe the latest settings."""
    import threading

    app.controls["num_iterations"].value = 1000
    for _ in range(3):
        changes = [(app.controls["activation"], "leaky_relu"), (app.controls["learning_rate"], 10.0)]
        threads = [threading.Thread(target=setattr, args=(control, "value", value)) for control, value in changes]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert app.result.settings == app.settings()
        assert app.result.diverged and "Training diverged." in app.status.value
        assert app.figure.value == playground.render_png(app.result)
        app.controls["activation"].value, app.controls["learning_rate"].value = "tanh", 1.0
        assert not app.result.diverged and app.result.settings == app.settings()
