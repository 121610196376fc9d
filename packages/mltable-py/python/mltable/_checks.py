"""Small validators shared by the transformation checks; each names the field it rejects."""

from ._errors import MLTableError


def expect_mapping(raw, allowed, source, field):
    """``raw`` (None counts as empty) as a dict whose keys are all in ``allowed``."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise MLTableError(f"expected a mapping of options ({', '.join(allowed)}), got {raw!r}", source, field)
    unknown = [key for key in raw if key not in allowed]
    if unknown:
        raise MLTableError(f"unknown option {unknown[0]!r}; expected one of {', '.join(allowed)}", source, field)
    return raw


def expect_bool(value, source, field):
    if not isinstance(value, bool):
        raise MLTableError(f"expected true or false, got {value!r}", source, field)
    return value


def expect_count(value, source, field):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise MLTableError(f"expected a non-negative integer, got {value!r}", source, field)
    return value


def expect_text(value, source, field):
    if not isinstance(value, str) or not value:
        raise MLTableError(f"expected a non-empty string, got {value!r}", source, field)
    return value


def expect_choice(value, choices, source, field):
    if value not in choices:
        raise MLTableError(f"expected one of {', '.join(map(repr, choices))}, got {value!r}", source, field)
    return value


def expect_columns(raw, source, field):
    """A column name or a list of distinct column names, as a list."""
    columns = [raw] if isinstance(raw, str) else raw
    if not isinstance(columns, (list, tuple)) or not all(isinstance(c, str) for c in columns):
        raise MLTableError(f"expected a column name or a list of column names, got {raw!r}", source, field)
    duplicates = sorted({c for c in columns if list(columns).count(c) > 1})
    if duplicates:
        raise MLTableError(f"column {duplicates[0]!r} is named more than once", source, field)
    return list(columns)
