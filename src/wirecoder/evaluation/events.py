"""Event coding scored on the PLOVER gold-standard records (one sentence each).

For each gold record: is an event of the gold type predicted ("type found"), and is one of
those also right on source and target country ("fully right": the actor's ISO alpha-3, or
``IGO`` for an intergovernmental organisation; a record without a gold target needs a
predicted event without target). Predicted events per sentence are the precision proxy.
Only events of their own count: an act that is the content of a threat, demand, refusal or
protest (``content_of``) is that event's mode in PLOVER, as in the gold records.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from wirecoder.extract.pipeline import Pipeline
from wirecoder.knowledge import vocabulary
from wirecoder.records import Actor, ArticleInput, Extraction


@dataclass
class GoldEvent:
    id: str
    text: str
    type: str
    sources: set[str]
    targets: set[str]


@dataclass
class EventCounts:
    gold: int = 0
    type_found: int = 0
    fully_right: int = 0
    predicted: int = 0


def _codes(actors) -> set[str]:
    """Actor codes of a gold record's source or target (a few records hold a bare string)."""
    if not isinstance(actors, list):
        return set()
    return {a["code"] for a in actors if isinstance(a, dict) and a.get("code")}


def read_gold(path: Path) -> list[GoldEvent]:
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    return [GoldEvent(id=r["id"], text=r["text"], type=vocabulary().current(r["event"]),
                      sources=_codes(r.get("source")), targets=_codes(r.get("target")))
            for r in records]


#: Codes of actors without a country (CAMEO/PLOVER): international, non-governmental,
#: international militant
_TRANSNATIONAL = {"IGO", "NGO", "IMG"}


def _country(actor: Actor | None) -> str | None:
    """The gold-comparable code: ISO alpha-3, or the transnational prefix of the code."""
    if actor is None:
        return None
    if actor.kind == "igo":
        return "IGO"
    if actor.country:
        return actor.country
    prefix = (actor.code or "")[:3]
    return prefix if prefix in _TRANSNATIONAL else None


def coded(extraction: Extraction) -> list:
    """The events PLOVER codes as events of their own."""
    return [e for e in extraction.events if e.content_of is None]


def score(extraction: Extraction, gold: GoldEvent) -> tuple[bool, bool]:
    actors = {a.id: a for a in extraction.actors}
    typed = [e for e in coded(extraction) if e.type == gold.type]
    fully = False
    for event in typed:
        source = _country(actors.get(event.source or ""))
        target = _country(actors.get(event.target or ""))
        source_ok = source in gold.sources if gold.sources else source is None
        target_ok = target in gold.targets if gold.targets else event.target is None
        fully = fully or (source_ok and target_ok)
    return bool(typed), fully


def evaluate(pipeline: Pipeline, records: list[GoldEvent]) -> dict[str, EventCounts]:
    """Counts per gold event type, plus ``all``."""
    table: dict[str, EventCounts] = defaultdict(EventCounts)
    inputs = [ArticleInput(text=r.text, id=r.id) for r in records]
    for record, extraction in zip(records, pipeline.extract_many(inputs), strict=True):
        found, fully = score(extraction, record)
        for key in (record.type, "all"):
            counts = table[key]
            counts.gold += 1
            counts.type_found += found
            counts.fully_right += fully
            counts.predicted += len(coded(extraction))
    return dict(table)
