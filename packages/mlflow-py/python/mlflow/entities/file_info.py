"""An artifact listing entry, as MLflow's ``FileInfo``."""

from mlflow.entities._entity import _Entity


class FileInfo(_Entity):
    """``path`` relative to the run's artifact root; ``file_size`` in bytes (None for dirs)."""

    def __init__(self, path, is_dir, file_size):
        self._path = path
        self._is_dir = is_dir
        self._bytes = file_size

    path = property(lambda self: self._path, doc="Path relative to the artifact root.")
    is_dir = property(lambda self: self._is_dir, doc="Whether the entry is a directory.")
    file_size = property(lambda self: self._bytes, doc="Size in bytes, or None.")

    @classmethod
    def from_dict(cls, d):
        """A file info from a REST ``FileInfo`` object."""
        size = d.get("file_size")
        return cls(d["path"], bool(d.get("is_dir", False)), None if size in (None, "") else int(size))
