"""The one reader registry: which reader a file goes to, by its extension.

Every reader is a function ``(path, fields, max_bytes) -> records`` yielding a
:class:`~wirecoder.records.SourceRecord` (an article and where it came from) or a
:class:`~wirecoder.records.Failure` (where, and why it cannot be used) per record; a bad
record never stops the stream. ``wirecoder extract``, ``ingest`` and ``spark`` all read here.
Add a format by adding its reader to :data:`READERS` and, when a file of it holds many
records, the function that counts them to :data:`COUNTERS`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path

from wirecoder.records import Failure, SourceRecord
from wirecoder.sources.csv_records import count_csv, read_csv
from wirecoder.sources.html import read_html
from wirecoder.sources.json_records import (
    count_json,
    count_json_lines,
    read_json,
    read_json_lines,
)
from wirecoder.sources.mapping import Fields
from wirecoder.sources.text import MAX_BYTES, read_text

DEFAULT_FIELDS = Fields()
Reader = Callable[[Path, Fields, int], Iterator[SourceRecord | Failure]]
Counter = Callable[[Path, Fields, int], int]

#: Reader by file extension; any other file is read as plain text.
READERS: dict[str, Reader] = {
    ".jsonl": read_json_lines, ".ndjson": read_json_lines, ".json": read_json,
    ".csv": read_csv, ".html": read_html, ".htm": read_html,
}
#: How many records a file holds, counted without reading them as articles, by extension;
#: any other file holds one.
COUNTERS: dict[str, Counter] = {
    ".jsonl": count_json_lines, ".ndjson": count_json_lines, ".json": count_json,
    ".csv": count_csv,
}


def read_sources(paths: Iterable[str | Path], fields: Fields = DEFAULT_FIELDS,
                 max_bytes: int = MAX_BYTES,
                 skip: Collection[Path] = ()) -> Iterator[SourceRecord | Failure]:
    """Every record of every source, in order; directories are read recursively by name.

    Files in ``skip`` (the database being written, which may sit in a source directory) and
    hidden files in directories are left out.
    """
    for file in source_files(paths, skip):
        if isinstance(file, Failure):
            yield file
        else:
            yield from read_file(file, fields, max_bytes)


def count_records(paths: Iterable[str | Path], fields: Fields = DEFAULT_FIELDS,
                  max_bytes: int = MAX_BYTES, skip: Collection[Path] = (),
                  most: int | None = None) -> int | None:
    """How many records :func:`read_sources` will yield, counted before it reads them (a
    progress bar's total), and no more than ``most``. None when a source is not a regular
    file: a pipe or a device can be read only once."""
    total = 0
    for file in source_files(paths, skip):
        if isinstance(file, Path) and not file.is_file():
            return None
        counter = None if isinstance(file, Failure) else COUNTERS.get(file.suffix.lower())
        try:
            total += counter(file, fields, max_bytes) if counter else 1
        except OSError:
            total += 1  # the reader's one failure: cannot read
        if most is not None and total >= most:
            return most
    return total


def source_files(paths: Iterable[str | Path], skip: Collection[Path] = ()
                 ) -> Iterator[Path | Failure]:
    """The files :func:`read_sources` reads, in its order, or a Failure for a path that
    cannot be read: missing, an unreadable folder, or (inside a folder) anything that is not
    a regular file. A path given by name may be a pipe or a device: it is read within the
    size limit.

    A file in ``skip``, or in a folder in ``skip`` (an output folder), is left out.
    """
    skip = {Path(p).resolve() for p in skip}
    for path in map(Path, paths):
        if path.is_dir():
            yield from _folder(path, skip)
        elif path.exists():
            yield path
        else:
            yield Failure(str(path), str(path), "no such file or directory")


def _folder(root: Path, skip: set[Path]) -> Iterator[Path | Failure]:
    """The files under a folder, sorted by path; hidden names left out."""
    found: list[Path | Failure] = []

    def unreadable(error: OSError) -> None:
        where = error.filename or str(root)
        found.append(Failure(where, where, f"cannot read folder ({error.strerror})"))

    for folder, folders, files in os.walk(root, onerror=unreadable):
        folders[:] = [f for f in folders if not f.startswith(".")]
        for name in files:
            path = Path(folder) / name
            if name.startswith(".") or not skip.isdisjoint((path.resolve(),
                                                            *path.resolve().parents)):
                continue
            if not path.is_file():
                found.append(Failure(str(path), str(path), "not a regular file (a pipe, "
                                     "device or socket inside a folder is not read)"))
                continue
            found.append(path)
    yield from sorted(found, key=lambda f: Path(f.locator) if isinstance(f, Failure) else f)


def read_file(path: Path, fields: Fields = DEFAULT_FIELDS,
              max_bytes: int = MAX_BYTES) -> Iterator[SourceRecord | Failure]:
    """The records of one file, by its extension."""
    reader = READERS.get(path.suffix.lower(), read_text)
    yield from reader(path, fields, max_bytes)
