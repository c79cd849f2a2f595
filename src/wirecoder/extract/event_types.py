"""Event types: which words of a story trigger an event, and of which PLOVER type.

Every verb, and every noun that ends an event-noun pattern of the lexicon, is a candidate.
By default the lexicon (``events.yaml``) types it. Given weights trained by ``wirecoder train
events`` on the ``train`` split of the event gold set (``gold/events``), a multinomial
logistic regression over what the text says around it decides its type or none instead:
the word and its lemma, the lexicon's type (``events.yaml``), PETRARCH2's CAMEO type for
the verb and for the verb with its object (``cameo_verbs.yaml``), the parse (dependency,
governing verb, object and particles), who its subject is (a known actor, a sector, a
thing), tense, negation, modals, conditions, questions and quotation. Either way, rules
veto (:func:`guarded`) agency boilerplate such as "(outlawed in Russia)", natural forces as
attackers, questions, and the condition of a hypothetical.
"""

from __future__ import annotations

from spacy.tokens import Token

from wirecoder.extract.grammar import asks, modality_of, sentence_of
from wirecoder.extract.linear import NONE, ClassModel
from wirecoder.knowledge.lexicons import EventLexicon, Trigger, grammar_words

_CONDITION_MARKS = grammar_words().modality["condition_marks"]
_ARGUMENT_DEPS = {"dobj", "prt", "prep", "xcomp", "acomp", "attr", "dative", "ccomp"}


class EventModel(ClassModel):
    """The learned event typer's weights (a JSON file written by ``wirecoder train
    events``); its classes are PLOVER types and ``NONE``."""

    what = "event model"


def is_candidate(token: Token, lexicon: EventLexicon) -> bool:
    return token.pos_ == "VERB" or (token.pos_ in {"NOUN", "PROPN"} and
                                    lexicon.noun(token) is not None)


def _kind(token: Token | None, actor_of) -> str:
    """What kind of party a subject or object is, by the actor register."""
    if token is None:
        return "none"
    if token.pos_ == "PRON":
        return "pronoun"
    actor = actor_of(token)
    if actor is None:
        return "thing"
    if actor.startswith(("person:", "anonymous:")):
        return "person"
    if len(actor) == 3 and actor.isupper():
        return "country"
    if "-" in actor and actor[-3:].isupper():
        return "sector"
    return "organization"


def trigger_features(token: Token, lexicon: EventLexicon, actor_of,
                       in_quote: bool) -> dict[str, float]:
    """What the text says around one candidate trigger, as named features."""
    lemma = token.lemma_.lower()
    features: dict[str, float] = {f"lemma={lemma}": 1.0, f"pos={token.pos_}": 1.0,
                                  f"tag={token.tag_}": 1.0, f"dep={token.dep_}": 1.0}
    found = lexicon.verb(token) if token.pos_ == "VERB" else \
        (lexicon.noun(token) or (None,))[0]
    features[f"lexicon={found.type if found else 'none'}"] = 1.0
    if found:
        features[f"lexicon={found.type}|dep={token.dep_}"] = 1.0
    cameo_single, cameo_pair = lexicon.cameo(token)
    if cameo_single:
        features[f"cameo={cameo_single}"] = 1.0
    if cameo_pair:
        features[f"cameo_pair={cameo_pair}"] = 1.0
    head = token.head
    if head.i != token.i:
        features[f"head={head.lemma_.lower()}"] = 1.0
        features[f"head_dep={token.dep_}|{head.lemma_.lower()}"] = 1.0
        governing = lexicon.verb(head) if head.pos_ == "VERB" else None
        features[f"head_lexicon={governing.type if governing else 'none'}"] = 1.0
    subject = None
    for child in token.children:
        dep = child.dep_
        child_lemma = child.lemma_.lower()
        if dep in _ARGUMENT_DEPS:
            features[f"{dep}={child_lemma}"] = 1.0
            features[f"pair={lemma}|{child_lemma}"] = 1.0
        elif dep in {"nsubj", "nsubjpass", "csubj"}:
            subject = child
            features[f"subject={child_lemma}"] = 1.0
            features[f"{dep}_kind={_kind(child, actor_of)}"] = 1.0
        elif dep == "agent":
            agent = next((c for c in child.children if c.dep_ == "pobj"), None)
            features[f"agent={agent.lemma_.lower() if agent is not None else 'none'}"] = 1.0
            features[f"agent_kind={_kind(agent, actor_of)}"] = 1.0
        elif dep in {"aux", "auxpass"}:
            features[f"aux={child_lemma}"] = 1.0
        elif dep == "mark":
            features[f"mark={child_lemma}"] = 1.0
        elif dep in {"poss", "compound", "amod"} and token.pos_ != "VERB":
            features[f"modifier_kind={_kind(child, actor_of)}"] = 1.0
            features[f"modifier={child_lemma}"] = 1.0
        if dep == "dobj":
            features[f"object_kind={_kind(child, actor_of)}"] = 1.0
            object_trigger = lexicon.noun(child)
            if object_trigger:
                features[f"object_lexicon={object_trigger[0].type}"] = 1.0
    if subject is None and token.pos_ == "VERB":
        features["no_subject"] = 1.0
    modality, negated = modality_of(token if token.pos_ == "VERB" else head)
    features[f"modality={modality}"] = 1.0
    if negated:
        features["negated"] = 1.0
    if asks(token):
        features["question"] = 1.0
    if in_quote:
        features["in_quote"] = 1.0
    if token.i > 0:
        features[f"before={token.doc[token.i - 1].lower_}"] = 1.0
    if token.i + 1 < len(token.doc):
        features[f"after={token.doc[token.i + 1].lower_}"] = 1.0
    return features


def guarded(token: Token, event_type: str, lexicon: EventLexicon) -> bool:
    """Whether a rule vetoes this trigger whatever the model says."""
    if _in_boilerplate(token, lexicon):
        return True
    sentence = sentence_of(token)
    if asks(token):
        return True  # a question asks, it does not report
    if sentence.text.lstrip().lower().startswith(lexicon.furniture):
        return True  # "READ MORE: US Senate approves Jeff Sessions ..."
    if event_type in lexicon.works_types and token.pos_ == "VERB" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in lexicon.works for c in token.children):
        return True  # "released a statement", "shot a film"
    if event_type in lexicon.forceful:
        agents = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}] + \
            [p for c in token.children if c.dep_ == "agent" for p in c.children
             if p.dep_ == "pobj"]
        if any(a.lemma_.lower() in lexicon.natural_forces for a in agents):
            return True  # "a tsunami killed 43", "provinces were hit by bad weather"
    return _in_condition(token, lexicon) or _undecided(token, lexicon)


def _undecided(token: Token, lexicon: EventLexicon) -> bool:
    """An act left open ("will decide whether to lift sanctions"), still to come ("until the
    government resigns") or denied by its governor ("no evidence he discussed the plan")."""
    clause = token
    for _ in range(4):
        for child in clause.children:
            if child.dep_ == "mark" and (
                    child.lower_ in lexicon.undecided_always or
                    (child.lower_ in lexicon.undecided_present and
                     clause.tag_ in {"VBZ", "VBP"})):
                return True
        if clause.pos_ == "NOUN" and clause.lemma_.lower() in lexicon.unfounded and any(
                c.dep_ == "det" and c.lower_ == "no" for c in clause.children):
            return True
        if clause.head.i == clause.i:
            return False
        clause = clause.head
    return False


def _in_condition(token: Token, lexicon: EventLexicon) -> bool:
    """In the condition of a hypothetical: "if Pakistan strikes India, ... would ...",
    "Should Trump make good on his threat to scrap the deal, ..."."""
    clause = token
    for _ in range(4):  # up to the adverbial clause the word is in
        if clause.dep_ == "advcl":
            break
        if clause.dep_ in {"ROOT", "ccomp", "conj"} or clause.head.i == clause.i:
            return False
        clause = clause.head
    else:
        return False
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and any(
            c.dep_ in {"aux", "auxpass"} and c.lower_ in lexicon.inverted_conditions
            and c.i < subject.i for c in clause.children):
        return True
    return any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in clause.children) and \
        any(c.dep_ == "aux" and c.lower_ in {"would", "could", "might"}
            for c in clause.head.children)


def _in_boilerplate(token: Token, lexicon: EventLexicon) -> bool:
    """Inside an agency's bracketed note: "(outlawed in Russia)", "(banned in Russia)"."""
    sentence = sentence_of(token)
    opening = next((t for t in reversed(sentence[:token.i - sentence.start])
                    if t.text in {"(", ")"}), None)
    if opening is None or opening.text != "(":
        return False
    closing = next((t for t in sentence[token.i - sentence.start:] if t.text == ")"), None)
    inside = token.doc[opening.i + 1:closing.i if closing is not None else sentence.end]
    return inside.text.lower().strip() in lexicon.boilerplate or \
        any(inside.text.lower().startswith(b) for b in lexicon.boilerplate)


class EventTyper:
    """Triggers of one story: the lexicon alone, or the model with the lexicon's modes."""

    def __init__(self, lexicon: EventLexicon, model: EventModel | None, actor_of,
                 in_quote):
        self.lexicon = lexicon
        self.model = model
        self.actor_of = actor_of
        self.in_quote = in_quote
        self._cache: dict[int, Trigger | None] = {}

    def trigger(self, token: Token) -> Trigger | None:
        """The event type a candidate word triggers, with the lexicon's mode when the two
        agree."""
        if token.i in self._cache:
            return self._cache[token.i]
        found = self.lexicon.verb(token) if token.pos_ == "VERB" else \
            (self.lexicon.noun(token) or (None,))[0]
        if self.model is not None and is_candidate(token, self.lexicon):
            event_type, _ = self.model.decide(trigger_features(
                token, self.lexicon, self.actor_of, self.in_quote(token)))
            if event_type == NONE:
                found = None
            elif found is None or found.type != event_type:
                found = Trigger(event_type, None)
        if found is not None and guarded(token, found.type, self.lexicon):
            found = None
        self._cache[token.i] = found
        return found
