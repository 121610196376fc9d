"""MLflow REST API 2.0 calls to a tracking server, returning entity objects.

Every request goes to ``<tracking_uri>/api/2.0/mlflow/<endpoint>``; GET payloads travel as
query strings, others as JSON bodies (see :mod:`mlflow.utils.http_client`). Bodies follow
MLflow's ``service.proto`` JSON mapping: int64 fields (times, steps) as JSON numbers, metric
values as numbers or ``"NaN"``/``"Infinity"``/``"-Infinity"``, fields that are None left out.
"""

from mlflow.entities import Experiment, FileInfo, Metric, Run, RunInfo, ViewType
from mlflow.entities.paged_list import PagedList
from mlflow.exceptions import MlflowException
from mlflow.utils import http_client
from mlflow.utils.batching import split_batches
from mlflow.utils.uri import validate_tracking_uri


def _compact(d):
    return {k: v for k, v in d.items() if v is not None}


class RestStore:
    """The tracking server at ``tracking_uri`` (must be http(s); validated on creation)."""

    def __init__(self, tracking_uri):
        self.tracking_uri = validate_tracking_uri(tracking_uri)

    def call(self, method, endpoint, payload=None):
        """Call ``/api/2.0/mlflow/<endpoint>`` and return the decoded JSON response."""
        url = f"{self.tracking_uri}/api/2.0/mlflow/{endpoint}"
        return http_client.call_json(method, url, _compact(payload or {}))

    # ------------------------------------------------------------ experiments

    def create_experiment(self, name, artifact_location=None, tags=None):
        """POST experiments/create ``{name, artifact_location?, tags:[{key,value}]}`` → id."""
        tag_list = [{"key": k, "value": str(v)} for k, v in (tags or {}).items()]
        body = {"name": name, "artifact_location": artifact_location, "tags": tag_list}
        return str(self.call("POST", "experiments/create", body)["experiment_id"])

    def get_experiment(self, experiment_id):
        """GET experiments/get?experiment_id= → :class:`Experiment`."""
        response = self.call("GET", "experiments/get", {"experiment_id": str(experiment_id)})
        return Experiment.from_dict(response["experiment"])

    def get_experiment_by_name(self, name):
        """GET experiments/get-by-name?experiment_name= → :class:`Experiment`, None if absent."""
        try:
            response = self.call("GET", "experiments/get-by-name", {"experiment_name": name})
        except MlflowException as e:
            if e.error_code == "RESOURCE_DOES_NOT_EXIST":
                return None
            raise
        return Experiment.from_dict(response["experiment"])

    def search_experiments(self, view_type=ViewType.ACTIVE_ONLY, max_results=1000, filter_string=None,
                           order_by=None, page_token=None):
        """POST experiments/search ``{view_type, max_results, filter?, order_by?, page_token?}``."""
        body = {
            "view_type": ViewType.to_string(view_type),
            "max_results": max_results,
            "filter": filter_string or None,
            "order_by": list(order_by) if order_by else None,
            "page_token": page_token,
        }
        response = self.call("POST", "experiments/search", body)
        experiments = [Experiment.from_dict(e) for e in response.get("experiments", [])]
        return PagedList(experiments, response.get("next_page_token") or None)

    def delete_experiment(self, experiment_id):
        """POST experiments/delete ``{experiment_id}``."""
        self.call("POST", "experiments/delete", {"experiment_id": str(experiment_id)})

    def set_experiment_tag(self, experiment_id, key, value):
        """POST experiments/set-experiment-tag ``{experiment_id, key, value}``."""
        body = {"experiment_id": str(experiment_id), "key": key, "value": str(value)}
        self.call("POST", "experiments/set-experiment-tag", body)

    # ------------------------------------------------------------------- runs

    def create_run(self, experiment_id, user_id, start_time, tags, run_name=None):
        """POST runs/create ``{experiment_id, user_id, start_time, tags:[{key,value}], run_name?}``."""
        body = {
            "experiment_id": str(experiment_id),
            "user_id": user_id,
            "start_time": int(start_time),
            "tags": [t.to_dict() for t in tags],
            "run_name": run_name,
        }
        return Run.from_dict(self.call("POST", "runs/create", body)["run"])

    def get_run(self, run_id):
        """GET runs/get?run_id=&run_uuid= → :class:`Run`."""
        return Run.from_dict(self.call("GET", "runs/get", {"run_id": run_id, "run_uuid": run_id})["run"])

    def update_run_info(self, run_id, status=None, end_time=None, run_name=None):
        """POST runs/update ``{run_id, run_uuid, status?, end_time?, run_name?}`` → :class:`RunInfo`."""
        body = {"run_id": run_id, "run_uuid": run_id, "status": status, "end_time": end_time, "run_name": run_name}
        response = self.call("POST", "runs/update", body)
        return RunInfo.from_dict(response["run_info"]) if "run_info" in response else None

    def delete_run(self, run_id):
        """POST runs/delete ``{run_id}``."""
        self.call("POST", "runs/delete", {"run_id": run_id})

    def log_metric(self, run_id, metric):
        """POST runs/log-metric ``{run_id, run_uuid, key, value, timestamp, step}``."""
        self.call("POST", "runs/log-metric", {"run_id": run_id, "run_uuid": run_id, **metric.to_dict()})

    def log_param(self, run_id, param):
        """POST runs/log-parameter ``{run_id, run_uuid, key, value}``."""
        self.call("POST", "runs/log-parameter", {"run_id": run_id, "run_uuid": run_id, **param.to_dict()})

    def set_tag(self, run_id, tag):
        """POST runs/set-tag ``{run_id, run_uuid, key, value}``."""
        self.call("POST", "runs/set-tag", {"run_id": run_id, "run_uuid": run_id, **tag.to_dict()})

    def delete_tag(self, run_id, key):
        """POST runs/delete-tag ``{run_id, key}``."""
        self.call("POST", "runs/delete-tag", {"run_id": run_id, "key": key})

    def log_batch(self, run_id, metrics=(), params=(), tags=()):
        """POST runs/log-batch ``{run_id, metrics:[{key,value,timestamp,step}], params:[{key,value}],
        tags:[{key,value}]}``, split into as many requests as MLflow's per-request limits need."""
        for batch_metrics, batch_params, batch_tags in split_batches(metrics, params, tags):
            body = {
                "run_id": run_id,
                "metrics": [m.to_dict() for m in batch_metrics],
                "params": [p.to_dict() for p in batch_params],
                "tags": [t.to_dict() for t in batch_tags],
            }
            self.call("POST", "runs/log-batch", body)

    def get_metric_history(self, run_id, metric_key, max_results=None, page_token=None):
        """GET metrics/get-history?run_id=&run_uuid=&metric_key=[&max_results=&page_token=].

        With ``max_results`` None every page is fetched and a plain list returned."""
        query = {"run_id": run_id, "run_uuid": run_id, "metric_key": metric_key, "max_results": max_results}
        metrics = []
        while True:
            response = self.call("GET", "metrics/get-history", {**query, "page_token": page_token})
            metrics.extend(Metric.from_dict(m) for m in response.get("metrics", []))
            page_token = response.get("next_page_token") or None
            if max_results is not None or not page_token:
                return PagedList(metrics, page_token) if max_results is not None else metrics

    def search_runs(self, experiment_ids, filter_string="", run_view_type=ViewType.ACTIVE_ONLY,
                    max_results=1000, order_by=None, page_token=None):
        """POST runs/search ``{experiment_ids, filter, run_view_type, max_results, order_by?,
        page_token?}`` → :class:`PagedList` of runs."""
        body = {
            "experiment_ids": [str(e) for e in experiment_ids],
            "filter": filter_string or None,
            "run_view_type": ViewType.to_string(run_view_type),
            "max_results": max_results,
            "order_by": list(order_by) if order_by else None,
            "page_token": page_token,
        }
        response = self.call("POST", "runs/search", body)
        runs = [Run.from_dict(r) for r in response.get("runs", [])]
        return PagedList(runs, response.get("next_page_token") or None)

    def list_artifacts(self, run_id, path=None):
        """GET artifacts/list?run_id=&run_uuid=&path=[&page_token=] → all :class:`FileInfo` pages."""
        files, page_token = [], None
        while True:
            query = {"run_id": run_id, "run_uuid": run_id, "path": path or None, "page_token": page_token}
            response = self.call("GET", "artifacts/list", query)
            files.extend(FileInfo.from_dict(f) for f in response.get("files", []))
            page_token = response.get("next_page_token") or None
            if not page_token:
                return files
