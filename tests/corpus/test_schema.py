import duckdb

from wirecoder.corpus.schema import ddl, schema
from wirecoder.corpus.store import create


def test_a_store_made_before_a_field_was_added_gets_its_column(tmp_path):
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as connection:
        # the times table as stores made before date expressions had a confidence
        connection.execute('CREATE TABLE times (article VARCHAR, "text" VARCHAR, '
                           '"start" BIGINT, "end" BIGINT, "value" DATE, grain VARCHAR, '
                           'wirecoder_version VARCHAR, config_hash VARCHAR)')
        connection.execute("INSERT INTO times VALUES ('a', 'Monday', 0, 6, NULL, NULL, "
                           "'0.1', 'x')")
    create(db)
    with duckdb.connect(str(db), read_only=True) as connection:
        columns = [row[0] for row in connection.execute("DESCRIBE times").fetchall()]
        assert [c.name for c in schema()["times"] if c.name not in columns] == []
        assert connection.execute("SELECT text, confidence FROM times").fetchall() == [
            ("Monday", None)]
        views = {row[0] for row in connection.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert {"events_by_day", "stance_changes", "canonical_articles"} <= views


def test_ddl_creates_every_table_once():
    creates = [s for s in ddl() if s.startswith("CREATE TABLE")]
    assert len(creates) == len(schema()) + 1  # and the meta table


def test_a_store_abandoned_while_being_built_is_cleared(tmp_path):
    import subprocess

    gone = subprocess.Popen(["true"])
    gone.wait()
    abandoned = tmp_path / f".c.duckdb.{gone.pid}.new"
    abandoned.write_bytes(b"half a store")
    create(tmp_path / "c.duckdb")
    assert not abandoned.exists() and (tmp_path / "c.duckdb").exists()
