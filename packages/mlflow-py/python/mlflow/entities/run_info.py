"""Metadata of a run, as MLflow's ``RunInfo``."""

from mlflow.entities._entity import _Entity


def _int_or_none(value):
    return None if value is None or value == "" else int(value)


class RunInfo(_Entity):
    """Run metadata: ids, name, status name (``"RUNNING"`` …), times in ms, artifact root."""

    def __init__(
        self,
        run_id,
        experiment_id,
        user_id,
        status,
        start_time,
        end_time,
        lifecycle_stage,
        artifact_uri=None,
        run_name=None,
        run_uuid=None,
    ):
        self._run_id = run_id or run_uuid
        self._experiment_id = experiment_id
        self._user_id = user_id
        self._status = status
        self._start_time = start_time
        self._end_time = end_time
        self._lifecycle_stage = lifecycle_stage
        self._artifact_uri = artifact_uri
        self._run_name = run_name

    run_id = property(lambda self: self._run_id, doc="Run id.")
    run_uuid = property(lambda self: self._run_id, doc="Deprecated alias of ``run_id``.")
    experiment_id = property(lambda self: self._experiment_id, doc="Experiment id (string).")
    user_id = property(lambda self: self._user_id, doc="User who started the run.")
    status = property(lambda self: self._status, doc="Status name, e.g. ``FINISHED``.")
    start_time = property(lambda self: self._start_time, doc="Start, ms since the epoch.")
    end_time = property(lambda self: self._end_time, doc="End, ms since the epoch, or None.")
    lifecycle_stage = property(lambda self: self._lifecycle_stage, doc="``active``/``deleted``.")
    artifact_uri = property(lambda self: self._artifact_uri, doc="Root URI of run artifacts.")
    run_name = property(lambda self: self._run_name, doc="Run name.")

    @classmethod
    def from_dict(cls, d):
        """A run info from a REST ``RunInfo`` object."""
        return cls(
            run_id=d.get("run_id") or d.get("run_uuid"),
            experiment_id=str(d.get("experiment_id", "")),
            user_id=d.get("user_id", ""),
            status=d.get("status", "RUNNING"),
            start_time=_int_or_none(d.get("start_time")),
            end_time=_int_or_none(d.get("end_time")),
            lifecycle_stage=d.get("lifecycle_stage", "active"),
            artifact_uri=d.get("artifact_uri"),
            run_name=d.get("run_name"),
        )

    def to_dict(self):
        """The run info as a REST ``RunInfo`` object (None fields left out)."""
        d = {name: value for name, value in self if name != "run_uuid"}
        d["run_uuid"] = self.run_id
        return {k: v for k, v in d.items() if v is not None}
