"""Splitting a parallel job's input into mini-batches, as Azure ML's parallel run step does.

A file input (uri_folder, uri_file) gives each mini-batch a list of file paths: `mini_batch_size`
is a number of files ("10"), or a size ("10kb", "1mb") that files are added to until it is
reached. A tabular input (an MLTable folder) gives each mini-batch a pandas DataFrame: one per
distinct value of `partition_keys`, else runs of rows — a number of rows, or about that many
bytes of rows.
"""
import os
import re

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?b)\s*$", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 1024, "mb": 1024**2, "gb": 1024**3}


def parse_size(text):
    """("count", n) for "10", or ("bytes", n) for "10kb"; ValueError otherwise."""
    text = str(text).strip()
    if text.isdigit() and int(text) > 0:
        return ("count", int(text))
    match = _SIZE.match(text)
    if match and float(match.group(1)) > 0:
        return ("bytes", max(1, int(float(match.group(1)) * _UNITS[match.group(2).lower()])))
    raise ValueError(f"mini_batch_size {text!r} is neither a positive count (10) nor a size (10kb, 1mb)")


def is_table(path):
    """An MLTable folder (it has an MLTable file) is read as a table."""
    return os.path.isdir(path) and os.path.isfile(os.path.join(path, "MLTable"))


def list_files(path):
    """Every file under a folder, sorted by path (hidden files left out); a file is itself."""
    if os.path.isfile(path):
        return [path]
    found = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
    return found


def file_batches(files, size):
    """Lists of paths: `size` files each, or files adding up to at least `size` bytes each."""
    kind, amount = size
    if kind == "count":
        return [files[i : i + amount] for i in range(0, len(files), amount)]
    batches, current, total = [], [], 0
    for path in files:
        current.append(path)
        total += os.path.getsize(path)
        if total >= amount:
            batches.append(current)
            current, total = [], 0
    if current:
        batches.append(current)
    return batches


def table_batches(path, size, partition_keys):
    """DataFrames of the MLTable at `path`: one per partition, or runs of rows."""
    import mltable  # the job's, or Lathe's pure-Python one

    frame = mltable.load(path).to_pandas_dataframe()
    if partition_keys:
        missing = [k for k in partition_keys if k not in frame.columns]
        if missing:
            raise ValueError(f"partition_keys {missing} are not columns of the table ({list(frame.columns)})")
        return [group.reset_index(drop=True) for _, group in frame.groupby(list(partition_keys), sort=True)]
    kind, amount = size
    if kind == "bytes":
        per_row = max(1, int(frame.memory_usage(index=False, deep=True).sum() / max(1, len(frame))))
        amount = max(1, amount // per_row)
    return [frame.iloc[i : i + amount].reset_index(drop=True) for i in range(0, len(frame), amount)]
