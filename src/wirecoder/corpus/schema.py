"""The store's schema, derived from the record model: tables, their columns and the views.

Every list field of :class:`~wirecoder.records.Extraction` becomes a table with one row per
record, keyed to its article by ``article`` (the SHA-256 of the article text): scalar fields
become columns, a ``Span`` field ``x`` becomes ``x_start``, ``x_end`` and ``x_text``, a list of
spans becomes a list of structs. Actors are the exception that makes them corpus-wide: the
``actors`` table holds one row per actor id, and ``mentions`` one row per mention in an
article with what the article says about the actor (title, roles, affiliation). A field added
to a record becomes a column of the tables of stores made before it (:func:`ddl`).
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass

import pyarrow as pa
from pydantic import BaseModel

from wirecoder.records import Actor, Article, Extraction, Span

#: Actor fields that hold across articles; the others are what one article says.
CANONICAL_ACTOR_FIELDS = ("id", "name", "aliases", "kind", "country", "code", "known")
ARTICLE_LEVEL = tuple(f for f in Actor.model_fields if f not in CANONICAL_ACTOR_FIELDS)
_SPAN_STRUCT = 'STRUCT("start" INTEGER, "end" INTEGER, "text" VARCHAR)[]'


@dataclass(frozen=True)
class Column:
    name: str
    sql: str
    arrow: pa.DataType


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
                     Column("warnings", "VARCHAR[]", pa.list_(pa.string())),
                     *_PROVENANCE],
        # an exact copy of a stored text, met again: where it was, and which article it is
        "copies": [Column("source", "VARCHAR", pa.string()),
                   Column("locator", "VARCHAR", pa.string()),
                   Column("article", "VARCHAR", pa.string()),
                   Column("seen_at", "TIMESTAMP", pa.timestamp("us")),
                   *_PROVENANCE],
        "failures": [Column("source", "VARCHAR", pa.string()),
                     Column("locator", "VARCHAR", pa.string()),
                     Column("reason", "VARCHAR", pa.string()),
                     Column("failed_at", "TIMESTAMP", pa.timestamp("us")),
                     *_PROVENANCE],
    }
    for name, model in record_tables().items():
        if model is Actor:
            tables["actors"] = [*model_columns(Actor, skip=ARTICLE_LEVEL), *_PROVENANCE]
            tables["mentions"] = [_ARTICLE, Column("actor", "VARCHAR", pa.string()),
                                  *model_columns(Span),
                                  *model_columns(Actor, skip=(*CANONICAL_ACTOR_FIELDS,
                                                              "mentions")),
                                  *_PROVENANCE]
        else:
            tables[name] = [_ARTICLE, *model_columns(model), *_PROVENANCE]
    return tables


_KEYS = {"articles": "text_sha256", "actors": "id"}


def ddl() -> list[str]:
    """Statements that create what is missing: tables, columns a newer record model added,
    and the views (replaced, so that they follow the current definitions)."""
    statements = []
    for table, columns in schema().items():
        body = ", ".join(f'"{c.name}" {c.sql}' for c in columns)
        key = f', PRIMARY KEY ("{_KEYS[table]}")' if table in _KEYS else ""
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({body}{key})")
        statements += [f'ALTER TABLE {table} ADD COLUMN IF NOT EXISTS "{c.name}" {c.sql}'
                       for c in columns]
    statements.append("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    statements += [f"CREATE OR REPLACE VIEW {name} AS {sql}" for name, sql in VIEWS.items()]
    return statements


#: Joins a record table ``{t}`` to its article, keeping canonical stories only
CANONICAL = "JOIN articles a ON a.text_sha256 = {t}.article AND a.canonical_id IS NULL"

#: Ready-made views; they count canonical stories only (near-duplicates left out) and leave
#: out events the text says did not happen and acts that are only the content of another
#: event (``content_of``: what was threatened, demanded or refused).
VIEWS = {
    "canonical_articles": "SELECT * FROM articles WHERE canonical_id IS NULL",
    "events_by_day": f"""
        SELECT coalesce(e.date, a.published) AS day, e.type, count(*) AS events,
               count(DISTINCT e.article) AS stories
        FROM events e {CANONICAL.format(t="e")}
        WHERE NOT e.negated AND e.content_of IS NULL GROUP BY ALL ORDER BY day, e.type""",
    "quotes_by_actor": f"""
        SELECT q.speaker AS actor, ac.name, ac.kind, ac.country, count(*) AS quotes,
               count(DISTINCT q.article) AS stories, min(a.published) AS first,
               max(a.published) AS last
        FROM quotes q {CANONICAL.format(t="q")} LEFT JOIN actors ac ON ac.id = q.speaker
        WHERE q.speaker IS NOT NULL GROUP BY ALL ORDER BY quotes DESC, actor""",
    "actor_pairs": f"""
        SELECT e.source, s.name AS source_name, e.target, t.name AS target_name, e.type,
               count(*) AS events, count(DISTINCT e.article) AS stories,
               min(coalesce(e.date, a.published)) AS first,
               max(coalesce(e.date, a.published)) AS last
        FROM events e {CANONICAL.format(t="e")}
        LEFT JOIN actors s ON s.id = e.source LEFT JOIN actors t ON t.id = e.target
        WHERE e.source IS NOT NULL AND e.target IS NOT NULL AND NOT e.negated
          AND e.content_of IS NULL
        GROUP BY ALL ORDER BY events DESC, e.source, e.target""",
    "positions_over_time": f"""
        SELECT a.published AS day, p.actor, ac.name, p.issue, p.stance,
               count(*) AS positions, count(DISTINCT p.article) AS stories
        FROM positions p {CANONICAL.format(t="p")} LEFT JOIN actors ac ON ac.id = p.actor
        GROUP BY ALL ORDER BY day, p.actor, p.issue""",
    # each actor's first stance on an issue and every later change, story by story
    "stance_changes": f"""
        WITH ordered AS (
            SELECT a.published AS day, a.id AS story, p.actor, ac.name, p.issue, p.stance,
                   p.evidence_text AS evidence,
                   lag(p.stance) OVER history AS previous_stance,
                   lag(a.published) OVER history AS previous_day
            FROM positions p {CANONICAL.format(t="p")} LEFT JOIN actors ac ON ac.id = p.actor
            WINDOW history AS (PARTITION BY p.actor, p.issue
                               ORDER BY a.published NULLS LAST, a.ingest_order,
                                        p.evidence_start))
        SELECT * FROM ordered
        WHERE previous_stance IS NULL OR previous_stance <> stance
        ORDER BY actor, issue, day""",
    # one row per party's response to a proposal
    "proposal_responses": f"""
        SELECT a.published AS day, a.id AS story, p.id AS proposal, p.name, p.issue,
               p.sponsor, p.presenter, r.actor, ac.name AS actor_name, r.response,
               r.conditions
        FROM proposals p {CANONICAL.format(t="p")},
             unnest(from_json(p.responses,
                    '[{{"actor": "VARCHAR", "response": "VARCHAR",
                       "conditions": ["VARCHAR"]}}]')) AS t(r)
        LEFT JOIN actors ac ON ac.id = r.actor
        ORDER BY day, story, proposal""",
}
