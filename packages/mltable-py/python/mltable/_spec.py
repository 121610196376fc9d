"""Validation of a whole MLTable document into a :class:`Plan` the engine runs.

Every problem raises :class:`MLTableError` naming the MLTable file, the field (such as
``transformations[2].read_delimited.header``) and what was expected.
"""

from dataclasses import dataclass, field as dataclass_field
from typing import Any, List

from ._checks import expect_columns, expect_count, expect_mapping
from ._errors import MLTableError
from ._filter import compile_filter
from ._partition import check_partition_format
from ._steps_read import (check_conversions, check_read_delimited, check_read_delta_lake,
                          check_read_json_lines, check_read_parquet)

TOP_LEVEL_KEYS = ("$schema", "type", "paths", "transformations", "traits", "metadata")
PATH_KINDS = ("file", "folder", "pattern")
READS = ("read_delimited", "read_json_lines", "read_parquet", "read_delta_lake")


@dataclass(frozen=True)
class PathEntry:
    kind: str  # file, folder or pattern
    value: str
    field: str


@dataclass(frozen=True)
class Step:
    name: str
    args: Any
    field: str


@dataclass
class Plan:
    paths: List[PathEntry]
    steps: List[Step] = dataclass_field(default_factory=list)


def _take_random_sample(raw, source, field):
    options = expect_mapping(raw, ("probability", "seed"), source, field)
    probability = options.get("probability")
    if isinstance(probability, bool) or not isinstance(probability, (int, float)) or not 0 <= probability <= 1:
        raise MLTableError(f"expected a number from 0 to 1, got {probability!r}", source, f"{field}.probability")
    seed = options.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise MLTableError(f"expected an integer, got {seed!r}", source, f"{field}.seed")
    return {"probability": float(probability), "seed": seed}


CHECKS = {
    "read_delimited": check_read_delimited,
    "read_json_lines": check_read_json_lines,
    "read_parquet": check_read_parquet,
    "read_delta_lake": check_read_delta_lake,
    "take": expect_count,
    "skip": expect_count,
    "take_random_sample": _take_random_sample,
    "drop_columns": expect_columns,
    "keep_columns": expect_columns,
    "convert_column_types": check_conversions,
    "filter": compile_filter,
    "extract_columns_from_partition_format": check_partition_format,
}


def compile_plan(document, source):
    """The :class:`Plan` of the MLTable ``document`` (a dict read from YAML)."""
    if not isinstance(document, dict):
        raise MLTableError(f"expected a YAML mapping with 'paths' and 'transformations', got {document!r}", source)
    unknown = [key for key in document if key not in TOP_LEVEL_KEYS]
    if unknown:
        raise MLTableError(f"unknown key; expected one of {', '.join(TOP_LEVEL_KEYS)}", source, str(unknown[0]))
    if document.get("type", "mltable") != "mltable":
        raise MLTableError(f"expected 'mltable', got {document['type']!r}", source, "type")
    return Plan(_paths(document.get("paths"), source), _steps(document.get("transformations"), source))


def _paths(raw, source):
    if not isinstance(raw, list) or not raw:
        raise MLTableError("expected a non-empty list of {file: ...}, {folder: ...} or {pattern: ...}", source, "paths")
    entries = []
    for number, item in enumerate(raw):
        where = f"paths[{number}]"
        if not isinstance(item, dict) or len(item) != 1 or next(iter(item)) not in PATH_KINDS:
            raise MLTableError(f"expected exactly one of file, folder or pattern, got {item!r}", source, where)
        kind, value = next(iter(item.items()))
        if not isinstance(value, str) or not value.strip():
            raise MLTableError(f"expected a path string, got {value!r}", source, f"{where}.{kind}")
        entries.append(PathEntry(kind, value.strip(), f"{where}.{kind}"))
    return entries


def _steps(raw, source):
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise MLTableError(f"expected a list of transformations, got {raw!r}", source, "transformations")
    steps = [_step(item, number, source) for number, item in enumerate(raw)]
    reads = [step for step in steps if step.name in READS]
    if len(reads) > 1:
        raise MLTableError("only one read transformation is allowed; "
                           f"{reads[0].field} already reads the files", source, reads[1].field)
    return steps


def _step(item, number, source):
    where = f"transformations[{number}]"
    if isinstance(item, str):
        name, raw = item, None
    elif isinstance(item, dict) and len(item) == 1:
        name, raw = next(iter(item.items()))
    else:
        raise MLTableError(f"expected a one-key mapping such as {{take: 10}}, got {item!r}", source, where)
    if name not in CHECKS:
        raise MLTableError(f"unknown transformation {name!r}; Lathe's mltable supports "
                           f"{', '.join(CHECKS)}", source, where)
    if raw is None and name not in READS:
        raise MLTableError("expected a value for this transformation", source, f"{where}.{name}")
    return Step(name, CHECKS[name](raw, source, f"{where}.{name}"), f"{where}.{name}")
