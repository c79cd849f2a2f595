"""Articles from saved web pages: main text, title and date found by trafilatura."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from wirecoder.errors import BadInput
from wirecoder.records import ArticleInput, Failure, SourceRecord
from wirecoder.sources.mapping import Fields, failure, parse_published
from wirecoder.sources.text import decode_text, read_bytes


def read_html(path: Path, fields: Fields, max_bytes: int) -> Iterator[SourceRecord | Failure]:
    """The page's article, or the failure that says why there is none."""
    import trafilatura

    try:
        html = decode_text(read_bytes(path, max_bytes), str(path), max_bytes)
    except BadInput as error:
        yield failure(path, str(path), error)
        return
    document = trafilatura.bare_extraction(html, with_metadata=True)
    if document is None or not (document.text or "").strip():
        yield Failure(str(path), str(path), "no main text found in the HTML")
        return
    warnings = []
    try:
        published = parse_published(document.date, str(path))
    except BadInput as error:
        # trafilatura guesses dates; a bad guess is no reason to drop the text
        published = None
        warnings.append(f"{str(error).removeprefix(f'{path}: ')}; stored without a date")
    item = ArticleInput(text=document.text, id=path.stem, published=published,
                        title=document.title, source=str(path))
    yield SourceRecord(item, str(path), document.url, warnings)
