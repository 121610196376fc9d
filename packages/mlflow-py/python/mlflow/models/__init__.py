"""``mlflow.models``: the ``MLmodel`` format, signatures and ``ModelInfo``."""

from mlflow.models.model import Model, ModelInfo, get_flavor_configuration
from mlflow.models.signature import ModelSignature, Schema, infer_signature

__all__ = ["Model", "ModelInfo", "ModelSignature", "Schema", "get_flavor_configuration", "infer_signature"]
