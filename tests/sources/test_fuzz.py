"""Property-based tests of the readers: whatever bytes a source holds, reading it never
raises, and every record it holds comes back as an article or as a failure with a reason."""

import csv
import datetime as dt
import io
import json
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adversarial import dates, records
from wirecoder.errors import BadInput
from wirecoder.records import Failure, SourceRecord
from wirecoder.sources import parse_published, read_sources

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def outcome(tmp_path, name: str, data: bytes) -> list:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    (folder / name).write_bytes(data)
    found = list(read_sources([folder], max_bytes=10_000))
    assert all(isinstance(r, SourceRecord | Failure) for r in found)
    for record in found:
        if isinstance(record, SourceRecord):
            record.item.text.encode("utf-8")  # storable and hashable
            assert record.item.text.strip()
            for value in (record.item.id, record.item.title, record.url):
                assert value is None or isinstance(value, str) and value.encode("utf-8")
        else:
            assert record.reason and record.locator.startswith(str(folder))
    return found


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(
    [".txt", ".jsonl", ".json", ".csv", ".html", ".ndjson"]))
def test_any_bytes_in_any_format_read_without_error(tmp_path, data, suffix):
    outcome(tmp_path, f"source{suffix}", data)


@FUZZ
@given(lines=st.lists(st.one_of(records.map(json.dumps), st.text(max_size=40),
                                 st.integers(1, 3000).map(lambda d: "[" * d + "]" * d)),
                       max_size=8),
       separator=st.sampled_from(["\n", "\r\n"]))
def test_every_json_line_is_an_article_or_a_failure(tmp_path, lines, separator):
    body = separator.join(lines).encode("utf-8", "surrogatepass")
    found = outcome(tmp_path, "feed.jsonl", body)
    expected = sum(1 for line in body.split(b"\n") if line.strip())
    assert len(found) == expected


@FUZZ
@given(rows=st.lists(records, min_size=1, max_size=6))
def test_every_csv_row_is_an_article_or_a_failure(tmp_path, rows):
    header = ["id", "title", "published", "text"]
    out = io.StringIO()
    # quoted only where CSV needs it: U+2028, form feeds and the like stay unquoted
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([["" if row.get(name) is None else str(row.get(name))
                       for name in header] for row in rows])
    found = outcome(tmp_path, "table.csv", out.getvalue().encode("utf-8", "surrogatepass"))
    # line and paragraph separators inside a field never split its row
    assert len(found) == len(rows)


@settings(max_examples=500, deadline=None)
@given(value=st.one_of(dates, st.text(alphabet=string.printable, max_size=30)))
def test_publication_dates_parse_or_say_why(value):
    try:
        parsed = parse_published(value, "record")
    except BadInput as error:
        assert str(error).startswith("record: unparsable publication date")
    else:
        assert parsed is None or isinstance(parsed, dt.date)
