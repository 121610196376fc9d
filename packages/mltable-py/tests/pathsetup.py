"""Put this package's ``python/`` folder first on ``sys.path`` so tests import Lathe's ``mltable``
even where Azure's is installed. Import it before ``mltable`` in every test module."""

import os
import sys

PYTHON_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "python"))
if sys.path[0] != PYTHON_DIR:
    sys.path.insert(0, PYTHON_DIR)
