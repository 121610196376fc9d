import math
import unittest

import pathsetup  # noqa: F401
from mlflow.utils import mini_yaml

# An MLmodel as real MLflow writes it (PyYAML safe_dump, width 80: the long signature folds).
REAL_MLMODEL = """artifact_path: model
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
    serialization_format: cloudpickle
    sklearn_version: 1.3.2
metadata:
  note: its a "quoted" note
  owners:
  - a
  - b
mlflow_version: 2.9.2
model_size_bytes: 1024
model_uuid: 0c5d3a1e9c1b4f7e8a2b6d4c3e2f1a0b
run_id: 8f3e2d1c0b9a4e5f8d7c6b5a4f3e2d1c
signature:
  inputs: '[{"type": "double", "name": "sepal length (cm)", "required": true}, {"type":
    "double", "name": "sepal width (cm)", "required": true}]'
  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]'
  params: null
utc_time_created: '2024-01-15 10:20:30.123456'
"""


class MiniYamlTest(unittest.TestCase):
    def test_reads_an_mlmodel_written_by_real_mlflow(self):
        data = mini_yaml.load(REAL_MLMODEL)
        self.assertEqual(data["flavors"]["sklearn"]["serialization_format"], "cloudpickle")
        self.assertIsNone(data["flavors"]["sklearn"]["code"])
        self.assertEqual(data["flavors"]["python_function"]["python_version"], "3.10.12")
        self.assertEqual(data["model_size_bytes"], 1024)
        self.assertEqual(data["metadata"]["owners"], ["a", "b"])
        self.assertEqual(data["utc_time_created"], "2024-01-15 10:20:30.123456")
        self.assertEqual(
            data["signature"]["inputs"],
            '[{"type": "double", "name": "sepal length (cm)", "required": true}, {"type": '
            '"double", "name": "sepal width (cm)", "required": true}]',
        )

    def test_round_trips_nested_data(self):
        data = {
            "z": [1, 2.5, {"k": "v w", "l": ["x", {"deep": None}]}, [True, False]],
            "a": {"yes": "yes", "num_str": "1.5", "dash": "-r requirements.txt", "quote": "it's", "nl": "a\nb\t\u00e9",
                  "empty": "", "hash": "a #b", "colon": "k: v", "url": "http://h:1/x"},
            "e": {}, "l": [], "n": None, "neg": -7, "big": 10**12,
        }
        self.assertEqual(mini_yaml.load(mini_yaml.dump(data)), data)

    def test_dump_sorts_keys_and_uses_indentless_lists(self):
        text = mini_yaml.dump({"b": ["x"], "a": {"c": 1}})
        self.assertEqual(text, "a:\n  c: 1\nb:\n- x\n")

    def test_scalars_resolve_like_pyyaml_safe_load(self):
        data = mini_yaml.load("a: 3.10\nb: '3.10'\nc: ~\nd: .nan\ne: 0x1\nf: 1_000\ng: true\n")
        self.assertEqual(data["a"], 3.1)
        self.assertEqual(data["b"], "3.10")
        self.assertIsNone(data["c"])
        self.assertTrue(math.isnan(data["d"]))
        self.assertEqual(data["e"], "0x1")
        self.assertEqual(data["f"], 1000)
        self.assertIs(data["g"], True)

    def test_reads_folded_double_quoted_and_block_scalars(self):
        text = 'a: "one\\\n  two \\u00e9"\nb: |\n  line1\n  line2\nc: >-\n  folded\n  text\nd: plain\n  continued\n'
        self.assertEqual(mini_yaml.load(text), {"a": "onetwo \u00e9", "b": "line1\nline2\n", "c": "folded text",
                                                 "d": "plain continued"})


if __name__ == "__main__":
    unittest.main()
