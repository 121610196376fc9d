"""Errors raised by Lathe's ``mltable``.

Every error says where the problem is: the MLTable file (or the Python call that built the
table), the field inside it, and what was expected.
"""


class MLTableError(ValueError):
    """A problem with an MLTable file, its arguments or its data.

    ``source`` is the MLTable file path (or a description of the Python call that built the
    table) and ``field`` the dotted location inside it, e.g. ``transformations[1].take``.
    """

    def __init__(self, message, source=None, field=None):
        self.source = source
        self.field = field
        super().__init__(_compose(message, source, field))


class MissingDependencyError(MLTableError, ImportError):
    """An optional package (``pyarrow`` or ``fastparquet``) that a transformation needs is missing.

    It is both an :class:`MLTableError` and an :class:`ImportError`.
    """


#: The name Azure's package uses for user errors; an alias, so ``except`` clauses written for
#: either name work.
UserErrorException = MLTableError


def _compose(message, source, field):
    where = []
    if source:
        where.append(source if source.startswith("<") else f"MLTable file '{source}'")
    if field:
        where.append(field)
    return f"{': '.join(where)}: {message}" if where else message


def describe(value):
    """A short ``repr`` of ``value`` for error messages."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
