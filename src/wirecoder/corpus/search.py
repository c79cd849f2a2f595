"""Full-text search over articles and quotes with DuckDB's ``fts`` extension, offline.

The extension comes from the ``duckdb-extension-fts`` wheel, pinned to the same version as
``duckdb`` (a wheel built for another DuckDB version does not load), so no download is needed.
We chose it over a SQLite FTS5 side file to keep the corpus in one file and to join search
hits with actors and events in SQL. Its index does not follow inserts: it is rebuilt after
each ingest that stored something (BM25 ranking, Porter stemming). It leaves out digits,
punctuation and the extension's 571 English stop words ("the", "of", "said"; the SMART
list), which each index keeps in its ``stopwords`` table.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from wirecoder.errors import WirecoderError

TARGETS = ("articles", "quotes")
#: The schema of each target's index: its ``match_bm25`` and ``tokenize`` macros, its words
#: and its stop words
SCHEMAS = {"articles": "fts_main_articles", "quotes": "fts_main_quote_search"}


def load_extension(connection: duckdb.DuckDBPyConnection) -> None:
    """Load the bundled ``fts`` extension into a connection."""
    import duckdb_extension_fts

    path = (Path(duckdb_extension_fts.__file__).parent / "extensions" /
            f"v{duckdb.__version__}" / "fts.duckdb_extension")
    if not path.exists():
        raise WirecoderError(f"the fts extension for DuckDB {duckdb.__version__} is missing "
                             f"({path}); install the matching duckdb-extension-fts")
    connection.execute(f"LOAD '{path}'")


def build_index(connection: duckdb.DuckDBPyConnection) -> None:
    """(Re)build the search indexes of articles and quotes."""
    load_extension(connection)
    connection.execute("CREATE OR REPLACE TABLE quote_search AS SELECT article || ':' || id "
                       "AS key, article, id AS quote, speaker, content_text AS text FROM quotes")
    connection.execute("PRAGMA create_fts_index('articles', 'text_sha256', 'title', 'text', "
                       "overwrite = 1)")
    connection.execute("PRAGMA create_fts_index('quote_search', 'key', 'text', overwrite = 1)")
    connection.execute("INSERT OR REPLACE INTO meta VALUES ('indexed_articles', "
                       "(SELECT count(*)::VARCHAR FROM articles))")


def is_stale(connection: duckdb.DuckDBPyConnection) -> bool:
    """True when articles were stored after the index was built (an interrupted ingest)."""
    indexed = connection.execute("SELECT value FROM meta WHERE key = 'indexed_articles'"
                                 ).fetchone()
    count = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    return indexed is None or int(indexed[0]) != count


def is_indexed(connection: duckdb.DuckDBPyConnection) -> bool:
    """True when a search index was built, whatever it covers."""
    return connection.execute("SELECT count(*) FROM meta WHERE key = 'indexed_articles'"
                              ).fetchone()[0] > 0
