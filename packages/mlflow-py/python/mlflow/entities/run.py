"""A run, as MLflow's ``Run``: ``info`` (metadata) and ``data`` (metrics, params, tags)."""

from mlflow.entities._entity import _Entity
from mlflow.entities.run_data import RunData
from mlflow.entities.run_info import RunInfo


class Run(_Entity):
    """A run; ``inputs`` holds the REST ``inputs`` object as sent (datasets), or None."""

    def __init__(self, run_info, run_data, run_inputs=None):
        if run_info is None:
            raise ValueError("run_info cannot be None")
        self._info = run_info
        self._data = run_data if run_data is not None else RunData()
        self._inputs = run_inputs

    info = property(lambda self: self._info, doc="The run's :class:`RunInfo`.")
    data = property(lambda self: self._data, doc="The run's :class:`RunData`.")
    inputs = property(lambda self: self._inputs, doc="Dataset inputs as the server sent them.")

    @classmethod
    def from_dict(cls, d):
        """A run from a REST ``Run`` object."""
        return cls(RunInfo.from_dict(d.get("info", {})), RunData.from_dict(d.get("data", {})), d.get("inputs"))

    def to_dictionary(self):
        """The run as plain dicts, like MLflow's ``Run.to_dictionary``."""
        return {"info": dict(self.info), "data": self.data.to_dictionary()}
