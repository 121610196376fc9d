"""Model registry entities, as MLflow's ``mlflow.entities.model_registry``."""

from mlflow.entities._entity import _Entity


def _as_int(value):
    return None if value in (None, "") else int(value)


class ModelVersion(_Entity):
    """One version of a registered model; ``tags`` maps keys to values, ``aliases`` is a list."""

    def __init__(self, name, version, creation_timestamp=None, last_updated_timestamp=None, description=None,
                 user_id=None, current_stage=None, source=None, run_id=None, status="READY", status_message=None,
                 tags=None, run_link=None, aliases=None, model_id=None):
        self._name = name
        self._version = str(version)
        self._creation_timestamp = creation_timestamp
        self._last_updated_timestamp = last_updated_timestamp
        self._description = description
        self._user_id = user_id
        self._current_stage = current_stage
        self._source = source
        self._run_id = run_id
        self._status = status
        self._status_message = status_message
        self._tags = dict(tags or {})
        self._run_link = run_link
        self._aliases = list(aliases or [])
        self._model_id = model_id

    name = property(lambda self: self._name, doc="Registered model name.")
    version = property(lambda self: self._version, doc="Version number, as a string.")
    creation_timestamp = property(lambda self: self._creation_timestamp, doc="ms since the epoch.")
    last_updated_timestamp = property(lambda self: self._last_updated_timestamp, doc="ms since the epoch.")
    description = property(lambda self: self._description, doc="Description, or None.")
    user_id = property(lambda self: self._user_id, doc="Creator, or None.")
    current_stage = property(lambda self: self._current_stage, doc="None, Staging, Production or Archived.")
    source = property(lambda self: self._source, doc="What the version was created from.")
    run_id = property(lambda self: self._run_id, doc="The run that produced it, or None.")
    status = property(lambda self: self._status, doc="READY once the files are stored.")
    status_message = property(lambda self: self._status_message, doc="Status detail, or None.")
    tags = property(lambda self: self._tags, doc="Tag key → value.")
    run_link = property(lambda self: self._run_link, doc="Link to the run, or None.")
    aliases = property(lambda self: self._aliases, doc="Aliases pointing at this version.")
    model_id = property(lambda self: self._model_id, doc="The logged model it came from, or None.")

    @classmethod
    def from_dict(cls, d):
        """A version from a REST ``ModelVersion`` object."""
        return cls(
            name=d.get("name", ""),
            version=d.get("version", ""),
            creation_timestamp=_as_int(d.get("creation_timestamp")),
            last_updated_timestamp=_as_int(d.get("last_updated_timestamp")),
            description=d.get("description"),
            user_id=d.get("user_id"),
            current_stage=d.get("current_stage"),
            source=d.get("source"),
            run_id=d.get("run_id"),
            status=d.get("status", "READY"),
            status_message=d.get("status_message"),
            tags={t["key"]: t.get("value", "") for t in d.get("tags", [])},
            run_link=d.get("run_link"),
            aliases=d.get("aliases", []),
            model_id=d.get("model_id"),
        )


class RegisteredModel(_Entity):
    """A registered model; ``tags`` maps keys to values, ``aliases`` maps aliases to versions."""

    def __init__(self, name, creation_timestamp=None, last_updated_timestamp=None, description=None,
                 latest_versions=None, tags=None, aliases=None):
        self._name = name
        self._creation_timestamp = creation_timestamp
        self._last_updated_timestamp = last_updated_timestamp
        self._description = description
        self._latest_versions = list(latest_versions or [])
        self._tags = dict(tags or {})
        self._aliases = dict(aliases or {})

    name = property(lambda self: self._name, doc="Name.")
    creation_timestamp = property(lambda self: self._creation_timestamp, doc="ms since the epoch.")
    last_updated_timestamp = property(lambda self: self._last_updated_timestamp, doc="ms since the epoch.")
    description = property(lambda self: self._description, doc="Description, or None.")
    latest_versions = property(lambda self: self._latest_versions, doc="Newest version in each stage.")
    tags = property(lambda self: self._tags, doc="Tag key → value.")
    aliases = property(lambda self: self._aliases, doc="Alias → version.")

    @classmethod
    def from_dict(cls, d):
        """A registered model from a REST ``RegisteredModel`` object."""
        return cls(
            name=d.get("name", ""),
            creation_timestamp=_as_int(d.get("creation_timestamp")),
            last_updated_timestamp=_as_int(d.get("last_updated_timestamp")),
            description=d.get("description"),
            latest_versions=[ModelVersion.from_dict(v) for v in d.get("latest_versions", [])],
            tags={t["key"]: t.get("value", "") for t in d.get("tags", [])},
            aliases={a["alias"]: a["version"] for a in d.get("aliases", [])},
        )


__all__ = ["ModelVersion", "RegisteredModel"]
