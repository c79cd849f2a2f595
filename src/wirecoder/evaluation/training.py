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

**Events** (``gold/events/train``): every candidate trigger in a coded sentence (see
:mod:`wirecoder.extract.event_types`) is labelled with the type of the gold trigger it lies
in, or none; a word inside the act a gold threat, demand, refusal or protest is about is left
out (its type is the parent's mode, not a label either way). A multinomial logistic
regression is fitted on features seen in at least two stories; the threshold maximises
trigger-type F1 on out-of-story predictions.

**The event filter** (``gold/events/train``): every event the coder proposes in a coded
sentence (without the filter) is labelled by whether a gold event of its type in that
sentence pairs with it, one to one; a logistic regression is fitted on
:func:`~wirecoder.extract.event_filter.event_features`, and the threshold maximises type F1
over all the gold events (also those the coder never proposed) on out-of-story predictions.

**Criticism** (``gold/events/train``): every coded sentence with a strongly negative word
outside its events' triggers and no DISAPPROVE among the events the filtered coder keeps is
labelled by whether its gold has a DISAPPROVE; a logistic regression is fitted on
:func:`~wirecoder.extract.criticism.sentence_features`, and the threshold maximises F1 over
those sentences on out-of-story predictions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from wirecoder.evaluation.actors import GoldStory, match_actors, predicted_spans
from wirecoder.evaluation.event_stories import GoldStory as EventStory
from wirecoder.evaluation.event_stories import pairs as event_pairs
from wirecoder.evaluation.polnear import GoldArticle, read_split
from wirecoder.evaluation.positions import GoldStory as PositionStory
from wirecoder.evaluation.positions import Names
from wirecoder.evaluation.quotes import content_match, speaker_right
from wirecoder.extract.criticism import CriticismModel, sentence_features, trigger_word
from wirecoder.extract.event_filter import EventFilter, event_features, trigger_token
from wirecoder.extract.event_types import EventModel, is_candidate, trigger_features
from wirecoder.extract.grammar import QuoteLookup
from wirecoder.extract.linear import NONE, ClassModel, LinearModel
from wirecoder.extract.parties import PartyModel, actor_features
from wirecoder.extract.parties import candidates as party_candidates
from wirecoder.extract.pipeline import Pipeline
from wirecoder.extract.positions import (
    PositionModel,
    issue_features,
    position_candidates,
    stated_positions,
)
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


def _best_threshold(labels: list[int], probabilities: list[float], gold_total: int) -> float:
    """The threshold (0.05 to 0.95) whose kept candidates give the best F1 against all
    ``gold_total`` gold items, found or not."""
    best, best_f1 = 0.5, -1.0
    for step in range(5, 96):
        threshold = step / 100
        kept = [label for label, p in zip(labels, probabilities, strict=True) if p >= threshold]
        if not sum(kept):
            continue
        precision, recall = sum(kept) / len(kept), sum(kept) / gold_total
        f1 = 2 * precision * recall / (precision + recall)
        if f1 > best_f1:
            best, best_f1 = threshold, f1
    return best


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
    best = _best_threshold(labels, probabilities, gold_total)
    return PartyModel(model.weights, model.bias, round(best, 4),
                      trained_on=f"gold/actors train ({len(stories)} stories, {sum(labels)} "
                                 f"parties of {len(labels)} actors)")


#: gold types whose act is their mode: a word they govern is no label either way
_PARENTS = {"DEMAND", "THREATEN", "REJECT", "PROTEST", "DISAPPROVE"}


def _gold_labels(text: str, story: EventStory) -> list[tuple[int, int, str]]:
    """Character spans of the gold triggers with their types (each trigger string found
    once in its sentence, left to right)."""
    spans = []
    for sentence in story.sentences:
        taken: set[int] = set()
        for event in sentence.events:
            start = text.find(event.trigger, sentence.start, sentence.end)
            while start in taken:
                start = text.find(event.trigger, start + 1, sentence.end)
            if start >= 0:
                taken.add(start)
                spans.append((start, start + len(event.trigger), event.type))
    return spans


def event_candidates(stories: list[EventStory], pipeline: Pipeline):
    """Per story: (features, label) of every candidate trigger in its coded sentences."""
    items = [ArticleInput(text=s.text, id=s.id, published=s.published) for s in stories]
    lexicon = pipeline.lexicons.events
    for story, (doc, item) in zip(stories, pipeline.parse(items), strict=True):
        context = pipeline.run(doc, item, until="quotes")
        quotes = QuoteLookup(context.quotes)
        gold = _gold_labels(story.text, story)
        rows = []
        for sentence in story.sentences:
            tokens = [t for t in doc if sentence.start <= t.idx < sentence.end
                      and is_candidate(t, lexicon)]
            labels = {t.i: next((kind for start, end, kind in gold
                                 if start <= t.idx < end), NONE) for t in tokens}
            for token in tokens:
                label = labels[token.i]
                if label == NONE and _under_parent(token, labels):
                    continue
                rows.append((trigger_features(token, lexicon, context.actors.actor_of,
                                                quotes.at(token.idx) is not None), label))
        yield story, rows


def _under_parent(token, labels: dict[int, str]) -> bool:
    """Whether the word is in the act a gold threat, demand or refusal is about."""
    for _ in range(3):
        if token.dep_ not in {"xcomp", "ccomp", "acl", "advcl", "pobj", "dobj"} or \
                token.head.i == token.i:
            return False
        token = token.head
        if labels.get(token.i) in _PARENTS:
            return True
    return False


def _fit_classes(features: list[dict[str, float]], labels: list[str], groups: list[int],
                 regularization: float, gold_total: int, lowest: float) -> ClassModel:
    """A multinomial logistic regression over ``NONE`` and the classes, with the threshold
    (``lowest`` to 0.90) whose kept out-of-group predictions (5 folds) give the best F1
    against all ``gold_total`` gold items."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(features).tocsr()
    model = LogisticRegression(C=regularization, max_iter=3000)
    folds = GroupKFold(n_splits=min(5, len(set(groups))))
    probabilities = cross_val_predict(model, matrix, labels, groups=groups, cv=folds,
                                      method="predict_proba")
    model.fit(matrix, labels)
    classes = [str(c) for c in model.classes_]
    best, best_f1 = 0.5, -1.0
    for step in range(round(lowest * 100), 91, 2):
        threshold = step / 100
        hits = predicted = 0
        for label, row in zip(labels, probabilities, strict=True):
            p, kind = max((p, c) for c, p in zip(classes, row, strict=True) if c != NONE)
            if p >= threshold:
                predicted += 1
                hits += kind == label
        f1 = 2 * hits / (predicted + gold_total) if predicted + gold_total else 0.0
        if f1 > best_f1:
            best, best_f1 = threshold, f1
    weights = {name: [round(float(w), 3) for w in column]
               for name, column in zip(vectorizer.get_feature_names_out(),
                                       model.coef_.T, strict=True)
               if max(abs(w) for w in column) >= 1e-3}
    return ClassModel(classes, weights, [round(float(b), 4) for b in model.intercept_],
                      round(best, 4))


def train_event_model(stories: list[EventStory], regularization: float = 0.3,
                      pipeline: Pipeline | None = None) -> EventModel:
    """Fit the event typer on event gold stories; deterministic for the same input."""

    pipeline = pipeline or Pipeline()
    features, labels, groups = [], [], []
    gold_total = 0
    seen_in: dict[str, set[int]] = {}
    for number, (story, rows) in enumerate(event_candidates(stories, pipeline)):
        gold_total += sum(len(s.events) for s in story.sentences)
        for row, label in rows:
            features.append(row)
            labels.append(label)
            groups.append(number)
            for name in row:
                seen_in.setdefault(name, set()).add(number)
    kept = {name for name, where in seen_in.items() if len(where) >= 2}
    features = [{k: v for k, v in row.items() if k in kept} for row in features]
    fitted = _fit_classes(features, labels, groups, regularization, gold_total, lowest=0.10)
    return EventModel(fitted.classes, fitted.weights, fitted.bias, fitted.threshold,
                      trained_on=f"gold/events train ({len(stories)} stories, "
                                 f"{sum(label != NONE for label in labels)} triggers of "
                                 f"{len(labels)} candidates)")


def train_event_filter(stories: list[EventStory], regularization: float = 0.3,
                       pipeline: Pipeline | None = None) -> EventFilter:
    """Fit the event filter on event gold stories; deterministic for the same input."""
    pipeline = pipeline or Pipeline(use_event_filter=False)
    lexicon = pipeline.lexicons.events
    features, labels, groups = [], [], []
    gold_total = 0
    items = [ArticleInput(text=s.text, id=s.id, published=s.published) for s in stories]
    for number, (story, (doc, item)) in enumerate(zip(stories, pipeline.parse(items),
                                                       strict=True)):
        context = pipeline.run(doc, item)
        quotes = QuoteLookup(context.quotes)
        events = [e for e in context.events if e.content_of is None]
        for sentence in story.sentences:
            gold_total += len(sentence.events)
            inside = [e for e in events if sentence.start <= e.trigger.start < sentence.end]
            right = {p for _, p in event_pairs(sentence.events, inside,
                                               lambda g, e: g.type == e.type)}
            for index, event in enumerate(inside):
                token = trigger_token(doc, event)
                features.append(event_features(event, token, lexicon,
                                               context.actors.actor_of,
                                               quotes.at(token.idx) is not None))
                labels.append(int(index in right))
                groups.append(number)
    model, probabilities = _fit(features, labels, groups, regularization)
    best = _best_threshold(labels, probabilities, gold_total)
    return EventFilter(model.weights, model.bias, round(best, 4),
                       trained_on=f"gold/events train ({len(stories)} stories, {sum(labels)} "
                                  f"right of {len(labels)} proposed events, {gold_total} gold "
                                  "events)")


def train_criticism(stories: list[EventStory], regularization: float = 0.1,
                    pipeline: Pipeline | None = None) -> CriticismModel:
    """Fit the criticism model on event gold stories: a sentence with a negative word and no
    coded DISAPPROVE is a positive example when its gold has a DISAPPROVE; deterministic
    for the same input."""
    pipeline = pipeline or Pipeline(use_criticism=False)
    lexicon = pipeline.lexicons.events
    features, labels, groups = [], [], []
    items = [ArticleInput(text=s.text, id=s.id, published=s.published) for s in stories]
    for number, (story, (doc, item)) in enumerate(zip(stories, pipeline.parse(items),
                                                       strict=True)):
        context = pipeline.run(doc, item)
        quotes = QuoteLookup(context.quotes)
        for sentence in story.sentences:
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            inside = [e for e in context.events
                      if sentence.start <= e.trigger.start < sentence.end]
            if span is None or any(e.type == "DISAPPROVE" for e in inside) or trigger_word(
                    span, lexicon, [(e.trigger.start, e.trigger.end) for e in inside]) is None:
                continue
            quoted = any(quotes.at(t.idx) is not None for t in span)
            features.append(sentence_features(span, lexicon, [e.type for e in inside], quoted))
            labels.append(int(any(e.type == "DISAPPROVE" for e in sentence.events)))
            groups.append(number)
    model, probabilities = _fit(features, labels, groups, regularization)
    best = _best_threshold(labels, probabilities, sum(labels))
    return CriticismModel(model.weights, model.bias, round(best, 4),
                          trained_on=f"gold/events train ({len(stories)} stories, "
                                     f"{sum(labels)} of {len(labels)} sentences with a "
                                     "negative word and no coded DISAPPROVE)")


def _issue_examples(story: PositionStory, doc, terms) -> list[tuple[dict, set[str]]]:
    """Per coded sentence of a position gold story: its issue features and the issues its
    gold positions and proposals are on."""
    examples = []
    for number, (start, end) in enumerate(story.coded or [], 1):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        issues = {g["issue"] for g in story.positions
                  if number in {g["sentence"], *(g.get("sentences") or [])}}
        issues |= {p["issue"] for p in story.proposals if p.get("sentence") == number}
        examples.append((issue_features(span, terms), issues))
    return examples


def _one_against_rest(rows: list[dict], labels: list[set[str]], classes: list[str],
                      regularization: float) -> ClassModel:
    """Logistic regressions, one per class against the rest, as one ``ClassModel``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows).tocsr()
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    columns, bias = [], []
    for name in classes:
        target = [int(name in issues) for issues in labels]
        if not any(target):  # a class no example has (in some folds): never predicted
            columns.append([0.0] * matrix.shape[1])
            bias.append(-10.0)
            continue
        model = LogisticRegression(C=regularization, solver="liblinear", max_iter=2000,
                                   random_state=0)
        model.fit(matrix, target)
        columns.append(model.coef_[0])
        bias.append(round(float(model.intercept_[0]), 4))
    weights = {feature: [round(float(c[k]), 3) for c in columns]
               for k, feature in enumerate(vectorizer.get_feature_names_out())
               if max(abs(c[k]) for c in columns) >= 1e-3}
    return ClassModel(classes, weights, bias, 0.5)


def train_position_model(stories: list[PositionStory], regularization: float = 0.3,
                         pipeline: Pipeline | None = None) -> PositionModel:
    """Fit the stance decision on position gold stories; deterministic for the same input.

    The issue weights are fitted on the coded sentences (the issues of their gold positions
    and proposals); the stance weights on every (holder, issue, sentence) candidate in a
    coded sentence, labelled with the stance of a gold position of that holder and issue
    in that sentence, or none. Candidates of a story come from issue weights fitted
    without it (5 folds by story), as they will on stories never seen."""
    pipeline = pipeline or Pipeline()
    parsed = []
    items = [ArticleInput(text=s.text, id=s.id, published=s.published) for s in stories]
    for story, (doc, item) in zip(stories, pipeline.parse(items), strict=True):
        context = pipeline.run(doc, item, until="proposals")
        stated = stated_positions(doc, context.lexicons.issues, context.actors,
                                  context.quotes, context.proposals)
        parsed.append((story, doc, context, stated,
                       _issue_examples(story, doc, context.lexicons.issues.terms(doc))))
    counts = Counter(issue for *_, examples in parsed for _, issues in examples
                     for issue in issues)
    classes = sorted(issue for issue, count in counts.items() if count >= 3)
    folds = min(5, len(parsed))
    fold_of = [number % folds for number in range(len(parsed))]
    fold_models = []
    for fold in range(folds):
        rows = [(row, issues) for (*_, examples), f in zip(parsed, fold_of, strict=True)
                if f != fold for row, issues in examples]
        fold_models.append(_one_against_rest([r for r, _ in rows], [i for _, i in rows],
                                             classes, regularization))
    # the issue threshold: the best F1 of (sentence, issue) on held-out stories
    chances, truths = [], []
    for (*_, examples), fold in zip(parsed, fold_of, strict=True):
        for row, issues in examples:
            for name, chance in fold_models[fold].each(row).items():
                chances.append(chance)
                truths.append(int(name in issues))
    issue_threshold = _best_threshold(truths, chances, sum(truths))
    rows = [row for *_, examples in parsed for row, _ in examples]
    labels_of = [issues for *_, examples in parsed for _, issues in examples]
    issue_model = _one_against_rest(rows, labels_of, classes, regularization)
    issue_model.threshold = issue_threshold

    features, labels, groups = [], [], []
    gold_total = 0
    for number, ((story, doc, context, stated, _), fold) in enumerate(
            zip(parsed, fold_of, strict=True)):
        names = Names(context.actors.records(), pipeline.knowledge)
        gold_total += len(story.positions)
        fold_models[fold].threshold = issue_threshold
        for candidate in position_candidates(doc, context, stated, fold_models[fold]):
            start, end = candidate.sentence.start_char, candidate.sentence.end_char
            where = next((k for k, (a, b) in enumerate(story.coded or [], 1)
                          if a <= start < b or a < end <= b), None)
            if where is None:
                continue
            label = next((g["stance"] for g in story.positions
                          if g["issue"] == candidate.issue
                          and where in {g["sentence"], *(g.get("sentences") or [])}
                          and names.match(candidate.actor, g["actor"], g.get("country"),
                                          g.get("text"))),
                         NONE)
            features.append(candidate.features)
            labels.append(label)
            groups.append(number)
    stance_model = _fit_classes(features, labels, groups, regularization, gold_total,
                                lowest=0.02)
    return PositionModel(issue_model, stance_model,
                         trained_on=f"gold/positions train ({len(stories)} stories, "
                                    f"{len(rows)} sentences, {len(classes)} issues; "
                                    f"{sum(label != NONE for label in labels)} stances of "
                                    f"{len(labels)} candidates)")
