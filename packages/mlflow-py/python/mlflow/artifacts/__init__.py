"""``mlflow.artifacts``: download, list and read artifacts by URI or run.

URIs handled: local paths and ``file:``, ``runs:/<run_id>/<path>``, ``mlflow-artifacts:/...`` and
``http(s)://`` artifact URLs of the tracking server. Downloads keep the artifact's own name:
``download_artifacts("runs:/r/model", dst_path=d)`` returns ``d/model``.
"""

import json
import os
import shutil
import tempfile

from mlflow.exceptions import MlflowException
from mlflow.utils.uri import is_local_uri, local_path_of_uri, parse_runs_uri


def _tracking(tracking_uri):
    from mlflow.tracking.tracking_uri import get_tracking_uri

    return tracking_uri or get_tracking_uri()


def _split_uri(uri):
    """``(root URI, last path segment)`` of a remote artifact URI."""
    stripped = uri.rstrip("/")
    parent, _, name = stripped.rpartition("/")
    if not name or parent.endswith(":") or parent.endswith(":/"):
        raise MlflowException.invalid_parameter_value(f"Artifact URI {uri!r} names no artifact")
    return parent, name


def download_artifacts(artifact_uri=None, run_id=None, artifact_path=None, dst_path=None, tracking_uri=None):
    """Download an artifact file or directory; returns its local path.

    Give either ``artifact_uri`` or ``run_id`` (with optional ``artifact_path``)."""
    from mlflow.artifacts.http_repository import HttpArtifactRepository
    from mlflow.tracking.client import MlflowClient

    if (artifact_uri is None) == (run_id is None):
        raise MlflowException.invalid_parameter_value("Exactly one of artifact_uri and run_id must be given")
    tracking_uri = _tracking(tracking_uri)
    if run_id is not None:
        return MlflowClient(tracking_uri).download_artifacts(run_id, artifact_path or "", dst_path)
    if is_local_uri(artifact_uri):
        return _copy_local(local_path_of_uri(artifact_uri), dst_path)
    if artifact_uri.startswith("runs:"):
        run_id, path = parse_runs_uri(artifact_uri)
        return MlflowClient(tracking_uri).download_artifacts(run_id, path, dst_path)
    root, name = _split_uri(artifact_uri)
    return HttpArtifactRepository(root, tracking_uri).download_artifacts(name, dst_path)


def _copy_local(path, dst_path):
    if not os.path.exists(path):
        raise MlflowException(f"No such file or directory: {path!r}", error_code="RESOURCE_DOES_NOT_EXIST")
    if dst_path is None:
        return os.path.abspath(path)
    target = os.path.join(dst_path, os.path.basename(os.path.normpath(path)))
    if os.path.isdir(path):
        shutil.copytree(path, target, dirs_exist_ok=True)
    else:
        os.makedirs(dst_path, exist_ok=True)
        shutil.copy2(path, target)
    return target


def list_artifacts(artifact_uri=None, run_id=None, artifact_path=None, tracking_uri=None):
    """The entries directly under an artifact URI, or under ``artifact_path`` of ``run_id``."""
    from mlflow.artifacts.http_repository import HttpArtifactRepository
    from mlflow.tracking.client import MlflowClient

    tracking_uri = _tracking(tracking_uri)
    if run_id is not None:
        return MlflowClient(tracking_uri).list_artifacts(run_id, artifact_path)
    if artifact_uri.startswith("runs:"):
        run_id, path = parse_runs_uri(artifact_uri)
        return MlflowClient(tracking_uri).list_artifacts(run_id, path or None)
    return HttpArtifactRepository(artifact_uri, tracking_uri).list_artifacts()


def load_text(artifact_uri):
    """The content of a text artifact."""
    with tempfile.TemporaryDirectory() as tmp:
        with open(download_artifacts(artifact_uri, dst_path=tmp), encoding="utf-8") as f:
            return f.read()


def load_dict(artifact_uri):
    """A JSON (or YAML) artifact as a dict."""
    text = load_text(artifact_uri)
    if artifact_uri.endswith((".yaml", ".yml")):
        from mlflow.utils import mini_yaml

        return mini_yaml.load(text)
    return json.loads(text)


__all__ = ["download_artifacts", "list_artifacts", "load_dict", "load_text"]
