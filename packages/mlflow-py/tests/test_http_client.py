"""Transport tests with a scripted stand-in for ``http.client`` connections (no server)."""

import base64
import json
import os
import unittest
from unittest import mock

import pathsetup  # noqa: F401
from mlflow.exceptions import MlflowException, RestException
from mlflow.utils import http_client


class FakeResponse:
    def __init__(self, status, body=b"", headers=None):
        self.status = status
        self._body = body if isinstance(body, bytes) else json.dumps(body).encode()
        self._headers = headers or {}

    def read(self, size=-1):
        chunk, self._body = (self._body, b"") if size < 0 else (self._body[:size], self._body[size:])
        return chunk

    def getheader(self, name, default=None):
        return self._headers.get(name, default)


class FakeConnection:
    """Answers each request with the next scripted item (a FakeResponse or an exception)."""

    def __init__(self, script):
        self.script = list(script)
        self.requests = []

    def request(self, method, target, body=None, headers=None):
        if hasattr(body, "read"):
            body = body.read()
        self.requests.append((method, target, body, dict(headers or {})))

    def getresponse(self):
        item = self.script.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    def close(self):
        pass


class HttpClientTest(unittest.TestCase):
    def setUp(self):
        patcher = mock.patch.dict(os.environ, {"MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR": "0",
                                               "MLFLOW_HTTP_REQUEST_MAX_RETRIES": "3"})
        patcher.start()
        self.addCleanup(patcher.stop)
        for name in ("MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD"):
            os.environ.pop(name, None)

    def use(self, *script):
        conn = FakeConnection(script)
        patcher = mock.patch.object(http_client, "_connection", return_value=(conn, False))
        patcher.start()
        self.addCleanup(patcher.stop)
        return conn

    def test_post_sends_json_and_decodes_the_answer(self):
        conn = self.use(FakeResponse(200, {"run": {"info": {}}}))
        answer = http_client.call_json("POST", "http://h/api/2.0/mlflow/runs/create", {"experiment_id": "1"})
        method, target, body, headers = conn.requests[0]
        self.assertEqual((method, target), ("POST", "/api/2.0/mlflow/runs/create"))
        self.assertEqual(json.loads(body), {"experiment_id": "1"})
        self.assertEqual(headers["Content-Type"], "application/json")
        self.assertEqual(answer, {"run": {"info": {}}})

    def test_get_sends_the_payload_as_query_string(self):
        conn = self.use(FakeResponse(200, b""))
        http_client.call_json("GET", "http://h/x", {"run_id": "a b", "path": None, "ids": ["1", "2"]})
        self.assertEqual(conn.requests[0][1], "/x?run_id=a+b&ids=1&ids=2")

    def test_server_errors_and_429_are_retried(self):
        conn = self.use(FakeResponse(503, b"busy"), FakeResponse(429, b"", {"Retry-After": "0"}), FakeResponse(200, {}))
        self.assertEqual(http_client.call_json("POST", "http://h/x", {}), {})
        self.assertEqual(len(conn.requests), 3)

    def test_client_errors_raise_with_the_server_error_code_and_are_not_retried(self):
        conn = self.use(FakeResponse(404, {"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "no run"}))
        with self.assertRaises(RestException) as caught:
            http_client.call_json("GET", "http://h/x")
        self.assertEqual(caught.exception.error_code, "RESOURCE_DOES_NOT_EXIST")
        self.assertIn("no run", str(caught.exception))
        self.assertEqual(len(conn.requests), 1)

    def test_non_json_errors_get_a_code_from_the_status(self):
        self.use(FakeResponse(403, b"<html>denied</html>"))
        with self.assertRaises(RestException) as caught:
            http_client.call_json("GET", "http://h/x")
        self.assertEqual(caught.exception.error_code, "PERMISSION_DENIED")

    def test_retries_are_bounded(self):
        conn = self.use(*[FakeResponse(500, b"")] * 4)
        with self.assertRaises(RestException):
            http_client.call_json("POST", "http://h/x", {})
        self.assertEqual(len(conn.requests), 4)

    def test_connection_errors_are_retried_then_raised_as_unavailable(self):
        self.use(*[ConnectionRefusedError("refused")] * 4)
        with self.assertRaises(MlflowException) as caught:
            http_client.call_json("POST", "http://h/x", {})
        self.assertEqual(caught.exception.error_code, "TEMPORARILY_UNAVAILABLE")

    def test_bearer_token_wins_over_basic_auth(self):
        with mock.patch.dict(os.environ, {"MLFLOW_TRACKING_USERNAME": "u", "MLFLOW_TRACKING_PASSWORD": "p"}):
            basic = base64.b64encode(b"u:p").decode()
            self.assertEqual(http_client.auth_headers(), {"Authorization": f"Basic {basic}"})
            with mock.patch.dict(os.environ, {"MLFLOW_TRACKING_TOKEN": "t"}):
                self.assertEqual(http_client.auth_headers(), {"Authorization": "Bearer t"})

    def test_upload_streams_the_file_with_its_length(self):
        conn = self.use(FakeResponse(200, b""))
        path = os.path.join(self.tmpdir(), "f.bin")
        with open(path, "wb") as f:
            f.write(b"x" * 10)
        http_client.upload_file("http://h/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/f.bin", path)
        method, _, body, headers = conn.requests[0]
        self.assertEqual((method, body, headers["Content-Length"]), ("PUT", b"x" * 10, "10"))

    def test_download_writes_the_body_to_the_file(self):
        self.use(FakeResponse(200, b"payload"))
        path = os.path.join(self.tmpdir(), "sub", "f.txt")
        http_client.download_file("http://h/a", path)
        with open(path, "rb") as f:
            self.assertEqual(f.read(), b"payload")

    def tmpdir(self):
        import shutil
        import tempfile

        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d, True)
        return d


if __name__ == "__main__":
    unittest.main()
