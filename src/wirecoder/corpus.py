"""Reading a corpus store: ready-made views, actors, timelines, search and export.

``wirecoder.open(path)`` returns a :class:`Corpus`; every method answers with a pandas
DataFrame. Each call opens the file read-only and closes it again, so an ingest running in
another process can take the file between calls (see :mod:`wirecoder.store`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from wirecoder import search as full_text
from wirecoder.errors import WirecoderError
from wirecoder.store import WAIT_SECONDS, connect

#: Joins a record table ``{t}`` to its article, keeping canonical stories only
CANONICAL = "JOIN articles a ON a.text_sha256 = {t}.article AND a.canonical_id IS NULL"

#: Every actor with the canonical stories that mention it, its quotes, and the events it did
#: and received
ACTOR_TOTALS = f"""
    WITH stories AS (SELECT m.actor, count(DISTINCT m.article) AS n FROM mentions m
                     {CANONICAL.format(t="m")} GROUP BY m.actor),
         said AS (SELECT q.speaker, count(*) AS n FROM quotes q
                  {CANONICAL.format(t="q")} GROUP BY q.speaker),
         did AS (SELECT e.source, count(*) AS n FROM events e
                 {CANONICAL.format(t="e")} GROUP BY e.source),
         received AS (SELECT e.target, count(*) AS n FROM events e
                      {CANONICAL.format(t="e")} GROUP BY e.target)
    SELECT ac.id, ac.name, ac.kind, ac.country, coalesce(stories.n, 0) AS stories,
           coalesce(said.n, 0) AS quotes, coalesce(did.n, 0) AS events_done,
           coalesce(received.n, 0) AS events_received
    FROM actors ac LEFT JOIN stories ON stories.actor = ac.id
    LEFT JOIN said ON said.speaker = ac.id LEFT JOIN did ON did.source = ac.id
    LEFT JOIN received ON received.target = ac.id"""

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

#: Columns of the event-data TSV, after the POLECAT/PLOVER layout; canonical stories only.
EVENT_DATA = """
    SELECT a.id || '-' || e.id AS event_id, coalesce(e.date, a.published) AS event_date,
           s.name AS source_actor, s.country AS source_country,
           t.name AS target_actor, t.country AS target_country,
           e.type AS event_type, e.mode AS event_mode, p.name AS placename,
           p.lat AS latitude, p.lon AS longitude, a.id AS story_id,
           regexp_replace(e.evidence_text, '\\s+', ' ', 'g') AS evidence
    FROM events e JOIN articles a ON a.text_sha256 = e.article AND a.canonical_id IS NULL
    LEFT JOIN actors s ON s.id = e.source LEFT JOIN actors t ON t.id = e.target
    LEFT JOIN places p ON p.article = e.article AND p.id = e.place
    WHERE NOT e.negated AND e.content_of IS NULL
    ORDER BY event_date, story_id, e.id"""

EXPORT_FORMATS = {".jsonl": "FORMAT json", ".csv": "FORMAT csv, HEADER",
                  ".parquet": "FORMAT parquet", ".tsv": "FORMAT csv, HEADER, DELIMITER '\t'"}


class Corpus:
    """A corpus store, read through SQL; every answer is a pandas DataFrame."""

    def __init__(self, path: str | Path, wait: float = WAIT_SECONDS):
        self.path = Path(path)
        self.wait = wait
        with self._reading():
            pass  # fail now, not at the first query, when the file is missing

    @contextmanager
    def _reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        connection = connect(self.path, read_only=True, wait=self.wait)
        try:
            yield connection
        finally:
            connection.close()

    def sql(self, query: str, params: list | dict | None = None) -> pd.DataFrame:
        """Any SQL query over the tables and views."""
        with self._reading() as connection:
            try:
                return connection.execute(query, params).df()
            except duckdb.Error as error:
                raise WirecoderError(f"query failed: {error}") from None

    def table(self, name: str) -> pd.DataFrame:
        """A whole table or view: ``events``, ``events_by_day``, ``quotes_by_actor``, ..."""
        return self.sql(f'SELECT * FROM "{name}"')

    def tables(self) -> list[str]:
        return self.sql("SELECT table_name FROM information_schema.tables WHERE "
                        "table_schema = 'main' ORDER BY table_name")["table_name"].tolist()

    def actors(self) -> pd.DataFrame:
        """Every actor with the canonical stories that mention it and its quotes and events."""
        return self.sql(f"""
            SELECT id, name, kind, country, stories, quotes, events_done AS events
            FROM ({ACTOR_TOTALS}) ORDER BY stories DESC, id""")

    def find_actor(self, name: str) -> str:
        """The id of the actor with this id, name or alias (case-insensitive)."""
        found = self.sql("""
            SELECT id FROM actors WHERE lower(id) = lower($n) OR lower(name) = lower($n)
               OR list_contains(list_transform(aliases, x -> lower(x)), lower($n))
            ORDER BY lower(id) = lower($n) DESC, lower(name) = lower($n) DESC LIMIT 1""",
                         {"n": name})
        if found.empty:
            raise WirecoderError(f"no actor {name!r} in {self.path} (see 'wirecoder actors')")
        return found["id"][0]

    def timeline(self, actor: str, issue: str | None = None) -> pd.DataFrame:
        """What an actor said and did, and the positions it took, by date.

        With ``issue``, only its positions on that issue.
        """
        actor_id = self.find_actor(actor)
        positions = f"""
            SELECT a.published AS day, 'position' AS kind,
                   p.issue || ': ' || p.stance AS what, p.evidence_text AS evidence,
                   a.id AS story, a.title
            FROM positions p {CANONICAL.format(t="p")}
            WHERE p.actor = $a AND ($issue IS NULL OR p.issue = $issue)"""
        said_and_done = f"""
            SELECT a.published, 'quote', coalesce(q.cue, q.kind), q.content_text, a.id, a.title
            FROM quotes q {CANONICAL.format(t="q")} WHERE q.speaker = $a
            UNION ALL
            SELECT coalesce(e.date, a.published), 'event',
                   e.type || CASE WHEN e.negated THEN ' (not)' ELSE '' END
                          || coalesce(' -> ' || t.name, ''),
                   e.evidence_text, a.id, a.title
            FROM events e {CANONICAL.format(t="e")} LEFT JOIN actors t ON t.id = e.target
            WHERE e.source = $a"""
        query = positions if issue else f"{positions} UNION ALL {said_and_done}"
        return self.sql(f"SELECT * FROM ({query}) ORDER BY day NULLS LAST, story, kind",
                        {"a": actor_id, "issue": issue})

    def search(self, query: str, target: str = "articles", limit: int = 20) -> pd.DataFrame:
        """Full-text search (BM25) over ``articles`` or ``quotes``."""
        with self._reading() as connection:
            return full_text.search(connection, query, target, limit)

    def export(self, to: str | Path, table: str = "events") -> int:
        """Write a table as .jsonl, .csv or .parquet, or events as event-data .tsv; rows written."""
        to = Path(to)
        options = EXPORT_FORMATS.get(to.suffix.lower())
        if options is None:
            raise WirecoderError(f"{to}: unknown export format; use one of "
                                 f"{', '.join(EXPORT_FORMATS)}")
        if to.suffix.lower() == ".tsv":
            query = EVENT_DATA
        elif table in self.tables():
            query = f'SELECT * FROM "{table}"'
        else:
            raise WirecoderError(f"no table {table!r} in {self.path}")
        with self._reading() as connection:
            target = str(to).replace("'", "''")
            connection.execute(f"COPY ({query}) TO '{target}' ({options})")
            return connection.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]
