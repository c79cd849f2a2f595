"""Event coding scored on the annotated real-news event corpus (``gold/events``).

Each gold story lists coded sentences (character offsets into the story text, in
``stories.yaml``) and, per sentence, its events: type, source and target parties with their
countries, negation and modality; a sentence with no event is a label too. A predicted event
belongs to the coded sentence its trigger starts in; events elsewhere in the story are not
scored. Within a sentence, predicted and gold events are paired one to one:
- by type, for type precision, recall and F1;
- by (type, source country, target country), where a gold event accepts the country of any
  of its listed parties and an empty side accepts a predicted event with no actor there; a
  gold event of several sources and no target ("the two leaders met") also accepts one of
  them as source and another as target.
Per story, the set of types coded in its sentences is compared with the set predicted.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wirecoder.evaluation.events import _country, coded
from wirecoder.extract.pipeline import Pipeline
from wirecoder.records import ArticleInput, Extraction, parse_date


@dataclass
class GoldEvent:
    type: str
    sources: set[str | None]
    targets: set[str | None]
    negated: bool
    trigger: str


@dataclass
class GoldSentence:
    start: int
    end: int
    events: list[GoldEvent]


@dataclass
class GoldStory:
    id: str
    split: str
    text: str
    published: dt.date | None
    sentences: list[GoldSentence]


@dataclass
class StoryCounts:
    gold: int = 0
    predicted: int = 0
    type_right: int = 0
    triple_right: int = 0
    negation_right: int = 0
    sentences: int = 0
    empty_right: int = 0
    story_types_gold: int = 0
    story_types_predicted: int = 0
    story_types_right: int = 0
    per_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [gold, pred, right]
    errors: list[str] = field(default_factory=list)

    def add(self, other: StoryCounts) -> None:
        for name in ("gold", "predicted", "type_right", "triple_right", "negation_right",
                     "sentences", "empty_right", "story_types_gold", "story_types_predicted",
                     "story_types_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name, row in other.per_type.items():
            mine = self.per_type.setdefault(name, [0, 0, 0])
            for k in range(3):
                mine[k] += row[k]
        self.errors += other.errors


def _parties(items) -> set[str | None]:
    """The countries a gold side accepts (``{None}`` for no party or no known country)."""
    countries = {p.get("country") for p in items or [] if isinstance(p, dict)}
    return countries or {None}


def story_texts(shared: Path) -> dict[tuple[str, str], str]:
    """Texts by (corpus, id) for the corpora the gold stories come from."""
    texts: dict[tuple[str, str], str] = {}
    news = shared / "corpora" / "news-articles-2017" / "NewsArticles.csv"
    with open(news, encoding="utf-8", errors="replace", newline="") as handle:
        for row in csv.DictReader(handle):
            texts["news-articles-2017", row["article_id"]] = row["text"]
    for path in (shared / "eval" / "polnear" / "train" / "text").glob("*.txt"):
        texts["polnear-train", path.stem] = path.read_text(encoding="utf-8")
    return texts


def story_index(folder: Path) -> Path:
    """The ``stories.yaml`` that lists a gold folder's stories: in it, above it, or in the
    ``events`` folder beside one above it (for ``gold/agreement/events``)."""
    for place in (folder.resolve(), *folder.resolve().parents):
        for index in (place / "stories.yaml", place / "events" / "stories.yaml"):
            if index.exists():
                return index
    raise ValueError(f"{folder}: no stories.yaml above it")


def read_gold(folder: Path, shared: Path) -> list[GoldStory]:
    """Every gold file under ``folder`` (a split folder, or ``gold/events`` for all)."""
    folder = Path(folder)
    index = story_index(folder)
    chosen = {str(s["id"]): s for s in yaml.safe_load(index.read_text())["stories"]}
    texts = story_texts(shared)
    stories = []
    for path in sorted(folder.rglob("*.yaml")):
        if path.name == "stories.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        story = chosen[str(data["story"])]
        text = texts[story["corpus"], story["id"]]
        coded_sentences = data["sentences"]
        sentences = [GoldSentence(start, end, [
            GoldEvent(e["type"], _parties(e.get("source")), _parties(e.get("target")),
                      bool(e.get("negated")), e["trigger"])
            for e in coded_sentences[number] or []])
            for number, (start, end) in enumerate(story["sentences"], 1)]
        stories.append(GoldStory(story["id"], path.parent.name, text,
                                 parse_date(story["published"]), sentences))
    return stories


def pairs(gold: list, predicted: list, same) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), greedily in text order."""
    taken: set[int] = set()
    pairs = []
    for g, item in enumerate(gold):
        for p, guess in enumerate(predicted):
            if p not in taken and same(item, guess):
                taken.add(p)
                pairs.append((g, p))
                break
    return pairs


def triple_match(gold: GoldEvent, guess: tuple) -> bool:
    """Whether a predicted (type, source country, target country, ...) is the gold event."""
    kind, source, target = guess[:3]
    if kind != gold.type or source not in gold.sources:
        return False
    return target in gold.targets or (
        gold.targets == {None} and len(gold.sources) > 1 and target in gold.sources
        and target != source)


def score_story(extraction: Extraction, story: GoldStory) -> StoryCounts:
    counts = StoryCounts()
    actors = {a.id: a for a in extraction.actors}
    events = coded(extraction)
    gold_types: set[str] = set()
    predicted_types: set[str] = set()
    for sentence in story.sentences:
        inside = [e for e in events if sentence.start <= e.trigger.start < sentence.end]
        guesses = [(e.type, _country(actors.get(e.source or "")),
                    _country(actors.get(e.target or "")), e.negated, e.trigger.text)
                   for e in inside]
        counts.sentences += 1
        counts.empty_right += not sentence.events and not guesses
        counts.gold += len(sentence.events)
        counts.predicted += len(guesses)
        gold_types |= {g.type for g in sentence.events}
        predicted_types |= {g[0] for g in guesses}
        typed = pairs(sentence.events, guesses, lambda g, p: g.type == p[0])
        counts.type_right += len(typed)
        counts.negation_right += sum(sentence.events[g].negated == guesses[p][3]
                                     for g, p in typed)
        counts.triple_right += len(pairs(sentence.events, guesses, triple_match))
        for name, number in Counter(g.type for g in sentence.events).items():
            counts.per_type.setdefault(name, [0, 0, 0])[0] += number
        for name, number in Counter(p[0] for p in guesses).items():
            counts.per_type.setdefault(name, [0, 0, 0])[1] += number
        for g, _ in typed:
            counts.per_type[sentence.events[g].type][2] += 1
        paired_gold = {g for g, _ in typed}
        paired_guess = {p for _, p in typed}
        where = f"{story.id} {story.text[sentence.start:sentence.end].strip()[:90]!r}"
        counts.errors += [f"missed {e.type} '{e.trigger}' ({where})"
                          for g, e in enumerate(sentence.events) if g not in paired_gold]
        counts.errors += [f"extra {p[0]} '{p[4]}' ({where})"
                          for k, p in enumerate(guesses) if k not in paired_guess]
    counts.story_types_gold = len(gold_types)
    counts.story_types_predicted = len(predicted_types)
    counts.story_types_right = len(gold_types & predicted_types)
    return counts


def evaluate(pipeline: Pipeline, stories: list[GoldStory]) -> dict[str, StoryCounts]:
    """Counts per split and for all stories."""
    inputs = [ArticleInput(text=s.text, id=s.id, published=s.published) for s in stories]
    table: dict[str, StoryCounts] = {}
    for story, extraction in zip(stories, pipeline.extract_many(inputs), strict=True):
        counts = score_story(extraction, story)
        for key in (story.split, "all"):
            table.setdefault(key, StoryCounts()).add(counts)
    return table
