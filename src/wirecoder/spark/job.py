"""A Spark run on the driver: sources -> articles -> records -> corpus-wide pass -> Parquet.

Output: one folder per table of the embedded store (:func:`wirecoder.corpus.store.schema`), with the
same columns; record tables are partitioned by the article's publication date
(``published=YYYY-MM-DD``), ``actors`` and ``failures`` are not.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import from_arrow_schema

from wirecoder.corpus.schema import schema
from wirecoder.records import Failure
from wirecoder.sources import source_files
from wirecoder.spark import linking, worker
from wirecoder.spark.load import UNPARTITIONED
from wirecoder.spark.worker import Job

#: Why a row of a DataFrame of articles is a failure, in ``wirecoder ingest``'s words.
EMPTY = "empty article (no text)"
#: Settings of a session started here, unless given: no progress bars on the console.
_DEFAULTS = {"spark.ui.showConsoleProgress": "false"}


def session(master: str | None = None, conf: Iterable[tuple[str, str]] = ()) -> SparkSession:
    """The active Spark session, or a new one (``local[*]`` unless a master is given).

    Started from here (not by ``spark-submit``) in local mode, the Python workers run this
    interpreter, so they see the same installed wirecoder.
    """
    if "PYSPARK_GATEWAY_PORT" not in os.environ and (master or "local").startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    conf = dict(conf)
    builder = SparkSession.builder.appName("wirecoder")
    if master:
        builder = builder.master(master)
    for key, value in {**_DEFAULTS, **conf}.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    if "spark.sql.shuffle.partitions" not in conf and spark.sparkContext.master.startswith(
            "local"):
        # Spark's 200 shuffle partitions are for clusters; on one machine, one per core.
        spark.conf.set("spark.sql.shuffle.partitions", str(_parallelism(spark)))
    return spark


def files_frame(spark: SparkSession, sources: Iterable[str | Path],
                skip: Iterable[Path] = ()) -> DataFrame:
    """``(file, path, reason)``: each source file with its index, or why it is missing."""
    rows = [(index, str(file.source), file.reason) if isinstance(file, Failure)
            else (index, str(file), None)
            for index, file in enumerate(source_files(sources, skip))]
    return spark.createDataFrame(rows, "file long, path string, reason string",
                                 ).repartition(max(1, min(len(rows), _parallelism(spark))))


def articles_frame(articles: DataFrame, job: Job) -> DataFrame:
    """A DataFrame of articles made ready for :func:`run`.

    ``articles`` has a ``text`` column and optionally ``id``, ``published`` (a date),
    ``title``, ``source``, ``url``, ``locator`` and ``order`` (input order, for near-duplicate
    links and ``ingest_order``; by default the DataFrame's own order). A row without text is
    a failure.
    """
    layout = from_arrow_schema(worker.read_schema())
    given = set(articles.columns)

    def column(field):
        return F.col(field.name).cast(field.dataType) if field.name in given \
            else F.lit(None).cast(field.dataType)

    fields = {f.name: f for f in layout["input"].dataType.fields}
    blank = F.col("text").isNull() | (F.trim("text") == "")
    article = F.struct(*(F.sha2("text", 256).alias(name) if name == "text_sha256"
                         else column(field).alias(name) for name, field in fields.items()))
    where = F.coalesce(column(fields["locator"]), column(fields["id"]),
                       F.concat(F.lit("row "), F.col("order").cast("string")))
    failure = F.struct(F.coalesce(column(fields["source"]), where).alias("source"),
                       where.alias("locator"), F.lit(EMPTY).alias("reason"),
                       F.lit(job.started).cast("timestamp_ntz").alias("failed_at"),
                       *(F.lit(v).alias(k) for k, v in job.provenance.items()))
    order = F.col("order") if "order" in given else F.monotonically_increasing_id()
    return articles.withColumn("order", order).select(
        F.when(blank, "failures").otherwise("input").alias("table"), "order",
        F.lit(0).cast("long").alias("position"),
        column(fields["published"]).alias("published"),
        F.when(~blank, article).alias("input"),
        F.when(blank, failure).cast(layout["failures"].dataType).alias("failures"))


def read_files(files: DataFrame, job: Job) -> DataFrame:
    """The articles and unreadable records of ``files`` (:func:`files_frame`), for :func:`run`."""
    return files.mapInArrow(partial(worker.read_files, job),
                            from_arrow_schema(worker.read_schema()))


def run(spark: SparkSession, articles: DataFrame, out: str | Path, job: Job,
        partitions: int | None = None) -> None:
    """Extract every article and write each table of the store under ``out``.

    ``articles`` comes from :func:`read_files` or :func:`articles_frame`. Writing replaces
    what ``out`` held, so a re-run over the same input gives the same rows.
    """
    partitions = partitions or _parallelism(spark)
    read = articles.persist()
    inputs = read.where("table = 'input'")
    unique = linking.first_copies(inputs) \
        .repartition(partitions).sortWithinPartitions("order").select("order", "input")
    staged = unique.mapInArrow(partial(worker.extract, job),
                               from_arrow_schema(worker.extract_schema())).persist()
    found = tables(staged, read)
    found["copies"] = linking.later_copies(inputs, job)
    for table, frame in found.items():
        write(frame, f"{out}/{table}", partitioned=table not in UNPARTITIONED)
    staged.unpersist()
    read.unpersist()


def tables(staged: DataFrame, read: DataFrame) -> dict[str, DataFrame]:
    """Every table of the store from the staged rows, after the corpus-wide second pass."""
    def rows(frame: DataFrame, table: str) -> DataFrame:
        return frame.where(F.col("table") == table).select("order", "position", "published",
                                                          f"{table}.*")

    columns = {table: [c.name for c in layout] for table, layout in schema().items()}
    articles = staged.where(F.col("table") == "articles") \
        .select("order", "articles.*").drop("ingest_order", "canonical_id")
    articles = articles.join(linking.ingest_orders(articles), "order") \
        .join(linking.canonical_links(articles), "text_sha256", "left")
    result = {"articles": articles.select(*columns["articles"])}
    for table in columns:
        if table in {"articles", "copies"}:
            continue
        frame = rows(staged, table)
        if table == "failures":
            frame = frame.unionByName(rows(read, table))
        elif table == "actors":
            frame = linking.first_descriptions(frame)
        partition = [] if table in UNPARTITIONED else ["published"]
        result[table] = frame.select(*columns[table], *partition)
    return result


def write(frame: DataFrame, path: str, partitioned: bool) -> None:
    """Write one table as Parquet, by publication date when ``partitioned``."""
    if partitioned:
        # sorted, each task writes one day's file at a time
        frame.sortWithinPartitions("published").write.mode("overwrite") \
            .partitionBy("published").parquet(path)
    else:
        frame.coalesce(1).write.mode("overwrite").parquet(path)


def _parallelism(spark: SparkSession) -> int:
    return spark.sparkContext.defaultParallelism
