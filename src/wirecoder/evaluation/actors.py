"""Actors scored on the real-news actor gold set (``gold/actors``, conventions beside it).

Gold files name the article (an ``article_id`` of the NewsArticles corpus) and list its
canonical actors: kind, country, sector and the surface strings of their mentions. A gold
mention is every occurrence of such a string, at word boundaries, except inside a longer
string the entry names under ``except`` or inside a longer mention of another actor.

A predicted actor matches a gold actor when their mentions overlap; pairs are taken greedily,
most shared mentions first, one gold actor per predicted actor and the reverse. Canonical-
actor precision is matched predicted actors over predicted actors (a state split into
"Russia" and "the Kremlin" counts one match and one false actor), recall matched gold actors
over gold actors. On matched pairs: kind (gold kinds mapped to the record model's), country
and sector agreement. Mentions are scored apart, as overlapping spans; pronouns are not
gold mentions, so predicted pronoun mentions are left out.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wirecoder.extract.pipeline import Pipeline
from wirecoder.knowledge.lexicons import grammar_words
from wirecoder.records import Actor, ArticleInput, Extraction, parse_date

#: Record-model kinds each gold kind may come out as
KINDS = {"person": {"person"}, "state": {"country", "organization"},
         "sector": {"organization", "group"}, "armed_group": {"group", "organization"},
         "organization": {"organization"}, "igo": {"igo"}, "media": {"media"},
         "group": {"group"}, "anonymous_source": {"anonymous_source"}}
_PRONOUNS = frozenset().union(*grammar_words().pronouns.values())


@dataclass
class GoldActor:
    name: str
    kind: str
    country: str | None
    sector: str | None
    mentions: list[tuple[int, int]]


@dataclass
class GoldStory:
    article: str
    split: str
    text: str
    published: object
    actors: list[GoldActor]


@dataclass
class ActorCounts:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    kind_right: int = 0
    country_right: int = 0
    sector_right: int = 0
    gold_mentions: int = 0
    predicted_mentions: int = 0
    mentions_found: int = 0  # gold mentions overlapped by a predicted mention of its actor
    mentions_right: int = 0  # predicted mentions inside a gold mention of the matched actor
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    def add(self, other: ActorCounts) -> None:
        for name in ("gold", "predicted", "matched", "kind_right", "country_right",
                     "sector_right", "gold_mentions", "predicted_mentions", "mentions_found",
                     "mentions_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missed += other.missed
        self.extra += other.extra


def read_corpus(path: Path) -> dict[str, dict]:
    """NewsArticles rows by ``article_id``."""
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        return {row["article_id"]: row for row in csv.DictReader(handle)}


def read_gold(folder: Path, corpus: Path) -> list[GoldStory]:
    """Every gold file under ``folder`` (a split folder, or ``gold/actors`` for all)."""
    rows = read_corpus(corpus)
    stories = []
    for path in sorted(Path(folder).rglob("*.yaml")):
        if path.name == "stories.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        row = rows[str(data["article"])]
        text = row["text"]
        spans = _mention_spans(text, data.get("actors") or [])
        actors = [GoldActor(a["name"], a["kind"], a.get("country"), a.get("sector"), found)
                  for a, found in zip(data.get("actors") or [], spans, strict=True)]
        stories.append(GoldStory(str(data["article"]), path.parent.name, text,
                                 parse_date(row["publish_date"]), actors))
    return stories


def _occurrences(text: str, string: str) -> list[tuple[int, int]]:
    pattern = (r"(?<!\w)" if string[:1].isalnum() else "") + re.escape(string) + \
        (r"(?!\w)" if string[-1:].isalnum() else "")
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _mention_spans(text: str, actors: list[dict]) -> list[list[tuple[int, int]]]:
    """Each gold actor's mention spans; a span inside a longer mention (of any actor) or
    inside one of its ``except`` strings does not count."""
    candidates = [[s for m in a.get("mentions") or [] for s in _occurrences(text, str(m))]
                  for a in actors]
    every = [s for spans in candidates for s in spans]
    kept = []
    for actor, spans in zip(actors, candidates, strict=True):
        excluded = [s for longer in actor.get("except") or []
                    for s in _occurrences(text, str(longer))]
        spans = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o != s
                                             for o in excluded)]
        outer = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1]
                                             for o in every)]
        # an actor named only inside another's mention ("US" in "South Korean and US
        # forces") keeps those
        kept.append(sorted(set(outer or spans)))
    return kept


def predicted_spans(actor: Actor) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in actor.mentions if m.text.lower() not in _PRONOUNS]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _sector(actor: Actor) -> str | None:
    if actor.kind == "country":
        return "GOV"
    code = actor.code or ""
    return code[3:6] if len(code) >= 6 else None


def match_actors(first: list[list[tuple[int, int]]], second: list[list[tuple[int, int]]]
                 ) -> dict[int, int]:
    """One-to-one pairs (index in ``first`` -> index in ``second``) of actors given by their
    mention spans: most shared mentions first, on a tie the earlier actors; no pair without a
    shared mention."""
    shared = sorted((-sum(1 for a in x for b in y if overlaps(a, b)), i, j)
                    for i, x in enumerate(first) for j, y in enumerate(second))
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for overlap, i, j in shared:
        if overlap < 0 and i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


def score_story(extraction: Extraction, story: GoldStory) -> ActorCounts:
    predicted = [(a, predicted_spans(a)) for a in extraction.actors]
    predicted = [(a, spans) for a, spans in predicted if spans]
    counts = ActorCounts(gold=len(story.actors), predicted=len(predicted))
    pairs = match_actors([g.mentions for g in story.actors], [spans for _, spans in predicted])
    taken = set(pairs.values())
    for gi, gold in enumerate(story.actors):
        counts.gold_mentions += len(gold.mentions)
        if gi not in pairs:
            counts.missed.append(f"{story.article}: {gold.name} ({gold.kind})")
            continue
        actor, spans = predicted[pairs[gi]]
        counts.matched += 1
        counts.kind_right += actor.kind in KINDS.get(gold.kind, set())
        counts.country_right += actor.country == gold.country
        counts.sector_right += _sector(actor) == gold.sector
        counts.mentions_found += sum(1 for g in gold.mentions
                                     if any(overlaps(g, p) for p in spans))
        counts.mentions_right += sum(1 for p in spans
                                     if any(overlaps(g, p) for g in gold.mentions))
    for pi, (actor, spans) in enumerate(predicted):
        counts.predicted_mentions += len(spans)
        if pi not in taken:
            counts.extra.append(f"{story.article}: {actor.name} ({actor.kind})")
    return counts


def evaluate(pipeline: Pipeline, stories: Iterable[GoldStory]) -> dict[str, ActorCounts]:
    """Counts per split and for all stories."""
    stories = list(stories)
    inputs = [ArticleInput(text=s.text, id=s.article, published=s.published) for s in stories]
    table: dict[str, ActorCounts] = {}
    for story, extraction in zip(stories, pipeline.extract_many(inputs), strict=True):
        counts = score_story(extraction, story)
        for key in (story.split, "all"):
            table.setdefault(key, ActorCounts()).add(counts)
    return table
