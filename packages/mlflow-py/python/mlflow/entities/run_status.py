"""Run statuses, as MLflow's ``RunStatus`` (names are what the REST API sends)."""


class RunStatus:
    """Run status constants; the REST API carries the names (``"RUNNING"`` …)."""

    RUNNING, SCHEDULED, FINISHED, FAILED, KILLED = 1, 2, 3, 4, 5
    _NAMES = {1: "RUNNING", 2: "SCHEDULED", 3: "FINISHED", 4: "FAILED", 5: "KILLED"}
    _VALUES = {name: value for value, name in _NAMES.items()}

    @staticmethod
    def to_string(status):
        """The name of a status value; raises on an unknown value."""
        if status not in RunStatus._NAMES:
            raise Exception(f"Could not get string corresponding to run status {status}")
        return RunStatus._NAMES[status]

    @staticmethod
    def from_string(status_str):
        """The value of a status name; raises on an unknown name."""
        if status_str not in RunStatus._VALUES:
            raise Exception(f"Could not get run status corresponding to string {status_str}")
        return RunStatus._VALUES[status_str]

    @staticmethod
    def is_terminated(status):
        """Whether the status (value or name) is final."""
        if isinstance(status, str):
            status = RunStatus.from_string(status)
        return status in (RunStatus.FINISHED, RunStatus.FAILED, RunStatus.KILLED)

    @staticmethod
    def all_status():
        """All status values."""
        return list(RunStatus._NAMES)
