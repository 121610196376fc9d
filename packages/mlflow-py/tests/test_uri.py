import unittest

import pathsetup  # noqa: F401
from mlflow.exceptions import MlflowException, MlflowTrackingUriError
from mlflow.utils import uri


class TrackingUriTest(unittest.TestCase):
    def test_http_and_https_are_accepted_without_trailing_slash(self):
        self.assertEqual(uri.validate_tracking_uri("http://h:5000/"), "http://h:5000")
        self.assertEqual(uri.validate_tracking_uri("https://h/prefix"), "https://h/prefix")

    def test_missing_uri_names_the_environment_variable(self):
        with self.assertRaisesRegex(MlflowTrackingUriError, "MLFLOW_TRACKING_URI"):
            uri.validate_tracking_uri("")

    def test_other_schemes_are_rejected_with_the_variable_named(self):
        for bad in ("file:///tmp/mlruns", "./mlruns", "databricks", "sqlite:///x.db"):
            with self.assertRaisesRegex(MlflowTrackingUriError, "MLFLOW_TRACKING_URI"):
                uri.validate_tracking_uri(bad)


class ArtifactUriTest(unittest.TestCase):
    def test_mlflow_artifacts_uri_resolves_against_the_tracking_server(self):
        url = uri.artifact_root_url("mlflow-artifacts:/1/abc/artifacts", "http://h:5000/")
        self.assertEqual(url, "http://h:5000/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts")

    def test_mlflow_artifacts_uri_with_host_keeps_the_tracking_scheme(self):
        url = uri.artifact_root_url("mlflow-artifacts://other:81/1/abc/artifacts", "https://h")
        self.assertEqual(url, "https://other:81/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts")

    def test_http_artifact_uri_is_used_as_is(self):
        url = "http://store/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts"
        self.assertEqual(uri.artifact_root_url(url + "/", "http://h"), url)

    def test_other_artifact_schemes_are_rejected(self):
        with self.assertRaises(MlflowException):
            uri.artifact_root_url("s3://bucket/x", "http://h")

    def test_run_artifact_paths_are_recognised(self):
        self.assertEqual(uri.split_run_artifact_path("1/abc/artifacts"), ("abc", ""))
        self.assertEqual(uri.split_run_artifact_path("1/abc/artifacts/model/MLmodel"), ("abc", "model/MLmodel"))
        self.assertIsNone(uri.split_run_artifact_path("1/abc/other"))

    def test_artifact_path_of_url(self):
        url = "http://h/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/a%20b"
        self.assertEqual(uri.artifact_path_of_url(url), "1/abc/artifacts/a b")
        self.assertIsNone(uri.artifact_path_of_url("http://h/files/x"))

    def test_join_url_quotes_each_part_and_skips_empty_ones(self):
        self.assertEqual(uri.join_url("http://h/root/", None, "dir a", "/f#1.txt"), "http://h/root/dir%20a/f%231.txt")


class RunsUriTest(unittest.TestCase):
    def test_runs_uri_gives_run_id_and_path(self):
        self.assertEqual(uri.parse_runs_uri("runs:/abc/model"), ("abc", "model"))
        self.assertEqual(uri.parse_runs_uri("runs:/abc/a/b/"), ("abc", "a/b"))
        self.assertEqual(uri.parse_runs_uri("runs:/abc"), ("abc", ""))

    def test_runs_uri_without_run_id_is_rejected(self):
        with self.assertRaises(MlflowException):
            uri.parse_runs_uri("runs:/")

    def test_local_uris(self):
        self.assertTrue(uri.is_local_uri("/tmp/model"))
        self.assertTrue(uri.is_local_uri("file:///tmp/model"))
        self.assertFalse(uri.is_local_uri("runs:/abc/model"))
        self.assertEqual(uri.local_path_of_uri("file:///tmp/a%20b"), "/tmp/a b")


if __name__ == "__main__":
    unittest.main()
