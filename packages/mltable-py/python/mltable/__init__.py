"""Lathe's ``mltable``: loads Azure ML ``mltable`` data assets into pandas without Azure.

It implements the commonly used part of Azure's ``mltable`` package for local folders:
:func:`load` an MLTable folder, build tables with the ``from_*`` functions, chain
transformations, materialise with :meth:`MLTable.to_pandas_dataframe` and :meth:`MLTable.save`.
pandas is imported only when data is loaded. Unsupported features raise :class:`MLTableError`
saying so. See the package README for what is and is not supported.

Example::

    import mltable

    tbl = mltable.load("./titanic")
    df = tbl.to_pandas_dataframe()
"""

from ._builders import (from_delimited_files, from_delta_lake, from_json_lines_files, from_parquet_files,
                        from_paths)
from ._column_types import DataType
from ._errors import MissingDependencyError, MLTableError, UserErrorException
from ._options import MLTableFileEncoding, MLTableHeaders, MLTableSaveOverwriteOption
from .mltable import MLTable, load

#: Azure's mltable version whose API this follows, labelled as Lathe's.
__version__ = "1.7.0+lathe"

__all__ = [
    "DataType",
    "MLTable",
    "MLTableError",
    "MLTableFileEncoding",
    "MLTableHeaders",
    "MLTableSaveOverwriteOption",
    "MissingDependencyError",
    "UserErrorException",
    "from_delimited_files",
    "from_delta_lake",
    "from_json_lines_files",
    "from_parquet_files",
    "from_paths",
    "load",
]
