"""The ``from_*`` functions that build an :class:`MLTable` in Python, as Azure's do.

Relative local paths are relative to the working directory at the time of the call.
"""

import copy
import os

from ._errors import MLTableError
from ._options import MLTableFileEncoding, MLTableHeaders
from .mltable import MLTable, conversions_to_yaml


def from_paths(paths):
    """A table of the files in ``paths`` (one row per file, column ``Path``).

    ``paths`` is a list of ``{"file": ...}``, ``{"folder": ...}`` or ``{"pattern": ...}``."""
    return _table(paths, None, "from_paths")


def from_delimited_files(paths, header="all_files_same_headers", delimiter=",", support_multi_line=False,
                         empty_as_string=False, encoding="utf8", include_path_column=False,
                         infer_column_types=True):
    """A table that reads the delimited text files in ``paths``.

    Example::

        tbl = mltable.from_delimited_files([{"file": "./titanic.csv"}], delimiter=",")
        df = tbl.to_pandas_dataframe()
    """
    source = "<mltable.from_delimited_files>"
    options = {
        "delimiter": delimiter,
        "header": MLTableHeaders._parse(header, source, "header").name,
        "support_multi_line": support_multi_line,
        "empty_as_string": empty_as_string,
        "encoding": MLTableFileEncoding._parse(encoding, source, "encoding").name,
        "include_path_column": include_path_column,
        "infer_column_types": _inference_to_yaml(infer_column_types),
    }
    return _table(paths, {"read_delimited": options}, "from_delimited_files")


def from_json_lines_files(paths, invalid_lines="error", encoding="utf8", include_path_column=False):
    """A table that reads the JSON lines files in ``paths`` (one JSON object per line)."""
    encoding = MLTableFileEncoding._parse(encoding, "<mltable.from_json_lines_files>", "encoding").name
    options = {"invalid_lines": invalid_lines, "encoding": encoding, "include_path_column": include_path_column}
    return _table(paths, {"read_json_lines": options}, "from_json_lines_files")


def from_parquet_files(paths, include_path_column=False):
    """A table that reads the parquet files in ``paths`` (needs pyarrow or fastparquet when loaded)."""
    return _table(paths, {"read_parquet": {"include_path_column": include_path_column}}, "from_parquet_files")


def from_delta_lake(delta_table_uri, timestamp_as_of=None, version_as_of=None, include_path_column=False):
    """Not supported: Lathe's mltable has no Delta Lake reader."""
    raise MLTableError("Delta Lake tables are not supported by Lathe's mltable; install Azure's mltable "
                       "package in the job's environment, or export the table to parquet",
                       "<mltable.from_delta_lake>", "delta_table_uri")


def _table(paths, read_step, name):
    if not isinstance(paths, (list, tuple)):
        raise MLTableError(f"expected a list of {{'file'|'folder'|'pattern': path}} dicts, got {paths!r}",
                           f"<mltable.{name}>", "paths")
    document = {"type": "mltable", "paths": copy.deepcopy(list(paths))}
    if read_step:
        document["transformations"] = [read_step]
    return MLTable._create(document, os.getcwd(), f"<mltable.{name}>")


def _inference_to_yaml(infer_column_types):
    if isinstance(infer_column_types, bool) or not isinstance(infer_column_types, dict):
        return infer_column_types
    if not infer_column_types:
        return True
    options = dict(infer_column_types)
    if "column_type_overrides" in options:
        options["column_type_overrides"] = conversions_to_yaml(options["column_type_overrides"], "column_type_overrides")
    return options
