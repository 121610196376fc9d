"""Entity classes with MLflow's names and attributes (``mlflow.entities``)."""

from mlflow.entities.experiment import Experiment
from mlflow.entities.file_info import FileInfo
from mlflow.entities.lifecycle_stage import LifecycleStage
from mlflow.entities.metric import Metric
from mlflow.entities.param import Param
from mlflow.entities.run import Run
from mlflow.entities.run_data import RunData
from mlflow.entities.run_info import RunInfo
from mlflow.entities.run_status import RunStatus
from mlflow.entities.run_tag import RunTag
from mlflow.entities.view_type import ViewType

__all__ = [
    "Experiment",
    "FileInfo",
    "LifecycleStage",
    "Metric",
    "Param",
    "Run",
    "RunData",
    "RunInfo",
    "RunStatus",
    "RunTag",
    "ViewType",
]
