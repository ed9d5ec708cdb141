"""Determinism: the same seed gives bit-identical results, run after run and process after process.

"Bit-identical" is checked on the exact bytes of the float64 arrays (SHA-256, no tolerance), for
``network.train`` with every activation, in a fresh interpreter, for the scikit-learn estimator
and for ``experiments.compare``. That ``compare`` agrees with ``network.train`` (accuracies and
divergence flags) wherever training is stable, and does not depend on grouping or worker
processes, is tested in tests/test_experiments.py.
"""

import hashlib
import subprocess
import sys

import numpy as np
import pytest

from course_utils import activations, experiments, network


def _digest(params, costs=None):
    """SHA-256 of the exact bytes of the parameters (and costs): equal digests = bit-identical."""
    h = hashlib.sha256()
    for key in network.PARAM_NAMES:
        h.update(np.ascontiguousarray(params[key], dtype=np.float64).tobytes())
    if costs is not None:
        h.update(np.ascontiguousarray(costs, dtype=np.float64).tobytes())
    return h.hexdigest()


@pytest.mark.parametrize("name", activations.available())
def test_train_twice_gives_bit_identical_parameters(flower, name):
    X, Y = flower
    first = network.train(X, Y, n_hidden=4, activation=name, learning_rate=1.2, num_iterations=300, seed=3)
    second = network.train(X, Y, n_hidden=4, activation=name, learning_rate=1.2, num_iterations=300, seed=3)
    assert _digest(*first) == _digest(*second)
    other = network.train(X, Y, n_hidden=4, activation=name, learning_rate=1.2, num_iterations=300, seed=4)
    assert _digest(*other) != _digest(*first)  # the seed matters (the check can fail)


_CHILD = """
import hashlib, sys
import numpy as np
from course_utils import datasets, network
X, Y = datasets.load_planar_dataset()
for name, lr in (("tanh", 1.2), ("relu", 1.2), ("elu", 0.5)):
    params, costs = network.train(X, Y, n_hidden=5, activation=name, learning_rate=lr, num_iterations=400, seed=2)
    h = hashlib.sha256()
    for key in network.PARAM_NAMES:
        h.update(np.ascontiguousarray(params[key], dtype=np.float64).tobytes())
    h.update(np.ascontiguousarray(costs, dtype=np.float64).tobytes())
    print(h.hexdigest())
"""


def test_train_in_a_fresh_process_gives_the_same_bits(flower):
    """No hidden state (global generator, hash order, caches): a new interpreter gets the same bits."""
    X, Y = flower
    here = [
        _digest(*network.train(X, Y, n_hidden=5, activation=name, learning_rate=lr, num_iterations=400, seed=2))
        for name, lr in (("tanh", 1.2), ("relu", 1.2), ("elu", 0.5))
    ]
    np.random.seed(12345)  # the parent's global generator state must not matter either
    child = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, check=True, env=None)
    assert child.stdout.split() == here


def test_estimator_fit_twice_gives_bit_identical_parameters(flower):
    X, Y = flower
    fits = [
        network.OneHiddenLayerClassifier(n_hidden=4, activation="relu", max_iter=300, random_state=state).fit(
            X.T, Y.ravel()
        )
        for state in (7, 7, np.random.RandomState(5), np.random.RandomState(5))
    ]
    assert _digest(fits[0].params_, fits[0].loss_curve_) == _digest(fits[1].params_, fits[1].loss_curve_)
    assert _digest(fits[2].params_, fits[2].loss_curve_) == _digest(fits[3].params_, fits[3].loss_curve_)
    assert _digest(fits[0].params_) != _digest(fits[2].params_)
    # the estimator is train() on the rows-convention data with the same seed
    params, costs = network.train(X, Y, n_hidden=4, activation="relu", num_iterations=300, seed=7)
    assert _digest(fits[0].params_, fits[0].loss_curve_) == _digest(params, costs)


def _rows_key(rows):
    """Everything a row says, with the arrays as exact bytes, in a comparable form."""
    out = []
    for row in rows:
        item = {}
        for key, value in row.items():
            if key == "params":
                value = _digest(value)
            elif isinstance(value, np.ndarray):
                value = value.tobytes()
            item[key] = value
        out.append(item)
    return out


def test_compare_twice_gives_bit_identical_rows_and_parameters(flower):
    """(Agreement with network.train, with other groupings and with worker processes is tested in
    tests/test_experiments.py.)"""
    X, Y = flower
    kwargs = dict(
        activations=("tanh", "relu", "softplus"),
        hidden_sizes=(1, 3, 20),
        seeds=(2, 3),
        learning_rate=1.2,
        num_iterations=500,
        progress=False,
        keep_params=True,
    )
    first = experiments.compare(X, Y, **kwargs)
    second = experiments.compare(X, Y, **kwargs)
    assert len(first) == 18
    assert _rows_key(second) == _rows_key(first)
    assert len({row["params"] for row in _rows_key(first)}) == 18  # every model differs
