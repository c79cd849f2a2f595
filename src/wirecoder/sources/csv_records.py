"""Articles from CSV files: one row each, with a header naming the fields.

Rows are split only where CSV splits them: a line or paragraph separator (U+2028, U+0085,
form feed ...) inside a field is text. A header without the text field is tried with the
other common delimiters (";", tab, "|") before the file is refused with one failure that
names the columns it has.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from wirecoder.records import Failure, SourceRecord
from wirecoder.sources.mapping import Fields, from_mapping

_DELIMITERS = (",", ";", "\t", "|")


def read_csv(path: Path, fields: Fields, max_bytes: int) -> Iterator[SourceRecord | Failure]:
    """One article or failure per row; a row with undecodable bytes fails alone."""
    try:
        # Undecodable bytes are kept as surrogates so that only their rows fail.
        text = path.read_bytes().decode("utf-8-sig", errors="surrogateescape")
    except OSError as error:
        yield Failure(str(path), str(path), f"cannot read ({error.strerror})")
        return
    # no field can be longer than the file: one too long for an article fails alone
    csv.field_size_limit(max(len(text), csv.field_size_limit()))
    delimiter = _delimiter(text, fields.text)
    if delimiter is None:
        header = next(csv.reader(io.StringIO(text, newline="")), [])
        yield Failure(str(path), str(path),
                      f"no {fields.text!r} column in the CSV header (columns: "
                      f"{', '.join(header[:12]) or 'none'}); name it with --text-field")
        return
    rows = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    for row in rows:
        locator = f"{path}:{rows.line_num}"
        if any("\udc80" <= c <= "\udcff" for value in row.values() if isinstance(value, str)
               for c in value):
            yield Failure(str(path), locator, "not valid UTF-8")
            continue
        yield from_mapping(row, path, locator, fields, max_bytes)


def count_csv(path: Path, fields: Fields, max_bytes: int) -> int:
    """How many records :func:`read_csv` yields: one per row that is not blank, or one
    failure for a header without the text field."""
    text = path.read_bytes().decode("utf-8-sig", errors="surrogateescape")
    csv.field_size_limit(max(len(text), csv.field_size_limit()))
    delimiter = _delimiter(text, fields.text)
    if delimiter is None:
        return 1
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return sum(1 for row in rows if row) - 1  # the header


def _delimiter(text: str, text_field: str) -> str | None:
    """The delimiter whose header has the text field (a dotted name counts as given)."""
    wanted = text_field.split(".")[0]
    for delimiter in _DELIMITERS:
        header = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
        if wanted in header:
            return delimiter
    return None
