"""A stand-in for the three pydash functions azure-ai-ml 1.4.0 imports, for tests only.

Debian packages azure-ai-ml but not pydash; users who install the SDK from its registry get the
real one. Paths are dotted (``a.b.0.c``) as pydash reads them.
"""
import copy

from . import objects

__all__ = ["get", "omit", "objects"]


def _keys(path):
    if isinstance(path, (list, tuple)):
        return list(path)
    return str(path).split(".") if path != "" else []


def get(obj, path, default=None):
    """The value at ``path`` in nested dicts, lists and objects, or ``default``."""
    current = obj
    for key in _keys(path):
        if isinstance(current, dict):
            if key not in current:
                return default
            current = current[key]
        elif isinstance(current, (list, tuple)):
            try:
                current = current[int(key)]
            except (ValueError, IndexError):
                return default
        elif hasattr(current, str(key)):
            current = getattr(current, str(key))
        else:
            return default
    return current


def omit(obj, *paths):
    """A deep copy of dict ``obj`` without the keys at ``paths`` (names or lists of names)."""
    result = copy.deepcopy(obj)
    flat = []
    for path in paths:
        flat.extend(path if isinstance(path, (list, tuple)) else [path])
    for path in flat:
        keys = _keys(path)
        parent = get(result, keys[:-1]) if len(keys) > 1 else result
        if isinstance(parent, dict) and keys and keys[-1] in parent:
            del parent[keys[-1]]
    return result
