"""The Spark path in local[2]: its Parquet tables hold the embedded store's rows."""

import datetime as dt
import json
import shutil
import sys

import duckdb
import pytest
from typer.testing import CliRunner

import wirecoder.spark
from corpus_stories import WIRE, numbered_story, write_mixed_sources
from wirecoder import __version__
from wirecoder.cli.main import app
from wirecoder.corpus.ingest import ingest
from wirecoder.corpus.schema import schema
from wirecoder.corpus.store import configuration_hash
from wirecoder.sources import Fields, read_sources
from wirecoder.spark.load import parquet_source, table_counts

CONFIG = configuration_hash(__version__)
#: Columns that say when a row was written, not what it holds.
WRITE_TIMES = {"ingested_at", "failed_at", "seen_at"}


def spark_available() -> str | None:
    """Why the Spark path cannot run here, or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "PySpark is not installed (pip install 'wirecoder[spark]')"
    if not shutil.which("java"):
        return "no java on PATH (Spark needs Java 17)"
    return None


needs_spark = pytest.mark.skipif(spark_available() is not None,
                                 reason=spark_available() or "")


@pytest.fixture(scope="session")
def spark():
    from wirecoder.spark.job import session

    spark = session("local[2]")
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    """Every source format with bad records, a near-duplicate, a repeated text, and a feed
    of 30 stories over three days (some undated)."""
    folder = write_mixed_sources(tmp_path_factory.mktemp("spark-sources"))
    (folder / "zz_repeat.txt").write_text(WIRE, encoding="utf-8")
    with (folder / "stories.jsonl").open("w", encoding="utf-8") as feed:
        for number in range(3, 33):
            day = None if number % 7 == 0 else f"2024-05-{10 + number % 3:02d}"
            feed.write(json.dumps({"id": f"story-{number}", "published": day,
                                   "text": numbered_story(number)}) + "\n")
    return folder


@pytest.fixture(scope="module")
def store(sources, pipeline, tmp_path_factory):
    db = tmp_path_factory.mktemp("embedded") / "corpus.duckdb"
    ingest(db, read_sources([sources]), pipeline, CONFIG, __version__, batch_size=8)
    return db


def run_spark(spark, sources, out):
    from wirecoder.spark.job import Job, files_frame, read_files, run

    job = Job(version=__version__, config_hash=CONFIG, started=dt.datetime.now(),
              fields=Fields())
    run(spark, read_files(files_frame(spark, [sources]), job), out, job, partitions=2)
    return table_counts(out)


@pytest.fixture(scope="module")
def output(spark, sources, tmp_path_factory):
    out = tmp_path_factory.mktemp("spark") / "out"
    return out, run_spark(spark, sources, out)


def parquet(table: str, out, columns: list[str]) -> str:
    return parquet_source(table, columns).replace("?", f"'{out}/{table}/**/*.parquet'")


def differences(store, out, table: str) -> tuple[int, list, list]:
    """Rows in the store, rows only in the store, rows only in the Parquet output."""
    columns = [c.name for c in schema()[table] if c.name not in WRITE_TIMES]
    names = ", ".join(f'"{c}"' for c in columns)
    with duckdb.connect() as connection:
        connection.execute(f"ATTACH '{store}' AS store (READ_ONLY)")
        embedded = f"SELECT {names} FROM store.{table}"
        spark_rows = parquet(table, out, columns)
        count = connection.execute(f"SELECT count(*) FROM store.{table}").fetchone()[0]
        missing = connection.execute(f"{embedded} EXCEPT ALL {spark_rows}").fetchall()
        extra = connection.execute(f"{spark_rows} EXCEPT ALL {embedded}").fetchall()
    return count, missing, extra


@needs_spark
@pytest.mark.parametrize("table", list(schema()))
def test_parquet_tables_equal_the_embedded_store(store, output, table):
    out, counts = output
    count, missing, extra = differences(store, out, table)
    assert count > 0
    assert (missing, extra) == ([], [])
    assert counts[table] == count


@needs_spark
def test_copies_failures_and_repeats_are_handled_like_the_store(output):
    out, counts = output
    with duckdb.connect() as connection:
        articles = parquet("articles", out, ["id", "canonical_id", "text_sha256",
                                             "ingest_order"])
        links = connection.execute(f"SELECT d.id, c.id FROM ({articles}) d JOIN ({articles}) c "
                                   "ON c.text_sha256 = d.canonical_id").fetchall()
        orders = connection.execute(f"SELECT list(ingest_order ORDER BY ingest_order) "
                                    f"FROM ({articles})").fetchone()[0]
        reasons = connection.execute(parquet("failures", out, ["reason"])).fetchall()
    # The numbered stories differ in a few numbers only: chains of copies, each linked to
    # its first copy, as the embedded store links them (compared above).
    assert ("wire", "copy") in links and len(links) > 1
    canonical = {first for _, first in links}
    assert not canonical & {copy for copy, _ in links}
    # zz_repeat.txt repeats wire.txt's text: stored once.
    assert counts["articles"] == 35 and orders == list(range(35))
    assert len(reasons) == 3 and ("empty article (no text)",) in reasons


@needs_spark
def test_record_tables_are_partitioned_by_publication_date(output):
    out, _ = output
    days = {p.name for p in (out / "mentions").iterdir() if p.is_dir()}
    assert {"published=2024-05-10", "published=2024-05-11", "published=2024-05-12",
            "published=__HIVE_DEFAULT_PARTITION__"} <= days
    with duckdb.connect() as connection:
        wrong = connection.execute(
            f"SELECT count(*) FROM ({parquet('mentions', out, ['article', 'published'])}) e "
            f"JOIN ({parquet('articles', out, ['text_sha256', 'published'])}) a "
            "ON a.text_sha256 = e.article WHERE e.published IS DISTINCT FROM a.published"
        ).fetchone()[0]
    assert wrong == 0


@needs_spark
def test_a_rerun_writes_the_same_rows(spark, sources, output, tmp_path):
    out, _ = output
    again = tmp_path / "again"
    run_spark(spark, sources, again)
    for table in ("articles", "actors", "quotes", "events", "failures"):
        count, missing, extra = differences_between(out, again, table)
        assert count > 0 and (missing, extra) == ([], []), table


def differences_between(first, second, table: str):
    columns = [c.name for c in schema()[table] if c.name not in WRITE_TIMES]
    with duckdb.connect() as connection:
        a, b = parquet(table, first, columns), parquet(table, second, columns)
        return (connection.execute(f"SELECT count(*) FROM ({a})").fetchone()[0],
                connection.execute(f"{a} EXCEPT ALL {b}").fetchall(),
                connection.execute(f"{b} EXCEPT ALL {a}").fetchall())


@needs_spark
def test_load_copies_the_tables_into_a_store_once(store, output, tmp_path):
    out, counts = output
    db = tmp_path / "loaded.duckdb"
    result = CliRunner().invoke(app, ["load", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    again = CliRunner().invoke(app, ["load", str(out), "--db", str(db)])
    assert again.exit_code == 0, again.output
    with duckdb.connect() as connection:
        connection.execute(f"ATTACH '{store}' AS embedded (READ_ONLY)")
        connection.execute(f"ATTACH '{db}' AS loaded (READ_ONLY)")
        for table, columns in schema().items():
            names = ", ".join(f'"{c.name}"' for c in columns if c.name not in WRITE_TIMES)
            embedded, loaded = (f"SELECT {names} FROM {db_}.{table}"
                                for db_ in ("embedded", "loaded"))
            assert connection.execute(f"SELECT count(*) FROM loaded.{table}").fetchone()[0] \
                == counts[table], table
            assert connection.execute(f"{embedded} EXCEPT ALL {loaded}").fetchall() == []
            assert connection.execute(f"{loaded} EXCEPT ALL {embedded}").fetchall() == []
    found = CliRunner().invoke(app, ["search", "ceasefire", "--db", str(db), "-f", "csv"])
    assert found.exit_code == 0 and "copy" in found.output


def test_spark_without_pyspark_is_a_one_line_error(monkeypatch, tmp_path):
    for name in [m for m in sys.modules if m.split(".")[0] == "pyspark"] + ["pyspark"]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "wirecoder.spark.job", raising=False)
    monkeypatch.delattr(wirecoder.spark, "job", raising=False)
    result = CliRunner().invoke(app, ["spark", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "pip install 'wirecoder[spark]'" in result.output


@needs_spark
def test_a_bad_actor_file_is_a_one_line_error_before_spark_starts(tmp_path):
    bad = tmp_path / "actors.yaml"
    bad.write_text("actors:\n  - {broken\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["spark", str(tmp_path), "--out", str(tmp_path / "o"),
                                      "--actors", str(bad)])
    assert result.exit_code == 2
    assert str(bad) in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()


@needs_spark
def test_a_dataframe_of_articles_gives_the_same_records(spark, sources, output, tmp_path):
    from wirecoder.spark.job import Job, articles_frame, run

    out, _ = output
    lines = (sources / "stories.jsonl").read_text(encoding="utf-8").splitlines()
    stories = [json.loads(line) for line in lines]
    frame = spark.createDataFrame(
        [(s["text"], s["id"], dt.date.fromisoformat(s["published"]) if s["published"]
          else None, n) for n, s in enumerate(stories)] + [(" ", "blank", None, 99)],
        "text string, id string, published date, order long")
    job = Job(version=__version__, config_hash=CONFIG, started=dt.datetime.now())
    run(spark, articles_frame(frame, job), tmp_path / "frame", job, partitions=2)
    assert table_counts(tmp_path / "frame")["articles"] == len(stories)
    with duckdb.connect() as connection:
        failures = connection.execute(parquet("failures", tmp_path / "frame",
                                              ["locator", "reason"])).fetchall()
    assert failures == [("blank", "empty article (no text)")]
    for table in ("mentions", "quotes", "times", "places"):
        columns = [c.name for c in schema()[table] if c.name not in WRITE_TIMES]
        with duckdb.connect() as connection:
            ours = parquet(table, tmp_path / "frame", columns)
            keys = f"SELECT DISTINCT article FROM ({ours})"
            files = f"SELECT * FROM ({parquet(table, out, columns)}) WHERE article IN ({keys})"
            assert connection.execute(f"SELECT count(*) FROM ({ours})").fetchone()[0] > 0
            assert connection.execute(f"{ours} EXCEPT ALL {files}").fetchall() == []
            assert connection.execute(f"{files} EXCEPT ALL {ours}").fetchall() == []
