"""wirecoder: evidence-linked records of who said and did what to whom in news text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = version("wirecoder")

if TYPE_CHECKING:
    from wirecoder.corpus.reader import Corpus
    from wirecoder.extract.pipeline import Pipeline
    from wirecoder.records import ArticleInput, Extraction

#: loaded when first used, so that a command that needs neither spaCy nor pandas starts fast
_LAZY = {"Corpus": "wirecoder.corpus.reader", "Pipeline": "wirecoder.extract.pipeline",
         "ArticleInput": "wirecoder.records", "Extraction": "wirecoder.records"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'wirecoder' has no attribute {name!r}")

__all__ = ["ArticleInput", "Corpus", "Extraction", "Pipeline", "__version__", "extract",
           "extract_many", "open"]


def extract(text: str, published: dt.date | str | None = None, id: str | None = None,
            title: str | None = None) -> Extraction:
    """Extract every record type from one article text."""
    from wirecoder.extract.pipeline import default_pipeline

    return default_pipeline().extract(text, published=published, id=id, title=title)


def extract_many(items: Iterable[ArticleInput | str]) -> Iterator[Extraction]:
    """Stream many articles (texts or :class:`ArticleInput`) through one ``nlp.pipe``."""
    from wirecoder.extract.pipeline import default_pipeline
    from wirecoder.records import ArticleInput

    inputs = (ArticleInput(text=i) if isinstance(i, str) else i for i in items)
    return default_pipeline().extract_many(inputs)


def open(path: str | Path) -> Corpus:
    """Open a corpus database built by ``wirecoder ingest``; its methods return DataFrames."""
    from wirecoder.corpus.reader import Corpus

    return Corpus(path)
