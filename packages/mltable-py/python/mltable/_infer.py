"""Column type inference for ``read_delimited`` (``infer_column_types: true``).

A column whose non-empty values all look like one type gets it, tried in this order: boolean
(``true``/``false``, any case), int (whole numbers; int64 when it has no nulls, else float64),
float, datetime (ISO 8601 ``YYYY-MM-DD[ HH:MM[:SS[.f]]]``, also with ``T``), else string. Every
row is looked at (Azure looks at the first 200). Empty fields are null, except in string
columns read with ``empty_as_string: true``, where they stay ``""``.
"""

import pandas

_FLOAT = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_DATETIME = r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"


def as_strings(series, empty_as_string):
    """``series`` of raw text as a string column: nulls are None, empty fields "" or None."""
    present = series.notna() & (series != "" if not empty_as_string else series.notna())
    return series.where(present, None).astype(object)


def infer_frame(frame, columns, empty_as_string):
    """``frame`` with each of ``columns`` (raw text) typed by inference."""
    for column in columns:
        frame[column] = infer_series(frame[column], empty_as_string)
    return frame


def infer_series(series, empty_as_string=False):
    """The raw-text ``series`` converted to the type all its non-empty values share."""
    present = series.notna() & (series != "")
    values = series[present].astype(str)
    if values.empty:
        return as_strings(series, empty_as_string)
    for convert in _CANDIDATES:
        converted = convert(values)
        if converted is not None:
            return _with_nulls(converted, present, series.index)
    return as_strings(series, empty_as_string)


_BOOL_TEXT = ("true", "false", "True", "False", "TRUE", "FALSE")


def _to_bool(values):
    if values.isin(_BOOL_TEXT).all() or values.str.lower().isin(("true", "false")).all():
        return values.str.lower() == "true"
    return None


def _to_number(values):
    if not values.iloc[:_SAMPLE].str.fullmatch(_FLOAT).all():
        return None
    converted = pandas.to_numeric(values, errors="coerce")
    if converted.isna().any():
        return None
    return converted if converted.dtype.kind in "iuf" else None


def _to_datetime(values):
    if not values.iloc[:_SAMPLE].str.fullmatch(_DATETIME).all() or not values.str.fullmatch(_DATETIME).all():
        return None
    try:
        return pandas.to_datetime(values, errors="raise")
    except (ValueError, OverflowError, TypeError):
        return None


# Cheap checks on the first rows rule most columns out before every row is looked at.
_SAMPLE = 200
_CANDIDATES = (_to_bool, _to_number, _to_datetime)


def _with_nulls(converted, present, index):
    """``converted`` (the non-null rows) spread over ``index``, nulls where ``present`` is False."""
    if present.all():
        return converted.reindex(index)
    kind = converted.dtype.kind
    if kind in "iu":
        return converted.astype("float64").reindex(index)
    if kind == "b":
        return converted.astype(object).reindex(index).where(present, None)
    return converted.reindex(index)
