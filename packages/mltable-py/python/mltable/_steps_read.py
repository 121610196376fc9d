"""Checks of the read transformations' options (read_delimited, read_json_lines, read_parquet).

Each check takes the raw YAML value, the MLTable file and the field, and returns the options
with defaults filled in, or raises :class:`MLTableError` naming the field.
"""

from ._checks import expect_bool, expect_choice, expect_mapping, expect_text
from ._column_types import parse_column_type
from ._errors import MLTableError
from ._options import MLTableFileEncoding, MLTableHeaders

_PATH_OPTIONS = ("include_path_column", "path_column", "partition_size")


def check_read_delimited(raw, source, field):
    allowed = ("delimiter", "header", "encoding", "empty_as_string", "infer_column_types",
               "support_multi_line") + _PATH_OPTIONS
    options = expect_mapping(raw, allowed, source, field)
    delimiter = options.get("delimiter", ",")
    if not isinstance(delimiter, str) or len(delimiter) != 1:
        raise MLTableError(f"expected a single character, got {delimiter!r}", source, f"{field}.delimiter")
    return dict(
        _path_options(options, source, field),
        delimiter=delimiter,
        header=MLTableHeaders._parse(options.get("header", "all_files_same_headers"), source, f"{field}.header"),
        encoding=_encoding(options, source, field),
        empty_as_string=expect_bool(options.get("empty_as_string", False), source, f"{field}.empty_as_string"),
        support_multi_line=expect_bool(options.get("support_multi_line", False), source, f"{field}.support_multi_line"),
        **_inference(options.get("infer_column_types", True), source, f"{field}.infer_column_types"),
    )


def check_read_json_lines(raw, source, field):
    options = expect_mapping(raw, ("invalid_lines", "encoding") + _PATH_OPTIONS, source, field)
    invalid = expect_choice(options.get("invalid_lines", "error"), ("error", "drop"), source, f"{field}.invalid_lines")
    return dict(_path_options(options, source, field), invalid_lines=invalid, encoding=_encoding(options, source, field))


def check_read_parquet(raw, source, field):
    return _path_options(expect_mapping(raw, _PATH_OPTIONS, source, field), source, field)


def check_read_delta_lake(raw, source, field):
    raise MLTableError(
        "read_delta_lake is not supported by Lathe's mltable (it has no Delta Lake reader); "
        "install Azure's mltable package in the job's environment, or export the table to "
        "parquet and use read_parquet", source, field)


def _path_options(options, source, field):
    return {
        "include_path_column": expect_bool(options.get("include_path_column", False), source, f"{field}.include_path_column"),
        "path_column": expect_text(options.get("path_column", "Path"), source, f"{field}.path_column"),
    }


def _encoding(options, source, field):
    return MLTableFileEncoding._parse(options.get("encoding", "utf8"), source, f"{field}.encoding")


def _inference(raw, source, field):
    if isinstance(raw, bool):
        return {"infer_column_types": raw, "column_type_overrides": []}
    options = expect_mapping(raw, ("sample_size", "column_type_overrides"), source, field)
    size = options.get("sample_size", 200)
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise MLTableError(f"expected a positive integer, got {size!r}", source, f"{field}.sample_size")
    overrides = check_conversions(options.get("column_type_overrides", []), source, f"{field}.column_type_overrides")
    if any(column_type.kind == "stream_info" for _, column_type in overrides):
        raise MLTableError("stream_info cannot be a type override; use convert_column_types", source, field)
    return {"infer_column_types": True, "column_type_overrides": overrides}


def check_conversions(raw, source, field):
    """``convert_column_types`` entries as a list of ``(columns, ColumnType)``."""
    if not isinstance(raw, list):
        raise MLTableError(f"expected a list of {{columns: ..., column_type: ...}} entries, got {raw!r}", source, field)
    conversions, seen = [], set()
    for number, entry in enumerate(raw):
        where = f"{field}[{number}]"
        entry = expect_mapping(entry, ("columns", "column_type"), source, where)
        if "columns" not in entry or "column_type" not in entry:
            raise MLTableError("expected both 'columns' and 'column_type'", source, where)
        columns = entry["columns"]
        columns = [columns] if isinstance(columns, str) else columns
        if not isinstance(columns, list) or not columns or not all(isinstance(c, str) for c in columns):
            raise MLTableError(f"expected a column name or a list of column names, got {entry['columns']!r}", source, f"{where}.columns")
        repeated = [c for c in columns if c in seen]
        if repeated:
            raise MLTableError(f"column {repeated[0]!r} is converted more than once", source, f"{where}.columns")
        seen.update(columns)
        conversions.append((columns, parse_column_type(entry["column_type"], source, f"{where}.column_type")))
    return conversions
