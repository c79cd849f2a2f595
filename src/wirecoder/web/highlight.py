"""The article view's text, cut where extracted spans begin and end.

Each record of an article gets a key (``quote:q2``, ``actor:hamas``) and the spans it
highlights; the text is split at every span and evidence boundary into segments, each
knowing which records cover it, smallest span first, so a click picks the most specific
record and a second click the next one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel

from wirecoder.corpus.queries import StoredArticle

#: Record types in the order they are listed, and which wins a tie between equal spans.
TYPES = ("actor", "quote", "event", "position", "proposal", "time", "place")


@dataclass
class Marked:
    """One record of an article: what it highlights and what evidence it rests on."""

    key: str
    type: str
    label: str
    record: BaseModel
    spans: list[tuple[int, int]]
    evidence: tuple[int, int] | None = None


@dataclass
class Segment:
    start: int
    end: int
    text: str
    keys: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)


def marked_records(story: StoredArticle) -> list[Marked]:
    """Every record of an article, in :data:`TYPES` order."""
    marked = [Marked(f"actor:{actor.id}", "actor", actor.name, actor,
                     [(m.start, m.end) for m in actor.mentions]) for actor in story.actors]
    for quote in story.quotes:
        spans = [(quote.content.start, quote.content.end)]
        if quote.cue_span is not None:
            spans.append((quote.cue_span.start, quote.cue_span.end))
        speaker = story.names.get(quote.speaker or "") or quote.speaker_text
        marked.append(Marked(f"quote:{quote.id}", "quote", speaker or "unknown speaker", quote,
                             spans))
    for event in story.events:
        marked.append(Marked(f"event:{event.id}", "event", event.type, event,
                             [(event.trigger.start, event.trigger.end)],
                             (event.evidence.start, event.evidence.end)))
    for position in story.positions:
        key = f"position:{position.actor}:{position.issue}:{position.trigger.start}"
        marked.append(Marked(key, "position", f"{position.issue}: {position.stance}", position,
                             [(position.trigger.start, position.trigger.end)],
                             (position.evidence.start, position.evidence.end)))
    for proposal in story.proposals:
        marked.append(Marked(f"proposal:{proposal.id}", "proposal", proposal.name, proposal,
                             [(m.start, m.end) for m in proposal.mentions]))
    for time in story.times:
        marked.append(Marked(f"time:{time.start}", "time", time.text, time,
                             [(time.start, time.end)]))
    for place in story.places:
        marked.append(Marked(f"place:{place.id}", "place", place.name, place,
                             [(m.start, m.end) for m in place.mentions]))
    return marked


def segments(text: str, marked: list[Marked]) -> list[Segment]:
    """The text cut at every span and evidence boundary, each piece with its records."""
    cuts = {0, len(text)}
    covering: list[tuple[int, int, int, str, str]] = []
    for record in marked:
        if record.evidence:
            cuts.update(record.evidence)
        for start, end in record.spans:
            if 0 <= start < end <= len(text):
                cuts.update((start, end))
                covering.append((start, end, TYPES.index(record.type), record.key,
                                 record.type))
    covering.sort(key=lambda c: (c[1] - c[0], c[2]))
    bounds = sorted(cuts)
    pieces = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        piece = Segment(start, end, text[start:end])
        for span_start, span_end, _, key, kind in covering:
            if span_start <= start and end <= span_end and key not in piece.keys:
                piece.keys.append(key)
                if kind not in piece.types:
                    piece.types.append(kind)
        pieces.append(piece)
    return pieces
