"""The ``wirecoder`` command: every command registered on one Typer app."""

from __future__ import annotations

from typing import Annotated

import typer

from wirecoder import __version__
from wirecoder.cli import corpus, evaluate, extract, serve, spark
from wirecoder.cli.help import App

app = App(no_args_is_help=True, add_completion=False)


def _print_version(asked: bool) -> None:
    if asked:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def wirecoder(version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True,
        help="Print the wirecoder version and exit")] = False) -> None:
    """Turn conflict and diplomacy news into evidence-linked records."""


app.command()(extract.extract)
app.command()(extract.schema)
app.command()(extract.demo)
app.command("version")(extract.show_version)
for command in (corpus.ingest, corpus.query, corpus.actors, corpus.timeline, corpus.search,
                corpus.export, serve.serve, spark.spark, spark.load):
    app.command()(command)
app.add_typer(evaluate.evaluate_app, name="evaluate")
app.add_typer(evaluate.train_app, name="train")
