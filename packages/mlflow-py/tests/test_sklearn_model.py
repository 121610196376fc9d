import os
import pickle
import shutil
import tempfile
import unittest

import pathsetup  # noqa: F401
from pathsetup import has_module

if has_module("sklearn"):
    import mlflow.pyfunc
    import mlflow.sklearn
    from mlflow.exceptions import MlflowException
    from mlflow.models import Model
    from mlflow.utils import mini_yaml

# What real MLflow 2.x writes for an sklearn model saved with its default (cloudpickle) format.
REAL_MLFLOW_MLMODEL = """artifact_path: model
flavors:
  python_function:
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.sklearn
    model_path: model.pkl
    predict_fn: predict
    python_version: 3.10.12
  sklearn:
    code: null
    pickled_model: model.pkl
    serialization_format: {fmt}
    sklearn_version: 1.3.2
mlflow_version: 2.9.2
model_size_bytes: 1024
model_uuid: 0c5d3a1e9c1b4f7e8a2b6d4c3e2f1a0b
run_id: 8f3e2d1c0b9a4e5f8d7c6b5a4f3e2d1c
utc_time_created: '2024-01-15 10:20:30.123456'
"""


@unittest.skipUnless(has_module("sklearn"), "scikit-learn is not installed")
class SklearnModelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from sklearn.datasets import load_iris
        from sklearn.linear_model import LogisticRegression

        cls.X, cls.y = load_iris(return_X_y=True)
        cls.model = LogisticRegression(max_iter=300).fit(cls.X, cls.y)

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.path = os.path.join(self.tmp, "model")

    def test_saved_model_loads_back_with_both_loaders(self):
        mlflow.sklearn.save_model(self.model, self.path)
        expected = self.model.predict(self.X[:5]).tolist()
        self.assertEqual(mlflow.sklearn.load_model(self.path).predict(self.X[:5]).tolist(), expected)
        pyfunc_model = mlflow.pyfunc.load_model(self.path)
        self.assertEqual(pyfunc_model.predict(self.X[:5]).tolist(), expected)
        self.assertIs(type(pyfunc_model.get_raw_model()), type(self.model))
        self.assertEqual(mlflow.pyfunc.load_model("file://" + self.path).loader_module, "mlflow.sklearn")

    def test_model_folder_has_mlflows_files_and_mlmodel_fields(self):
        mlflow.sklearn.save_model(self.model, self.path)
        self.assertEqual(sorted(os.listdir(self.path)),
                         ["MLmodel", "conda.yaml", "model.pkl", "python_env.yaml", "requirements.txt"])
        with open(os.path.join(self.path, "MLmodel")) as f:
            mlmodel = mini_yaml.load(f.read())
        pyfunc_conf = mlmodel["flavors"]["python_function"]
        self.assertEqual(pyfunc_conf["loader_module"], "mlflow.sklearn")
        self.assertEqual(pyfunc_conf["model_path"], "model.pkl")
        self.assertEqual(pyfunc_conf["predict_fn"], "predict")
        self.assertEqual(pyfunc_conf["env"], {"conda": "conda.yaml", "virtualenv": "python_env.yaml"})
        self.assertIn("python_version", pyfunc_conf)
        sk_conf = mlmodel["flavors"]["sklearn"]
        self.assertEqual(sk_conf["pickled_model"], "model.pkl")
        self.assertEqual(sk_conf["serialization_format"], "pickle")
        self.assertIsNone(sk_conf["code"])
        import sklearn

        self.assertEqual(sk_conf["sklearn_version"], sklearn.__version__)
        for key in ("mlflow_version", "model_uuid", "utc_time_created"):
            self.assertIn(key, mlmodel)
        self.assertNotIn("run_id", mlmodel)
        with open(os.path.join(self.path, "model.pkl"), "rb") as f:
            self.assertIs(type(pickle.load(f)), type(self.model))

    def test_environment_files_pin_mlflow_and_scikit_learn(self):
        mlflow.sklearn.save_model(self.model, self.path, extra_pip_requirements=["extra==1"])
        with open(os.path.join(self.path, "requirements.txt")) as f:
            reqs = f.read().splitlines()
        self.assertTrue(reqs[0].startswith("mlflow==2.") and "+" not in reqs[0])
        self.assertTrue(any(r.startswith("scikit-learn==") for r in reqs))
        self.assertEqual(reqs[-1], "extra==1")
        with open(os.path.join(self.path, "conda.yaml")) as f:
            conda = mini_yaml.load(f.read())
        self.assertEqual(conda["dependencies"][-1], {"pip": reqs})
        with open(os.path.join(self.path, "python_env.yaml")) as f:
            self.assertEqual(mini_yaml.load(f.read())["dependencies"], ["-r requirements.txt"])

    def test_input_example_gives_a_signature(self):
        mlflow.sklearn.save_model(self.model, self.path, input_example=self.X[:2])
        signature = Model.load(self.path).signature.to_dict()
        self.assertIn('"tensor-spec": {"dtype": "float64", "shape": [-1, 4]}', signature["inputs"])
        self.assertIn('"shape": [-1]', signature["outputs"])

    def test_saving_into_a_non_empty_folder_is_refused(self):
        os.makedirs(self.path)
        open(os.path.join(self.path, "x"), "w").close()
        with self.assertRaises(MlflowException):
            mlflow.sklearn.save_model(self.model, self.path)

    def write_real_mlflow_folder(self, fmt):
        os.makedirs(self.path)
        with open(os.path.join(self.path, "MLmodel"), "w") as f:
            f.write(REAL_MLFLOW_MLMODEL.replace("{fmt}", fmt))
        with open(os.path.join(self.path, "model.pkl"), "wb") as f:
            pickle.dump(self.model, f)

    def test_loads_a_folder_written_by_real_mlflow_in_pickle_format(self):
        self.write_real_mlflow_folder("pickle")
        self.assertEqual(mlflow.pyfunc.load_model(self.path).predict(self.X[:3]).tolist(),
                         self.model.predict(self.X[:3]).tolist())

    def test_loads_a_folder_written_by_real_mlflow_in_cloudpickle_format(self):
        # cloudpickle's output for importable classes is ordinary pickle data, so this works
        # with or without cloudpickle installed.
        self.write_real_mlflow_folder("cloudpickle")
        self.assertIs(type(mlflow.sklearn.load_model(self.path)), type(self.model))

    @unittest.skipUnless(has_module("cloudpickle"), "cloudpickle is not installed")
    def test_cloudpickle_format_round_trips_when_cloudpickle_is_installed(self):
        mlflow.sklearn.save_model(self.model, self.path, serialization_format="cloudpickle")
        with open(os.path.join(self.path, "requirements.txt")) as f:
            self.assertIn("cloudpickle", f.read())
        self.assertIs(type(mlflow.pyfunc.load_model(self.path).get_raw_model()), type(self.model))

    def test_unknown_serialization_format_is_refused(self):
        with self.assertRaises(MlflowException):
            mlflow.sklearn.save_model(self.model, self.path, serialization_format="joblib")


if __name__ == "__main__":
    unittest.main()
