"""The Spark commands of ``wirecoder``: ``spark`` (extract to Parquet) and ``load``."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from wirecoder import __version__
from wirecoder.cli.options import (
    DEFAULT_DB,
    ActorFiles,
    ConfigFile,
    DateField,
    Db,
    IdField,
    LexiconFiles,
    MaxBytes,
    SourceField,
    Sources,
    TextField,
    TitleField,
    UrlField,
    fail,
    run_settings,
)
from wirecoder.errors import WirecoderError


def spark(
    sources: Sources,
    out: Annotated[Path, typer.Option(help="Folder for the Parquet tables (replaced)")],
    master: Annotated[str | None, typer.Option(
        help="Spark master URL: local[2], spark://host:7077, yarn [default: local[*], or "
             "what spark-submit set]")] = None,
    conf: Annotated[list[str] | None, typer.Option(
        help="Spark setting KEY=VALUE; repeatable")] = None,
    partitions: Annotated[int | None, typer.Option(
        min=1, help="Partitions of articles [default: Spark's default parallelism]")] = None,
    text_field: TextField = "text",
    id_field: IdField = "id",
    title_field: TitleField = "title",
    date_field: DateField = "published",
    url_field: UrlField = "url",
    source_field: SourceField = "source",
    actors: ActorFiles = None,
    max_bytes: MaxBytes = None,
    lexicon: LexiconFiles = None,
    config: ConfigFile = None,
) -> None:
    """Extract records from many articles on Spark into Parquet tables, by publication date.

    The tables have the columns of 'wirecoder ingest''s store; 'wirecoder load' copies them
    into one. Source files and settings files must be readable by every executor.
    """
    from wirecoder.sources import Fields
    from wirecoder.spark.load import table_counts

    try:
        from wirecoder.spark import job as spark_job
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] != "pyspark":
            raise
        raise fail("the Spark runner needs PySpark: pip install 'wirecoder[spark]'"
                    ) from None
    settings = [tuple(pair.split("=", 1)) for pair in conf or []]
    if any(len(pair) != 2 for pair in settings):
        raise fail("--conf takes KEY=VALUE")
    run = run_settings(config, actors, lexicon)
    _check_knowledge(run)
    if (master or "local").startswith("local") and not _java_found():
        raise fail("Spark needs Java 17 or newer: no java on PATH and JAVA_HOME is not set")
    job = spark_job.Job(
        version=__version__, config_hash=run.config_hash, started=dt.datetime.now(),
        fields=Fields(text=text_field, id=id_field, title=title_field, published=date_field,
                      url=url_field, source=source_field),
        max_bytes=max_bytes or run.settings.max_bytes,
        actor_files=tuple(str(p.resolve()) for p in run.actor_files),
        lexicon_files=tuple(str(p.resolve()) for p in run.lexicon_files),
        quote_model=str(run.settings.quote_model.resolve()) if run.settings.quote_model
        else None, batch_size=run.settings.batch_size)
    session = spark_job.session(master, settings)
    session.sparkContext.setLogLevel("ERROR")
    files = spark_job.files_frame(session, sources, skip=[out])
    spark_job.run(session, spark_job.read_files(files, job), str(out.resolve()), job,
                  partitions)
    counts = table_counts(out)
    Console(stderr=True).print(
        f"{out}: " + ", ".join(f"{counts[t]} {t}" for t in counts), highlight=False,
        soft_wrap=True)


def load(
    path: Annotated[Path, typer.Argument(help="Output folder of 'wirecoder spark'")],
    db: Db = Path(DEFAULT_DB),
) -> None:
    """Copy the Parquet tables of 'wirecoder spark' into a corpus database; safe to rerun."""
    from wirecoder.spark.load import load as load_tables

    if not (path / "articles").is_dir():
        raise fail(f"{path}: no articles/ inside (not an output folder of 'wirecoder spark')")
    try:
        added = load_tables(path, db)
    except WirecoderError as error:
        raise fail(str(error)) from None
    Console(stderr=True).print(
        f"{db}: " + ", ".join(f"{n} {t}" for t, n in added.items()) + " added",
        highlight=False, soft_wrap=True)


def _check_knowledge(run) -> None:
    """Load the user's knowledge files here, so that a bad one is a one-line error, not a
    failed Spark task."""
    from wirecoder.extract.quotes.learned import QuoteModel
    from wirecoder.knowledge import load_knowledge

    try:
        if run.actor_files or run.lexicon_files:
            load_knowledge(tuple(run.actor_files), tuple(run.lexicon_files))
        if run.settings.quote_model:
            QuoteModel.load(run.settings.quote_model)
    except WirecoderError as error:
        raise fail(str(error)) from None


def _java_found() -> bool:
    return bool(shutil.which("java") or os.environ.get("JAVA_HOME"))
