"""Training the learned coders on train splits only (never ``dev`` or ``test``).

**Quotes** (PolNeAR ``train``): each article is parsed and run through the quote rules;
the candidates the rules leave are labelled by the gold attributions (content overlapping at
least half of the shorter span and the cue word inside the gold cue) and a logistic
regression is fitted on their features.
The acceptance threshold is chosen on out-of-fold predictions to maximise the content F1 of
rules and model together while keeping content precision at ``min_precision`` or above.

**Parties** (``gold/actors/train``): every actor the pipeline finds in a story is labelled
by whether it matches a gold actor (see :func:`wirecoder.evaluation.actors.match_actors`)
and a logistic regression is fitted on :func:`~wirecoder.extract.parties.actor_features`;
the threshold maximises canonical-actor F1 on out-of-story predictions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from wirecoder.evaluation.actors import GoldStory, match_actors, predicted_spans
from wirecoder.evaluation.polnear import GoldArticle, read_split
from wirecoder.evaluation.quotes import content_match, speaker_right
from wirecoder.extract.linear import LinearModel
from wirecoder.extract.parties import PartyModel, actor_features
from wirecoder.extract.parties import candidates as party_candidates
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
    pipeline = pipeline or Pipeline(use_quote_model=False)
    articles = read_split(Path(gold))[:limit]
    data = collect(pipeline, articles)
    model, probabilities = _fit(data.features, data.labels, data.groups, regularization)
    threshold = _threshold(data, probabilities, min_precision)
    return QuoteModel(model.weights, model.bias, round(threshold, 4),
                      trained_on=f"PolNeAR {Path(gold).name} ({len(articles)} articles, "
                                 f"{sum(data.labels)} positive of {len(data.labels)} candidates)")


def _fit(features: list[dict[str, float]], labels: list[int], groups: list[int],
         regularization: float) -> tuple[LinearModel, list[float]]:
    """A logistic regression on all examples, and its out-of-group probabilities (5 folds
    by article) for choosing a threshold."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(features).tocsr()
    # liblinear takes 32-bit sparse indices only
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    model = LogisticRegression(C=regularization, max_iter=2000, solver="liblinear",
                               random_state=0)
    folds = GroupKFold(n_splits=min(5, len(set(groups))))
    probabilities = cross_val_predict(model, matrix, labels, groups=groups, cv=folds,
                                      method="predict_proba")[:, 1]
    model.fit(matrix, labels)
    weights = {name: round(float(weight), 4) for name, weight in
               zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(weight) >= 1e-4}
    return LinearModel(weights, round(float(model.intercept_[0]), 4), 0.5), \
        list(probabilities)


def train_party_model(stories: list[GoldStory], regularization: float = 3.0,
                      pipeline: Pipeline | None = None) -> PartyModel:
    """Fit the party classifier on actor gold stories; deterministic for the same input."""
    pipeline = pipeline or Pipeline(use_party_model=False)
    features, labels, groups = [], [], []
    gold_total = 0
    items = [ArticleInput(text=s.text, id=s.article, published=s.published) for s in stories]
    for number, (story, (doc, item)) in enumerate(zip(stories, pipeline.parse(items),
                                                       strict=True)):
        context = pipeline.run(doc, item)
        actors, used = party_candidates(doc, context)
        actors = [a for a in actors if predicted_spans(a)]
        pairs = match_actors([g.mentions for g in story.actors],
                             [predicted_spans(a) for a in actors])
        matched = set(pairs.values())
        for index, actor in enumerate(actors):
            features.append(actor_features(actor, doc, context.actors, used))
            labels.append(int(index in matched))
            groups.append(number)
        gold_total += len(story.actors)
    model, probabilities = _fit(features, labels, groups, regularization)
    best, best_f1 = 0.5, -1.0
    for step in range(5, 96):
        threshold = step / 100
        kept = [label for label, p in zip(labels, probabilities, strict=True) if p >= threshold]
        if not kept:
            continue
        precision, recall = sum(kept) / len(kept), sum(kept) / gold_total
        f1 = 2 * precision * recall / (precision + recall) if sum(kept) else 0.0
        if f1 > best_f1:
            best, best_f1 = threshold, f1
    return PartyModel(model.weights, model.bias, round(best, 4),
                      trained_on=f"gold/actors train ({len(stories)} stories, {sum(labels)} "
                                 f"parties of {len(labels)} actors)")
