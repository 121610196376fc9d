"""``mlflow.xgboost``: XGBoost models in MLflow's model format.

A saved model folder holds ``MLmodel`` (flavors ``xgboost`` with ``data: model.<format>``,
``model_class`` — ``xgboost.core.Booster`` or the scikit-learn wrapper's class —
``model_format`` and ``xgb_version``, and ``python_function`` with loader ``mlflow.xgboost`` and
``data: model.<format>``), the model in XGBoost's own format written by ``save_model``
(``model.xgb`` by default; ``model_format="json"`` or ``"ubj"`` for others), ``conda.yaml``,
``python_env.yaml`` and ``requirements.txt`` (``xgboost`` pinned), exactly as real MLflow writes
them, so real MLflow loads it and this client loads real MLflow's.
"""

import importlib
import os

from mlflow.exceptions import MlflowException
from mlflow.models.environment import CONDA_ENV_FILE_NAME, PYTHON_ENV_FILE_NAME, conda_env_for, pinned_requirement, write_environment
from mlflow.models.model import MLMODEL_FILE_NAME, Model, get_flavor_configuration
from mlflow.models.model_uri import local_model_path
from mlflow.utils.model_utils import (
    add_code_to_path,
    copy_code_paths,
    folder_size,
    fully_qualified_class_name,
    infer_signature_or_none,
    prepare_path,
)

FLAVOR_NAME = "xgboost"


def get_default_pip_requirements():
    """``xgboost==<installed>``."""
    return [pinned_requirement("xgboost")]


def get_default_conda_env():
    """MLflow's default conda environment for XGBoost models."""
    from mlflow.version import MLFLOW_COMPAT_VERSION

    return conda_env_for([f"mlflow=={MLFLOW_COMPAT_VERSION}", *get_default_pip_requirements()])


def save_model(xgb_model, path, conda_env=None, code_paths=None, mlflow_model=None, signature=None, input_example=None,
               pip_requirements=None, extra_pip_requirements=None, model_format="xgb", metadata=None):
    """Save ``xgb_model`` (an ``xgboost.Booster`` or a scikit-learn API model such as
    ``XGBClassifier``) as an MLflow model folder at ``path``."""
    import xgboost as xgb

    path = os.path.abspath(path)
    prepare_path(path)
    code_dir = copy_code_paths(code_paths, path)
    mlflow_model = mlflow_model or Model()
    if signature is None and input_example is not None:
        signature = infer_signature_or_none(_XGBModelWrapper(xgb_model).predict, input_example)
    mlflow_model.signature = signature or None
    if metadata is not None:
        mlflow_model.metadata = metadata
    data_subpath = f"model.{model_format}"
    xgb_model.save_model(os.path.join(path, data_subpath))
    from mlflow import pyfunc

    pyfunc.add_to_model(mlflow_model, loader_module="mlflow.xgboost", data=data_subpath, conda_env=CONDA_ENV_FILE_NAME,
                        python_env=PYTHON_ENV_FILE_NAME, code=code_dir)
    mlflow_model.add_flavor(FLAVOR_NAME, xgb_version=xgb.__version__, data=data_subpath,
                            model_class=fully_qualified_class_name(xgb_model), model_format=model_format, code=code_dir)
    mlflow_model.model_size_bytes = folder_size(path)
    mlflow_model.save(os.path.join(path, MLMODEL_FILE_NAME))
    write_environment(path, get_default_pip_requirements(), conda_env, pip_requirements, extra_pip_requirements)


def log_model(xgb_model, artifact_path=None, conda_env=None, code_paths=None, registered_model_name=None, signature=None,
              input_example=None, await_registration_for=None, pip_requirements=None, extra_pip_requirements=None,
              model_format="xgb", metadata=None, name=None, **_ignored):
    """Save the model and upload it as artifacts ``name`` (or ``artifact_path``, default
    ``model``) of the active run; returns :class:`~mlflow.models.ModelInfo`."""
    if name and artifact_path and name != artifact_path:
        raise MlflowException.invalid_parameter_value("Give only one of `name` and `artifact_path`.")
    import mlflow.xgboost as flavor

    return Model.log(name or artifact_path or "model", flavor, registered_model_name, xgb_model=xgb_model,
                     conda_env=conda_env, code_paths=code_paths, signature=signature, input_example=input_example,
                     pip_requirements=pip_requirements, extra_pip_requirements=extra_pip_requirements,
                     model_format=model_format, metadata=metadata)


def _load_model(path):
    """The model of the folder ``path`` (or of its data file, as ``pyfunc`` passes it), as an
    instance of the class the flavor names (``xgboost.core.Booster`` for models saved before
    MLflow 1.22, which did not name one)."""
    model_dir = os.path.dirname(path) if os.path.isfile(path) else path
    conf = get_flavor_configuration(model_dir, FLAVOR_NAME)
    module_name, _, class_name = conf.get("model_class", "xgboost.core.Booster").rpartition(".")
    model = getattr(importlib.import_module(module_name), class_name)()
    model.load_model(os.path.join(model_dir, conf["data"]))
    return model


def load_model(model_uri, dst_path=None):
    """The XGBoost model at ``model_uri``: a ``Booster`` or the scikit-learn API class it was saved as."""
    local_path = local_model_path(model_uri, dst_path)
    add_code_to_path(local_path, get_flavor_configuration(local_path, FLAVOR_NAME))
    return _load_model(local_path)


def _load_pyfunc(path):
    """Called by ``mlflow.pyfunc.load_model`` with the model's data file."""
    return _XGBModelWrapper(_load_model(path))


class _XGBModelWrapper:
    """The pyfunc implementation: a ``Booster`` predicts on ``DMatrix(data)``, a scikit-learn API
    model on ``data`` itself; features are validated, as in MLflow."""

    def __init__(self, xgb_model):
        self.xgb_model = xgb_model

    def get_raw_model(self):
        """The XGBoost model."""
        return self.xgb_model

    def predict(self, data, params=None):
        """Predictions for ``data`` (a DataFrame or array)."""
        import xgboost as xgb

        if isinstance(self.xgb_model, xgb.Booster):
            return self.xgb_model.predict(xgb.DMatrix(data), validate_features=True)
        if isinstance(self.xgb_model, xgb.XGBModel):
            return self.xgb_model.predict(data, validate_features=True)
        return self.xgb_model.predict(data)


__all__ = ["FLAVOR_NAME", "get_default_conda_env", "get_default_pip_requirements", "load_model", "log_model", "save_model"]
