"""Put this package's ``python/`` folder first on ``sys.path`` so tests import Lathe's ``mlflow``
even where a real mlflow is installed. Import it before ``mlflow`` in every test module."""

import os
import sys

PYTHON_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "python"))
if sys.path[0] != PYTHON_DIR:
    sys.path.insert(0, PYTHON_DIR)


def has_module(name):
    """Whether ``name`` is importable (for skipping tests of optional features)."""
    import importlib.util

    return importlib.util.find_spec(name) is not None
