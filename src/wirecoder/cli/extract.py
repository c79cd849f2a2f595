"""The commands that extract from text: ``extract``, ``schema``, ``demo`` and ``version``."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from enum import StrEnum
from importlib.resources import files
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from wirecoder import __version__
from wirecoder.cli.options import fail, pipeline_for, printable, say
from wirecoder.cli.settings import Settings, read_settings
from wirecoder.cli.summary import print_summary
from wirecoder.errors import WirecoderError
from wirecoder.records import ArticleInput, Extraction, Failure, parse_date
from wirecoder.sources import MAX_BYTES, read_sources, read_stdin

DEMO_PUBLISHED = "2024-05-08"


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def _inputs(path: str, published, max_bytes: int, failures: list[str]):
    """Articles to read through the source readers (text, JSON Lines, JSON, CSV, HTML), in
    name order; bad records are reported and skipped. ``published`` is the date of the
    articles that do not carry their own."""
    if path == "-":
        records = [read_stdin(sys.stdin.buffer, published, max_bytes)]
    else:
        records = read_sources([path], max_bytes=max_bytes)
    for record in records:
        if isinstance(record, Failure):
            message = f"{record.locator}: {record.reason}"
            failures.append(message)
            if path != "-" and Path(path).exists():
                say("error", message)
            continue
        for warning in record.warnings:
            say("warning", f"{record.locator}: {warning}", "bold yellow")
        if record.item.published is None:
            record.item.published = published
        yield record.item


class _Profile:
    """Seconds per stage over a run, from the pipeline's timing hook."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self.articles = 0

    def __call__(self, stage: str, seconds: float) -> None:
        self.seconds[stage] += seconds
        self.articles += stage == "parse"

    def print(self) -> None:
        total = sum(self.seconds.values())
        table = Table(title=f"Time per stage ({self.articles} article(s))")
        for column in ("stage", "seconds", "share", "ms/article"):
            table.add_column(column, justify="left" if column == "stage" else "right")
        for stage, seconds in self.seconds.items():
            table.add_row(stage, f"{seconds:.3f}", f"{seconds / total:.0%}" if total else "-",
                          f"{1000 * seconds / max(self.articles, 1):.1f}")
        table.add_row("all", f"{total:.3f}", "100%",
                      f"{1000 * total / max(self.articles, 1):.1f}", style="bold")
        Console(stderr=True).print(table)


def extract(
    path: Annotated[str, typer.Argument(
        help="A text, .jsonl, .json, .csv or .html file, a directory of them, or - for stdin")],
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD")] = None,
    format: Annotated[Format, typer.Option(
        "--format", "-f", help="json: one record (an array of them for several articles); "
                               "jsonl: one record a line; table: a summary to read")
    ] = Format.json,
    actors: Annotated[list[Path] | None, typer.Option(
        help="Extra actor file (YAML, actors.yaml format); repeatable")] = None,
    lexicon: Annotated[list[Path] | None, typer.Option(
        help="Extra event patterns, issues or cue verbs (YAML with keys events, issues, "
             "cue_verbs); repeatable")] = None,
    max_bytes: Annotated[int | None, typer.Option(
        help=f"Largest article accepted, in bytes [default: {MAX_BYTES}]")] = None,
    config: Annotated[Path | None, typer.Option(
        help="Settings file (YAML: actors, lexicons, max_bytes, batch_size, quote_model)")
    ] = None,
    quote_model: Annotated[Path | None, typer.Option(
        help="Quote scorer weights from 'wirecoder train quotes' [default: built in]")] = None,
    processes: Annotated[int, typer.Option(
        min=1, help="Worker processes for a directory (each holds its own copy of the model)")
    ] = 1,
    profile: Annotated[bool, typer.Option(
        help="Print the time spent in each stage (and the parse) when done")] = False,
) -> None:
    """Extract actors, quotes, events, positions, times and places from news text."""
    try:
        date = parse_date(published, "--published")
        settings = read_settings(config) if config else Settings()
    except WirecoderError as error:
        raise fail(str(error)) from None
    max_bytes = max_bytes or settings.max_bytes
    pipeline = pipeline_for([*settings.actors, *(actors or [])], settings.batch_size,
                            quote_model or settings.quote_model,
                            lexicon_files=[*settings.lexicons, *(lexicon or [])])
    timer = _Profile() if profile else None
    pipeline.on_stage = timer
    failures: list[str] = []
    several = path != "-" and (Path(path).is_dir() or
                               Path(path).suffix.lower() in {".jsonl", ".ndjson", ".csv"})
    results: list[Extraction] = []
    processed = 0

    def internal_error(item: ArticleInput, error: Exception) -> None:
        message = f"{item.source or item.id}: extraction failed ({type(error).__name__}: {error})"
        failures.append(message)
        say("error", message)

    inputs = _inputs(path, date, max_bytes, failures)
    for extraction in pipeline.extract_many(inputs, on_error=internal_error,
                                            n_process=processes):
        processed += 1
        if format is Format.jsonl:
            sys.stdout.write(extraction.model_dump_json() + "\n")
            sys.stdout.flush()
        else:
            results.append(extraction)
    pipeline.on_stage = None
    if timer is not None:
        timer.print()
    if format is Format.json and results:
        if several or len(results) > 1:
            payload = [r.model_dump(mode="json") for r in results]
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(results[0].model_dump_json(indent=2) + "\n")
    elif format is Format.table:
        for extraction in results:
            print_summary(extraction)
    if failures:
        if several:
            console = Console(stderr=True)
            console.print(f"[bold red]{len(failures)} of {processed + len(failures)} "
                          "record(s) failed:[/]", highlight=False)
            for failure in failures:
                console.print(f"  {escape(printable(failure))}", highlight=False,
                              soft_wrap=True)
        elif path == "-" or not Path(path).exists():
            say("error", failures[0])
        if processed == 0:
            raise typer.Exit(1)


def schema() -> None:
    """Print the JSON Schema of the extraction record."""
    sys.stdout.write(json.dumps(Extraction.model_json_schema(), indent=2) + "\n")


def demo() -> None:
    """Run the whole pipeline on a sample story bundled with wirecoder."""
    text = files("wirecoder").joinpath("samples/ceasefire_talks.txt").read_text("utf-8")
    Console().print(f"[dim]Sample story, published {DEMO_PUBLISHED}:[/]\n")
    Console().print(text, highlight=False)
    extraction = pipeline_for([]).extract(text, published=DEMO_PUBLISHED, id="ceasefire_talks")
    print_summary(extraction)


def show_version() -> None:
    """Print the wirecoder version."""
    typer.echo(__version__)


