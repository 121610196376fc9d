"""``convert_column_types``: converting one column to a :class:`ColumnType`.

Nulls (and empty strings) stay null. A value that cannot be converted raises
:class:`MLTableError` naming the column, the value and its row, except for booleans with
``mismatch_as: true|false``. Like Azure's pandas output, an int column with nulls is float64
and a boolean column with nulls is object (True/False/None); datetimes with a time zone are
converted to UTC and made naive.
"""

import datetime
import json
import math

import pandas

from ._errors import MLTableError

_DATE_DIRECTIVES = ("%Y", "%y", "%m", "%d", "%b", "%B", "%j", "%F", "%D", "%c", "%x")
_DEFAULT_TRUE = ("true", "1")
_DEFAULT_FALSE = ("false", "0")


class _Failure(Exception):
    pass


def convert_series(series, column_type, column, source, field):
    """``series`` converted to ``column_type``."""
    convert = {"int": _int, "float": _float, "string": _string, "stream_info": _string,
               "boolean": _boolean, "datetime": _datetime}[column_type.kind]
    values = []
    for row, value in enumerate(series.tolist()):
        if _is_null(value):
            values.append(None)
            continue
        try:
            values.append(convert(value, column_type))
        except (_Failure, ValueError, OverflowError):
            raise MLTableError(f"column {column!r}: the value {value!r} in row {row + 1} cannot be "
                               f"converted to {column_type.kind}", source, field) from None
    return _finish(values, column_type.kind, series.index)


def _is_null(value):
    if value is None or (isinstance(value, str) and value == ""):
        return True
    return isinstance(value, float) and math.isnan(value) or value is pandas.NaT


def _int(value, _):
    if isinstance(value, (bool, int)):
        return int(value)
    if isinstance(value, float) or hasattr(value, "is_integer"):
        if not float(value).is_integer():
            raise _Failure()
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            return int(text)
        except ValueError:
            return _int(float(text), None)
    raise _Failure()


def _float(value, _):
    if isinstance(value, (str, int, float)) or hasattr(value, "is_integer"):
        return float(value.strip() if isinstance(value, str) else value)
    raise _Failure()


def _string(value, _):
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return _text(value)


def _text(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _boolean(value, column_type):
    if column_type.true_values is None and isinstance(value, bool):
        return value
    text = _text(value) if column_type.true_values else _text(value).strip().lower()
    trues = column_type.true_values or _DEFAULT_TRUE
    falses = column_type.false_values or _DEFAULT_FALSE
    if text in trues:
        return True
    if text in falses:
        return False
    if column_type.mismatch_as == "error":
        raise _Failure()
    return column_type.mismatch_as == "true"


def _datetime(value, column_type):
    if isinstance(value, (datetime.datetime, pandas.Timestamp)):
        return _naive(value)
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise _Failure()
    text = value.strip()
    if not column_type.formats:
        return _naive(datetime.datetime.fromisoformat(text))
    for fmt in column_type.formats:
        try:
            parsed = datetime.datetime.strptime(text, fmt)
        except ValueError:
            continue
        return _naive(_with_date(parsed, fmt, column_type.date_constant))
    raise _Failure()


def _with_date(parsed, fmt, date_constant):
    if date_constant is None or any(directive in fmt for directive in _DATE_DIRECTIVES):
        return parsed
    day = datetime.date.fromisoformat(str(date_constant)[:10])
    return datetime.datetime.combine(day, parsed.time(), parsed.tzinfo)


def _naive(value):
    if value.tzinfo is None:
        return value
    return value.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def _finish(values, kind, index):
    has_nulls = any(v is None for v in values)
    if kind == "int":
        dtype = "float64" if has_nulls else "int64"
        return pandas.Series([float("nan") if v is None else v for v in values], index=index, dtype=dtype)
    if kind == "float":
        return pandas.Series([float("nan") if v is None else v for v in values], index=index, dtype="float64")
    if kind == "boolean" and not has_nulls:
        return pandas.Series(values, index=index, dtype=bool)
    if kind == "datetime":
        return pandas.Series(pandas.to_datetime(values), index=index)
    return pandas.Series(values, index=index, dtype=object)
