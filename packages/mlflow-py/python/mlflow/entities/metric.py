"""A metric value at a step and time, as MLflow's ``Metric``."""

import math

from mlflow.entities._entity import _Entity

#: JSON has no NaN/Infinity; protobuf's JSON mapping (which MLflow's REST API uses) sends these.
_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def metric_value_to_json(value):
    """A float as protobuf JSON writes a double: a number, or ``"NaN"`` / ``"±Infinity"``."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def metric_value_from_json(value):
    """The inverse of :func:`metric_value_to_json`; also accepts numbers sent as strings."""
    if isinstance(value, str):
        return _NON_FINITE[value] if value in _NON_FINITE else float(value)
    return float(value)


class Metric(_Entity):
    """One logged value of metric ``key``; ``timestamp`` is ms since the epoch."""

    def __init__(self, key, value, timestamp, step, **_ignored):
        self._key = key
        self._value = value
        self._timestamp = timestamp
        self._step = step

    key = property(lambda self: self._key, doc="Metric name.")
    value = property(lambda self: self._value, doc="Metric value (float).")
    timestamp = property(lambda self: self._timestamp, doc="Milliseconds since the epoch.")
    step = property(lambda self: self._step, doc="Training step (int).")

    def to_dict(self):
        """The metric as a REST ``Metric`` object."""
        return {
            "key": self.key,
            "value": metric_value_to_json(self.value),
            "timestamp": int(self.timestamp),
            "step": int(self.step),
        }

    @classmethod
    def from_dict(cls, d):
        """A metric from a REST ``Metric`` object (int64 fields may come as strings)."""
        return cls(
            key=d["key"],
            value=metric_value_from_json(d.get("value", 0.0)),
            timestamp=int(d.get("timestamp", 0) or 0),
            step=int(d.get("step", 0) or 0),
        )
