"""The corpus store: one DuckDB file whose tables are derived from the record model.

Every list field of :class:`~wirecoder.records.Extraction` becomes a table with one row per
record, keyed to its article by ``article`` (the SHA-256 of the article text): scalar fields
become columns, a ``Span`` field ``x`` becomes ``x_start``, ``x_end`` and ``x_text``, a list of
spans becomes a list of structs. Actors are the exception that makes them corpus-wide: the
``actors`` table holds one row per actor id, and ``mentions`` one row per mention in an
article with what the article says about the actor (title, roles, affiliation).

Concurrency: DuckDB lets one process open the file at a time (even read-only openers are
locked out by a writer). The writer therefore holds the file only while it writes one batch
(open, one transaction, close) and readers open it read-only per query; both retry while
the other holds the lock (:func:`connect`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
import types
import typing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
from pydantic import BaseModel

from wirecoder.errors import WirecoderError
from wirecoder.ingest import Failure, SourceRecord, extraction_failure
from wirecoder.records import Actor, Article, Extraction, Span

#: How long a reader or the writer waits for the other to release the file, in seconds.
WAIT_SECONDS = 60.0
#: Actor fields that hold across articles; the others are what one article says.
CANONICAL_ACTOR_FIELDS = ("id", "name", "aliases", "kind", "country", "code", "known")
_ARTICLE_LEVEL = tuple(f for f in Actor.model_fields if f not in CANONICAL_ACTOR_FIELDS)
_SPAN_STRUCT = 'STRUCT("start" INTEGER, "end" INTEGER, "text" VARCHAR)[]'


class StoreError(WirecoderError):
    """The store cannot be opened or read."""


@dataclass(frozen=True)
class Column:
    name: str
    sql: str
    arrow: pa.DataType


@dataclass
class Stored:
    """What one batch write did."""

    articles: int = 0
    duplicates: int = 0
    failures: int = 0


# ---- schema derived from the record model ------------------------------------------------

def _unwrap(annotation):
    """``X | None`` -> ``X``."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else str
    return annotation


def _scalar(annotation) -> tuple[str, pa.DataType]:
    if typing.get_origin(annotation) is typing.Literal or annotation is str:
        return "VARCHAR", pa.string()
    return {bool: ("BOOLEAN", pa.bool_()), int: ("BIGINT", pa.int64()),
            float: ("DOUBLE", pa.float64()), dt.date: ("DATE", pa.date32()),
            }.get(annotation, ("JSON", pa.string()))


_SPAN_ARROW = pa.list_(pa.struct([("start", pa.int32()), ("end", pa.int32()),
                                  ("text", pa.string())]))


def model_columns(model: type[BaseModel], skip: Iterable[str] = ()) -> list[Column]:
    """Columns for a record model's fields, in field order."""
    columns = []
    for name, field in model.model_fields.items():
        if name in skip:
            continue
        annotation = _unwrap(field.annotation)
        if isinstance(annotation, type) and issubclass(annotation, Span):
            columns += [Column(f"{name}_start", "INTEGER", pa.int32()),
                        Column(f"{name}_end", "INTEGER", pa.int32()),
                        Column(f"{name}_text", "VARCHAR", pa.string())]
        elif typing.get_origin(annotation) is list:
            (inner,) = typing.get_args(annotation)
            if isinstance(inner, type) and issubclass(inner, Span):
                columns.append(Column(name, _SPAN_STRUCT, _SPAN_ARROW))
            elif isinstance(inner, type) and issubclass(inner, BaseModel):
                columns.append(Column(name, "JSON", pa.string()))
            else:
                sql, arrow = _scalar(inner)
                columns.append(Column(name, f"{sql}[]", pa.list_(arrow)))
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            columns.append(Column(name, "JSON", pa.string()))
        else:
            columns.append(Column(name, *_scalar(annotation)))
    return columns


def model_values(record: BaseModel, skip: Iterable[str] = ()) -> dict:
    """A record's values flattened to match :func:`model_columns`."""
    values = {}
    for name in type(record).model_fields:
        if name in skip:
            continue
        value = getattr(record, name)
        if isinstance(value, Span) or value is None and _is_span(type(record), name):
            for part in ("start", "end", "text"):
                values[f"{name}_{part}"] = getattr(value, part) if value is not None else None
        elif _list_of(type(record), name, Span):
            values[name] = [span.model_dump() for span in value]
        elif isinstance(value, BaseModel) or _list_of(type(record), name, BaseModel):
            # decided by the field's type, so that an empty list is JSON "[]" too
            values[name] = json.dumps(_dump(value))
        else:
            values[name] = value
    return values


def _dump(value):
    return [v.model_dump(mode="json") for v in value] if isinstance(value, list) \
        else value.model_dump(mode="json")


def _list_of(model: type[BaseModel], name: str, kind: type) -> bool:
    """Whether the field is a list of ``kind`` records."""
    annotation = _unwrap(model.model_fields[name].annotation)
    if typing.get_origin(annotation) is not list:
        return False
    (inner,) = typing.get_args(annotation)
    return isinstance(inner, type) and issubclass(inner, kind)


def _is_span(model: type[BaseModel], name: str) -> bool:
    annotation = _unwrap(model.model_fields[name].annotation)
    return isinstance(annotation, type) and issubclass(annotation, Span)


def record_tables() -> dict[str, type[BaseModel]]:
    """Each list field of :class:`Extraction` and the record model of its items."""
    tables = {}
    for name, field in Extraction.model_fields.items():
        if typing.get_origin(field.annotation) is list:
            (model,) = typing.get_args(field.annotation)
            tables[name] = model
    return tables


_PROVENANCE = [Column("wirecoder_version", "VARCHAR", pa.string()),
               Column("config_hash", "VARCHAR", pa.string())]
_ARTICLE = Column("article", "VARCHAR", pa.string())


def schema() -> dict[str, list[Column]]:
    """Every table's columns."""
    tables = {
        "articles": [*model_columns(Article),
                     Column("text", "VARCHAR", pa.string()),
                     Column("url", "VARCHAR", pa.string()),
                     Column("locator", "VARCHAR", pa.string()),
                     Column("canonical_id", "VARCHAR", pa.string()),
                     Column("minhash", "UINTEGER[]", pa.list_(pa.uint32())),
                     Column("ingest_order", "BIGINT", pa.int64()),
                     Column("ingested_at", "TIMESTAMP", pa.timestamp("us")),
                     *_PROVENANCE],
        "failures": [Column("source", "VARCHAR", pa.string()),
                     Column("locator", "VARCHAR", pa.string()),
                     Column("reason", "VARCHAR", pa.string()),
                     Column("failed_at", "TIMESTAMP", pa.timestamp("us")),
                     *_PROVENANCE],
    }
    for name, model in record_tables().items():
        if model is Actor:
            tables["actors"] = [*model_columns(Actor, skip=_ARTICLE_LEVEL), *_PROVENANCE]
            tables["mentions"] = [_ARTICLE, Column("actor", "VARCHAR", pa.string()),
                                  *model_columns(Span),
                                  *model_columns(Actor, skip=(*CANONICAL_ACTOR_FIELDS,
                                                              "mentions")),
                                  *_PROVENANCE]
        else:
            tables[name] = [_ARTICLE, *model_columns(model), *_PROVENANCE]
    return tables


_KEYS = {"articles": "text_sha256", "actors": "id"}


def _ddl() -> list[str]:
    statements = []
    for table, columns in schema().items():
        body = ", ".join(f'"{c.name}" {c.sql}' for c in columns)
        key = f', PRIMARY KEY ("{_KEYS[table]}")' if table in _KEYS else ""
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({body}{key})")
    statements.append("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    return statements


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


def create(path: str | Path) -> None:
    """Create the tables and views that do not exist yet. A new store is built aside and
    linked into place, so a reader never finds a half-written file."""
    path = Path(path)
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


def _create_schema(path: Path) -> None:
    from wirecoder.corpus import VIEWS

    with writing(path) as connection:
        for statement in _ddl():
            connection.execute(statement)
        for name, sql in VIEWS.items():
            connection.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")


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
                failures: list[Failure], version: str, config: str, order: int) -> Stored:
    """Insert a batch of articles with all their records, and failures, in the open transaction.

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
    tables = schema()
    for table, values in rows.items():
        if values:
            _insert(connection, table, tables[table], values)
    return Stored(articles=len(batch),
                  duplicates=sum(1 for i in batch if i.canonical_id is not None),
                  failures=len(failures))


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
        "ingest_order": order, "ingested_at": now, **provenance}]}
    for name, model in record_tables().items():
        for record in getattr(extraction, name):
            if model is Actor:
                rows.setdefault("actors", []).append(
                    {**model_values(record, skip=_ARTICLE_LEVEL), **provenance})
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


# ---- an ingest run ------------------------------------------------------------------------

def ingest(path: str | Path, records: Iterable[SourceRecord | Failure], pipeline,
           config: str, version: str, batch_size: int = 64,
           on_article: typing.Callable[[], None] | None = None,
           on_failure: typing.Callable[[Failure], None] | None = None,
           processes: int = 1) -> Stored:
    """Extract and store every new article; one transaction per batch of ``batch_size``.

    Articles already in the store (same text) are skipped before extraction, so a rerun
    after an interruption only does the work that is left. ``processes`` > 1 extracts each
    batch in that many worker processes.
    """
    from wirecoder.duplicates import NearDuplicates, signature
    from wirecoder.pipeline import batched
    from wirecoder.search import build_index, is_stale

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
