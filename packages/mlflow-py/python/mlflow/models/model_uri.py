"""Turning a model URI into a local model folder.

Accepted: local paths and ``file:`` URIs (used in place), ``runs:/<run_id>/<path>``,
``mlflow-artifacts:/...`` and ``http(s)://`` artifact URLs (downloaded), and registered models:
``models:/<name>/<version>``, ``models:/<name>/<stage>``, ``models:/<name>/latest`` and
``models:/<name>@<alias>`` (resolved through the model registry, then downloaded).
"""


def local_model_path(model_uri, dst_path=None):
    """A local folder holding the model at ``model_uri``."""
    from mlflow.artifacts import download_artifacts

    model_uri = str(model_uri)
    if model_uri.startswith("models:"):
        from mlflow.tracking.registry import resolve_models_uri

        model_uri = resolve_models_uri(model_uri)
    return download_artifacts(artifact_uri=model_uri, dst_path=dst_path)
