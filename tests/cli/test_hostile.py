"""Hostile input through the real command line: nothing hangs, crashes or loses a record, and
nothing printed carries a raw terminal escape."""

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import duckdb

WIRECODER = shutil.which("wirecoder") or str(Path(sys.executable).parent / "wirecoder")
STORY = "Qatar said on Monday that Hamas had accepted a truce proposal. Israel rejected it."
ESC = "\x1b[31mRED\x1b[0m"


def run(*args, stdin: bytes | None = None, timeout: int = 300):
    return subprocess.run([WIRECODER, *args], input=stdin, capture_output=True,
                          timeout=timeout, env={**os.environ, "COLUMNS": "200"})


def count(db: Path, sql: str):
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(sql).fetchone()


def feed(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_an_ingest_where_every_record_failed_exits_non_zero(tmp_path):
    source = feed(tmp_path / "bad.jsonl", [{"id": str(n), "text": " "} for n in range(3)])
    result = run("ingest", str(source), "--db", str(tmp_path / "c.duckdb"))
    assert result.returncode == 1
    assert "nothing stored: all 3 record(s)" in result.stderr.decode()
    assert count(tmp_path / "c.duckdb", "SELECT count(*) FROM failures") == (3,)


def test_two_ingests_into_one_store_do_the_work_once(tmp_path):
    source = feed(tmp_path / "feed.jsonl",
                  [{"id": f"s{n}", "text": f"{STORY} Talks resume in round {n}."}
                   for n in range(12)])
    db = tmp_path / "c.duckdb"
    results = []

    def ingest():
        results.append(run("ingest", str(source), "--db", str(db)))

    threads = [threading.Thread(target=ingest) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.returncode for r in results] == [0, 0]
    assert count(db, "SELECT count(*), count(DISTINCT ingest_order), max(ingest_order) "
                     "FROM articles") == (12, 12, 11)
    summaries = [line for r in results for line in r.stderr.decode().splitlines()
                 if "new article(s) stored" in line]
    stored = sorted(int(line.split("new article(s)")[0].rsplit(": ", 1)[1])
                    for line in summaries)
    assert stored == [0, 12]  # the second found everything stored and extracted nothing


def test_query_cannot_touch_files(tmp_path):
    db = tmp_path / "c.duckdb"
    assert run("ingest", str(feed(tmp_path / "f.jsonl", [{"id": "a", "text": STORY}])),
               "--db", str(db)).returncode == 0
    for sql in (f"COPY (SELECT 'x') TO '{db}' (FORMAT csv)",
                "SELECT * FROM read_csv('/etc/passwd')",
                f"ATTACH '{tmp_path / 'other.duckdb'}' AS other",
                "SET enable_external_access = true"):
        result = run("query", "--db", str(db), sql)
        assert result.returncode != 0, sql
        assert b"root:" not in result.stdout
    assert count(db, "SELECT count(*) FROM articles") == (1,)
    assert not (tmp_path / "other.duckdb").exists()


def test_terminal_escapes_are_never_printed_raw(tmp_path):
    db = tmp_path / "c.duckdb"
    source = feed(tmp_path / "f.jsonl", [{"id": f"id{ESC}", "title": f"T{ESC}", "text": STORY}])
    assert run("ingest", str(source), "--db", str(db)).returncode == 0
    for format in ("table", "csv", "json"):
        result = run("query", "--db", str(db), "SELECT id, title FROM articles",
                     "--format", format)
        assert result.returncode == 0 and b"RED" in result.stdout
        assert b"\x1b" not in result.stdout + result.stderr, format
    result = run("search", "--db", str(db), "truce")
    assert b"RED" in result.stdout and b"\x1b" not in result.stdout
    empty = tmp_path / f"empty{ESC}.txt"
    empty.write_bytes(b"")
    result = run("extract", str(tmp_path), "--format", "jsonl")
    assert b"empty article" in result.stderr and b"\x1b" not in result.stderr


def test_unbounded_and_odd_inputs_end_with_a_reason(tmp_path):
    result = run("extract", "/dev/zero", timeout=120)
    assert result.returncode == 1 and b"too large" in result.stderr
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    result = run("extract", str(pipe), timeout=120)  # no writer: no wait either
    assert result.returncode == 1 and b"empty article" in result.stderr
    utf16 = tmp_path / "utf16.txt"
    utf16.write_text(STORY, encoding="utf-16")
    result = run("extract", str(utf16))
    assert result.returncode == 1 and b"UTF-16 text, not UTF-8" in result.stderr
    result = run("extract", "-", "--max-bytes", "1000", stdin=b"a " * 5_000_000)
    assert result.returncode == 1 and b"too large" in result.stderr


def test_bad_dates_keep_the_article_and_say_so(tmp_path):
    db = tmp_path / "c.duckdb"
    dates = ["2017/13/45", "yesterday", "2017-02-29", 20170301, "2017-01-01T25:99:99"]
    source = feed(tmp_path / "f.jsonl", [{"id": f"d{n}", "text": f"{STORY} Round {n}.",
                                         "published": value} for n, value in enumerate(dates)])
    result = run("ingest", str(source), "--db", str(db))
    assert result.returncode == 0
    assert result.stderr.decode().count("stored without a date") == len(dates)
    assert count(db, "SELECT count(*), count(published), count(warnings) FROM articles") == (
        len(dates), 0, len(dates))


def test_an_exact_copy_is_noted_where_it_was_found(tmp_path):
    db = tmp_path / "c.duckdb"
    first = feed(tmp_path / "a.jsonl", [{"id": "a", "text": STORY}])
    second = feed(tmp_path / "b.jsonl", [{"id": "b", "text": STORY}])
    once = run("ingest", str(first), str(second), "--db", str(db))
    assert once.returncode == 0
    assert b"1 new article(s) stored (0 near-duplicate), 1 already stored (1 newly noted" \
        in once.stderr
    assert count(db, "SELECT count(*) FROM articles") == (1,)
    assert count(db, "SELECT locator, source FROM copies") == (f"{second}:1", str(second))
    # a rerun finds everything stored: no failure, and nothing noted twice
    rerun = run("ingest", str(first), str(second), "--db", str(db))
    assert rerun.returncode == 0
    assert b"0 new article(s) stored (0 near-duplicate), 2 already stored, 0 failure" \
        in rerun.stderr
    assert count(db, "SELECT count(*) FROM copies") == (1,)
