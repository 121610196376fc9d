"""Running a :class:`Plan` into a pandas DataFrame.

The table starts as one row per resolved file (column ``Path``). Steps before the read
transformation work on that table (so ``take: 1`` keeps the first file and partition columns
extracted there are copied onto every row read from the file). The read replaces each file's
row with the file's rows. A hidden column keeps each row's file path, for
``extract_columns_from_partition_format`` after the read; it is dropped at the end.
"""

import numpy
import pandas

from ._convert import convert_series
from ._errors import MLTableError
from ._filter import apply_filter
from ._infer import as_strings, infer_frame
from ._partition import partition_values
from ._paths import resolve
from ._read_parquet import read_parquet
from ._read_text import read_delimited, read_json_lines

SOURCE = "\0source_path"


class Context:
    """What the steps need besides the table: where relative paths start and whom to blame."""

    def __init__(self, base_dir, source):
        self.base_dir = base_dir
        self.source = source


def run(plan, base_dir, source, mltable_file=None):
    """The DataFrame that ``plan`` describes."""
    files = resolve(plan.paths, base_dir, source, mltable_file)
    paths = [path for path, _ in files]
    frame = pandas.DataFrame({"Path": pandas.Series(paths, dtype=object), SOURCE: pandas.Series(paths, dtype=object)})
    context = Context(base_dir, source)
    for step in plan.steps:
        frame = _STEPS[step.name](frame, step, context)
    return _finish(frame)


def _finish(frame):
    frame = frame.drop(columns=[SOURCE]).reset_index(drop=True)
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].where(frame[column].notna(), None)
    return frame


def _read(frame, step, context, read_files):
    paths = frame[SOURCE].tolist()
    extras = [c for c in frame.columns if c not in ("Path", SOURCE)]
    frames = read_files(paths)
    for number, (path, part) in enumerate(zip(paths, frames)):
        for column in extras:
            part[column] = frame[column].iloc[number]
        part[SOURCE] = path
        if step.args["include_path_column"]:
            _insert_path(part, step, context, path)
    if not frames:
        return pandas.DataFrame({SOURCE: pandas.Series([], dtype=object)})
    return pandas.concat(frames, ignore_index=True, sort=False)


def _insert_path(part, step, context, path):
    column = step.args["path_column"]
    if column in part.columns:
        raise MLTableError(f"file {path!r} already has a column {column!r}; set path_column to "
                           "another name for the path column", context.source, step.field)
    part.insert(0, column, path)


def _read_delimited(frame, step, context):
    args = step.args
    read = lambda paths: read_delimited(paths, args, context.source, step.field)  # noqa: E731
    result = _read(frame, step, context, read)
    special = {SOURCE, args["path_column"] if args["include_path_column"] else None}
    extras = set(frame.columns) - {"Path", SOURCE}
    data = [c for c in result.columns if c not in special and c not in extras]
    overridden = {c for columns, _ in args["column_type_overrides"] for c in columns}
    inferred = [c for c in data if c not in overridden]
    if args["infer_column_types"]:
        result = infer_frame(result, inferred, args["empty_as_string"])
    else:
        for column in data:
            result[column] = as_strings(result[column], args["empty_as_string"])
    # overrides convert the raw text, so "02139" as string keeps its leading zero
    return _convert(result, args["column_type_overrides"], context, step.field)


def _read_json_lines(frame, step, context):
    return _read(frame, step, context, lambda paths: read_json_lines(paths, step.args, context.source, step.field))


def _read_parquet(frame, step, context):
    return _read(frame, step, context, lambda paths: read_parquet(paths, context.source, step.field))


def _take(frame, step, context):
    return frame.iloc[: step.args]


def _skip(frame, step, context):
    return frame.iloc[step.args :]


def _take_random_sample(frame, step, context):
    seed = step.args["seed"]
    generator = numpy.random.default_rng(seed)
    return frame[generator.random(len(frame)) < step.args["probability"]]


def _require(frame, columns, context, field):
    missing = [c for c in columns if c not in frame.columns or c == SOURCE]
    if missing:
        shown = ", ".join(repr(c) for c in frame.columns if c != SOURCE)
        raise MLTableError(f"column {missing[0]!r} does not exist (columns: {shown})", context.source, field)


def _drop_columns(frame, step, context):
    _require(frame, step.args, context, step.field)
    return frame.drop(columns=step.args)


def _keep_columns(frame, step, context):
    _require(frame, step.args, context, step.field)
    return frame[list(step.args) + [SOURCE]]


def _convert_column_types(frame, step, context):
    return _convert(frame, step.args, context, step.field)


def _convert(frame, conversions, context, field):
    frame = frame.copy()
    for columns, column_type in conversions:
        _require(frame, columns, context, field)
        for column in columns:
            frame[column] = convert_series(frame[column], column_type, column, context.source, field)
    return frame


def _filter(frame, step, context):
    return apply_filter(frame, step.args, context.source, step.field)


def _extract_partitions(frame, step, context):
    fmt = step.args
    use_column = fmt.path_column != "Path" and fmt.path_column in frame.columns
    paths = frame[fmt.path_column if use_column else SOURCE].tolist()
    rows = [_partition_row(fmt, path, context, step.field) for path in paths]
    frame = frame.copy()
    for column in fmt.columns:
        frame[column] = pandas.Series([row.get(column) for row in rows], index=frame.index, dtype=object)
    if fmt.date_column:
        frame[fmt.date_column] = pandas.to_datetime(pandas.Series([row.get(fmt.date_column) for row in rows], index=frame.index, dtype=object))
    return frame


def _partition_row(fmt, path, context, field):
    try:
        values = partition_values(fmt, str(path), context.base_dir)
    except ValueError as error:  # e.g. month 13 in a date part
        raise MLTableError(f"path {path!r} gives an invalid date for {fmt.text!r}: {error}", context.source, field) from None
    if values is None and not fmt.ignore_errors:
        raise MLTableError(f"path {path!r} does not match the partition format {fmt.text!r} "
                           "(set ignore_errors: true to get nulls instead)", context.source, field)
    return values or {}


_STEPS = {
    "read_delimited": _read_delimited,
    "read_json_lines": _read_json_lines,
    "read_parquet": _read_parquet,
    "take": _take,
    "skip": _skip,
    "take_random_sample": _take_random_sample,
    "drop_columns": _drop_columns,
    "keep_columns": _keep_columns,
    "convert_column_types": _convert_column_types,
    "filter": _filter,
    "extract_columns_from_partition_format": _extract_partitions,
}
