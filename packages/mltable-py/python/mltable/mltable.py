"""The :class:`MLTable` object and :func:`load`, as in Azure's ``mltable.mltable`` module."""

import copy
import os
import random

from ._errors import MLTableError
from ._paths import is_remote, local_path
from ._spec import CHECKS, compile_plan
from ._yaml import dump_yaml, parse_yaml

_PUBLIC_STEPS = ("take", "skip", "take_random_sample", "drop_columns", "keep_columns",
                 "convert_column_types", "filter", "extract_columns_from_partition_format")


def load(uri, storage_options=None, ml_client=None):
    """The :class:`MLTable` described by the MLTable file in the local folder ``uri``.

    ``uri`` is a folder holding a file named ``MLTable``, or the path of that file
    (``file://`` prefixes are accepted). Relative paths inside the file are relative to its
    folder. ``storage_options`` and ``ml_client`` are accepted for Azure compatibility and
    ignored: Lathe gives jobs their inputs as local folders, and remote URIs are refused.

    Example::

        tbl = mltable.load(args.input)
        df = tbl.to_pandas_dataframe()
    """
    if not isinstance(uri, (str, os.PathLike)):
        raise MLTableError(f"expected a folder path, got {uri!r}", "<mltable.load>", "uri")
    uri = os.fspath(uri)
    if is_remote(uri) or uri.startswith("azureml:"):
        raise MLTableError(f"{uri!r} is a remote or data asset URI; Lathe's mltable loads MLTable "
                           "folders from local paths only (Lathe mounts job inputs locally)", "<mltable.load>", "uri")
    path = os.path.abspath(os.path.expanduser(local_path(uri)))
    mltable_file = path if os.path.isfile(path) else os.path.join(path, "MLTable")
    if not os.path.isfile(mltable_file):
        problem = "does not exist" if not os.path.exists(path) else "has no file named 'MLTable'"
        raise MLTableError(f"{path!r} {problem}", "<mltable.load>", "uri")
    with open(mltable_file, encoding="utf-8-sig") as handle:
        document = parse_yaml(handle.read(), mltable_file)
    return MLTable._create(document, os.path.dirname(mltable_file), mltable_file, mltable_file)


class MLTable:
    """A table: the paths of some files and the transformations that load them.

    Transformations are lazy and every method returns a new MLTable; files are read only by
    :meth:`to_pandas_dataframe`. Create tables with :func:`load` or the ``from_*`` functions.
    """

    def __init__(self):
        self._document = None

    @classmethod
    def _create(cls, document, base_dir, source, mltable_file=None):
        table = cls()
        table._plan = compile_plan(document, source)
        table._document = document
        table._base_dir = base_dir
        table._source = source
        table._mltable_file = mltable_file
        return table

    def _check_loaded(self):
        if self._document is None:
            raise MLTableError("this MLTable is empty; create tables with mltable.load() or mltable.from_*()")

    @property
    def paths(self):
        """The path entries as given, e.g. ``[{'file': './titanic.csv'}]``."""
        self._check_loaded()
        return copy.deepcopy(self._document["paths"])

    @property
    def partition_keys(self):
        """The columns that ``extract_columns_from_partition_format`` steps add."""
        self._check_loaded()
        keys = []
        for step in self._plan.steps:
            if step.name == "extract_columns_from_partition_format":
                keys += list(step.args.columns) + ([step.args.date_column] if step.args.date_column else [])
        return keys

    def to_pandas_dataframe(self):
        """Read the files and apply the transformations: a pandas DataFrame."""
        self._check_loaded()
        from ._engine import run

        return run(self._plan, self._base_dir, self._source, self._mltable_file)

    def show(self, count=20):
        """The first ``count`` rows as a pandas DataFrame."""
        return self.take(count).to_pandas_dataframe()

    def validate(self):
        """Raise :class:`MLTableError` unless at least one row can be loaded."""
        if self.take(1).to_pandas_dataframe().empty:
            raise MLTableError("no rows could be loaded", self._source)

    def take(self, count=20):
        """Keep the first ``count`` rows."""
        return self._add_step("take", _positive(count, "take", "count"))

    def skip(self, count):
        """Drop the first ``count`` rows."""
        return self._add_step("skip", _positive(count, "skip", "count"))

    def take_random_sample(self, probability, seed=None):
        """Keep each row with chance ``probability`` (0..1); ``seed`` makes it repeatable."""
        if seed is None:
            seed = random.randint(1, 1000)
        return self._add_step("take_random_sample", {"probability": probability, "seed": seed})

    def drop_columns(self, columns):
        """Remove the named column(s)."""
        return self._add_step("drop_columns", _column_list(columns))

    def keep_columns(self, columns):
        """Keep only the named column(s), in the order given."""
        return self._add_step("keep_columns", _column_list(columns))

    def convert_column_types(self, column_types):
        """Convert columns: ``{"Age": DataType.to_int(), ("A", "B"): "float", ...}``."""
        return self._add_step("convert_column_types", conversions_to_yaml(column_types, "column_types"))

    def filter(self, expression):
        """Keep rows where ``expression`` holds, e.g. ``'col("Age") > 30 and col("Sex") == "male"'``."""
        return self._add_step("filter", expression)

    def extract_columns_from_partition_format(self, partition_format):
        """Add columns taken from each file's path, e.g. ``"{year}/{month}/data.csv"``.

        As in Azure, the step runs first, on the files' paths; its columns reach every row."""
        return self._add_step("extract_columns_from_partition_format", {"partition_format": partition_format}, index=0)

    def save(self, path=None, overwrite=True, colocated=False, show_progress=False, if_err_remove_files=True):
        """Write this table as ``<path>/MLTable`` (default: the working directory); returns self.

        Local paths are written relative to ``path``. With ``colocated=True`` local data files
        are copied into ``path`` too. ``overwrite``: True/'overwrite', False/'fail' or 'skip'.
        ``show_progress`` and ``if_err_remove_files`` are accepted and ignored."""
        self._check_loaded()
        from ._save import save_table

        save_table(self._document, self._base_dir, path, overwrite, colocated)
        return self

    def _add_step(self, name, raw, index=None):
        self._check_loaded()
        CHECKS[name](raw, f"<MLTable.{name}>", "argument")
        document = dict(self._document)
        steps = list(document.get("transformations") or [])
        steps.insert(len(steps) if index is None else index, {name: raw})
        document["transformations"] = steps
        return MLTable._create(document, self._base_dir, self._source, self._mltable_file)

    def _to_yaml_dict(self):
        self._check_loaded()
        return copy.deepcopy(self._document)

    def __repr__(self):
        return dump_yaml(self._document) if self._document is not None else "MLTable()"

    __str__ = __repr__

    def __eq__(self, other):
        return isinstance(other, MLTable) and other._document == self._document and other._base_dir == self._base_dir

    __hash__ = None


def _positive(count, name, field):
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise MLTableError(f"expected a positive integer, got {count!r}", f"<MLTable.{name}>", field)
    return count


def _column_list(columns):
    if isinstance(columns, (set, frozenset)):
        return sorted(columns)
    return list(columns) if isinstance(columns, tuple) else columns


def conversions_to_yaml(column_types, field):
    """``{column or tuple of columns: DataType or type name}`` as YAML conversion entries."""
    from ._column_types import DataType

    if not isinstance(column_types, dict) or not column_types:
        raise MLTableError("expected a non-empty dict of {column or (columns, ...): DataType}",
                           "<MLTable.convert_column_types>", field)
    entries = []
    for columns, data_type in column_types.items():
        columns = list(columns) if isinstance(columns, tuple) else columns
        arguments = DataType._from_raw(data_type, "<MLTable.convert_column_types>", f"{field}[{columns!r}]")._arguments
        entries.append({"columns": columns, "column_type": copy.deepcopy(arguments)})
    return entries
