"""Positions and proposals scored on wirecoder's own gold stories (``gold/positions.yaml``).

A predicted actor matches a gold name when its name, an alias or one of its mentions is
that name, or when the name is a country's and the actor belongs to that country (analysts
code "the Syrian government" and "Damascus" as Syria). Positions are scored as
(actor, issue, stance) triples: precision, recall and F1, plus stance accuracy on the
(actor, issue) pairs found. Proposals are scored per gold proposal: found, sponsor and
presenter right, and each party's response as (actor, response) pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from wirecoder.extract.pipeline import Pipeline
from wirecoder.knowledge import Knowledge, normalize_name
from wirecoder.records import Actor, ArticleInput, Extraction, Proposal, parse_date


@dataclass
class GoldStory:
    id: str
    text: str
    published: object
    positions: list[dict]
    proposals: list[dict]


@dataclass
class PositionCounts:
    gold: int = 0
    predicted: int = 0
    right: int = 0  # actor, issue and stance
    pairs_found: int = 0  # actor and issue, any stance
    proposals_gold: int = 0
    proposals_found: int = 0
    sponsor_gold: int = 0
    sponsor_right: int = 0
    presenter_gold: int = 0
    presenter_right: int = 0
    responses_gold: int = 0
    responses_predicted: int = 0
    responses_right: int = 0


def read_gold(path: Path) -> list[GoldStory]:
    stories = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    return [GoldStory(id=s["id"], text=s["text"], published=parse_date(str(s["published"])),
                      positions=s.get("positions") or [], proposals=s.get("proposals") or [])
            for s in stories]


class _Names:
    """Whether a predicted actor id is the actor a gold name means."""

    def __init__(self, extraction: Extraction, knowledge: Knowledge):
        self.actors: dict[str, Actor] = {a.id: a for a in extraction.actors}
        self.knowledge = knowledge

    def match(self, actor_id: str | None, name: str | None) -> bool:
        actor = self.actors.get(actor_id or "")
        if actor is None or not name:
            return False
        wanted = normalize_name(name)
        names = {normalize_name(n) for n in [actor.name, *actor.aliases]}
        names |= {normalize_name(m.text) for m in actor.mentions}
        if wanted in names:
            return True
        countries = {e.country for e in self.knowledge.lookup_actor(name)
                     if e.kind == "country"}
        return bool(actor.country and actor.country in countries)


def _score_proposal(gold: dict, predicted: Proposal, names: _Names,
                    counts: PositionCounts) -> None:
    for role in ("sponsor", "presenter"):
        if gold.get(role):
            setattr(counts, f"{role}_gold", getattr(counts, f"{role}_gold") + 1)
            if names.match(getattr(predicted, role), gold[role]):
                setattr(counts, f"{role}_right", getattr(counts, f"{role}_right") + 1)
    for response in gold.get("responses") or []:
        counts.responses_right += any(
            names.match(r.actor, response["actor"]) and r.response == response["response"]
            for r in predicted.responses)


def _links(gold: dict, predicted: Proposal, names: _Names) -> int:
    """How many of a gold proposal's parties and responses a predicted one shares."""
    shared = sum(names.match(getattr(predicted, role), gold.get(role))
                 for role in ("sponsor", "presenter"))
    shared += sum(names.match(r.actor, g["actor"]) for g in gold.get("responses") or []
                  for r in predicted.responses)
    return shared + (gold.get("issue") is not None and gold.get("issue") == predicted.issue)


def score_story(extraction: Extraction, story: GoldStory, knowledge: Knowledge
                ) -> PositionCounts:
    names = _Names(extraction, knowledge)
    counts = PositionCounts(gold=len(story.positions), predicted=len(extraction.positions))
    used: set[int] = set()
    for gold in story.positions:
        pairs = [i for i, p in enumerate(extraction.positions) if i not in used and
                 p.issue == gold["issue"] and names.match(p.actor, gold["actor"])]
        if not pairs:
            continue
        counts.pairs_found += 1
        right = [i for i in pairs if extraction.positions[i].stance == gold["stance"]]
        used.add((right or pairs)[0])
        counts.right += bool(right)
    counts.proposals_gold = len(story.proposals)
    counts.responses_gold = sum(len(g.get("responses") or []) for g in story.proposals)
    counts.responses_predicted = sum(len(p.responses) for p in extraction.proposals)
    taken: set[str] = set()
    for gold in story.proposals:
        ranked = sorted((p for p in extraction.proposals if p.id not in taken),
                        key=lambda p: -_links(gold, p, names))
        if not ranked or _links(gold, ranked[0], names) == 0:
            continue
        taken.add(ranked[0].id)
        counts.proposals_found += 1
        _score_proposal(gold, ranked[0], names, counts)
    return counts


def evaluate(pipeline: Pipeline, stories: list[GoldStory]) -> PositionCounts:
    total = PositionCounts()
    inputs = [ArticleInput(text=s.text, id=s.id, published=s.published) for s in stories]
    for story, extraction in zip(stories, pipeline.extract_many(inputs), strict=True):
        counts = score_story(extraction, story, pipeline.knowledge)
        for name in vars(total):
            setattr(total, name, getattr(total, name) + getattr(counts, name))
    return total
