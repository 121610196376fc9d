"""Run artifacts stored on the tracking server, addressed by an artifact root URI.

The root is ``mlflow-artifacts:/<exp>/<run>/artifacts`` (or any ``mlflow-artifacts:`` /
``http(s)://`` URI, see :func:`mlflow.utils.uri.artifact_root_url`). Files are uploaded with
``PUT <root_url>/<path>`` (raw bytes streamed from disk) and downloaded with ``GET`` on the same
URL. Listing uses ``GET /api/2.0/mlflow/artifacts/list?run_id=&path=`` when the root is a run's
(``<exp>/<run>/artifacts``), else ``GET /api/2.0/mlflow-artifacts/artifacts?path=``.
Listed paths are relative to this root; a path whose listing is empty is taken as a file.
"""

import mimetypes
import os
import tempfile

from mlflow.entities import FileInfo
from mlflow.exceptions import MlflowException
from mlflow.tracking.rest_store import RestStore
from mlflow.utils import http_client
from mlflow.utils.uri import ARTIFACTS_API, artifact_path_of_url, artifact_root_url, join_url, split_run_artifact_path


def _join(*parts):
    return "/".join(p.strip("/") for p in parts if p and p.strip("/"))


class HttpArtifactRepository:
    """Upload, list and download artifacts under ``artifact_uri``."""

    def __init__(self, artifact_uri, tracking_uri):
        self.artifact_uri = artifact_uri.rstrip("/")
        self.tracking_uri = tracking_uri
        self.root_url = artifact_root_url(self.artifact_uri, tracking_uri)
        self._root_path = artifact_path_of_url(self.root_url)
        self._run = split_run_artifact_path(self._root_path) if self._root_path is not None else None

    def log_artifact(self, local_file, artifact_path=None):
        """Upload the file ``local_file`` as ``<artifact_path>/<its name>``."""
        url = join_url(self.root_url, artifact_path, os.path.basename(local_file))
        http_client.upload_file(url, local_file, mimetypes.guess_type(local_file)[0])

    def log_artifacts(self, local_dir, artifact_path=None):
        """Upload every file under ``local_dir`` below ``artifact_path``, keeping relative paths."""
        if not os.path.isdir(local_dir):
            raise MlflowException.invalid_parameter_value(f"Not a directory: {local_dir!r}")
        for root, _, files in os.walk(local_dir):
            relative = os.path.relpath(root, local_dir)
            subdir = _join(artifact_path or "", "" if relative == "." else relative.replace(os.sep, "/"))
            for name in sorted(files):
                self.log_artifact(os.path.join(root, name), subdir or None)

    def list_artifacts(self, path=None):
        """The entries directly under ``path`` (relative to this root), as :class:`FileInfo`."""
        path = (path or "").strip("/")
        if self._run is not None:
            run_id, prefix = self._run
            files = RestStore(self.tracking_uri).list_artifacts(run_id, _join(prefix, path) or None)
            return [FileInfo(_relative(f.path, prefix), f.is_dir, f.file_size) for f in files]
        if self._root_path is None:
            raise MlflowException(f"Cannot list artifacts under {self.artifact_uri!r}: not a tracking server artifact URI")
        return self._list_proxied(path)

    def _list_proxied(self, path):
        base = self.root_url[: self.root_url.index(ARTIFACTS_API) + len(ARTIFACTS_API)]
        response = http_client.call_json("GET", base, {"path": _join(self._root_path, path)})
        return [
            FileInfo(_join(path, f["path"]), bool(f.get("is_dir")), f.get("file_size") and int(f["file_size"]))
            for f in response.get("files", [])
        ]

    def download_artifacts(self, artifact_path="", dst_path=None):
        """Download a file or directory into ``dst_path`` (a new temp dir if None), keeping its
        relative path; returns the local path of what was downloaded."""
        dst_path = os.path.abspath(dst_path or tempfile.mkdtemp(prefix="mlflow-artifacts-"))
        artifact_path = (artifact_path or "").strip("/")
        entries = self.list_artifacts(artifact_path)
        names_itself = len(entries) == 1 and not entries[0].is_dir and entries[0].path == artifact_path
        if artifact_path and (not entries or names_itself):
            local = os.path.join(dst_path, *artifact_path.split("/"))
            http_client.download_file(join_url(self.root_url, artifact_path), local)
            return local
        for entry in entries:
            if entry.is_dir:
                self.download_artifacts(entry.path, dst_path)
            else:
                local = os.path.join(dst_path, *entry.path.split("/"))
                http_client.download_file(join_url(self.root_url, entry.path), local)
        local = os.path.join(dst_path, *artifact_path.split("/")) if artifact_path else dst_path
        os.makedirs(local, exist_ok=True)
        return local


def _relative(path, prefix):
    if prefix and path.startswith(prefix.rstrip("/") + "/"):
        return path[len(prefix.rstrip("/")) + 1 :]
    return path
