"""A small YAML reader for MLTable files, used when PyYAML is not importable.

It reads what MLTable files are made of: block mappings and sequences (also a sequence at the
same indent as its key, and ``- key: value`` items), plain scalars (also over several lines),
single- and double-quoted scalars (also over several lines), ``|``/``>`` block scalars, flow
collections (``[a, "b"]``, ``{k: v}``, nested, also over several lines) and ``#`` comments.
Plain scalars are typed as PyYAML's safe loader types them (null, booleans, integers, floats,
dates and timestamps). Anchors, aliases, tags and several documents are refused with an error.
"""

import re

from ._yaml_flow import FlowError, balanced, parse_flow
from ._yaml_scalars import closing_quote, fold, quoted_value, resolve_plain


class YamlSyntaxError(ValueError):
    """Malformed YAML; ``line`` is the 1-based line number."""

    def __init__(self, message, line):
        self.line = line
        super().__init__(f"line {line}: {message}")


def read_yaml(text):
    """The data in the YAML document ``text`` (None when it holds nothing)."""
    reader = _Reader(text)
    value = reader.block(0)
    if reader.next_line() is not None:
        raise reader.error(f"unexpected {reader.content(reader.i)!r} (check its indentation)")
    return value


def _strip_comment(line):
    """``line`` without a trailing ``# comment`` (a ``#`` inside quotes is kept)."""
    i = 0
    while i < len(line):
        char = line[i]
        if char in "'\"" and (i == 0 or line[i - 1] in " \t[{,:-"):
            end = closing_quote(line, i, char)
            if end < 0:
                return line
            i = end
        elif char == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
        i += 1
    return line


def _split_key(content):
    """``(key, rest)`` when ``content`` is a block mapping entry ``key: rest``, else None."""
    if content[0] in "'\"":
        end = closing_quote(content, 0, content[0])
        after = content[end + 1 :] if end > 0 else ""
        if end < 0 or not (after == ":" or after.startswith((": ", ":\t"))):
            return None
        return quoted_value(content[1:end], content[0]), after[1:].strip()
    if _is_item(content) or content[0] in "[{|>!&*%@`?":
        return None
    match = re.match(r"^(.*?)[ \t]*:(?:[ \t]+(.*))?$", content)
    if not match or match.group(1) == "":
        return None
    return resolve_plain(match.group(1)), (match.group(2) or "").strip()


def _is_item(content):
    return content == "-" or content.startswith(("- ", "-\t"))


class _Reader:
    def __init__(self, text):
        self.lines = text.splitlines()
        self.i = 0
        self.started = False

    def error(self, message, index=None):
        return YamlSyntaxError(message, (self.i if index is None else index) + 1)

    def content(self, index):
        return _strip_comment(self.lines[index]).strip()

    def indent(self, index):
        line = self.lines[index]
        stripped = line.lstrip(" ")
        if stripped.startswith("\t") and stripped.strip():
            raise self.error("tabs cannot indent YAML; use spaces", index)
        return len(line) - len(stripped)

    def next_line(self):
        """Index of the next line with content (skipping blanks, comments, '---'), or None."""
        while self.i < len(self.lines):
            content = self.content(self.i)
            if content in ("---", "...") and self.indent(self.i) == 0:
                if content == "---" and self.started:
                    raise self.error("several YAML documents in one file are not supported")
                self.i += 1
                continue
            if content:
                self.started = True
                return self.i
            self.i += 1
        return None

    def block(self, min_indent):
        """The node starting at the next line, if it is indented at least ``min_indent``."""
        index = self.next_line()
        if index is None or self.indent(index) < min_indent:
            return None
        indent, content = self.indent(index), self.content(index)
        if _is_item(content):
            return self.sequence(indent)
        if _split_key(content) is not None:
            return self.mapping(indent)
        self.i += 1
        return self.value(content, indent - 1, index)

    def mapping(self, indent):
        result = {}
        while self.next_line() is not None and self.indent(self.i) == indent:
            index, content = self.i, self.content(self.i)
            if _is_item(content):
                raise self.error("a '- ' item cannot follow a 'key: value' entry at the same indent")
            split = _split_key(content)
            if split is None:
                raise self.error(f"expected 'key: value', got {content!r}")
            key, rest = split
            self.i += 1
            result[key] = self.value(rest, indent, index) if rest else self.nested(indent)
        self._check_dedent(indent)
        return result

    def nested(self, indent):
        index = self.next_line()
        if index is not None and self.indent(index) == indent and _is_item(self.content(index)):
            return self.sequence(indent)
        return self.block(indent + 1)

    def sequence(self, indent):
        items = []
        while self.next_line() is not None and self.indent(self.i) == indent:
            index, content = self.i, self.content(self.i)
            if not _is_item(content):
                break
            rest = content[1:].strip()
            if not rest:
                self.i += 1
                items.append(self.block(indent + 1))
            elif _is_item(rest) or _split_key(rest) is not None:
                line = self.lines[index]
                self.lines[index] = line[:indent] + " " + line[indent + 1 :]  # read the item as a block
                items.append(self.block(indent + 1))
            else:
                self.i += 1
                items.append(self.value(rest, indent, index))
        self._check_dedent(indent)
        return items

    def _check_dedent(self, indent):
        index = self.next_line()
        if index is not None and self.indent(index) > indent:
            raise self.error(f"unexpected indentation before {self.content(index)!r}")

    def value(self, rest, indent, index):
        """The value written as ``rest`` on line ``index``; it may continue on lines indented more
        than ``indent``."""
        if rest[0] in "&*!":
            raise self.error("YAML anchors, aliases and tags are not supported", index)
        if rest[0] in "'\"":
            column = self.indent(index) + len(self.content(index)) - len(rest)
            return self.quoted(index, column, rest[0])
        if rest[0] in "[{":
            return self.flow(rest, index)
        if rest[0] in "|>":
            return self.block_scalar(rest, indent)
        pieces = [rest] + self.continuation(indent)
        return resolve_plain(fold(pieces) if len(pieces) > 1 else rest)

    def continuation(self, indent):
        pieces = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if line.strip() and (self.indent(self.i) <= indent or self.content(self.i) == ""):
                break
            pieces.append(self.content(self.i))
            self.i += 1
        while pieces and pieces[-1] == "":
            pieces.pop()
        return pieces

    def quoted(self, index, start, quote):
        """The quoted scalar opened at column ``start`` of line ``index``."""
        text = self.lines[index]
        end = closing_quote(text, start, quote)
        while end < 0:
            if self.i >= len(self.lines):
                raise self.error("a quoted string is not closed", index)
            text += "\n" + self.lines[self.i]
            self.i += 1
            end = closing_quote(text, start, quote)
        self._check_after_quote(text[end + 1 :], index)
        body = text[start + 1 : end]
        if "\n" in body:
            body = fold([piece.strip() for piece in body.split("\n")])
        return quoted_value(body, quote)

    def _check_after_quote(self, after, index):
        after = _strip_comment(after).strip()
        if after:
            raise self.error(f"unexpected {after!r} after a quoted string", index)

    def flow(self, rest, index):
        text = rest
        while not balanced(text):
            if self.i >= len(self.lines):
                raise self.error("a '[' or '{' is not closed", index)
            text += " " + self.content(self.i)
            self.i += 1
        try:
            return parse_flow(text)
        except FlowError as error:
            raise self.error(str(error), index) from None

    def block_scalar(self, header, indent):
        lines = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if line.strip() and len(line) - len(line.lstrip(" ")) <= indent:
                break
            lines.append(line)
            self.i += 1
        kept = len(lines)
        while lines and not lines[-1].strip():
            lines.pop()
        margin = min((len(l) - len(l.lstrip(" ")) for l in lines if l.strip()), default=0)
        body = [l[margin:] for l in lines]
        text = "\n".join(body) if header[0] == "|" else fold(body or [""])
        if "-" in header:
            return text
        return text + "\n" * (kept - len(lines) + 1 if "+" in header else 1) if text else ""
