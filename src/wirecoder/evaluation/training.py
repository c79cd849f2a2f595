"""Training the learned quote scorer on PolNeAR ``train`` (never ``dev``).

Each article is parsed and run through the quote rules; the candidates the rules leave are
labelled by the gold attributions (content overlapping at least half of the shorter span and
the cue word inside the gold cue) and a logistic regression is fitted on their features.
The acceptance threshold is chosen on out-of-fold predictions to maximise the content F1 of
rules and model together while keeping content precision at ``min_precision`` or above.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from wirecoder.evaluation.polnear import GoldArticle, read_split
from wirecoder.evaluation.quotes import content_match, speaker_right
from wirecoder.extract.pipeline import Pipeline
from wirecoder.extract.quotes.learned import (
    Candidate,
    QuoteModel,
    candidate_features,
    find_candidates,
    select_candidates,
)
from wirecoder.extract.quotes.rules import QuoteFinder
from wirecoder.records import ArticleInput


@dataclass
class TrainingSet:
    features: list[dict[str, float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)  # right content, cue and speaker
    content_labels: list[int] = field(default_factory=list)  # right content and cue
    groups: list[int] = field(default_factory=list)  # each candidate's article, for folds
    candidates: list[list[Candidate]] = field(default_factory=list)  # per article
    rule_hits: int = 0  # gold attributions the rules already find
    rule_speaker_hits: int = 0  # ... with the right speaker
    rule_quotes: int = 0
    gold: int = 0


def collect(pipeline: Pipeline, articles: list[GoldArticle]) -> TrainingSet:
    """Candidates with labels and features, plus the counts of the rules alone."""
    items = [ArticleInput(text=a.text, published=a.published) for a in articles]
    data = TrainingSet()
    for number, (article, (doc, item)) in enumerate(zip(articles, pipeline.parse(items),
                                                         strict=True)):
        actors = pipeline.run(doc, item, until="actors").actors
        finder = QuoteFinder(doc, pipeline.lexicons.cues, actors)
        finder.find_rule_quotes(indirect_rules=False)
        records = actors.records()
        open_gold = []
        for attribution in article.attributions:
            quote = next((q for q in finder.quotes if content_match(
                [(p.start, p.end) for p in q.parts] or [(q.content.start, q.content.end)],
                attribution.content)), None)
            if quote is None:
                open_gold.append(attribution)
                continue
            data.rule_hits += 1
            data.rule_speaker_hits += speaker_right(quote.speaker, quote.speaker_span,
                                                    attribution, records)
        data.rule_quotes += len(finder.quotes)
        data.gold += len(article.attributions)
        data.candidates.append(find_candidates(finder))
        for candidate in data.candidates[-1]:
            content = [(candidate.content.start_char, candidate.content.end_char)]
            speaker, _, speaker_span = finder.speaker_of(candidate.cue)
            matches = [g for g in open_gold if content_match(content, g.content) and
                       (not g.cue or any(s <= candidate.cue.idx < e for s, e in g.cue))]
            data.features.append(candidate_features(candidate, finder))
            data.content_labels.append(int(bool(matches)))
            data.labels.append(int(any(speaker_right(speaker, speaker_span, g, records)
                                       for g in matches)))
            data.groups.append(number)
    return data


def _threshold(data: TrainingSet, probabilities, min_precision: float) -> float:
    """The threshold maximising the content+speaker F1 of rules and model together, with
    content precision at ``min_precision`` or above, selecting as the pipeline does."""
    best, best_f1 = 0.5, -1.0
    for step in range(5, 96):
        threshold = step / 100
        hits, content_hits, predicted = \
            data.rule_speaker_hits, data.rule_hits, data.rule_quotes
        first = 0
        for candidates in data.candidates:
            last = first + len(candidates)
            for index in select_candidates(candidates, probabilities[first:last], threshold):
                hits += data.labels[first + index]
                content_hits += data.content_labels[first + index]
                predicted += 1
            first = last
        precision, recall = hits / predicted, hits / data.gold
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
        if content_hits / predicted >= min_precision and f1 > best_f1:
            best, best_f1 = threshold, f1
    return best


def train_quote_model(gold: Path, regularization: float = 0.3, min_precision: float = 0.86,
                      limit: int | None = None, pipeline: Pipeline | None = None
                      ) -> QuoteModel:
    """Fit the quote scorer on a PolNeAR split folder; deterministic for the same input."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    pipeline = pipeline or Pipeline(use_quote_model=False)
    articles = read_split(Path(gold))[:limit]
    data = collect(pipeline, articles)
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(data.features).tocsr()
    # liblinear takes 32-bit sparse indices only
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    model = LogisticRegression(C=regularization, max_iter=2000, solver="liblinear",
                               random_state=0)
    folds = GroupKFold(n_splits=min(5, len(articles)))
    probabilities = cross_val_predict(model, matrix, data.labels, groups=data.groups,
                                      cv=folds, method="predict_proba")[:, 1]
    threshold = _threshold(data, probabilities, min_precision)
    model.fit(matrix, data.labels)
    weights = {name: round(float(weight), 4) for name, weight in
               zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(weight) >= 1e-4}
    return QuoteModel(weights, round(float(model.intercept_[0]), 4), round(threshold, 4),
                      trained_on=f"PolNeAR {Path(gold).name} ({len(articles)} articles, "
                                 f"{sum(data.labels)} positive of {len(data.labels)} candidates)")
