"""Places: place mentions resolved offline to gazetteer entries with coordinates.

The gazetteer is GeoNames (``knowledge/data/gazetteer.sqlite``: continents, first- and
second-level divisions, towns of 1,000 people or more), the countries of ``countries.csv``
and the curated conflict geography of ``places.yaml``. A name is a place where the NER tags
it one, where a story's dateline opens with it, where a country's demonym modifies a noun
("Russian officials"), and where the NER took a well-known place for an organisation.

Same-named candidates are told apart by the story: a place named with its division or
country ("Paris, Texas") takes it; otherwise each candidate scores its population (log),
its kind (countries and continents before divisions before towns), curated conflict
geography, and whether the story's other places and actors lie in its country and its
first-level division. The story's context is read from a first pass that resolves every
name without it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from wirecoder.extract.context import Context
from wirecoder.extract.grammar import clean_entity, text_of
from wirecoder.extract.parse import dateline
from wirecoder.knowledge import Knowledge, PlaceEntry, normalize_name
from wirecoder.records import Place
from wirecoder.records import Span as TextSpan

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
#: what else the NER may tag a place name as, and the names that may hold one
_NAMED = _PLACE_LABELS | {"NORP", "ORG", "PERSON", "EVENT", "WORK_OF_ART"}
_HOLDING = {"ORG", "FAC", "EVENT", "WORK_OF_ART"}
_DIVISION_SUFFIX = re.compile(r"\s+(?:State|Province|Region|Governorate|Oblast)$")
#: a kind's head start, in orders of magnitude of population
_KIND = {"country": 2.0, "continent": 2.0, "division": 1.0, "capital": 0.5, "city": 0.0,
         "district": 0.0}
_CURATED = 3.0
_DIVISION_WORDS = {"state", "province", "region", "county"}
_IN_COUNTRY = 2.0
_IN_DIVISION = 2.5
#: an organisation-tagged name is a place only if it is this well known
_WELL_KNOWN = 500_000


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    candidates: list[PlaceEntry]
    qualifier: list[PlaceEntry]  # the division or country named after it ("Paris, Texas")
    division_word: bool = False  # "New York state", "Quebec province"


def _score(entry: PlaceEntry, countries: Counter, divisions: Counter) -> float:
    score = math.log10(max(entry.population, 1)) + _KIND.get(entry.kind, 0.0)
    if entry.gazetteer_id.startswith("wirecoder:"):
        score += _CURATED
    if entry.country and countries[entry.country]:
        score += _IN_COUNTRY
    if entry.division and divisions[entry.division]:
        score += _IN_DIVISION
    return score


def _choose(mention: _Mention, countries: Counter, divisions: Counter
            ) -> tuple[PlaceEntry, float]:
    candidates = mention.candidates
    if not mention.division_word:
        # "New York" is the city, "New York state" the state; "Washington" is the capital
        towns = {c.country for c in candidates
                 if c.kind in {"city", "capital"} and c.population >= 100_000}
        candidates = [c for c in candidates if c.kind != "division" or c.country not in towns]
    if mention.qualifier:
        inside = [c for c in candidates if any(
            c.country == q.country and (q.kind == "country" or c.division == q.division)
            for q in mention.qualifier) and c not in mention.qualifier]
        candidates = inside or candidates
    ranked = sorted(candidates, key=lambda c: -_score(c, countries, divisions))
    if len(ranked) == 1:
        return ranked[0], 0.9
    margin = _score(ranked[0], countries, divisions) - _score(ranked[1], countries, divisions)
    return ranked[0], 0.9 if margin >= 1.5 else 0.75 if margin >= 0.5 else 0.6


def _candidates(text: str, label: str, knowledge: Knowledge) -> list[PlaceEntry]:
    """The places a name may be, given how the NER tagged it."""
    if label in {"NORP", "ORG", ""} and not text.endswith("s") \
            and normalize_name(text) in knowledge.demonyms:
        return _demonym_country(text, knowledge)  # "Russian troops"
    found = knowledge.lookup_place(text, every=True)
    suffix = _DIVISION_SUFFIX.search(text)
    if not found and suffix:  # "Oaxaca State", "Benue State"
        found = [p for p in knowledge.lookup_place(text[:suffix.start()], every=True)
                 if p.kind == "division"]
    if label in _PLACE_LABELS:
        return found
    # a name the NER took for an organisation or a person, or one inside a longer name:
    # only a country, a division, a continent or a well-known place
    if any(a.kind != "country" for a in knowledge.lookup_actor(text)):
        return []
    return [p for p in found if p.kind in {"country", "division", "continent"}
            or p.population >= _WELL_KNOWN]


def _named(doc: Doc, knowledge: Knowledge) -> list[tuple[int, int, str, list[PlaceEntry]]]:
    """(start, end, text, candidates) of every name that may be a place."""
    names = []
    people = {word for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
              for word in ent.text.split()}
    for ent in doc.ents:
        span = clean_entity(ent)
        if not len(span) or ent.label_ not in _NAMED:
            continue
        if ent.label_ == "PERSON" and (span.text in people or len(span) == 1 and (
                span.start == 0 or doc[span.start - 1].is_title)):
            continue  # "Burton" of "Tim Burton", "Mr Nelson"
        found = _candidates(span.text, ent.label_, knowledge)
        if found:
            names.append((span.start_char, span.end_char, span.text, found))
        elif ent.label_ in _HOLDING:
            names.extend(_inside(span, knowledge))
    # the dateline's place, which the NER often leaves untagged in capitals ("SAN DIEGO -")
    start, end = dateline(text_of(doc))
    head = text_of(doc)[start:end].split(",")[0].split("(")[0].strip(" -–—")
    if head:
        first = start + text_of(doc)[start:end].find(head)
        found = knowledge.lookup_place(head, every=True)
        if found and not any(s <= first < e for s, e, _, _ in names):
            names.append((first, first + len(head), head, found))
    return names


def _inside(span: Span, knowledge: Knowledge) -> list[tuple[int, int, str, list[PlaceEntry]]]:
    """The places named inside a longer name: "Colorado" in "Colorado State University",
    "European" in "European Commission"."""
    found, i = [], 0
    while i < len(span):
        for size in (3, 2, 1):
            part = span[i:i + size]
            if len(part) == size and all(t.is_title or t.is_upper for t in part):
                places = _candidates(part.text, "", knowledge)
                if places:
                    found.append((part.start_char, part.end_char, part.text, places))
                    i += size - 1
                    break
        i += 1
    return found


def _demonym_country(text: str, knowledge: Knowledge) -> list[PlaceEntry]:
    country = knowledge.demonyms.get(normalize_name(text))
    return [p for p in knowledge.places.values() if p.kind == "country"
            and p.country == country][:1] if country else []


def _qualifier(doc: Doc, end: int, knowledge: Knowledge) -> list[PlaceEntry]:
    """The division or country written after a place, as in "Paris, Texas" or "London,
    Ont."."""
    rest = text_of(doc)[end:end + 40]
    if not rest.startswith(", "):
        return []
    words = rest[2:].split(",")[0].split(" ")
    for size in (3, 2, 1):
        name = " ".join(words[:size]).rstrip(";:)")
        found = [p for p in knowledge.lookup_place(name, every=True)
                 if p.kind in {"country", "division"}]
        if found and name[:1].isupper():
            return found
    return []


def resolve_places(doc: Doc, context: Context) -> list[Place]:
    """Every place named in the story that the gazetteer knows, with its mentions."""
    knowledge, actors = context.knowledge, context.actors
    mentions = []
    for start, end, text, candidates in _named(doc, knowledge):
        after = text_of(doc)[end:end + 10].split()
        mentions.append(_Mention(start, end, text, candidates, _qualifier(doc, end, knowledge),
                                 bool(after) and after[0].lower() in _DIVISION_WORDS))
    # the story's countries and divisions: its country actors and each name's first reading
    countries: Counter = Counter(a.country for a in actors.actors.values()
                                 if a.kind == "country")
    divisions: Counter = Counter()
    first = [_choose(m, Counter(), Counter())[0] for m in mentions]
    for entry in first:
        countries[entry.country] += 1
        divisions[entry.division] += 1
    places: dict[str, Place] = {}
    for mention, guess in zip(mentions, first, strict=True):
        # a name is no context for itself
        countries[guess.country] -= 1
        divisions[guess.division] -= 1
        entry, confidence = _choose(mention, countries, divisions)
        countries[guess.country] += 1
        divisions[guess.division] += 1
        place = places.get(entry.id)
        if place is None:
            place = places[entry.id] = Place(
                id=entry.gazetteer_id, name=entry.name, lat=entry.lat, lon=entry.lon,
                country=entry.country, kind=entry.kind, gazetteer_id=entry.gazetteer_id,
                confidence=confidence)
        place.mentions.append(TextSpan(start=mention.start, end=mention.end,
                                       text=mention.text))
    return list(places.values())
