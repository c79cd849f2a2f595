"""What runs on the executors: reading source files and extracting records.

Each Python worker process loads the pipeline once (``_PIPELINES``) and keeps it for every
task it runs; Spark reuses its Python workers by default (``spark.python.worker.reuse``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from wirecoder.corpus.duplicates import signature
from wirecoder.corpus.schema import Column, schema
from wirecoder.corpus.store import Ingested, article_rows, failure_row
from wirecoder.extract.pipeline import Pipeline, batched
from wirecoder.records import ArticleInput, Failure, SourceRecord, extraction_failure
from wirecoder.sources import Fields, read_file
from wirecoder.sources.text import MAX_BYTES
from wirecoder.spark.staging import stage, staged_schema

#: Articles extracted per staged batch: bounds a worker's memory, lets output flow early.
CHUNK = 64
#: A file's records are numbered below its own ``order`` range: file index × 2**32.
RECORDS_PER_FILE = 2 ** 32
INPUT = [Column(name, "", kind) for name, kind in (
    ("text", pa.string()), ("id", pa.string()), ("published", pa.date32()),
    ("title", pa.string()), ("source", pa.string()), ("url", pa.string()),
    ("locator", pa.string()), ("text_sha256", pa.string()))]


@dataclass(frozen=True)
class Job:
    """Everything the executors need to know about a run; shipped with each task."""

    version: str
    config_hash: str
    started: dt.datetime
    fields: Fields = Fields()
    max_bytes: int = MAX_BYTES
    actor_files: tuple[str, ...] = ()
    lexicon_files: tuple[str, ...] = ()
    quote_model: str | None = None
    batch_size: int = 16

    @property
    def provenance(self) -> dict:
        return {"wirecoder_version": self.version, "config_hash": self.config_hash}


def read_schema() -> pa.Schema:
    """Staged rows of the read step: articles to extract (``input``) and ``failures``."""
    return staged_schema({"input": INPUT, "failures": schema()["failures"]})


def extract_schema() -> pa.Schema:
    """Staged rows of the extract step: every table of the store."""
    return staged_schema(schema())


_PIPELINES: dict[tuple, Pipeline] = {}


def pipeline(job: Job) -> Pipeline:
    """This process's pipeline for the job's settings, loaded on first use."""
    key = (job.actor_files, job.lexicon_files, job.quote_model, job.batch_size)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(actor_files=map(Path, job.actor_files),
                                   lexicon_files=map(Path, job.lexicon_files),
                                   batch_size=job.batch_size,
                                   quote_model=Path(job.quote_model) if job.quote_model
                                   else None)
    return _PIPELINES[key]


def read_files(job: Job, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Rows ``(file, path, reason)`` -> every record of each file, staged.

    A file's records keep its order; a row with a ``reason`` is a source that cannot be read.
    """
    layout = read_schema()
    for batch in batches:
        for file, path, reason in zip(*(batch.column(n).to_pylist()
                                        for n in ("file", "path", "reason")), strict=True):
            records = [Failure(path, path, reason)] if reason else \
                read_file(Path(path), job.fields, job.max_bytes)
            for chunk in batched(enumerate(records), CHUNK):
                yield stage([(file * RECORDS_PER_FILE + number, *_read_row(record, job))
                             for number, record in chunk], layout)


def _read_row(record: SourceRecord | Failure, job: Job) -> tuple:
    if isinstance(record, Failure):
        return None, {"failures": [failure_row(record, job.started, job.provenance)]}
    item = record.item
    return item.published, {"input": [{
        "text": item.text, "id": item.id, "published": item.published, "title": item.title,
        "source": item.source, "url": record.url, "locator": record.locator,
        "text_sha256": hashlib.sha256(item.text.encode("utf-8")).hexdigest()}]}


def extract(job: Job, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Rows ``(order, input)`` -> each article's rows in every table, or its failure, staged.

    ``canonical_id`` and ``ingest_order`` are left for the corpus-wide second pass.
    """
    layout = extract_schema()
    nlp = pipeline(job)
    for batch in batches:
        rows = zip(batch.column("order").to_pylist(), batch.column("input").to_pylist(),
                   strict=True)
        for chunk in batched(rows, CHUNK):
            by_key = {row["text_sha256"]: (order, SourceRecord(ArticleInput(
                text=row["text"], id=row["id"], published=row["published"],
                title=row["title"], source=row["source"]), row["locator"], row["url"]))
                for order, row in chunk}
            by_item = {id(record.item): (order, record) for order, record in by_key.values()}
            staged = []

            def failed(item: ArticleInput, error: Exception, by_item=by_item,
                       staged=staged) -> None:
                order, record = by_item[id(item)]
                staged.append((order, None, {"failures": [failure_row(
                    extraction_failure(record, error), job.started, job.provenance)]}))

            items = (record.item for _, record in by_key.values())
            for extraction in nlp.extract_many(items, on_error=failed):
                order, record = by_key[extraction.article.text_sha256]
                ingested = Ingested(extraction, record, signature(record.item.text).tolist(),
                                    None)
                staged.append((order, record.item.published,
                               article_rows(ingested, order, job.started, job.provenance)))
            yield stage(staged, layout)
