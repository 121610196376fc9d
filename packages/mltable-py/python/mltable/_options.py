"""Enumerations for the options of Azure's ``mltable`` API: headers, encodings, save conflicts."""

from enum import Enum, auto

from ._errors import MLTableError


class MLTableHeaders(Enum):
    """How ``read_delimited`` takes column names from the first row of files."""

    #: No header row: columns are named Column1, Column2, ...
    no_header = auto()
    #: The first row of the first file names the columns; every other row is data.
    from_first_file = auto()
    #: Each file has its own header row; columns are combined by name.
    all_files_different_headers = auto()
    #: The first row of the first file names the columns; the first row of other files is dropped.
    all_files_same_headers = auto()

    @staticmethod
    def _parse(header, source=None, field=None):
        if isinstance(header, MLTableHeaders):
            return header
        if isinstance(header, str) and header.lower() in MLTableHeaders.__members__:
            return MLTableHeaders[header.lower()]
        names = ", ".join(repr(name) for name in MLTableHeaders.__members__)
        raise MLTableError(f"expected one of {names}, got {header!r}", source, field)


class MLTableFileEncoding(Enum):
    """Text encodings of delimited and JSON lines files."""

    utf8 = auto()
    iso88591 = auto()
    latin1 = auto()
    ascii = auto()
    utf16 = auto()
    utf32 = auto()
    utf8bom = auto()
    windows1252 = auto()

    @staticmethod
    def _parse(encoding, source=None, field=None):
        if isinstance(encoding, MLTableFileEncoding):
            return encoding
        name = _ENCODING_ALIASES.get(encoding.lower()) if isinstance(encoding, str) else None
        if name is None:
            names = ", ".join(repr(n) for n in MLTableFileEncoding.__members__)
            raise MLTableError(f"expected one of {names}, got {encoding!r}", source, field)
        return MLTableFileEncoding[name]

    @property
    def codec(self):
        """The Python codec that decodes this encoding."""
        return _CODECS[self.name]


_ENCODING_ALIASES = {
    "utf8": "utf8", "utf-8": "utf8", "utf-8 bom": "utf8bom", "utf8bom": "utf8bom",
    "utf-8-sig": "utf8bom", "iso88591": "iso88591", "iso-8859-1": "iso88591",
    "latin1": "latin1", "latin-1": "latin1", "ascii": "ascii", "utf16": "utf16",
    "utf-16": "utf16", "utf32": "utf32", "utf-32": "utf32", "windows1252": "windows1252",
    "windows-1252": "windows1252", "cp1252": "windows1252",
}
# utf-8-sig reads files with and without a byte-order mark alike.
_CODECS = {"utf8": "utf-8-sig", "utf8bom": "utf-8-sig", "iso88591": "iso-8859-1",
           "latin1": "latin-1", "ascii": "ascii", "utf16": "utf-16", "utf32": "utf-32",
           "windows1252": "cp1252"}


class MLTableSaveOverwriteOption(Enum):
    """What :meth:`MLTable.save` does when a file it writes already exists."""

    FAIL_ON_CONFLICT = auto()
    OVERWRITE = auto()
    SKIP = auto()

    @staticmethod
    def _parse(option):
        if option in (True, "overwrite", MLTableSaveOverwriteOption.OVERWRITE):
            return MLTableSaveOverwriteOption.OVERWRITE
        if option in (False, "fail", MLTableSaveOverwriteOption.FAIL_ON_CONFLICT):
            return MLTableSaveOverwriteOption.FAIL_ON_CONFLICT
        if option in ("skip", MLTableSaveOverwriteOption.SKIP):
            return MLTableSaveOverwriteOption.SKIP
        raise MLTableError(
            f"overwrite: expected True/'overwrite', False/'fail' or 'skip', got {option!r}",
            "<MLTable.save>",
        )
