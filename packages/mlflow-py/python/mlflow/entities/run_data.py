"""Metrics, params and tags of a run, as MLflow's ``RunData``."""

from mlflow.entities._entity import _Entity
from mlflow.entities.metric import Metric
from mlflow.entities.param import Param
from mlflow.entities.run_tag import RunTag


class RunData(_Entity):
    """Run data: ``metrics`` maps each key to its latest value, ``params``/``tags`` to strings."""

    def __init__(self, metrics=None, params=None, tags=None):
        self._metric_objs = list(metrics or [])
        self._metrics = {m.key: m.value for m in self._metric_objs}
        self._params = {p.key: p.value for p in (params or [])}
        self._tags = {t.key: t.value for t in (tags or [])}

    metrics = property(lambda self: self._metrics, doc="Metric key → latest value.")
    params = property(lambda self: self._params, doc="Param key → value.")
    tags = property(lambda self: self._tags, doc="Tag key → value.")

    @classmethod
    def from_dict(cls, d):
        """Run data from a REST ``RunData`` object (lists of key/value objects)."""
        return cls(
            metrics=[Metric.from_dict(m) for m in d.get("metrics", [])],
            params=[Param.from_dict(p) for p in d.get("params", [])],
            tags=[RunTag.from_dict(t) for t in d.get("tags", [])],
        )

    def to_dictionary(self):
        """Plain dicts of metrics, params and tags."""
        return {"metrics": dict(self.metrics), "params": dict(self.params), "tags": dict(self.tags)}
