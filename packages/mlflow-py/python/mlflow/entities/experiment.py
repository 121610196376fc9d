"""An experiment, as MLflow's ``Experiment``."""

from mlflow.entities._entity import _Entity


class Experiment(_Entity):
    """Experiment metadata; ``tags`` maps tag keys to values."""

    DEFAULT_EXPERIMENT_NAME = "Default"

    def __init__(
        self,
        experiment_id,
        name,
        artifact_location,
        lifecycle_stage,
        tags=None,
        creation_time=None,
        last_update_time=None,
    ):
        self._experiment_id = experiment_id
        self._name = name
        self._artifact_location = artifact_location
        self._lifecycle_stage = lifecycle_stage
        self._tags = dict(tags or {})
        self._creation_time = creation_time
        self._last_update_time = last_update_time

    experiment_id = property(lambda self: self._experiment_id, doc="Experiment id (string).")
    name = property(lambda self: self._name, doc="Experiment name.")
    artifact_location = property(lambda self: self._artifact_location, doc="Artifact root.")
    lifecycle_stage = property(lambda self: self._lifecycle_stage, doc="``active``/``deleted``.")
    tags = property(lambda self: self._tags, doc="Tag key → value.")
    creation_time = property(lambda self: self._creation_time, doc="ms since the epoch.")
    last_update_time = property(lambda self: self._last_update_time, doc="ms since the epoch.")

    @classmethod
    def from_dict(cls, d):
        """An experiment from a REST ``Experiment`` object."""
        def as_int(v):
            return None if v in (None, "") else int(v)

        return cls(
            experiment_id=str(d.get("experiment_id", "")),
            name=d.get("name", ""),
            artifact_location=d.get("artifact_location"),
            lifecycle_stage=d.get("lifecycle_stage", "active"),
            tags={t["key"]: t.get("value", "") for t in d.get("tags", [])},
            creation_time=as_int(d.get("creation_time")),
            last_update_time=as_int(d.get("last_update_time")),
        )
