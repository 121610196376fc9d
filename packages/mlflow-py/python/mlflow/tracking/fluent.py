"""Fluent run lifecycle: ``set_experiment``, ``start_run``/``end_run``, ``active_run`` and the
shared background metric logger.

Contracts (as MLflow's ``mlflow.tracking.fluent``):
- One stack of active runs per process; ``start_run`` while a run is active needs
  ``nested=True`` and tags the child with ``mlflow.parentRunId``.
- ``start_run`` with ``run_id`` (or ``MLFLOW_RUN_ID`` set, which it then clears) attaches to that
  run: ``runs/get``, then ``runs/update`` to RUNNING.
- The experiment is the one set by ``set_experiment``, else ``MLFLOW_EXPERIMENT_NAME`` (created
  when missing) or ``MLFLOW_EXPERIMENT_ID``, else ``"0"``.
- ``with start_run():`` ends the run FINISHED, FAILED when the block raised, KILLED on
  KeyboardInterrupt. ``end_run`` first flushes queued metrics; a send failure is raised after the
  run's status is written.
- At interpreter exit queued metrics are flushed and still-active runs ended (FAILED after an
  uncaught exception, KILLED after KeyboardInterrupt, else FINISHED).
"""

import atexit
import os
import sys
import threading

from mlflow import environment_variables as env
from mlflow.entities import LifecycleStage, Run, RunTag
from mlflow.exceptions import MlflowException
from mlflow.tracking import context
from mlflow.tracking.async_logger import AsyncMetricLogger
from mlflow.tracking.client import MlflowClient
from mlflow.tracking.rest_store import RestStore
from mlflow.tracking.tracking_uri import get_tracking_uri

_DEFAULT_EXPERIMENT_ID = "0"
_lock = threading.RLock()
_active_run_stack = []
_last_active_run_id = None
_active_experiment_id = None
_clients = {}
_exit_status = None


def _send_metrics(destination, metrics):
    tracking_uri, run_id = destination
    RestStore(tracking_uri).log_batch(run_id, metrics=metrics)


metric_logger = AsyncMetricLogger(_send_metrics, interval=env.get_float(env.MLFLOW_ASYNC_LOGGING_INTERVAL, 1.0))


def client():
    """A :class:`MlflowClient` for the current tracking URI (cached per URI)."""
    uri = get_tracking_uri()
    if uri not in _clients:
        _clients[uri] = MlflowClient(uri)
    return _clients[uri]


class ActiveRun(Run):
    """The run returned by :func:`start_run`; as a context manager it ends the run on exit."""

    def __init__(self, run):
        Run.__init__(self, run.info, run.data, run.inputs)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        if any(r.info.run_id == self.info.run_id for r in _active_run_stack):
            if exc_type is None:
                status = "FINISHED"
            else:
                status = "KILLED" if issubclass(exc_type, KeyboardInterrupt) else "FAILED"
            end_run(status)
        return exc_type is None


def set_experiment(experiment_name=None, experiment_id=None):
    """Make an experiment active (created when ``experiment_name`` does not exist yet)."""
    global _active_experiment_id
    if (experiment_name is None) == (experiment_id is None):
        raise MlflowException.invalid_parameter_value("Must specify exactly one of: `experiment_id` or `experiment_name`.")
    c = client()
    with _lock:
        if experiment_id is None:
            experiment = c.get_experiment_by_name(experiment_name)
            if experiment is None:
                experiment = _create_experiment(c, experiment_name)
        else:
            experiment = c.get_experiment(str(experiment_id))
        if experiment.lifecycle_stage != LifecycleStage.ACTIVE:
            raise MlflowException.invalid_parameter_value(
                f"Cannot set a deleted experiment {experiment.name!r} as the active experiment."
            )
        _active_experiment_id = experiment.experiment_id
        os.environ[env.MLFLOW_EXPERIMENT_ID] = experiment.experiment_id
    return experiment


def _create_experiment(c, name):
    try:
        return c.get_experiment(c.create_experiment(name))
    except MlflowException as e:
        if e.error_code == "RESOURCE_ALREADY_EXISTS":  # created concurrently by another process
            return c.get_experiment_by_name(name)
        raise


def _experiment_id_from_env():
    name = env.get_str(env.MLFLOW_EXPERIMENT_NAME)
    experiment_id = env.get_str(env.MLFLOW_EXPERIMENT_ID)
    if name is not None:
        experiment = client().get_experiment_by_name(name) or _create_experiment(client(), name)
        if experiment_id and experiment_id != experiment.experiment_id:
            raise MlflowException.invalid_parameter_value(
                f"The provided MLFLOW_EXPERIMENT_ID environment variable value `{experiment_id}` does not "
                f"match the experiment id `{experiment.experiment_id}` for experiment name `{name}`"
            )
        return experiment.experiment_id
    return experiment_id


def get_experiment_id():
    """The id new runs go to (see the module contract)."""
    return _active_experiment_id or _experiment_id_from_env() or _DEFAULT_EXPERIMENT_ID


def start_run(run_id=None, experiment_id=None, run_name=None, nested=False, parent_run_id=None,
              tags=None, description=None, log_system_metrics=None):
    """Start a new run, or attach to ``run_id``; returns an :class:`ActiveRun`."""
    with _lock:
        if _active_run_stack and not nested:
            raise MlflowException(
                f"Run with UUID {_active_run_stack[0].info.run_id} is already active. To start a new run, first "
                "end the current run with mlflow.end_run(). To start a nested run, call start_run with nested=True"
            )
        tags = {k: str(v) for k, v in (tags or {}).items()}
        if description:
            if context.MLFLOW_RUN_NOTE in tags:
                raise MlflowException.invalid_parameter_value(
                    f"Description is already set via the tag {context.MLFLOW_RUN_NOTE} in tags."
                )
            tags[context.MLFLOW_RUN_NOTE] = description
        existing_id = run_id or os.environ.pop(env.MLFLOW_RUN_ID, None)
        if existing_id:
            run = _attach_run(existing_id, run_name, tags)
        else:
            run = _create_run(experiment_id, run_name, parent_run_id, tags)
        _active_run_stack.append(ActiveRun(run))
        return _active_run_stack[-1]


def _attach_run(run_id, run_name, tags):
    c = client()
    run = c.get_run(run_id)
    if run.info.lifecycle_stage == LifecycleStage.DELETED:
        raise MlflowException(f"Cannot start run with ID {run_id} because it is in the deleted state.")
    c._store.update_run_info(run_id, status="RUNNING", end_time=run.info.end_time, run_name=run_name)
    if tags:
        c.log_batch(run_id, tags=[RunTag(k, v) for k, v in tags.items()])
    return c.get_run(run_id)


def _create_run(experiment_id, run_name, parent_run_id, tags):
    if parent_run_id is None and _active_run_stack:
        parent_run_id = _active_run_stack[-1].info.run_id
    if parent_run_id:
        tags[context.MLFLOW_PARENT_RUN_ID] = parent_run_id
    if run_name:
        tags[context.MLFLOW_RUN_NAME] = run_name
    experiment_id = str(experiment_id) if experiment_id is not None else get_experiment_id()
    return client().create_run(experiment_id, tags=context.resolve_tags(tags), run_name=run_name)


def end_run(status="FINISHED"):
    """End the active run (if any) with ``status`` after sending its queued metrics."""
    global _last_active_run_id
    with _lock:
        if not _active_run_stack:
            return
        os.environ.pop(env.MLFLOW_RUN_ID, None)
        run = _active_run_stack.pop()
        _last_active_run_id = run.info.run_id
    flush_error = None
    try:
        metric_logger.flush()
    except MlflowException as e:
        flush_error = e
    client().set_terminated(run.info.run_id, status)
    if flush_error is not None:
        raise flush_error


def active_run():
    """The innermost active run (as it was when started), or None."""
    return _active_run_stack[-1] if _active_run_stack else None


def last_active_run():
    """The active run, else the most recently ended one, fetched fresh; None if neither."""
    run_id = _active_run_stack[-1].info.run_id if _active_run_stack else _last_active_run_id
    return get_run(run_id) if run_id else None


def get_run(run_id):
    """A run fetched from the server after this process's queued metrics have been sent."""
    metric_logger.flush()
    return client().get_run(run_id)


def get_or_start_run():
    """The active run, starting one when there is none (as MLflow's logging functions do)."""
    return _active_run_stack[-1] if _active_run_stack else start_run()


def flush_async_logging():
    """Send all queued metrics now; raises if any background send failed."""
    metric_logger.flush()


def _record_uncaught(exc_type, exc, tb):
    global _exit_status
    _exit_status = "KILLED" if issubclass(exc_type, KeyboardInterrupt) else "FAILED"
    _previous_excepthook(exc_type, exc, tb)


def _at_exit():
    try:
        metric_logger.flush()
    except MlflowException as e:
        print(f"mlflow (Lathe): metrics were lost at exit: {e}", file=sys.stderr)
    while _active_run_stack:
        try:
            end_run(_exit_status or "FINISHED")
        except Exception as e:
            print(f"mlflow (Lathe): could not end run at exit: {e}", file=sys.stderr)


_previous_excepthook = sys.excepthook
sys.excepthook = _record_uncaught
atexit.register(_at_exit)
