"""The corpus commands through the real ``wirecoder`` entry point, and the Python API."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import wirecoder
from conftest import SHARED
from corpus_stories import numbered_story, write_mixed_sources
from wirecoder.cli.main import app
from wirecoder.errors import WirecoderError

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline):
    folder = write_mixed_sources(tmp_path_factory.mktemp("sources"))
    path = tmp_path_factory.mktemp("store") / "corpus.duckdb"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "feed.jsonl:2: malformed JSON" in result.output
    assert "5 new article(s) stored (1 near-duplicate), 3 failure(s)" in result.output
    return path


def run(*args):
    result = runner.invoke(app, [*args])
    assert result.exit_code == 0, result.output
    return result.output


def test_query_formats(db):
    sql = "SELECT id, published FROM articles WHERE id = 'kharkiv'"
    assert json.loads(run("query", "--db", str(db), sql, "--format", "json")) == {
        "id": "kharkiv", "published": "2024-05-07"}
    assert run("query", "--db", str(db), sql, "-f", "csv") == \
        "id,published\nkharkiv,2024-05-07\n"
    assert "kharkiv" in run("query", "--db", str(db), sql)


def test_views(db):
    corpus = wirecoder.open(db)
    for view in ("events_by_day", "quotes_by_actor", "actor_pairs", "positions_over_time"):
        assert isinstance(corpus.table(view), pd.DataFrame)
    quotes = corpus.table("quotes_by_actor")
    assert quotes.loc[quotes["name"] == "Dmytro Kuleba", "stories"].tolist() == [1]
    # The near-duplicate wire story is counted once.
    counted = corpus.table("events_by_day")["events"].sum()
    canonical = corpus.sql("""SELECT count(*) AS n FROM events e JOIN canonical_articles a
                              ON a.text_sha256 = e.article WHERE NOT e.negated""")["n"][0]
    assert counted == canonical < len(corpus.table("events"))


def test_actors_and_timeline_commands(db):
    output = run("actors", "--db", str(db), "-f", "csv")
    assert "QAT,Qatar,country,QAT,1," in output
    timeline = run("timeline", "Kuleba", "--db", str(db), "-f", "json")
    kinds = {json.loads(line)["kind"] for line in timeline.splitlines()}
    assert "quote" in kinds
    result = runner.invoke(app, ["timeline", "Nobody At All", "--db", str(db)])
    assert result.exit_code == 2 and "no actor 'Nobody At All'" in result.output


def test_search_articles_and_quotes(db):
    hits = run("search", "--db", str(db), "shelled", "-f", "json").splitlines()
    assert [json.loads(h)["story"] for h in hits] == ["kharkiv"]
    hits = run("search", "--db", str(db), "--quotes", "accountable", "-f", "json")
    assert json.loads(hits)["speaker_name"] == "Dmytro Kuleba"


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_export_tables(db, tmp_path, suffix):
    to = tmp_path / f"events{suffix}"
    run("export", "--db", str(db), "--to", str(to))
    frame = {".jsonl": lambda p: pd.read_json(p, lines=True), ".csv": pd.read_csv,
             ".parquet": pd.read_parquet}[suffix](to)
    expected = wirecoder.open(db).table("events")
    assert len(frame) == len(expected) > 0
    assert set(frame["evidence_text"]) == set(expected["evidence_text"])
    to = tmp_path / f"quotes{suffix}"
    run("export", "--db", str(db), "--to", str(to), "--table", "quotes")
    assert to.stat().st_size > 0


def test_export_event_data_tsv(db, tmp_path):
    to = tmp_path / "events.tsv"
    run("export", "--db", str(db), "--to", str(to))
    frame = pd.read_csv(to, sep="\t")
    assert list(frame.columns) == [
        "event_id", "event_date", "source_actor", "source_country", "target_actor",
        "target_country", "event_type", "event_mode", "placename", "latitude", "longitude",
        "story_id", "evidence"]
    # The near-duplicate ("wire", read after its copy in feed.jsonl) is left out.
    assert len(frame) > 0 and "wire" not in set(frame["story_id"])
    assert frame["evidence"].str.contains("\n").sum() == 0


def test_event_data_leaves_out_what_was_only_threatened(tmp_path):
    (tmp_path / "threat.txt").write_text(
        "North Korea threatened on Monday to attack South Korea.", encoding="utf-8")
    db = tmp_path / "t.duckdb"
    run("ingest", str(tmp_path / "threat.txt"), "--db", str(db))
    to = tmp_path / "events.tsv"
    run("export", "--db", str(db), "--to", str(to))
    frame = pd.read_csv(to, sep="\t")
    stored = wirecoder.open(db).sql("SELECT type, content_of FROM events")
    assert set(stored["type"]) >= {"THREATEN", "ASSAULT"}
    assert list(frame["event_type"]) == ["THREATEN"]
    assert list(frame["event_mode"]) == ["violence"]


def test_python_api_errors(tmp_path, db):
    with pytest.raises(WirecoderError, match="no such database"):
        wirecoder.open(tmp_path / "missing.duckdb")
    with pytest.raises(WirecoderError, match="unknown export format"):
        wirecoder.open(db).export(tmp_path / "x.xlsx")
    with pytest.raises(WirecoderError, match="query failed"):
        wirecoder.open(db).sql("SELECT nothing FROM nowhere")


def _count(path) -> int:
    """Articles stored so far; waits while the writer holds the file, as a web app would."""
    return int(wirecoder.open(path).sql("SELECT count(*) AS n FROM articles")["n"][0])


def test_killed_ingest_resumes_without_duplicates_while_read(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    total = 80  # enough that the reader sees a partial store before the writer is done
    for number in range(total):
        (folder / f"story{number:03}.txt").write_text(numbered_story(number), encoding="utf-8")
    db = tmp_path / "c.duckdb"
    command = [str(Path(sys.executable).with_name("wirecoder")), "ingest", str(folder),
               "--db", str(db), "--batch-size", "2"]
    writer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not db.exists() or _count(db) < 4:  # this reader runs while the writer works
            assert writer.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    finally:
        writer.kill()
    assert 4 <= _count(db) < total
    subprocess.run(command, check=True, capture_output=True)
    corpus = wirecoder.open(db)
    assert corpus.sql("SELECT count(*) AS n, count(DISTINCT id) AS ids FROM articles"
                      ).values.tolist() == [[total, total]]
    assert corpus.sql("""SELECT count(*) AS n FROM (SELECT article, id FROM events
                         GROUP BY ALL HAVING count(*) > 1)""")["n"][0] == 0
    assert corpus.sql("""SELECT count(*) AS n FROM (SELECT article, actor, start FROM mentions
                         GROUP BY ALL HAVING count(*) > 1)""")["n"][0] == 0
    # Every article has its records: none was cut in half.
    assert corpus.sql("""SELECT count(*) AS n FROM articles a WHERE NOT EXISTS
                         (SELECT 1 FROM mentions m WHERE m.article = a.text_sha256)"""
                      )["n"][0] == 0


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "corpora" / "reuters21578").is_dir(),
                    reason="needs ../shared/corpora/reuters21578")
def test_reuters_wires_end_to_end(tmp_path):
    wires = json.loads((SHARED / "corpora" / "reuters21578" / "reut2-000.json").read_text(
        encoding="utf-8"))[:40]
    (tmp_path / "reut2-000.json").write_text(json.dumps(wires), encoding="utf-8")
    db = tmp_path / "reuters.duckdb"
    run("ingest", str(tmp_path / "reut2-000.json"), "--db", str(db), "--text-field", "body",
        "--id-field", "attrs.newid", "--date-field", "date")
    corpus = wirecoder.open(db)
    stored = corpus.sql("SELECT count(*) AS n, min(published) AS first FROM articles")
    failed = corpus.sql("SELECT count(*) AS n FROM failures")["n"][0]
    assert stored["n"][0] + failed >= 38 and stored["n"][0] > 30
    assert str(stored["first"][0])[:10] == "1987-02-26"
    assert failed == sum(1 for w in wires if not w.get("body"))
