"""A run tag, as MLflow's ``RunTag``."""

from mlflow.entities._entity import _Entity


class RunTag(_Entity):
    """Tag ``key`` with its string ``value``."""

    def __init__(self, key, value):
        self._key = key
        self._value = value

    key = property(lambda self: self._key, doc="Tag name.")
    value = property(lambda self: self._value, doc="Tag value (string).")

    def to_dict(self):
        """The tag as a REST ``RunTag`` object."""
        return {"key": self.key, "value": self.value}

    @classmethod
    def from_dict(cls, d):
        """A tag from a REST ``RunTag`` object."""
        return cls(d["key"], d.get("value", ""))
