import math
import unittest

import pathsetup  # noqa: F401
from mlflow.entities import Experiment, Metric, Run, RunStatus, ViewType
from mlflow.entities.model_registry import ModelVersion, RegisteredModel

RUN_JSON = {
    "info": {"run_id": "r1", "run_uuid": "r1", "experiment_id": "3", "user_id": "u", "status": "FINISHED",
             "start_time": "1700000000000", "end_time": 1700000001000, "artifact_uri": "mlflow-artifacts:/3/r1/artifacts",
             "lifecycle_stage": "active", "run_name": "n"},
    "data": {"metrics": [{"key": "loss", "value": "NaN", "timestamp": 5, "step": "2"}, {"key": "acc", "value": 0.5,
                                                                                     "timestamp": 5, "step": 0}],
             "params": [{"key": "lr", "value": "0.1"}], "tags": [{"key": "mlflow.runName", "value": "n"}]},
}


class EntitiesTest(unittest.TestCase):
    def test_run_from_rest_json_has_mlflow_attribute_names(self):
        run = Run.from_dict(RUN_JSON)
        self.assertEqual(run.info.run_id, "r1")
        self.assertEqual(run.info.run_uuid, "r1")
        self.assertEqual(run.info.start_time, 1700000000000)
        self.assertEqual(run.info.status, "FINISHED")
        self.assertEqual(run.data.params, {"lr": "0.1"})
        self.assertEqual(run.data.tags, {"mlflow.runName": "n"})
        self.assertEqual(run.data.metrics["acc"], 0.5)
        self.assertTrue(math.isnan(run.data.metrics["loss"]))

    def test_non_finite_metric_values_use_protobuf_json_strings(self):
        self.assertEqual(Metric("a", float("nan"), 1, 0).to_dict()["value"], "NaN")
        self.assertEqual(Metric("a", float("inf"), 1, 0).to_dict()["value"], "Infinity")
        self.assertEqual(Metric("a", -float("inf"), 1, 0).to_dict()["value"], "-Infinity")
        self.assertEqual(Metric("a", 1.5, 1, 2).to_dict(), {"key": "a", "value": 1.5, "timestamp": 1, "step": 2})

    def test_experiment_tags_become_a_dict(self):
        exp = Experiment.from_dict({"experiment_id": 4, "name": "e", "tags": [{"key": "k", "value": "v"}]})
        self.assertEqual((exp.experiment_id, exp.tags, exp.lifecycle_stage), ("4", {"k": "v"}, "active"))

    def test_entities_compare_by_value(self):
        self.assertEqual(Metric("a", 1.0, 1, 0), Metric("a", 1.0, 1, 0))
        self.assertNotEqual(Metric("a", 1.0, 1, 0), Metric("a", 1.0, 1, 1))

    def test_status_and_view_type_names(self):
        self.assertEqual(RunStatus.to_string(RunStatus.KILLED), "KILLED")
        self.assertTrue(RunStatus.is_terminated("FAILED"))
        self.assertEqual(ViewType.to_string(ViewType.ALL), "ALL")


class ModelRegistryEntitiesTest(unittest.TestCase):
    def test_registered_model_and_version_from_rest_json(self):
        version = {"name": "iris", "version": "2", "creation_timestamp": "5", "current_stage": "Production",
                   "source": "runs:/r/model", "run_id": "r", "status": "READY", "tags": [{"key": "k", "value": "v"}],
                   "aliases": ["champion"]}
        mv = ModelVersion.from_dict(version)
        self.assertEqual((mv.name, mv.version, mv.creation_timestamp, mv.current_stage, mv.run_id), ("iris", "2", 5, "Production", "r"))
        self.assertEqual((mv.tags, mv.aliases, mv.description), ({"k": "v"}, ["champion"], None))
        rm = RegisteredModel.from_dict({"name": "iris", "latest_versions": [version], "aliases": [{"alias": "champion", "version": "2"}]})
        self.assertEqual((rm.name, rm.aliases, rm.tags), ("iris", {"champion": "2"}, {}))
        self.assertEqual(rm.latest_versions, [mv])

if __name__ == "__main__":
    unittest.main()
