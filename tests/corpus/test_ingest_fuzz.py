"""Property-based test of a whole ingest: adversarial feeds through the real pipeline into a
real DuckDB file; no traceback, and every record is stored, a copy, or a failure."""

import json

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adversarial import dates, metadata, texts
from wirecoder import __version__
from wirecoder.corpus.ingest import ingest
from wirecoder.sources import read_sources

STORY = "Qatar said on Monday that Hamas had accepted a truce. Israel rejected it."
records = st.fixed_dictionaries(
    {"text": st.one_of(texts, st.just(STORY), texts.map(lambda t: f"{STORY} {t}"),
                       st.integers())},
    optional={"id": metadata, "title": metadata, "published": dates})
lines = st.one_of(records.map(json.dumps), st.just("{broken"),
                  st.integers(1, 2000).map(lambda d: "[" * d + "]" * d))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(feed=st.lists(lines, min_size=1, max_size=5))
def test_every_record_of_a_feed_is_stored_copied_or_failed(tmp_path_factory, pipeline, feed):
    folder = tmp_path_factory.mktemp("fuzz")
    source = folder / "feed.jsonl"
    source.write_bytes("\n".join(feed).encode("utf-8", "surrogatepass") + b"\n")
    db = folder / "fuzz.duckdb"
    stored = ingest(db, read_sources([source]), pipeline, "fuzz", __version__, batch_size=2)
    with duckdb.connect(str(db), read_only=True) as connection:
        places = [row[0] for table in ("articles", "copies", "failures")
                  for row in connection.execute(f"SELECT locator FROM {table}").fetchall()]
    expected = [f"{source}:{number}" for number, line in enumerate(feed, 1) if line.strip()]
    assert sorted(places) == sorted(expected)
    assert stored.articles + stored.copies + stored.failures == len(expected)
