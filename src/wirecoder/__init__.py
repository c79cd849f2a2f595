"""wirecoder: evidence-linked records of who said and did what to whom in news text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from importlib.metadata import version
from pathlib import Path

__version__ = version("wirecoder")

from wirecoder.corpus.reader import Corpus  # noqa: E402 (modules below may read __version__)
from wirecoder.extract.pipeline import Pipeline, default_pipeline  # noqa: E402
from wirecoder.records import ArticleInput, Extraction  # noqa: E402

__all__ = ["ArticleInput", "Corpus", "Extraction", "Pipeline", "__version__", "extract",
           "extract_many", "open"]


def extract(text: str, published: dt.date | str | None = None, id: str | None = None,
            title: str | None = None) -> Extraction:
    """Extract every record type from one article text."""
    return default_pipeline().extract(text, published=published, id=id, title=title)


def extract_many(items: Iterable[ArticleInput | str]) -> Iterator[Extraction]:
    """Stream many articles (texts or :class:`ArticleInput`) through one ``nlp.pipe``."""
    inputs = (ArticleInput(text=i) if isinstance(i, str) else i for i in items)
    return default_pipeline().extract_many(inputs)


def open(path: str | Path) -> Corpus:
    """Open a corpus database built by ``wirecoder ingest``; its methods return DataFrames."""
    return Corpus(path)
