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
    assert units.get_title(loc="left").startswith("hidden units, g = tanh") and "logit" in logit.get_title()
    assert boundary.figure.get_size_inches()[0] * boundary.figure.dpi == 590  # JupyterLab's output area at 1024 px
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
        assert any("one colour scale per layer" in text.get_text() for text in units.texts)
        plt.close(boundary.figure)
    assert shaded["untrained"] < 0.05 < shaded["trained"], shaded  # only the labels' ink, against real maps


def test_one_band_of_maps_per_layer_computed_with_the_models_maths():
    """Each unit's map is what course_utils.model.forward gives for it: in the first layers the unit's output, in
    the last hidden layer its contribution w_j a_j (whose sum plus the output bias is the logit)."""
    from course_utils import model

    app = playground.Playground(hidden_layers=(3, 2), activation="relu", init="he", num_iterations=300)
    app.step()
    board, params = app.board, app.result.params
    assert tuple(board.fig.get_size_inches()) == playground.figure_size((3, 2))
    assert playground.figure_size((3, 2))[1] > playground.figure_size((3,))[1]  # each layer adds a band
    assert len(board.bands) == 2 and all(band[3] == playground.UNIT_TILE for band in board.bands)
    at_data = model.forward(playground.features(app.result.X_train), params)
    for layer, j in ((1, 2), (2, 1)):  # layer 1's third unit: its output; layer 2's second: its contribution
        top, _, _, tile, gap = board.bands[layer - 1]
        maps = model.forward(board.tile_inputs[tile], params)[f"A{layer}"]
        data = at_data[f"A{layer}"]
        if layer == 2:
            maps, data = params["W3"][0][:, None] * maps, params["W3"][0][:, None] * data
        scale = max(np.abs(data).max(), playground.UNIT_SCALE_FLOOR)
        expected = board.cmap(np.clip((maps[j] / scale + 1) / 2, 0, 1).reshape(tile, tile), bytes=True)
        y, x = top + board.strip, j * (tile + gap)
        np.testing.assert_array_equal(board.units_rgba[y : y + tile, x : x + tile], expected)
    texts = " ".join(text.get_text() for text in board.ax_units.texts)
    assert "layer 1: unit outputs" in texts and "layer 2: contributions" in texts and "layer 1 ±" in texts
    assert board.unit_labels == [f"w = {w:+.2f}" for w in params["W3"][0]]


def test_every_text_is_at_least_the_smallest_font_and_the_maps_at_least_60_pixels():
    import matplotlib.pyplot as plt

    result = playground.run(hidden_layers=(8, 8, 8, 8), num_iterations=100)
    axes = playground.plot(result)
    fig = axes[0].figure
    fig.canvas.draw()
    sizes = [text.get_fontsize() for text in fig.findobj(lambda artist: hasattr(artist, "get_fontsize"))]
    assert min(sizes) >= playground.MIN_FONT_SIZE  # 7 pt = 9.7 px at 100 dpi
    assert playground.MIN_FONT_SIZE * playground.DPI / 72 >= 9
    assert playground.UNIT_TILE >= 60 and len(axes[2].figure.axes) == 4
    width, height = fig.get_size_inches() * fig.dpi
    assert width == 590 and height < 700  # 4 layers of 8 maps, and the panels, in a 590-pixel-wide figure
    renderer = fig.canvas.get_renderer()
    for ax in axes:  # nothing leaves the figure on the left or the right (no horizontal scrolling)
        box = ax.get_tightbbox(renderer)
        assert box.x0 >= -1 and box.x1 <= width + 1, (ax.get_label(), box)
    plt.close(fig)
