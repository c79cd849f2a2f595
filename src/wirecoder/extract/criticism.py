"""Criticism said in so many words: DISAPPROVE events found from what a sentence says.

Most criticism in news is no verb of the lexicon but a judgement ("a total witch hunt",
"these were terribly heinous crimes", "North Korea is behaving very badly"). A logistic
regression over a sentence (its words, how many of them VADER rates negative or positive
and how strongly, whether it quotes someone, which events the coder kept in it) says whether
a reader would code a DISAPPROVE there; it is asked only about sentences with a word rated
-1.5 or lower and no DISAPPROVE yet, and that most negative word becomes the trigger. The
weights (``criticism.json``) are trained by ``wirecoder train criticism`` on the ``train``
split of the event gold set. Who criticizes whom is read by the event coder.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from wirecoder.extract.event_types import guarded
from wirecoder.extract.linear import LinearModel
from wirecoder.knowledge.lexicons import EventLexicon

#: the valence at or below which a word can carry criticism
NEGATIVE = -1.5


class CriticismModel(LinearModel):
    """The criticism coder's weights (``criticism.json``)."""

    what = "criticism model"
    default_file = "criticism.json"


def valence(token: Token, lexicon: EventLexicon) -> float:
    """VADER's rating of a word (its form, else its lemma), 0 for an unrated one."""
    return lexicon.valence.get(token.lower_, lexicon.valence.get(token.lemma_.lower(), 0.0))


def trigger_word(sentence: Span, lexicon: EventLexicon,
                 triggers: list[tuple[int, int]] = ()) -> Token | None:
    """The sentence's most negative word, if one is rated ``NEGATIVE`` or lower, triggers
    no coded event (the ``triggers`` character spans: "threatened to attack") and no
    guard of the event coder vetoes it (a question, a condition, boilerplate...)."""
    rated = [(valence(t, lexicon), t.i, t) for t in sentence if t.is_alpha and
             not any(start <= t.idx < end for start, end in triggers)]
    lowest = min(rated, default=None, key=lambda item: item[:2])
    if lowest is None or lowest[0] > NEGATIVE or guarded(lowest[2], "DISAPPROVE", lexicon):
        return None
    return lowest[2]


def sentence_features(sentence: Span, lexicon: EventLexicon, coded_types: list[str],
                      quoted: bool) -> dict[str, float]:
    """What a sentence says and how: its words, their ratings, its quote and its events."""
    features: dict[str, float] = {"quoted": float(quoted)}
    negative = positive = 0
    total = 0.0
    for token in sentence:
        if not token.is_alpha:
            continue
        if not token.is_stop:
            features[f"word={token.lemma_.lower()}"] = 1.0
        value = valence(token, lexicon)
        total += value
        negative += value <= NEGATIVE
        positive += value >= -NEGATIVE
    features[f"negative={min(negative, 3)}"] = 1.0
    features[f"positive={min(positive, 3)}"] = 1.0
    features[f"balance={max(-3, min(3, round(total / 2)))}"] = 1.0
    if quoted and negative:
        features["quoted_negative"] = 1.0
    for kind in set(coded_types):
        features[f"coded={kind}"] = 1.0
    return features
