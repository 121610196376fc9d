"""Reading parquet files with pandas, which needs ``pyarrow`` or ``fastparquet``."""

import importlib.util
import os
import sys

from ._errors import MissingDependencyError, MLTableError


def read_parquet(paths, source, field):
    """One DataFrame per parquet file in ``paths``."""
    engine = _engine(source, field)
    import pandas

    frames = []
    for path in paths:
        if os.path.isdir(path):
            raise MLTableError(f"{path!r} is a folder; use 'folder:' to read the files in it", source, field)
        try:
            frames.append(pandas.read_parquet(path, engine=engine))
        except (OSError, ValueError) as error:
            raise MLTableError(f"cannot read parquet file {path!r}: {error}", source, field) from None
    return frames


def _engine(source, field):
    for name in ("pyarrow", "fastparquet"):
        if importlib.util.find_spec(name) is not None:
            return name
    raise MissingDependencyError(
        "read_parquet needs the 'pyarrow' package (or 'fastparquet'), and neither is importable "
        f"in this Python ({sys.executable}); add pyarrow to the job's environment "
        "(pip install pyarrow)", source, field)
