"""Plain-text articles: bytes read within the size limit, checked and decoded as UTF-8.

Every read stops at the limit, whatever the file is: a regular file, a pipe, a device or
standard input (``/dev/zero`` is "too large", never a memory error). A named pipe with no
writer reads as empty instead of waiting forever.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from wirecoder.errors import BadInput
from wirecoder.records import ArticleInput, Failure, SourceRecord, check_text

#: Default largest article accepted, in bytes (a long feature story is ~100 KB).
MAX_BYTES = 2_000_000
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def too_large(record: str, max_bytes: int) -> BadInput:
    return BadInput(f"{record}: too large (more than {max_bytes:,} bytes; the limit is set "
                    "with --max-bytes)")


def read_bounded(stream: BinaryIO, record: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` bytes of a stream, or BadInput when it holds more."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(record, max_bytes)
    return data


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file, a pipe or a device, read within the limit."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISREG(mode) and path.stat().st_size > max_bytes:
            raise too_large(str(path), max_bytes)
        if stat.S_ISDIR(mode):
            raise BadInput(f"{path}: a directory, not a file")
        # a named pipe opens at once without waiting for a writer; with none it reads empty
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb") as handle:
            return read_bounded(handle, str(path), max_bytes)
    except OSError as error:
        raise BadInput(f"{path}: cannot read ({error.strerror})") from None


def decode_text(data: bytes, record: str, max_bytes: int = MAX_BYTES) -> str:
    """Check raw bytes and decode them as UTF-8, or raise BadInput naming the record."""
    if len(data) > max_bytes:
        raise too_large(record, max_bytes)
    if data.startswith(_UTF16_MARKS) or _looks_utf16(data):
        raise BadInput(f"{record}: UTF-16 text, not UTF-8 (save it as UTF-8)")
    if b"\x00" in data:
        raise BadInput(f"{record}: binary content (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadInput(f"{record}: not valid UTF-8 (byte {error.start}: "
                       f"{data[error.start:error.start + 1]!r})") from None
    return check_text(text, record)


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte order mark: ASCII letters with a NUL beside each of them."""
    head = data[:400]
    if len(head) < 8:
        return False
    even, odd = head[0::2], head[1::2]
    return even.count(0) > 0.9 * len(even) or odd.count(0) > 0.9 * len(odd)


def read_article_file(path: Path, published: dt.date | None = None,
                      max_bytes: int = MAX_BYTES) -> ArticleInput:
    """Read one text file; its id is the file name without the extension."""
    path = Path(path)
    text = decode_text(read_bytes(path, max_bytes), str(path), max_bytes)
    return ArticleInput(text=text, id=path.stem, published=published, source=str(path))


def read_text(path: Path, fields: object, max_bytes: int) -> Iterator[SourceRecord | Failure]:
    """A plain-text file as one article (``fields`` are for formats with fields)."""
    try:
        yield SourceRecord(read_article_file(path, max_bytes=max_bytes), str(path))
    except BadInput as error:
        yield Failure(str(path), str(path), str(error).removeprefix(f"{path}: "))


def read_stdin(stream: BinaryIO, published: dt.date | None, max_bytes: int
               ) -> SourceRecord | Failure:
    """Standard input as one article, its id the start of its SHA-256; read no further than
    the limit."""
    try:
        data = read_bounded(stream, "<stdin>", max_bytes)
        text = decode_text(data, "<stdin>", max_bytes)
    except BadInput as error:
        return Failure("<stdin>", "<stdin>", str(error).removeprefix("<stdin>: "))
    item = ArticleInput(text=text, id=hashlib.sha256(data).hexdigest()[:16],
                        published=published, source="<stdin>")
    return SourceRecord(item, "<stdin>")
