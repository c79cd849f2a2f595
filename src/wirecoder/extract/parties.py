"""Parties: which of the story's actors are parties to it, the actor list a reader gets.

The actor register holds everything the NER and the resolvers named: parties, but also towns
the NER took for people, countries named only as places ("a flight from Macau"), a people's
adjective ("Scottish"), products and common nouns. A logistic regression over what the
story does with each actor (its mentions' syntax: subject, object, owner, "in X"; whether
it speaks or acts in a record; its name's shape and kind) says which are parties. The
weights (``parties.json``) are trained by ``wirecoder train parties`` on the ``train``
split of the actor gold set (``gold/actors``). Records that named an actor that is not a
party lose that reference: a quote keeps its speaker's words but no speaker id, an event
its other party, and a position or response held by it is dropped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from spacy.tokens import Doc

from wirecoder.extract.actors import ActorIndex, acts
from wirecoder.extract.context import Context
from wirecoder.extract.grammar import sentence_of, text_of
from wirecoder.extract.linear import LinearModel
from wirecoder.knowledge.lexicons import grammar_words
from wirecoder.records import Actor, Extraction

_WORDS = grammar_words()
_PRONOUNS = frozenset().union(*_WORDS.pronouns.values())
_PLACE_PREPS = _WORDS.prepositions["locative"]
_SUBJECTS = {"nsubj", "nsubjpass", "agent", "csubj"}
_OBJECTS = {"dobj", "dative", "attr", "oprd"}
_MODIFIERS = {"amod", "compound", "nmod", "npadvmod", "nummod"}
_FACILITIES = _WORDS.nouns["facilities"]
_THINGS = _WORDS.nouns["things"]
_SEVERAL = _WORDS.determiners["several"]
_ARTICLES = _WORDS.determiners["articles"]
_TAIL = 200  # characters at the end of a story, where credits and share bars stand
_KIND_OF_ID = re.compile(r"^(person|organization|group|anonymous):|-[A-Z]{3}$")


class PartyModel(LinearModel):
    """The party classifier's weights (``parties.json``)."""

    what = "party model"
    default_file = "parties.json"


def _role(token) -> str:
    """What a mention's head does in its sentence."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    dep = token.dep_
    if dep in _SUBJECTS:
        return "subject"
    if dep in _OBJECTS:
        return "object"
    if dep == "poss":
        return "owner"
    if dep == "pobj":
        preposition = token.head.lower_
        if acts(token):
            return "pobj_actor"
        return "pobj_place" if preposition in _PLACE_PREPS else "pobj_other"
    if dep in _MODIFIERS:
        return "modifier"
    if dep == "appos":
        return "appos"
    if dep == "ROOT":
        return "root"
    return "other"


def actor_features(actor: Actor, doc: Doc, index: ActorIndex, used: dict[str, set[str]]
                   ) -> dict[str, float]:
    """What the story does with one actor, as named features."""
    features: dict[str, float] = {f"kind={actor.kind}": 1.0, "bias_known": float(actor.known)}
    made = _KIND_OF_ID.search(actor.id)
    features[f"made={made.group(1) or 'sector' if made else 'knowledge'}"] = 1.0
    named = [m for m in actor.mentions if m.text.lower() not in _PRONOUNS]
    features["mentions"] = math.log1p(len(named))
    features["pronouns"] = float(len(named) < len(actor.mentions))
    roles: dict[str, int] = {}
    sentences = set()
    tail = len(text_of(doc)) - _TAIL
    for mention in named:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        role = _role(root)
        roles[role] = roles.get(role, 0) + 1
        sentence = sentence_of(root).start
        sentences.add(sentence)
        features[f"{actor.kind}&{role}"] = 1.0
        if role == "subject":
            features[f"verb={root.head.lemma_.lower()}"] = 1.0
        if mention.start < tail:
            features["before_tail"] = 1.0
        features[f"pos={root.pos_}"] = features.get(f"pos={root.pos_}", 0.0) + 1 / len(named)
        features[f"ent={root.ent_type_ or 'none'}"] = \
            features.get(f"ent={root.ent_type_ or 'none'}", 0.0) + 1 / len(named)
        if sentence == 0:
            features["first_sentence"] = 1.0
        if root.pos_ == "NOUN":
            features[f"head={root.lemma_.lower()}"] = 1.0
    features["sentences"] = math.log1p(len(sentences))
    for role, count in roles.items():
        features[f"role={role}"] = count / len(named)
        features[f"has={role}"] = 1.0
    for use in used.get(actor.id, ()):
        features[f"used={use}"] = 1.0
    name = actor.name
    features[f"words={min(len(name.split()), 4)}"] = 1.0
    if name.isupper() and len(name) > 3:
        features["name_capitals"] = 1.0
    if name[:1].islower():
        features["name_lower"] = 1.0
    if any(ch.isdigit() for ch in name):
        features["name_digit"] = 1.0
    if not name[-1:].isalnum():
        features["name_broken"] = 1.0
    if not actor.known and index.knowledge.lookup_place(name):
        features["name_place"] = 1.0
    if actor.country:
        features["has_country"] = 1.0
    if not actor.known and actor.kind in {"organization", "person"}:
        features[f"last={name.split()[-1].lower() if name.split() else ''}"] = 1.0
    return features


def uses(context: Context) -> dict[str, set[str]]:
    """Which records name each actor, and how."""
    used: dict[str, set[str]] = {}

    def add(actor_id: str | None, how: str) -> None:
        if actor_id:
            used.setdefault(actor_id, set()).add(how)

    for quote in context.quotes or []:
        add(quote.speaker, "speaks")
    for event in context.events or []:
        add(event.source, "acts")
        add(event.target, "acted_on")
    for position in context.positions or []:
        add(position.actor, "position")
    for proposal in context.proposals or []:
        for actor_id in [proposal.sponsor, proposal.presenter, *proposal.recipients,
                         *(r.actor for r in proposal.responses)]:
            add(actor_id, "proposal")
    return used


def scenery(actor: Actor, doc: Doc, index: ActorIndex, used: dict[str, set[str]]) -> bool:
    """High-precision guards before the model. Scenery, not a party: a country or people
    the story names only as a place ("in Australia") or an adjective ("the Canadian
    singer"), unless a record names it; a named building or place ("Ben Taub Hospital"), a
    named thing (a law, an event, a prize: "the Food Safety Law", "the Financial Times
    Forum") or several parties at once ("both sides"), unless it speaks; a person unknown to the
    knowledge base, named like a town of the gazetteer and never a subject or a record's
    party ("Lashkar Gah")."""
    named = [m for m in actor.mentions if m.text.lower() not in _PRONOUNS]
    if not named:
        return False
    roles = set()
    for mention in named:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        roles.add(_role(span.root) if span is not None and len(span) else "other")
    use = used.get(actor.id, set())
    if actor.kind == "country" or actor.kind == "group" and not actor.known:
        return not use and roles <= {"pobj_place", "modifier"}
    if actor.known:
        return False
    words = actor.name.lower().split()
    openings = {_opening(m.text) for m in named}
    if actor.kind in {"organization", "person"} and words and "speaks" not in use and (
            words[-1] in _FACILITIES or words[-1] in _THINGS or openings <= _SEVERAL):
        return True
    return actor.kind == "person" and not use and "subject" not in roles and \
        bool(index.knowledge.lookup_place(actor.name))


def _opening(text: str) -> str:
    """The first word of a mention after its article ("two" in "the two women")."""
    words = [w for w in text.lower().split() if w not in _ARTICLES]
    return words[0] if words else ""


def candidates(doc: Doc, context: Context) -> tuple[list[Actor], dict[str, set[str]]]:
    """The actors the model judges (those the guard leaves), and which records name each."""
    used = uses(context)
    return [a for a in context.actors.records()
            if not scenery(a, doc, context.actors, used)], used


def find_parties(doc: Doc, context: Context) -> list[Actor]:
    """The story's actors that the party model says are parties (all of them without one);
    an unnamed source the story quotes is always one."""
    model = context.party_model
    if model is None:
        return context.actors.records()
    actors, used = candidates(doc, context)
    return [actor for actor in actors
            if actor.kind == "anonymous_source" and "speaks" in used.get(actor.id, ())
            or used.get(actor.id, set()) & {"acts", "acted_on"}
            or model.score(actor_features(actor, doc, context.actors, used)) >= model.threshold]


def only_parties(extraction: Extraction, parties: Iterable[Actor]) -> Extraction:
    """The extraction with ``parties`` as its actors and no reference to any other actor."""
    kept = {actor.id for actor in parties}

    def party(actor_id: str | None) -> str | None:
        return actor_id if actor_id in kept else None

    for quote in extraction.quotes:
        quote.speaker = party(quote.speaker)
    for event in extraction.events:
        event.source, event.target = party(event.source), party(event.target)
    for proposal in extraction.proposals:
        proposal.sponsor, proposal.presenter = party(proposal.sponsor), party(proposal.presenter)
        proposal.recipients = [a for a in proposal.recipients if a in kept]
        proposal.responses = [r for r in proposal.responses if r.actor in kept]
    extraction.positions = [p for p in extraction.positions if p.actor in kept]
    extraction.actors = list(parties)
    for actor in extraction.actors:
        actor.affiliation = party(actor.affiliation)
    return extraction

