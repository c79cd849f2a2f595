"""Articles as they enter the pipeline: reading files, checking them, finding the title."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from wirecoder.errors import BadInput
from wirecoder.records import Article

#: Default largest article accepted, in bytes (a long feature story is ~100 KB).
MAX_BYTES = 2_000_000
_TITLE_MAX = 200


@dataclass
class ArticleInput:
    """A text to extract from, with what is known about it."""

    text: str
    id: str | None = None
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None

    def article(self) -> Article:
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        return Article(id=self.id or digest[:16], published=self.published,
                       title=self.title if self.title is not None else find_title(self.text),
                       text_sha256=digest, source=self.source)


def find_title(text: str) -> str | None:
    """The first line, when it stands alone: short, followed by a blank line, no full stop."""
    match = re.match(r"\s*([^\n]+)\n[ \t]*\n", text)
    if not match:
        return None
    line = match.group(1).strip()
    if len(line) > _TITLE_MAX or line.endswith((".", ",", ";", ":")) and not line.endswith(
            "..."):
        return None
    return line or None


def parse_date(value: str | None, record: str = "input") -> dt.date | None:
    """Parse ``YYYY-MM-DD`` (also ``YYYY/M/D`` and ISO datetimes) or raise BadInput."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][\d:.+\-Z]*)?", text)
    try:
        if not match:
            raise ValueError
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise BadInput(f"{record}: unparsable publication date {text!r} "
                       "(expected YYYY-MM-DD)") from None


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


def check_text(text: str, record: str) -> str:
    if not text.strip():
        raise BadInput(f"{record}: empty article (no text)")
    return text


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
