"""YAML flow collections (``[a, 'b']``, ``{k: v}``) on one logical line, nested to any depth."""

from ._yaml_scalars import closing_quote, quoted_value, resolve_plain

_CLOSERS = {"[": "]", "{": "}"}


class FlowError(ValueError):
    """A malformed flow collection; the message says what was expected."""


def parse_flow(text):
    """The list or dict written as the flow collection ``text`` (nothing may follow it)."""
    value, end = _node(text, _skip(text, 0))
    end = _skip(text, end)
    if end < len(text) and not text[end:].lstrip().startswith("#"):
        raise FlowError(f"unexpected {text[end:]!r} after the closing bracket")
    return value


def balanced(text):
    """Whether every bracket opened in ``text`` (outside quotes) is closed."""
    depth, i = 0, 0
    while i < len(text):
        char = text[i]
        if char in "'\"" and (i == 0 or text[i - 1] in " [{,:"):
            end = closing_quote(text, i, char)
            if end < 0:
                return False
            i = end
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        i += 1
    return depth <= 0


def _skip(text, i):
    while i < len(text) and text[i] in " \t":
        i += 1
    return i


def _node(text, i):
    if i >= len(text):
        raise FlowError("the flow collection ends early")
    char = text[i]
    if char == "[":
        return _sequence(text, i + 1)
    if char == "{":
        return _mapping(text, i + 1)
    if char in "'\"":
        end = closing_quote(text, i, char)
        if end < 0:
            raise FlowError("a quoted string is not closed")
        return quoted_value(text[i + 1 : end], char), end + 1
    if char in "&*!":
        raise FlowError("anchors, aliases and tags are not supported")
    return _plain(text, i)


def _plain(text, i):
    start = i
    while i < len(text):
        char = text[i]
        if char in ",]}" or (char == ":" and text[i + 1 : i + 2] in ("", " ", ",", "]", "}")):
            break
        if char == "#" and text[i - 1] in " \t":
            break
        i += 1
    return resolve_plain(text[start:i].strip()), i


def _sequence(text, i):
    items = []
    i = _skip(text, i)
    while True:
        if i >= len(text):
            raise FlowError("a '[' is not closed")
        if text[i] == "]":
            return items, i + 1
        value, i = _node(text, i)
        if _skip(text, i) < len(text) and text[_skip(text, i)] == ":":
            key_end = _skip(text, i) + 1
            item, i = _node(text, _skip(text, key_end))
            value = {value: item}
        items.append(value)
        i = _after_item(text, _skip(text, i), "]")


def _mapping(text, i):
    result = {}
    i = _skip(text, i)
    while True:
        if i >= len(text):
            raise FlowError("a '{' is not closed")
        if text[i] == "}":
            return result, i + 1
        key, i = _node(text, i)
        i = _skip(text, i)
        value = None
        if i < len(text) and text[i] == ":":
            i = _skip(text, i + 1)
            if i < len(text) and text[i] not in ",}":
                value, i = _node(text, i)
        result[key] = value
        i = _after_item(text, _skip(text, i), "}")


def _after_item(text, i, closer):
    if i < len(text) and text[i] == ",":
        return _skip(text, i + 1)
    if i < len(text) and text[i] == closer:
        return i
    raise FlowError(f"expected ',' or '{closer}' in a flow collection")
