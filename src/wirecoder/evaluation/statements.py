"""Quotes and their speakers scored on the translated-wire development set
(``gold/statements/translated-wire.yaml``): stories written in the style of translated wire
copy, each with the quotes an analyst records (speaker, kind, content, cue, channel).

A gold quote is found when a predicted quote's content (or one of its parts) overlaps at
least half of the shorter of the two; its speaker is right when the predicted speaker is the
gold speaker by name: the actor's name or an alias is the gold name, or, for a person, the
surname is; an anonymous gold speaker needs an anonymous-source actor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wirecoder.evaluation.quotes import content_match
from wirecoder.extract.pipeline import Pipeline
from wirecoder.knowledge import Knowledge, normalize_name
from wirecoder.records import Actor, ArticleInput, Extraction, parse_date


@dataclass
class GoldQuote:
    speaker: str
    kind: str
    spans: list[tuple[int, int]]


@dataclass
class GoldStory:
    id: str
    text: str
    published: object
    quotes: list[GoldQuote]


@dataclass
class StatementCounts:
    gold: int = 0
    predicted: int = 0
    found: int = 0
    speaker_right: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, other: StatementCounts) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.found += other.found
        self.speaker_right += other.speaker_right
        self.wrong += other.wrong


def read_gold(path: Path) -> list[GoldStory]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    stories = []
    for story in data["stories"]:
        text = story["text"]
        quotes = []
        for quote in story["quotes"]:
            pieces = [quote["content"], *(quote.get("continues") or [])]
            spans = []
            for piece in pieces:
                start = text.find(piece)
                if start < 0:
                    raise ValueError(f"{story['id']}: content not in the text: {piece[:40]!r}")
                spans.append((start, start + len(piece)))
            quotes.append(GoldQuote(str(quote["speaker"]), quote["kind"], spans))
        stories.append(GoldStory(story["id"], text, parse_date(str(story["published"])),
                                 quotes))
    return stories


_FUNCTION_WORDS = {"of", "the", "and", "for", "al"}


def _words(name: str) -> set[str]:
    """The content words of a name, without a parenthesised qualifier."""
    name = re.sub(r"\([^)]*\)", " ", name)
    return {w for w in normalize_name(name).split() if w not in _FUNCTION_WORDS}


def speaker_is(actor: Actor | None, gold: str, knowledge: Knowledge) -> bool:
    """Whether a predicted speaker is the gold speaker: the same name (one's words within
    the other's: "Lin" for "Lin Haoran", "Government of National Unity" for "... (Libya)"),
    or, as the actor conventions aggregate state organs, the state or its government for a
    state body named with its country ("Syria" for the Syrian foreign ministry)."""
    if actor is None:
        return False
    if gold.startswith("anonymous"):
        return actor.kind == "anonymous_source"
    wanted = _words(gold)
    for name in [actor.name, *actor.aliases]:
        words = _words(name)
        if words and wanted and (words <= wanted or wanted <= words):
            return True
    state = actor.country if actor.kind == "country" or (actor.code or "").endswith("GOV") \
        else None
    countries = {knowledge.demonyms.get(w) for w in normalize_name(gold).split()}
    countries |= {e.country for e in knowledge.lookup_actor(re.sub(r"\([^)]*\)", "", gold))}
    return state is not None and state in countries and not _PERSON.search(gold)


#: Gold speakers that are people, not bodies (a person is never "the state")
_PERSON = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z'-]+)+$")


def score_story(extraction: Extraction, story: GoldStory,
                knowledge: Knowledge) -> StatementCounts:
    actors = {a.id: a for a in extraction.actors}
    counts = StatementCounts(gold=len(story.quotes), predicted=len(extraction.quotes))
    for gold in story.quotes:
        found = [q for q in extraction.quotes if content_match(
            [(p.start, p.end) for p in q.parts] or [(q.content.start, q.content.end)],
            gold.spans)]
        if not found:
            counts.wrong.append(f"{story.id}: missed {gold.kind} quote of {gold.speaker}")
            continue
        counts.found += 1
        if any(speaker_is(actors.get(q.speaker or ""), gold.speaker, knowledge)
               for q in found):
            counts.speaker_right += 1
        else:
            said = ", ".join(sorted({actors[q.speaker].name if q.speaker in actors else
                                     f"({q.speaker_text or 'no speaker'})" for q in found}))
            counts.wrong.append(f"{story.id}: {gold.speaker} given as {said}")
    return counts


def evaluate(pipeline: Pipeline, stories: Iterable[GoldStory]) -> StatementCounts:
    stories = list(stories)
    inputs = [ArticleInput(text=s.text, id=s.id, published=s.published) for s in stories]
    total = StatementCounts()
    for story, extraction in zip(stories, pipeline.extract_many(inputs), strict=True):
        total.add(score_story(extraction, story, pipeline.knowledge))
    return total
