"""Tests of course_utils.datasets: the flower generator, the shipped CSV and the toy sets."""

import numpy as np
import pytest

from course_utils import datasets

# First and last points of the course's own generator after np.random.seed(1) (planar_utils.py),
# recorded once from that code; make_planar must reproduce them. The normal draws are the same on every numpy
# (RandomState's stream is frozen), but np.sin and np.cos may round the last bit differently on another numpy or
# CPU (AVX-512 code paths): the points agree to round-off.
COURSE_FIRST = (1.204442292254319, 3.5761141481288448)
COURSE_LAST_X1 = 0.7307808250007513
SIN_COS_ROUND_OFF = {"rtol": 1e-12, "atol": 1e-12}


def test_make_planar_reproduces_the_course_numbers():
    X, Y = datasets.make_planar()
    assert X.shape == (2, 400) and X.dtype == np.float64
    assert Y.shape == (1, 400) and Y.dtype == np.int64
    np.testing.assert_allclose([X[0, 0], X[1, 0], X[0, -1]], [*COURSE_FIRST, COURSE_LAST_X1], **SIN_COS_ROUND_OFF)
    assert Y[0, :200].tolist() == [0] * 200 and Y[0, 200:].tolist() == [1] * 200


def test_make_planar_follows_the_recipe_in_draw_order():
    X, Y = datasets.make_planar(m=10, noise=0.5, seed=7)
    rs = np.random.RandomState(7)
    for j in range(2):
        t = np.linspace(3.12 * j, 3.12 * (j + 1), 5) + rs.randn(5) * 0.5
        r = 4 * np.sin(4 * t) + rs.randn(5) * 0.5
        np.testing.assert_array_equal(X[:, 5 * j : 5 * (j + 1)], np.vstack([r * np.sin(t), r * np.cos(t)]))
        np.testing.assert_array_equal(Y[0, 5 * j : 5 * (j + 1)], j)


def test_make_planar_without_noise_lies_on_the_rose_curve():
    X, _ = datasets.make_planar(m=50, noise=0.0)
    t = np.concatenate([np.linspace(0, 3.12, 25), np.linspace(3.12, 6.24, 25)])
    r = 4 * np.sin(4 * t)
    np.testing.assert_allclose(X, np.vstack([r * np.sin(t), r * np.cos(t)]), rtol=0, atol=1e-15)


def test_make_planar_leaves_the_global_generator_alone():
    state = np.random.get_state()
    datasets.make_planar(seed=3)
    after = np.random.get_state()
    assert state[0] == after[0] and np.array_equal(state[1], after[1]) and state[2:] == after[2:]


def test_make_planar_seed_matters_and_repeats():
    a, _ = datasets.make_planar(seed=4)
    b, _ = datasets.make_planar(seed=4)
    c, _ = datasets.make_planar(seed=5)
    assert np.array_equal(a, b) and not np.array_equal(a, c)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"m": 401}, ValueError, "m must be even"),
        ({"m": 0}, ValueError, "m must be >= 2"),
        ({"m": 400.0}, TypeError, "m must be an int"),
        ({"noise": -0.1}, ValueError, "noise must be >= 0"),
        ({"noise": float("nan")}, ValueError, "noise must be a finite"),
        ({"noise": "0.2"}, TypeError, "noise must be a real number"),
        ({"seed": -1}, ValueError, "seed must be >= 0"),
        ({"seed": 1.5}, TypeError, "seed must be an int"),
    ],
)
def test_make_planar_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        datasets.make_planar(**kwargs)


def test_shipped_csv_equals_the_generator():
    X, Y = datasets.load_planar_dataset()
    X_ref, Y_ref = datasets.make_planar()
    assert X.shape == (2, 400) and X.dtype == np.float64 and Y.dtype == np.int64
    np.testing.assert_allclose(X, X_ref, **SIN_COS_ROUND_OFF)
    np.testing.assert_array_equal(Y, Y_ref)


def test_load_does_not_depend_on_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    X, _ = datasets.load_planar_dataset()
    assert X.shape == (2, 400)


def test_write_then_load_round_trips_other_settings(tmp_path):
    path = datasets.write_planar_csv(tmp_path / "flower.csv", m=20, noise=0.7, seed=11)
    X, Y = datasets.load_planar_dataset(path)
    X_ref, Y_ref = datasets.make_planar(m=20, noise=0.7, seed=11)
    assert np.array_equal(X, X_ref) and np.array_equal(Y, Y_ref)


GOOD = "x1,x2,label\n0.5,-1.25,0\n1e-3,2.0,1\n"


@pytest.mark.parametrize(
    "text, match",
    [
        ("", "expected the header x1,x2,label, got an empty file"),
        ("a,b,c\n0.5,1,0\n", "expected the header x1,x2,label"),
        ("x1,x2,label\n", "no data rows"),
        ("x1,x2,label\n0.5,1.0\n", "line 2: expected 3 fields"),
        ("x1,x2,label\n0.5,1.0,0\n0.5,abc,1\n", "line 3: not a number"),
        ("x1,x2,label\n0.5,nan,0\n", "line 2: x1 and x2 must be finite"),
        ("x1,x2,label\n0.5,inf,0\n", "line 2: x1 and x2 must be finite"),
        ("x1,x2,label\n0.5,1.0,2\n", "line 2: label must be 0 or 1, got 2"),
        ("x1,x2,label\n0.5,1.0,0.5\n", "label must be 0 or 1"),
        ("x1,x2,label\n0.5,1.0,nan\n", "label must be 0 or 1"),
    ],
)
def test_damaged_csv_gives_a_clear_error_naming_the_file(tmp_path, text, match):
    path = tmp_path / "damaged.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=match) as info:
        datasets.load_planar_dataset(path)
    assert "damaged.csv" in str(info.value)


def test_small_valid_csv_loads(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text(GOOD, encoding="utf-8")
    X, Y = datasets.load_planar_dataset(path)
    np.testing.assert_array_equal(X, [[0.5, 1e-3], [-1.25, 2.0]])
    np.testing.assert_array_equal(Y, [[0, 1]])


def test_missing_csv_says_how_to_regenerate(tmp_path):
    with pytest.raises(FileNotFoundError, match="python -m course_utils.datasets"):
        datasets.load_planar_dataset(tmp_path / "nothing.csv")


def test_extra_datasets_are_binary_balanced_and_fixed():
    sets = datasets.load_extra_datasets()
    assert list(sets) == ["noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles"]
    again = datasets.load_extra_datasets()
    for name, (X, Y) in sets.items():
        assert X.shape == (2, 200) and X.dtype == np.float64, name
        assert Y.shape == (1, 200) and Y.dtype == np.int64, name
        assert set(np.unique(Y)) == {0, 1} and Y.sum() == 100, name
        assert np.all(np.isfinite(X)), name
        assert np.array_equal(X, again[name][0]) and np.array_equal(Y, again[name][1]), name


def test_extra_moons_match_scikit_learn_in_columns():
    from sklearn.datasets import make_moons

    X_rows, y = make_moons(n_samples=200, noise=0.2, random_state=1)
    X, Y = datasets.load_extra_datasets()["noisy_moons"]
    assert np.array_equal(X, X_rows.T) and np.array_equal(Y[0], y)


@pytest.mark.parametrize("name", sorted(datasets.TOY_DATASETS))
def test_make_toy_defaults_are_the_extra_sets_and_noise_moves_points(name):
    X, Y = datasets.make_toy(name)
    X_extra, Y_extra = datasets.load_extra_datasets()[name]
    assert np.array_equal(X, X_extra) and np.array_equal(Y, Y_extra)
    X_big, Y_big = datasets.make_toy(name, m=300, noise=0.5, seed=7)
    assert X_big.shape == (2, 300) and Y_big.shape == (1, 300) and set(np.unique(Y_big)) == {0, 1}
    assert not np.array_equal(X_big[:, :200], X)


def test_make_toy_gaussian_quantiles_noise_is_added_to_the_points():
    X0, Y0 = datasets.make_toy("gaussian_quantiles", noise=0.0, seed=3)
    X1, Y1 = datasets.make_toy("gaussian_quantiles", noise=0.1, seed=3)
    expected = X0 + 0.1 * np.random.RandomState(4).randn(200, 2).T
    assert np.array_equal(Y0, Y1) and np.allclose(X1, expected, rtol=0, atol=1e-15)


def test_train_test_split_columns_partitions_and_stratifies():
    X, Y = datasets.make_planar()
    X_tr, X_te, Y_tr, Y_te = datasets.train_test_split_columns(X, Y, test_size=0.25, seed=3)
    assert X_tr.shape == (2, 300) and X_te.shape == (2, 100)
    assert Y_tr.shape == (1, 300) and Y_te.shape == (1, 100)
    assert Y_te.sum() == 50 and Y_tr.sum() == 150  # class proportions kept
    both = np.hstack([X_tr, X_te])
    order = np.lexsort(both)
    np.testing.assert_array_equal(both[:, order], X[:, np.lexsort(X)])
    again = datasets.train_test_split_columns(X, Y, test_size=0.25, seed=3)
    assert np.array_equal(again[1], X_te)
    other = datasets.train_test_split_columns(X, Y, test_size=0.25, seed=4)
    assert not np.array_equal(other[1], X_te)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"test_size": 0.0}, ValueError, "test_size must be > 0"),
        ({"test_size": 1.0}, ValueError, "test_size must be < 1"),
        ({"test_size": "a"}, TypeError, "test_size"),
        ({"seed": -2}, ValueError, "seed"),
        ({"stratify": "yes"}, TypeError, "stratify"),
    ],
)
def test_train_test_split_columns_rejects_bad_arguments(kwargs, error, match):
    X, Y = datasets.make_planar(m=20)
    with pytest.raises(error, match=match):
        datasets.train_test_split_columns(X, Y, **kwargs)


def test_train_test_split_columns_checks_the_data():
    X, Y = datasets.make_planar(m=20)
    with pytest.raises(ValueError, match=r"Y must have shape \(1, 20\)"):
        datasets.train_test_split_columns(X, Y.ravel())


def test_shipped_csv_is_what_the_regeneration_command_writes(tmp_path):
    fresh = datasets.write_planar_csv(tmp_path / "planar_flower.csv")
    shipped = datasets.PLANAR_CSV.read_text(encoding="utf-8").splitlines()
    written = fresh.read_text(encoding="utf-8").splitlines()
    assert shipped[0] == written[0] == "x1,x2,label" and len(shipped) == len(written) == 401
    assert [line.rsplit(",", 1)[1] for line in shipped] == [line.rsplit(",", 1)[1] for line in written]  # labels
    X_shipped, _ = datasets.load_planar_dataset()
    X_written, _ = datasets.load_planar_dataset(fresh)
    np.testing.assert_allclose(X_shipped, X_written, **SIN_COS_ROUND_OFF)  # the numbers: make_planar's sin and cos


# --- XOR and spirals (TensorFlow Playground's sets) -----------------------------------------------


@pytest.mark.parametrize("make", [datasets.make_xor, datasets.make_spiral])
def test_xor_and_spiral_shapes_labels_and_seeds(make):
    X, Y = make()
    assert X.shape == (2, 400) and X.dtype == np.float64 and Y.shape == (1, 400) and Y.dtype == np.int64
    counts = np.bincount(Y[0])  # the spiral's arms are halves; XOR's quadrants are drawn, about halves
    assert counts.tolist() == [200, 200] if make is datasets.make_spiral else 160 <= counts[0] <= 240
    again, _ = make()
    other, _ = make(seed=2)
    assert np.array_equal(X, again) and not np.array_equal(X, other)  # reproducible, and the seed matters
    X_odd, Y_odd = make(m=7, seed=3)
    assert X_odd.shape == (2, 7) and Y_odd.shape == (1, 7)
    state = np.random.get_state()
    make(seed=5)
    assert np.array_equal(state[1], np.random.get_state()[1])  # numpy's global generator untouched


def test_make_xor_follows_the_recipe():
    X, Y = datasets.make_xor(m=50, noise=0.4, seed=7)
    rs = np.random.RandomState(7)
    clean = rs.uniform(-5, 5, size=(2, 50))
    clean = clean + 0.3 * np.sign(clean)
    np.testing.assert_array_equal(Y[0], (clean[0] * clean[1] > 0).astype(int))
    np.testing.assert_allclose(X, clean + 0.4 * rs.randn(2, 50), rtol=0, atol=1e-15)
    X0, Y0 = datasets.make_xor(m=500, noise=0.0, seed=1)
    assert np.all(np.abs(X0) >= 0.3) and np.all(np.abs(X0) <= 5.3)  # away from the axes, inside the square
    assert np.array_equal(Y0[0] == 1, np.sign(X0[0]) == np.sign(X0[1]))  # the quadrants' XOR, exactly


def test_make_spiral_without_noise_lies_on_two_arms_half_a_turn_apart():
    X, Y = datasets.make_spiral(m=40, noise=0.0)
    i = np.arange(20) / 20
    r, t = 5 * i, 1.75 * 2 * np.pi * i
    np.testing.assert_allclose(X[:, :20], [r * np.sin(t), r * np.cos(t)], rtol=0, atol=1e-14)
    np.testing.assert_allclose(X[:, 20:], -X[:, :20], rtol=0, atol=1e-14)  # turned by pi: (x1, x2) -> -(x1, x2)
    assert Y[0].tolist() == [0] * 20 + [1] * 20
    noisy, _ = datasets.make_spiral(m=40, noise=0.3, seed=4)
    np.testing.assert_allclose(noisy - X, 0.3 * np.random.RandomState(4).randn(2, 40), rtol=0, atol=1e-14)


@pytest.mark.parametrize("make", [datasets.make_xor, datasets.make_spiral])
@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"m": 1}, ValueError, "m must be >= 2"),
        ({"m": 10.0}, TypeError, r"\bm\b"),
        ({"noise": -0.1}, ValueError, "noise"),
        ({"noise": float("nan")}, ValueError, "noise"),
        ({"seed": -1}, ValueError, "seed"),
        ({"seed": 1.5}, TypeError, "seed"),
    ],
)
def test_xor_and_spiral_reject_bad_arguments(make, kwargs, error, match):
    with pytest.raises(error, match=match):
        make(**kwargs)
