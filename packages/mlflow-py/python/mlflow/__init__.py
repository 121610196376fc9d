"""Lathe's MLflow-compatible client (``mlflow``), written with the Python standard library only.

This is not MLflow: it is the client Lathe puts on ``PYTHONPATH`` when a job's Python cannot
import the real ``mlflow``, so training scripts that use MLflow's common API keep working and
log to the Lathe server named by ``MLFLOW_TRACKING_URI`` (http/https only; there is no local
``./mlruns`` store). ``__version__`` follows MLflow 2.x numbering with a ``+lathe`` label.

Supported: the fluent tracking API (runs, metrics batched in the background, params, tags,
artifacts), ``MlflowClient``, ``mlflow.entities``, ``mlflow.artifacts``, sklearn, PyTorch and
XGBoost models in the real MLflow model format (``mlflow.sklearn`` save/log/load and autolog,
``mlflow.pytorch``, ``mlflow.xgboost``) and
``mlflow.pyfunc.load_model``, and the model registry (``register_model``, ``models:/`` URIs). See
the package README for what is not supported.
"""

import importlib

from mlflow.exceptions import MlflowException
from mlflow.tracking import MlflowClient
from mlflow.tracking.fluent import (
    ActiveRun,
    active_run,
    end_run,
    flush_async_logging,
    get_run,
    last_active_run,
    set_experiment,
    start_run,
)
from mlflow.tracking.fluent_logging import (
    delete_tag,
    get_artifact_uri,
    log_artifact,
    log_artifacts,
    log_dict,
    log_figure,
    log_image,
    log_metric,
    log_metrics,
    log_param,
    log_params,
    log_text,
    set_tag,
    set_tags,
)
from mlflow.tracking.fluent_queries import (
    create_experiment,
    delete_experiment,
    delete_run,
    get_experiment,
    get_experiment_by_name,
    search_experiments,
    search_runs,
    set_experiment_tag,
)
from mlflow.tracking.registry import register_model
from mlflow.tracking.tracking_uri import get_tracking_uri, is_tracking_uri_set, set_tracking_uri
from mlflow.version import VERSION

__version__ = VERSION

# Imported on first use so that ``import mlflow`` never imports scikit-learn or pandas.
_LAZY_SUBMODULES = {"artifacts", "client", "entities", "exceptions", "models", "pyfunc", "pytorch", "sklearn", "tracking", "xgboost"}


def __getattr__(name):
    if name in _LAZY_SUBMODULES:
        return importlib.import_module(f"mlflow.{name}")
    raise AttributeError(f"module 'mlflow' has no attribute {name!r}")


def autolog(log_models=True, disable=False, exclusive=False, silent=False, **kwargs):
    """Enable (or disable) autologging for every supported library that is importable.

    Only scikit-learn is supported; see :func:`mlflow.sklearn.autolog`.
    """
    import importlib.util

    if importlib.util.find_spec("sklearn") is None:
        return
    from mlflow import sklearn as mlflow_sklearn

    mlflow_sklearn.autolog(log_models=log_models, disable=disable, exclusive=exclusive, silent=silent)


__all__ = [
    "ActiveRun",
    "MlflowClient",
    "MlflowException",
    "active_run",
    "autolog",
    "create_experiment",
    "delete_experiment",
    "delete_run",
    "delete_tag",
    "end_run",
    "flush_async_logging",
    "get_artifact_uri",
    "get_experiment",
    "get_experiment_by_name",
    "get_run",
    "get_tracking_uri",
    "is_tracking_uri_set",
    "last_active_run",
    "log_artifact",
    "log_artifacts",
    "log_dict",
    "log_figure",
    "log_image",
    "log_metric",
    "log_metrics",
    "log_param",
    "log_params",
    "log_text",
    "search_experiments",
    "search_runs",
    "set_experiment",
    "set_experiment_tag",
    "set_tag",
    "set_tags",
    "set_tracking_uri",
    "start_run",
]
