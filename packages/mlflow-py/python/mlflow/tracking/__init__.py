"""``mlflow.tracking``: the :class:`MlflowClient` and tracking URI functions."""

from mlflow.tracking.client import MlflowClient
from mlflow.tracking.tracking_uri import get_tracking_uri, is_tracking_uri_set, set_tracking_uri

__all__ = ["MlflowClient", "get_tracking_uri", "is_tracking_uri_set", "set_tracking_uri"]
