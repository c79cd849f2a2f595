"""Plain-text articles: bytes checked and decoded, files read within the size limit."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

from wirecoder.errors import BadInput
from wirecoder.records import ArticleInput, Failure, SourceRecord, check_text

#: Default largest article accepted, in bytes (a long feature story is ~100 KB).
MAX_BYTES = 2_000_000


def decode_text(data: bytes, record: str, max_bytes: int = MAX_BYTES) -> str:
    """Check raw bytes and decode them as UTF-8, or raise BadInput naming the record."""
    if len(data) > max_bytes:
        raise BadInput(f"{record}: too large ({len(data):,} bytes; the limit is "
                       f"{max_bytes:,}, set with --max-bytes)")
    if b"\x00" in data:
        raise BadInput(f"{record}: binary content (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadInput(f"{record}: not valid UTF-8 (byte {error.start}: "
                       f"{data[error.start:error.start + 1]!r})") from None
    return check_text(text, record)


def read_article_file(path: Path, published: dt.date | None = None,
                      max_bytes: int = MAX_BYTES) -> ArticleInput:
    """Read one text file; its id is the file name without the extension."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BadInput(f"{path}: too large ({size:,} bytes; the limit is {max_bytes:,}, "
                           "set with --max-bytes)")
        data = path.read_bytes()
    except OSError as error:
        raise BadInput(f"{path}: cannot read ({error.strerror})") from None
    text = decode_text(data, str(path), max_bytes)
    return ArticleInput(text=text, id=path.stem, published=published, source=str(path))


def read_text(path: Path, fields: object, max_bytes: int) -> Iterator[SourceRecord | Failure]:
    """A plain-text file as one article (``fields`` are for formats with fields)."""
    try:
        yield SourceRecord(read_article_file(path, max_bytes=max_bytes), str(path))
    except BadInput as error:
        yield Failure(str(path), str(path), str(error).removeprefix(f"{path}: "))


def read_stdin(data: bytes, published: dt.date | None, max_bytes: int
               ) -> SourceRecord | Failure:
    """Standard input as one article, its id the start of its SHA-256."""
    try:
        text = decode_text(data, "<stdin>", max_bytes)
    except BadInput as error:
        return Failure("<stdin>", "<stdin>", str(error).removeprefix("<stdin>: "))
    item = ArticleInput(text=text, id=hashlib.sha256(data).hexdigest()[:16],
                        published=published, source="<stdin>")
    return SourceRecord(item, "<stdin>")
