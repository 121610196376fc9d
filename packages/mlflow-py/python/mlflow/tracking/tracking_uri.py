"""The current tracking URI: set by :func:`set_tracking_uri`, else ``MLFLOW_TRACKING_URI``.

Only http(s) URIs of a Lathe (MLflow REST) server are usable; other values may be set but make
every server call raise :class:`~mlflow.exceptions.MlflowTrackingUriError`, whose message names
``MLFLOW_TRACKING_URI``. Unlike MLflow there is no local ``./mlruns`` fallback.
"""

import os
import pathlib

from mlflow import environment_variables as env

_tracking_uri = None


def set_tracking_uri(uri):
    """Use ``uri`` for later calls in this process and in child processes (it is also put in
    ``MLFLOW_TRACKING_URI``); None goes back to the environment variable."""
    global _tracking_uri
    if isinstance(uri, pathlib.Path):
        uri = uri.absolute().as_uri()
    _tracking_uri = uri
    if uri is None:
        os.environ.pop(env.MLFLOW_TRACKING_URI, None)
    else:
        os.environ[env.MLFLOW_TRACKING_URI] = uri


def get_tracking_uri():
    """The tracking URI in use, or ``""`` when none is configured (calls then raise)."""
    return _tracking_uri or env.get_str(env.MLFLOW_TRACKING_URI, "")


def is_tracking_uri_set():
    """Whether a tracking URI is configured (by call or environment)."""
    return bool(get_tracking_uri())
