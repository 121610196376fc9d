"""What every flavor's ``save_model`` and ``load_model`` share: the target folder, ``code_paths``,
the model's size and signature inference (MLflow's ``mlflow.utils.model_utils`` role)."""

import os
import shutil
import sys

from mlflow.exceptions import MlflowException


def prepare_path(path):
    """Create the model folder ``path``; refuse one that exists and holds files, as MLflow does."""
    if os.path.exists(path) and (not os.path.isdir(path) or os.listdir(path)):
        raise MlflowException(f"Path '{path}' already exists and is not empty", error_code="RESOURCE_ALREADY_EXISTS")
    os.makedirs(path, exist_ok=True)


def copy_code_paths(code_paths, path):
    """Copy ``code_paths`` into ``<path>/code``; returns ``"code"``, or None when there are none."""
    if not code_paths:
        return None
    code_dir = os.path.join(path, "code")
    os.makedirs(code_dir, exist_ok=True)
    for source in code_paths:
        target = os.path.join(code_dir, os.path.basename(os.path.normpath(source)))
        if os.path.isdir(source):
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    return "code"


def add_code_to_path(local_path, conf):
    """Put a flavor's ``code`` folder first on ``sys.path`` (MLflow's ``_add_code_from_conf_to_system_path``)."""
    if conf.get("code"):
        code_dir = os.path.join(local_path, conf["code"])
        if code_dir not in sys.path:
            sys.path.insert(0, code_dir)


def folder_size(path):
    """Bytes of every file under ``path`` (``MLmodel``'s ``model_size_bytes``)."""
    return sum(os.path.getsize(os.path.join(root, f)) for root, _, files in os.walk(path) for f in files)


def fully_qualified_class_name(obj):
    """``module.Class`` of ``obj``, as MLflow records a model's class."""
    return f"{type(obj).__module__}.{type(obj).__name__}"


def infer_signature_or_none(predict, input_example):
    """The signature of ``predict`` on ``input_example``, or None (with a warning) when that fails:
    a signature is optional, and MLflow also only warns."""
    from mlflow.models.signature import infer_signature

    try:
        prediction = predict(input_example)
        if type(input_example).__name__ == "DataFrame" and getattr(prediction, "ndim", 0) == 1:
            import pandas as pd  # as MLflow: row predictions for column input are one column

            prediction = pd.Series(prediction)
        return infer_signature(input_example, prediction)
    except Exception as e:
        print(f"mlflow (Lathe): could not infer a model signature: {e}", file=sys.stderr)
        return None
