"""Which coded events are kept: a classifier over the event coder's own output.

The coder (lexicon or learned typer, parse, guards) proposes events; in real news most words
of its lexicon also name topics, history and speculation. A logistic regression over what
each proposed event is and where its trigger stands (type and modality, whether a source
and a target were resolved, where its date came from, whether it is quoted, and the
trigger's word, parse and neighbours as the typer sees them) says whether a reader would
code it. The weights (``event_filter.json``) are trained by ``wirecoder train event-filter``
on the ``train`` split of the event gold set, from the coder's events on those stories. An
act that is the content of a kept threat, demand or refusal stays with it; one whose parent
is dropped goes too.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from wirecoder.extract.event_types import trigger_features
from wirecoder.extract.linear import LinearModel
from wirecoder.knowledge.lexicons import EventLexicon
from wirecoder.records import Event


class EventFilter(LinearModel):
    """The event filter's weights (``event_filter.json``)."""

    what = "event filter"
    default_file = "event_filter.json"


def trigger_token(doc: Doc, event: Event) -> Token:
    """The word that heads an event's trigger."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None else doc[0]


def event_features(event: Event, token: Token, lexicon: EventLexicon, actor_of,
                   in_quote: bool) -> dict[str, float]:
    """What one proposed event is, and what the text says around its trigger."""
    features = trigger_features(token, lexicon, actor_of, in_quote)
    lemma = token.lemma_.lower()
    features.update({
        f"type={event.type}": 1.0,
        f"type|modality={event.type}|{event.modality}": 1.0,
        f"type|lemma={event.type}|{lemma}": 1.0,
        f"pos|dep={token.pos_}|{token.dep_}": 1.0,
        f"date_from={event.date_from}": 1.0,
        "has_source": float(event.source is not None),
        "has_target": float(event.target is not None),
    })
    if token.dep_ == "pobj":
        features[f"under={token.head.lower_}"] = 1.0
    return features


def kept(events: list[Event], doc: Doc, model: EventFilter, lexicon: EventLexicon,
         actor_of, in_quote) -> list[Event]:
    """The events the filter keeps; an act inside a dropped threat, demand or refusal goes
    with it."""
    dropped = set()
    for event in events:
        if event.content_of is None:
            token = trigger_token(doc, event)
            features = event_features(event, token, lexicon, actor_of, in_quote(token))
            if model.score(features) < model.threshold:
                dropped.add(event.id)
    while True:
        inside = {e.id for e in events if e.content_of in dropped and e.id not in dropped}
        if not inside:
            break
        dropped |= inside
    return [e for e in events if e.id not in dropped]
