"""Quote extraction scored on PolNeAR: content spans, and content with the right speaker.

A predicted quote matches a gold attribution when their content spans overlap by at least
half of the shorter one (one-to-one, greedy by overlap). Its speaker is right when the
predicted speaker's mention overlaps the gold source span, or the speaker's name matches the
gold source text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from wirecoder.evaluation.polnear import GoldArticle, GoldAttribution
from wirecoder.extract.pipeline import Pipeline
from wirecoder.knowledge import normalize_name
from wirecoder.records import Actor, ArticleInput, Extraction
from wirecoder.records import Span as TextSpan


@dataclass
class Counts:
    predicted: int = 0
    gold: int = 0
    content: int = 0
    speaker: int = 0

    def add(self, other: Counts) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.content += other.content
        self.speaker += other.speaker

    @staticmethod
    def prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
        precision = hits / predicted if predicted else 0.0
        recall = hits / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Characters shared by two lists of spans."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(spans: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in spans)


def content_match(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> bool:
    """The overlap covers at least half of the shorter of the two contents."""
    shorter = min(_length(predicted), _length(gold))
    return bool(shorter) and overlap(predicted, gold) >= shorter / 2


def speaker_right(speaker: str | None, speaker_span: TextSpan | None, gold: GoldAttribution,
                  actors: list[Actor]) -> bool:
    """The speaker's mention overlaps the gold source, or the actor's name matches it."""
    if not gold.source or (speaker_span is None and speaker is None):
        return False
    if speaker_span is not None and \
            overlap([(speaker_span.start, speaker_span.end)], gold.source):
        return True
    actor = next((a for a in actors if a.id == speaker), None)
    if actor is None:
        return False
    gold_name = normalize_name(gold.source_text)
    names = {normalize_name(n) for n in [actor.name, *actor.aliases]}
    if gold_name in names or any(gold_name.endswith(" " + n) for n in names if len(n) > 3):
        return True
    return any(overlap([(m.start, m.end)], gold.source) for m in actor.mentions)


def score_article(extraction: Extraction, gold: list[GoldAttribution]) -> Counts:
    quotes = extraction.quotes
    pairs = []
    for i, quote in enumerate(quotes):
        predicted = [(p.start, p.end) for p in quote.parts] or \
            [(quote.content.start, quote.content.end)]
        for j, attribution in enumerate(gold):
            if content_match(predicted, attribution.content):
                pairs.append((overlap(predicted, attribution.content), i, j))
    used_p, used_g = set(), set()
    counts = Counts(predicted=len(quotes), gold=len(gold))
    for _, i, j in sorted(pairs, reverse=True):
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        counts.content += 1
        quote = quotes[i]
        counts.speaker += speaker_right(quote.speaker, quote.speaker_span, gold[j],
                                        extraction.actors)
    return counts


def evaluate(pipeline: Pipeline, articles: Iterable[GoldArticle]) -> dict[str, Counts]:
    """Counts per publisher, plus ``all``."""
    articles = list(articles)
    inputs = [ArticleInput(text=a.text, id=a.name, published=a.published) for a in articles]
    table: dict[str, Counts] = defaultdict(Counts)
    for article, extraction in zip(articles, pipeline.extract_many(inputs), strict=True):
        counts = score_article(extraction, article.attributions)
        table[article.publisher].add(counts)
        table["all"].add(counts)
    return dict(table)
