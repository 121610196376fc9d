"""Environment variables read by Lathe's MLflow client (same names as MLflow's).

Each constant is the variable's name; :func:`get_int` / :func:`get_float` read numeric ones with
a default. Values are read at use time, so a script may change ``os.environ`` before a call.
"""

import os

MLFLOW_TRACKING_URI = "MLFLOW_TRACKING_URI"
MLFLOW_TRACKING_TOKEN = "MLFLOW_TRACKING_TOKEN"
MLFLOW_TRACKING_USERNAME = "MLFLOW_TRACKING_USERNAME"
MLFLOW_TRACKING_PASSWORD = "MLFLOW_TRACKING_PASSWORD"
MLFLOW_TRACKING_INSECURE_TLS = "MLFLOW_TRACKING_INSECURE_TLS"
MLFLOW_TRACKING_SERVER_CERT_PATH = "MLFLOW_TRACKING_SERVER_CERT_PATH"
MLFLOW_EXPERIMENT_ID = "MLFLOW_EXPERIMENT_ID"
MLFLOW_EXPERIMENT_NAME = "MLFLOW_EXPERIMENT_NAME"
MLFLOW_RUN_ID = "MLFLOW_RUN_ID"
MLFLOW_HTTP_REQUEST_MAX_RETRIES = "MLFLOW_HTTP_REQUEST_MAX_RETRIES"
MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR = "MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR"
MLFLOW_HTTP_REQUEST_TIMEOUT = "MLFLOW_HTTP_REQUEST_TIMEOUT"
#: Seconds between background sends of queued metrics (Lathe-specific; default 1).
MLFLOW_ASYNC_LOGGING_INTERVAL = "MLFLOW_ASYNC_LOGGING_INTERVAL"


def get_str(name, default=None):
    """The variable's value, or ``default`` when it is unset or empty."""
    value = os.environ.get(name)
    return value if value else default


def get_int(name, default):
    """The variable as an int, or ``default`` when unset; a non-integer value is an error."""
    value = get_str(name)
    return default if value is None else int(value)


def get_float(name, default):
    """The variable as a float, or ``default`` when unset."""
    value = get_str(name)
    return default if value is None else float(value)


def get_bool(name):
    """True when the variable is ``true``/``1``/``yes`` (any case)."""
    return (get_str(name, "") or "").lower() in ("1", "true", "yes")
