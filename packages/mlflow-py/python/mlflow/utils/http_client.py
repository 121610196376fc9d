"""HTTP transport to the tracking server: one persistent connection per thread and host.

Contracts:
- Auth: ``MLFLOW_TRACKING_TOKEN`` → ``Authorization: Bearer``; else ``MLFLOW_TRACKING_USERNAME`` and
  ``MLFLOW_TRACKING_PASSWORD`` → Basic. TLS: ``MLFLOW_TRACKING_INSECURE_TLS``,
  ``MLFLOW_TRACKING_SERVER_CERT_PATH``.
- Retries: connection errors and HTTP 429/500/502/503/504 are retried up to
  ``MLFLOW_HTTP_REQUEST_MAX_RETRIES`` (default 5) times, sleeping
  ``backoff_factor * 2**attempt`` seconds (``MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR``, default 1;
  each sleep capped at 30 s, or the server's ``Retry-After``). ``MLFLOW_HTTP_REQUEST_TIMEOUT``
  (default 120 s) bounds each socket operation.
- Errors: a non-2xx answer raises :class:`~mlflow.exceptions.RestException` built from the
  server's ``{"error_code", "message"}`` body; a connection that keeps failing raises
  :class:`~mlflow.exceptions.MlflowException` with ``error_code`` ``TEMPORARILY_UNAVAILABLE``.
- Connections are per thread (``threading.local``) and dropped in a forked child.
"""

import base64
import http.client
import json
import os
import random
import ssl
import threading
import time
import urllib.parse

from mlflow import environment_variables as env
from mlflow.exceptions import MlflowException, RestException
from mlflow.version import VERSION

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_MAX_SLEEP_S = 30.0
_CHUNK = 1 << 20
_local = threading.local()


def _reset_connections():
    _local.__dict__.clear()


os.register_at_fork(after_in_child=_reset_connections)


def auth_headers():
    """Authorization headers from the environment (empty when none is configured)."""
    token = env.get_str(env.MLFLOW_TRACKING_TOKEN)
    if token:
        return {"Authorization": f"Bearer {token}"}
    user = env.get_str(env.MLFLOW_TRACKING_USERNAME)
    password = env.get_str(env.MLFLOW_TRACKING_PASSWORD)
    if user and password:
        pair = base64.standard_b64encode(f"{user}:{password}".encode()).decode("ascii")
        return {"Authorization": f"Basic {pair}"}
    return {}


def _ssl_context():
    if env.get_bool(env.MLFLOW_TRACKING_INSECURE_TLS):
        return ssl._create_unverified_context()
    return ssl.create_default_context(cafile=env.get_str(env.MLFLOW_TRACKING_SERVER_CERT_PATH))


def _connection(scheme, netloc):
    """This thread's connection to ``scheme://netloc`` and whether it was already open."""
    conns = _local.__dict__.setdefault("conns", {})
    conn = conns.get((scheme, netloc))
    if conn is not None:
        return conn, True
    timeout = env.get_float(env.MLFLOW_HTTP_REQUEST_TIMEOUT, 120.0)
    if scheme == "https":
        conn = http.client.HTTPSConnection(netloc, timeout=timeout, context=_ssl_context(), blocksize=_CHUNK)
    else:
        conn = http.client.HTTPConnection(netloc, timeout=timeout, blocksize=_CHUNK)
    conns[(scheme, netloc)] = conn
    return conn, False


def _drop_connection(scheme, netloc):
    conn = _local.__dict__.get("conns", {}).pop((scheme, netloc), None)
    if conn is not None:
        conn.close()


def _backoff_seconds(attempt, response=None):
    retry_after = response.getheader("Retry-After") if response is not None else None
    if retry_after and retry_after.isdigit():
        return min(float(retry_after), _MAX_SLEEP_S)
    factor = env.get_float(env.MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR, 1.0)
    return min(factor * (2**attempt) * (1 + 0.1 * random.random()), _MAX_SLEEP_S)


def send(method, url, body=None, headers=None):
    """Send a request with retries and return the open ``HTTPResponse`` (any status).

    ``body`` is bytes, None, or a binary file object (rewound before each attempt). The caller
    must read the response to the end before this thread sends another request.
    """
    parts = urllib.parse.urlsplit(url)
    target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
    all_headers = {"User-Agent": f"lathe-mlflow/{VERSION}", **auth_headers(), **(headers or {})}
    max_retries = env.get_int(env.MLFLOW_HTTP_REQUEST_MAX_RETRIES, 5)
    attempt = 0
    while True:
        conn, reused = _connection(parts.scheme, parts.netloc)
        try:
            if hasattr(body, "seek"):
                body.seek(0)
            conn.request(method, target, body=body, headers=all_headers)
            response = conn.getresponse()
        except (OSError, http.client.HTTPException) as exc:
            _drop_connection(parts.scheme, parts.netloc)
            if reused and isinstance(exc, (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)):
                continue  # the server closed an idle keep-alive connection: reconnect at once
            if attempt >= max_retries:
                raise MlflowException(
                    f"API request to {url} failed after {attempt + 1} attempts: {exc!r}",
                    error_code="TEMPORARILY_UNAVAILABLE",
                ) from exc
            time.sleep(_backoff_seconds(attempt))
            attempt += 1
            continue
        if response.status in RETRY_STATUSES and attempt < max_retries:
            response.read()
            time.sleep(_backoff_seconds(attempt, response))
            attempt += 1
            continue
        return response


def raise_for_status(response, url):
    """Read an error response and raise it as :class:`RestException`; no-op on 2xx."""
    if 200 <= response.status < 300:
        return
    text = response.read().decode("utf-8", errors="replace")
    try:
        body = json.loads(text)
        if not isinstance(body, dict):
            raise ValueError(text)
    except ValueError:
        body = {"message": f"API request to {url} failed with HTTP {response.status}: {text[:1000]}"}
    raise RestException(body, status_code=response.status)


def _query_string(params):
    pairs = []
    for key, value in params.items():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if item is not None:
                pairs.append((key, str(item).lower() if isinstance(item, bool) else str(item)))
    return urllib.parse.urlencode(pairs)


def call_json(method, url, payload=None):
    """Call a JSON endpoint and return the decoded response object (``{}`` when empty).

    GET sends ``payload`` as the query string (lists as repeated keys, None values left out);
    other methods send it as a JSON body.
    """
    body, headers = None, {}
    if method == "GET":
        query = _query_string(payload or {})
        url = f"{url}?{query}" if query else url
    else:
        try:
            body = json.dumps(payload or {}, allow_nan=False).encode("utf-8")
        except ValueError as exc:
            raise MlflowException.invalid_parameter_value(f"Request body is not valid JSON: {exc}")
        headers["Content-Type"] = "application/json"
    response = send(method, url, body=body, headers=headers)
    raise_for_status(response, url)
    text = response.read()
    return json.loads(text) if text.strip() else {}


def upload_file(url, local_path, content_type=None):
    """PUT the file at ``local_path`` to ``url``, streamed from disk."""
    headers = {"Content-Length": str(os.path.getsize(local_path))}
    headers["Content-Type"] = content_type or "application/octet-stream"
    with open(local_path, "rb") as f:
        response = send("PUT", url, body=f, headers=headers)
        raise_for_status(response, url)
        response.read()


def download_file(url, local_path):
    """GET ``url`` into ``local_path`` (written to a temporary name, then renamed)."""
    response = send("GET", url)
    raise_for_status(response, url)
    os.makedirs(os.path.dirname(os.path.abspath(local_path)), exist_ok=True)
    partial = f"{local_path}.part{os.getpid()}"
    try:
        with open(partial, "wb") as f:
            while chunk := response.read(_CHUNK):
                f.write(chunk)
        os.replace(partial, local_path)
    except (OSError, http.client.HTTPException) as exc:
        parts = urllib.parse.urlsplit(url)
        _drop_connection(parts.scheme, parts.netloc)  # the response was not read to its end
        raise MlflowException(f"Download of {url} failed: {exc!r}", error_code="TEMPORARILY_UNAVAILABLE") from exc
    finally:
        if os.path.exists(partial):
            os.remove(partial)
