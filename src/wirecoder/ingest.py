"""Articles read from sources on disk: text files, directories, JSON Lines, JSON, CSV, HTML.

Each source record becomes a :class:`SourceRecord` (an article and where it came from) or a
:class:`Failure` (where, and why it cannot be used); a bad record never stops the stream.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import json
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from wirecoder.articles import (
    MAX_BYTES,
    ArticleInput,
    check_text,
    decode_text,
    parse_date,
    read_article_file,
)
from wirecoder.errors import BadInput

JSON_LINES = {".jsonl", ".ndjson"}
HTML = {".html", ".htm"}
# Formats met in wire archives besides ISO dates: Reuters-21578 and RFC 2822 (RSS feeds).
_DATE_FORMATS = ("%d-%b-%Y %H:%M:%S.%f", "%d-%b-%Y", "%B %d, %Y", "%d %B %Y")


@dataclass(frozen=True)
class Fields:
    """Names of the fields of a JSON or CSV record; dotted names reach into nested objects."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    published: str = "published"
    url: str = "url"
    source: str = "source"


@dataclass
class SourceRecord:
    """An article ready for the pipeline, with its locator (``file`` or ``file:line``)."""

    item: ArticleInput
    locator: str
    url: str | None = None


@dataclass
class Failure:
    """A record that cannot be ingested."""

    source: str
    locator: str
    reason: str


def extraction_failure(record: SourceRecord, error: Exception) -> Failure:
    """The failure of a record whose extraction raised ``error``."""
    return Failure(record.item.source or record.locator, record.locator,
                   f"extraction failed ({type(error).__name__}: {error})")


def read_sources(paths: Iterable[str | Path], fields: Fields = Fields(),
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


def source_files(paths: Iterable[str | Path], skip: Collection[Path] = ()
                 ) -> Iterator[Path | Failure]:
    """The files :func:`read_sources` reads, in its order, or a Failure for a missing path.

    A file in ``skip``, or in a folder in ``skip`` (an output folder), is left out.
    """
    skip = {Path(p).resolve() for p in skip}
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file()
                              and skip.isdisjoint((p.resolve(), *p.resolve().parents))
                              and not any(part.startswith(".") for part in
                                          p.relative_to(path).parts))
        elif path.exists():
            yield path
        else:
            yield Failure(str(path), str(path), "no such file or directory")


def read_file(path: Path, fields: Fields = Fields(),
              max_bytes: int = MAX_BYTES) -> Iterator[SourceRecord | Failure]:
    """The records of one file, by its extension; anything unknown is read as plain text."""
    suffix = path.suffix.lower()
    if suffix in JSON_LINES:
        yield from _read_json_lines(path, fields, max_bytes)
    elif suffix == ".json":
        yield from _read_json(path, fields, max_bytes)
    elif suffix == ".csv":
        yield from _read_csv(path, fields, max_bytes)
    elif suffix in HTML:
        yield _read_html(path, max_bytes)
    else:
        try:
            yield SourceRecord(read_article_file(path, max_bytes=max_bytes), str(path))
        except BadInput as error:
            yield _failure(path, str(path), error)


def parse_published(value: object, record: str) -> dt.date | None:
    """A publication date in ISO, ``YYYY/M/D``, Reuters or RFC 2822 form, or BadInput."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    try:
        return parse_date(text, record)
    except BadInput:
        for layout in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, layout).date()
            except ValueError:
                continue
        try:
            return email.utils.parsedate_to_datetime(text).date()
        except (TypeError, ValueError):
            raise BadInput(f"{record}: unparsable publication date {text!r}") from None


def _read_json_lines(path: Path, fields: Fields, max_bytes: int):
    try:
        handle = path.open("rb")
    except OSError as error:
        yield Failure(str(path), str(path), f"cannot read ({error.strerror})")
        return
    with handle:
        for number, raw in enumerate(handle, 1):
            locator = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                yield Failure(str(path), locator, f"not valid UTF-8 (byte {error.start})")
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as error:
                yield Failure(str(path), locator, f"malformed JSON ({error.msg} at column "
                                                  f"{error.colno})")
                continue
            yield _from_mapping(value, path, locator, fields, max_bytes)


def _read_json(path: Path, fields: Fields, max_bytes: int):
    """A JSON array of article objects (Reuters-21578 as JSON), or one article object."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as error:
        yield Failure(str(path), str(path), f"cannot read ({error.strerror})")
        return
    except UnicodeDecodeError as error:
        yield Failure(str(path), str(path), f"not valid UTF-8 (byte {error.start})")
        return
    except json.JSONDecodeError as error:
        yield Failure(str(path), str(path), f"malformed JSON ({error.msg} at line "
                                            f"{error.lineno})")
        return
    if isinstance(data, dict):
        yield _from_mapping(data, path, str(path), fields, max_bytes)
        return
    if not isinstance(data, list):
        yield Failure(str(path), str(path), "JSON is neither an article object nor an array")
        return
    for index, value in enumerate(data):
        yield _from_mapping(value, path, f"{path}:[{index}]", fields, max_bytes)


def _read_csv(path: Path, fields: Fields, max_bytes: int):
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
        yield _from_mapping(row, path, locator, fields, max_bytes)


def _read_html(path: Path, max_bytes: int) -> SourceRecord | Failure:
    """Main text, title and date of a saved web page, found by trafilatura."""
    import trafilatura

    try:
        html = decode_text(path.read_bytes(), str(path), max_bytes)
    except OSError as error:
        return Failure(str(path), str(path), f"cannot read ({error.strerror})")
    except BadInput as error:
        return _failure(path, str(path), error)
    document = trafilatura.bare_extraction(html, with_metadata=True)
    if document is None or not (document.text or "").strip():
        return Failure(str(path), str(path), "no main text found in the HTML")
    try:
        published = parse_published(document.date, str(path))
    except BadInput:
        published = None  # trafilatura guesses dates; a bad guess is no reason to drop text
    item = ArticleInput(text=document.text, id=path.stem, published=published,
                        title=document.title, source=str(path))
    return SourceRecord(item, str(path), document.url)


def _from_mapping(value: object, path: Path, locator: str, fields: Fields,
                  max_bytes: int) -> SourceRecord | Failure:
    if not isinstance(value, dict):
        return Failure(str(path), locator, "record is not a JSON object")
    text = _field(value, fields.text)
    if text is None:
        return Failure(str(path), locator, f"missing text field {fields.text!r}")
    try:
        if not isinstance(text, str):
            raise BadInput(f"{locator}: text field {fields.text!r} is not a string")
        if len(text.encode("utf-8")) > max_bytes:
            raise BadInput(f"{locator}: too large (the limit is {max_bytes:,} bytes, set "
                           "with --max-bytes)")
        check_text(text, locator)
        published = parse_published(_field(value, fields.published), locator)
    except BadInput as error:
        return _failure(path, locator, error)
    record_id, title, url, source = (_text(_field(value, name)) for name in
                                     (fields.id, fields.title, fields.url, fields.source))
    item = ArticleInput(text=text, id=record_id, published=published, title=title,
                        source=source or str(path))
    return SourceRecord(item, locator, url)


def _field(record: dict, name: str) -> object:
    value: object = record
    for part in name.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _text(value: object) -> str | None:
    return None if value is None or str(value).strip() == "" else str(value).strip()


def _failure(path: Path, locator: str, error: BadInput) -> Failure:
    message = str(error)
    return Failure(str(path), locator, message.removeprefix(f"{locator}: "))
