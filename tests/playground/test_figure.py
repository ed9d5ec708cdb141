"""Tests of course_utils.playground.figure: the static figure (plot) and its PNG (render_png)."""

import numpy as np

from course_utils import playground


def test_plot_and_png(diverging, is_png):
    import matplotlib.pyplot as plt

    result = playground.run(num_iterations=200)
    axes = playground.plot(result)
    assert isinstance(axes, np.ndarray) and axes.shape == (4,)  # the plots' convention: an array of Axes
    boundary, cost, units, logit = axes
    assert boundary.get_title().startswith("flower (planar): train ")
    assert cost.get_xlabel() == "iteration" and cost.get_title().startswith("cost during training")
    assert [line.get_label() for line in cost.get_lines()] == ["train", "test"]
    assert units.get_title(loc="left").startswith("hidden units: $w^{[2]}_j") and "logit" in logit.get_title()
    assert all(ax.figure is boundary.figure for ax in axes)
    plt.close(boundary.figure)
    diverged = playground.run(**diverging)
    axes = playground.plot(diverged)
    assert "diverged" in axes[0].get_title()
    assert axes[1].get_lines()[0].get_xdata().size == diverged.frames["iteration"].size
    assert axes[1].get_ylim()[1] >= np.max(diverged.costs)  # the last finite cost shows, whatever its size
    plt.close(axes[0].figure)
    assert is_png(playground.render_png(result))


# --- the live widget app, driven from Python (no browser, no kernel) -------------------------------


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
