"""Column types of ``convert_column_types``: the public :class:`DataType` and the parsed
:class:`ColumnType` that the conversions use."""

from dataclasses import dataclass
from typing import Optional, Tuple

from ._errors import MLTableError

_KINDS = ("int", "float", "string", "boolean", "datetime", "stream_info")
_MISMATCH = ("error", "true", "false")


@dataclass(frozen=True)
class ColumnType:
    """A validated column type. ``kind`` is one of int, float, string, boolean, datetime,
    stream_info; the other fields hold the boolean and datetime options."""

    kind: str
    true_values: Optional[Tuple[str, ...]] = None
    false_values: Optional[Tuple[str, ...]] = None
    mismatch_as: str = "error"
    formats: Tuple[str, ...] = ()
    date_constant: Optional[str] = None


def parse_column_type(raw, source, field):
    """The :class:`ColumnType` written as ``raw`` in an MLTable file: ``int``, ``float``,
    ``string``, ``boolean``, ``datetime``, ``stream_info``, or a one-key mapping such as
    ``{boolean: {true_values: [...], false_values: [...], mismatch_as: error}}`` or
    ``{datetime: {formats: [...], date_constant: ...}}``."""
    if isinstance(raw, str):
        return _simple(raw, source, field)
    if isinstance(raw, dict) and len(raw) == 1:
        kind, options = next(iter(raw.items()))
        _simple(kind, source, field)
        return _with_options(kind, options or {}, source, f"{field}.{kind}")
    raise MLTableError(
        f"expected one of {', '.join(_KINDS)} or a one-key mapping such as "
        f"{{boolean: {{true_values: [...], false_values: [...]}}}}, got {raw!r}", source, field)


def _simple(kind, source, field):
    if kind not in _KINDS:
        raise MLTableError(f"expected a column type, one of {', '.join(_KINDS)}; got {kind!r}", source, field)
    return ColumnType(kind)


def _with_options(kind, options, source, field):
    if not isinstance(options, dict):
        raise MLTableError(f"expected a mapping of options, got {options!r}", source, field)
    allowed = {"boolean": ("true_values", "false_values", "mismatch_as"),
               "datetime": ("formats", "date_constant")}.get(kind, ())
    unknown = sorted(set(options) - set(allowed), key=str)
    if unknown:
        expected = ", ".join(allowed) if allowed else "no options"
        raise MLTableError(f"unknown option {unknown[0]!r}; {kind} takes {expected}", source, field)
    if kind == "boolean":
        return _boolean(options, source, field)
    if kind == "datetime":
        return _datetime(options, source, field)
    return ColumnType(kind)


def _boolean(options, source, field):
    true_values = _strings(options.get("true_values"), source, f"{field}.true_values")
    false_values = _strings(options.get("false_values"), source, f"{field}.false_values")
    if (true_values is None) != (false_values is None):
        raise MLTableError("true_values and false_values must be given together", source, field)
    if true_values and set(true_values) & set(false_values):
        raise MLTableError("true_values and false_values must not share values", source, field)
    mismatch = options.get("mismatch_as") or "error"
    if isinstance(mismatch, bool):  # YAML reads an unquoted mismatch_as: true as a boolean
        mismatch = str(mismatch).lower()
    if mismatch not in _MISMATCH:
        raise MLTableError(f"expected one of {', '.join(_MISMATCH)}, got {mismatch!r}", source, f"{field}.mismatch_as")
    return ColumnType("boolean", true_values, false_values, mismatch)


def _datetime(options, source, field):
    formats = _strings(options.get("formats"), source, f"{field}.formats") or ()
    constant = options.get("date_constant")
    return ColumnType("datetime", formats=formats, date_constant=None if constant is None else str(constant))


def _strings(value, source, field):
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple)) and value:
        flags = [item for item in value if isinstance(item, bool)]
        if flags:
            raise MLTableError(f"{flags[0]!r} is a YAML boolean, not text (YAML reads unquoted yes, no, "
                               "on, off, true and false as booleans); quote the values", source, field)
        return tuple(str(item) for item in value)
    raise MLTableError(f"expected a string or a non-empty list of strings, got {value!r}", source, field)


class DataType:
    """A column type for :meth:`MLTable.convert_column_types` and the ``column_type_overrides``
    of :func:`from_delimited_files`, made with the ``to_*`` methods.

    Example::

        tbl = tbl.convert_column_types({
            "Age": DataType.to_int(),
            ("Fare", "Price"): DataType.to_float(),
            "Survived": DataType.to_bool(true_values=["1"], false_values=["0"]),
            "Date": DataType.to_datetime("%d/%m/%Y"),
        })
    """

    def __init__(self, arguments="string"):
        self._arguments = arguments

    def __repr__(self):
        return f"DataType({self._arguments!r})"

    def __eq__(self, other):
        return isinstance(other, DataType) and other._arguments == self._arguments

    @staticmethod
    def to_string():
        """Convert to string (``None`` stays null)."""
        return DataType("string")

    @staticmethod
    def to_int():
        """Convert to 64-bit integer."""
        return DataType("int")

    @staticmethod
    def to_float():
        """Convert to 64-bit float."""
        return DataType("float")

    @staticmethod
    def to_stream():
        """Azure's stream type; Lathe keeps the value as a path string."""
        return DataType("stream_info")

    @staticmethod
    def to_bool(true_values=None, false_values=None, mismatch_as=None):
        """Convert to boolean. ``true_values`` and ``false_values`` are both None or both
        non-empty lists of strings; ``mismatch_as`` ('error', 'true' or 'false') handles other
        values."""
        options = {}
        if true_values or false_values:
            options.update(true_values=_list(true_values), false_values=_list(false_values), mismatch_as="error")
        if mismatch_as:
            options["mismatch_as"] = mismatch_as
        arguments = {"boolean": options} if options else "boolean"
        parse_column_type(arguments, "<DataType.to_bool>", "arguments")
        return DataType(arguments)

    @staticmethod
    def to_datetime(formats, date_constant=None):
        """Convert to datetime, trying each strftime ``formats`` in turn; ``date_constant``
        (YYYY-MM-DD) is the date of values that hold only a time."""
        options = {"formats": _list(formats)}
        if date_constant is not None:
            options["date_constant"] = date_constant
        parse_column_type({"datetime": options}, "<DataType.to_datetime>", "formats")
        return DataType({"datetime": options})

    @staticmethod
    def _from_raw(value, source="<MLTable.convert_column_types>", field="column_type"):
        if isinstance(value, DataType):
            return value
        parse_column_type(value, source, field)
        return DataType(value)


def _list(values):
    if values is None or isinstance(values, str):
        return values if values is None else [values]
    return list(values)
