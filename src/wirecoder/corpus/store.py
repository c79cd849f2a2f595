"""The corpus store: one DuckDB file with the tables and views of :mod:`.schema`;
connections, and batch writes of extracted articles (rows shared with the Spark runner).

Concurrency: DuckDB lets one process open the file at a time (even read-only openers are
locked out by a writer). The writer therefore holds the file only while it writes one batch
(open, one transaction, close) and readers open it read-only per query; both retry while
the other holds the lock (:func:`connect`).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from wirecoder.corpus.schema import (
    ARTICLE_LEVEL,
    CANONICAL_ACTOR_FIELDS,
    Column,
    ddl,
    model_values,
    record_tables,
    schema,
)
from wirecoder.errors import WirecoderError
from wirecoder.records import Actor, Extraction, Failure, SourceRecord

#: How long a reader or the writer waits for the other to release the file, in seconds.
WAIT_SECONDS = 60.0


class StoreError(WirecoderError):
    """The store cannot be opened or read."""


@dataclass
class Stored:
    """What one batch write (or a whole run) did."""

    articles: int = 0
    duplicates: int = 0
    failures: int = 0
    copies: int = 0  # copies noted in ``copies`` (a copy noted before is not noted again)
    seen: int = 0  # records whose text was already stored, noted or not


@dataclass
class Copy:
    """A record whose text is already stored (or met earlier in the same run)."""

    source: str
    locator: str
    article: str


# ---- connections --------------------------------------------------------------------------

def connect(path: str | Path, read_only: bool = True,
            wait: float = WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """Open the store, waiting while another process holds the file."""
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"{path}: no such database (create it with 'wirecoder ingest')")
    deadline = time.monotonic() + wait
    delay = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise StoreError(f"{path}: cannot open ({error})") from None
            if time.monotonic() > deadline:
                raise StoreError(f"{path}: busy, another process has held it for "
                                 f"{wait:.0f} s") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        except duckdb.Error as error:
            raise StoreError(f"{path}: not a wirecoder database ({error})") from None


@contextmanager
def writing(path: str | Path, wait: float = WAIT_SECONDS) -> Iterator[duckdb.DuckDBPyConnection]:
    """The store opened for one transaction; committed and closed on exit, rolled back on error."""
    connection = connect(path, read_only=False, wait=wait)
    try:
        connection.execute("BEGIN TRANSACTION")
        yield connection
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()


@contextmanager
def writer_lock(path: str | Path, on_wait: Callable[[str], None] | None = None
                ) -> Iterator[None]:
    """Hold the store's writer lock (``.NAME.lock`` beside it) for a whole run.

    A second ingest (or Spark load) into the same file waits until the first is done, then
    finds what the first stored and does only what is left: no work is done twice and the
    ingest order stays one sequence. The lock goes with the process, even on ``kill -9``.
    """
    path = Path(path)
    with open(path.with_name(f".{path.name}.lock"), "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait(f"{path}: another ingest is writing to it; waiting until it is done")
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def create(path: str | Path) -> None:
    """Create the tables and views that do not exist yet. A new store is built aside and
    linked into place, so a reader never finds a half-written file."""
    path = Path(path)
    _remove_abandoned(path)
    if not path.exists():
        building = path.with_name(f".{path.name}.{os.getpid()}.new")
        building.unlink(missing_ok=True)
        _create_schema(building)
        try:
            os.link(building, path)
        except FileExistsError:
            pass  # another process created it first
        finally:
            building.unlink()
    _create_schema(path)


def _remove_abandoned(path: Path) -> None:
    """Stores being built aside by a process that is gone (killed while creating one)."""
    for building in path.parent.glob(f".{path.name}.*.new"):
        pid = building.name.removeprefix(f".{path.name}.").removesuffix(".new")
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            building.unlink(missing_ok=True)
        except PermissionError:
            pass  # alive, another user's


def _create_schema(path: Path) -> None:
    with writing(path) as connection:
        for statement in ddl():
            connection.execute(statement)


def configuration_hash(version: str, files: Iterable[Path] = (), **settings) -> str:
    """Hash of what determines the pipeline's output: version, knowledge files, settings."""
    digest = hashlib.sha256(version.encode())
    for file in files:
        digest.update(Path(file).read_bytes())
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:16]


# ---- writes -------------------------------------------------------------------------------

@dataclass
class Ingested:
    """One article extracted, with where it came from and its duplicate link."""

    extraction: Extraction
    record: SourceRecord
    minhash: list[int]
    canonical_id: str | None


def write_batch(connection: duckdb.DuckDBPyConnection, batch: list[Ingested],
                failures: list[Failure], version: str, config: str, order: int,
                copies: list[Copy] = ()) -> Stored:
    """Insert a batch of articles with all their records, failures and copies, in the open
    transaction.

    Articles already stored are skipped, so a batch that was cut short and is written again
    stores each article once.
    """
    keys = [i.extraction.article.text_sha256 for i in batch]
    known = {row[0] for row in connection.execute(
        "SELECT text_sha256 FROM articles WHERE text_sha256 IN (SELECT unnest(?))",
        [keys]).fetchall()} if keys else set()
    batch = [i for i in batch if i.extraction.article.text_sha256 not in known]
    provenance = {"wirecoder_version": version, "config_hash": config}
    now = dt.datetime.now()
    rows: dict[str, list[dict]] = {name: [] for name in schema()}
    for number, ingested in enumerate(batch):
        for table, values in article_rows(ingested, order + number, now, provenance).items():
            rows[table] += values
    rows["failures"] = [failure_row(f, now, provenance) for f in failures]
    rows["copies"] = [{"source": c.source, "locator": c.locator, "article": c.article,
                       "seen_at": now, **provenance} for c in copies]
    tables = schema()
    noted = connection.execute("SELECT count(*) FROM copies").fetchone()[0]
    for table, values in rows.items():
        if values:
            _insert(connection, table, tables[table], values)
    noted = connection.execute("SELECT count(*) FROM copies").fetchone()[0] - noted
    return Stored(articles=len(batch),
                  duplicates=sum(1 for i in batch if i.canonical_id is not None),
                  failures=len(failures), copies=noted, seen=len(copies))


def article_rows(ingested: Ingested, order: int, now: dt.datetime,
                 provenance: dict) -> dict[str, list[dict]]:
    """The rows of one extracted article in every table (:func:`schema`), keyed by table.

    ``provenance`` holds ``wirecoder_version`` and ``config_hash``; the embedded store and
    the Spark runner both build their rows here.
    """
    extraction = ingested.extraction
    key = extraction.article.text_sha256
    rows: dict[str, list[dict]] = {"articles": [{
        **model_values(extraction.article), "text": ingested.record.item.text,
        "url": ingested.record.url, "locator": ingested.record.locator,
        "canonical_id": ingested.canonical_id, "minhash": ingested.minhash,
        "ingest_order": order, "ingested_at": now, "warnings": ingested.record.warnings,
        **provenance}]}
    for name, model in record_tables().items():
        for record in getattr(extraction, name):
            if model is Actor:
                rows.setdefault("actors", []).append(
                    {**model_values(record, skip=ARTICLE_LEVEL), **provenance})
                article_level = model_values(record, skip=(*CANONICAL_ACTOR_FIELDS,
                                                           "mentions"))
                rows.setdefault("mentions", []).extend(
                    {"article": key, "actor": record.id, **span.model_dump(),
                     **article_level, **provenance} for span in record.mentions)
            else:
                rows.setdefault(name, []).append(
                    {"article": key, **model_values(record), **provenance})
    return rows


def failure_row(failure: Failure, now: dt.datetime, provenance: dict) -> dict:
    """The ``failures`` row of a record that could not be ingested."""
    return {"source": failure.source, "locator": failure.locator, "reason": failure.reason,
            "failed_at": now, **provenance}


def _insert(connection, table: str, columns: list[Column], values: list[dict]) -> None:
    arrow = pa.Table.from_pylist(values, schema=pa.schema(
        [(c.name, c.arrow) for c in columns]))
    connection.register("incoming", arrow)
    try:
        if table == "actors":
            # First description of an actor wins; one row per actor id across the corpus.
            connection.execute("INSERT INTO actors BY NAME SELECT DISTINCT ON (id) * FROM "
                               "incoming WHERE id NOT IN (SELECT id FROM actors)")
        elif table == "failures":
            # A bad record met again on re-ingest is already on file.
            connection.execute("INSERT INTO failures BY NAME SELECT * FROM incoming i WHERE "
                               "NOT EXISTS (SELECT 1 FROM failures f WHERE f.locator = "
                               "i.locator AND f.reason = i.reason)")
        elif table == "copies":
            # so is a copy met again, and a stored article met again where it was read is
            # no copy of itself
            connection.execute("INSERT INTO copies BY NAME SELECT * FROM incoming i WHERE "
                               "NOT EXISTS (SELECT 1 FROM copies c WHERE c.locator = "
                               "i.locator AND c.article = i.article) AND NOT EXISTS ("
                               "SELECT 1 FROM articles a WHERE a.text_sha256 = i.article "
                               "AND a.locator = i.locator)")
        else:
            connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
    finally:
        connection.unregister("incoming")


# ---- what the writer needs to resume ------------------------------------------------------

def stored_articles(connection) -> Iterator[tuple[str, list[int], str | None]]:
    """Key, MinHash signature and canonical link of every stored article, in ingest order."""
    result = connection.execute("SELECT text_sha256, minhash, canonical_id FROM articles "
                                "ORDER BY ingest_order")
    while rows := result.fetchmany(10_000):
        yield from rows


def next_order(connection) -> int:
    return connection.execute("SELECT coalesce(max(ingest_order) + 1, 0) FROM articles"
                              ).fetchone()[0]
