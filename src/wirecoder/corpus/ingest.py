"""An ingest run: extract every new article of a stream of source records into the store.

Articles already stored (same text) are skipped before extraction; each batch is extracted
without the file, then written in one transaction (:mod:`wirecoder.corpus.store`); the search
index is rebuilt at the end of a run that stored something.
"""

from __future__ import annotations

import hashlib
import typing
from collections.abc import Iterable
from pathlib import Path

from wirecoder.corpus.duplicates import NearDuplicates, signature
from wirecoder.corpus.search import build_index, is_stale
from wirecoder.corpus.store import (
    Ingested,
    Stored,
    create,
    next_order,
    stored_articles,
    write_batch,
    writing,
)
from wirecoder.extract.pipeline import Pipeline, batched
from wirecoder.records import Failure, SourceRecord, extraction_failure


def ingest(path: str | Path, records: Iterable[SourceRecord | Failure], pipeline: Pipeline,
           config: str, version: str, batch_size: int = 64,
           on_article: typing.Callable[[], None] | None = None,
           on_failure: typing.Callable[[Failure], None] | None = None,
           processes: int = 1) -> Stored:
    """Extract and store every new article; one transaction per batch of ``batch_size``.

    Articles already in the store (same text) are skipped before extraction, so a rerun
    after an interruption only does the work that is left. ``processes`` > 1 extracts each
    batch in that many worker processes.
    """
    create(path)
    known: set[str] = set()
    duplicates = NearDuplicates()
    with writing(path) as connection:
        for key, hashvalues, canonical in stored_articles(connection):
            known.add(key)
            duplicates.add(key, hashvalues, canonical)
        order = next_order(connection)
        stale = is_stale(connection)
    total = Stored()
    for chunk in batched(records, batch_size):
        failures = [r for r in chunk if isinstance(r, Failure)]
        fresh: dict[str, SourceRecord] = {}
        for record in chunk:
            if isinstance(record, SourceRecord):
                key = hashlib.sha256(record.item.text.encode("utf-8")).hexdigest()
                if key not in known:
                    fresh.setdefault(key, record)
        by_item = {id(r.item): r for r in fresh.values()}

        def failed(item, error: Exception, by_item=by_item, failures=failures) -> None:
            record = by_item[id(item)]
            failures.append(extraction_failure(record, error))

        batch = []
        for extraction in pipeline.extract_many([r.item for r in fresh.values()],
                                                on_error=failed, n_process=processes):
            key = extraction.article.text_sha256
            record = fresh[key]
            hashvalues = signature(record.item.text)
            batch.append(Ingested(extraction, record, hashvalues.tolist(),
                                  duplicates.add(key, hashvalues)))
            if on_article:
                on_article()
        for failure in failures:
            if on_failure:
                on_failure(failure)
        with writing(path) as connection:
            stored = write_batch(connection, batch, failures, version, config, order)
        known.update(fresh)
        order += len(batch)
        total.articles += stored.articles
        total.duplicates += stored.duplicates
        total.failures += stored.failures
    if total.articles or stale:
        with writing(path) as connection:
            build_index(connection)
    return total
