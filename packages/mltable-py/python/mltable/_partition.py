"""``extract_columns_from_partition_format``: columns taken from each row's file path.

A format such as ``{year}/{month}/data.csv`` or ``/puYear={year}/puMonth={month}`` makes a
string column per ``{name}``; ``{name:yyyy/MM/dd}`` makes one datetime column from the parts
``yyyy MM dd HH mm ss``. ``*`` matches anything and ``{{``/``}}`` are literal braces. A value
never spans a ``/``. The format must match the end of the path (relative to the MLTable folder
when the file is inside it, with a leading ``/``), or the end of the folder that holds the file.
"""

import datetime
import re
from dataclasses import dataclass
from typing import Tuple

from ._checks import expect_bool, expect_mapping, expect_text
from ._errors import MLTableError

_DATE_PARTS = {"yyyy": ("year", r"\d{4}"), "MM": ("month", r"\d{1,2}"), "dd": ("day", r"\d{1,2}"),
               "HH": ("hour", r"\d{1,2}"), "mm": ("minute", r"\d{1,2}"), "ss": ("second", r"\d{1,2}")}


@dataclass(frozen=True)
class PartitionFormat:
    """A compiled partition format: its text, regex, the string columns and the datetime column."""

    text: str
    regex: "re.Pattern"
    columns: Tuple[str, ...]
    date_column: str = None
    path_column: str = "Path"
    ignore_errors: bool = False


def check_partition_format(raw, source, field):
    """The :class:`PartitionFormat` written as ``raw``: the format string, a mapping with
    ``partition_format`` (and optional ``path_column``, ``ignore_errors``), or the shorthand
    ``{timestamp:yyyy/MM/dd}`` that YAML reads as a one-key mapping."""
    if isinstance(raw, dict) and len(raw) == 1 and next(iter(raw.values())) is None and "partition_format" not in raw:
        raw = "{" + str(next(iter(raw))) + "}"
    if isinstance(raw, str):
        raw = {"partition_format": raw}
    options = expect_mapping(raw, ("partition_format", "path_column", "ignore_errors"), source, field)
    text = expect_text(options.get("partition_format"), source, f"{field}.partition_format")
    regex, columns, date_column = _compile(text, source, f"{field}.partition_format")
    return PartitionFormat(text, regex, columns, date_column,
                           expect_text(options.get("path_column", "Path"), source, f"{field}.path_column"),
                           expect_bool(options.get("ignore_errors", False), source, f"{field}.ignore_errors"))


def _compile(text, source, field):
    pattern, columns, date_column, i = "", [], None, 0
    while i < len(text):
        if text[i : i + 2] in ("{{", "}}"):
            pattern, i = pattern + re.escape(text[i]), i + 2
            continue
        if text[i] == "{":
            close = text.find("}", i)
            if close < 0:
                raise MLTableError(f"'{{' at position {i} is not closed in {text!r}", source, field)
            name, _, date_format = text[i + 1 : close].partition(":")
            if not name or name in columns or name == date_column:
                raise MLTableError(f"expected a distinct column name inside {{...}} in {text!r}", source, field)
            if date_format:
                if date_column:
                    raise MLTableError(f"only one {{name:date format}} is allowed in {text!r}", source, field)
                pattern, date_column = pattern + _date_pattern(date_format, source, field), name
            else:
                pattern += f"(?P<c{len(columns)}>[^/\\\\]+?)"
                columns.append(name)
            i = close + 1
            continue
        pattern += ".*?" if text[i] == "*" else re.escape(text[i])
        i += 1
    if not columns and not date_column:
        raise MLTableError(f"expected at least one {{column}} in {text!r}", source, field)
    return re.compile(pattern + "$"), tuple(columns), date_column


def _date_pattern(date_format, source, field):
    pattern, seen = "", set()
    for token in re.split(r"(yyyy|MM|dd|HH|mm|ss)", date_format):
        if token in _DATE_PARTS and token not in seen:
            seen.add(token)
            pattern += f"(?P<d_{_DATE_PARTS[token][0]}>{_DATE_PARTS[token][1]})"
        elif token:
            pattern += re.escape(token)
    if "yyyy" not in seen:
        raise MLTableError(f"the date format {date_format!r} needs a yyyy part", source, field)
    return pattern


def partition_values(fmt, path, base_dir):
    """``{column: value}`` for one file ``path``, or None when the format does not match."""
    for candidate in _candidates(path, base_dir):
        match = fmt.regex.search(candidate)
        if match:
            return _values(fmt, match)
    return None


def _candidates(path, base_dir):
    path = path.replace("\\", "/")
    base = (base_dir or "").replace("\\", "/").rstrip("/")
    if base and path.startswith(base + "/"):
        path = path[len(base) :]
    return [path, path.rsplit("/", 1)[0]] if "/" in path else [path]


def _values(fmt, match):
    values = {name: match.group(f"c{number}") for number, name in enumerate(fmt.columns)}
    if fmt.date_column:
        parts = {key[2:]: int(value) for key, value in match.groupdict().items() if key.startswith("d_") and value}
        parts.setdefault("month", 1)
        parts.setdefault("day", 1)
        values[fmt.date_column] = datetime.datetime(**parts)
    return values
