"""Every named read of a corpus: the only read SQL. The Python API (:mod:`.reader`, pandas
DataFrames), the command line and the web app (plain dicts) all ask here.

A :class:`Reader` is one read-only connection, opened per call or per request and closed
after, so an ingest can take the file in between. Aggregates (actors, timelines, network,
positions) count canonical stories only, as the store's views do; an article page shows any
stored article, near-duplicates included.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
from pydantic import BaseModel, Field

from wirecoder.corpus.schema import CANONICAL as _CANONICAL
from wirecoder.corpus.schema import model_columns, record_tables
from wirecoder.corpus.search import SCHEMAS, TARGETS, load_extension
from wirecoder.corpus.store import WAIT_SECONDS, StoreError, connect
from wirecoder.errors import WirecoderError
from wirecoder.knowledge import vocabulary
from wirecoder.records import Actor, Article, Extraction

EVENT_TYPES: tuple[str, ...] = tuple(vocabulary().types)
TIMELINE_KINDS = ("event", "quote", "position")


class NotFound(WirecoderError):
    """The article or actor asked for is not in the corpus."""


class BadParameter(WirecoderError):
    """A request parameter that cannot be used as given."""


def event_class(event_type: str) -> str:
    """``cooperative`` or ``conflictual``, from the PLOVER vocabulary."""
    return vocabulary().event_class(event_type)


class Reader:
    """One open read-only connection. ``rows`` answers with plain dicts; ``table`` with a
    pandas DataFrame when the reader was opened ``frames=True`` (the Python API), else dicts."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, frames: bool = False):
        self.connection = connection
        self.frames = frames

    def rows(self, sql: str, params: dict | list | None = None) -> list[dict]:
        cursor = self.connection.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def value(self, sql: str, params: dict | list | None = None):
        """The first column of the first row."""
        return self.connection.execute(sql, params).fetchone()[0]

    def table(self, sql: str, params: dict | list | None = None) -> pd.DataFrame | list[dict]:
        if self.frames:
            return self.connection.execute(sql, params).df()
        return self.rows(sql, params)


@contextmanager
def reading(path: Path, frames: bool = False, wait: float = WAIT_SECONDS,
            sealed: bool = False) -> Iterator[Reader]:
    """The store opened read-only (waiting while an ingest writes a batch), closed on exit.

    ``sealed`` is for SQL someone typed: no file or network outside the store can be read
    or written (no ``COPY ... TO``, ``ATTACH``, ``read_csv``), and no setting changed.
    """
    connection = connect(path, read_only=True, wait=wait)
    try:
        # a missing table must be an error, not a Python variable of the same name
        connection.execute("SET python_enable_replacements = false")
        if sealed:
            connection.execute("SET enable_external_access = false")
            connection.execute("SET lock_configuration = true")
        yield Reader(connection, frames)
    finally:
        connection.close()


#: Every actor with the canonical stories that mention it, its quotes, and the events it did
#: and received
ACTOR_TOTALS = f"""
    WITH stories AS (SELECT m.actor, count(DISTINCT m.article) AS n FROM mentions m
                     {_CANONICAL.format(t="m")} GROUP BY m.actor),
         said AS (SELECT q.speaker, count(*) AS n FROM quotes q
                  {_CANONICAL.format(t="q")} GROUP BY q.speaker),
         did AS (SELECT e.source, count(*) AS n FROM events e
                 {_CANONICAL.format(t="e")} GROUP BY e.source),
         received AS (SELECT e.target, count(*) AS n FROM events e
                      {_CANONICAL.format(t="e")} GROUP BY e.target)
    SELECT ac.id, ac.name, ac.kind, ac.country, coalesce(stories.n, 0) AS stories,
           coalesce(said.n, 0) AS quotes, coalesce(did.n, 0) AS events_done,
           coalesce(received.n, 0) AS events_received
    FROM actors ac LEFT JOIN stories ON stories.actor = ac.id
    LEFT JOIN said ON said.speaker = ac.id LEFT JOIN did ON did.source = ac.id
    LEFT JOIN received ON received.target = ac.id"""
#: Actors whose id, name or an alias holds ``$named`` (any case); all when it is NULL.
_NAMED = """($named IS NULL OR contains(lower(ac.id), lower($named))
             OR contains(lower(ac.name), lower($named))
             OR len(list_filter(ac.aliases, x -> contains(lower(x), lower($named)))) > 0)"""

#: Columns of the event-data TSV, after the POLECAT/PLOVER layout; canonical stories only.
#: What event data leaves out, and why, in the order a reason is told
_LEFT_OUT_BECAUSE = (
    ("a.canonical_id IS NOT NULL", "in near-duplicate stories"),
    ("e.negated", "negated (the text says they did not happen)"),
    ("e.content_of IS NOT NULL",
     "only the content of a threat, demand or refusal (coded as its mode)"),
)
_KEPT_OUT = " OR ".join(condition for condition, _ in _LEFT_OUT_BECAUSE)
EVENT_DATA = f"""
    SELECT a.id || '-' || e.id AS event_id, coalesce(e.date, a.published) AS event_date,
           s.name AS source_actor, s.country AS source_country,
           t.name AS target_actor, t.country AS target_country,
           e.type AS event_type, e.mode AS event_mode, p.name AS placename,
           p.lat AS latitude, p.lon AS longitude, a.id AS story_id,
           regexp_replace(e.evidence_text, '\\s+', ' ', 'g') AS evidence
    FROM events e JOIN articles a ON a.text_sha256 = e.article
    LEFT JOIN actors s ON s.id = e.source LEFT JOIN actors t ON t.id = e.target
    LEFT JOIN places p ON p.article = e.article AND p.id = e.place
    WHERE NOT ({_KEPT_OUT})
    ORDER BY event_date, story_id, e.id"""

EXPORT_FORMATS = {".jsonl": "FORMAT json", ".csv": "FORMAT csv, HEADER",
                  ".parquet": "FORMAT parquet", ".tsv": "FORMAT csv, HEADER, DELIMITER '\t'"}




def check_corpus(path: Path) -> None:
    """Fail with a clear message unless ``path`` is a wirecoder corpus."""
    with reading(path) as db:
        try:
            db.rows("SELECT count(*) FROM articles")
        except duckdb.CatalogException:
            raise StoreError(f"{path}: not a wirecoder corpus (no articles table; create it "
                             "with 'wirecoder ingest')") from None


def parse_day(value: str | None, name: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` parameter; empty means not given."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadParameter(f"{name}: {value!r} is not a date; use YYYY-MM-DD") from None


@dataclass(frozen=True)
class Filters:
    """Which timeline items or network edges to show; ``None`` means any. ``sectors`` are
    the actors kept with ``actor``: a country's own (:func:`country_actors`) when asked."""

    actor: str | None = None
    type: str | None = None
    issue: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    sectors: tuple[str, ...] = ()

    @classmethod
    def parse(cls, db: Reader, actor: str | None = None, type: str | None = None,
              issue: str | None = None, start: str | None = None,
              end: str | None = None, sectors: bool = False) -> Filters:
        """Filters from request parameters, checked against the corpus; ``sectors`` keeps a
        country's sectors, officials, people and sources with it."""
        first, last = parse_day(start, "start"), parse_day(end, "end")
        if first and last and first > last:
            raise BadParameter(f"start {first} is after end {last}")
        if type and type.upper() not in EVENT_TYPES:
            raise BadParameter(f"type: {type!r} is not a PLOVER event type; use one of "
                               f"{', '.join(EVENT_TYPES)}")
        if issue and issue not in issues(db):
            raise BadParameter(f"issue: no issue {issue!r} in this corpus; issues: "
                               f"{', '.join(issues(db)) or 'none'}")
        actor_id = find_actor(db, actor) if actor else None
        return cls(actor=actor_id, type=type.upper() if type else None, issue=issue or None,
                   start=first, end=last,
                   sectors=country_actors(db, actor_id) if actor_id and sectors else ())

    def params(self) -> dict:
        """The SQL parameters: ``$actors`` is the actor and its sectors, or NULL for any."""
        return {"actors": [self.actor, *self.sectors] if self.actor else None,
                "type": self.type, "issue": self.issue, "start": self.start, "end": self.end}


# ---- corpus-wide lists ---------------------------------------------------------------------

def overview(db: Reader) -> dict:
    """How much the corpus holds."""
    (counts,) = db.rows("""
        SELECT (SELECT count(*) FROM articles) AS articles,
               (SELECT count(*) FROM canonical_articles) AS canonical,
               (SELECT count(*) FROM actors) AS actors,
               (SELECT count(*) FROM quotes) AS quotes,
               (SELECT count(*) FROM events) AS events,
               (SELECT count(*) FROM positions) AS positions,
               (SELECT count(*) FROM failures) AS failures,
               (SELECT min(published) FROM articles) AS first,
               (SELECT max(published) FROM articles) AS last""")
    return counts


def articles(db: Reader, limit: int = 50, offset: int = 0) -> list[dict]:
    """Stored articles, newest first, with how many records each has."""
    return db.rows("""
        SELECT a.text_sha256 AS key, a.id, a.published, a.title, a.source, a.canonical_id,
               (SELECT count(*) FROM quotes q WHERE q.article = a.text_sha256) AS quotes,
               (SELECT count(*) FROM events e WHERE e.article = a.text_sha256) AS events,
               length(a.text) AS characters
        FROM articles a ORDER BY a.published DESC NULLS LAST, a.ingest_order DESC
        LIMIT $limit OFFSET $offset""", {"limit": limit, "offset": offset})


def issues(db: Reader) -> list[str]:
    """Every issue a position or proposal in the corpus is about."""
    return [row["issue"] for row in db.rows("""
        SELECT issue FROM positions UNION SELECT issue FROM proposals WHERE issue IS NOT NULL
        ORDER BY issue""")]


def count_actors(db: Reader, named: str | None = None) -> int:
    return db.value(f"SELECT count(*) FROM actors ac WHERE {_NAMED}", {"named": named or None})


def count_articles(db: Reader) -> int:
    return db.value("SELECT count(*) FROM articles")


def actors(db: Reader, limit: int | None = None, offset: int = 0,
           named: str | None = None) -> list[dict]:
    """Actors with their canonical stories, quotes, events done and received; most reported
    first. ``named`` keeps those whose id, name or an alias holds it (any case)."""
    return db.rows(f"""
        SELECT t.* FROM ({ACTOR_TOTALS}) t JOIN actors ac USING (id) WHERE {_NAMED}
        ORDER BY stories DESC, quotes DESC, t.name, id LIMIT $limit OFFSET $offset""",
                   {"limit": limit, "offset": offset, "named": named or None})



def find_actor(db: Reader, name: str) -> str:
    """The id of the actor with this id, name or alias (case-insensitive, spaces around it
    ignored): the command line, the Python API and the web app all look actors up here. An
    id wins over a name and a name over an alias; among actors that share a name or an
    alias, the one mentioned most (then the first by id). A name the corpus never stored
    is read as the actor stage reads it ("Russian forces", "Russians": see
    :meth:`Knowledge.actor_ids`), the first of its actors the corpus holds."""
    found = db.rows("""
        WITH named AS (
            SELECT id, lower(id) = lower($n) AS by_id, lower(name) = lower($n) AS by_name
            FROM actors WHERE lower(id) = lower($n) OR lower(name) = lower($n)
               OR list_contains(list_transform(aliases, x -> lower(x)), lower($n)))
        SELECT named.id FROM named LEFT JOIN mentions m ON m.actor = named.id
        GROUP BY named.id, by_id, by_name
        ORDER BY by_id DESC, by_name DESC, count(m.actor) DESC, named.id
        LIMIT 1""", {"n": name.strip()})
    if found:
        return found[0]["id"]
    from wirecoder.knowledge.load import default_knowledge

    known = default_knowledge().actor_ids(name)
    stored = {row["id"] for row in db.rows(
        "SELECT id FROM actors WHERE id IN (SELECT unnest($ids))", {"ids": known})}
    for actor_id in known:
        if actor_id in stored:
            return actor_id
    raise NotFound(f"no actor {name!r} in this corpus")


def country_actors(db: Reader, actor_id: str) -> tuple[str, ...]:
    """A country's other actors: its sectors (RUS-MIL), officials, people and sources, all
    coded to it; none for an actor that is not a country."""
    return tuple(row["id"] for row in db.rows("""
        SELECT o.id FROM actors c JOIN actors o ON o.country = c.country AND o.id <> c.id
        WHERE c.id = $a AND c.kind = 'country' ORDER BY o.id""", {"a": actor_id}))


def actor_name(db: Reader, actor_id: str) -> str:
    return db.rows("SELECT name FROM actors WHERE id = $a", {"a": actor_id})[0]["name"]


# ---- one article ---------------------------------------------------------------------------

class StoredArticle(Extraction):
    """One stored article: its records in the record model, its text, and the names of the
    actors its records cite."""

    text: str
    url: str | None = None
    canonical_id: str | None = Field(None, description="The first copy's text_sha256 when "
                                                       "this article is a near-duplicate")
    names: dict[str, str] = Field({}, description="Actor id -> name, for every actor cited")


#: How each record table is ordered on an article page.
_RECORD_ORDER = {"quotes": "content_start", "events": "trigger_start",
                 "positions": "trigger_start, actor, issue", "proposals": "id",
                 "times": "start", "places": "mentions[1].start, id"}


def article(db: Reader, key: str) -> StoredArticle:
    """One article (by text SHA-256) with its text and every record extracted from it."""
    found = db.rows("SELECT * FROM articles WHERE text_sha256 = $k", {"k": key})
    if not found:
        raise NotFound(f"no article {key!r} in this corpus")
    (row,) = found
    records: dict[str, list] = {"actors": _actors_of(db, key)}
    for table, model in record_tables().items():
        if model is not Actor:
            records[table] = [_record(model, r) for r in db.rows(
                f"SELECT * FROM {table} WHERE article = $k ORDER BY {_RECORD_ORDER[table]}",
                {"k": key})]
    cited = _cited_actors(records)
    names = {r["id"]: r["name"] for r in db.rows(
        "SELECT id, name FROM actors WHERE id IN (SELECT unnest($ids))", {"ids": cited})}
    return StoredArticle(article=_record(Article, row), text=row["text"], url=row["url"],
                         canonical_id=row["canonical_id"], names=names, **records)


def _record(model: type[BaseModel], row: dict) -> BaseModel:
    """A record rebuilt from its table row: the inverse of :func:`.schema.model_values`."""
    json_fields = {c.name for c in model_columns(model) if c.sql == "JSON"}
    values = {}
    for name in model.model_fields:
        if f"{name}_start" in row:
            values[name] = None if row[f"{name}_start"] is None else {
                part: row[f"{name}_{part}"] for part in ("start", "end", "text")}
        elif name in json_fields:
            values[name] = json.loads(row[name])
        elif name in row:
            values[name] = row[name]
    return model.model_validate(values)


def _actors_of(db: Reader, key: str) -> list[Actor]:
    """The article's actors: canonical fields, what this article says, and its mentions."""
    actors: dict[str, dict] = {}
    for row in db.rows("""
            SELECT ac.* EXCLUDE (wirecoder_version, config_hash), m.title, m.roles,
                   m.affiliation, m.confidence, m.start, m."end", m.text
            FROM mentions m JOIN actors ac ON ac.id = m.actor WHERE m.article = $k
            ORDER BY m.start""", {"k": key}):
        actor = actors.setdefault(row["id"], {**row, "mentions": []})
        actor["mentions"].append({"start": row["start"], "end": row["end"], "text": row["text"]})
    return [_record(Actor, actor) for actor in actors.values()]


def _cited_actors(records: dict[str, list]) -> list[str]:
    cited = {actor.id for actor in records["actors"]}
    cited |= {a.affiliation for a in records["actors"]}
    cited |= {quote.speaker for quote in records["quotes"]}
    cited |= {end for event in records["events"] for end in (event.source, event.target)}
    cited |= {position.actor for position in records["positions"]}
    for proposal in records["proposals"]:
        cited |= {proposal.sponsor, proposal.presenter, *proposal.recipients,
                  *(response.actor for response in proposal.responses)}
    return sorted(cited - {None})


# ---- one actor -----------------------------------------------------------------------------

#: Events as the actor page, the network's links and the API list them: when, what, who to
#: whom, where, and the sentence
_EVENT_ROWS = f"""
    SELECT coalesce(e.date, a.published) AS day, a.text_sha256 AS article, a.id AS story,
           e.id, e.type, e.mode, e.negated, e.modality, e.source, s.name AS source_name,
           e.target, t.name AS target_name, e.trigger_text AS trigger,
           e.evidence_text AS evidence, e.confidence, p.name AS place, e.place_from
    FROM events e {_CANONICAL.format(t="e")} LEFT JOIN actors s ON s.id = e.source
    LEFT JOIN actors t ON t.id = e.target
    LEFT JOIN places p ON p.article = e.article AND p.id = e.place"""


def actor(db: Reader, name: str, limit: int = 50) -> dict:
    """One actor: who it is (for a country, its sector actors and how many actors are
    coded to it), what it said and did (the latest ``limit`` of each, newest first, with how
    many there are in all), what was done to it, where it stands."""
    actor_id = find_actor(db, name)
    (profile,) = db.rows("""
        SELECT ac.id, ac.name, ac.aliases, ac.kind, ac.country, ac.code, ac.known,
               list_sort(list_distinct(flatten(list(m.roles)))) AS roles,
               list_sort(list_distinct(list(m.title))) AS titles,
               list_sort(list_distinct(list(m.affiliation))) AS affiliations,
               count(DISTINCT m.article) AS stories
        FROM actors ac LEFT JOIN mentions m ON m.actor = ac.id WHERE ac.id = $a
        GROUP BY ALL""", {"a": actor_id})
    own = country_actors(db, actor_id)
    profile["country_actors"] = len(own)
    profile["sectors"] = [i for i in own if i.startswith(f"{actor_id}-")]
    a = {"a": actor_id, "limit": limit}
    quotes = f"FROM quotes q {_CANONICAL.format(t='q')} WHERE q.speaker = $a"
    profile["quotes"] = db.rows(f"""
        SELECT a.published AS day, a.text_sha256 AS article, a.id AS story, a.title, q.id,
               q.kind, q.cue, q.channel, q.content_text AS content, q.confidence
        {quotes} ORDER BY day DESC NULLS LAST, a.ingest_order DESC, q.content_start
        LIMIT $limit""", a)
    profile["quotes_total"] = db.value(f"SELECT count(*) {quotes}", {"a": actor_id})
    order = "ORDER BY day DESC NULLS LAST, a.ingest_order DESC, e.trigger_start LIMIT $limit"
    for key, side in (("events_done", "source"), ("events_received", "target")):
        profile[key] = db.rows(f"{_EVENT_ROWS} WHERE e.{side} = $a {order}", a)
        profile[f"{key}_total"] = db.value(
            f"SELECT count(*) FROM events e {_CANONICAL.format(t='e')} WHERE e.{side} = $a",
            {"a": actor_id})
    profile["positions"] = [
        {"issue": issue, "latest": history[-1], "history": history}
        for issue, history in _by_issue(stance_history(db, actor_id)).items()]
    profile["responses"] = proposals(db, actor_id)
    return profile


def _by_issue(history: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for position in history:
        grouped.setdefault(position["issue"], []).append(position)
    return grouped


def stance_history(db: Reader, actor_id: str, issue: str | None = None) -> list[dict]:
    """Every stance the actor took (on one issue or all), oldest first; ``changed`` marks a
    stance that differs from the one before it on the same issue."""
    history = db.rows(f"""
        SELECT a.published AS day, a.text_sha256 AS article, a.id AS story, a.title, p.issue,
               p.stance, p.conditions, p.trigger_start, p.trigger_end, p.trigger_text,
               p.evidence_text AS evidence, p.quote, p.confidence,
               coalesce(lag(p.stance) OVER history <> p.stance, false) AS changed
        FROM positions p {_CANONICAL.format(t="p")}
        WHERE p.actor = $a AND ($issue IS NULL OR p.issue = $issue)
        WINDOW history AS (PARTITION BY p.issue
                           ORDER BY a.published NULLS LAST, a.ingest_order, p.evidence_start)
        ORDER BY p.issue, a.published NULLS LAST, a.ingest_order, p.evidence_start""",
                      {"a": actor_id, "issue": issue})
    return history


# ---- corpus-wide views ---------------------------------------------------------------------

_TIMELINE = f"""
    SELECT coalesce(e.date, a.published) AS day, 'event' AS kind, e.type AS what,
           e.source AS actor, s.name AS actor_name, e.target, t.name AS target_name,
           NULL AS issue, e.negated, e.evidence_text AS text, a.text_sha256 AS article,
           a.id AS story, 'event:' || e.id AS record, a.ingest_order,
           e.trigger_start AS place_in_text
    FROM events e {_CANONICAL.format(t="e")} LEFT JOIN actors s ON s.id = e.source
    LEFT JOIN actors t ON t.id = e.target
    WHERE ($actors IS NULL OR e.source IN (SELECT unnest($actors))
           OR e.target IN (SELECT unnest($actors)))
      AND ($type IS NULL OR e.type = $type) AND ($issue IS NULL OR e.article IN (
          SELECT article FROM positions WHERE issue = $issue
          UNION SELECT article FROM proposals WHERE issue = $issue))
    UNION ALL
    SELECT a.published, 'quote', coalesce(q.cue, q.kind), q.speaker, s.name, NULL, NULL,
           NULL, false, q.content_text, a.text_sha256, a.id, 'quote:' || q.id, a.ingest_order,
           q.content_start
    FROM quotes q {_CANONICAL.format(t="q")} LEFT JOIN actors s ON s.id = q.speaker
    WHERE $type IS NULL AND ($actors IS NULL OR q.speaker IN (SELECT unnest($actors)))
      AND ($issue IS NULL OR EXISTS (SELECT 1 FROM positions p WHERE p.article = q.article
                                     AND p.quote = q.id AND p.issue = $issue))
    UNION ALL
    SELECT a.published, 'position', p.stance, p.actor, s.name, NULL, NULL, p.issue, false,
           p.evidence_text, a.text_sha256, a.id,
           'position:' || p.actor || ':' || p.issue || ':' || p.trigger_start, a.ingest_order,
           p.trigger_start
    FROM positions p {_CANONICAL.format(t="p")} LEFT JOIN actors s ON s.id = p.actor
    WHERE $type IS NULL AND ($actors IS NULL OR p.actor IN (SELECT unnest($actors)))
      AND ($issue IS NULL OR p.issue = $issue)"""
_IN_RANGE = "($start IS NULL OR day >= $start) AND ($end IS NULL OR day <= $end)"


def timeline(db: Reader, filters: Filters, limit: int = 500, offset: int = 0) -> dict:
    """Events, quotes and positions by day, newest first, with counts per day and kind.

    An event type leaves statements out; an issue keeps its positions, the quotes that state
    them and the events of stories about it. Without a start or an end, the range is the
    corpus's publication dates: a story's history ("in 1904") would stretch it over a
    century; ``outside`` says how many dated items the range leaves out, ``earliest`` and
    ``latest`` the days that hold them all, ``undated`` how many have no day at all (an
    undated story's records), which no range shows.
    """
    params = filters.params()
    if filters.start is None and filters.end is None:
        first, last = db.connection.execute(
            "SELECT min(published), max(published) FROM canonical_articles").fetchone()
        params.update(start=first, end=last)
    items = db.rows(f"""
        SELECT * EXCLUDE (ingest_order, place_in_text) FROM ({_TIMELINE}) WHERE {_IN_RANGE}
        ORDER BY day DESC NULLS LAST, ingest_order DESC, place_in_text, kind
        LIMIT {int(limit)} OFFSET {int(offset)}""", params)
    counts = db.rows(f"""
        SELECT day, kind, count(*) AS n FROM ({_TIMELINE})
        WHERE day IS NOT NULL AND {_IN_RANGE} GROUP BY ALL ORDER BY day, kind""", params)
    total = db.value(f"SELECT count(*) FROM ({_TIMELINE}) WHERE {_IN_RANGE}", params)
    ((dated, undated, earliest, latest),) = db.connection.execute(
        f"SELECT count(day), count(*) - count(day), min(day), max(day) FROM ({_TIMELINE})",
        {k: v for k, v in params.items() if k not in ("start", "end")}).fetchall()
    return {"items": items, "counts": counts, "total": total, "start": params["start"],
            "end": params["end"], "outside": dated - total, "undated": undated,
            "earliest": earliest, "latest": latest}


def _check_class(klass: str | None) -> None:
    if klass not in (None, "cooperative", "conflictual"):
        raise BadParameter(f"class: {klass!r} is not cooperative or conflictual")


def network(db: Reader, filters: Filters, most: int = 40, weight: int = 1,
            kinds: tuple[str, ...] = (), klass: str | None = None) -> dict:
    """Actors as nodes and events between them as directed edges, per type; the ``most``
    actors with most events, negated events and acts that are only another event's content
    (what was threatened, demanded or refused) left out. ``weight`` is the fewest events a
    link needs, ``kinds`` the actor kinds kept (any if empty), ``klass`` the event class
    (cooperative or conflictual) kept."""
    _check_class(klass)
    edges = db.rows(f"""
        SELECT e.source, e.target, e.type, count(*) AS events,
               min(coalesce(e.date, a.published)) AS first,
               max(coalesce(e.date, a.published)) AS last
        FROM events e {_CANONICAL.format(t="e")}
        WHERE e.source IS NOT NULL AND e.target IS NOT NULL AND e.source <> e.target
          AND NOT e.negated AND e.content_of IS NULL
          AND ($start IS NULL OR coalesce(e.date, a.published) >= $start)
          AND ($end IS NULL OR coalesce(e.date, a.published) <= $end)
        GROUP BY ALL ORDER BY events DESC, e.source, e.target, e.type""",
                   {"start": filters.start, "end": filters.end})
    for edge in edges:
        edge["class"] = event_class(edge["type"])
    if kinds:
        kind_of = {row["id"]: row["kind"] for row in db.rows("SELECT id, kind FROM actors")}
        edges = [e for e in edges if kind_of.get(e["source"]) in kinds
                 and kind_of.get(e["target"]) in kinds]
    edges = [e for e in edges if e["events"] >= weight and klass in (None, e["class"])]
    degree: dict[str, int] = {}
    for edge in edges:
        for end in (edge["source"], edge["target"]):
            degree[end] = degree.get(end, 0) + edge["events"]
    kept = sorted(degree, key=lambda node: (-degree[node], node))[:most]
    names = {row["id"]: row for row in db.rows(
        "SELECT id, name, kind, country FROM actors WHERE id IN (SELECT unnest($ids))",
        {"ids": kept})} if kept else {}
    nodes = [{**names[node], "events": degree[node]} for node in kept]
    edges = [e for e in edges if e["source"] in names and e["target"] in names]
    return {"nodes": nodes, "edges": edges, "actors_left_out": len(degree) - len(kept)}


_EVENT_FILTER = """($actors IS NULL OR e.source IN (SELECT unnest($actors))
                      OR e.target IN (SELECT unnest($actors)))
    AND ($type IS NULL OR e.type = $type) AND NOT e.negated AND e.content_of IS NULL
    AND ($start IS NULL OR coalesce(e.date, a.published) >= $start)
    AND ($end IS NULL OR coalesce(e.date, a.published) <= $end)"""


def _event_params(filters: Filters) -> dict:
    """The parameters of ``_EVENT_FILTER``."""
    return {k: v for k, v in filters.params().items() if k != "issue"}


def map_places(db: Reader, filters: Filters, country: str | None = None) -> list[dict]:
    """Places with coordinates and how many events happened there and stories named them.
    An actor or an event type keeps the places of its events only; dates bound both;
    ``country`` (ISO 3166 alpha-3) keeps one country's places."""
    params = {**_event_params(filters), "country": country.upper() if country else None}
    return db.rows(f"""
        WITH happened AS (
            SELECT e.place AS id, count(*) AS events
            FROM events e {_CANONICAL.format(t="e")}
            WHERE e.place IS NOT NULL AND {_EVENT_FILTER} GROUP BY ALL),
        named AS (
            SELECT p.id, any_value(p.name) AS name, any_value(p.kind) AS kind,
                   any_value(p.country) AS country, any_value(p.lat) AS lat,
                   any_value(p.lon) AS lon, count(DISTINCT p.article) AS stories
            FROM places p {_CANONICAL.format(t="p")}
            WHERE p.lat IS NOT NULL AND ($start IS NULL OR a.published >= $start)
              AND ($end IS NULL OR a.published <= $end)
            GROUP BY p.id)
        SELECT n.*, coalesce(h.events, 0) AS events FROM named n LEFT JOIN happened h USING (id)
        WHERE (h.events IS NOT NULL OR ($actors IS NULL AND $type IS NULL))
          AND ($country IS NULL OR n.country = $country)
        ORDER BY events DESC, stories DESC, n.name""", params)


def place_events(db: Reader, place: str, filters: Filters, limit: int = 50,
                 offset: int = 0) -> dict:
    """One place of the map: ``limit`` of its events from ``offset`` (newest first) and the
    latest ``limit`` stories that name it, with how many there are of each (``total`` events,
    ``stories_total``)."""
    params = {**_event_params(filters), "place": place}
    found = db.rows("SELECT id, name, kind, country, lat, lon FROM places WHERE id = $p "
                    "LIMIT 1", {"p": place})
    if not found:
        raise NotFound(f"no place {place!r} in this corpus")
    events = f"""FROM events e {_CANONICAL.format(t="e")} LEFT JOIN actors s ON s.id = e.source
        LEFT JOIN actors t ON t.id = e.target WHERE e.place = $place AND {_EVENT_FILTER}"""
    rows = db.rows(f"""
        SELECT coalesce(e.date, a.published) AS day, a.text_sha256 AS article, a.id AS story,
               e.id, e.type, e.negated, e.source, s.name AS source_name, e.target,
               t.name AS target_name, e.evidence_text AS evidence, e.place_from
        {events} ORDER BY day DESC NULLS LAST, a.ingest_order DESC, e.trigger_start
        LIMIT {int(limit)} OFFSET {int(offset)}""", params)
    stories = f"""FROM places p {_CANONICAL.format(t="p")}
        WHERE p.id = $place AND ($start IS NULL OR a.published >= $start)
          AND ($end IS NULL OR a.published <= $end)"""
    story_params = {k: params[k] for k in ("place", "start", "end")}
    named = db.rows(f"""
        SELECT DISTINCT a.published AS day, a.text_sha256 AS article, a.id AS story, a.title,
               a.ingest_order {stories}
        ORDER BY day DESC NULLS LAST, a.ingest_order DESC LIMIT {int(limit)}""", story_params)
    return {**found[0], "events": rows, "total": db.value(f"SELECT count(*) {events}", params),
            "stories": named,
            "stories_total": db.value(f"SELECT count(DISTINCT a.text_sha256) {stories}",
                                      story_params)}


def link_events(db: Reader, source: str, target: str, filters: Filters,
                klass: str | None = None, weight: int = 1) -> list[dict]:
    """The events behind one link of the network: what ``source`` did to ``target``, newest
    first, with their evidence sentences; the filters' event type keeps one type, ``klass``
    the cooperative or the conflictual ones, and ``weight`` the types with that many events
    or more, as the network draws them."""
    _check_class(klass)
    rows = db.rows(f"""{_EVENT_ROWS}
        WHERE e.source = $s AND e.target = $t AND {_EVENT_FILTER}
        ORDER BY day DESC NULLS LAST, a.ingest_order DESC, e.trigger_start""",
                   {**_event_params(filters), "s": source, "t": target})
    per_type = Counter(row["type"] for row in rows)
    return [row for row in rows
            if klass in (None, event_class(row["type"])) and per_type[row["type"]] >= weight]


def positions(db: Reader, limit: int | None = None, offset: int = 0) -> dict:
    """Each actor's latest stance per issue, with where it was said: the actors that took
    the most stances first (``limit`` of them from ``offset``), and only the issues they
    took one on, the most contested first."""
    cells = db.rows(f"""
        SELECT p.actor, ac.name, p.issue, p.stance, p.conditions, a.published AS day,
               a.text_sha256 AS article, a.id AS story, p.trigger_start, p.trigger_end,
               p.evidence_text AS evidence, count(*) OVER (PARTITION BY p.actor, p.issue)
               AS positions
        FROM positions p {_CANONICAL.format(t="p")} LEFT JOIN actors ac ON ac.id = p.actor
        QUALIFY row_number() OVER (PARTITION BY p.actor, p.issue ORDER BY
                                   a.published DESC NULLS LAST, a.ingest_order DESC,
                                   p.evidence_start DESC) = 1
        ORDER BY ac.name, p.issue""")
    activity: dict[tuple[str, str], int] = {}
    for c in cells:
        key = (c["actor"], c["name"] or c["actor"])
        activity[key] = activity.get(key, 0) + c["positions"]
    ranked = sorted(activity, key=lambda k: (-activity[k], k[1].lower()))
    shown = ranked[offset:offset + limit] if limit else ranked[offset:]
    ids = {actor for actor, _ in shown}
    cells = [c for c in cells if c["actor"] in ids]
    takers: dict[str, int] = {}
    for c in cells:
        takers[c["issue"]] = takers.get(c["issue"], 0) + 1
    return {"actors": [{"id": id, "name": name} for id, name in shown],
            "issues": sorted(takers, key=lambda issue: (-takers[issue], issue)),
            "cells": cells, "total": len(ranked)}


def proposals(db: Reader, actor_id: str | None = None) -> list[dict]:
    """Each party's response to each proposal (canonical stories), or one party's only."""
    return db.rows(f"""
        WITH responses AS (
            SELECT p.article, p.id, p.name, p.issue, p.sponsor, unnest(from_json(
                p.responses, '[{{"actor": "VARCHAR", "response": "VARCHAR",
                                "conditions": ["VARCHAR"]}}]'), recursive := true)
            FROM proposals p)
        SELECT a.published AS day, a.text_sha256 AS article, a.id AS story, p.id AS proposal,
               p.name, p.issue, p.sponsor, s.name AS sponsor_name, p.actor,
               ac.name AS actor_name, p.response, p.conditions
        FROM responses p {_CANONICAL.format(t="p")}
        LEFT JOIN actors ac ON ac.id = p.actor LEFT JOIN actors s ON s.id = p.sponsor
        WHERE $a IS NULL OR p.actor = $a
        ORDER BY day NULLS LAST, a.ingest_order, proposal, p.actor""", {"a": actor_id})


def search(db: Reader, query: str, target: str = "articles", limit: int | None = 20,
           exact: bool = False, offset: int = 0) -> pd.DataFrame | list[dict]:
    """Best full-text matches (BM25) among canonical articles or quotes, ``limit`` of them
    (None: all) from ``offset``, each article with the passage around its first match.

    Every word must match, in any form ("talks" finds "talk"); a part in double quotes must
    also be there as written, its words side by side. ``exact`` reads the whole query so
    ("accountable" then no longer finds "accounts"). A query of only words the index leaves
    out ("the", "said", digits) is a :class:`BadParameter` that says so.
    """
    if (limit is not None and limit < 0) or offset < 0:
        raise BadParameter("limit and offset cannot be negative")
    with _searching():
        body, params = _matches(db, query, target, exact)
        if target == "articles":
            sql = f"""
                SELECT round(score, 3) AS score, id AS story, published, title,
                       {_KWIC} AS excerpt, text_sha256 {body}"""
        else:
            sql = f"""
                SELECT round(score, 3) AS score, a.id AS story, a.published, s.speaker,
                       ac.name AS speaker_name, s.text AS quote, s.article {body}"""
        most = "" if limit is None else f"LIMIT {int(limit)}"
        return db.table(f"{sql} ORDER BY score DESC {most} OFFSET {int(offset)}", params)


def count_matches(db: Reader, query: str, target: str = "articles",
                  exact: bool = False) -> int:
    """How many articles or quotes :func:`search` finds in all."""
    with _searching():
        body, params = _matches(db, query, target, exact)
        return db.value(f"SELECT count(*) {body}", params)


#: A part of a query in double quotes (straight or curly); an unclosed one runs to the end
_QUOTED = re.compile(r'["“”]([^"“”]*)(?:["“”]|$)')


def _matches(db: Reader, query: str, target: str, exact: bool) -> tuple[str, dict]:
    """The FROM and WHERE of a search, and its parameters: the words the index keeps must
    all match (conjunctive BM25), and each phrase as written."""
    if target not in TARGETS:
        raise BadParameter(f"in: cannot search {target!r}; use one of {', '.join(TARGETS)}")
    load_extension(db.connection)
    schema = SCHEMAS[target]
    terms = _indexed_words(db, schema, query)
    unquoted = " ".join(_QUOTED.sub(r" \1 ", query).split())
    phrases = [unquoted] if exact else [
        " ".join(p.split()) for p in _QUOTED.findall(query) if p.strip()]
    params = {"q": " ".join(terms)} | {
        f"phrase{n}": _phrase_pattern(p) for n, p in enumerate(phrases)}

    def as_written(*columns: str) -> str:
        return "".join(f" AND ({' OR '.join(f'regexp_matches({c}, $phrase{n})' for c in columns)})"
                       for n in range(len(phrases)))

    if target == "quotes":
        return f"""
            FROM (SELECT *, {schema}.match_bm25(key, $q, conjunctive := 1) AS score
                  FROM quote_search) s
            JOIN articles a ON a.text_sha256 = s.article
            LEFT JOIN actors ac ON ac.id = s.speaker
            WHERE score IS NOT NULL AND a.canonical_id IS NULL{as_written("s.text")}""", params
    # where the passage shown starts: the first phrase, else the first word found (stemmed)
    first = "strpos(text, nullif(regexp_extract(text, $phrase0, 1), ''))" if phrases \
        else "NULL"
    return f"""
        FROM (SELECT *, {schema}.match_bm25(text_sha256, $q, conjunctive := 1) AS score,
                     coalesce({first}, list_min(list_filter(list_transform(
                         $terms, w -> strpos(lower(text), stem(w, 'porter'))), p -> p > 0)),
                         1) AS hit
              FROM articles)
        WHERE score IS NOT NULL AND canonical_id IS NULL{as_written("title", "text")}""", \
        params | {"terms": terms}


def _indexed_words(db: Reader, schema: str, query: str) -> list[str]:
    """The words of a query as the index keeps them (lower case, no accents), once each,
    without its stop words; a :class:`BadParameter` when none is left."""
    words = [w for w in db.value(f"SELECT {schema}.tokenize($q)",
                                 {"q": _QUOTED.sub(r" \1 ", query)}) if w]
    common = set(db.value(f"SELECT list(sw) FROM {schema}.stopwords WHERE list_contains($w, sw)",
                          {"w": words}) or ())
    terms = list(dict.fromkeys(w for w in words if w not in common))
    if not terms and words:
        raise BadParameter(f"{query!r} has only common words ({', '.join(dict.fromkeys(words))}"
                           "), which the search index leaves out; add a word that says more")
    if not terms:
        raise BadParameter(f"{query!r} has no words to search for: the search index leaves "
                           "out digits and punctuation")
    return terms


def _phrase_pattern(phrase: str) -> str:
    """A regular expression (RE2) for a phrase as written, any case, its words side by side
    with any space between, not inside a longer word; group 1 is the phrase found."""
    words = r"\s+".join(re.escape(word) for word in phrase.split())
    before = r"(?:^|[^\pL\pN_])" if phrase[0].isalnum() else ""
    after = r"(?:[^\pL\pN_]|$)" if phrase[-1].isalnum() else ""
    return f"(?i){before}({words}){after}"


@contextmanager
def _searching() -> Iterator[None]:
    """Turns a missing index into an error that says how to build it."""
    try:
        yield
    except duckdb.CatalogException:
        raise WirecoderError("the database has no search index yet; run 'wirecoder ingest' "
                             "to build it") from None


def article_links(db: Reader, keys: list[str]) -> dict[str, dict]:
    """For each article, its most mentioned actors (up to eight) and how many events and
    positions it holds: where a search hit leads."""
    rows = db.rows("""
        SELECT a.text_sha256 AS article,
               (SELECT list({'id': m.actor, 'name': ac.name} ORDER BY m.n DESC, ac.name)[:8]
                FROM (SELECT actor, count(*) AS n FROM mentions
                      WHERE article = a.text_sha256 GROUP BY actor) m
                JOIN actors ac ON ac.id = m.actor) AS actors,
               (SELECT count(*) FROM events e WHERE e.article = a.text_sha256) AS events,
               (SELECT count(*) FROM positions p WHERE p.article = a.text_sha256)
               AS positions
        FROM articles a WHERE a.text_sha256 IN (SELECT unnest($keys))""", {"keys": keys})
    return {row["article"]: row for row in rows}


#: the passage around a match ("keyword in context"): 90 characters before it, 150 after,
#: on one line
_KWIC = """regexp_replace(
    CASE WHEN hit > 90 THEN '…' ELSE '' END || substring(text, greatest(hit - 90, 1), 240)
    || CASE WHEN length(text) > hit + 150 THEN '…' ELSE '' END, '\\s+', ' ', 'g')"""


def index_coverage(db: Reader) -> dict:
    """How many stored articles the search index covers, of how many: fewer while an
    ingest runs (the index is built after its first batch and rebuilt at its end)."""
    (row,) = db.rows("""
        SELECT coalesce((SELECT value::BIGINT FROM meta WHERE key = 'indexed_articles'), 0)
               AS indexed, (SELECT count(*) FROM articles) AS articles""")
    return row


def actor_totals(db: Reader) -> pd.DataFrame | list[dict]:
    """Every actor with the canonical stories that mention it, its quotes and events."""
    return db.table(f"""
        SELECT id, name, kind, country, stories, quotes, events_done AS events
        FROM ({ACTOR_TOTALS}) ORDER BY stories DESC, id""")


def table_names(db: Reader) -> list[str]:
    """The tables and views of the store."""
    return [row["table_name"] for row in db.rows(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "ORDER BY table_name")]


#: The events the event data leaves out, each counted once under the first reason that holds
_LEFT_OUT = f"""
    SELECT CASE {" ".join(f"WHEN {condition} THEN '{why}'" for condition, why in _LEFT_OUT_BECAUSE)}
           END AS why, count(*) AS events
    FROM events e JOIN articles a ON a.text_sha256 = e.article
    WHERE {_KEPT_OUT}
    GROUP BY why ORDER BY events DESC, why"""


@dataclass(frozen=True)
class Exported:
    """What :func:`export` wrote: its rows and, for event data, how many events it left out
    and why (an empty dict for a table, which is written whole)."""

    rows: int
    left_out: dict[str, int]


def export(db: Reader, to: Path, table: str = "events") -> Exported:
    """Write a table as .jsonl, .csv or .parquet, or events as event-data .tsv."""
    options = EXPORT_FORMATS.get(to.suffix.lower())
    if options is None:
        raise WirecoderError(f"{to}: unknown export format; use one of "
                             f"{', '.join(EXPORT_FORMATS)}")
    event_data = to.suffix.lower() == ".tsv"
    if event_data and table != "events":
        raise BadParameter(f"{to}: a .tsv file holds event data, made of events only; export "
                           f"{table!r} as .jsonl, .csv or .parquet")
    if event_data:
        query = EVENT_DATA
    elif table in table_names(db):
        query = f'SELECT * FROM "{table}"'
    else:
        raise NotFound(f"no table {table!r} in this corpus")
    target = str(to).replace("'", "''")
    (written,) = db.connection.execute(f"COPY ({query}) TO '{target}' ({options})").fetchone()
    left_out = {row["why"]: row["events"] for row in db.rows(_LEFT_OUT)} if event_data else {}
    return Exported(written, left_out)
