"""Turning a model URI into a local model folder.

Accepted: local paths and ``file:`` URIs (used in place), ``runs:/<run_id>/<path>``,
``mlflow-artifacts:/...`` and ``http(s)://`` artifact URLs (downloaded). ``models:/`` (the model
registry) is not supported by Lathe's client and raises.
"""

from mlflow.exceptions import MlflowException


def local_model_path(model_uri, dst_path=None):
    """A local folder holding the model at ``model_uri``."""
    from mlflow.artifacts import download_artifacts

    model_uri = str(model_uri)
    if model_uri.startswith("models:"):
        raise MlflowException(
            f"Cannot load {model_uri!r}: Lathe's mlflow client has no model registry; "
            "use a runs:/<run_id>/<path> or mlflow-artifacts:/ URI, or a local path.",
            error_code="INVALID_PARAMETER_VALUE",
        )
    return download_artifacts(artifact_uri=model_uri, dst_path=dst_path)
