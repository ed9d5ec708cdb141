"""The course's data files: ``planar_flower.csv`` and its data card ``README.md``.

This folder stays at the top of the repository, where the course's layout puts it; ``pyproject.toml`` installs it
as the package ``course_utils.data``, so that ``course_utils.datasets`` reads the files with ``importlib.resources``
from an editable install and from a normal one (``pip install .``, ``pip install git+...``) alike.
"""
