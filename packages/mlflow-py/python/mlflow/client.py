"""``mlflow.client``: MLflow 2.x's other import path of :class:`MlflowClient`."""

from mlflow.tracking.client import MlflowClient

__all__ = ["MlflowClient"]
