"""A readable summary of one extraction, as rich tables."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from wirecoder.cli.options import printable
from wirecoder.records import Extraction


def _short(text: str | None, width: int = 70) -> Text:
    text = " ".join((text or "").split())
    return _cell(text if len(text) <= width else text[: width - 1] + "…")


def _row(table: Table, *values: object) -> None:
    table.add_row(*(v if isinstance(v, Text) else _cell(v) for v in values))


def _cell(value: object) -> Text:
    """A table cell as plain text: no markup read from the story, no control characters."""
    return Text(printable("" if value is None else str(value)))


def print_summary(extraction: Extraction, console: Console | None = None) -> None:
    console = console or Console()
    article = extraction.article
    names = {a.id: a.name for a in extraction.actors}
    # an article without a title (standard input) is named by its id, given once
    named = f" · {escape(printable(article.id))}" if article.title else ""
    console.rule(f"[bold]{escape(printable(article.title or article.id))}[/]  "
                 f"[dim]{article.published or 'no date'}{named}[/]")

    table = Table(title="Actors", title_justify="left", expand=True)
    for column in ("name", "kind", "country", "roles", "title", "mentions"):
        table.add_column(column)
    for actor in extraction.actors:
        _row(table, actor.name, actor.kind, actor.country or "", ", ".join(actor.roles),
                      actor.title or "", str(len(actor.mentions)))
    console.print(table)

    table = Table(title="Quotes", title_justify="left", expand=True)
    for column in ("speaker", "cue", "kind", "channel", "content", "conf."):
        table.add_column(column)
    for quote in extraction.quotes:
        speaker = names.get(quote.speaker or "", quote.speaker_text or "?")
        _row(table, speaker, quote.cue or "", quote.kind, quote.channel or "",
                      _short(quote.content.text), f"{quote.confidence:.2f}")
    console.print(table)

    table = Table(title="Events", title_justify="left", expand=True)
    for column in ("type", "source", "target", "modality", "date", "trigger", "conf."):
        table.add_column(column)
    for event in extraction.events:
        _row(table, event.type, names.get(event.source or "", ""),
                      names.get(event.target or "", ""),
                      event.modality + (" (negated)" if event.negated else ""),
                      str(event.date or ""), event.trigger.text, f"{event.confidence:.2f}")
    console.print(table)

    table = Table(title="Positions", title_justify="left", expand=True)
    for column in ("actor", "issue", "stance", "conditions", "evidence"):
        table.add_column(column)
    for position in extraction.positions:
        _row(table, names.get(position.actor, position.actor), position.issue,
                      position.stance, "; ".join(position.conditions),
                      _short(position.evidence.text, 50))
    console.print(table)

    table = Table(title="Proposals", title_justify="left", expand=True)
    for column in ("proposal", "issue", "sponsor", "presenter", "to", "responses"):
        table.add_column(column)
    for proposal in extraction.proposals:
        responses = "; ".join(f"{names.get(r.actor, r.actor)}: {r.response}"
                              for r in proposal.responses)
        _row(table, proposal.name + (" (earlier)" if proposal.earlier else ""),
                      proposal.issue or "", names.get(proposal.sponsor or "", ""),
                      names.get(proposal.presenter or "", ""),
                      ", ".join(names.get(r, r) for r in proposal.recipients), responses)
    console.print(table)

    table = Table(title="Times and places", title_justify="left", expand=True)
    for column in ("text", "resolved", "where"):
        table.add_column(column)
    for time in extraction.times:
        _row(table, time.text, str(time.value or "unresolved"), f"{time.start}-{time.end}")
    for place in extraction.places:
        where = f"{place.lat:.3f}, {place.lon:.3f}" if place.lat is not None else ""
        _row(table, place.name, f"{place.kind} {place.country or ''} {place.gazetteer_id}",
                      where)
    console.print(table)
