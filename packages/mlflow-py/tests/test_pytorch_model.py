import os
import shutil
import tempfile
import unittest

import pathsetup  # noqa: F401
from pathsetup import has_module

if has_module("torch"):
    import numpy as np
    import torch

    import mlflow.pyfunc
    import mlflow.pytorch
    from mlflow.exceptions import MlflowException
    from mlflow.models import Model
    from mlflow.utils import mini_yaml

    class TinyNet(torch.nn.Module):
        """A module whose class is importable from this test module, as a saved model's must be."""

        def __init__(self):
            super().__init__()
            self.linear = torch.nn.Linear(3, 2)

        def forward(self, x):
            return self.linear(x)

# What real MLflow 2.x writes for an eager PyTorch model saved with its defaults.
REAL_MLFLOW_MLMODEL = """artifact_path: model
flavors:
  python_function:
    data: data
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.pytorch
    model_config:
      device: null
    pickle_module_name: mlflow.pytorch.pickle_module
    python_version: 3.11.2
  pytorch:
    code: null
    model_data: data
    pytorch_version: 1.13.1
mlflow_version: 2.19.0
model_size_bytes: 2048
model_uuid: 4e3f2a1b0c9d4e8f7a6b5c4d3e2f1a0b
utc_time_created: '2025-01-15 10:20:30.123456'
"""


@unittest.skipUnless(has_module("torch"), "torch is not installed (apt-get install python3-torch)")
class PyTorchModelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        torch.manual_seed(0)
        cls.model = TinyNet().eval()
        cls.X = np.random.RandomState(0).rand(4, 3).astype(np.float32)
        with torch.no_grad():
            cls.expected = cls.model(torch.from_numpy(cls.X)).numpy()

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.path = os.path.join(self.tmp, "model")

    def test_saved_model_loads_back_with_both_loaders(self):
        mlflow.pytorch.save_model(self.model, self.path)
        loaded = mlflow.pytorch.load_model(self.path)
        self.assertIsInstance(loaded, TinyNet)
        self.assertFalse(loaded.training, "loaded in eval mode")
        with torch.no_grad():
            np.testing.assert_allclose(loaded(torch.from_numpy(self.X)).numpy(), self.expected, rtol=1e-6)
        pyfunc_model = mlflow.pyfunc.load_model(self.path)
        self.assertEqual(pyfunc_model.loader_module, "mlflow.pytorch")
        np.testing.assert_allclose(pyfunc_model.predict(self.X), self.expected, rtol=1e-6)
        self.assertIsInstance(pyfunc_model.get_raw_model(), TinyNet)

    @unittest.skipUnless(has_module("pandas"), "pandas is not installed")
    def test_pyfunc_predicts_a_dataframe_as_a_dataframe_with_its_index(self):
        import pandas as pd

        mlflow.pytorch.save_model(self.model, self.path)
        frame = pd.DataFrame(self.X.astype(np.float64), index=[10, 11, 12, 13])
        out = mlflow.pyfunc.load_model(self.path).predict(frame)
        self.assertEqual(list(out.index), [10, 11, 12, 13])
        np.testing.assert_allclose(out.values, self.expected, rtol=1e-6)

    def test_model_folder_has_mlflows_files_and_mlmodel_fields(self):
        mlflow.pytorch.save_model(self.model, self.path)
        self.assertEqual(sorted(os.listdir(self.path)), ["MLmodel", "conda.yaml", "data", "python_env.yaml", "requirements.txt"])
        self.assertEqual(sorted(os.listdir(os.path.join(self.path, "data"))), ["model.pth", "pickle_module_info.txt"])
        with open(os.path.join(self.path, "data", "pickle_module_info.txt")) as f:
            self.assertEqual(f.read(), "mlflow.pytorch.pickle_module")
        with open(os.path.join(self.path, "MLmodel")) as f:
            mlmodel = mini_yaml.load(f.read())
        pyfunc_conf = mlmodel["flavors"]["python_function"]
        self.assertEqual(pyfunc_conf["loader_module"], "mlflow.pytorch")
        self.assertEqual(pyfunc_conf["data"], "data")
        self.assertEqual(pyfunc_conf["pickle_module_name"], "mlflow.pytorch.pickle_module")
        self.assertEqual(pyfunc_conf["model_config"], {"device": None})
        self.assertEqual(pyfunc_conf["env"], {"conda": "conda.yaml", "virtualenv": "python_env.yaml"})
        self.assertEqual(mlmodel["flavors"]["pytorch"], {"code": None, "model_data": "data", "pytorch_version": torch.__version__})
        with open(os.path.join(self.path, "requirements.txt")) as f:
            reqs = f.read().splitlines()
        self.assertTrue(reqs[0].startswith("mlflow==2."))
        self.assertEqual(reqs[1], f"torch=={torch.__version__.split('+')[0]}")
        self.assertTrue(reqs[2].startswith("cloudpickle"))

    def test_a_scripted_model_round_trips(self):
        scripted = torch.jit.script(self.model)
        mlflow.pytorch.save_model(scripted, self.path)
        loaded = mlflow.pytorch.load_model(self.path)
        self.assertIsInstance(loaded, torch.jit.ScriptModule)
        np.testing.assert_allclose(mlflow.pyfunc.load_model(self.path).predict(self.X), self.expected, rtol=1e-6)

    def test_input_example_gives_a_signature(self):
        mlflow.pytorch.save_model(self.model, self.path, input_example=self.X[:2])
        signature = Model.load(self.path).signature.to_dict()
        self.assertIn('"tensor-spec": {"dtype": "float32", "shape": [-1, 3]}', signature["inputs"])

    def test_loads_a_folder_written_by_real_mlflow(self):
        os.makedirs(os.path.join(self.path, "data"))
        with open(os.path.join(self.path, "MLmodel"), "w") as f:
            f.write(REAL_MLFLOW_MLMODEL)
        with open(os.path.join(self.path, "data", "pickle_module_info.txt"), "w") as f:
            f.write("mlflow.pytorch.pickle_module")
        torch.save(self.model, os.path.join(self.path, "data", "model.pth"))
        np.testing.assert_allclose(mlflow.pyfunc.load_model(self.path).predict(self.X), self.expected, rtol=1e-6)

    def test_refuses_what_is_not_a_module_and_a_non_empty_folder(self):
        with self.assertRaises(TypeError):
            mlflow.pytorch.save_model({"weights": 1}, self.path)
        os.makedirs(self.path, exist_ok=True)
        open(os.path.join(self.path, "x"), "w").close()
        with self.assertRaises(MlflowException):
            mlflow.pytorch.save_model(self.model, self.path)


if __name__ == "__main__":
    unittest.main()
