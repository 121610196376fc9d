"""``mlflow.pyfunc``: load any model folder with a ``python_function`` flavor and predict.

``load_model`` resolves the URI to a local folder, reads ``MLmodel``, puts the flavor's ``code``
folder on ``sys.path``, imports ``loader_module`` and calls its ``_load_pyfunc(data_path)``
(``data_path`` is the folder, or ``<folder>/<data>`` when the flavor names ``data``), as MLflow
does, with the flavor's ``model_config`` (updated by the caller's) when the loader takes one.
Only loader modules present in this package (``mlflow.sklearn``, ``mlflow.pytorch``,
``mlflow.xgboost``) or importable otherwise work; custom ``PythonModel`` models are not
supported.
"""

import inspect
import os
import platform
import sys

from mlflow.exceptions import MlflowException
from mlflow.models.model import MLMODEL_FILE_NAME, Model
from mlflow.models.model_uri import local_model_path

FLAVOR_NAME = "python_function"
MAIN = "loader_module"
CODE = "code"
DATA = "data"
ENV = "env"
PY_VERSION = "python_version"


def add_to_model(model, loader_module, data=None, code=None, conda_env=None, python_env=None, **kwargs):
    """Add a ``python_function`` flavor to ``model`` (as MLflow's ``pyfunc.add_to_model``)."""
    params = dict(kwargs)
    params[MAIN] = loader_module
    params[PY_VERSION] = platform.python_version()
    if code:
        params[CODE] = code
    if data:
        params[DATA] = data
    if conda_env or python_env:
        params[ENV] = {}
        if conda_env:
            params[ENV]["conda"] = conda_env
        if python_env:
            params[ENV]["virtualenv"] = python_env
    return model.add_flavor(FLAVOR_NAME, **params)


class PyFuncModel:
    """A loaded model: ``predict(data, params=None)`` calls the flavor's implementation."""

    def __init__(self, model_meta, model_impl, predict_fn="predict"):
        self._model_meta = model_meta
        self._model_impl = model_impl
        self._predict_fn = getattr(model_impl, predict_fn)

    @property
    def metadata(self):
        """The model's :class:`~mlflow.models.Model` (``MLmodel`` content)."""
        return self._model_meta

    @property
    def loader_module(self):
        """The module that loaded the model."""
        return self._model_meta.flavors[FLAVOR_NAME][MAIN]

    def predict(self, data, params=None):
        """Predictions for ``data`` (passed to the model as given; no schema enforcement)."""
        return self._predict_fn(data)

    def get_raw_model(self):
        """The flavor's underlying model object (e.g. the scikit-learn estimator)."""
        getter = getattr(self._model_impl, "get_raw_model", None)
        return getter() if getter else self._model_impl

    def unwrap_python_model(self):
        """Not supported: Lathe's client has no custom ``PythonModel`` flavor."""
        raise MlflowException("unwrap_python_model is not supported by Lathe's mlflow client")

    def __repr__(self):
        return f"mlflow.pyfunc.loaded_model:\n  flavor: {self.loader_module}"


def _add_code_to_path(local_path, conf):
    if conf.get(CODE):
        code_dir = os.path.join(local_path, conf[CODE])
        if code_dir not in sys.path:
            sys.path.insert(0, code_dir)


def load_model(model_uri, suppress_warnings=False, dst_path=None, model_config=None):
    """Load the model at ``model_uri`` (local path, ``runs:/``, ``mlflow-artifacts:/``, http(s))."""
    import importlib

    local_path = local_model_path(model_uri, dst_path)
    model_meta = Model.load(os.path.join(local_path, MLMODEL_FILE_NAME))
    conf = model_meta.flavors.get(FLAVOR_NAME)
    if conf is None:
        raise MlflowException(f'Model does not have the "{FLAVOR_NAME}" flavor', error_code="RESOURCE_DOES_NOT_EXIST")
    _add_code_to_path(local_path, conf)
    data_path = os.path.join(local_path, conf[DATA]) if conf.get(DATA) else local_path
    try:
        loader = importlib.import_module(conf[MAIN])
    except ImportError as e:
        raise MlflowException(
            f"Cannot load this model: its loader module {conf[MAIN]!r} is not available in Lathe's mlflow "
            f"client ({e}). Install the real mlflow package to load it."
        ) from e
    config = {**(conf.get("model_config") or {}), **(model_config or {})}
    if "model_config" in inspect.signature(loader._load_pyfunc).parameters:
        impl = loader._load_pyfunc(data_path, model_config=config)
    else:
        impl = loader._load_pyfunc(data_path)
    return PyFuncModel(model_meta, impl, conf.get("predict_fn", "predict"))


__all__ = ["FLAVOR_NAME", "PyFuncModel", "add_to_model", "load_model"]
