"""Time every page of the web app on a corpus and print a table: is each under a second?

    wirecoder ingest ../shared/corpora/news-articles-2017/NewsArticles.csv --limit 3000 \
        --db news.duckdb --id-field article_id --date-field publish_date \
        --url-field article_source_link --processes 2
    python benchmarks/web_pages.py news.duckdb [--repeat 3]

The app is the real one (FastAPI's test client in this process, the store opened read-only per
request as in ``wirecoder serve``); each page is asked for ``--repeat`` times after one warm-up
request, and the median is shown. The pages with an actor, a place, a link, a country or an
article take the corpus's busiest one. A benchmark, not a test: it prints figures and asserts
nothing.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient

from wirecoder.corpus import queries
from wirecoder.web.app import create_app


def pages(db: Path) -> list[str]:
    with queries.reading(db) as reader:
        listed = queries.actors(reader, 200)
        actor = listed[0]["id"]
        country = next((a["id"] for a in listed if a["kind"] == "country"), None)
        article = queries.articles(reader, 1)[0]["key"]
        places = queries.map_places(reader, queries.Filters())
        network = queries.network(reader, queries.Filters())
    edge = network["edges"][0] if network["edges"] else None
    found = ["/", "/actors", f"/actors/{quote(actor)}", f"/articles/{article}", "/timeline",
             f"/timeline?actor={quote(actor)}", "/map", f"/map?actor={quote(actor)}",
             "/network", "/network?class=conflictual&weight=2", "/positions",
             "/search?q=ceasefire", "/search?q=ceasefire&exact=true", "/api/actors",
             "/api/timeline", "/map-borders.svg"]
    if country:
        found.append(f"/timeline?actor={quote(country)}&sectors=true")
    if places:
        found.append(f"/map/{quote(places[0]['id'])}")
        busiest = next((p["country"] for p in places if p["country"]), None)
        if busiest:
            found.append(f"/map?country={busiest}")
    if edge:
        found.append(f"/network/link?source={quote(edge['source'])}"
                     f"&target={quote(edge['target'])}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    client = TestClient(create_app(args.db), base_url="http://127.0.0.1")
    overview = client.get("/api/overview").json()
    print(f"corpus: {args.db} ({overview['articles']:,} articles, {overview['actors']:,} "
          f"actors, {overview['events']:,} events)\n")
    print("| page | status | median s | KB | under 1 s |")
    print("| --- | --- | --- | --- | --- |")
    slowest = 0.0
    for url in pages(args.db):
        client.get(url)
        times, size, status = [], 0, 0
        for _ in range(args.repeat):
            began = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - began)
            size, status = len(response.content), response.status_code
        median = statistics.median(times)
        slowest = max(slowest, median)
        print(f"| `{url}` | {status} | {median:.2f} | {size / 1024:.0f} | "
              f"{'yes' if median < 1 else '**no**'} |")
    print(f"\nslowest page: {slowest:.2f} s")


if __name__ == "__main__":
    main()
