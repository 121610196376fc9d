"""Resolving the ``paths`` of an MLTable to local files.

``file`` is one file; ``folder`` is every file under the folder, recursively, sorted by path;
``pattern`` is a glob (``*``, ``?``, ``[abc]``, ``**`` for any depth), sorted. Relative paths
are relative to the MLTable folder (for tables built in Python: the working directory at the
time). The MLTable file itself is never one of the files. Remote URIs are refused.
"""

import glob
import os
import re

from ._errors import MLTableError

_URI = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(//|/)?")


def is_remote(path):
    """Whether ``path`` is a URI other than ``file://`` (https, wasbs, abfss, azureml, ...)."""
    match = _URI.match(path)
    return bool(match) and match.group(1).lower() != "file" and (len(match.group(1)) > 1 or bool(match.group(2) == "//"))


def local_path(path):
    """``path`` without a ``file://`` or ``file:`` prefix."""
    if path.lower().startswith("file://"):
        return path[7:]
    return path[5:] if path.lower().startswith("file:") else path


def resolve(entries, base_dir, source, mltable_file=None):
    """``[(absolute file path, entry), ...]`` for the path ``entries``, in order."""
    files = []
    for entry in entries:
        if is_remote(entry.value):
            raise MLTableError(f"{entry.value!r} is a remote URI; Lathe's mltable reads local paths only "
                               "(Lathe mounts or downloads job inputs to local folders)", source, entry.field)
        path = os.path.normpath(os.path.join(base_dir, os.path.expanduser(local_path(entry.value))))
        found = _resolve_one(entry, path, base_dir, source)
        files.extend((f, entry) for f in found if not _same(f, mltable_file))
    return files


def _resolve_one(entry, path, base_dir, source):
    if entry.kind == "file":
        if not os.path.exists(path):
            raise MLTableError(f"file {path!r} does not exist", source, entry.field)
        return [path]
    if entry.kind == "folder":
        if not os.path.isdir(path):
            raise MLTableError(f"folder {path!r} does not exist or is not a folder", source, entry.field)
        return _walk(path)
    pattern = os.path.join(glob.escape(base_dir), local_path(entry.value))
    matches = sorted(p for p in glob.glob(pattern, recursive=True) if os.path.isfile(p))
    if not matches:
        raise MLTableError(f"pattern {entry.value!r} matches no files (searched {pattern!r})", source, entry.field)
    return [os.path.normpath(p) for p in matches]


def _walk(folder):
    found = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        found.extend(os.path.join(root, name) for name in names)
    return sorted(found, key=lambda p: os.path.relpath(p, folder).split(os.sep))


def _same(path, other):
    return other is not None and os.path.abspath(path) == os.path.abspath(other)
