import os
import unittest
from unittest import mock

import pathsetup  # noqa: F401
import mlflow
from mlflow.exceptions import MlflowException, MlflowTrackingUriError
from mlflow.tracking.client import make_metric


class NoServerTest(unittest.TestCase):
    def setUp(self):
        patcher = mock.patch.dict(os.environ, {}, clear=False)
        patcher.start()
        self.addCleanup(patcher.stop)
        os.environ.pop("MLFLOW_TRACKING_URI", None)
        mlflow.set_tracking_uri(None)

    def test_import_does_not_pull_in_heavy_libraries(self):
        import subprocess
        import sys

        code = "import sys, mlflow; print([m for m in ('sklearn', 'pandas', 'numpy') if m in sys.modules])"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": os.path.dirname(mlflow.__path__[0])})
        self.assertEqual(out.stdout.strip(), "[]", out.stderr)

    def test_version_says_it_is_lathes_client(self):
        self.assertTrue(mlflow.__version__.startswith("2.") and mlflow.__version__.endswith("+lathe"))
        self.assertIn("Lathe", mlflow.__doc__)

    def test_without_a_tracking_uri_start_run_names_the_variable(self):
        self.assertEqual(mlflow.get_tracking_uri(), "")
        with self.assertRaisesRegex(MlflowTrackingUriError, "MLFLOW_TRACKING_URI"):
            mlflow.start_run()
        self.assertIsNone(mlflow.active_run())

    def test_a_file_tracking_uri_is_refused(self):
        mlflow.set_tracking_uri("file:///tmp/mlruns")
        self.assertEqual(os.environ["MLFLOW_TRACKING_URI"], "file:///tmp/mlruns")
        with self.assertRaisesRegex(MlflowTrackingUriError, "http"):
            mlflow.MlflowClient()

    def test_metric_values_and_names_are_validated_before_queueing(self):
        self.assertEqual(make_metric("a/b c", 2, timestamp=5, step=3).value, 2.0)
        for value in ("1.0", None, [1, 2]):
            with self.assertRaises(MlflowException):
                make_metric("m", value)
        for key in ("", "bad*key", "../up", None):
            with self.assertRaises(MlflowException):
                make_metric(key, 1.0)

    def test_set_experiment_needs_exactly_one_argument(self):
        with self.assertRaises(MlflowException):
            mlflow.set_experiment()

    def test_malformed_registry_uris_are_refused_before_any_request(self):
        import mlflow.pyfunc

        for uri in ("models:/", "models:/name", "models:/name@"):
            with self.assertRaisesRegex(MlflowException, "Not a model URI"):
                mlflow.pyfunc.load_model(uri)


if __name__ == "__main__":
    unittest.main()
