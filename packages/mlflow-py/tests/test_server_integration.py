"""The client against a live MLflow-REST server: set LATHE_TEST_TRACKING_URI to its URL
(e.g. http://127.0.0.1:5000); skipped when unset. Each test works in its own new experiment."""

import math
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import uuid

import pathsetup  # noqa: F401
from pathsetup import has_module

TRACKING_URI = os.environ.get("LATHE_TEST_TRACKING_URI")

if TRACKING_URI:
    import mlflow
    from mlflow.entities import Metric, Param, RunTag
    from mlflow.exceptions import MlflowException


@unittest.skipUnless(TRACKING_URI, "LATHE_TEST_TRACKING_URI is not set")
class ServerIntegrationTest(unittest.TestCase):
    def setUp(self):
        mlflow.set_tracking_uri(TRACKING_URI)
        os.environ.pop("MLFLOW_RUN_ID", None)
        self.experiment = mlflow.set_experiment(f"lathe-mlflow-py-{uuid.uuid4().hex[:12]}")
        self.client = mlflow.MlflowClient()
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def tearDown(self):
        while mlflow.active_run():
            mlflow.end_run()
        if has_module("sklearn"):
            from mlflow import sklearn as mlflow_sklearn

            mlflow_sklearn.autolog(disable=True)

    def write(self, relative, content):
        path = os.path.join(self.tmp, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w" if isinstance(content, str) else "wb") as f:
            f.write(content)
        return path

    def test_set_experiment_creates_once_and_then_reuses_the_experiment(self):
        again = mlflow.set_experiment(self.experiment.name)
        self.assertEqual(again.experiment_id, self.experiment.experiment_id)
        self.assertEqual(self.client.get_experiment_by_name(self.experiment.name).experiment_id, again.experiment_id)
        self.assertIsNone(self.client.get_experiment_by_name(f"absent-{uuid.uuid4().hex}"))
        with self.assertRaises(MlflowException) as caught:
            self.client.create_experiment(self.experiment.name)
        self.assertEqual(caught.exception.error_code, "RESOURCE_ALREADY_EXISTS")

    def test_a_run_records_name_tags_description_and_finishes(self):
        with mlflow.start_run(run_name="first", tags={"team": "ml"}, description="about") as run:
            self.assertEqual(mlflow.active_run().info.run_id, run.info.run_id)
            self.assertEqual(run.info.experiment_id, self.experiment.experiment_id)
        fetched = mlflow.get_run(run.info.run_id)
        self.assertEqual(fetched.info.status, "FINISHED")
        self.assertIsNotNone(fetched.info.end_time)
        self.assertEqual(fetched.info.run_name, "first")
        tags = fetched.data.tags
        self.assertEqual((tags["team"], tags["mlflow.note.content"], tags["mlflow.runName"]), ("ml", "about", "first"))
        self.assertIn("mlflow.user", tags)
        self.assertIn("mlflow.source.name", tags)
        self.assertEqual(mlflow.last_active_run().info.run_id, run.info.run_id)

    def test_nested_runs_point_to_their_parent(self):
        with mlflow.start_run() as parent:
            with mlflow.start_run(nested=True) as child:
                pass
            self.assertEqual(mlflow.active_run().info.run_id, parent.info.run_id)
        self.assertEqual(mlflow.get_run(child.info.run_id).data.tags["mlflow.parentRunId"], parent.info.run_id)

    def test_a_raising_block_fails_the_run(self):
        with self.assertRaises(ZeroDivisionError):
            with mlflow.start_run() as run:
                1 / 0
        self.assertEqual(mlflow.get_run(run.info.run_id).info.status, "FAILED")

    def test_many_metric_values_all_arrive_in_batches(self):
        with mlflow.start_run() as run:
            for step in range(2500):
                mlflow.log_metric("loss", 1.0 / (step + 1), step=step)
            mlflow.log_metrics({"acc": 0.75, "nan": float("nan")}, step=7)
        history = self.client.get_metric_history(run.info.run_id, "loss")
        self.assertEqual(sorted(m.step for m in history), list(range(2500)))
        metrics = mlflow.get_run(run.info.run_id).data.metrics
        self.assertAlmostEqual(metrics["loss"], 1.0 / 2500)
        self.assertEqual(metrics["acc"], 0.75)
        self.assertTrue(math.isnan(metrics["nan"]))

    def test_params_and_tags_over_the_batch_limit_are_all_recorded(self):
        params = {f"p{i}": i for i in range(150)}
        with mlflow.start_run() as run:
            mlflow.log_params(params)
            self.assertEqual(mlflow.log_param("single", 0.5), 0.5)
            mlflow.set_tags({f"t{i}": i for i in range(120)})
            mlflow.set_tag("gone", "x")
            mlflow.delete_tag("gone")
        data = mlflow.get_run(run.info.run_id).data
        self.assertEqual({k: v for k, v in data.params.items() if k.startswith("p")}, {k: str(v) for k, v in params.items()})
        self.assertEqual(data.params["single"], "0.5")
        self.assertEqual(data.tags["t119"], "119")
        self.assertNotIn("gone", data.tags)

    def test_artifacts_upload_list_and_download(self):
        with mlflow.start_run() as run:
            mlflow.log_artifact(self.write("one.txt", "hello"))
            self.write("tree/a.txt", "a")
            self.write("tree/sub/b.bin", b"\0" * 300_000)
            mlflow.log_artifacts(os.path.join(self.tmp, "tree"), "tree")
            mlflow.log_dict({"k": [1, 2]}, "cfg/settings.json")
            mlflow.log_text("notes", "notes.txt")
            self.assertTrue(mlflow.get_artifact_uri().endswith(f"{run.info.run_id}/artifacts"))
        run_id = run.info.run_id
        top = {f.path: f.is_dir for f in self.client.list_artifacts(run_id)}
        self.assertEqual(top, {"one.txt": False, "tree": True, "cfg": True, "notes.txt": False})
        self.assertEqual(sorted(f.path for f in self.client.list_artifacts(run_id, "tree")), ["tree/a.txt", "tree/sub"])
        local = self.client.download_artifacts(run_id, "tree", os.path.join(self.tmp, "down"))
        self.assertEqual(os.path.getsize(os.path.join(local, "sub", "b.bin")), 300_000)
        self.assertEqual(mlflow.artifacts.load_dict(f"runs:/{run_id}/cfg/settings.json"), {"k": [1, 2]})
        self.assertEqual(mlflow.artifacts.load_text(f"{mlflow.get_run(run_id).info.artifact_uri}/notes.txt"), "notes")

    def test_attaching_to_a_run_through_mlflow_run_id(self):
        created = self.client.create_run(self.experiment.experiment_id, run_name="prepared")
        os.environ["MLFLOW_RUN_ID"] = created.info.run_id
        with mlflow.start_run() as run:
            self.assertEqual(run.info.run_id, created.info.run_id)
            self.assertEqual(run.info.status, "RUNNING")
            mlflow.log_metric("m", 1)
        self.assertNotIn("MLFLOW_RUN_ID", os.environ)
        fetched = mlflow.get_run(created.info.run_id)
        self.assertEqual((fetched.info.status, fetched.data.metrics["m"]), ("FINISHED", 1.0))

    def test_client_logs_synchronously_and_terminates(self):
        run = self.client.create_run(self.experiment.experiment_id, tags={"k": "v"})
        run_id = run.info.run_id
        self.client.log_metric(run_id, "m", 2.5, step=3)
        self.client.log_param(run_id, "p", 1)
        self.client.set_tag(run_id, "t", "x")
        self.client.log_batch(run_id, metrics=[Metric("b", 1.0, 1, 0)], params=[Param("q", "2")],
                              tags=[RunTag("u", "y")])
        self.client.set_terminated(run_id, "KILLED")
        fetched = self.client.get_run(run_id)
        self.assertEqual(fetched.info.status, "KILLED")
        self.assertEqual(fetched.data.metrics, {"m": 2.5, "b": 1.0})
        self.assertEqual(fetched.data.params, {"p": "1", "q": "2"})
        self.assertEqual((fetched.data.tags["t"], fetched.data.tags["u"], fetched.data.tags["k"]), ("x", "y", "v"))

    def test_search_runs_finds_the_experiments_runs(self):
        ids = set()
        for _ in range(3):
            with mlflow.start_run() as run:
                ids.add(run.info.run_id)
        found = mlflow.search_runs([self.experiment.experiment_id], output_format="list")
        self.assertEqual({r.info.run_id for r in found}, ids)
        page = self.client.search_runs([self.experiment.experiment_id])
        self.assertEqual({r.info.run_id for r in page}, ids)
        if has_module("pandas"):
            frame = mlflow.search_runs([self.experiment.experiment_id])
            self.assertEqual(set(frame["run_id"]), ids)

    def test_exit_flushes_metrics_and_fails_the_run_after_an_uncaught_error(self):
        script = (
            "import mlflow\n"
            "run = mlflow.start_run()\n"
            "print(run.info.run_id, flush=True)\n"
            "mlflow.log_metric('late', 5.0)\n"
            "raise RuntimeError('training crashed')\n"
        )
        env = {**os.environ, "PYTHONPATH": pathsetup.PYTHON_DIR, "MLFLOW_TRACKING_URI": TRACKING_URI,
               "MLFLOW_EXPERIMENT_ID": self.experiment.experiment_id}
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
        self.assertNotEqual(out.returncode, 0)
        fetched = self.client.get_run(out.stdout.split()[0])
        self.assertEqual(fetched.info.status, "FAILED")
        self.assertEqual(fetched.data.metrics["late"], 5.0)

    @unittest.skipUnless(has_module("sklearn"), "scikit-learn is not installed")
    def test_logged_sklearn_model_loads_from_runs_and_artifact_uris(self):
        import mlflow.pyfunc
        import mlflow.sklearn
        from sklearn.datasets import load_iris
        from sklearn.linear_model import LogisticRegression

        X, y = load_iris(return_X_y=True)
        model = LogisticRegression(max_iter=300).fit(X, y)
        with mlflow.start_run() as run:
            info = mlflow.sklearn.log_model(model, name="clf")
        self.assertEqual(info.model_uri, f"runs:/{run.info.run_id}/clf")
        expected = model.predict(X[:4]).tolist()
        self.assertEqual(mlflow.pyfunc.load_model(info.model_uri).predict(X[:4]).tolist(), expected)
        artifact_uri = f"{mlflow.get_run(run.info.run_id).info.artifact_uri}/clf"
        self.assertEqual(mlflow.sklearn.load_model(artifact_uri).predict(X[:4]).tolist(), expected)

    @unittest.skipUnless(has_module("torch"), "torch is not installed")
    def test_logged_pytorch_model_loads_from_its_runs_uri(self):
        import numpy as np
        import torch

        import mlflow.pyfunc
        import mlflow.pytorch

        torch.manual_seed(0)
        model = torch.nn.Sequential(torch.nn.Linear(3, 1)).eval()
        X = np.ones((2, 3), dtype=np.float32)
        with mlflow.start_run():
            info = mlflow.pytorch.log_model(model, name="net")
        with torch.no_grad():
            expected = model(torch.from_numpy(X)).numpy()
        self.assertIsInstance(mlflow.pytorch.load_model(info.model_uri), torch.nn.Sequential)
        np.testing.assert_allclose(mlflow.pyfunc.load_model(info.model_uri).predict(X), expected, rtol=1e-6)

    @unittest.skipUnless(has_module("xgboost"), "xgboost is not installed")
    def test_logged_xgboost_model_registers_and_loads_by_version(self):
        import numpy as np
        import xgboost as xgb

        import mlflow.pyfunc
        import mlflow.xgboost

        X = np.random.RandomState(0).rand(40, 3)
        y = (X[:, 0] > 0.5).astype(int)
        model = xgb.XGBClassifier(n_estimators=3, max_depth=2).fit(X, y)
        name = f"xgb-{uuid.uuid4().hex[:8]}"
        with mlflow.start_run():
            info = mlflow.xgboost.log_model(model, name="xgb", registered_model_name=name)
        self.assertEqual(info.registered_model_version, "1")
        self.assertIsInstance(mlflow.xgboost.load_model(f"models:/{name}/1"), xgb.XGBClassifier)
        self.assertEqual(mlflow.pyfunc.load_model(info.model_uri).predict(X[:5]).tolist(), model.predict(X[:5]).tolist())

    @unittest.skipUnless(has_module("sklearn"), "scikit-learn is not installed")
    def test_a_registered_model_loads_by_version_and_alias(self):
        import mlflow.pyfunc
        import mlflow.sklearn
        from sklearn.datasets import load_iris
        from sklearn.linear_model import LogisticRegression

        X, y = load_iris(return_X_y=True)
        model = LogisticRegression(max_iter=300).fit(X, y)
        name = f"iris-{uuid.uuid4().hex[:12]}"
        with mlflow.start_run() as run:
            info = mlflow.sklearn.log_model(model, name="clf", registered_model_name=name)
        self.assertEqual(info.registered_model_version, "1")
        again = mlflow.register_model(f"runs:/{run.info.run_id}/clf", name)
        self.assertEqual((again.name, again.version, again.run_id), (name, "2", run.info.run_id))
        self.client.set_registered_model_alias(name, "champion", "2")
        by_alias = self.client.get_model_version_by_alias(name, "champion")
        self.assertEqual((by_alias.version, by_alias.aliases, by_alias.current_stage), ("2", ["champion"], "None"))
        self.assertEqual(self.client.get_model_version(name, 1).source, f"runs:/{run.info.run_id}/clf")
        self.assertEqual([v.version for v in self.client.search_model_versions(f"name = '{name}'")], ["2", "1"])
        expected = model.predict(X[:4]).tolist()
        self.assertEqual(mlflow.pyfunc.load_model(f"models:/{name}@champion").predict(X[:4]).tolist(), expected)
        self.assertEqual(mlflow.sklearn.load_model(f"models:/{name}/1").predict(X[:4]).tolist(), expected)
        self.assertEqual(mlflow.sklearn.load_model(f"models:/{name}/latest").predict(X[:4]).tolist(), expected)
        with self.assertRaises(MlflowException) as caught:
            self.client.create_registered_model(name)
        self.assertEqual(caught.exception.error_code, "RESOURCE_ALREADY_EXISTS")

    def test_registered_models_and_versions_from_the_client(self):
        name = f"plain-{uuid.uuid4().hex[:12]}"
        created = self.client.create_registered_model(name, tags={"team": "ml"}, description="d")
        self.assertEqual((created.name, created.tags, created.description), (name, {"team": "ml"}, "d"))
        with mlflow.start_run() as run:
            mlflow.log_text("weights", "model/weights.txt")
        version = self.client.create_model_version(name, f"runs:/{run.info.run_id}/model", run_id=run.info.run_id,
                                                   tags={"k": "v"})
        self.assertEqual((version.version, version.tags, version.status), ("1", {"k": "v"}, "READY"))
        moved = self.client.transition_model_version_stage(name, "1", "Staging")
        self.assertEqual(moved.current_stage, "Staging")
        self.assertEqual([v.version for v in self.client.get_latest_versions(name, ["Staging"])], ["1"])
        uri = self.client.get_model_version_download_uri(name, "1")
        self.assertTrue(uri.startswith("mlflow-artifacts:/"), uri)
        local = mlflow.artifacts.download_artifacts(artifact_uri=uri, dst_path=self.tmp)
        with open(os.path.join(local, "weights.txt")) as f:
            self.assertEqual(f.read(), "weights")
        self.assertEqual(self.client.get_registered_model(name).latest_versions[0].version, "1")
        with self.assertRaises(MlflowException) as caught:
            self.client.get_model_version_by_alias(name, "nope")
        self.assertEqual(caught.exception.error_code, "INVALID_PARAMETER_VALUE")

    @unittest.skipUnless(has_module("sklearn"), "scikit-learn is not installed")
    def test_sklearn_autolog_records_params_metrics_tags_and_model(self):
        import mlflow.sklearn
        from sklearn.datasets import load_iris
        from sklearn.linear_model import LogisticRegression

        X, y = load_iris(return_X_y=True)
        mlflow.sklearn.autolog()
        LogisticRegression(max_iter=300, C=0.5).fit(X, y)
        run = mlflow.last_active_run()
        self.assertEqual(run.info.status, "FINISHED")
        self.assertEqual(run.data.params["C"], "0.5")
        self.assertEqual(run.data.tags["estimator_name"], "LogisticRegression")
        self.assertEqual(run.data.tags["estimator_class"], "sklearn.linear_model._logistic.LogisticRegression")
        self.assertTrue({"training_accuracy_score", "training_f1_score", "training_log_loss", "training_roc_auc",
                         "training_score"} <= set(run.data.metrics))
        files = {f.path for f in self.client.list_artifacts(run.info.run_id, "model")}
        self.assertTrue({"model/MLmodel", "model/model.pkl"} <= files)


if __name__ == "__main__":
    unittest.main()
