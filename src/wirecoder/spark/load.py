"""Copy the Parquet tables of a Spark run into a DuckDB store for browsing and querying."""

from __future__ import annotations

from pathlib import Path

from wirecoder.corpus.schema import schema
from wirecoder.corpus.search import build_index
from wirecoder.corpus.store import create, next_order, writer_lock, writing

#: Tables that describe the corpus, not one day's articles: written without date partitions.
UNPARTITIONED = {"actors", "failures", "copies"}


def parquet_source(table: str, columns: list[str]) -> str:
    """SQL reading the store's ``columns`` of one table from the Parquet files given as ``?``."""
    names = ", ".join(f'"{c}"' for c in columns)
    partitions = "" if table in UNPARTITIONED else \
        ", hive_partitioning = true, hive_types = {'published': DATE}"
    return f"SELECT {names} FROM read_parquet(?{partitions})"


def table_files(out: str | Path, table: str) -> list[str]:
    """The Parquet files of one table of a Spark run's output."""
    return sorted(str(p) for p in (Path(out) / table).rglob("*.parquet"))


def table_counts(out: str | Path) -> dict[str, int]:
    """Rows per table of a Spark run's output, from the Parquet footers."""
    import duckdb

    with duckdb.connect() as connection:
        return {table: connection.execute("SELECT count(*) FROM read_parquet(?)",
                                          [files]).fetchone()[0] if files else 0
                for table in schema() for files in [table_files(out, table)]}


def load(out: str | Path, db: str | Path) -> dict[str, int]:
    """Add the tables under ``out`` to the store ``db`` (created if needed); rows added.

    Articles already in the store (same text) are left as they are, with their records, so
    loading twice adds nothing; ``ingest_order`` continues after the store's last article.
    Near-duplicate links are those of the Spark run (within its own articles).
    Holds the store's writer lock, as an ingest does.
    """
    with writer_lock(db):
        return _load(out, db)


def _load(out: str | Path, db: str | Path) -> dict[str, int]:
    create(db)
    added = {}
    with writing(db) as connection:
        offset = next_order(connection)
        connection.execute("CREATE TEMP TABLE stored AS SELECT text_sha256 FROM articles")
        for table, columns in schema().items():
            files = table_files(out, table)
            if not files:
                continue
            source = parquet_source(table, [c.name for c in columns])
            before = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            connection.execute(f"INSERT INTO {table} BY NAME {_new_rows(table, source, offset)}",
                               [files])
            added[table] = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] \
                - before
        if added.get("articles"):
            build_index(connection)
    return added


def _new_rows(table: str, source: str, offset: int) -> str:
    """The rows of ``source`` the store does not hold yet."""
    if table == "articles":
        return (f"SELECT * REPLACE (ingest_order + {offset} AS ingest_order) FROM ({source}) "
                "WHERE text_sha256 NOT IN (SELECT text_sha256 FROM stored)")
    if table == "actors":
        return f"SELECT * FROM ({source}) WHERE id NOT IN (SELECT id FROM actors)"
    if table == "failures":
        return (f"SELECT * FROM ({source}) i WHERE NOT EXISTS (SELECT 1 FROM failures f "
                "WHERE f.locator = i.locator AND f.reason = i.reason)")
    if table == "copies":
        return (f"SELECT * FROM ({source}) i WHERE NOT EXISTS (SELECT 1 FROM copies c "
                "WHERE c.locator = i.locator AND c.article = i.article)")
    return f"SELECT * FROM ({source}) WHERE article NOT IN (SELECT text_sha256 FROM stored)"
