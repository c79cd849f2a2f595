import duckdb
import pytest

from corpus_stories import WIRE, write_mixed_sources
from wirecoder import __version__
from wirecoder.corpus.ingest import ingest
from wirecoder.corpus.schema import record_tables, schema
from wirecoder.corpus.store import configuration_hash
from wirecoder.records import Extraction
from wirecoder.sources import read_sources

CONFIG = configuration_hash(__version__)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, pipeline):
    """A store built from every source format, with its first run's report."""
    folder = write_mixed_sources(tmp_path_factory.mktemp("sources"))
    db = tmp_path_factory.mktemp("store") / "corpus.duckdb"
    stored = ingest(db, read_sources([folder]), pipeline, CONFIG, __version__, batch_size=2)
    return folder, db, stored


def rows(db, sql):
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def test_every_record_type_has_a_table():
    tables = schema()
    for name in record_tables():
        assert name in tables or name == "actors" and "mentions" in tables
    events = {c.name: c.sql for c in tables["events"]}
    assert events["evidence_start"] == "INTEGER" and events["trigger_text"] == "VARCHAR"
    assert events["date"] == "DATE" and events["negated"] == "BOOLEAN"
    assert {"article", "wirecoder_version", "config_hash"} <= set(events)
    assert [c.name for c in tables["actors"]][:2] == ["id", "name"]


def test_a_record_type_added_later_gets_its_table(monkeypatch):
    from pydantic import create_model

    from wirecoder.records import Record, Span

    proposal = create_model("Proposal", __base__=Record, id=(str, ...), evidence=(Span, ...))
    extended = create_model("Extended", __base__=Extraction, proposals=(list[proposal], []))
    monkeypatch.setattr("wirecoder.corpus.schema.Extraction", extended)
    assert [c.name for c in schema()["proposals"]] == [
        "article", "id", "evidence_start", "evidence_end", "evidence_text",
        "wirecoder_version", "config_hash"]


def test_mixed_formats_are_stored_with_provenance(corpus):
    _, db, stored = corpus
    assert stored.articles == 5
    ids = {row[0] for row in rows(db, "SELECT id FROM articles")}
    assert ids == {"wire", "copy", "kharkiv", "sudan-1", "page"}
    assert rows(db, "SELECT title, published::VARCHAR FROM articles WHERE id = 'page'") == [
        ("Envoy arrives in Cairo", "2024-05-09")]
    assert rows(db, "SELECT DISTINCT wirecoder_version, config_hash FROM events") == [
        (__version__, CONFIG)]
    # Evidence offsets point into the stored text.
    for text, start, end, evidence in rows(db, """
            SELECT a.text, e.evidence_start, e.evidence_end, e.evidence_text
            FROM events e JOIN articles a ON a.text_sha256 = e.article"""):
        assert text[start:end] == evidence
    for text, start, end, mention in rows(db, """
            SELECT a.text, m.start, m."end", m.text FROM mentions m
            JOIN articles a ON a.text_sha256 = m.article"""):
        assert text[start:end] == mention


def test_actors_are_one_row_across_articles(corpus):
    _, db, _ = corpus
    assert rows(db, "SELECT count(*), count(DISTINCT id) FROM actors")[0][0] == \
        rows(db, "SELECT count(DISTINCT id) FROM actors")[0][0]
    (stories,) = rows(db, "SELECT count(DISTINCT article) FROM mentions WHERE actor = 'QAT'")
    assert stories[0] == 2


def test_bad_records_land_in_failures_with_reasons(corpus):
    _, db, stored = corpus
    failures = {(locator.rsplit("/", 1)[1], reason) for locator, reason in
                rows(db, "SELECT locator, reason FROM failures")}
    assert failures == {
        ("feed.jsonl:2", "malformed JSON (Expecting property name enclosed in double quotes "
                         "at column 2)"),
        ("feed.jsonl:3", "empty article (no text)"),
        ("latin1.txt", "not valid UTF-8 (byte 5: b'\\xe9')")}
    assert stored.failures == 3


def test_near_duplicate_points_at_the_first_copy(corpus):
    _, db, stored = corpus
    assert stored.duplicates == 1
    # feed.jsonl is read before wire.txt, so its copy is the first one.
    assert rows(db, """SELECT d.id, c.id FROM articles d
                       JOIN articles c ON c.text_sha256 = d.canonical_id""") == [
        ("wire", "copy")]
    # Statistics count the story once.
    (stories,) = rows(db, "SELECT count(DISTINCT article) FROM quotes q JOIN "
                          "canonical_articles a ON a.text_sha256 = q.article "
                          "WHERE q.content_text LIKE '%hopeful%'")
    assert stories[0] == 1


def test_reingest_stores_nothing_new(corpus, pipeline):
    folder, db, _ = corpus
    tables = [t for t in schema() if t != "failures"] + ["failures"]
    before = {t: rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in tables}
    stored = ingest(db, read_sources([folder]), pipeline, CONFIG, __version__)
    assert stored.articles == 0
    assert {t: rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in tables} == before


def test_new_articles_are_linked_to_stored_copies(tmp_path, pipeline):
    db = tmp_path / "c.duckdb"
    (tmp_path / "a.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(WIRE.replace("Thursday", "Friday"), encoding="utf-8")
    ingest(db, read_sources([tmp_path / "a.txt"]), pipeline, CONFIG, __version__)
    # A second run reloads the stored signatures and finds the first copy.
    stored = ingest(db, read_sources([tmp_path / "b.txt"]), pipeline, CONFIG, __version__)
    assert stored.duplicates == 1


def test_proposals_are_stored_with_their_responses(corpus):
    _, db, _ = corpus
    found = rows(db, "SELECT p.issue, p.responses FROM proposals p JOIN articles a "
                     "ON a.text_sha256 = p.article WHERE a.text LIKE 'Qatar said on%'")
    assert found and found[0][0] == "ceasefire"
    import json

    responses = {(r["actor"], r["response"]) for r in json.loads(found[0][1])}
    assert ("ISR", "rejected") in responses


def test_worker_processes_store_the_same_records(corpus, pipeline, tmp_path, monkeypatch):
    from wirecoder.extract import pipeline as stages

    forked = []

    class Counted(stages.ProcessPoolExecutor):  # the real pool, counted
        def __init__(self, *args, **kwargs):
            forked.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(stages, "ProcessPoolExecutor", Counted)
    folder, db, _ = corpus
    parallel = tmp_path / "parallel.duckdb"
    ingest(parallel, read_sources([folder]), pipeline, CONFIG, __version__, batch_size=4,
           processes=2)
    # several batches, one pool of two workers for the whole run
    assert rows(db, "SELECT count(*) FROM articles")[0][0] > 4 and len(forked) == 1
    for table in ("articles", "quotes", "events", "positions", "proposals", "failures"):
        sql = f"SELECT count(*) FROM {table}"
        assert rows(parallel, sql) == rows(db, sql), table
    sql = "SELECT article, content_start, content_end FROM quotes ORDER BY ALL"
    assert rows(parallel, sql) == rows(db, sql)


def test_stance_changes_and_proposal_responses_views(tmp_path, pipeline):
    import json

    stories = [("2024-05-01", "Egypt presented a ceasefire proposal to Hamas. Hamas rejected "
                              "the ceasefire proposal on Wednesday."),
               ("2024-05-03", "Hamas again rejected the ceasefire on Friday, officials said."),
               ("2024-05-06", "Hamas accepted the ceasefire proposal on Monday, a day after "
                              "talks in Cairo.")]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"s{n}", "published": day, "text": text}) + "\n"
                            for n, (day, text) in enumerate(stories)), encoding="utf-8")
    db = tmp_path / "c.duckdb"
    ingest(db, read_sources([feed]), pipeline, CONFIG, __version__)
    changes = rows(db, "SELECT story, stance, previous_stance FROM stance_changes "
                       "WHERE actor = 'hamas' AND issue = 'ceasefire'")
    assert changes == [("s0", "oppose", None), ("s2", "support", "oppose")]
    responses = rows(db, "SELECT story, actor, response FROM proposal_responses")
    assert ("s0", "hamas", "rejected") in responses
    assert ("s2", "hamas", "accepted") in responses
