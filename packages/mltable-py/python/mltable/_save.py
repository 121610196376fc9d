"""``MLTable.save``: writing an MLTable file (and, when colocated, its data) to a folder."""

import glob
import os
import shutil

from ._errors import MLTableError
from ._options import MLTableSaveOverwriteOption
from ._paths import is_remote, local_path
from ._yaml import dump_yaml

_SOURCE = "<MLTable.save>"


def save_table(document, base_dir, path, overwrite, colocated):
    """Write ``document`` (relative paths starting at ``base_dir``) as ``<path>/MLTable``."""
    target = os.path.abspath(path or os.getcwd())
    if os.path.isfile(target):
        raise MLTableError(f"{target!r} is a file; expected a folder to save the MLTable file in", _SOURCE, "path")
    option = MLTableSaveOverwriteOption._parse(overwrite)
    os.makedirs(target, exist_ok=True)
    document = dict(document)
    if "paths" in document:
        document["paths"] = [_save_path(entry, base_dir, target, option, colocated) for entry in document["paths"]]
    document.setdefault("type", "mltable")
    mltable_file = os.path.join(target, "MLTable")
    if _may_write(mltable_file, option):
        with open(mltable_file, "w", encoding="utf-8") as handle:
            handle.write(dump_yaml(document))
    return target


def _may_write(destination, option):
    if not os.path.exists(destination):
        return True
    if option is MLTableSaveOverwriteOption.FAIL_ON_CONFLICT:
        raise MLTableError(f"{destination!r} already exists (pass overwrite=True to replace it, "
                           "or 'skip' to keep it)", _SOURCE, "overwrite")
    return option is MLTableSaveOverwriteOption.OVERWRITE


def _save_path(entry, base_dir, target, option, colocated):
    kind, value = next(iter(entry.items()))
    if is_remote(value):
        return dict(entry)
    absolute = os.path.normpath(os.path.join(base_dir, os.path.expanduser(local_path(value))))
    if os.path.normpath(target) == os.path.normpath(base_dir):
        return dict(entry)
    if not colocated:
        return {kind: _relative(absolute, target)}
    return {kind: _copy(kind, value, absolute, base_dir, target, option)}


def _relative(absolute, target):
    if os.path.splitdrive(absolute)[0] != os.path.splitdrive(target)[0]:
        return absolute
    relative = os.path.relpath(absolute, target)
    return relative if relative.startswith("..") else "./" + relative.replace(os.sep, "/")


def _copy(kind, value, absolute, base_dir, target, option):
    inside = not os.path.isabs(local_path(value)) and not os.path.relpath(absolute, base_dir).startswith("..")
    if kind == "pattern":
        if not inside:
            raise MLTableError(f"colocated=True cannot copy pattern {value!r}: it reaches outside the "
                               "folder the table was loaded from", _SOURCE, "colocated")
        for found in glob.glob(absolute, recursive=True):
            if os.path.isfile(found):
                _copy_file(found, os.path.join(target, os.path.relpath(found, base_dir)), option)
        return value
    relative = os.path.relpath(absolute, base_dir) if inside else os.path.basename(absolute)
    destination = os.path.join(target, relative)
    if os.path.isdir(absolute):
        for root, _, names in os.walk(absolute):
            for name in names:
                source = os.path.join(root, name)
                _copy_file(source, os.path.join(destination, os.path.relpath(source, absolute)), option)
    elif os.path.isfile(absolute):
        _copy_file(absolute, destination, option)
    else:
        raise MLTableError(f"{kind} {absolute!r} does not exist, so it cannot be copied", _SOURCE, "colocated")
    return "./" + relative.replace(os.sep, "/")


def _copy_file(source, destination, option):
    if _may_write(destination, option):
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copy2(source, destination)
