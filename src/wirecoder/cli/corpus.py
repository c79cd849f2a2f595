"""The corpus commands of ``wirecoder``: ingest, query, actors, timeline, search, export."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

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
    pipeline_for,
    printable,
    run_settings,
    say,
)
from wirecoder.corpus.ingest import ingest as ingest_into
from wirecoder.corpus.reader import Corpus
from wirecoder.errors import WirecoderError
from wirecoder.records import Failure, SourceRecord
from wirecoder.sources import Fields, read_sources

_C1 = re.compile("[\x7f-\x9f]")


class Output(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _print(frame, format: Output, title: str | None = None) -> None:
    for column in frame.columns:
        # DuckDB dates arrive as midnight timestamps; show them as the dates they are.
        if frame[column].dtype.kind == "M" and (frame[column].dropna().dt.normalize()
                                                 == frame[column].dropna()).all():
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    if frame.empty and format is Output.table:
        say("note", "no rows", "bold")
        return
    if format is Output.csv:
        # text from stories and file names may hold terminal escape sequences: never raw
        sys.stdout.write(printable(frame.to_csv(index=False)))
    elif format is Output.json:
        # JSON escapes C0 controls itself; C1 controls (U+0080-U+009F) are escaped here
        sys.stdout.write(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", frame.to_json(
            orient="records", lines=True, date_format="iso", force_ascii=False)))
    else:
        table = Table(title=title)
        for column in frame.columns:
            table.add_column(Text(printable(str(column))), overflow="fold")
        for row in frame.itertuples(index=False):
            table.add_row(*(Text("" if _missing(v) else printable(str(v))) for v in row))
        Console().print(table)


def _missing(value) -> bool:
    try:
        return value is None or bool(value != value)
    except (TypeError, ValueError):
        return False  # lists and arrays are values, not missing


def _open(db: Path) -> Corpus:
    return Corpus(db)


def ingest(
    sources: Sources,
    db: Db = Path(DEFAULT_DB),
    text_field: TextField = "text",
    id_field: IdField = "id",
    title_field: TitleField = "title",
    date_field: DateField = "published",
    url_field: UrlField = "url",
    source_field: SourceField = "source",
    batch_size: Annotated[int, typer.Option(
        help="Articles written per transaction")] = 64,
    actors: ActorFiles = None,
    max_bytes: MaxBytes = None,
    lexicon: LexiconFiles = None,
    config: ConfigFile = None,
    processes: Annotated[int, typer.Option(
        min=1, help="Worker processes for extraction (each holds its own model copy)")] = 1,
) -> None:
    """Extract records from many articles into a corpus database; safe to rerun.

    Dotted field names reach into nested objects (--id-field attrs.newid).
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    run = run_settings(config, actors, lexicon)
    pipeline = pipeline_for(run.actor_files, run.settings.batch_size, run.settings.quote_model,
                         lexicon_files=run.lexicon_files)
    fields = Fields(text=text_field, id=id_field, title=title_field, published=date_field,
                    url=url_field, source=source_field)
    records = _warned(read_sources(sources, fields, max_bytes or run.settings.max_bytes,
                                   skip=[db, Path(f"{db}.wal")]))
    progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]} articles/s"), TimeElapsedColumn(),
                        console=Console(stderr=True), transient=False)
    task = progress.add_task("ingest", total=None, rate="-")

    def article_done() -> None:
        progress.advance(task)
        speed = progress.tasks[task].speed
        progress.update(task, rate=f"{speed:.1f}" if speed else "-")

    def failed(failure) -> None:
        message = escape(printable(f"{failure.locator}: {failure.reason}"))
        progress.console.print(f"[bold red]error:[/] {message}", highlight=False,
                               soft_wrap=True)

    def waiting(message: str) -> None:
        progress.console.print(escape(printable(message)), highlight=False, soft_wrap=True)

    try:
        with progress:
            stored = ingest_into(db, records, pipeline, run.config_hash, __version__, batch_size,
                                 on_article=article_done, on_failure=failed,
                                 processes=processes, on_wait=waiting)
    except WirecoderError as error:
        raise fail(str(error)) from None
    Console(stderr=True).print(escape(printable(
        f"{db}: {stored.articles} new article(s) stored ({stored.duplicates} near-duplicate), "
        f"{stored.failures} failure(s)" + (f", {stored.copies} exact copies of stored texts "
                                            "noted" if stored.copies else ""))),
        highlight=False, soft_wrap=True)
    if stored.articles == 0 and stored.failures and not stored.seen:
        # a rerun that finds its articles stored is no failure; a run where every record
        # failed is
        raise fail(f"nothing stored: all {stored.failures} record(s) failed (see the lines "
                   "above, or the failures table)", code=1)


def _warned(records: Iterator[SourceRecord | Failure]) -> Iterator[SourceRecord | Failure]:
    """The records as read, with each record's warnings printed on the way."""
    for record in records:
        for warning in getattr(record, "warnings", ()):
            say("warning", f"{record.locator}: {warning}", "bold yellow")
        yield record


def query(
    sql: Annotated[str, typer.Argument(help="SQL over the tables and views")],
    db: Db = Path(DEFAULT_DB),
    format: Annotated[Output, typer.Option("--format", "-f")] = Output.table,
) -> None:
    """Run SQL on a corpus database (views: events_by_day, quotes_by_actor, actor_pairs, ...)."""
    try:
        _print(_open(db).sql(sql), format)
    except WirecoderError as error:
        raise fail(str(error)) from None


def actors(
    db: Db = Path(DEFAULT_DB),
    format: Annotated[Output, typer.Option("--format", "-f")] = Output.table,
) -> None:
    """List the actors of a corpus with their stories, quotes and events."""
    try:
        _print(_open(db).actors(), format, title="Actors")
    except WirecoderError as error:
        raise fail(str(error)) from None


def timeline(
    actor: Annotated[str, typer.Argument(help="Actor id, name or alias")],
    db: Db = Path(DEFAULT_DB),
    issue: Annotated[str | None, typer.Option(
        help="Only the actor's positions on this issue")] = None,
    format: Annotated[Output, typer.Option("--format", "-f")] = Output.table,
) -> None:
    """What an actor said and did, and the positions it took, by date."""
    try:
        corpus = _open(db)
        _print(corpus.timeline(actor, issue), format, title=f"Timeline of {actor}")
    except WirecoderError as error:
        raise fail(str(error)) from None


def search(
    text: Annotated[str, typer.Argument(help="Words to search for")],
    db: Db = Path(DEFAULT_DB),
    quotes: Annotated[bool, typer.Option("--quotes", help="Search quotes, not articles")
                      ] = False,
    limit: Annotated[int, typer.Option(help="Most results shown")] = 20,
    format: Annotated[Output, typer.Option("--format", "-f")] = Output.table,
) -> None:
    """Full-text search over the articles (or quotes) of a corpus, best first."""
    try:
        frame = _open(db).search(text, "quotes" if quotes else "articles", limit)
    except WirecoderError as error:
        raise fail(str(error)) from None
    _print(frame.drop(columns=[c for c in ("text_sha256", "article") if c in frame]), format,
           title=f"Search: {text}")


def export(
    to: Annotated[Path, typer.Option(help="Output file: .jsonl, .csv, .parquet, or .tsv "
                                          "(event data in the POLECAT/PLOVER layout)")],
    db: Db = Path(DEFAULT_DB),
    table: Annotated[str, typer.Option(help="Table or view to export")] = "events",
) -> None:
    """Export a table of a corpus database to a file."""
    try:
        rows = _open(db).export(to, table)
    except WirecoderError as error:
        raise fail(str(error)) from None
    what = "events (event data)" if to.suffix.lower() == ".tsv" else f"rows of {table}"
    Console(stderr=True).print(escape(printable(f"{to}: {rows} {what}")), highlight=False,
                               soft_wrap=True)
