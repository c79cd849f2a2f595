"""Articles from CSV files: one row each, with a header naming the fields."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from wirecoder.records import Failure, SourceRecord
from wirecoder.sources.mapping import Fields, from_mapping


def read_csv(path: Path, fields: Fields, max_bytes: int) -> Iterator[SourceRecord | Failure]:
    """One article or failure per row; a row with undecodable bytes fails alone."""
    try:
        # Undecodable bytes are kept as surrogates so that only their rows fail.
        text = path.read_bytes().decode("utf-8-sig", errors="surrogateescape")
    except OSError as error:
        yield Failure(str(path), str(path), f"cannot read ({error.strerror})")
        return
    csv.field_size_limit(max(max_bytes, csv.field_size_limit()))
    rows = csv.DictReader(text.splitlines(keepends=True))
    for row in rows:
        locator = f"{path}:{rows.line_num}"
        if any("\udc80" <= c <= "\udcff" for value in row.values() if isinstance(value, str)
               for c in value):
            yield Failure(str(path), locator, "not valid UTF-8")
            continue
        yield from_mapping(row, path, locator, fields, max_bytes)
