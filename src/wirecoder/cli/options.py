"""What the commands share: the one-line error, options that several commands take, and the
pipeline and settings an extraction run uses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from wirecoder import __version__
from wirecoder.cli.settings import Settings, read_settings
from wirecoder.corpus.store import configuration_hash
from wirecoder.errors import WirecoderError
from wirecoder.extract.pipeline import Pipeline, default_pipeline

DEFAULT_DB = "wirecoder.duckdb"

Db = Annotated[Path, typer.Option("--db", help="The corpus database (DuckDB file)")]
# Options shared by the commands that read sources: ingest and spark.
Sources = Annotated[list[str], typer.Argument(
    help="Text, .jsonl, .json, .csv or .html files, or directories of them")]
TextField = Annotated[str, typer.Option(help="JSON/CSV field with the article text")]
IdField = Annotated[str, typer.Option(help="Field with the article id")]
TitleField = Annotated[str, typer.Option(help="Field with the title")]
DateField = Annotated[str, typer.Option(help="Field with the publication date")]
UrlField = Annotated[str, typer.Option(help="Field with the URL")]
SourceField = Annotated[str, typer.Option(help="Field naming the outlet or feed")]
ActorFiles = Annotated[list[Path] | None, typer.Option(
    help="Extra actor file (YAML, actors.yaml format); repeatable")]
LexiconFiles = Annotated[list[Path] | None, typer.Option(
    help="Extra event patterns, issues or cue verbs (YAML); repeatable")]
MaxBytes = Annotated[int | None, typer.Option(help="Largest article accepted, in bytes")]
ConfigFile = Annotated[Path | None, typer.Option(
    help="Settings file (YAML: actors, lexicons, max_bytes, batch_size, quote_model)")]


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text safe to show on a terminal: control characters (escape sequences among them)
    written as ``\\xNN``, never sent raw."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def say(label: str, message: str, style: str = "bold red") -> None:
    """One line on standard error: ``label: message``, the message shown as written
    (brackets included, control characters escaped)."""
    Console(stderr=True).print(f"[{style}]{label}:[/] {escape(printable(message))}",
                               highlight=False, soft_wrap=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a one-line error (shown as written, brackets included) and exit."""
    say("error", message)
    return typer.Exit(code)


def pipeline_for(actor_files: list[Path], batch_size: int = 16, quote_model: Path | None = None,
              rules_only: bool = False, lexicon_files: list[Path] | None = None,
              party_model: Path | None = None, all_actors: bool = False,
              event_model: Path | None = None, event_filter: Path | None = None,
              all_events: bool = False, criticism_model: Path | None = None,
              no_criticism: bool = False, position_model: Path | None = None,
              rule_positions: bool = False):
    try:
        if actor_files or lexicon_files or batch_size != 16 or quote_model or rules_only \
                or party_model or all_actors or event_model or event_filter or all_events \
                or criticism_model or no_criticism or position_model or rule_positions:
            return Pipeline(actor_files=actor_files, lexicon_files=lexicon_files or [],
                            batch_size=batch_size, quote_model=quote_model,
                            use_quote_model=not rules_only, party_model=party_model,
                            use_party_model=not all_actors, event_model=event_model,
                            event_filter=event_filter, use_event_filter=not all_events,
                            criticism_model=criticism_model, use_criticism=not no_criticism,
                            position_model=position_model,
                            use_position_model=not rule_positions)
        return default_pipeline()
    except WirecoderError as error:
        raise fail(str(error)) from None


@dataclass
class RunSettings:
    """A settings file merged with the command's options, and the hash of what they load."""

    settings: Settings
    actor_files: list[Path]
    lexicon_files: list[Path]
    config_hash: str


def run_settings(config: Path | None, actors: list[Path] | None,
                 lexicon: list[Path] | None) -> RunSettings:
    """The settings of an extraction run; a bad settings file is the command's error."""
    try:
        settings = read_settings(config) if config else Settings()
    except WirecoderError as error:
        raise fail(str(error)) from None
    actor_files = [*settings.actors, *(actors or [])]
    lexicon_files = [*settings.lexicons, *(lexicon or [])]
    files = [*actor_files, *lexicon_files,
             *([settings.quote_model] if settings.quote_model else [])]
    return RunSettings(settings, actor_files, lexicon_files,
                       configuration_hash(__version__, files))
