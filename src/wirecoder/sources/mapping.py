"""Articles from field mappings (JSON objects, CSV rows): named fields, publication dates."""

from __future__ import annotations

import datetime as dt
import email.utils
from dataclasses import dataclass
from pathlib import Path

from wirecoder.errors import BadInput
from wirecoder.records import (
    ArticleInput,
    Failure,
    SourceRecord,
    check_text,
    parse_date,
    without_surrogates,
)
from wirecoder.sources.text import too_large

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


def from_mapping(value: object, path: Path, locator: str, fields: Fields,
                 max_bytes: int) -> SourceRecord | Failure:
    """The article of one JSON object or CSV row, or the failure that says what is wrong."""
    if not isinstance(value, dict):
        return Failure(str(path), locator, "record is not a JSON object")
    text = _field(value, fields.text)
    if text is None:
        return Failure(str(path), locator, f"missing text field {fields.text!r}")
    try:
        if not isinstance(text, str):
            raise BadInput(f"{locator}: text field {fields.text!r} is not a string")
        check_text(text, locator)
        if len(text.encode("utf-8")) > max_bytes:
            raise too_large(locator, max_bytes)
    except BadInput as error:
        return failure(path, locator, error)
    warnings: list[str] = []
    try:
        published = parse_published(_field(value, fields.published), locator)
    except BadInput as error:
        # a bad date is no reason to lose the article: it is kept without one
        published = None
        warnings.append(f"{str(error).removeprefix(f'{locator}: ')}; stored without a date")
    record_id, title, url, source = (_text(_field(value, name), name, warnings) for name in
                                     (fields.id, fields.title, fields.url, fields.source))
    item = ArticleInput(text=text, id=record_id, published=published, title=title,
                        source=source or str(path))
    return SourceRecord(item, locator, url, warnings)


def failure(path: Path, locator: str, error: BadInput) -> Failure:
    """A Failure from a BadInput error, its reason without the repeated locator."""
    message = str(error)
    return Failure(str(path), locator, message.removeprefix(f"{locator}: "))


def _field(record: dict, name: str) -> object:
    value: object = record
    for part in name.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _text(value: object, name: str, warnings: list[str]) -> str | None:
    """A metadata field as text; a lone surrogate in it is replaced (and said so)."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    clean = without_surrogates(text)
    if clean != text:
        warnings.append(f"field {name!r} is not valid Unicode; its lone surrogates were "
                        "replaced by U+FFFD")
    return clean
