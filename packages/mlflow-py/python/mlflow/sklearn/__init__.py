"""``mlflow.sklearn``: scikit-learn models in MLflow's model format, and autologging.

A saved model folder holds ``MLmodel`` (flavors ``python_function`` with loader
``mlflow.sklearn`` and ``sklearn`` with ``pickled_model: model.pkl``), ``model.pkl``,
``conda.yaml``, ``python_env.yaml`` and ``requirements.txt``, exactly as real MLflow writes
them, so real MLflow loads it. The default ``serialization_format`` here is ``pickle`` (real
MLflow's default, ``cloudpickle``, is used when asked and cloudpickle is importable). Loading
accepts both formats; a cloudpickle model is read with ``pickle`` when cloudpickle is absent,
which works for models made only of importable classes.
"""

import os
import pickle

from mlflow.exceptions import MlflowException
from mlflow.models.environment import CONDA_ENV_FILE_NAME, PYTHON_ENV_FILE_NAME, conda_env_for, pinned_requirement, write_environment
from mlflow.models.model import MLMODEL_FILE_NAME, Model, get_flavor_configuration
from mlflow.models.model_uri import local_model_path
from mlflow.utils.model_utils import add_code_to_path, copy_code_paths, folder_size, infer_signature_or_none, prepare_path
from mlflow.sklearn.autologging import autolog

FLAVOR_NAME = "sklearn"
SERIALIZATION_FORMAT_PICKLE = "pickle"
SERIALIZATION_FORMAT_CLOUDPICKLE = "cloudpickle"
SUPPORTED_SERIALIZATION_FORMATS = [SERIALIZATION_FORMAT_PICKLE, SERIALIZATION_FORMAT_CLOUDPICKLE]
_MODEL_DATA_SUBPATH = "model.pkl"


def get_default_pip_requirements(include_cloudpickle=False):
    """``scikit-learn==<installed>`` (and ``cloudpickle==<installed>`` when asked)."""
    reqs = [pinned_requirement("scikit-learn", _sklearn_version())]
    return reqs + [pinned_requirement("cloudpickle")] if include_cloudpickle else reqs


def get_default_conda_env(include_cloudpickle=False):
    """MLflow's default conda environment for sklearn models."""
    from mlflow.version import MLFLOW_COMPAT_VERSION

    return conda_env_for([f"mlflow=={MLFLOW_COMPAT_VERSION}", *get_default_pip_requirements(include_cloudpickle)])


def _sklearn_version():
    import sklearn

    return sklearn.__version__


def _check_format(serialization_format):
    if serialization_format not in SUPPORTED_SERIALIZATION_FORMATS:
        raise MlflowException.invalid_parameter_value(
            f"Unrecognized serialization format: {serialization_format}. Please specify one of the following "
            f"supported formats: {SUPPORTED_SERIALIZATION_FORMATS}."
        )


def save_model(sk_model, path, conda_env=None, code_paths=None, mlflow_model=None,
               serialization_format=SERIALIZATION_FORMAT_PICKLE, signature=None, input_example=None,
               pip_requirements=None, extra_pip_requirements=None, pyfunc_predict_fn="predict", metadata=None):
    """Save ``sk_model`` as an MLflow model folder at ``path`` (which must not hold files)."""
    from mlflow import pyfunc

    _check_format(serialization_format)
    prepare_path(path)
    code_dir = copy_code_paths(code_paths, path)
    mlflow_model = mlflow_model or Model()
    if signature is None and input_example is not None:
        signature = infer_signature_or_none(getattr(sk_model, pyfunc_predict_fn, None), input_example)
    mlflow_model.signature = signature or None
    if metadata is not None:
        mlflow_model.metadata = metadata
    _save_pickle(sk_model, os.path.join(path, _MODEL_DATA_SUBPATH), serialization_format)
    if hasattr(sk_model, pyfunc_predict_fn):
        pyfunc.add_to_model(mlflow_model, loader_module="mlflow.sklearn", model_path=_MODEL_DATA_SUBPATH,
                            conda_env=CONDA_ENV_FILE_NAME, python_env=PYTHON_ENV_FILE_NAME, code=code_dir,
                            predict_fn=pyfunc_predict_fn)
    mlflow_model.add_flavor(FLAVOR_NAME, pickled_model=_MODEL_DATA_SUBPATH, sklearn_version=_sklearn_version(),
                            serialization_format=serialization_format, code=code_dir)
    mlflow_model.model_size_bytes = folder_size(path)
    mlflow_model.save(os.path.join(path, MLMODEL_FILE_NAME))
    defaults = get_default_pip_requirements(serialization_format == SERIALIZATION_FORMAT_CLOUDPICKLE)
    write_environment(path, defaults, conda_env, pip_requirements, extra_pip_requirements)


def _save_pickle(sk_model, output_path, serialization_format):
    if serialization_format == SERIALIZATION_FORMAT_CLOUDPICKLE:
        import cloudpickle as pickle_lib
    else:
        pickle_lib = pickle
    with open(output_path, "wb") as out:
        pickle_lib.dump(sk_model, out, protocol=pickle.DEFAULT_PROTOCOL)


def log_model(sk_model, artifact_path=None, conda_env=None, code_paths=None,
              serialization_format=SERIALIZATION_FORMAT_PICKLE, registered_model_name=None, signature=None,
              input_example=None, await_registration_for=None, pip_requirements=None, extra_pip_requirements=None,
              pyfunc_predict_fn="predict", metadata=None, name=None, **_ignored):
    """Save the model and upload it as artifacts ``name`` (or ``artifact_path``, default
    ``model``) of the active run; returns :class:`~mlflow.models.ModelInfo` with
    ``model_uri = runs:/<run_id>/<path>``."""
    if name and artifact_path and name != artifact_path:
        raise MlflowException.invalid_parameter_value("Give only one of `name` and `artifact_path`.")
    import mlflow.sklearn as flavor

    return Model.log(name or artifact_path or "model", flavor, registered_model_name, sk_model=sk_model,
                     conda_env=conda_env, code_paths=code_paths, serialization_format=serialization_format,
                     signature=signature, input_example=input_example, pip_requirements=pip_requirements,
                     extra_pip_requirements=extra_pip_requirements, pyfunc_predict_fn=pyfunc_predict_fn,
                     metadata=metadata)


def _load_model_from_local_file(path, serialization_format):
    _check_format(serialization_format)
    with open(path, "rb") as f:
        if serialization_format == SERIALIZATION_FORMAT_CLOUDPICKLE:
            try:
                import cloudpickle

                return cloudpickle.load(f)
            except ImportError:
                pass  # cloudpickle output of importable classes is plain pickle data
        return pickle.load(f)


def load_model(model_uri, dst_path=None):
    """The scikit-learn estimator of the model at ``model_uri``."""
    local_path = local_model_path(model_uri, dst_path)
    conf = get_flavor_configuration(local_path, FLAVOR_NAME)
    add_code_to_path(local_path, conf)
    model_file = os.path.join(local_path, conf["pickled_model"])
    return _load_model_from_local_file(model_file, conf.get("serialization_format", SERIALIZATION_FORMAT_PICKLE))


class _SklearnModelWrapper:
    """The pyfunc implementation: ``predict`` plus the estimator's other predict methods."""

    _SUPPORTED_CUSTOM_PREDICT_FN = ["predict_proba", "predict_log_proba", "predict_joint_log_proba", "score"]

    def __init__(self, sklearn_model):
        self.sklearn_model = sklearn_model
        for fn_name in self._SUPPORTED_CUSTOM_PREDICT_FN:
            fn = getattr(sklearn_model, fn_name, None)
            if fn is not None:
                setattr(self, fn_name, fn)

    def get_raw_model(self):
        """The estimator."""
        return self.sklearn_model

    def predict(self, data, params=None):
        """``estimator.predict(data)``."""
        return self.sklearn_model.predict(data)


def _load_pyfunc(path):
    """Called by ``mlflow.pyfunc.load_model`` with the model folder (or, for models saved by
    MLflow <= 1.9, the pickle file itself, which is then plain pickle)."""
    if os.path.isfile(path):
        return _SklearnModelWrapper(_load_model_from_local_file(path, SERIALIZATION_FORMAT_PICKLE))
    try:
        serialization_format = get_flavor_configuration(path, FLAVOR_NAME).get("serialization_format", "pickle")
    except MlflowException:
        serialization_format = SERIALIZATION_FORMAT_PICKLE
    model_file = os.path.join(path, get_flavor_configuration(path, "python_function")["model_path"])
    return _SklearnModelWrapper(_load_model_from_local_file(model_file, serialization_format))


__all__ = [
    "FLAVOR_NAME",
    "SERIALIZATION_FORMAT_CLOUDPICKLE",
    "SERIALIZATION_FORMAT_PICKLE",
    "SUPPORTED_SERIALIZATION_FORMATS",
    "autolog",
    "get_default_conda_env",
    "get_default_pip_requirements",
    "load_model",
    "log_model",
    "save_model",
]
