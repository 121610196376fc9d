"""A run parameter, as MLflow's ``Param``."""

from mlflow.entities._entity import _Entity


class Param(_Entity):
    """Parameter ``key`` with its string ``value``."""

    def __init__(self, key, value):
        self._key = key
        self._value = value

    key = property(lambda self: self._key, doc="Parameter name.")
    value = property(lambda self: self._value, doc="Parameter value (string).")

    def to_dict(self):
        """The param as a REST ``Param`` object."""
        return {"key": self.key, "value": self.value}

    @classmethod
    def from_dict(cls, d):
        """A param from a REST ``Param`` object."""
        return cls(d["key"], d.get("value", ""))
