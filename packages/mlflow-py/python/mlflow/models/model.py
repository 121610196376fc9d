"""The ``MLmodel`` file of an MLflow model folder, as MLflow's ``Model`` and ``ModelInfo``.

``Model.save`` writes YAML that real MLflow reads (keys sorted, ``artifact_path``/``run_id`` left
out when None, ``utc_time_created`` as ``str(datetime.utcnow())``). ``Model.load`` reads files
written by real MLflow (see :mod:`mlflow.utils.mini_yaml` for the YAML subset); keys this class
does not know are kept and written back.
"""

import datetime
import os
import tempfile
import uuid

from mlflow.exceptions import MlflowException
from mlflow.models.signature import ModelSignature
from mlflow.utils import mini_yaml
from mlflow.version import VERSION

MLMODEL_FILE_NAME = "MLmodel"
_KNOWN = ("artifact_path", "run_id", "utc_time_created", "flavors", "signature", "saved_input_example_info",
          "model_uuid", "mlflow_version", "metadata", "model_size_bytes")


class Model:
    """Model metadata: ``flavors`` maps flavor names to their settings."""

    def __init__(self, artifact_path=None, run_id=None, utc_time_created=None, flavors=None, signature=None,
                 saved_input_example_info=None, model_uuid=None, mlflow_version=VERSION, metadata=None,
                 model_size_bytes=None, **kwargs):
        self.artifact_path = artifact_path
        self.run_id = run_id
        self.utc_time_created = str(utc_time_created or datetime.datetime.utcnow())
        self.flavors = flavors if flavors is not None else {}
        self.signature = signature
        self.saved_input_example_info = saved_input_example_info
        self.model_uuid = model_uuid or uuid.uuid4().hex
        self.mlflow_version = mlflow_version
        self.metadata = metadata
        self.model_size_bytes = model_size_bytes
        self.extra = dict(kwargs)

    def add_flavor(self, name, **params):
        """Add (or replace) a flavor's settings; returns self."""
        self.flavors[name] = params
        return self

    def get_input_schema(self):
        """The signature's inputs, or None."""
        return self.signature.inputs if self.signature is not None else None

    def to_dict(self):
        """The model as the dict written to ``MLmodel``."""
        d = dict(self.extra)
        for key in _KNOWN:
            value = getattr(self, key)
            if key == "signature" and value is not None:
                value = value.to_dict()
            if value is not None or key not in ("artifact_path", "run_id", "signature", "saved_input_example_info",
                                                 "metadata", "model_size_bytes"):
                d[key] = value
        return d

    def to_yaml(self):
        """The ``MLmodel`` text."""
        return mini_yaml.dump(self.to_dict())

    def save(self, path):
        """Write the ``MLmodel`` file at ``path``."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.to_yaml())

    @classmethod
    def from_dict(cls, d):
        """A model from an ``MLmodel`` dict."""
        d = dict(d)
        if d.get("signature"):
            d["signature"] = ModelSignature.from_dict(d["signature"])
        return cls(**d)

    @classmethod
    def log(cls, artifact_path, flavor, registered_model_name=None, **kwargs):
        """Save a model with ``flavor.save_model`` into a temp folder and upload it as the
        artifacts ``artifact_path`` of the active run (started if none); returns :class:`ModelInfo`.

        With ``registered_model_name``, the logged model is registered as that model's next version."""
        from mlflow.tracking import fluent

        run_id = fluent.get_or_start_run().info.run_id
        with tempfile.TemporaryDirectory(prefix="mlflow-model-") as tmp:
            local = os.path.join(tmp, "model")
            mlflow_model = cls(artifact_path=artifact_path, run_id=run_id)
            flavor.save_model(path=local, mlflow_model=mlflow_model, **kwargs)
            fluent.client().log_artifacts(run_id, local, artifact_path)
        info = ModelInfo(mlflow_model, artifact_path, run_id)
        if registered_model_name:
            from mlflow.tracking.registry import register_model

            info.registered_model_version = register_model(info.model_uri, registered_model_name).version
        return info

    @classmethod
    def load(cls, path):
        """Read ``path`` (a model folder or its ``MLmodel`` file)."""
        if os.path.isdir(path):
            path = os.path.join(path, MLMODEL_FILE_NAME)
        if not os.path.isfile(path):
            raise MlflowException(f"Could not find an '{MLMODEL_FILE_NAME}' file at {path!r}",
                                  error_code="RESOURCE_DOES_NOT_EXIST")
        with open(path, encoding="utf-8") as f:
            return cls.from_dict(mini_yaml.load(f.read()) or {})


def get_flavor_configuration(model_path, flavor_name):
    """The settings of ``flavor_name`` in the model at ``model_path``; raises if absent."""
    flavors = Model.load(model_path).flavors
    if flavor_name not in flavors:
        raise MlflowException(
            f'Model does not have the "{flavor_name}" flavor', error_code="RESOURCE_DOES_NOT_EXIST"
        )
    return flavors[flavor_name]


class ModelInfo:
    """What ``log_model`` returns: where the model was logged and its metadata."""

    def __init__(self, model, artifact_path, run_id):
        self.artifact_path = artifact_path
        self.run_id = run_id
        self.model_uri = f"runs:/{run_id}/{artifact_path}"
        self.flavors = model.flavors
        self.model_uuid = model.model_uuid
        self.utc_time_created = model.utc_time_created
        self.mlflow_version = model.mlflow_version
        self.signature = model.signature
        self.signature_dict = model.signature.to_dict() if model.signature else None
        self.saved_input_example_info = model.saved_input_example_info
        self.metadata = model.metadata
        self.registered_model_version = None

    def __repr__(self):
        return f"<ModelInfo: model_uri={self.model_uri!r}, flavors={sorted(self.flavors)}>"
