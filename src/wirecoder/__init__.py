"""wirecoder: evidence-linked records of who said and did what to whom in news text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from wirecoder.extract.pipeline import Pipeline, default_pipeline
from wirecoder.records import ArticleInput, Extraction

if TYPE_CHECKING:
    from wirecoder.corpus.reader import Corpus

__version__ = version("wirecoder")
__all__ = ["ArticleInput", "Extraction", "Pipeline", "extract", "extract_many", "open"]


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
    from wirecoder.corpus.reader import Corpus

    return Corpus(path)
