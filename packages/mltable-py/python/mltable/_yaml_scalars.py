"""YAML scalars: resolving plain scalars as PyYAML's safe loader does, quoted-scalar bodies,
and writing scalars back so that they read back unchanged."""

import datetime
import json
import math
import re

_BOOL = {"yes": True, "Yes": True, "YES": True, "no": False, "No": False, "NO": False,
         "true": True, "True": True, "TRUE": True, "false": False, "False": False,
         "FALSE": False, "on": True, "On": True, "ON": True, "off": False, "Off": False,
         "OFF": False}
_NULL = {"", "~", "null", "Null", "NULL"}
_INT = re.compile(r"^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?)$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_DATETIME = re.compile(
    r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})"
    r"(?:\.([0-9]*))?(?:[ \t]*(Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?$"
)
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
            "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
            "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9_./$][A-Za-z0-9_ ./$+=@()-]*$")


def resolve_plain(text):
    """The value of the plain (unquoted) scalar ``text``, typed as PyYAML's safe loader types it."""
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return _to_int(text.replace("_", ""))
    if _FLOAT.match(text):
        return float(text.replace("_", ""))
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return _to_timestamp(text)


def _to_int(text):
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    if digits.startswith("0b"):
        return sign * int(digits[2:], 2)
    if digits.startswith("0x"):
        return sign * int(digits[2:], 16)
    if digits != "0" and digits.startswith("0"):
        return sign * int(digits, 8)
    return sign * int(digits)


def _to_timestamp(text):
    date = _DATE.match(text)
    if date:
        return datetime.date(*map(int, date.groups()))
    stamp = _DATETIME.match(text)
    if not stamp:
        return text
    year, month, day, hour, minute, second, fraction, zone = stamp.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    value = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), micro)
    return value.replace(tzinfo=_zone(zone)) if zone else value


def _zone(text):
    if text == "Z":
        return datetime.timezone.utc
    hours, _, minutes = text[1:].partition(":")
    delta = datetime.timedelta(hours=int(hours), minutes=int(minutes or 0))
    return datetime.timezone(-delta if text[0] == "-" else delta)


def unescape_double(body):
    """The text of a double-quoted scalar's ``body`` (between the quotes), escapes resolved."""
    out, i = [], 0
    while i < len(body):
        if body[i] != "\\":
            out.append(body[i])
            i += 1
            continue
        code = body[i + 1 : i + 2]
        width = {"x": 2, "u": 4, "U": 8}.get(code)
        if width:
            out.append(chr(int(body[i + 2 : i + 2 + width], 16)))
            i += 2 + width
        elif code in _ESCAPES:
            out.append(_ESCAPES[code])
            i += 2
        else:
            raise ValueError(f"unknown escape '\\{code}' in a double-quoted string")
    return "".join(out)


def closing_quote(text, start, quote):
    """Index of the quote that closes the scalar opened at ``text[start]``, or -1."""
    i = start + 1
    while i < len(text):
        if quote == "'" and text[i] == "'":
            if text[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i
        if quote == '"' and text[i] == "\\":
            i += 2
            continue
        if quote == '"' and text[i] == '"':
            return i
        i += 1
    return -1


def quoted_value(body, quote):
    """The text of a quoted scalar whose ``body`` is between its quotes (already folded)."""
    return body.replace("''", "'") if quote == "'" else unescape_double(body)


def fold(pieces):
    """Join the stripped lines of a multi-line flow scalar: a line break becomes a space and each
    blank line a newline (YAML line folding)."""
    text, breaks = pieces[0], 0
    for piece in pieces[1:]:
        if piece == "":
            breaks += 1
            continue
        text += "\n" * breaks if breaks else " "
        text += piece
        breaks = 0
    return text + "\n" * breaks


def write_scalar(value):
    """``value`` (None, bool, int, float, str, date) as a YAML scalar that reads back equal."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        return repr(value) if not math.isinf(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    text = str(value)
    if _PLAIN_SAFE.match(text) and not text.endswith(" ") and resolve_plain(text) == text:
        return text
    if text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text)
