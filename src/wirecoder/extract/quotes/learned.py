"""The learned part of quote finding: scores attributions whose cue is not in the lexicon.

The rules in ``quotes`` find quotation marks and the clauses of known cue verbs. What they
leave is the long tail of PolNeAR-style attributions ("polls show ...", "X has endorsed Y",
"the claim that ...", "X is leaning toward ..."). For every remaining verb, and every noun
or adjective with a "that" clause, this module builds candidate contents from the parse
(complement clause, object, topic, the sentence around a parenthetical cue) and a logistic
regression over sparse features says which are attributions. The weights are a JSON file
trained by ``wirecoder train quotes`` on PolNeAR ``train``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from wirecoder.extract.linear import LinearModel
from wirecoder.extract.quotes.rules import QuoteFinder
from wirecoder.knowledge.lexicons import grammar_words

_TOPIC_PREPOSITIONS = grammar_words().prepositions["topic"]
_COMPLEMENTIZERS = grammar_words().complementizers["reported"]
# subjects told apart by the features the weights were trained on
_PRONOUNS = {"i", "we", "you", "he", "she", "they", "it"}


@dataclass
class Candidate:
    cue: Token
    recipe: str  # which part of the parse gave the content
    content: Span


def find_candidates(finder: QuoteFinder) -> list[Candidate]:
    """Possible attributions among the words the rules left unused."""
    found = []
    for token in finder.doc:
        if token.i in finder.used_cues or token.i in finder.quoted_tokens or token.is_punct:
            continue
        rule = finder.rule_clause(token)
        if rule is not None:  # a lexicon cue: the model only says yes or no to its clause
            found.append(Candidate(token, "rule", rule))
        elif token.pos_ in {"VERB", "AUX"}:
            recipes = (("complement", finder.complement), ("topic", finder.topic),
                       ("around", finder.around),
                       ("object", lambda verb: finder.object_of(verb, None)))
            for recipe, build in recipes:
                content = build(token)
                if content is not None and len(content) >= 2:
                    found.append(Candidate(token, recipe, content))
        elif token.pos_ in {"NOUN", "ADJ"}:
            for child in token.rights:
                if child.dep_ in {"acl", "ccomp", "relcl"} and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
                    content = finder.doc[child.left_edge.i:child.right_edge.i + 1]
                    found.append(Candidate(token, "that_clause", content))
                elif child.dep_ == "prep" and child.lower_ in _TOPIC_PREPOSITIONS:
                    inner = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}),
                                 None)
                    if inner is not None:
                        content = finder.doc[inner.left_edge.i:inner.right_edge.i + 1]
                        found.append(Candidate(token, f"{token.pos_.lower()}_topic", content))
    return [c for c in found if not set(range(c.content.start, c.content.end))
            & finder.quoted_tokens]


def _bucket(n: int) -> str:
    return next(label for limit, label in ((2, "1-2"), (5, "3-5"), (10, "6-10"),
                                           (20, "11-20")) if n <= limit) if n <= 20 else "21+"


def _word_class(token: Token, finder: QuoteFinder) -> str:
    """A coarse kind for a subject or object head: pronoun, named type, or its lemma."""
    lower = token.lower_
    if lower in _PRONOUNS:
        return f"pron:{lower}"
    if token.ent_type_:
        return f"ent:{token.ent_type_}"
    if finder.actors.actor_of(token):
        return "actor"
    return f"lemma:{token.lemma_.lower()}"


def candidate_features(candidate: Candidate, finder: QuoteFinder) -> dict[str, float]:
    """Sparse features of one candidate: the cue word, its syntax, who and what."""
    cue, recipe, content = candidate.cue, candidate.recipe, candidate.content
    lemma = cue.lemma_.lower()
    lexicon = "speech" if lemma in finder.speech else "cognition" if lemma in \
        finder.cognition else "object_cue" if lemma in finder.object_cues else "none"
    words = [t for t in content if not t.is_punct]
    features = {
        f"recipe={recipe}": 1.0, f"lemma={lemma}": 1.0, f"lemma|recipe={lemma}|{recipe}": 1.0,
        f"lexicon={lexicon}|{recipe}": 1.0, f"tag={cue.tag_}": 1.0,
        f"dep={cue.dep_}": 1.0, f"dep|recipe={cue.dep_}|{recipe}": 1.0,
        f"length={_bucket(len(words))}|{recipe}": 1.0,
        f"content_root={content.root.pos_}": 1.0,
        f"content_first={content[0].lower_ if content[0].dep_ == 'mark' else content[0].pos_}":
            1.0,
        f"content_after={content.start > cue.i}": 1.0,
    }
    doc = finder.doc
    features[f"lemma|dep={lemma}|{cue.dep_}"] = 1.0
    if cue.i > 0:
        features[f"before={doc[cue.i - 1].lower_}"] = 1.0
    if cue.i + 1 < len(doc):
        features[f"after={doc[cue.i + 1].lower_}"] = 1.0
    features[f"content_tag={content.root.tag_}"] = 1.0
    if any(t.lower_ in {"i", "we", "my", "our", "you"} for t in content):
        features["content_first_person"] = 1.0
    if cue.head.i != cue.i:
        features[f"head={cue.head.lemma_.lower()}"] = 1.0
    subject = finder.subject_of(cue)
    if subject is not None:
        features[f"subject={_word_class(subject, finder)}"] = 1.0
        kind = _word_class(subject, finder)
        features[f"subject|lexicon={kind}|{lexicon}"] = 1.0
        features[f"subject|lemma={kind.split(':')[0]}|{lemma}"] = 1.0
    else:
        features["subject=none"] = 1.0
    for child in cue.children:
        if child.dep_ == "neg":
            features["negated"] = 1.0
        elif child.dep_ == "aux" and child.tag_ == "MD":
            features[f"modal={child.lower_}"] = 1.0
        elif child.dep_ in {"auxpass", "nsubjpass"}:
            features["passive"] = 1.0
        elif child.dep_ == "prep":
            features[f"prep={child.lower_}"] = 1.0
    if recipe == "object":
        features[f"object={_word_class(content.root, finder)}"] = 1.0
    sentence = content.sent if content.start < len(finder.doc) else None
    if sentence is not None and any(t.text in {'"', "“", "”"} for t in sentence):
        features["sentence_quoted"] = 1.0
    return features


class QuoteModel(LinearModel):
    """The quote scorer's weights (``quotes.json``)."""

    what = "quote model"
    default_file = "quotes.json"


def select_candidates(candidates: list[Candidate], probabilities: list[float],
                      threshold: float) -> list[int]:
    """Which candidates to keep: at or above ``threshold``, the most probable one per cue,
    and none whose content is mostly inside a more probable one's."""
    best: dict[int, int] = {}
    for index, (candidate, probability) in enumerate(zip(candidates, probabilities,
                                                          strict=True)):
        cue = candidate.cue.i
        if probability >= threshold and (cue not in best or
                                         probability > probabilities[best[cue]]):
            best[cue] = index
    taken: set[int] = set()
    kept = []
    for index in sorted(best.values(), key=lambda i: -probabilities[i]):
        content = candidates[index].content
        tokens = set(range(content.start, content.end))
        if len(tokens & taken) <= len(tokens) / 2:
            kept.append(index)
            taken |= tokens
    return kept


def learned_quotes(finder: QuoteFinder, model: QuoteModel) -> None:
    """Add the candidates the model accepts as indirect quotes."""
    candidates = find_candidates(finder)
    probabilities = [model.score(candidate_features(c, finder)) for c in candidates]
    for index in select_candidates(candidates, probabilities, model.threshold):
        candidate, content = candidates[index], candidates[index].content
        if content[0].dep_ == "mark" and content[0].lower_ in _COMPLEMENTIZERS:
            content = finder.doc[content.start + 1:content.end]
        finder.add("indirect", (content.start_char, content.end_char), candidate.cue,
                    finder.speaker_of(candidate.cue), round(probabilities[index], 3),
                    finder.channel_of(candidate.cue, range(content.start, content.end)))
