"""Lifecycle stages of runs and experiments, as MLflow's ``LifecycleStage``."""


class LifecycleStage:
    """``active`` or ``deleted``."""

    ACTIVE = "active"
    DELETED = "deleted"
