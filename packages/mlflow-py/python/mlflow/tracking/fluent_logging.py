"""Fluent logging to the active run (started on demand, as in MLflow).

Metrics are validated at once, then queued and sent in the background with ``runs/log-batch``
(``synchronous=True`` waits for them and raises any send failure). Params and tags are sent
synchronously with ``runs/log-batch`` (``runs/delete-tag`` for deletion). Artifact calls upload
before returning.
"""

import posixpath

from mlflow.entities import Param, RunTag
from mlflow.tracking import fluent
from mlflow.tracking.client import make_metric, now_millis, validate_key


def _run_id(run_id=None):
    return run_id or fluent.get_or_start_run().info.run_id


def log_metric(key, value, step=None, synchronous=None, timestamp=None, run_id=None, **_ignored):
    """Queue one metric value for the active run (or ``run_id``)."""
    metric = make_metric(key, value, timestamp, step)
    fluent.metric_logger.enqueue((fluent.client().tracking_uri, _run_id(run_id)), [metric])
    if synchronous:
        fluent.flush_async_logging()


def log_metrics(metrics, step=None, synchronous=None, run_id=None, timestamp=None, **_ignored):
    """Queue several metric values logged at the same step and time."""
    timestamp = now_millis() if timestamp is None else timestamp
    entries = [make_metric(k, v, timestamp, step) for k, v in metrics.items()]
    fluent.metric_logger.enqueue((fluent.client().tracking_uri, _run_id(run_id)), entries)
    if synchronous:
        fluent.flush_async_logging()


def log_param(key, value, synchronous=None):
    """Log a param now and return ``value``."""
    return fluent.client().log_param(_run_id(), key, value)


def log_params(params, synchronous=None, run_id=None):
    """Log several params now."""
    for key in params:
        validate_key(key, "param")
    fluent.client().log_batch(_run_id(run_id), params=[Param(k, str(v)) for k, v in params.items()])


def set_tag(key, value, synchronous=None):
    """Set a tag on the active run now."""
    fluent.client().set_tag(_run_id(), key, value)


def set_tags(tags, synchronous=None):
    """Set several tags on the active run now."""
    for key in tags:
        validate_key(key, "tag")
    fluent.client().log_batch(_run_id(), tags=[RunTag(k, str(v)) for k, v in tags.items()])


def delete_tag(key):
    """Delete a tag of the active run."""
    fluent.client().delete_tag(_run_id(), key)


def log_artifact(local_path, artifact_path=None, run_id=None):
    """Upload a local file (or directory) to the run's artifacts."""
    fluent.client().log_artifact(_run_id(run_id), local_path, artifact_path)


def log_artifacts(local_dir, artifact_path=None, run_id=None):
    """Upload the files of a local directory to the run's artifacts."""
    fluent.client().log_artifacts(_run_id(run_id), local_dir, artifact_path)


def log_text(text, artifact_file, run_id=None):
    """Upload ``text`` as ``artifact_file``."""
    fluent.client().log_text(_run_id(run_id), text, artifact_file)


def log_dict(dictionary, artifact_file, run_id=None):
    """Upload a dict as JSON, or YAML for ``.yaml``/``.yml`` names."""
    fluent.client().log_dict(_run_id(run_id), dictionary, artifact_file)


def log_figure(figure, artifact_file, *, save_kwargs=None):
    """Upload a matplotlib (saved with ``savefig``, e.g. PNG) or plotly figure."""
    fluent.client().log_figure(_run_id(), figure, artifact_file, save_kwargs=save_kwargs)


def log_image(image, artifact_file=None, key=None, step=None, timestamp=None, synchronous=None):
    """Upload a PIL image or numpy array as ``artifact_file``."""
    fluent.client().log_image(_run_id(), image, artifact_file, key, step, timestamp)


def get_artifact_uri(artifact_path=None):
    """The active run's artifact root URI, or the URI of ``artifact_path`` below it."""
    root = fluent.get_or_start_run().info.artifact_uri
    return posixpath.join(root, artifact_path.lstrip("/")) if artifact_path else root
