"""Offers Lathe's shipped Python packages (``mlflow``, ``mltable``) to a job, after everything else.

Lathe's launcher puts this folder first on PYTHONPATH and names the shipped packages' folders in
LATHE_FALLBACK_PYTHONPATH (separated like PYTHONPATH). Python imports this module at start-up;
it appends those folders to the *end* of ``sys.path``, so an installed ``mlflow`` or ``mltable``
(site-packages come earlier) always wins and a shipped one is found only when there is no other.
Then it runs the ``sitecustomize`` this one shadows, if any (Debian's Python has one), so the
interpreter behaves as it would without Lathe.
"""
import importlib.machinery
import importlib.util
import os
import sys


def _offer_shipped_packages():
    for folder in os.environ.get("LATHE_FALLBACK_PYTHONPATH", "").split(os.pathsep):
        if folder and folder not in sys.path:
            sys.path.append(folder)


def _run_shadowed_sitecustomize():
    here = os.path.dirname(os.path.abspath(__file__))
    rest = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # as Python's own site module does: report, never abort start-up
        print(f"Error in sitecustomize; set PYTHONVERBOSE for traceback: {error!r}", file=sys.stderr)


_offer_shipped_packages()
_run_shadowed_sitecustomize()
