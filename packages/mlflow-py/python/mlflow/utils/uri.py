"""Parsing of tracking, artifact and model URIs (pure functions, no I/O).

Contracts:
- A tracking URI must be ``http://`` or ``https://``; anything else raises
  :class:`~mlflow.exceptions.MlflowTrackingUriError` naming ``MLFLOW_TRACKING_URI``.
- ``mlflow-artifacts:/<path>`` resolves to ``<tracking>/api/2.0/mlflow-artifacts/artifacts/<path>``;
  ``mlflow-artifacts://host:port/<path>`` uses that host with the tracking URI's scheme.
- A plain ``http(s)://`` artifact URI is used as is.
"""

import re
import urllib.parse

from mlflow.exceptions import MlflowException, MlflowTrackingUriError

ARTIFACTS_API = "/api/2.0/mlflow-artifacts/artifacts"
_RUN_ARTIFACT_PATH = re.compile(r"^/*(?P<exp>[^/]+)/(?P<run>[^/]+)/artifacts(?:/(?P<rest>.*))?$")


def validate_tracking_uri(uri):
    """``uri`` without a trailing slash, when it is an http(s) URL; raises otherwise."""
    if not uri:
        raise MlflowTrackingUriError(
            "No tracking server is set. Lathe's mlflow client logs only to a Lathe server: set "
            "MLFLOW_TRACKING_URI to its http(s) URL (or call mlflow.set_tracking_uri)."
        )
    parsed = urllib.parse.urlsplit(uri)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise MlflowTrackingUriError(
            f"Unsupported tracking URI {uri!r}: Lathe's mlflow client supports only http(s) "
            "tracking servers; set MLFLOW_TRACKING_URI to a Lathe server URL such as "
            "http://host:port."
        )
    return uri.rstrip("/")


def quote_path(path):
    """``path`` percent-encoded for use in a URL, keeping ``/`` separators."""
    return urllib.parse.quote(path, safe="/")


def join_url(base, *parts):
    """``base`` and the non-empty ``parts`` joined with single slashes; parts get quoted."""
    pieces = [base.rstrip("/")]
    for part in parts:
        part = (part or "").strip("/")
        if part:
            pieces.append(quote_path(part))
    return "/".join(pieces)


def artifact_root_url(artifact_uri, tracking_uri):
    """The http(s) URL of an artifact root given as ``mlflow-artifacts:`` or ``http(s)://``."""
    parsed = urllib.parse.urlsplit(artifact_uri)
    if parsed.scheme in ("http", "https"):
        return artifact_uri.rstrip("/")
    if parsed.scheme != "mlflow-artifacts":
        raise MlflowException(
            f"Unsupported artifact URI {artifact_uri!r}: Lathe's mlflow client handles "
            "mlflow-artifacts:/ and http(s):// artifact locations only.",
            error_code="INVALID_PARAMETER_VALUE",
        )
    tracking = urllib.parse.urlsplit(validate_tracking_uri(tracking_uri))
    base = tracking.geturl() if not parsed.netloc else f"{tracking.scheme}://{parsed.netloc}"
    # Keep the raw (already quoted, if at all) path: an artifact URI is a URI, not a file path.
    return base.rstrip("/") + ARTIFACTS_API + "/" + parsed.path.strip("/")


def artifact_path_of_url(url):
    """The path after ``/api/2.0/mlflow-artifacts/artifacts/`` in ``url``, or None."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    index = path.find(ARTIFACTS_API + "/")
    return None if index < 0 else path[index + len(ARTIFACTS_API) + 1 :]


def split_run_artifact_path(path):
    """``(run_id, relative path)`` when ``path`` is ``<exp>/<run>/artifacts[/rest]``, else None."""
    match = _RUN_ARTIFACT_PATH.match(path or "")
    if not match:
        return None
    return match.group("run"), (match.group("rest") or "").strip("/")


def parse_runs_uri(uri):
    """``(run_id, artifact_path)`` of ``runs:/<run_id>/<path>``; raises on another form."""
    parsed = urllib.parse.urlsplit(uri)
    if parsed.scheme != "runs":
        raise MlflowException.invalid_parameter_value(f"Not a runs:/ URI: {uri!r}")
    path = (parsed.netloc + parsed.path) if parsed.netloc else parsed.path
    run_id, _, artifact_path = path.lstrip("/").partition("/")
    if not run_id:
        raise MlflowException.invalid_parameter_value(
            f"Invalid runs:/ URI {uri!r}: expected runs:/<run_id>/<artifact_path>"
        )
    return run_id, artifact_path.strip("/")


def is_local_uri(uri):
    """Whether ``uri`` names a local path (no scheme, ``file:``, or a Windows drive)."""
    scheme = urllib.parse.urlsplit(uri).scheme
    return scheme in ("", "file") or len(scheme) == 1


def local_path_of_uri(uri):
    """The local file system path of a local URI (``file:///x`` → ``/x``)."""
    parsed = urllib.parse.urlsplit(uri)
    if parsed.scheme == "file":
        return urllib.parse.unquote(parsed.path)
    return uri
