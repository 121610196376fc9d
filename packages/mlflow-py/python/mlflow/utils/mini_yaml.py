"""A small YAML writer and reader for MLflow's model files (standard library only).

:func:`dump` writes block-style YAML as PyYAML's ``safe_dump(default_flow_style=False)`` does
(keys sorted, indentless lists, strings quoted when a plain scalar would read back differently).
:func:`load` reads the subset such files use: block mappings and sequences, plain scalars
(also folded over several lines), single- and double-quoted scalars (also multi-line), ``|``/``>``
block scalars, empty ``{}``/``[]`` and one-level flow collections. Anchors, tags and multiple
documents are not supported. Scalars resolve as PyYAML's safe loader does for null, booleans,
integers and floats; timestamps stay strings.
"""

import json
import math
import re

_PLAIN_SAFE = re.compile(r"^[A-Za-z_/][A-Za-z0-9_./+=<>@-]*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"}
_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(
    r"^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?)$"
)
_SPECIAL_FLOATS = {".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
            "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
            "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}


# ---------------------------------------------------------------- writing


def _scalar(value):
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
    text = str(value)
    if _PLAIN_SAFE.match(text) and text.lower() not in _RESERVED:
        return text
    if text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text)


def _lines(value, indent):
    pad = " " * indent
    if isinstance(value, dict):
        for key in sorted(value, key=str):
            item = value[key]
            if isinstance(item, (dict, list)) and item:
                yield f"{pad}{_scalar(key)}:"
                yield from _lines(item, indent + 2 if isinstance(item, dict) else indent)
            else:
                yield f"{pad}{_scalar(key)}: {_inline(item)}"
    else:
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
    if isinstance(value, list):
        return "[]"
    return _scalar(value)


def dump(data):
    """``data`` (dicts, lists, str, int, float, bool, None) as block-style YAML text."""
    if isinstance(data, (dict, list)) and data:
        return "\n".join(_lines(data, 0)) + "\n"
    return _inline(data) + "\n"


# ---------------------------------------------------------------- reading


def _resolve_plain(text):
    if text in ("", "~") or text.lower() == "null":
        return None
    lowered = text.lower()
    if lowered in ("true", "yes", "on"):
        return True
    if lowered in ("false", "no", "off"):
        return False
    if _INT.match(text):
        return int(text.replace("_", ""))
    if _FLOAT.match(text):
        return float(text.replace("_", ""))
    return _SPECIAL_FLOATS.get(lowered, text)


def _unescape(body):
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        code = body[i + 1]
        width = {"x": 2, "u": 4, "U": 8}.get(code)
        if width:
            out.append(chr(int(body[i + 2 : i + 2 + width], 16)))
            i += 2 + width
        else:
            out.append(_ESCAPES[code])
            i += 2
    return "".join(out)


def _fold(pieces, backslash_joins=False):
    """Join the lines of a multi-line flow scalar: a line break is a space, a blank line a
    newline (YAML line folding); in double quotes a trailing backslash joins lines directly."""
    text, breaks = pieces[0], 0
    for piece in pieces[1:]:
        if piece == "":
            breaks += 1
            continue
        if breaks:
            text += "\n" * breaks
        elif backslash_joins and text.endswith("\\"):
            text = text[:-1]
        else:
            text += " "
        text += piece
        breaks = 0
    return text + "\n" * breaks


def _quoted_end(text, quote):
    """Index of the closing quote in ``text`` (which starts after the opening one), or -1."""
    i = 0
    while i < len(text):
        if quote == "'" and text[i] == "'":
            if text[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i
        if quote == '"':
            if text[i] == "\\":
                i += 2
                continue
            if text[i] == '"':
                return i
        i += 1
    return -1


def _split_flow(body):
    return [part.strip() for part in body.split(",") if part.strip()]


class _Parser:
    def __init__(self, text):
        self.lines = text.replace("\t", "    ").splitlines()
        self.i = 0

    def _skip_blank(self):
        while self.i < len(self.lines):
            stripped = self.lines[self.i].strip()
            if stripped and not stripped.startswith("#") and stripped not in ("---", "..."):
                return True
            self.i += 1
        return False

    def _indent(self):
        line = self.lines[self.i]
        return len(line) - len(line.lstrip(" "))

    def node(self, min_indent):
        if not self._skip_blank() or self._indent() < min_indent:
            return None
        indent = self._indent()
        content = self.lines[self.i].strip()
        if content == "-" or content.startswith("- "):
            return self.sequence(indent)
        if _split_key(content) is not None:
            return self.mapping(indent)
        self.i += 1
        return self.scalar(content, indent - 1)

    def mapping(self, indent):
        result = {}
        while self._skip_blank() and self._indent() == indent:
            content = self.lines[self.i].strip()
            if content == "-" or content.startswith("- "):
                break
            split = _split_key(content)
            if split is None:
                raise ValueError(f"line {self.i + 1}: expected 'key: value', got {content!r}")
            key, rest = split
            self.i += 1
            if rest:
                result[key] = self.scalar(rest, indent)
            elif self._skip_blank() and self._indent() == indent and self.lines[self.i].strip()[:2] in ("- ", "-"):
                result[key] = self.sequence(indent)
            else:
                result[key] = self.node(indent + 1)
        return result

    def sequence(self, indent):
        items = []
        while self._skip_blank() and self._indent() == indent:
            content = self.lines[self.i].strip()
            if not (content == "-" or content.startswith("- ")):
                break
            rest = content[1:].lstrip()
            if not rest:
                self.i += 1
                items.append(self.node(indent + 1))
                continue
            item_indent = indent + len(content) - len(rest)
            if rest == "-" or rest.startswith("- ") or _split_key(rest) is not None:
                self.lines[self.i] = " " * item_indent + rest  # re-read the item as its own block
                items.append(self.node(item_indent))
            else:
                self.i += 1
                items.append(self.scalar(rest, indent))
        return items

    def _continuation(self, indent):
        """Following lines indented deeper than ``indent`` (stripped; blank lines as '')."""
        pieces = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if line.strip() and len(line) - len(line.lstrip(" ")) <= indent:
                break
            pieces.append(line.strip())
            self.i += 1
        while pieces and pieces[-1] == "":
            pieces.pop()
        return pieces

    def scalar(self, rest, indent):
        if rest[0] in "'\"":
            return self._quoted(rest, rest[0])
        if rest[0] in "|>":
            return self._block_scalar(rest, indent)
        if rest in ("{}", "[]"):
            return {} if rest == "{}" else []
        if rest[0] == "[" and rest.endswith("]"):
            return [_resolve_plain(p) for p in _split_flow(rest[1:-1])]
        if rest[0] == "{" and rest.endswith("}"):
            return {k: v for k, v in (_split_key(p + (" " if p.endswith(":") else "")) for p in _split_flow(rest[1:-1]))}
        text = re.split(r"\s+#", rest, maxsplit=1)[0].strip()
        pieces = [text] + self._continuation(indent)
        return _resolve_plain(_fold(pieces)) if len(pieces) > 1 else _resolve_plain(text)

    def _quoted(self, rest, quote):
        pieces = [rest[1:]]
        while _quoted_end("\n".join(pieces), quote) < 0:
            if self.i >= len(self.lines):
                raise ValueError("unterminated quoted scalar")
            pieces.append(self.lines[self.i].strip())
            self.i += 1
        pieces = [p.rstrip() if n < len(pieces) - 1 else p for n, p in enumerate(pieces)]
        joined = _fold(pieces, backslash_joins=quote == '"')
        body = joined[: _quoted_end(joined, quote)]
        return body.replace("''", "'") if quote == "'" else _unescape(body)

    def _block_scalar(self, header, indent):
        lines = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if line.strip() and len(line) - len(line.lstrip(" ")) <= indent:
                break
            lines.append(line)
            self.i += 1
        while lines and not lines[-1].strip():
            lines.pop()
        margin = min((len(l) - len(l.lstrip(" ")) for l in lines if l.strip()), default=0)
        body = [l[margin:] for l in lines]
        text = "\n".join(body) if header[0] == "|" else _fold([b.strip() for b in body] or [""])
        return text if "-" in header else text + "\n"


def _split_key(content):
    """``(key, rest)`` when ``content`` is a mapping entry ``key: rest``, else None."""
    if content[0] in "'\"":
        end = _quoted_end(content[1:], content[0])
        if end < 0:
            return None
        after = content[end + 2 :]
        if not (after == ":" or after.startswith(": ")):
            return None
        raw = content[1 : end + 1]
        key = raw.replace("''", "'") if content[0] == "'" else _unescape(raw)
        return key, after[1:].strip()
    match = re.match(r"^([^#{\[][^:]*?|[^:]*?)\s*:(?:\s+(.*))?$", content)
    if not match or match.group(1).startswith(("- ", "? ")) or content.startswith("-"):
        return None
    key = _resolve_plain(match.group(1).strip())
    return key, (match.group(2) or "").strip()


def load(text):
    """The data in YAML ``text`` (None for an empty document)."""
    parser = _Parser(text)
    value = parser.node(0)
    if parser._skip_blank():
        raise ValueError(f"line {parser.i + 1}: unexpected content {parser.lines[parser.i].strip()!r}")
    return value
