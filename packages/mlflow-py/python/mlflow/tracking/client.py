"""``MlflowClient``: synchronous access to runs, experiments and artifacts on a Lathe server.

Every method sends its request before returning (unlike the fluent API's metrics, which are
batched in the background). Method names, arguments and return types follow MLflow's
``mlflow.tracking.MlflowClient`` for the methods listed in this package's README.

Example::

    client = MlflowClient()
    run = client.create_run(client.get_experiment_by_name("demo").experiment_id)
    client.log_metric(run.info.run_id, "loss", 0.5, step=1)
    client.set_terminated(run.info.run_id)
"""

import os
import re
import shutil
import tempfile
import time

from mlflow.artifacts.http_repository import HttpArtifactRepository
from mlflow.entities import Metric, Param, RunStatus, RunTag, ViewType
from mlflow.exceptions import MlflowException
from mlflow.tracking import artifact_writers, context
from mlflow.tracking.registry import RegistryMethods
from mlflow.tracking.rest_store import RestStore
from mlflow.tracking.tracking_uri import get_tracking_uri

_KEY = re.compile(r"^[/\w.\- :]+$")


def now_millis():
    """Milliseconds since the epoch."""
    return int(time.time() * 1000)


def validate_key(key, kind):
    """Raise ``INVALID_PARAMETER_VALUE`` unless ``key`` is a valid MLflow metric/param/tag name."""
    if not isinstance(key, str) or not _KEY.match(key) or ".." in key.split("/") or key.startswith("/"):
        raise MlflowException.invalid_parameter_value(
            f"Invalid {kind} name: {key!r}. Names may only contain alphanumerics, underscores (_), "
            "dashes (-), periods (.), spaces ( ), colons (:) and slashes (/)."
        )


def make_metric(key, value, timestamp=None, step=None):
    """A validated :class:`Metric` (``value`` must be a real number, e.g. not a string)."""
    validate_key(key, "metric")
    try:
        if isinstance(value, (str, bytes)):
            raise TypeError(value)
        number = float(value)
    except (TypeError, ValueError):
        raise MlflowException.invalid_parameter_value(
            f"Got invalid value {value!r} for metric {key!r} (timestamp={timestamp}). Please specify "
            "value as a valid double (64-bit floating point)"
        ) from None
    timestamp = now_millis() if timestamp is None else int(timestamp)
    return Metric(key, number, timestamp, int(step or 0))


class MlflowClient(RegistryMethods):
    """Client of the tracking server at ``tracking_uri`` (default: the current tracking URI).

    The model registry methods come from :class:`~mlflow.tracking.registry.RegistryMethods`."""

    def __init__(self, tracking_uri=None, registry_uri=None):
        self._tracking_uri = tracking_uri or get_tracking_uri()
        self._store = RestStore(self._tracking_uri)
        self._artifact_uris = {}

    @property
    def tracking_uri(self):
        """The tracking server URL."""
        return self._tracking_uri

    # ------------------------------------------------------------ experiments

    def create_experiment(self, name, artifact_location=None, tags=None):
        """Create an experiment and return its id."""
        return self._store.create_experiment(name, artifact_location, tags)

    def get_experiment(self, experiment_id):
        """The experiment with this id (raises when absent)."""
        return self._store.get_experiment(experiment_id)

    def get_experiment_by_name(self, name):
        """The experiment with this name, or None."""
        return self._store.get_experiment_by_name(name)

    def search_experiments(self, view_type=ViewType.ACTIVE_ONLY, max_results=1000, filter_string=None,
                           order_by=None, page_token=None):
        """One page of experiments (a list with ``.token``)."""
        return self._store.search_experiments(view_type, max_results, filter_string, order_by, page_token)

    def delete_experiment(self, experiment_id):
        """Mark an experiment deleted."""
        self._store.delete_experiment(experiment_id)

    def set_experiment_tag(self, experiment_id, key, value):
        """Set a tag on an experiment."""
        self._store.set_experiment_tag(experiment_id, key, value)

    # ------------------------------------------------------------------- runs

    def create_run(self, experiment_id, start_time=None, tags=None, run_name=None):
        """Create a RUNNING run; ``tags`` is a dict. ``run_name`` also sets ``mlflow.runName``."""
        tags = {k: str(v) for k, v in (tags or {}).items()}
        if run_name:
            tags.setdefault(context.MLFLOW_RUN_NAME, run_name)
        user = tags.get(context.MLFLOW_USER) or context.get_user()
        run_tags = [RunTag(k, v) for k, v in tags.items()]
        return self._store.create_run(experiment_id, user, start_time or now_millis(), run_tags, run_name)

    def get_run(self, run_id):
        """The run with its latest metrics, params and tags."""
        return self._store.get_run(run_id)

    def get_parent_run(self, run_id):
        """The run named by this run's ``mlflow.parentRunId`` tag, or None."""
        parent_id = self.get_run(run_id).data.tags.get(context.MLFLOW_PARENT_RUN_ID)
        return self.get_run(parent_id) if parent_id else None

    def update_run(self, run_id, status=None, name=None):
        """Change a run's status name and/or name."""
        self._store.update_run_info(run_id, status=status, run_name=name)

    def set_terminated(self, run_id, status=None, end_time=None):
        """End a run: ``status`` defaults to ``FINISHED``, ``end_time`` to now."""
        status = status or RunStatus.to_string(RunStatus.FINISHED)
        self._store.update_run_info(run_id, status=status, end_time=end_time or now_millis())

    def delete_run(self, run_id):
        """Mark a run deleted."""
        self._store.delete_run(run_id)

    def log_metric(self, run_id, key, value, timestamp=None, step=None, synchronous=None, **_ignored):
        """Log one metric value now."""
        self._store.log_metric(run_id, make_metric(key, value, timestamp, step))

    def log_param(self, run_id, key, value, synchronous=None):
        """Log a param (as a string) and return ``value``."""
        validate_key(key, "param")
        self._store.log_param(run_id, Param(key, str(value)))
        return value

    def set_tag(self, run_id, key, value, synchronous=None):
        """Set a tag (as a string)."""
        validate_key(key, "tag")
        self._store.set_tag(run_id, RunTag(key, str(value)))

    def delete_tag(self, run_id, key):
        """Delete a tag."""
        self._store.delete_tag(run_id, key)

    def log_batch(self, run_id, metrics=(), params=(), tags=(), synchronous=None):
        """Log entity lists with as many ``runs/log-batch`` requests as the limits need."""
        self._store.log_batch(run_id, list(metrics), list(params), list(tags))

    def get_metric_history(self, run_id, key):
        """Every logged value of a metric, as :class:`Metric` objects."""
        return self._store.get_metric_history(run_id, key)

    def search_runs(self, experiment_ids, filter_string="", run_view_type=ViewType.ACTIVE_ONLY,
                    max_results=1000, order_by=None, page_token=None):
        """One page of runs (a list with ``.token``)."""
        if isinstance(experiment_ids, (str, int)):
            experiment_ids = [experiment_ids]
        return self._store.search_runs(experiment_ids, filter_string, run_view_type, max_results, order_by, page_token)

    # -------------------------------------------------------------- artifacts

    def _repo(self, run_id):
        if run_id not in self._artifact_uris:
            self._artifact_uris[run_id] = self.get_run(run_id).info.artifact_uri
        return HttpArtifactRepository(self._artifact_uris[run_id], self._tracking_uri)

    def log_artifact(self, run_id, local_path, artifact_path=None):
        """Upload a file, or a directory's files under a folder named like it."""
        if os.path.isdir(local_path):
            name = os.path.basename(os.path.normpath(local_path))
            prefix = f"{artifact_path}/{name}" if artifact_path else name
            self._repo(run_id).log_artifacts(local_path, prefix)
        else:
            self._repo(run_id).log_artifact(local_path, artifact_path)

    def log_artifacts(self, run_id, local_dir, artifact_path=None):
        """Upload the files under ``local_dir`` below ``artifact_path``."""
        self._repo(run_id).log_artifacts(local_dir, artifact_path)

    def list_artifacts(self, run_id, path=None):
        """The artifacts directly under ``path``, as :class:`~mlflow.entities.FileInfo`."""
        return self._repo(run_id).list_artifacts(path)

    def download_artifacts(self, run_id, path, dst_path=None):
        """Download an artifact file or directory; returns its local path."""
        return self._repo(run_id).download_artifacts(path, dst_path)

    def _log_written(self, run_id, artifact_file, write, *args):
        tmpdir = tempfile.mkdtemp(prefix="mlflow-")
        try:
            path = write(tmpdir, *args, artifact_file)
            self._repo(run_id).log_artifact(path, os.path.dirname(artifact_file) or None)
        finally:
            shutil.rmtree(tmpdir, ignore_errors=True)

    def log_text(self, run_id, text, artifact_file):
        """Upload ``text`` as the artifact file ``artifact_file``."""
        self._log_written(run_id, artifact_file, artifact_writers.write_text, text)

    def log_dict(self, run_id, dictionary, artifact_file):
        """Upload a dict as JSON (or YAML for ``.yaml``/``.yml``)."""
        self._log_written(run_id, artifact_file, artifact_writers.write_dict, dictionary)

    def log_figure(self, run_id, figure, artifact_file, *, save_kwargs=None):
        """Upload a matplotlib or plotly figure (e.g. ``plot.png``)."""
        self._log_written(
            run_id, artifact_file, lambda d, fig, name: artifact_writers.write_figure(d, fig, name, save_kwargs), figure
        )

    def log_image(self, run_id, image, artifact_file=None, key=None, step=None, timestamp=None, synchronous=None):
        """Upload a PIL image or numpy array as ``artifact_file`` (keyed/step images unsupported)."""
        if artifact_file is None:
            raise MlflowException.invalid_parameter_value("log_image in Lathe's client needs artifact_file")
        self._log_written(run_id, artifact_file, artifact_writers.write_image, image)
