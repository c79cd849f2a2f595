"""Multiprocess scaling of ``extract_many`` on this machine: one process against N.

    python benchmarks/scaling.py [TEXT_DIR] [--processes N]

TEXT_DIR defaults to ../shared/eval/polnear/dev/text (84 real news articles). Prints the
time of each run, the speed-up over one process and the peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from wirecoder.extract.pipeline import Pipeline
from wirecoder.sources.text import read_article_file

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear" / "dev" / "text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    if not args.texts.is_dir():
        raise SystemExit(f"no such directory: {args.texts}")
    items = [read_article_file(p) for p in sorted(args.texts.glob("*.txt"))]
    pipeline = Pipeline()
    list(pipeline.extract_many(items[:4]))  # warm up caches and lazy loads
    timings = {}
    for processes in (1, args.processes):
        started = time.perf_counter()
        results = list(pipeline.extract_many(items, n_process=processes))
        timings[processes] = time.perf_counter() - started
        if len(results) != len(items):
            raise SystemExit(f"{len(items) - len(results)} article(s) lost")
        print(f"{processes} process(es): {timings[processes]:6.2f} s  "
              f"{len(items) / timings[processes]:5.1f} articles/s")
    print(f"speed-up with {args.processes} processes: "
          f"{timings[1] / timings[args.processes]:.2f}x")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: main process {own:.0f} MiB, largest worker {workers:.0f} MiB")


if __name__ == "__main__":
    main()
