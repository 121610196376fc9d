"""Put this package's ``python/`` folder (and the shipped ``mltable``, for tables) first on
``sys.path``; the driver runs in subprocesses that get the same path. Import it first."""

import os
import sys

PYTHON_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "python"))
MLTABLE_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "mltable-py", "python"))
for folder in (MLTABLE_DIR, PYTHON_DIR):
    if folder not in sys.path:
        sys.path.insert(0, folder)
PYTHONPATH = os.pathsep.join([PYTHON_DIR, MLTABLE_DIR])
