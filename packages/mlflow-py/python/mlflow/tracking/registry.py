"""The model registry part of :class:`~mlflow.tracking.MlflowClient`, and ``mlflow.register_model``.

Calls MLflow's ``registered-models/*`` and ``model-versions/*`` endpoints. On a Lathe server a
registered model is a ``model`` asset (``lathe model show`` lists the same versions), and a new
version's files are copied from its source when it is created.
"""

import re
import sys

from mlflow.entities.model_registry import ModelVersion, RegisteredModel
from mlflow.entities.paged_list import PagedList
from mlflow.exceptions import MlflowException


def _tags(tags):
    return [{"key": k, "value": str(v)} for k, v in (tags or {}).items()]


class RegistryMethods:
    """Mixed into ``MlflowClient``: needs ``self._store.call(method, endpoint, payload)``."""

    def create_registered_model(self, name, tags=None, description=None):
        """Create a registered model (``RESOURCE_ALREADY_EXISTS`` when the name is taken)."""
        body = {"name": name, "tags": _tags(tags), "description": description}
        return RegisteredModel.from_dict(self._store.call("POST", "registered-models/create", body)["registered_model"])

    def get_registered_model(self, name):
        """The registered model with its tags, aliases and latest version per stage."""
        return RegisteredModel.from_dict(self._store.call("GET", "registered-models/get", {"name": name})["registered_model"])

    def search_registered_models(self, filter_string=None, max_results=100, order_by=None, page_token=None):
        """One page of registered models (a list with ``.token``)."""
        body = {"filter": filter_string, "max_results": max_results, "order_by": order_by, "page_token": page_token}
        res = self._store.call("GET", "registered-models/search", body)
        return PagedList([RegisteredModel.from_dict(m) for m in res.get("registered_models", [])], res.get("next_page_token"))

    def create_model_version(self, name, source, run_id=None, tags=None, run_link=None, description=None,
                             await_creation_for=None, model_id=None):
        """Create the next version of ``name`` from ``source`` (``runs:/<run>/<path>``, ...)."""
        body = {"name": name, "source": source, "run_id": run_id, "tags": _tags(tags), "run_link": run_link,
                "description": description, "model_id": model_id}
        return ModelVersion.from_dict(self._store.call("POST", "model-versions/create", body)["model_version"])

    def get_model_version(self, name, version):
        """One version of a registered model."""
        body = {"name": name, "version": str(version)}
        return ModelVersion.from_dict(self._store.call("GET", "model-versions/get", body)["model_version"])

    def search_model_versions(self, filter_string=None, max_results=10000, order_by=None, page_token=None):
        """One page of model versions, e.g. ``filter_string="name = 'iris'"``."""
        body = {"filter": filter_string, "max_results": max_results, "order_by": order_by, "page_token": page_token}
        res = self._store.call("GET", "model-versions/search", body)
        return PagedList([ModelVersion.from_dict(v) for v in res.get("model_versions", [])], res.get("next_page_token"))

    def get_latest_versions(self, name, stages=None):
        """The newest version in each of ``stages`` (all stages when None)."""
        res = self._store.call("POST", "registered-models/get-latest-versions", {"name": name, "stages": stages})
        return [ModelVersion.from_dict(v) for v in res.get("model_versions", [])]

    def set_registered_model_alias(self, name, alias, version):
        """Point ``alias`` at ``version``."""
        self._store.call("POST", "registered-models/alias", {"name": name, "alias": alias, "version": str(version)})

    def delete_registered_model_alias(self, name, alias):
        """Remove ``alias``."""
        self._store.call("DELETE", "registered-models/alias", {"name": name, "alias": alias})

    def get_model_version_by_alias(self, name, alias):
        """The version ``alias`` points at."""
        res = self._store.call("GET", "registered-models/alias", {"name": name, "alias": alias})
        return ModelVersion.from_dict(res["model_version"])

    def get_model_version_download_uri(self, name, version):
        """Where the version's files can be downloaded from (an ``mlflow-artifacts:`` URI)."""
        body = {"name": name, "version": str(version)}
        return self._store.call("GET", "model-versions/get-download-uri", body)["artifact_uri"]

    def set_model_version_tag(self, name, version, key, value):
        """Set a tag on a model version."""
        self._store.call("POST", "model-versions/set-tag", {"name": name, "version": str(version), "key": key, "value": str(value)})

    def transition_model_version_stage(self, name, version, stage, archive_existing_versions=False):
        """Move a version to ``stage`` (None, Staging, Production, Archived)."""
        body = {"name": name, "version": str(version), "stage": stage, "archive_existing_versions": archive_existing_versions}
        return ModelVersion.from_dict(self._store.call("POST", "model-versions/transition-stage", body)["model_version"])


def register_model(model_uri, name, await_registration_for=None, *, tags=None):
    """Register the model at ``model_uri`` as a new version of ``name`` (created when missing).

    Example::

        mv = mlflow.register_model(f"runs:/{run_id}/model", "iris")
    """
    from mlflow.tracking.client import MlflowClient

    client = MlflowClient()
    try:
        client.create_registered_model(name)
        print(f"Successfully registered model '{name}'.", file=sys.stderr)
    except MlflowException as e:
        if e.error_code != "RESOURCE_ALREADY_EXISTS":
            raise
        print(f"Registered model '{name}' already exists. Creating a new version of this model...", file=sys.stderr)
    run = re.match(r"^runs:/([^/]+)", str(model_uri))
    version = client.create_model_version(name, str(model_uri), run_id=run.group(1) if run else None, tags=tags)
    print(f"Created version '{version.version}' of model '{version.name}'.", file=sys.stderr)
    return version


def resolve_models_uri(model_uri):
    """The download URI of a ``models:/<name>/<version>``, ``models:/<name>/<stage>``,
    ``models:/<name>/latest`` or ``models:/<name>@<alias>`` URI, with any path after it."""
    from mlflow.tracking.client import MlflowClient

    match = re.match(r"^models:/([^/@]+)(?:@([^/]+)|/([^/]+))(/.*)?$", str(model_uri))
    if not match:
        raise MlflowException.invalid_parameter_value(
            f"Not a model URI: {model_uri!r}; expected models:/<name>/<version>, models:/<name>/<stage> "
            "or models:/<name>@<alias>"
        )
    name, alias, ref, rest = match.groups()
    client = MlflowClient()
    if alias is not None:
        version = client.get_model_version_by_alias(name, alias).version
    elif ref.isdigit():
        version = ref
    else:
        stages = None if ref.lower() == "latest" else [ref]
        found = sorted(client.get_latest_versions(name, stages), key=lambda v: int(v.version), reverse=True)
        if not found:
            raise MlflowException(f"No versions of model {name!r} in stage {ref!r}", error_code="RESOURCE_DOES_NOT_EXIST")
        version = found[0].version
    return client.get_model_version_download_uri(name, version).rstrip("/") + (rest or "")
