"""The web app's JSON API and pages, through FastAPI's test client, on a corpus of our stories."""

import re
import subprocess
import sys
from urllib.parse import unquote

import duckdb
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from web_stories import STORIES, build_corpus
from wirecoder.cli.main import app as cli
from wirecoder.knowledge import vocabulary
from wirecoder.records import Extraction
from wirecoder.web.app import create_app


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline):
    return build_corpus(tmp_path_factory.mktemp("web"), pipeline)


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db), base_url="http://127.0.0.1")


@pytest.fixture(scope="module")
def keys(client):
    """Article keys (text SHA-256) by story id."""
    return {a["id"]: a["key"] for a in client.get("/api/articles").json()["items"]}


def rows(db, sql):
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def error(client, url, status):
    """The message of a request that must fail with ``status``."""
    return get(client, url, status)["detail"]


def test_overview_counts_the_store(client, db):
    overview = get(client, "/api/overview")
    assert overview["articles"] == len(STORIES)
    assert overview["events"] == rows(db, "SELECT count(*) FROM events")[0][0] > 0
    assert overview["failures"] == rows(db, "SELECT count(*) FROM failures")[0][0] == 1
    assert overview["first"] == min(s["published"] for s in STORIES)


def test_articles_and_paging(client):
    page = get(client, "/api/articles")
    listed = page["items"]
    assert {a["id"] for a in listed} == {s["id"] for s in STORIES}
    assert (page["total"], page["offset"], page["next"]) == (len(STORIES), 0, None)
    assert [a["published"] for a in listed] == sorted((a["published"] for a in listed),
                                                      reverse=True)
    second = get(client, "/api/articles?limit=2&offset=1")
    assert second["items"] == listed[1:3] and second["total"] == len(STORIES)
    # every page but the last says where the next one is
    assert second["next"].endswith("/api/articles?offset=3&limit=2")
    assert get(client, second["next"])["items"] == listed[3:5]
    assert "limit" in error(client, "/api/articles?limit=0", 422)
    assert "offset" in error(client, "/api/articles?offset=-1", 422)


def test_article_is_its_extraction_with_text(client, keys, pipeline):
    story = get(client, f"/api/articles/{keys['wire']}")
    wire = next(s for s in STORIES if s["id"] == "wire")
    assert story["text"] == wire["text"]
    # the records read back from the store are the ones the pipeline extracts
    stored = Extraction.model_validate({k: story[k] for k in Extraction.model_fields})
    fresh = pipeline.extract(wire["text"], published=wire["published"])
    for records in ("actors", "quotes", "events", "proposals", "places"):
        assert sorted(getattr(stored, records), key=lambda r: r.id) == \
            sorted(getattr(fresh, records), key=lambda r: r.id)
    assert stored.article.title == wire["title"]
    cited = {q.speaker for q in stored.quotes} | {e.source for e in stored.events}
    assert cited - {None} <= set(story["names"])
    assert story["names"]["majed-al-ansari"] == "Majed al-Ansari"
    assert "no article 'nope'" in error(client, "/api/articles/nope", 404)


def test_actors_and_one_actor(client):
    listed = get(client, "/api/actors")["items"]
    assert {"ISR", "hamas", "dmytro-kuleba"} <= {a["id"] for a in listed}
    assert [a["stories"] for a in listed] == sorted((a["stories"] for a in listed),
                                                    reverse=True)
    assert get(client, "/api/actors?limit=3&offset=2")["items"] == listed[2:5]
    assert get(client, "/api/actors?limit=3")["total"] == len(listed)
    by_alias = get(client, "/api/actors/Israeli")  # an alias finds the canonical actor
    assert by_alias["id"] == "ISR" and "Israeli" in by_alias["aliases"]
    kuleba = get(client, "/api/actors/Dmytro Kuleba")
    assert any("accountable" in q["content"] for q in kuleba["quotes"])
    assert all(e["source"] == "dmytro-kuleba" for e in kuleba["events_done"])
    received = get(client, "/api/actors/ISR")["events_received"]
    assert received and all(e["target"] == "ISR" for e in received)
    # events say where they happened: their sentence's place, else the dateline's
    placed = [e for e in received + kuleba["events_done"] if e["place"]]
    assert placed and {e["place_from"] for e in placed} <= {"sentence", "dateline"}
    assert error(client, "/api/actors/Nobody At All", 404) == \
        "no actor 'Nobody At All' in this corpus"


def test_timeline_filters(client):
    everything = get(client, "/api/timeline")
    assert everything["total"] == len(everything["items"])
    assert sum(c["n"] for c in everything["counts"]) == everything["total"]
    assert {i["kind"] for i in everything["items"]} == {"event", "quote", "position"}
    days = [i["day"] for i in everything["items"]]
    assert days == sorted(days, reverse=True)  # newest first
    # without a range, the corpus's publication dates
    assert (everything["start"], everything["end"]) == (
        min(s["published"] for s in STORIES), max(s["published"] for s in STORIES))
    assert everything["earliest"] <= everything["start"] <= everything["end"] <= \
        everything["latest"]

    kuleba = get(client, "/api/timeline?actor=Kuleba")["items"]
    assert kuleba and len(kuleba) < len(everything["items"])
    assert all("dmytro-kuleba" in (i["actor"], i["target"]) for i in kuleba)

    assaults = get(client, "/api/timeline?type=assault")["items"]
    assert assaults and {(i["kind"], i["what"]) for i in assaults} == {("event", "ASSAULT")}

    ceasefire = get(client, "/api/timeline?issue=ceasefire")["items"]
    assert {i["issue"] for i in ceasefire if i["kind"] == "position"} == {"ceasefire"}
    assert len(ceasefire) < len(everything["items"])

    window = get(client, "/api/timeline?start=2024-05-10&end=2024-05-12")
    assert window["items"] and all("2024-05-10" <= i["day"] <= "2024-05-12"
                                   for i in window["items"])
    assert {c["day"] for c in window["counts"]} <= {"2024-05-10", "2024-05-11", "2024-05-12"}
    first = get(client, "/api/timeline?limit=3")
    assert first["total"] == everything["total"] and len(first["items"]) == 3
    assert get(client, first["next"])["items"] == everything["items"][3:6]


@pytest.mark.parametrize(("query", "status", "message"), [
    ("start=2024-13-01", 422, "start: '2024-13-01' is not a date; use YYYY-MM-DD"),
    ("end=yesterday", 422, "end: 'yesterday' is not a date"),
    ("start=2024-05-12&end=2024-05-01", 422, "start 2024-05-12 is after end 2024-05-01"),
    ("type=BOMB", 422, "type: 'BOMB' is not a PLOVER event type"),
    ("issue=weather", 422, "issue: no issue 'weather' in this corpus; issues: "),
    ("actor=Nobody", 404, "no actor 'Nobody' in this corpus"),
])
def test_timeline_bad_parameters(client, query, status, message):
    assert message in error(client, f"/api/timeline?{query}", status)


def test_a_country_with_its_sectors_and_names_the_corpus_never_stored(client):
    actors = get(client, "/api/actors?limit=5000")["items"]
    israel = {a["id"] for a in actors if a["country"] == "ISR"}
    assert {"ISR", "ISR-MIL"} <= israel
    alone = get(client, "/api/timeline?actor=Israel")
    whole = get(client, "/api/timeline?actor=Israel&sectors=true")
    assert whole["total"] > alone["total"]
    assert all({i["actor"], i["target"]} & israel for i in whole["items"])
    assert any(i["actor"] in israel - {"ISR"} for i in whole["items"])
    assert get(client, "/api/timeline?actor=Kuleba&sectors=true") == get(
        client, "/api/timeline?actor=Kuleba")  # a person has no sectors
    # the actor stage's reading of a name: a demonym and a sector word
    profile = get(client, "/api/actors/ISR")
    assert "ISR-MIL" in profile["sectors"] and profile["country_actors"] == len(israel) - 1
    assert get(client, "/api/actors/Israeli%20troops")["id"] == "ISR-MIL"
    assert get(client, "/api/actors/Israelis")["id"] == "ISR"
    assert "no actor" in error(client, "/api/actors/Israeli%20police", 404)


def test_network(client):
    network = get(client, "/api/network")
    nodes = {n["id"] for n in network["nodes"]}
    assert network["edges"] and len(nodes) >= 4
    for edge in network["edges"]:
        assert edge["source"] in nodes and edge["target"] in nodes
        assert edge["class"] == vocabulary().types[edge["type"]]
    assert {e["class"] for e in network["edges"]} == {"cooperative", "conflictual"}
    later = get(client, "/api/network?start=2024-05-13")["edges"]
    assert later and len(later) < len(network["edges"])
    assert all(e["first"] >= "2024-05-13" for e in later)
    assert "not a date" in error(client, "/api/network?end=13/05/2024", 422)


def test_network_filters_and_the_sentences_behind_a_link(client):
    network = get(client, "/api/network")
    heavy = get(client, "/api/network?weight=2")["edges"]
    assert all(e["events"] >= 2 for e in heavy) and len(heavy) < len(network["edges"])
    conflictual = get(client, "/api/network?class=conflictual")["edges"]
    assert conflictual and {e["class"] for e in conflictual} == {"conflictual"}
    countries = get(client, "/api/network?kind=country")["nodes"]
    assert countries and {n["kind"] for n in countries} == {"country"}
    assert "not cooperative or conflictual" in error(client, "/api/network?class=x", 422)
    edge = network["edges"][0]
    behind = get(client, f"/api/network/link?source={edge['source']}&target={edge['target']}")
    assert len(behind) >= edge["events"] and all(e["evidence"] for e in behind)
    assert {(e["source"], e["target"]) for e in behind} == {(edge["source"], edge["target"])}


def test_map_places_and_the_events_at_one(client):
    places = get(client, "/api/map")
    assert places and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)
    busiest = max(places, key=lambda p: p["events"])
    assert busiest["events"] > 0
    there = get(client, f"/api/map/{busiest['id']}")
    assert len(there["events"]) == there["total"] == busiest["events"]
    assert there["stories_total"] == busiest["stories"] == len(there["stories"])
    if busiest["events"] > 1:  # a page at a time, saying so
        first = get(client, f"/api/map/{busiest['id']}?limit=1")
        assert len(first["events"]) == 1 and first["total"] == busiest["events"]
        assert get(client, first["next"])["events"] == there["events"][1:2]
    assert all(e["evidence"] and e["place_from"] in {"sentence", "dateline"}
               for e in there["events"])
    # an actor keeps the places of its events only
    kuleba = get(client, "/api/map?actor=Kuleba")
    assert len(kuleba) < len(places) and all(p["events"] > 0 for p in kuleba)
    assert "no place" in error(client, "/api/map/geonames:0", 404)
    # a country keeps its own places
    israel = get(client, "/api/map?country=isr")
    assert israel and len(israel) < len(places) and {p["country"] for p in israel} == {"ISR"}
    assert get(client, "/api/map?country=Israel", 422)


def test_actors_found_by_part_of_a_name_and_pages_past_the_end(client):
    every = get(client, "/api/actors")
    israeli = get(client, "/api/actors?q=isr")
    assert 0 < israeli["total"] < every["total"] and israeli["total"] == len(israeli["items"])
    for found in israeli["items"]:  # by id, name or an alias
        profile = get(client, f"/api/actors/{found['id']}")
        assert "isr" in " ".join([found["id"], found["name"], *profile["aliases"]]).lower()
    assert "No actor's id, name or alias holds" in client.get("/actors?q=zzzz").text
    assert "No actors on page 99" in client.get("/actors?page=99").text
    assert "No articles on page 99" in client.get("/?page=99").text
    assert "Nothing here: the list has" in client.get("/timeline?offset=99999").text
    empty = client.get("/timeline?actor=Kuleba&type=SANCTION&offset=400").text
    assert "Nothing here: the list has 0 items" in empty and "401–" not in empty


def test_a_network_link_keeps_one_class_or_one_type(client):
    edges = get(client, "/api/network")["edges"]
    types = {}
    for edge in edges:
        types.setdefault((edge["source"], edge["target"]), []).append(edge)
    pair, split = next((pair, found) for pair, found in types.items()
                       if len({e["class"] for e in found}) == 2)
    link = f"/api/network/link?source={pair[0]}&target={pair[1]}"
    both = get(client, link)
    assert len(both) == sum(e["events"] for e in split)
    for edge in split:
        kept = get(client, f"{link}&class={edge['class']}")
        assert kept and all(vocabulary().types[e["type"]] == edge["class"] for e in kept)
        typed = get(client, f"{link}&type={edge['type']}")
        assert len(typed) == edge["events"] and {e["type"] for e in typed} == {edge["type"]}
    assert get(client, f"{link}&weight={max(e['events'] for e in split) + 1}") == []
    assert "not cooperative or conflictual" in error(client, f"{link}&class=warm", 422)


def test_a_country_map_draws_its_regions_and_only_its_places(client):
    page = client.get("/map?country=ISR").text
    assert page.count('class="region') >= 5 and 'transform="matrix(' in page
    table = page[page.index('id="map-places"'):]
    israel = {p["name"] for p in get(client, "/api/map?country=ISR")}
    listed = set(re.findall(r'<tr><td><a href="/map/[^"]*">([^<]+)</a>', table))
    assert listed == israel
    # a region the corpus names as a place (Texas) opens its page; the others are no links
    states = {p["id"] for p in get(client, "/api/map?country=USA") if p["kind"] == "division"}
    drawn = client.get("/map?country=USA").text
    region_links = r'<a href="/map/([^"?]+)\?[^"]*"><path class="region'
    assert states and {unquote(i) for i in re.findall(region_links, drawn)} == states
    borders = client.get("/map-borders.svg")
    assert borders.headers["content-type"].startswith("image/svg+xml")
    assert len(re.search(r' d="([^"]*)"', borders.text).group(1)) > 10_000


def test_positions_latest_stance_and_history(client):
    matrix = get(client, "/api/positions")
    cells = {(c["actor"], c["issue"]): c for c in matrix["cells"]}
    assert set(matrix["issues"]) == {c["issue"] for c in matrix["cells"]}
    # the actors that took most stances first; a page of actors at a time
    taken = [sum(c["positions"] for c in matrix["cells"] if c["actor"] == a["id"])
             for a in matrix["actors"]]
    assert taken == sorted(taken, reverse=True) and matrix["total"] == len(matrix["actors"])
    page = get(client, "/api/positions?limit=1")
    assert [a["id"] for a in page["actors"]] == [matrix["actors"][0]["id"]] and page["next"]
    assert {c["actor"] for c in page["cells"]} == {matrix["actors"][0]["id"]}
    # Israel rejected the proposal on 8 May and accepted a ceasefire on 13 May.
    assert cells[("ISR", "ceasefire")]["stance"] == "support"
    assert cells[("ISR", "ceasefire")]["story"] == "accepted"
    history = get(client, "/api/positions/Israel/ceasefire")
    assert [(h["story"], h["stance"], h["changed"]) for h in history][0] == \
        ("wire", "oppose", False)
    assert history[-1]["stance"] == "support" and history[-1]["changed"]
    assert "no position of 'Israel' on 'weather'" in error(
        client, "/api/positions/Israel/weather", 404)
    assert "no actor" in error(client, "/api/positions/Nobody/ceasefire", 404)


def test_proposals(client):
    responses = get(client, "/api/proposals")
    assert ("ISR", "rejected") in {(r["actor"], r["response"]) for r in responses}
    assert all(r["article"] and r["proposal"] for r in responses)


def test_search(client):
    hits = get(client, "/api/search?q=shelled")
    assert [h["story"] for h in hits["items"]] == ["kharkiv"] and hits["total"] == 1
    # the excerpt is the passage around the match, not the story's opening
    assert "shell" in hits["items"][0]["excerpt"].lower()
    quotes = get(client, "/api/search?q=accountable&in=quotes")["items"]
    assert quotes[0]["speaker_name"] == "Dmytro Kuleba"
    assert get(client, "/api/search?q=zebra")["items"] == []
    # stemmed words find other forms; an exact phrase only the words as written
    assert get(client, "/api/search?q=shelling")["total"] >= 1
    assert get(client, "/api/search?q=shelling&exact=true")["total"] == 0
    assert "q: " in error(client, "/api/search", 422)
    assert "in: Input should be 'articles' or 'quotes'" in error(
        client, "/api/search?q=x&in=events", 422)


def test_openapi_documents_every_endpoint(client):
    document = get(client, "/api/openapi.json")
    paths = document["paths"]
    assert set(paths) == {
        "/api/overview", "/api/articles", "/api/articles/{key}", "/api/actors",
        "/api/actors/{actor}", "/api/timeline", "/api/network", "/api/network/link",
        "/api/map", "/api/map/{place}", "/api/positions", "/api/positions/{actor}/{issue}",
        "/api/proposals", "/api/search"}
    assert all(set(methods) == {"get"} for methods in paths.values())
    # an article is answered in the record model, errors as {"detail": ...}
    article = paths["/api/articles/{key}"]["get"]["responses"]
    assert article["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/StoredArticle")
    assert article["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/Problem")
    assert {"Quote", "Event", "Position", "Proposal", "Span"} <= set(
        document["components"]["schemas"])
    # FastAPI's own docs pages load their scripts from a CDN: they are switched off.
    assert client.get("/docs").status_code == 404


def test_read_only(client, db):
    assert client.post("/api/articles").status_code == 405
    # No connection is held between requests: another process can open the file for writing.
    get(client, "/api/overview")
    subprocess.run([sys.executable, "-c", f"import duckdb; duckdb.connect({str(db)!r}).close()"],
                   check=True, timeout=60)


def test_pages_escape_article_text(client, keys):
    page = client.get(f"/articles/{keys['scripted']}").text
    assert "<script>document.title" not in page and "<b>reckless</b>" not in page
    assert "&lt;script&gt;document.title = &#39;hacked&#39;&lt;/script&gt;" in page
    assert "<title>Iran &lt;warns&gt; Israel · wirecoder</title>" in page
    assert "calling the threats &lt;b&gt;reckless&lt;/b&gt; &amp; dangerous" in page


@pytest.mark.parametrize("url", [
    "/", "/actors", "/actors/hamas", "/timeline", "/timeline?actor=Hamas&type=&issue=&start=&end=",
    "/network", "/positions", "/positions/ISR/ceasefire", "/search", "/search?q=ceasefire",
    "/search?q=accountable&in=quotes", "/static/style.css", "/static/article.js"])
def test_pages_load(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(("url", "status", "message"), [
    ("/timeline?start=2024-02-30", 422, "start: &#39;2024-02-30&#39; is not a date"),
    ("/actors/Nobody", 404, "no actor &#39;Nobody&#39; in this corpus"),
    ("/articles/<script>", 404, "no article &#39;&lt;script&gt;&#39;"),
    ("/no/such/page", 404, "Not Found"),
    ("/map?country=XYZ", 422, "country: no outline for &#39;XYZ&#39;"),
    ("/network?kind=x", 422, "kind: Input should be &#39;country&#39;"),
])
def test_pages_explain_errors(client, url, status, message):
    response = client.get(url)
    assert response.status_code == status and message in response.text
    assert response.headers["content-type"].startswith("text/html")


def test_serve_needs_a_corpus(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 2 and "no such database" in result.output
    duckdb.connect(str(tmp_path / "other.duckdb")).close()
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "other.duckdb")])
    assert result.exit_code == 2 and "not a wirecoder corpus" in result.output



@pytest.mark.parametrize("url", ["/api/articles?offset=99999999999999999999",
                                 "/api/actors?offset=-1", "/?page=99999999999999999999",
                                 "/actors?page=0"])
def test_huge_or_negative_numbers_are_refused_not_crashes(client, url):
    response = client.get(url)
    assert response.status_code == 422
    assert "less than or equal" in response.text or "greater than" in response.text


def test_only_loopback_host_names_are_answered(db, client):
    assert client.get("/api/overview", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/api/overview", headers={"Host": "localhost:8000"}).status_code == 200
    shared = TestClient(create_app(db, ["127.0.0.1", "newsroom.lan"]),
                        base_url="http://newsroom.lan")
    assert shared.get("/api/overview").status_code == 200


def test_pages_carry_security_headers(client):
    for url in ("/", "/api/overview", "/static/style.css", "/no-such-page"):
        headers = client.get(url).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"


def test_search_page_says_how_much_the_index_covers(db, tmp_path):
    import shutil

    copy = tmp_path / "partly-indexed.duckdb"
    shutil.copy(db, copy)
    with duckdb.connect(str(copy)) as connection:
        connection.execute("UPDATE meta SET value = '1' WHERE key = 'indexed_articles'")
    page = TestClient(create_app(copy), base_url="http://127.0.0.1").get("/search?q=truce")
    assert page.status_code == 200
    assert "The search index covers 1 of" in page.text
    assert "The search index covers" not in TestClient(
        create_app(db), base_url="http://127.0.0.1").get("/search?q=truce").text


def test_a_search_of_only_common_words_is_explained_beside_the_form(client):
    response = client.get("/search?q=the")
    assert response.status_code == 200 and 'id="search-note"' in response.text
    assert "only common words" in response.text and 'name="q"' in response.text
    assert "only common words" in error(client, "/api/search?q=the", 422)
