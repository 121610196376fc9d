import os
import shutil
import tempfile
import unittest

import pathsetup  # noqa: F401
from pathsetup import has_module

if has_module("xgboost"):
    import numpy as np
    import xgboost as xgb

    import mlflow.pyfunc
    import mlflow.xgboost
    from mlflow.models import Model
    from mlflow.utils import mini_yaml

# What real MLflow 2.x writes for an XGBClassifier saved with its defaults.
REAL_MLFLOW_MLMODEL = """artifact_path: model
flavors:
  python_function:
    data: model.xgb
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.xgboost
    python_version: 3.11.2
  xgboost:
    code: null
    data: model.xgb
    model_class: xgboost.sklearn.XGBClassifier
    model_format: xgb
    xgb_version: 1.7.4
mlflow_version: 2.19.0
model_size_bytes: 4096
model_uuid: 5a4b3c2d1e0f4a9b8c7d6e5f4a3b2c1d
utc_time_created: '2025-01-15 10:20:30.123456'
"""


@unittest.skipUnless(has_module("xgboost"), "xgboost is not installed (apt-get install python3-xgboost)")
class XGBoostModelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        rng = np.random.RandomState(0)
        cls.X = rng.rand(60, 4)
        cls.y = (cls.X[:, 0] + cls.X[:, 1] > 1).astype(int)
        cls.classifier = xgb.XGBClassifier(n_estimators=5, max_depth=2).fit(cls.X, cls.y)
        cls.booster = xgb.train({"max_depth": 2, "objective": "binary:logistic"}, xgb.DMatrix(cls.X, label=cls.y), num_boost_round=5)

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.path = os.path.join(self.tmp, "model")

    def test_a_scikit_learn_api_model_loads_back_as_its_class_and_as_pyfunc(self):
        mlflow.xgboost.save_model(self.classifier, self.path)
        loaded = mlflow.xgboost.load_model(self.path)
        self.assertIsInstance(loaded, xgb.XGBClassifier)
        self.assertEqual(loaded.predict(self.X).tolist(), self.classifier.predict(self.X).tolist())
        pyfunc_model = mlflow.pyfunc.load_model(self.path)
        self.assertEqual(pyfunc_model.loader_module, "mlflow.xgboost")
        self.assertEqual(pyfunc_model.predict(self.X).tolist(), self.classifier.predict(self.X).tolist())

    def test_a_booster_loads_back_as_a_booster_and_predicts_through_a_dmatrix(self):
        mlflow.xgboost.save_model(self.booster, self.path, model_format="json")
        self.assertTrue(os.path.isfile(os.path.join(self.path, "model.json")))
        self.assertIsInstance(mlflow.xgboost.load_model(self.path), xgb.Booster)
        expected = self.booster.predict(xgb.DMatrix(self.X))
        np.testing.assert_allclose(mlflow.pyfunc.load_model(self.path).predict(self.X), expected, rtol=1e-6)

    def test_model_folder_has_mlflows_files_and_mlmodel_fields(self):
        mlflow.xgboost.save_model(self.classifier, self.path)
        self.assertEqual(sorted(os.listdir(self.path)), ["MLmodel", "conda.yaml", "model.xgb", "python_env.yaml", "requirements.txt"])
        with open(os.path.join(self.path, "MLmodel")) as f:
            mlmodel = mini_yaml.load(f.read())
        pyfunc_conf = mlmodel["flavors"]["python_function"]
        self.assertEqual(pyfunc_conf["loader_module"], "mlflow.xgboost")
        self.assertEqual(pyfunc_conf["data"], "model.xgb")
        self.assertEqual(pyfunc_conf["env"], {"conda": "conda.yaml", "virtualenv": "python_env.yaml"})
        self.assertEqual(
            mlmodel["flavors"]["xgboost"],
            {"code": None, "data": "model.xgb", "model_class": "xgboost.sklearn.XGBClassifier", "model_format": "xgb", "xgb_version": xgb.__version__},
        )
        with open(os.path.join(self.path, "requirements.txt")) as f:
            self.assertEqual(f.read().splitlines()[1], f"xgboost=={xgb.__version__}")

    def test_input_example_gives_a_signature(self):
        mlflow.xgboost.save_model(self.classifier, self.path, input_example=self.X[:2])
        self.assertIn('"shape": [-1, 4]', Model.load(self.path).signature.to_dict()["inputs"])

    def test_loads_a_folder_written_by_real_mlflow(self):
        os.makedirs(self.path)
        with open(os.path.join(self.path, "MLmodel"), "w") as f:
            f.write(REAL_MLFLOW_MLMODEL)
        self.classifier.save_model(os.path.join(self.path, "model.xgb"))
        self.assertEqual(mlflow.pyfunc.load_model(self.path).predict(self.X[:5]).tolist(), self.classifier.predict(self.X[:5]).tolist())
        self.assertIsInstance(mlflow.xgboost.load_model(self.path), xgb.XGBClassifier)


if __name__ == "__main__":
    unittest.main()
