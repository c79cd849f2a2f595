"""Positions and proposals scored on gold stories: wirecoder's own written ones
(``gold/positions.yaml``) and the real-news position gold set (``gold/positions/<split>``,
coded per ``gold/positions/CONVENTIONS.md``).

A predicted actor matches a gold name when its name, an alias or one of its mentions is
that name, or when the name is a country's and the actor belongs to that country (analysts
code "the Syrian government" and "Damascus" as Syria). Positions are scored as
(actor, issue, stance) triples: precision, recall and F1, plus stance accuracy on the
(actor, issue) pairs found. Proposals are scored per gold proposal: found, sponsor and
presenter right, and each party's response as (actor, response) pairs.

In a real-news story only its coded sentences count: a predicted position whose evidence
starts in one of them, a predicted proposal with a mention in one. A story's predicted
positions are counted once per (actor, issue, stance), as the gold codes them. Gold
positions on an issue outside the vocabulary (``issue: other``) are not scored; they are
counted apart, as the vocabulary's gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from wirecoder.evaluation.event_stories import story_index, story_texts
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
    split: str = "all"
    coded: list[tuple[int, int]] | None = None  # the coded sentences; None: the whole text
    unscored: int = 0  # positions on an issue outside the vocabulary


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
    conditional_gold: int = 0
    conditional_right: int = 0
    stories: int = 0
    outside_vocabulary: int = 0

    def add(self, other: PositionCounts) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def read_gold(path: Path) -> list[GoldStory]:
    stories = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    return [GoldStory(id=s["id"], text=s["text"], published=parse_date(str(s["published"])),
                      positions=s.get("positions") or [], proposals=s.get("proposals") or [])
            for s in stories]


def read_story_gold(folder: Path, shared: Path) -> list[GoldStory]:
    """Every coded story under ``folder`` (a split folder, or ``gold/positions`` for all),
    with its text from the corpora in ``shared``."""
    folder = Path(folder)
    chosen = {str(s["id"]): s
              for s in yaml.safe_load(story_index(folder).read_text())["stories"]}
    texts = story_texts(shared)
    stories = []
    for path in sorted(folder.rglob("*.yaml")):
        if path.name == "stories.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        story = chosen[str(data["story"])]
        coded = data.get("positions") or []
        stories.append(GoldStory(
            id=story["id"], text=texts[story["corpus"], story["id"]],
            published=parse_date(str(story["published"])),
            positions=[p for p in coded if p["issue"] != "other"],
            proposals=[p for p in data.get("proposals") or [] if p["issue"] != "other"],
            split=path.parent.name, coded=[tuple(span) for span in story["sentences"]],
            unscored=sum(p["issue"] == "other" for p in coded)))
    return stories


class Names:
    """Whether a predicted actor id is the actor a gold name means: its name, an alias or
    a mention is that name or the mention the coder marked (``text``, two words or more),
    it is a person the gold name ends with ("Sturgeon" for "Nicola Sturgeon"), or one of
    the two is a state and the other belongs to it (a minister's stance is the state's,
    "Damascus" is Syria)."""

    def __init__(self, actors: list[Actor], knowledge: Knowledge):
        self.actors: dict[str, Actor] = {a.id: a for a in actors}
        self.knowledge = knowledge

    def match(self, actor_id: str | None, name: str | None, country: str | None = None,
              text: str | None = None) -> bool:
        actor = self.actors.get(actor_id or "")
        if actor is None or not name:
            return False
        if country and actor.kind == "country" and actor.country == country:
            return True
        wanted = normalize_name(name)
        names = {normalize_name(n) for n in [actor.name, *actor.aliases]}
        names |= {normalize_name(m.text) for m in actor.mentions}
        if wanted in names or (text and len(text.split()) > 1
                               and normalize_name(text) in names):
            return True
        if actor.kind == "person" and wanted.endswith(" " + normalize_name(actor.name)):
            return True
        countries = {e.country for e in self.knowledge.lookup_actor(name)
                     if e.kind == "country"}
        return bool(actor.country and actor.country in countries)


def _score_proposal(gold: dict, predicted: Proposal, names: Names,
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


def _links(gold: dict, predicted: Proposal, names: Names) -> int:
    """How many of a gold proposal's parties and responses a predicted one shares."""
    shared = sum(names.match(getattr(predicted, role), gold.get(role))
                 for role in ("sponsor", "presenter"))
    shared += sum(names.match(r.actor, g["actor"]) for g in gold.get("responses") or []
                  for r in predicted.responses)
    return shared + (gold.get("issue") is not None and gold.get("issue") == predicted.issue)


def _inside(story: GoldStory, start: int) -> bool:
    return story.coded is None or any(a <= start < b for a, b in story.coded)


def score_story(extraction: Extraction, story: GoldStory, knowledge: Knowledge
                ) -> PositionCounts:
    names = Names(extraction.actors, knowledge)
    predicted = list({(p.actor, p.issue, p.stance): p for p in extraction.positions
                      if _inside(story, p.evidence.start)}.values())
    proposals = [p for p in extraction.proposals
                 if any(_inside(story, m.start) for m in p.mentions)]
    counts = PositionCounts(gold=len(story.positions), predicted=len(predicted), stories=1,
                            outside_vocabulary=story.unscored)
    used: set[int] = set()
    for gold in story.positions:
        counts.conditional_gold += gold["stance"] == "conditional"
        pairs = [i for i, p in enumerate(predicted) if i not in used and
                 p.issue == gold["issue"] and
                 names.match(p.actor, gold["actor"], gold.get("country"), gold.get("text"))]
        if not pairs:
            continue
        counts.pairs_found += 1
        right = [i for i in pairs if predicted[i].stance == gold["stance"]]
        used.add((right or pairs)[0])
        counts.right += bool(right)
        counts.conditional_right += bool(right) and gold["stance"] == "conditional"
    counts.proposals_gold = len(story.proposals)
    counts.responses_gold = sum(len(g.get("responses") or []) for g in story.proposals)
    counts.responses_predicted = sum(len(p.responses) for p in proposals)
    taken: set[str] = set()
    for gold in story.proposals:
        ranked = sorted((p for p in proposals if p.id not in taken),
                        key=lambda p: -_links(gold, p, names))
        if not ranked or _links(gold, ranked[0], names) == 0:
            continue
        taken.add(ranked[0].id)
        counts.proposals_found += 1
        _score_proposal(gold, ranked[0], names, counts)
    return counts


def evaluate(pipeline: Pipeline, stories: list[GoldStory]) -> dict[str, PositionCounts]:
    """Counts per split and for all stories."""
    table: dict[str, PositionCounts] = {}
    inputs = [ArticleInput(text=s.text, id=s.id, published=s.published) for s in stories]
    for story, extraction in zip(stories, pipeline.extract_many(inputs), strict=True):
        counts = score_story(extraction, story, pipeline.knowledge)
        for key in {story.split, "all"}:
            table.setdefault(key, PositionCounts()).add(counts)
    return table
