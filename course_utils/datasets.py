"""The planar "flower" data set and the other small 2-D toy sets (TensorFlow Playground's XOR and spiral too).

Every function returns data in the course's column convention: ``X`` of shape ``(2, m)`` (one
column per example, float64) and ``Y`` of shape ``(1, m)`` (labels 0/1, int64).

``make_planar`` is the generator of the course's planar-data assignment; ``load_planar_dataset``
reads the copy shipped in ``data/planar_flower.csv`` (written by ``make_planar()`` with its
defaults, at full precision, so both give the same numbers bit for bit). Regenerate the file with
``python -m course_utils.datasets``. ``data/`` is installed with the package as ``course_utils.data``
and read through ``importlib.resources``, so the data is found wherever the package is installed.
"""

import csv
import math
from importlib import resources
from pathlib import Path

import numpy as np

from ._conventions import check_XY
from ._validation import check_bool, check_choice, check_int, check_path, check_real, check_seed

#: The package that ``data/`` of the repository is installed as (``pyproject.toml``: package data).
DATA_PACKAGE = "course_utils.data"


def _shipped_file(name):
    """The data file ``data/<name>`` shipped with the package, found through ``importlib.resources``.

    An installed package (``pip install .`` or ``-e .``) has it as ``course_utils.data``; a checkout that was
    never installed (or an editable install made before ``data/`` became package data) has it beside the package.
    """
    try:
        return resources.files(DATA_PACKAGE) / name
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "data" / name


#: The shipped flower data, ``data/planar_flower.csv`` (found from the installed package, not the CWD).
PLANAR_CSV = _shipped_file("planar_flower.csv")
CSV_COLUMNS = ("x1", "x2", "label")


def make_planar(m=400, noise=0.2, seed=1):
    """Generate the two-class "flower" data set of the course: ``X (2, m)`` float64, ``Y (1, m)`` int64.

    Class ``j`` (0, then 1) has ``m // 2`` points. Its angles are
    ``t = linspace(3.12 j, 3.12 (j + 1), m // 2) + noise * N(0, 1)``, its radii
    ``r = 4 sin(4 t) + noise * N(0, 1)`` and its points ``(r sin t, r cos t)``; the class-0 points
    are the first ``m // 2`` columns. The normal draws come from ``np.random.RandomState(seed)`` in
    the course's order (angle noise, then radius noise, class 0 then class 1), so ``seed=1`` gives
    exactly the numbers the course got after ``np.random.seed(1)``; numpy's global generator is not
    touched.
    """
    m = check_int("m", m, low=2)
    if m % 2:
        raise ValueError(f"m must be even (two classes of m // 2 points), got {m}")
    noise = check_real("noise", noise, low=0.0)
    seed = check_seed("seed", seed)
    rs = np.random.RandomState(seed)
    n = m // 2
    X = np.zeros((2, m))
    Y = np.zeros((1, m), dtype=np.int64)
    for j in range(2):
        t = np.linspace(3.12 * j, 3.12 * (j + 1), n) + rs.randn(n) * noise
        r = 4 * np.sin(4 * t) + rs.randn(n) * noise
        X[0, n * j : n * (j + 1)] = r * np.sin(t)
        X[1, n * j : n * (j + 1)] = r * np.cos(t)
        Y[0, n * j : n * (j + 1)] = j
    return X, Y


def write_planar_csv(path=PLANAR_CSV, m=400, noise=0.2, seed=1):
    """Write ``make_planar(m, noise, seed)`` to ``path`` as CSV (columns x1, x2, label).

    Floats are written with ``repr``, the shortest text that reads back as the same float64, so
    the file round-trips bit for bit. Returns the path.
    """
    path = check_path("path", path)
    X, Y = make_planar(m=m, noise=noise, seed=seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for x1, x2, label in zip(X[0].tolist(), X[1].tolist(), Y[0].tolist()):
            writer.writerow((repr(x1), repr(x2), str(label)))
    return path


def load_planar_dataset(path=None):
    """Load the flower data shipped with the course: ``X (2, 400)`` float64, ``Y (1, 400)`` int64.

    Reads ``data/planar_flower.csv`` shipped with the package (``path`` overrides it) and checks it: the
    header ``x1,x2,label``, three fields per row, finite numbers, labels 0 or 1. A damaged file
    raises ``ValueError`` naming the file and the line; regenerate it with
    ``python -m course_utils.datasets``.
    """
    path = PLANAR_CSV if path is None else check_path("path", path)
    if not path.is_file():
        raise FileNotFoundError(
            f"planar data file not found: {path}; regenerate it with `python -m course_utils.datasets`"
        )
    rows = []
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or tuple(h.strip() for h in header) != CSV_COLUMNS:
            raise ValueError(
                f"{path}: expected the header {','.join(CSV_COLUMNS)}, got "
                f"{','.join(header) if header else 'an empty file'}"
            )
        for line, row in enumerate(reader, start=2):
            if len(row) != 3:
                raise ValueError(f"{path}, line {line}: expected 3 fields (x1, x2, label), got {len(row)}")
            try:
                x1, x2, label = float(row[0]), float(row[1]), float(row[2])
            except ValueError:
                raise ValueError(f"{path}, line {line}: not a number in {','.join(row)}") from None
            if not (math.isfinite(x1) and math.isfinite(x2)):
                raise ValueError(f"{path}, line {line}: x1 and x2 must be finite numbers, got {','.join(row)}")
            if label not in (0.0, 1.0):
                raise ValueError(f"{path}, line {line}: label must be 0 or 1, got {row[2]}")
            rows.append((x1, x2, int(label)))
    if not rows:
        raise ValueError(f"{path}: no data rows after the header")
    X = np.array([(r[0], r[1]) for r in rows], dtype=np.float64).T.copy()
    Y = np.array([[r[2] for r in rows]], dtype=np.int64)
    return X, Y


#: The course's extra toy sets, with the noise and seed each one is drawn with by default.
TOY_DATASETS = {"noisy_circles": (0.3, 1), "noisy_moons": (0.2, 1), "blobs": (0.2, 5), "gaussian_quantiles": (0.0, 1)}


def make_toy(name, m=200, noise=None, seed=None):
    """One of the extra toy sets from scikit-learn's generators: ``X (2, m)``, ``Y (1, m)``.

    ``name`` is one of ``TOY_DATASETS``; ``noise`` (>= 0) and ``seed`` default to the course's values
    for that set. ``noisy_circles`` and ``noisy_moons``: ``make_circles`` (factor 0.5) and
    ``make_moons`` with Gaussian noise of that standard deviation; ``blobs``: six blobs with
    ``cluster_std = 5 * noise`` (0.2 gives scikit-learn's default 1.0), labels taken modulo 2 as in the
    course; ``gaussian_quantiles``: two classes split by the median radius of a Gaussian (cov 0.5),
    the points then moved by ``noise`` times a standard normal drawn from ``RandomState(seed + 1)``.
    """
    from sklearn import datasets as skd

    name = check_choice("name", name, tuple(TOY_DATASETS))
    default_noise, default_seed = TOY_DATASETS[name]
    m = check_int("m", m, low=4)
    noise = default_noise if noise is None else check_real("noise", noise, low=0.0)
    seed = default_seed if seed is None else check_seed("seed", seed)
    if name == "noisy_circles":
        X, y = skd.make_circles(n_samples=m, factor=0.5, noise=noise, random_state=seed)
    elif name == "noisy_moons":
        X, y = skd.make_moons(n_samples=m, noise=noise, random_state=seed)
    elif name == "blobs":
        X, y = skd.make_blobs(n_samples=m, n_features=2, centers=6, cluster_std=5.0 * noise, random_state=seed)
    else:
        X, y = skd.make_gaussian_quantiles(cov=0.5, n_samples=m, n_features=2, n_classes=2, random_state=seed)
        if noise:
            X = X + noise * np.random.RandomState(seed + 1).randn(*X.shape)
    return np.ascontiguousarray(X.T, dtype=np.float64), (y % 2).astype(np.int64).reshape(1, -1)


def load_extra_datasets():
    """The course's other toy sets, 200 points each, with the course's noise and seeds (:func:`make_toy`).

    Returns a dict ``name -> (X (2, 200) float64, Y (1, 200) int64)`` with the names
    ``noisy_circles`` (two circles, factor 0.5, noise 0.3), ``noisy_moons`` (noise 0.2), ``blobs``
    (six blobs whose labels are taken modulo 2, as in the course, so two classes of 100) and
    ``gaussian_quantiles`` (two classes split by the median radius of a Gaussian).
    """
    return {name: make_toy(name) for name in TOY_DATASETS}


#: Half the side of the square the XOR points are drawn in, and their distance from the axes (TensorFlow Playground's).
XOR_HALF_SIDE, XOR_PADDING = 5.0, 0.3
#: The spiral's largest radius and the turns each arm makes (TensorFlow Playground's: 5 and 1.75).
SPIRAL_RADIUS, SPIRAL_TURNS = 5.0, 1.75


def make_xor(m=400, noise=0.2, seed=1):
    """The XOR data set of TensorFlow Playground: ``X (2, m)`` float64, ``Y (1, m)`` int64.

    Each point is drawn uniformly in the square ``[-5, 5]^2`` and pushed ``0.3`` away from both axes (so that
    no point sits on a class border); its label is 1 where ``x1 * x2 > 0`` (the first and third quadrants),
    else 0. Then ``noise`` (>= 0, the standard deviation, in the data's units) times a standard normal moves
    every coordinate, so with noise some points cross into the other class's quadrant. The draws come from
    ``np.random.RandomState(seed)``: the uniform coordinates (2, m), then the noise (2, m).
    """
    m = check_int("m", m, low=2)
    noise = check_real("noise", noise, low=0.0)
    seed = check_seed("seed", seed)
    rs = np.random.RandomState(seed)
    X = rs.uniform(-XOR_HALF_SIDE, XOR_HALF_SIDE, size=(2, m))
    X += np.where(X > 0, XOR_PADDING, -XOR_PADDING)
    Y = (X[0] * X[1] > 0).astype(np.int64).reshape(1, m)
    return X + noise * rs.randn(2, m), Y


def make_spiral(m=400, noise=0.2, seed=1):
    """Two interleaved spirals, as in TensorFlow Playground: ``X (2, m)`` float64, ``Y (1, m)`` int64.

    Class ``j`` (0, then 1: the first ``m - m // 2`` columns are class 0, the other ``m // 2`` class 1) has
    ``n_j`` points ``i = 0 .. n_j - 1`` at radius ``r = 5 i / n_j`` and angle ``t = 1.75 * 2 pi * i / n_j + j pi``
    (the second arm is the first turned by half a turn), at ``(r sin t, r cos t)``; then ``noise`` (>= 0, the
    standard deviation, in the data's units) times a standard normal moves every coordinate. The noise comes
    from ``np.random.RandomState(seed)`` (2, m), class 0's columns first.
    """
    m = check_int("m", m, low=2)
    noise = check_real("noise", noise, low=0.0)
    seed = check_seed("seed", seed)
    X = np.empty((2, m))
    Y = np.zeros((1, m), dtype=np.int64)
    start = 0
    for j, n in enumerate((m - m // 2, m // 2)):
        fraction = np.arange(n) / n
        r, t = SPIRAL_RADIUS * fraction, SPIRAL_TURNS * 2 * np.pi * fraction + j * np.pi
        X[:, start : start + n] = r * np.sin(t), r * np.cos(t)
        Y[0, start : start + n] = j
        start += n
    return X + noise * np.random.RandomState(seed).randn(2, m), Y


def train_test_split_columns(X, Y, test_size=0.25, seed=0, stratify=True):
    """Split a column-convention data set: returns ``X_train, X_test, Y_train, Y_test``.

    ``X (n_features, m)`` and ``Y (1, m)`` with 0/1 labels; ``test_size`` is a fraction in (0, 1)
    (rounded up to whole examples, as scikit-learn does). With ``stratify`` both parts keep the class
    proportions. The shuffle comes from ``seed`` only (scikit-learn's ``train_test_split``).
    """
    from sklearn.model_selection import train_test_split

    X, Y = check_XY(X, Y)
    test_size = check_real("test_size", test_size, low=0.0, high=1.0, low_inclusive=False, high_inclusive=False)
    seed = check_seed("seed", seed)
    stratify = check_bool("stratify", stratify)
    labels = Y[0]
    m, n_test = labels.size, math.ceil(test_size * labels.size)  # scikit-learn's rounding
    need = np.unique(labels).size if stratify else 1
    if n_test < need or m - n_test < need:
        raise ValueError(
            f"test_size={test_size:g} of {m} examples gives {n_test} test and {m - n_test} "
            f"training examples; each part needs at least {need} "
            f"({'one per class, stratify=True' if stratify else 'one example'})"
        )
    counts = np.unique(labels, return_counts=True)[1]
    if stratify and counts.min() < 2:
        raise ValueError(
            "Y must have at least 2 examples of each class to split with stratify=True, "
            f"got class counts {counts.tolist()}"
        )
    X_train, X_test, y_train, y_test = train_test_split(
        X.T, labels, test_size=test_size, random_state=seed, stratify=labels if stratify else None
    )
    return (
        np.ascontiguousarray(X_train.T),
        np.ascontiguousarray(X_test.T),
        y_train.reshape(1, -1),
        y_test.reshape(1, -1),
    )


if __name__ == "__main__":
    written = write_planar_csv()
    X_check, Y_check = load_planar_dataset(written)
    X_ref, Y_ref = make_planar()
    assert np.array_equal(X_check, X_ref) and np.array_equal(Y_check, Y_ref), "round trip failed"
    print(f"wrote {written} ({X_ref.shape[1]} rows, round trip exact)")
