"""The corpus commands on a real store: ingest's progress and --limit, how many rows a list
shows, what an empty answer says, and a timeline that is the web app's."""

import json
import re

import duckdb
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from corpus_stories import UKRAINE, numbered_story
from web_stories import build_corpus
from wirecoder.cli import corpus as corpus_commands
from wirecoder.cli.main import app
from wirecoder.web.app import create_app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline):
    return build_corpus(tmp_path_factory.mktemp("corpus"), pipeline)


def run(*args, code: int = 0):
    result = runner.invoke(app, [*map(str, args)], env={"COLUMNS": "200"})
    assert result.exit_code == code, result.output
    return result


def count(db, sql: str):
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(sql).fetchone()[0]


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def progress_line(stderr: str) -> str:
    return next(line for line in stderr.splitlines() if line.startswith("ingesting"))


# ---- ingest ----------------------------------------------------------------------------------

def test_ingest_counts_json_lines_and_csv_records_for_its_total(tmp_path):
    (tmp_path / "feed.jsonl").write_text(
        "".join(json.dumps({"id": f"s{n}", "text": numbered_story(n)}) + "\n"
                for n in range(3)) + "\n{not json\n", encoding="utf-8")
    # a quoted line break is inside one record; a blank row is no record
    (tmp_path / "table.csv").write_text(
        'id,text\nk1,"' + UKRAINE.replace('"', '""').replace(". ", ".\n", 1) + '"\n\n'
        f"k2,{numbered_story(9)}\n", encoding="utf-8")
    store = tmp_path / "c.duckdb"
    first = run("ingest", tmp_path / "feed.jsonl", tmp_path / "table.csv", "--db", store)
    # 3 + 1 malformed line in the feed, 2 rows in the table: all done, none left
    assert re.search(r" 6/6 .* elapsed, .* left", progress_line(first.stderr))
    assert count(store, "SELECT count(*) FROM articles") == 5
    # a rerun finds them stored: found-stored records are done records too
    again = run("ingest", tmp_path / "feed.jsonl", tmp_path / "table.csv", "--db", store)
    assert " 6/6 " in progress_line(again.stderr)


def test_ingest_stops_after_limit_records(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"s{n}", "text": numbered_story(n)}) + "\n"
                            for n in range(5)), encoding="utf-8")
    store = tmp_path / "c.duckdb"
    result = run("ingest", feed, "--db", store, "--limit", 2)
    assert " 2/2 " in progress_line(result.stderr)
    assert count(store, "SELECT list(id ORDER BY id) FROM articles") == ["s0", "s1"]
    run("ingest", feed, "--db", store, "--limit", 0, code=2)


# ---- how many rows -------------------------------------------------------------------------

def test_actors_limit_and_how_many_more(db):
    everyone = lines(run("actors", "--db", db, "-f", "json").stdout)
    assert len(everyone) == count(db, "SELECT count(*) FROM actors") > 5
    top = run("actors", "--db", db, "--limit", 3)
    shown = [a for a in everyone if f"│ {a['id']} " in top.stdout]
    assert shown == everyone[:3]
    assert top.stderr == f"… {len(everyone) - 3} more; --limit 0 shows them all\n"
    assert len(lines(run("actors", "--db", db, "-f", "json", "--limit", 2).stdout)) == 2
    assert run("actors", "--db", db, "--limit", 0).stderr == ""


def test_a_table_shows_fifty_rows_unless_told_csv_and_json_all(db, monkeypatch):
    monkeypatch.setattr(corpus_commands, "TABLE_ROWS", 4)
    everyone = lines(run("actors", "--db", db, "-f", "json").stdout)
    table = run("actors", "--db", db)
    assert [a["id"] for a in everyone if f"│ {a['id']} " in table.stdout] == \
        [a["id"] for a in everyone[:4]]
    assert table.stderr.startswith(f"… {len(everyone) - 4} more")
    csv = run("actors", "--db", db, "-f", "csv")
    assert len(csv.stdout.splitlines()) == len(everyone) + 1 and csv.stderr == ""


# ---- empty answers -------------------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["search", "zyzzyva"], "No articles match 'zyzzyva'."),
    (["search", "--quotes", "zyzzyva"], "No quotes match 'zyzzyva'."),
    (["query", "SELECT id FROM actors WHERE false"], "The query returned no rows."),
    (["timeline", "Qatar", "--issue", "sanctions"],
     "No events, quotes or positions of Qatar on 'sanctions' in this corpus."),
])
@pytest.mark.parametrize("format", ["table", "json"])
def test_an_empty_answer_says_so_in_one_line(db, args, message, format):
    result = run(*args, "--db", db, "-f", format)
    assert (result.stdout, result.stderr) == ("", message + "\n")


def test_a_corpus_without_actors(tmp_path):
    feed = tmp_path / "blank.jsonl"
    feed.write_text(json.dumps({"id": "1", "text": " "}) + "\n", encoding="utf-8")
    run("ingest", feed, "--db", tmp_path / "c.duckdb", code=1)
    result = run("actors", "--db", tmp_path / "c.duckdb")
    assert (result.stdout, result.stderr) == ("", "No actors in this corpus.\n")


# ---- one timeline --------------------------------------------------------------------------

def test_timeline_is_the_web_apps_timeline_of_the_actor(db):
    api = TestClient(create_app(db), base_url="http://127.0.0.1")
    wanted = api.get("/api/timeline", params={"actor": "Russia", "limit": 500}).json()
    expected = [(i["day"], i["kind"], i["story"], i["text"], i["actor_name"], i["target_name"])
                for i in wanted["items"]]
    for name in ("Russia", "russia", "RUS", "Kremlin"):  # name, case, id, alias
        items = lines(run("timeline", name, "--db", db, "-f", "json").stdout)
        assert [(i["day"], i["kind"], i["story"], i["text"], i["actor"], i["target"])
                for i in items] == expected
    # what was done to Russia is in its timeline, as in the web app's
    assert any(target == "Russia" for *_, target in expected)
    # with its sectors, as the web app's with sectors=true
    whole = api.get("/api/timeline", params={"actor": "Russia", "sectors": "true",
                                             "limit": 500}).json()["items"]
    items = lines(run("timeline", "Russia", "--sectors", "--db", db, "-f", "json").stdout)
    assert len(items) == len(whole) > len(expected)
    # the web app's filters too, each field on its own for a program
    wanted = api.get("/api/timeline", params={"actor": "Russia", "sectors": "true",
                                              "type": "ASSAULT", "start": "2024-05-07",
                                              "limit": 500}).json()
    items = lines(run("timeline", "Russia", "--sectors", "--type", "assault", "--start",
                      "2024-05-07", "--db", db, "-f", "json").stdout)
    assert [(i["day"], i["record"]) for i in items] == [
        (i["day"], i["record"]) for i in wanted["items"]]
    assert items and all(i["what"] == "ASSAULT" and isinstance(i["negated"], bool)
                         and i["actor_id"] and i["article"] for i in items)


def test_timeline_of_an_unknown_actor_fails_in_one_line(db):
    result = run("timeline", "Nobody At All", "--db", db, code=2)
    assert result.stderr.startswith("error: no actor 'Nobody At All'")
    assert len(result.stderr.splitlines()) == 1


# ---- search --------------------------------------------------------------------------------

def test_search_limit_is_that_of_the_other_lists(db):
    every = lines(run("search", "Israel", "--db", db, "-f", "json").stdout)
    assert len(every) > 2
    assert lines(run("search", "Israel", "--db", db, "--limit", 0, "-f", "json").stdout) \
        == every
    top = run("search", "Israel", "--db", db, "--limit", 1, "-f", "json")
    assert lines(top.stdout) == every[:1]
    assert top.stderr == (f"… {len(every) - 1} more ({len(every)} matches in all); "
                          "--limit 0 shows them all\n")
    refused = run("search", "Israel", "--db", db, "--limit", -1, code=2)
    assert "Invalid value for '--limit'" in refused.output
    assert "Traceback" not in refused.output


def test_search_exact_and_quoted_phrases(db):
    def stories(*args):
        return [hit["story"] for hit in lines(run("search", *args, "--db", db, "-f", "json")
                                              .stdout)]

    words, phrase = stories("Israel accepted"), stories('"Israel accepted"')
    assert phrase and set(phrase) < set(words)
    assert stories("Israel accepted", "--exact") == stories('"Israel accepted"', "--exact") \
        == phrase
    assert stories("shelling") and run("search", "shelling", "--exact", "--db", db).stderr \
        == "No articles match 'shelling'.\n"


def test_search_of_only_common_words_says_so(db):
    result = run("search", "the", "--db", db, code=2)
    assert "only common words (the), which the search index leaves out" in result.output
    assert result.stdout == ""


# ---- export --------------------------------------------------------------------------------

def test_a_tsv_holds_events_only(db, tmp_path):
    to = tmp_path / "quotes.tsv"
    result = run("export", "--db", db, "--to", to, "--table", "quotes", code=2)
    assert result.stderr.count("\n") == 1 and "holds event data" in result.stderr
    assert not to.exists()


def test_event_data_export_says_what_it_left_out(db, tmp_path):
    to = tmp_path / "events.tsv"
    line = run("export", "--db", db, "--to", to).stderr
    written, left, reasons = re.fullmatch(
        rf"{re.escape(str(to))}: (\d+) events \(event data\); (\d+) left out: (.+)\n",
        line).groups()
    assert int(written) == len(to.read_text(encoding="utf-8").splitlines()) - 1
    assert int(written) + int(left) == count(db, "SELECT count(*) FROM events")
    assert sum(int(n) for n in re.findall(r"(\d+) [a-z]", reasons)) == int(left)
    assert f"{count(db, 'SELECT count(*) FROM events WHERE negated')} negated" in reasons


def test_query_help_names_every_table_and_view_a_user_may_query(db):
    with duckdb.connect(str(db), read_only=True) as connection:
        names = {row[0] for row in connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_name NOT IN ('meta', 'quote_search')").fetchall()}  # internal
    shown = set(re.findall(r"\w+", run("query", "--help").stdout))
    assert names and names <= shown, names - shown
