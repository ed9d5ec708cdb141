"""Fixtures shared by the playground's tests (one test module per module of ``course_utils.playground``)."""

import numpy as np
import pytest

from course_utils import activations


@pytest.fixture(scope="session")
def my_tanh():
    """A learner's own activation: the same function as tanh, built by hand (so not the registry's)."""
    return activations.Activation("my_tanh", lambda z: np.tanh(z), lambda z: 1.0 - np.tanh(z) ** 2)


@pytest.fixture
def diverging():
    """Settings that diverge: leaky ReLU at learning rate 10 overflows within 500 iterations on the flower data."""
    return {"activation": "leaky_relu", "learning_rate": 10.0}


@pytest.fixture(scope="session")
def is_png():
    """``is_png(data)``: True when the bytes start with the PNG signature."""
    return lambda data: bytes(data).startswith(b"\x89PNG\r\n\x1a\n")
