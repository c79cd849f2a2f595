"""Spark ``local[N]`` against the embedded ingest on the same real articles.

    python benchmarks/spark.py [--limit N] [--cores N]

Both extract the first ``--limit`` articles of ../shared/corpora/news-articles-2017 (3,824
in all) on ``--cores`` cores: the embedded ingest with that many worker processes into a
fresh DuckDB file, Spark in ``local[N]`` into Parquet. Prints each run's time and the ratio,
the time to the first record a reader can see (embedded: first batch committed; Spark: first
table written, as Spark commits output when a job ends), the session start, and peak memory
per worker process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import tempfile
import threading
import time
from pathlib import Path

import wirecoder.corpus.store
import wirecoder.spark.job as spark_job
from ingest import news_sources
from wirecoder import __version__
from wirecoder.corpus.ingest import ingest
from wirecoder.corpus.store import configuration_hash
from wirecoder.extract.pipeline import Pipeline
from wirecoder.sources import read_sources
from wirecoder.spark.load import table_counts


def first_call(module, name: str, started: float, seen: list[float]) -> None:
    """Record when ``module.name`` first returns, in seconds after ``started``."""
    function = getattr(module, name)

    def run(*args, **kwargs):
        result = function(*args, **kwargs)
        if not seen:
            seen.append(time.perf_counter() - started)
        return result

    setattr(module, name, run)


def embedded(sources, fields, folder: Path, cores: int) -> float:
    config = configuration_hash(__version__)
    started = time.perf_counter()
    pipeline = Pipeline()
    first: list[float] = []
    first_call(wirecoder.corpus.store, "write_batch", started, first)
    stored = ingest(folder / "corpus.duckdb", read_sources(sources, fields), pipeline, config,
                    __version__, processes=cores)
    seconds = time.perf_counter() - started
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"embedded ingest, {cores} worker process(es): {seconds:7.1f} s  "
          f"{stored.articles / seconds:5.2f} articles/s  ({stored.articles} articles, "
          f"{stored.failures} failures, incl. model load and search index)")
    print(f"  time to first record committed: {first[0]:6.1f} s")
    print(f"  peak memory: main process {own:.0f} MiB, largest worker {workers:.0f} MiB")
    return seconds


def spark(sources, fields, folder: Path, cores: int) -> float:
    watch = WorkerWatch()
    watch.start()
    started = time.perf_counter()
    session = spark_job.session(f"local[{cores}]")
    session.sparkContext.setLogLevel("ERROR")
    session_seconds = time.perf_counter() - started
    first: list[float] = []
    first_call(spark_job, "write", started, first)
    job = spark_job.Job(version=__version__, config_hash=configuration_hash(__version__),
                        started=dt.datetime.now(), fields=fields)
    out = folder / "parquet"
    files = spark_job.files_frame(session, sources)
    spark_job.run(session, spark_job.read_files(files, job), str(out), job)
    seconds = time.perf_counter() - started
    counts = table_counts(out)
    print(f"Spark local[{cores}]: {seconds:7.1f} s  {counts['articles'] / seconds:5.2f} "
          f"articles/s  ({counts['articles']} articles, {counts['failures']} failures, "
          "incl. JVM start)")
    print(f"  session start (JVM): {session_seconds:6.1f} s;  time to first table written: "
          f"{first[0]:6.1f} s")
    watch.stop()
    big = {pid: mib for pid, mib in watch.peaks.items() if mib > 200}
    print(f"  peak memory: Python processes over 200 MiB ({len(big)}): "
          f"{', '.join(f'{m:.0f}' for m in big.values())} MiB; JVM (driver and executors) "
          f"{_peak_mib(session.sparkContext._gateway.proc.pid):.0f} MiB")
    session.stop()
    return seconds


class WorkerWatch(threading.Thread):
    """Peak resident memory of every PySpark Python process, polled from /proc.

    Workers are forked from ``pyspark.daemon`` and keep its command line.
    """

    def __init__(self):
        super().__init__(daemon=True)
        self.peaks: dict[int, float] = {}
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.5):
            for proc in Path("/proc").iterdir():
                try:
                    if proc.name.isdigit() and b"pyspark.daemon" in (proc / "cmdline"
                                                                      ).read_bytes():
                        self.peaks[int(proc.name)] = max(self.peaks.get(int(proc.name), 0),
                                                         _peak_mib(int(proc.name)))
                except OSError:
                    continue  # the process ended

    def stop(self) -> None:
        self._done.set()
        self.join()


def _peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--cores", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sources, fields = news_sources(folder, args.limit)
        print(f"{args.limit} NewsArticles on {args.cores} cores ({os.cpu_count()} on the "
              f"machine), {dt.datetime.now():%Y-%m-%d %H:%M}", flush=True)
        embedded_seconds = embedded(sources, fields, folder, args.cores)
        spark_seconds = spark(sources, fields, folder, args.cores)
    print(f"ratio Spark / embedded: {spark_seconds / embedded_seconds:.2f}x")


if __name__ == "__main__":
    main()
