"""The ``wirecoder`` command line."""

from __future__ import annotations

import hashlib
import json
import sys
from enum import StrEnum
from importlib.resources import files
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from wirecoder import corpus_commands
from wirecoder.articles import MAX_BYTES, ArticleInput, decode_text, parse_date, read_article_file
from wirecoder.errors import BadInput, WirecoderError
from wirecoder.records import Extraction
from wirecoder.spark import commands as spark_commands
from wirecoder.web.command import serve

app = typer.Typer(help="Turn conflict and diplomacy news into evidence-linked records.",
                  no_args_is_help=True, add_completion=False)
corpus_commands.register(app)
app.command()(serve)
spark_commands.register(app)
DEMO_PUBLISHED = "2024-05-08"


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def _fail(message: str, code: int = 2) -> typer.Exit:
    """Print a one-line error (shown as written, brackets included) and exit."""
    Console(stderr=True).print(f"[bold red]error:[/] {escape(message)}", highlight=False,
                               soft_wrap=True)
    return typer.Exit(code)


def _pipeline(actor_files: list[Path], batch_size: int = 16, quote_model: Path | None = None,
              rules_only: bool = False, lexicon_files: list[Path] | None = None):
    from wirecoder.pipeline import Pipeline, default_pipeline

    try:
        if actor_files or lexicon_files or batch_size != 16 or quote_model or rules_only:
            return Pipeline(actor_files=actor_files, lexicon_files=lexicon_files or [],
                            batch_size=batch_size, quote_model=quote_model,
                            use_quote_model=not rules_only)
        return default_pipeline()
    except WirecoderError as error:
        raise _fail(str(error)) from None


def _inputs(path: str, published, max_bytes: int, failures: list[str]):
    """Articles to read, in name order; bad files are reported and skipped."""
    if path == "-":
        data = sys.stdin.buffer.read()
        try:
            text = decode_text(data, "<stdin>", max_bytes)
        except BadInput as error:
            failures.append(str(error))
            return
        yield ArticleInput(text=text, id=hashlib.sha256(data).hexdigest()[:16],
                           published=published, source="<stdin>")
        return
    root = Path(path)
    if not root.exists():
        failures.append(f"{path}: no such file or directory")
        return
    paths = sorted(p for p in root.iterdir() if p.is_file() and not p.name.startswith(".")) \
        if root.is_dir() else [root]
    for file in paths:
        try:
            yield read_article_file(file, published, max_bytes)
        except BadInput as error:
            failures.append(str(error))
            Console(stderr=True).print(f"[bold red]error:[/] {error}", highlight=False,
                                       soft_wrap=True)


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="A text file, a directory of them, or - for stdin")],
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD")] = None,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.json,
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
) -> None:
    """Extract actors, quotes, events, positions, times and places from news text."""
    from wirecoder.config import Settings, read_settings

    try:
        date = parse_date(published, "--published")
        settings = read_settings(config) if config else Settings()
    except WirecoderError as error:
        raise _fail(str(error)) from None
    max_bytes = max_bytes or settings.max_bytes
    pipeline = _pipeline([*settings.actors, *(actors or [])], settings.batch_size,
                         quote_model or settings.quote_model,
                         lexicon_files=[*settings.lexicons, *(lexicon or [])])
    failures: list[str] = []
    several = path != "-" and Path(path).is_dir()
    results: list[Extraction] = []
    processed = 0
    def internal_error(item: ArticleInput, error: Exception) -> None:
        message = f"{item.source or item.id}: extraction failed ({type(error).__name__}: {error})"
        failures.append(message)
        Console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False,
                                   soft_wrap=True)

    inputs = _inputs(path, date, max_bytes, failures)
    for extraction in pipeline.extract_many(inputs, on_error=internal_error,
                                            n_process=processes):
        processed += 1
        if format is Format.jsonl:
            sys.stdout.write(extraction.model_dump_json() + "\n")
            sys.stdout.flush()
        else:
            results.append(extraction)
    if format is Format.json and results:
        if several:
            payload = [r.model_dump(mode="json") for r in results]
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(results[0].model_dump_json(indent=2) + "\n")
    elif format is Format.table:
        from wirecoder.summary import print_summary

        for extraction in results:
            print_summary(extraction)
    if failures:
        console = Console(stderr=True)
        if several:
            console.print(f"[bold red]{len(failures)} of {processed + len(failures)} file(s) "
                          "failed:[/]", highlight=False)
            for failure in failures:
                console.print(f"  {failure}", highlight=False, soft_wrap=True)
        elif path == "-" or not Path(path).exists():
            console.print(f"[bold red]error:[/] {failures[0]}", highlight=False,
                          soft_wrap=True)
        if processed == 0:
            raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the extraction record."""
    sys.stdout.write(json.dumps(Extraction.model_json_schema(), indent=2) + "\n")


@app.command()
def demo() -> None:
    """Run the whole pipeline on a sample story bundled with wirecoder."""
    from wirecoder.summary import print_summary

    text = files("wirecoder").joinpath("samples/ceasefire_talks.txt").read_text("utf-8")
    Console().print(f"[dim]Sample story, published {DEMO_PUBLISHED}:[/]\n")
    Console().print(text, highlight=False)
    extraction = _pipeline([]).extract(text, published=DEMO_PUBLISHED, id="ceasefire_talks")
    print_summary(extraction)


@app.command("version")
def show_version() -> None:
    """Print the wirecoder version."""
    from wirecoder import __version__

    typer.echo(__version__)


evaluate_app = typer.Typer(help="Score wirecoder against public gold data.",
                           no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")


@evaluate_app.command("quotes")
def evaluate_quotes(
    gold: Annotated[Path, typer.Option(help="A PolNeAR split folder, e.g. "
                                            "../shared/eval/polnear/dev")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N articles")] = None,
    quote_model: Annotated[Path | None, typer.Option(
        help="Quote scorer weights to score [default: built in]")] = None,
    rules_only: Annotated[bool, typer.Option(
        help="Leave the learned quote scorer out: rules alone")] = False,
) -> None:
    """Precision, recall and F1 of quotes on PolNeAR (content, and content + speaker)."""
    from rich.table import Table

    from wirecoder.evaluation.polnear import read_split
    from wirecoder.evaluation.quotes import Counts, evaluate

    if not (gold / "text").is_dir():
        raise _fail(f"{gold}: not a PolNeAR split folder (no text/ inside)")
    articles = read_split(gold)[:limit]
    table_data = evaluate(_pipeline([], quote_model=quote_model, rules_only=rules_only),
                          articles)
    title = f"Quotes on PolNeAR {gold.name} ({len(articles)} articles" + \
        (", rules only)" if rules_only else ")")
    table = Table(title=title)
    for column in ("publisher", "gold", "predicted", "content P", "content R", "content F1",
                   "+speaker P", "+speaker R", "+speaker F1"):
        table.add_column(column, justify="right" if column != "publisher" else "left",
                         no_wrap=True)
    for publisher in sorted(table_data, key=lambda p: (p == "all", p)):
        counts = table_data[publisher]
        content = Counts.prf(counts.content, counts.predicted, counts.gold)
        speaker = Counts.prf(counts.speaker, counts.predicted, counts.gold)
        table.add_row(publisher, str(counts.gold), str(counts.predicted),
                      *(f"{v:.3f}" for v in (*content, *speaker)),
                      style="bold" if publisher == "all" else None)
    Console(width=max(Console().width, 120)).print(table)


@evaluate_app.command("events")
def evaluate_events(
    gold: Annotated[Path, typer.Option(help="PLOVER gold records, e.g. "
                                            "../shared/eval/plover-gsr/dev.json")],
) -> None:
    """Event type and source/target accuracy on PLOVER gold sentences."""
    from rich.table import Table

    from wirecoder.evaluation.events import evaluate, read_gold

    if not gold.is_file():
        raise _fail(f"{gold}: no such file")
    try:
        records = read_gold(gold)
    except (ValueError, KeyError, TypeError) as error:
        raise _fail(f"{gold}: not PLOVER gold records ({error})") from None
    counts = evaluate(_pipeline([]), records)
    table = Table(title=f"Events on {gold.name} ({len(records)} sentences)")
    for column in ("type", "gold", "type found", "fully right", "predicted / sentence"):
        table.add_column(column, justify="left" if column == "type" else "right", no_wrap=True)
    for name in sorted(counts, key=lambda n: (n == "all", n)):
        row = counts[name]
        table.add_row(name, str(row.gold), f"{row.type_found / row.gold:.2f}",
                      f"{row.fully_right / row.gold:.2f}", f"{row.predicted / row.gold:.2f}",
                      style="bold" if name == "all" else None)
    Console(width=max(Console().width, 100)).print(table)


@evaluate_app.command("positions")
def evaluate_positions(
    gold: Annotated[Path, typer.Option(help="Gold stories, e.g. gold/positions.yaml")],
) -> None:
    """Stances and proposals on wirecoder's own gold stories."""
    import yaml
    from rich.table import Table

    from wirecoder.evaluation.positions import evaluate, read_gold

    if not gold.is_file():
        raise _fail(f"{gold}: no such file")
    try:
        stories = read_gold(gold)
    except (ValueError, KeyError, TypeError, yaml.YAMLError) as error:
        raise _fail(f"{gold}: not a gold story file ({error})") from None
    c = evaluate(_pipeline([]), stories)

    def ratio(part: int, whole: int) -> str:
        return f"{part / whole:.2f}" if whole else "-"

    table = Table(title=f"Positions and proposals on {gold.name} ({len(stories)} stories)")
    for column in ("measure", "value", "count"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    precision, recall = ratio(c.right, c.predicted), ratio(c.right, c.gold)
    f1 = 2 * c.right / (c.predicted + c.gold) if c.predicted + c.gold else 0.0
    rows = [
        ("positions precision (actor, issue, stance)", precision, f"{c.right}/{c.predicted}"),
        ("positions recall", recall, f"{c.right}/{c.gold}"),
        ("positions F1", f"{f1:.2f}", ""),
        ("(actor, issue) pairs found", ratio(c.pairs_found, c.gold), f"{c.pairs_found}/{c.gold}"),
        ("stance accuracy on pairs found", ratio(c.right, c.pairs_found),
         f"{c.right}/{c.pairs_found}"),
        ("proposals found", ratio(c.proposals_found, c.proposals_gold),
         f"{c.proposals_found}/{c.proposals_gold}"),
        ("sponsor right", ratio(c.sponsor_right, c.sponsor_gold),
         f"{c.sponsor_right}/{c.sponsor_gold}"),
        ("presenter right", ratio(c.presenter_right, c.presenter_gold),
         f"{c.presenter_right}/{c.presenter_gold}"),
        ("responses recall (actor, response)", ratio(c.responses_right, c.responses_gold),
         f"{c.responses_right}/{c.responses_gold}"),
        ("responses precision", ratio(c.responses_right, c.responses_predicted),
         f"{c.responses_right}/{c.responses_predicted}"),
    ]
    for row in rows:
        table.add_row(*row)
    Console(width=max(Console().width, 100)).print(table)


train_app = typer.Typer(help="Train wirecoder's learned components on gold data.",
                        no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("quotes")
def train_quotes(
    gold: Annotated[Path, typer.Option(help="A PolNeAR training split, e.g. "
                                            "../shared/eval/polnear/train")],
    out: Annotated[Path, typer.Option(help="Where to write the weights (JSON)")],
    regularization: Annotated[float, typer.Option(
        help="Inverse L2 strength of the logistic regression")] = 0.3,
    min_precision: Annotated[float, typer.Option(
        help="Lowest content precision the threshold may give on held-out folds")] = 0.86,
    limit: Annotated[int | None, typer.Option(help="Train on the first N articles only")] = None,
) -> None:
    """Fit the quote scorer (needs the 'train' extra: pip install 'wirecoder[train]')."""
    try:
        from wirecoder.training import train_quote_model
    except ImportError as error:
        raise _fail(f"training needs scikit-learn ({error}); "
                    "install it with: pip install 'wirecoder[train]'") from None
    if not (gold / "text").is_dir():
        raise _fail(f"{gold}: not a PolNeAR split folder (no text/ inside)")
    if gold.name == "dev":
        raise _fail(f"{gold}: dev is for evaluation; train on the train split")
    model = train_quote_model(gold, regularization=regularization,
                              min_precision=min_precision, limit=limit,
                              pipeline=_pipeline([], rules_only=True))
    model.save(out)
    Console().print(f"{model.trained_on}: {len(model.weights)} weights, threshold "
                    f"{model.threshold} -> {out}", highlight=False)
