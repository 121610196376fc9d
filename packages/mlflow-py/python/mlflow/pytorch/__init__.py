"""``mlflow.pytorch``: PyTorch models in MLflow's model format.

A saved model folder holds ``MLmodel`` (flavors ``pytorch`` with ``model_data: data`` and
``pytorch_version``, and ``python_function`` with loader ``mlflow.pytorch``, ``data: data``,
``pickle_module_name`` and ``model_config: {device: null}``), ``data/model.pth`` (``torch.save``
of the whole module, or a TorchScript module), ``data/pickle_module_info.txt`` (the pickle module's
name, ``mlflow.pytorch.pickle_module`` by default), ``conda.yaml``, ``python_env.yaml`` and
``requirements.txt`` (``torch`` and ``cloudpickle`` pinned), exactly as real MLflow writes them, so
real MLflow loads it and this client loads real MLflow's.
"""

import importlib
import os

from mlflow.exceptions import MlflowException
from mlflow.models.environment import CONDA_ENV_FILE_NAME, PYTHON_ENV_FILE_NAME, conda_env_for, pinned_requirement, write_environment
from mlflow.models.model import MLMODEL_FILE_NAME, Model, get_flavor_configuration
from mlflow.models.model_uri import local_model_path
from mlflow.pytorch import pickle_module as mlflow_pytorch_pickle_module
from mlflow.utils.model_utils import add_code_to_path, copy_code_paths, folder_size, infer_signature_or_none, prepare_path

FLAVOR_NAME = "pytorch"
_MODEL_DATA_SUBPATH = "data"
_SERIALIZED_TORCH_MODEL_FILE_NAME = "model.pth"
_PICKLE_MODULE_INFO_FILE_NAME = "pickle_module_info.txt"
_TORCH_CPU_DEVICE_NAME = "cpu"


def get_default_pip_requirements():
    """``torch==<installed>`` and ``cloudpickle==<installed>`` (the default pickle module's)."""
    return [pinned_requirement("torch"), pinned_requirement("cloudpickle")]


def get_default_conda_env():
    """MLflow's default conda environment for PyTorch models."""
    from mlflow.version import MLFLOW_COMPAT_VERSION

    return conda_env_for([f"mlflow=={MLFLOW_COMPAT_VERSION}", *get_default_pip_requirements()])


def save_model(pytorch_model, path, conda_env=None, mlflow_model=None, code_paths=None, pickle_module=None,
               signature=None, input_example=None, requirements_file=None, extra_files=None, pip_requirements=None,
               extra_pip_requirements=None, metadata=None, **kwargs):
    """Save ``pytorch_model`` (a ``torch.nn.Module``, eager or TorchScript) as an MLflow model
    folder at ``path``; ``kwargs`` go to ``torch.save``. ``requirements_file`` and
    ``extra_files`` (TorchServe's) are not supported by this client."""
    import torch

    if requirements_file or extra_files:
        raise MlflowException.invalid_parameter_value("requirements_file and extra_files are not supported by Lathe's mlflow client.")
    if not isinstance(pytorch_model, torch.nn.Module):
        raise TypeError("Argument 'pytorch_model' should be a torch.nn.Module")
    pickle_module = pickle_module or mlflow_pytorch_pickle_module
    path = os.path.abspath(path)
    prepare_path(path)
    mlflow_model = mlflow_model or Model()
    if signature is None and input_example is not None:
        signature = infer_signature_or_none(_PyTorchWrapper(pytorch_model, _TORCH_CPU_DEVICE_NAME).predict, input_example)
    mlflow_model.signature = signature or None
    if metadata is not None:
        mlflow_model.metadata = metadata
    code_dir = copy_code_paths(code_paths, path)
    data_path = os.path.join(path, _MODEL_DATA_SUBPATH)
    os.makedirs(data_path)
    # The loader gets only the data folder, so the pickle module's name is kept beside the model.
    with open(os.path.join(data_path, _PICKLE_MODULE_INFO_FILE_NAME), "w") as f:
        f.write(pickle_module.__name__)
    model_path = os.path.join(data_path, _SERIALIZED_TORCH_MODEL_FILE_NAME)
    if isinstance(pytorch_model, torch.jit.ScriptModule):
        torch.jit.ScriptModule.save(pytorch_model, model_path)
    else:
        torch.save(pytorch_model, model_path, pickle_module=pickle_module, **kwargs)
    mlflow_model.add_flavor(FLAVOR_NAME, model_data=_MODEL_DATA_SUBPATH, pytorch_version=str(torch.__version__), code=code_dir)
    from mlflow import pyfunc

    pyfunc.add_to_model(mlflow_model, loader_module="mlflow.pytorch", data=_MODEL_DATA_SUBPATH,
                        pickle_module_name=pickle_module.__name__, code=code_dir, conda_env=CONDA_ENV_FILE_NAME,
                        python_env=PYTHON_ENV_FILE_NAME, model_config={"device": None})
    mlflow_model.model_size_bytes = folder_size(path)
    mlflow_model.save(os.path.join(path, MLMODEL_FILE_NAME))
    write_environment(path, get_default_pip_requirements(), conda_env, pip_requirements, extra_pip_requirements)


def log_model(pytorch_model, artifact_path=None, conda_env=None, code_paths=None, pickle_module=None,
              registered_model_name=None, signature=None, input_example=None, await_registration_for=None,
              requirements_file=None, extra_files=None, pip_requirements=None, extra_pip_requirements=None,
              metadata=None, name=None, **kwargs):
    """Save the model and upload it as artifacts ``name`` (or ``artifact_path``, default
    ``model``) of the active run; returns :class:`~mlflow.models.ModelInfo`."""
    if name and artifact_path and name != artifact_path:
        raise MlflowException.invalid_parameter_value("Give only one of `name` and `artifact_path`.")
    import mlflow.pytorch as flavor

    return Model.log(name or artifact_path or "model", flavor, registered_model_name, pytorch_model=pytorch_model,
                     conda_env=conda_env, code_paths=code_paths, pickle_module=pickle_module, signature=signature,
                     input_example=input_example, requirements_file=requirements_file, extra_files=extra_files,
                     pip_requirements=pip_requirements, extra_pip_requirements=extra_pip_requirements,
                     metadata=metadata, **kwargs)


def _load_model(path, device=None, **kwargs):
    """The module saved in the data folder ``path`` (or the ``.pth`` file itself), in eval mode."""
    import torch

    if os.path.isdir(path):
        model_path = os.path.join(path, _SERIALIZED_TORCH_MODEL_FILE_NAME)
        with open(os.path.join(path, _PICKLE_MODULE_INFO_FILE_NAME)) as f:
            pickle_module_name = f.read()
        if "pickle_module" not in kwargs:
            try:
                kwargs["pickle_module"] = importlib.import_module(pickle_module_name)
            except ImportError as e:
                raise MlflowException(
                    "Failed to import the pickle module that was used to save the PyTorch model. "
                    f"Pickle module name: `{pickle_module_name}`",
                    error_code="RESOURCE_DOES_NOT_EXIST",
                ) from e
    else:
        model_path = path
    try:
        pytorch_model = torch.load(model_path, **kwargs)
    except RuntimeError:
        # A TorchScript archive: torch.jit.load takes no pickle module.
        kwargs.pop("pickle_module", None)
        pytorch_model = torch.jit.load(model_path, **kwargs)
    pytorch_model.eval()
    if device:
        pytorch_model.to(device=device)
    return pytorch_model


def load_model(model_uri, dst_path=None, **kwargs):
    """The PyTorch module of the model at ``model_uri``; ``kwargs`` go to ``torch.load``."""
    local_path = local_model_path(model_uri, dst_path)
    conf = get_flavor_configuration(local_path, FLAVOR_NAME)
    add_code_to_path(local_path, conf)
    return _load_model(os.path.join(local_path, conf["model_data"]), **kwargs)


def _load_pyfunc(path, model_config=None):
    """Called by ``mlflow.pyfunc.load_model`` with the data folder. The device is the model
    config's, else ``MLFLOW_DEFAULT_PREDICTION_DEVICE``, else CUDA when available, else CPU."""
    import torch

    device = (model_config or {}).get("device") or os.environ.get("MLFLOW_DEFAULT_PREDICTION_DEVICE")
    if not device:
        device = "cuda" if torch.cuda.is_available() else _TORCH_CPU_DEVICE_NAME
    return _PyTorchWrapper(_load_model(path, device=device), device)


class _PyTorchWrapper:
    """The pyfunc implementation: a DataFrame (as float32) or ndarray in, the output tensor as a
    DataFrame (same index) or ndarray out."""

    def __init__(self, pytorch_model, device):
        self.pytorch_model = pytorch_model
        self.device = device

    def get_raw_model(self):
        """The PyTorch module."""
        return self.pytorch_model

    def predict(self, data, params=None):
        """Run the module on ``data`` without gradients."""
        import torch

        is_frame = type(data).__name__ == "DataFrame"
        if is_frame:
            import numpy as np

            inputs = data.values.astype(np.float32)
        elif type(data).__name__ == "ndarray":
            inputs = data
        elif isinstance(data, (list, dict)):
            raise TypeError("The PyTorch flavor does not support List or Dict input types. Please use a pandas.DataFrame or a numpy.ndarray")
        else:
            raise TypeError("Input data should be pandas.DataFrame or numpy.ndarray")
        with torch.no_grad():
            preds = self.pytorch_model(torch.from_numpy(inputs).to(self.device))
            if not isinstance(preds, torch.Tensor):
                raise TypeError(
                    f"Expected PyTorch model to output a single output tensor, but got output of type '{type(preds)}'"
                )
            preds = preds.to(_TORCH_CPU_DEVICE_NAME)
            if is_frame:
                import pandas as pd

                return pd.DataFrame(preds.numpy(), index=data.index)
            return preds.numpy()


__all__ = ["FLAVOR_NAME", "get_default_conda_env", "get_default_pip_requirements", "load_model", "log_model", "save_model"]
