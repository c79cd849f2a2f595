import datetime as dt
import json
import os

import pytest

from wirecoder.errors import BadInput
from wirecoder.records import Failure, SourceRecord
from wirecoder.sources import Fields, count_records, parse_published, read_sources

STORY = "Qatar said on Wednesday that Hamas had accepted a ceasefire proposal."


def test_json_lines_csv_json_and_text(tmp_path):
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"text": STORY, "id": "a1", "published": "2024-05-08",
                    "url": "https://example.org/a1", "source": "Example Wire"}) + "\n\n"
        "{broken\n" + json.dumps({"title": "no text"}) + "\n", encoding="utf-8")
    (tmp_path / "table.csv").write_text("id,title,published,text\n"
                                        f'c1,Talks,2017/2/7,"{STORY} More."\n',
                                        encoding="utf-8")
    (tmp_path / "story.txt").write_text(STORY + " Text file.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("never read", encoding="utf-8")
    records = list(read_sources([tmp_path]))
    good = [r for r in records if isinstance(r, SourceRecord)]
    bad = [r for r in records if isinstance(r, Failure)]
    assert [r.item.id for r in good] == ["a1", "story", "c1"]
    assert good[0].url == "https://example.org/a1" and good[0].item.source == "Example Wire"
    assert good[0].item.published == dt.date(2024, 5, 8)
    assert good[0].locator.endswith("feed.jsonl:1")
    assert good[2].item.published == dt.date(2017, 2, 7) and good[2].item.title == "Talks"
    assert [(b.locator.rsplit("/", 1)[1], b.reason) for b in bad] == [
        ("feed.jsonl:3", "malformed JSON (Expecting property name enclosed in double quotes "
                         "at column 2)"),
        ("feed.jsonl:4", "missing text field 'text'")]


def test_json_array_with_nested_field_names(tmp_path):
    wires = [{"attrs": {"newid": "7"}, "body": STORY, "title": "GULF TALKS",
              "date": "26-FEB-1987 15:01:26.01"}, {"attrs": {"newid": "8"}, "title": "no body"}]
    (tmp_path / "reut2-000.json").write_text(json.dumps(wires), encoding="utf-8")
    fields = Fields(text="body", id="attrs.newid", published="date")
    first, second = read_sources([tmp_path / "reut2-000.json"], fields)
    assert first.item.id == "7" and first.item.published == dt.date(1987, 2, 26)
    assert first.item.title == "GULF TALKS"
    assert isinstance(second, Failure) and second.locator.endswith("reut2-000.json:[1]")
    assert second.reason == "missing text field 'body'"


def test_wrong_encoding_and_empty_text(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Le président a parlé.".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "lines.jsonl").write_bytes(b'{"text": "caf\xe9"}\n' +
                                           json.dumps({"text": STORY}).encode() + b"\n")
    records = list(read_sources([tmp_path]))
    reasons = {r.locator.rsplit("/", 1)[1]: r.reason for r in records
               if isinstance(r, Failure)}
    assert reasons == {"empty.txt": "empty article (no text)",
                       "latin1.txt": "not valid UTF-8 (byte 5: b'\\xe9')",
                       "lines.jsonl:1": "not valid UTF-8 (byte 13)"}
    assert sum(isinstance(r, SourceRecord) for r in records) == 1


def test_html_main_text_title_and_date(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><title>Talks resume in Doha</title><meta property='
        '"article:published_time" content="2024-05-08"></head><body><nav>Home | World</nav>'
        f"<article><h1>Talks resume in Doha</h1><p>{STORY} The foreign ministry spokesman "
        "told reporters that both sides were engaging seriously in the talks.</p></article>"
        "<footer>Copyright Example</footer></body></html>", encoding="utf-8")
    (record,) = read_sources([page])
    assert record.item.title == "Talks resume in Doha"
    assert record.item.published == dt.date(2024, 5, 8)
    assert STORY in record.item.text and "Copyright" not in record.item.text


def test_missing_source_and_dates():
    (failure,) = read_sources(["/no/such/feed.jsonl"])
    assert failure.reason == "no such file or directory"
    assert parse_published("Wed, 08 May 2024 10:00:00 GMT", "x") == dt.date(2024, 5, 8)
    with pytest.raises(BadInput, match="unparsable publication date"):
        parse_published("yesterday-ish", "x")


def test_files_in_a_skipped_folder_are_left_out(tmp_path):
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "out" / "events").mkdir(parents=True)
    (tmp_path / "out" / "events" / "part-0.parquet").write_bytes(b"PAR1")
    (tmp_path / "corpus.duckdb").write_bytes(b"")
    records = list(read_sources([tmp_path], skip=[tmp_path / "out", tmp_path / "corpus.duckdb"]))
    assert [r.item.id for r in records] == ["story"]


def test_records_are_counted_before_they_are_read(tmp_path):
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"text": STORY}) + "\n\n{broken\n" + json.dumps({"title": "x"}) + "\n",
        encoding="utf-8")
    (tmp_path / "table.csv").write_text(f'id,text\nc1,"{STORY}\nMore."\n\nc2,{STORY}\n',
                                        encoding="utf-8")
    (tmp_path / "semicolons.csv").write_text(f"id;text\nd1;{STORY}\n", encoding="utf-8")
    (tmp_path / "untitled.csv").write_text(f"id,body\ne1,{STORY}\n", encoding="utf-8")
    (tmp_path / "wires.json").write_text(json.dumps([{"text": STORY}] * 3), encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"text": STORY}), encoding="utf-8")
    (tmp_path / "broken.json").write_text("[{", encoding="utf-8")
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    paths = [tmp_path, tmp_path / "missing.jsonl"]
    assert count_records(paths) == len(list(read_sources(paths))) == 14
    assert count_records(paths, most=5) == 5
    os.mkfifo(tmp_path / "pipe")  # a pipe can be read only once: never counted
    assert count_records([tmp_path / "story.txt", tmp_path / "pipe"]) is None


def test_a_csv_field_too_long_for_an_article_fails_alone(tmp_path):
    table = tmp_path / "long.csv"
    long_text = STORY + " Padding." * 40_000  # 360 KB: past csv's default 128 KiB field limit
    table.write_text(f'id,text\nbig,"{long_text}"\nok,"{STORY}"\n', encoding="utf-8")
    records = list(read_sources([table], max_bytes=200_000))
    assert [type(r).__name__ for r in records] == ["Failure", "SourceRecord"]
    assert records[0].locator.endswith("long.csv:2") and records[1].item.id == "ok"
