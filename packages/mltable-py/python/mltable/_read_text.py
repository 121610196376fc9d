"""Reading delimited text and JSON lines files into per-file DataFrames of raw values."""

import csv
import io
import json
import os
import re

import pandas

from ._errors import MLTableError
from ._options import MLTableHeaders

_LINE_BREAK = re.compile(r"\r\n|\n|\r")


def read_text(path, encoding, source, field):
    """The text of ``path`` decoded with ``encoding`` (an :class:`MLTableFileEncoding`)."""
    if os.path.isdir(path):
        raise MLTableError(f"{path!r} is a folder; use 'folder:' to read the files in it", source, field)
    try:
        with open(path, encoding=encoding.codec, newline="") as handle:
            return handle.read()
    except UnicodeError as error:
        raise MLTableError(f"file {path!r} is not valid {encoding.name} text ({error.reason} at byte "
                           f"{error.start}); set 'encoding' in the read transformation", source, field) from None
    except OSError as error:
        raise MLTableError(f"cannot read file {path!r}: {error.strerror}", source, field) from None


def _records(text, options):
    """``[(line number, fields), ...]`` of a delimited file; blank lines are skipped."""
    dialect = {"delimiter": options["delimiter"], "quotechar": '"', "doublequote": True, "strict": False}
    if options["support_multi_line"]:
        reader = csv.reader(io.StringIO(text, newline=""), **dialect)
        records = []
        for fields in reader:
            records.append((reader.line_num, fields))
        return [(n, f) for n, f in records if f and f != [""]]
    delimiter = options["delimiter"]
    return [(n + 1, line.split(delimiter) if '"' not in line else next(csv.reader([line], **dialect)))
            for n, line in enumerate(_LINE_BREAK.split(text)) if line != ""]


def _names(fields, width):
    names, seen = [], {}
    for number in range(width):
        name = fields[number] if number < len(fields) and fields[number] != "" else f"Column{number + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        seen.setdefault(name, 0)
        names.append(name)
    return names


def read_delimited(paths, options, source, field):
    """One raw DataFrame (all values str or None) per file in ``paths``."""
    header, frames = None, []
    for path in paths:
        records = _records(read_text(path, options["encoding"], source, field), options)
        mode = options["header"]
        if mode is MLTableHeaders.no_header:
            width = max((len(f) for _, f in records), default=0)
            names, rows = [f"Column{n + 1}" for n in range(width)], records
        elif header is None or mode is MLTableHeaders.all_files_different_headers:
            if not records:  # an empty file has no header to give
                frames.append(pandas.DataFrame())
                continue
            header = records[0][1]
            names, rows = _names(header, len(header)), records[1:]
        else:
            names = _names(header, len(header))
            rows = records[1:] if mode is MLTableHeaders.all_files_same_headers else records
        frames.append(_frame(rows, names, path, source, field))
    return frames


def _frame(rows, names, path, source, field):
    width = len(names)
    data = []
    for line, fields in rows:
        if len(fields) > width:
            raise MLTableError(f"file {path!r} line {line} has {len(fields)} fields but the header has "
                               f"{width}; check 'delimiter', 'header' and 'support_multi_line'", source, field)
        data.append(fields + [None] * (width - len(fields)))
    return pandas.DataFrame(data, columns=names, dtype=object)


def read_json_lines(paths, options, source, field):
    """One DataFrame per JSON lines file in ``paths``; each line is one JSON object."""
    return [_json_frame(path, options, source, field) for path in paths]


def _json_frame(path, options, source, field):
    records = []
    for number, line in enumerate(_LINE_BREAK.split(read_text(path, options["encoding"], source, field))):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError(f"expected a JSON object, got {type(record).__name__}")
        except ValueError as error:
            if options["invalid_lines"] == "drop":
                continue
            raise MLTableError(f"file {path!r} line {number + 1} is not a JSON object ({error}); "
                               "set invalid_lines: drop to skip such lines", source, field) from None
        records.append(record)
    columns = list(dict.fromkeys(key for record in records for key in record))
    return pandas.DataFrame([[r.get(c) for c in columns] for r in records], columns=columns)
