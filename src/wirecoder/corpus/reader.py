"""The Python API over a corpus store: every answer a pandas DataFrame.

``wirecoder.open(path)`` returns a :class:`Corpus`. Each call opens the file read-only and
closes it again, so an ingest running in another process can take the file between calls
(see :mod:`wirecoder.corpus.store`). The SQL behind each method is in :mod:`.queries`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from wirecoder.corpus import queries
from wirecoder.corpus.store import WAIT_SECONDS
from wirecoder.errors import WirecoderError


class Corpus:
    """A corpus store, read through SQL; every answer is a pandas DataFrame."""

    def __init__(self, path: str | Path, wait: float = WAIT_SECONDS):
        self.path = Path(path)
        self.wait = wait
        with self._reading():
            pass  # fail now, not at the first query, when the file is missing

    @contextmanager
    def _reading(self, sealed: bool = False) -> Iterator[queries.Reader]:
        with queries.reading(self.path, frames=True, wait=self.wait, sealed=sealed) as db:
            yield db

    def sql(self, query: str, params: list | dict | None = None) -> pd.DataFrame:
        """Any SQL query over the tables and views. It reads the store only: no other file
        can be read or written from it and no setting changed (``export`` writes files)."""
        with self._reading(sealed=True) as db:
            try:
                return db.table(query, params)
            except duckdb.Error as error:
                raise WirecoderError(f"query failed: {error}") from None

    def table(self, name: str) -> pd.DataFrame:
        """A whole table or view: ``events``, ``events_by_day``, ``quotes_by_actor``, ..."""
        return self.sql(f'SELECT * FROM "{name}"')

    def tables(self) -> list[str]:
        with self._reading() as db:
            return queries.table_names(db)

    def actors(self) -> pd.DataFrame:
        """Every actor with the canonical stories that mention it and its quotes and events."""
        with self._reading() as db:
            return queries.actor_totals(db)

    def find_actor(self, name: str) -> str:
        """The id of the actor with this id, name or alias (case-insensitive; the one
        mentioned most where several share it), or as a story would name it ("Russian
        forces"): :func:`wirecoder.corpus.queries.find_actor`."""
        with self._reading() as db:
            try:
                return queries.find_actor(db, name)
            except queries.NotFound:
                raise WirecoderError(f"no actor {name!r} in {self.path} "
                                     "(see 'wirecoder actors')") from None

    def actor_name(self, name: str) -> str:
        """The stored name of the actor with this id, name or alias."""
        actor_id = self.find_actor(name)
        with self._reading() as db:
            return queries.actor_name(db, actor_id)

    def timeline(self, actor: str, issue: str | None = None, sectors: bool = False, *,
                 type: str | None = None, start: str | None = None,
                 end: str | None = None) -> pd.DataFrame:
        """What an actor said, did and had done to it, and the positions it took: the items
        of the web app's timeline of the actor (``/api/timeline?actor=``), all on one page.

        With ``issue``, its positions on that issue, the quotes that state them and the
        events of stories about it; with ``sectors``, for a country, also those of its
        sectors, officials, people and sources; ``type`` keeps one PLOVER event type, and
        ``start`` and ``end`` (YYYY-MM-DD) bound the days (without them, the corpus's
        publication dates, as in the web app).
        """
        actor_id = self.find_actor(actor)
        with self._reading() as db:
            filters = queries.Filters.parse(db, actor_id, type, issue, start, end, sectors)
            return pd.DataFrame(queries.timeline(db, filters, limit=sys.maxsize)["items"])

    def search(self, query: str, target: str = "articles", limit: int | None = 20,
               exact: bool = False) -> pd.DataFrame:
        """The best ``limit`` (None: all) full-text matches (BM25) in ``articles`` or
        ``quotes``: every word must match, in any form; a part in double quotes, or the whole
        query when ``exact``, as written."""
        with self._reading() as db:
            return queries.search(db, query, target, limit, exact)

    def count_matches(self, query: str, target: str = "articles", exact: bool = False) -> int:
        """How many articles or quotes :meth:`search` finds in all."""
        with self._reading() as db:
            return queries.count_matches(db, query, target, exact)

    def export(self, to: str | Path, table: str = "events") -> queries.Exported:
        """Write a table as .jsonl, .csv or .parquet, or events as event-data .tsv: the rows
        written and, for event data, the events left out and why."""
        with self._reading() as db:
            try:
                return queries.export(db, Path(to), table)
            except queries.NotFound:
                raise WirecoderError(f"no table {table!r} in {self.path}") from None
