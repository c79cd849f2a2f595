"""An ingest run: extract every new article of a stream of source records into the store.

Each record is on its own: whatever is wrong with it (reading, hashing, parsing, extraction,
storing), it becomes a row of ``failures`` with its reason and the rest of its batch goes on.
Articles already stored (same text) are not extracted again; the copy is noted in
``copies``. A batch is extracted without the file, then written in one transaction; if that
write fails, its articles are written one by one so that only the one at fault fails. The
search index is built after the first batch of a new store (so search answers while the
rest is ingested) and rebuilt at the end of a run that stored something.
"""

from __future__ import annotations

import hashlib
import typing
from collections.abc import Iterable
from pathlib import Path

import duckdb

from wirecoder.corpus.duplicates import NearDuplicates, signature
from wirecoder.corpus.search import build_index, is_indexed, is_stale
from wirecoder.corpus.store import (
    Copy,
    Ingested,
    Stored,
    create,
    next_order,
    stored_articles,
    write_batch,
    writer_lock,
    writing,
)
from wirecoder.extract.pipeline import Pipeline, batched
from wirecoder.records import Failure, SourceRecord, extraction_failure

#: What a failed write of one article can raise (bad values for a column, a record DuckDB
#: or Arrow will not take); anything else is a fault of the store, not of the article.
_WRITE_ERRORS = (duckdb.Error, ValueError, TypeError, OverflowError, UnicodeError,
                 ArithmeticError)


def ingest(path: str | Path, records: Iterable[SourceRecord | Failure], pipeline: Pipeline,
           config: str, version: str, batch_size: int = 64,
           on_records: typing.Callable[[int], None] | None = None,
           on_failure: typing.Callable[[Failure], None] | None = None,
           processes: int = 1,
           on_wait: typing.Callable[[str], None] | None = None) -> Stored:
    """Extract and store every new article; one transaction per batch of ``batch_size``.

    Articles already in the store (same text) are skipped before extraction, so a rerun
    after an interruption only does the work that is left. ``processes`` > 1 extracts each
    batch in that many worker processes. ``on_records`` hears how many more records of the
    stream are done with (extracted, found stored, or failed): one as each article is
    extracted, the rest of a batch once its articles are. ``on_wait`` hears that another
    ingest holds the file and this one waits for it.
    """
    with writer_lock(path, on_wait):
        return _ingest(Path(path), records, pipeline, config, version, batch_size,
                       on_records, on_failure, processes)


def _ingest(path: Path, records, pipeline: Pipeline, config: str, version: str,
            batch_size: int, on_records, on_failure, processes: int) -> Stored:
    create(path)
    known: set[str] = set()
    duplicates = NearDuplicates()
    with writing(path) as connection:
        for key, hashvalues, canonical in stored_articles(connection):
            known.add(key)
            duplicates.add(key, hashvalues, canonical)
        order = next_order(connection)
        stale = is_stale(connection)
        indexed = is_indexed(connection)
    total = Stored()
    # the worker processes are forked once for the whole run, not once per batch
    with pipeline.workers(processes) as pool:
        for chunk in batched(records, batch_size):
            failures = [r for r in chunk if isinstance(r, Failure)]
            copies: list[Copy] = []
            fresh: dict[str, SourceRecord] = {}
            for record in chunk:
                if isinstance(record, Failure):
                    continue
                try:
                    key = hashlib.sha256(record.item.text.encode("utf-8")).hexdigest()
                except UnicodeError as error:
                    failures.append(Failure(record.item.source or record.locator, record.locator,
                                            f"text is not valid Unicode ({error.reason})"))
                    continue
                if key in known or key in fresh:
                    copies.append(Copy(record.item.source or record.locator, record.locator, key))
                else:
                    fresh[key] = record
            by_item = {id(r.item): r for r in fresh.values()}

            def failed(item, error: Exception, by_item=by_item, failures=failures) -> None:
                failures.append(extraction_failure(by_item[id(item)], error))

            batch = []
            for extraction in pipeline.extract_many([r.item for r in fresh.values()],
                                                    on_error=failed, n_process=processes,
                                                    pool=pool):
                key = extraction.article.text_sha256
                record = fresh[key]
                hashvalues = signature(record.item.text)
                batch.append(Ingested(extraction, record, hashvalues.tolist(),
                                      duplicates.add(key, hashvalues)))
                if on_records:
                    on_records(1)
            if on_records and len(chunk) > len(batch):
                on_records(len(chunk) - len(batch))
            stored = _write(path, batch, failures, copies, version, config, order)
            for failure in failures:
                if on_failure:
                    on_failure(failure)
            known.update(fresh)
            order += len(batch)
            total.articles += stored.articles
            total.duplicates += stored.duplicates
            total.failures += stored.failures
            total.copies += stored.copies
            total.seen += stored.seen
            if stored.articles and not indexed:
                # a first ingest: search answers from the first batch on, not only at the end
                with writing(path) as connection:
                    build_index(connection)
                indexed = True
    if total.articles or stale:
        with writing(path) as connection:
            build_index(connection)
    return total


def _write(path: Path, batch: list[Ingested], failures: list[Failure], copies: list[Copy],
           version: str, config: str, order: int) -> Stored:
    """Write a batch in one transaction; if the store refuses it, write its articles one by
    one, each refused article becoming a failure (added to ``failures``)."""
    try:
        with writing(path) as connection:
            return write_batch(connection, batch, failures, version, config, order, copies)
    except _WRITE_ERRORS:
        pass
    stored = Stored()
    for number, ingested in enumerate(batch):
        try:
            with writing(path) as connection:
                done = write_batch(connection, [ingested], [], version, config,
                                   order + number)
        except _WRITE_ERRORS as error:
            record = ingested.record
            failures.append(Failure(record.item.source or record.locator, record.locator,
                                    f"could not be stored ({type(error).__name__}: "
                                    f"{str(error).splitlines()[0][:200]})"))
            continue
        stored.articles += done.articles
        stored.duplicates += done.duplicates
    with writing(path) as connection:
        rest = write_batch(connection, [], failures, version, config, order, copies)
    stored.failures, stored.copies, stored.seen = rest.failures, rest.copies, rest.seen
    return stored
