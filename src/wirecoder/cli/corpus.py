"""The corpus commands of ``wirecoder``: ingest, query, actors, timeline, search, export."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterator
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
from wirecoder.errors import WirecoderError
from wirecoder.records import Failure, SourceRecord

if TYPE_CHECKING:
    from wirecoder.corpus.reader import Corpus
from wirecoder.sources import Fields, count_records, read_sources

_C1 = re.compile("[\x7f-\x9f]")


class Output(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


OutputFormat = Annotated[Output, typer.Option(
    "--format", "-f", help="A table, CSV, or JSON Lines (one object a row)")]
#: Rows a table shows unless told otherwise; CSV and JSON give them all.
TABLE_ROWS = 50
Limit = Annotated[int | None, typer.Option(
    min=0, help=f"Most rows shown, 0 for all (default: {TABLE_ROWS} in a table, all in CSV "
                "or JSON)")]


def _print(frame, format: Output, title: str | None = None, *, empty: str,
           limit: int | None = None) -> None:
    """The rows in the chosen format, or the one line ``empty`` when there are none. A table
    shows ``TABLE_ROWS`` rows unless ``limit`` says otherwise (0: all), CSV and JSON all;
    a line says how many were left out."""
    if frame.empty:
        _note(empty)
        return
    most = (TABLE_ROWS if format is Output.table else 0) if limit is None else limit
    more = len(frame) - most if most else 0
    frame = frame.head(most).copy() if more > 0 else frame
    for column in frame.columns:
        # DuckDB dates arrive as midnight timestamps, or as dates in rows read as dicts;
        # show them as the dates they are.
        if frame[column].dtype.kind == "M" and (frame[column].dropna().dt.normalize()
                                                 == frame[column].dropna()).all():
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
        elif frame[column].dtype.kind == "O":
            frame[column] = frame[column].map(
                lambda v: v.isoformat() if isinstance(v, dt.date) else v)
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
    if more > 0:
        _note(f"… {more:,} more; --limit 0 shows them all")


def _note(message: str) -> None:
    """One line on standard error, shown as written."""
    Console(stderr=True).print(escape(printable(message)), highlight=False, soft_wrap=True)


def _missing(value) -> bool:
    try:
        return value is None or bool(value != value)
    except (TypeError, ValueError):
        return False  # lists and arrays are values, not missing


def _open(db: Path) -> Corpus:
    from wirecoder.corpus.reader import Corpus  # pandas and DuckDB: not for 'extract'

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
    limit: Annotated[int | None, typer.Option(
        min=1, help="Stop after this many records read (a trial run)")] = None,
) -> None:
    """Extract records from many articles into a corpus database; safe to rerun.

    Dotted field names reach into nested objects (--id-field attrs.newid).
    """
    run = run_settings(config, actors, lexicon)
    pipeline = pipeline_for(run.actor_files, run.settings.batch_size, run.settings.quote_model,
                         lexicon_files=run.lexicon_files)
    fields = Fields(text=text_field, id=id_field, title=title_field, published=date_field,
                    url=url_field, source=source_field)
    size = max_bytes or run.settings.max_bytes
    skip = [db, Path(f"{db}.wal")]
    from wirecoder.corpus.ingest import ingest as ingest_into  # MinHash: only here

    records = islice(_warned(read_sources(sources, fields, size, skip=skip)), limit)
    progress = _progress()
    task = progress.add_task("ingest", total=None, rate="-")

    def done(count: int) -> None:
        progress.advance(task, count)
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
            progress.update(task, total=count_records(sources, fields, size, skip, limit))
            stored = ingest_into(db, records, pipeline, run.config_hash, __version__, batch_size,
                                 on_records=done, on_failure=failed, processes=processes,
                                 on_wait=waiting)
    except WirecoderError as error:
        raise fail(str(error)) from None
    already = (f", {stored.seen} already stored" + (
        f" ({stored.copies} newly noted in the copies table)" if stored.copies else "")
        if stored.seen else "")
    _note(f"{db}: {stored.articles} new article(s) stored ({stored.duplicates} near-duplicate)"
          f"{already}, {stored.failures} failure(s)")
    if stored.articles == 0 and stored.failures and not stored.seen:
        # a rerun that finds its articles stored is no failure; a run where every record
        # failed is
        raise fail(f"nothing stored: all {stored.failures} record(s) failed (see the lines "
                   "above, or the failures table)", code=1)


def _progress():
    """An ingest's progress on standard error: records done of how many (counted before
    the run, when its sources are files), their rate, the time taken and the time left."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]} records/s"), TimeElapsedColumn(),
                    TextColumn("elapsed,"), TimeRemainingColumn(), TextColumn("left"),
                    console=Console(stderr=True), transient=False)


def _warned(records: Iterator[SourceRecord | Failure]) -> Iterator[SourceRecord | Failure]:
    """The records as read, with each record's warnings printed on the way."""
    for record in records:
        for warning in getattr(record, "warnings", ()):
            say("warning", f"{record.locator}: {warning}", "bold yellow")
        yield record


def query(
    sql: Annotated[str, typer.Argument(help="SQL over the tables and views")],
    db: Db = Path(DEFAULT_DB),
    format: OutputFormat = Output.table,
) -> None:
    """Run SQL on a corpus database, read-only.

    Tables: articles, actors, mentions, quotes, events, positions, proposals, times, places,
    failures, copies. Views: canonical_articles, events_by_day, quotes_by_actor, actor_pairs,
    positions_over_time, stance_changes, proposal_responses. A record's article is the
    article's text_sha256 (JOIN articles a ON a.text_sha256 = e.article).
    """
    try:
        _print(_open(db).sql(sql), format, empty="The query returned no rows.", limit=0)
    except WirecoderError as error:
        raise fail(str(error)) from None


def actors(
    db: Db = Path(DEFAULT_DB),
    format: OutputFormat = Output.table,
    limit: Limit = None,
) -> None:
    """List the actors of a corpus with their stories, quotes and events, most reported
    first."""
    try:
        frame = _open(db).actors()
    except WirecoderError as error:
        raise fail(str(error)) from None
    _print(frame, format, title="Actors", empty="No actors in this corpus.", limit=limit)


def timeline(
    actor: Annotated[str, typer.Argument(help="Actor id, name or alias")],
    db: Db = Path(DEFAULT_DB),
    issue: Annotated[str | None, typer.Option(
        help="Only the actor's positions on this issue, the quotes that state them and the "
             "events of stories about it")] = None,
    type: Annotated[str | None, typer.Option(
        "--type", help="Only events of this PLOVER type (ASSAULT, ...)")] = None,
    start: Annotated[str | None, typer.Option(help="From this day (YYYY-MM-DD)")] = None,
    end: Annotated[str | None, typer.Option(help="To this day (YYYY-MM-DD)")] = None,
    sectors: Annotated[bool, typer.Option(
        "--sectors", help="For a country, also its sectors (RUS-MIL), officials, people and "
                          "sources")] = False,
    format: OutputFormat = Output.table,
    limit: Limit = None,
) -> None:
    """What an actor said and did, what was done to it, and the positions it took: the web
    app's timeline of the actor (by default over the corpus's publication dates)."""
    try:
        corpus = _open(db)
        name = corpus.actor_name(actor)
        frame = corpus.timeline(actor, issue, sectors, type=type, start=start, end=end)
    except WirecoderError as error:
        raise fail(str(error)) from None
    about = (" and its sectors" if sectors else "") + (f" on {issue!r}" if issue else "")
    _print(_readable(frame) if format is Output.table else _complete(frame), format,
           title=f"Timeline of {name}{about}", limit=limit,
           empty=f"No events, quotes or positions of {name}{about} in this corpus.")


def _readable(timeline):
    """Timeline items as people read them: actors by name, a position's issue and an
    event's negation in what happened."""
    if timeline.empty:
        return timeline
    what = timeline["what"].where(~timeline["negated"], timeline["what"] + " (not)")
    what = what.where(timeline["issue"].isna(), timeline["issue"] + ": " + what)
    return timeline.assign(what=what, actor=timeline["actor_name"],
                           target=timeline["target_name"])[
        ["day", "kind", "what", "actor", "target", "text", "story"]]


def _complete(timeline):
    """Timeline items for a program: each field on its own, actors by name and by id."""
    if timeline.empty:
        return timeline
    return timeline.rename(columns={"actor": "actor_id", "target": "target_id",
                                    "actor_name": "actor", "target_name": "target"})[
        ["day", "kind", "what", "negated", "issue", "actor", "actor_id", "target",
         "target_id", "text", "story", "article", "record"]]


def search(
    text: Annotated[str, typer.Argument(
        help='Words to search for, all of them; a part in "double quotes" as written')],
    db: Db = Path(DEFAULT_DB),
    quotes: Annotated[bool, typer.Option("--quotes", help="Search quotes, not articles")
                      ] = False,
    exact: Annotated[bool, typer.Option(
        "--exact", help="Only the words as written, side by side (no stemming)")] = False,
    format: OutputFormat = Output.table,
    limit: Limit = None,
) -> None:
    """Full-text search over the articles (or quotes) of a corpus, best first."""
    target = "quotes" if quotes else "articles"
    most = (TABLE_ROWS if format is Output.table else 0) if limit is None else limit
    try:
        corpus = _open(db)
        frame = corpus.search(text, target, most or None, exact)
        total = corpus.count_matches(text, target, exact) if most and len(frame) == most \
            else len(frame)
    except WirecoderError as error:
        raise fail(str(error)) from None
    _print(frame.drop(columns=[c for c in ("text_sha256", "article") if c in frame]), format,
           title=f"Search: {text}", limit=0, empty=f"No {target} match {text!r}.")
    if total > len(frame):
        _note(f"… {total - len(frame):,} more ({total:,} matches in all); --limit 0 shows "
              "them all")


def export(
    to: Annotated[Path, typer.Option(help="Output file: .jsonl, .csv, .parquet, or .tsv "
                                          "(event data in the POLECAT/PLOVER layout)")],
    db: Db = Path(DEFAULT_DB),
    table: Annotated[str, typer.Option(
        help="Table or view to export (a .tsv file holds events only)")] = "events",
) -> None:
    """Export a table of a corpus database to a file."""
    try:
        written = _open(db).export(to, table)
    except WirecoderError as error:
        raise fail(str(error)) from None
    if to.suffix.lower() != ".tsv":
        _note(f"{to}: {written.rows:,} rows of {table}")
        return
    why = ", ".join(f"{n:,} {reason}" for reason, n in written.left_out.items())
    _note(f"{to}: {written.rows:,} events (event data)" + (
        f"; {sum(written.left_out.values()):,} left out: {why}" if why else ""))
