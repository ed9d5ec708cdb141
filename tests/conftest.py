"""Fixtures shared by the unit tests."""

import matplotlib

matplotlib.use("Agg")  # tests draw figures without a screen

import matplotlib.pyplot as plt
import pytest

from course_utils import datasets


@pytest.fixture(scope="session")
def flower():
    """The course's planar flower data: X (2, 400), Y (1, 400)."""
    return datasets.load_planar_dataset()


@pytest.fixture(autouse=True)
def close_figures():
    """Close every figure a test opened, so figures never pile up across tests."""
    yield
    plt.close("all")
