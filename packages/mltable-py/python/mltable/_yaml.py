"""Reading and writing MLTable YAML: PyYAML when it is importable, else Lathe's small reader.

Writing never needs PyYAML: :func:`dump_yaml` writes block-style YAML that PyYAML (and so
Azure's ``mltable``) and :func:`parse_yaml` both read back to the same data.
"""

from ._errors import MLTableError
from ._yaml_reader import YamlSyntaxError, read_yaml
from ._yaml_scalars import write_scalar


def parse_yaml(text, source, use_pyyaml=None):
    """The data in the YAML ``text`` of the MLTable file ``source``.

    ``use_pyyaml``: None uses PyYAML when importable; False always uses the built-in reader.
    Malformed YAML raises :class:`MLTableError` naming ``source`` and the line.
    """
    yaml = _pyyaml() if use_pyyaml is not False else None
    if yaml is None:
        try:
            return read_yaml(text)
        except YamlSyntaxError as error:
            raise MLTableError(f"is not valid YAML: {error}", source) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise MLTableError(f"is not valid YAML: {_one_line(error)}", source) from None


def _pyyaml():
    try:
        import yaml
    except ImportError:
        return None
    return yaml


def _one_line(error):
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    return f"line {mark.line + 1}: {problem}" if mark is not None else " ".join(str(error).split())


def dump_yaml(data):
    """``data`` (dicts, lists and scalars) as block-style YAML text, keys in their given order."""
    if isinstance(data, (dict, list)) and data:
        return "\n".join(_lines(data, 0)) + "\n"
    return _inline(data) + "\n"


def _lines(value, indent):
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                yield f"{pad}{write_scalar(key)}:"
                yield from _lines(item, indent + 2 if isinstance(item, dict) else indent)
            else:
                yield f"{pad}{write_scalar(key)}: {_inline(item)}"
        return
    for item in value:
        if isinstance(item, (dict, list)) and item:
            nested = list(_lines(item, indent + 2))
            yield f"{pad}- {nested[0].lstrip()}"
            yield from nested[1:]
        else:
            yield f"{pad}- {_inline(item)}"


def _inline(value):
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, (list, tuple)):
        return "[]" if not value else "[" + ", ".join(_inline(v) for v in value) + "]"
    return write_scalar(value)
