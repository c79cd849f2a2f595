"""The corpus-wide second pass, as Spark joins: nothing is collected to the driver.

It gives the Spark output what the embedded store decides article by article: each article's
place in the input (``ingest_order``), its link to the first copy of a near-duplicate story
(``canonical_id``), and one row per actor, the first description met.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
from datasketch import MinHashLSH
from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F

from wirecoder.corpus.duplicates import NUM_PERM, THRESHOLD


def ingest_orders(articles: DataFrame) -> DataFrame:
    """``(order, ingest_order)``: 0, 1, 2 ... in input order, as the embedded store numbers."""
    numbered = articles.select("order").orderBy("order").rdd \
        .map(lambda row: row[0]).zipWithIndex()
    return numbered.toDF(["order", "ingest_order"])


def canonical_links(articles: DataFrame) -> DataFrame:
    """``(text_sha256, canonical_id)`` of every article that copies an earlier one.

    The same rule as :class:`~wirecoder.corpus.duplicates.NearDuplicates`: candidates are earlier
    articles that share an LSH band of the MinHash signature (datasketch's bands for the same
    threshold), and an article's first copy is the earliest first copy among its candidates.
    Candidate pairs are found by a join on the bands; following them to the first copies
    happens in one task that holds only the pairs, not the corpus.
    """
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    bands = F.array(*(F.struct(F.lit(i).alias("band"),
                               F.slice("minhash", i * lsh.r + 1, lsh.r).alias("values"))
                      for i in range(lsh.b)))
    banded = articles.select("text_sha256", "order", F.explode(bands).alias("b")) \
        .select("text_sha256", "order", "b.band", "b.values")
    later, earlier = banded.alias("later"), banded.alias("earlier")
    pairs = later.join(earlier, (F.col("later.band") == F.col("earlier.band"))
                       & (F.col("later.values") == F.col("earlier.values"))
                       & (F.col("earlier.order") < F.col("later.order"))) \
        .select(F.col("later.order").alias("order"), F.col("later.text_sha256").alias("key"),
                F.col("earlier.order").alias("candidate_order"),
                F.col("earlier.text_sha256").alias("candidate")).distinct()
    return pairs.repartition(1).mapInArrow(_follow_to_first_copies,
                                           "text_sha256 string, canonical_id string")


def _follow_to_first_copies(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Candidate pairs -> each later article's first copy, in input order."""
    pairs = sorted(row for batch in batches for row in zip(
        *(batch.column(n).to_pylist() for n in ("order", "key", "candidate_order",
                                                "candidate")), strict=True))
    roots: dict[str, tuple[int, str]] = {}
    for _, key, candidate_order, candidate in pairs:
        root = roots.get(candidate, (candidate_order, candidate))
        roots[key] = min(roots.get(key, root), root)
    yield pa.RecordBatch.from_pydict({"text_sha256": list(roots),
                                      "canonical_id": [sha for _, sha in roots.values()]})


def first_descriptions(actors: DataFrame) -> DataFrame:
    """One row per actor id: the earliest article's description, as the embedded store keeps."""
    first = Window.partitionBy("id").orderBy("order", "position")
    return actors.withColumn("rank", F.row_number().over(first)).where("rank = 1") \
        .drop("rank")


def first_copies(rows: DataFrame) -> DataFrame:
    """One row per article text: the first in input order (a repeated text is stored once)."""
    return _ranked(rows).where("rank = 1").drop("rank")


def later_copies(rows: DataFrame, job) -> DataFrame:
    """The ``copies`` rows: every later record of a text met before, and its article."""
    return _ranked(rows).where("rank > 1").select(
        F.coalesce("input.source", "input.locator").alias("source"),
        F.col("input.locator").alias("locator"), F.col("input.text_sha256").alias("article"),
        F.lit(job.started).cast("timestamp").alias("seen_at"),
        F.lit(job.version).alias("wirecoder_version"),
        F.lit(job.config_hash).alias("config_hash"))


def _ranked(rows: DataFrame) -> DataFrame:
    first = Window.partitionBy("input.text_sha256").orderBy("order")
    return rows.withColumn("rank", F.row_number().over(first))
