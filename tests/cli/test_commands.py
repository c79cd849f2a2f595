import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import STORIES

WIRECODER = shutil.which("wirecoder") or str(Path(sys.executable).parent / "wirecoder")


def run(*args, stdin: bytes | None = None):
    return subprocess.run([WIRECODER, *args], input=stdin, capture_output=True, timeout=300,
                          env={**os.environ, "COLUMNS": "120"})


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for name in ("kharkiv_shelling.txt", "el_fasher.txt"):
        shutil.copy(STORIES / name, folder / name)
    (folder / "c_empty.txt").write_bytes(b"")
    (folder / "d_latin1.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    (folder / "e_binary.txt").write_bytes(b"\x00\xff\x00")
    return folder


def test_extract_file_prints_the_contract(tmp_path):
    result = run("extract", str(STORIES / "el_fasher.txt"), "--published", "2024-05-08")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert set(record) >= {"article", "actors", "quotes", "events", "positions", "times",
                           "places"}
    assert record["article"]["id"] == "el_fasher"
    assert record["article"]["published"] == "2024-05-08"
    assert record["article"]["title"] == "Sudan's army accuses RSF of attacking El Fasher camp"
    text = (STORIES / "el_fasher.txt").read_text()
    for quote in record["quotes"]:
        content = quote["content"]
        assert text[content["start"]:content["end"]] == content["text"]


def test_directory_keeps_going_past_bad_files(corpus):
    result = run("extract", str(corpus), "--format", "jsonl")
    assert result.returncode == 0
    ids = [json.loads(line)["article"]["id"] for line in result.stdout.decode().splitlines()]
    assert ids == ["el_fasher", "kharkiv_shelling"]  # name order
    stderr = result.stderr.decode()
    assert "3 of 5 record(s) failed" in stderr
    for name, reason in (("c_empty.txt", "empty"), ("d_latin1.txt", "UTF-8"),
                         ("e_binary.txt", "binary")):
        line = next(line for line in stderr.splitlines() if name in line)
        assert reason in line


def test_directory_json_is_an_array(corpus):
    result = run("extract", str(corpus), "--format", "json")
    assert [r["article"]["id"] for r in json.loads(result.stdout)] == \
        ["el_fasher", "kharkiv_shelling"]


def test_stdin_gets_a_content_hash_id():
    result = run("extract", "-", "--format", "jsonl",
                 stdin=b"Russia rejected the proposal on Monday.")
    record = json.loads(result.stdout)
    assert len(record["article"]["id"]) == 16
    assert record["article"]["text_sha256"].startswith(record["article"]["id"])


def test_stdin_summary_names_the_article_once():
    text = b"Russia rejected the proposal on Monday."
    result = run("extract", "-", "--format", "table", stdin=text)
    assert result.returncode == 0, result.stderr
    header = result.stdout.decode().splitlines()[0]
    assert header.count(hashlib.sha256(text).hexdigest()[:16]) == 1
    titled = run("extract", str(STORIES / "el_fasher.txt"), "--format", "table")
    header = titled.stdout.decode().splitlines()[0]
    assert "Sudan's army accuses RSF" in header and "· el_fasher" in header


@pytest.mark.parametrize("args, message", [
    (["--published", "2024-02-30"], "unparsable publication date"),
    (["--max-bytes", "10"], "too large"),
])
def test_bad_arguments_fail_with_one_line(args, message):
    result = run("extract", str(STORIES / "el_fasher.txt"), *args)
    assert result.returncode != 0
    assert message in result.stderr.decode()
    assert result.stdout == b""


def test_empty_stdin_fails():
    result = run("extract", "-", stdin=b"")
    assert result.returncode == 1
    assert "<stdin>: empty article" in result.stderr.decode()


def test_missing_path_fails():
    result = run("extract", "/no/such/file.txt")
    assert result.returncode == 1
    assert "no such file or directory" in result.stderr.decode()


def test_table_format_and_demo():
    result = run("extract", str(STORIES / "korea_missile.txt"), "--format", "table")
    assert result.returncode == 0
    assert "North Korea" in result.stdout.decode()
    demo = run("demo")
    assert demo.returncode == 0, demo.stderr
    out = demo.stdout.decode()
    for heading in ("Actors", "Quotes", "Events", "Positions", "Times and places"):
        assert heading in out


def test_schema_lists_every_record():
    schema = json.loads(run("schema").stdout)
    assert set(schema["properties"]) == {"article", "actors", "quotes", "events",
                                         "positions", "proposals", "times", "places"}
    assert {"Quote", "Proposal", "ProposalResponse"} <= set(schema["$defs"])


def test_malformed_user_actor_file(tmp_path):
    bad = tmp_path / "actors.yaml"
    bad.write_text("- id: x\n  name: X\n  kind: group\n- id: y\n  name: Y\n  kind: planet\n")
    result = run("extract", str(STORIES / "el_fasher.txt"), "--actors", str(bad))
    assert result.returncode == 2
    assert "line 4" in result.stderr.decode() and "planet" in result.stderr.decode()


def test_settings_file_adds_actors_and_limits(tmp_path):
    (tmp_path / "mine.yaml").write_text(
        "- id: lakeland-front\n  name: Lakeland Front\n  kind: group\n  code: LKDREB\n")
    settings = tmp_path / "wirecoder.yaml"
    settings.write_text("actors: [mine.yaml]\nmax_bytes: 50000\n")
    story = tmp_path / "story.txt"
    story.write_text("The Lakeland Front said it had seized the dam on Monday.")
    result = run("extract", str(story), "--config", str(settings))
    assert result.returncode == 0, result.stderr
    actors = {a["id"]: a for a in json.loads(result.stdout)["actors"]}
    assert actors["lakeland-front"]["code"] == "LKDREB"
    settings.write_text("max_bytes: 10\n")
    assert b"too large" in run("extract", str(story), "--config", str(settings)).stderr


def test_bad_settings_file(tmp_path):
    settings = tmp_path / "wirecoder.yaml"
    settings.write_text("colour: blue\n")
    result = run("extract", str(STORIES / "el_fasher.txt"), "--config", str(settings))
    assert result.returncode == 2 and b"unknown setting(s) colour" in result.stderr


def test_extract_reads_json_lines_and_csv_like_ingest(tmp_path):
    text = (STORIES / "el_fasher.txt").read_text()
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "wire-1", "text": text, "published": "2024-05-06"}) +
                    "\n" + json.dumps({"id": "wire-2", "text": ""}) + "\n")
    table = tmp_path / "table.csv"
    table.write_text('id,text\nrow-1,"' + text.replace('"', '""') + '"\n')
    result = run("extract", str(feed), "--format", "jsonl", "--published", "2024-05-08")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    # the record's own date wins over --published; the empty record is a named failure
    assert [(r["article"]["id"], r["article"]["published"]) for r in lines] == [
        ("wire-1", "2024-05-06")]
    assert f"{feed}:2: empty article" in result.stderr.decode()
    result = run("extract", str(table), "--published", "2024-05-08")
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)  # a table of records gives a JSON array
    assert record["article"]["id"] == "row-1"
    assert record["article"]["published"] == "2024-05-08"
    def acts(records):
        return [(e["type"], e["source"], e["target"], e["trigger"]) for e in records["events"]]

    assert acts(record) == acts(lines[0]) and acts(record)


def test_extract_profile_times_every_stage(tmp_path):
    result = run("extract", str(STORIES / "el_fasher.txt"), "--profile", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    json.loads(result.stdout)  # the records are still the output
    report = result.stderr.decode()
    assert "Time per stage (1 article(s))" in report
    for stage in ("parse", "actors", "times", "places", "quotes", "events", "proposals",
                  "positions"):
        assert f"\n│ {stage} " in report


def test_train_parties_refuses_the_splits_kept_for_evaluation(tmp_path):
    gold = Path(__file__).resolve().parents[2] / "gold" / "actors"
    for split in ("dev", "test"):
        result = run("train", "parties", "--gold", str(gold / split), "--out",
                     str(tmp_path / "p.json"))
        assert result.returncode != 0
        assert f"{split} is for evaluation" in result.stderr.decode()
    assert not (tmp_path / "p.json").exists()


def test_the_event_trainers_refuse_the_splits_kept_for_evaluation(tmp_path):
    gold = Path(__file__).resolve().parents[2] / "gold" / "events"
    for command in ("events", "event-filter", "criticism"):
        for split in ("dev", "test"):
            result = run("train", command, "--gold", str(gold / split), "--out",
                         str(tmp_path / "e.json"))
            assert result.returncode != 0
            assert f"{split} is for evaluation" in result.stderr.decode()
    assert not (tmp_path / "e.json").exists()
    positions = gold.parent / "positions"
    for split in ("dev", "test"):
        result = run("train", "positions", "--gold", str(positions / split), "--out",
                     str(tmp_path / "p.json"))
        assert result.returncode != 0
        assert f"{split} is for evaluation" in result.stderr.decode()
    assert not (tmp_path / "p.json").exists()


@pytest.mark.parametrize("command, source, what", [
    ("times", "eval/timebank", "TimeML documents"),
    ("places", "eval/geo/GWN.xml", "GeoWebNews articles"),
])
def test_evaluate_times_and_places_name_a_bad_split_file(tmp_path, command, source, what):
    result = run("evaluate", command, "--gold", str(tmp_path / "none.yaml"))
    assert result.returncode != 0
    assert "none.yaml: no such file" in result.stderr.decode()
    broken = tmp_path / "split.yaml"
    broken.write_text(f"source: {source}\ndocuments:\n  - {{id: nope, split: dev}}\n")
    result = run("evaluate", command, "--gold", str(broken), "--shared", str(tmp_path))
    assert result.returncode != 0
    assert len(result.stderr.decode().strip().splitlines()) == 1
    assert f"cannot read the {what}" in result.stderr.decode()
