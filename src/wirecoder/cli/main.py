"""The ``wirecoder`` command: every command registered on one Typer app."""

from __future__ import annotations

import typer

from wirecoder.cli import corpus, evaluate, extract, serve, spark

app = typer.Typer(help="Turn conflict and diplomacy news into evidence-linked records.",
                  no_args_is_help=True, add_completion=False)
app.command()(extract.extract)
app.command()(extract.schema)
app.command()(extract.demo)
app.command("version")(extract.show_version)
for command in (corpus.ingest, corpus.query, corpus.actors, corpus.timeline, corpus.search,
                corpus.export, serve.serve, spark.spark, spark.load):
    app.command()(command)
app.add_typer(evaluate.evaluate_app, name="evaluate")
app.add_typer(evaluate.train_app, name="train")
