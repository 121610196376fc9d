"""Fluent queries and experiment management: ``search_runs``, ``search_experiments``,
``get_experiment``, ``get_experiment_by_name``, ``create_experiment``, ``delete_experiment``,
``delete_run``, ``set_experiment_tag``.

``search_runs`` returns a pandas DataFrame shaped like MLflow's (``run_id``, ``experiment_id``,
``status``, ``artifact_uri``, ``start_time``, ``end_time`` as UTC datetimes, then ``metrics.*``,
``params.*``, ``tags.*``) when ``output_format="pandas"`` and pandas is importable, else a list
of :class:`~mlflow.entities.Run`. Queued metrics are sent before searching.
"""

from mlflow.entities import ViewType
from mlflow.exceptions import MlflowException
from mlflow.tracking import fluent

_PAGE_SIZE = 1000


def search_runs(experiment_ids=None, filter_string="", run_view_type=ViewType.ACTIVE_ONLY, max_results=100000,
                order_by=None, output_format="pandas", search_all_experiments=False, experiment_names=None):
    """Runs matching ``filter_string`` (MLflow search syntax, evaluated by the server)."""
    fluent.flush_async_logging()
    c = fluent.client()
    ids = [str(e) for e in experiment_ids or []]
    for name in experiment_names or []:
        experiment = c.get_experiment_by_name(name)
        if experiment is not None:
            ids.append(experiment.experiment_id)
    if not ids and not experiment_names:
        ids = _all_experiment_ids(c, run_view_type) if search_all_experiments else [fluent.get_experiment_id()]
    runs, token = [], None
    while ids and len(runs) < max_results:
        page = c.search_runs(ids, filter_string, run_view_type, min(_PAGE_SIZE, max_results - len(runs)), order_by, token)
        runs.extend(page)
        token = page.token
        if not token:
            break
    if output_format == "list":
        return runs
    if output_format != "pandas":
        raise MlflowException.invalid_parameter_value(f"Unsupported output format {output_format!r}: use 'pandas' or 'list'")
    try:
        import pandas  # noqa: F401
    except ImportError:
        return runs
    return runs_to_dataframe(runs)


def _all_experiment_ids(c, view_type):
    return [e.experiment_id for e in search_experiments(view_type=view_type)]


def runs_to_dataframe(runs):
    """A pandas DataFrame with one row per run, in MLflow's ``search_runs`` layout."""
    import pandas as pd

    info_columns = ["run_id", "experiment_id", "status", "artifact_uri", "start_time", "end_time"]
    data = {name: [getattr(r.info, name) for r in runs] for name in info_columns}
    for prefix, attr, missing in (("metrics", "metrics", float("nan")), ("params", "params", None), ("tags", "tags", None)):
        keys = sorted({k for r in runs for k in getattr(r.data, attr)})
        for key in keys:
            data[f"{prefix}.{key}"] = [getattr(r.data, attr).get(key, missing) for r in runs]
    frame = pd.DataFrame(data)
    for column in ("start_time", "end_time"):
        frame[column] = pd.to_datetime(frame[column], unit="ms", utc=True)
    return frame


def search_experiments(view_type=ViewType.ACTIVE_ONLY, max_results=None, filter_string=None, order_by=None):
    """All experiments matching ``filter_string`` (every page, up to ``max_results``)."""
    c, experiments, token = fluent.client(), [], None
    while max_results is None or len(experiments) < max_results:
        size = _PAGE_SIZE if max_results is None else min(_PAGE_SIZE, max_results - len(experiments))
        page = c.search_experiments(view_type, size, filter_string, order_by, token)
        experiments.extend(page)
        token = page.token
        if not token:
            break
    return experiments


def get_experiment(experiment_id):
    """The experiment with this id."""
    return fluent.client().get_experiment(experiment_id)


def get_experiment_by_name(name):
    """The experiment with this name, or None."""
    return fluent.client().get_experiment_by_name(name)


def create_experiment(name, artifact_location=None, tags=None):
    """Create an experiment; returns its id."""
    return fluent.client().create_experiment(name, artifact_location, tags)


def delete_experiment(experiment_id):
    """Mark an experiment deleted."""
    fluent.client().delete_experiment(experiment_id)


def delete_run(run_id):
    """Mark a run deleted."""
    fluent.client().delete_run(run_id)


def set_experiment_tag(key, value):
    """Set a tag on the active experiment."""
    fluent.client().set_experiment_tag(fluent.get_experiment_id(), key, value)
