"""Positions: where each actor stands on each issue, with the conditions it sets.

An issue term ("truce", "withdrawal") governed by a stance cue ("reject", "accept",
"call for") gives the stance of the cue's subject, or of the quote's speaker when the
term is inside a quote. Conditions ("based on a complete withdrawal, an exchange of
prisoners") make the stance conditional. Where no cue says how the actor stands,
wirecoder abstains.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from wirecoder.extract.actors import ActorIndex
from wirecoder.extract.context import Context
from wirecoder.extract.grammar import (
    QuoteLookup,
    circumstance,
    clause_end,
    conditions_after,
    finite_relative,
    hypothetical,
    modality_of,
    sentence_of,
    text_of,
    text_span,
)
from wirecoder.knowledge.lexicons import IssueLexicon, grammar_words
from wirecoder.records import Position, Proposal, Quote

_RESPONSE_STANCE = {"accepted": "support", "rejected": "oppose", "conditional": "conditional",
                    "under_study": "neutral"}
# a stance turned around by negation or a reversing word ("demanded the lifting of")
_FLIP = {"support": "oppose", "oppose": "support", "demand": "oppose"}
_WORDS = grammar_words()
_OBLIGATION = _WORDS.modality["obligation"]
_NECESSITY = _WORDS.modality["necessity"]
_ANNOUNCING = _WORDS.modality["announcing"]
_SHARES = _WORDS.nouns["shares"]
_HOLDER_PREPS = _WORDS.prepositions["holder"]


def _subject(token: Token) -> Token | None:
    """Who takes the stance a predicate expresses: the agent of a passive ("was backed by
    Kurti", and no one when none is named), the noun a relative clause hangs on ("the
    opposition, which demanded"), or the subject of the clause it depends on."""
    if token.pos_ in {"NOUN", "PROPN"}:  # "the opposition's refusal": whose it is
        for child in token.children:
            if child.dep_ == "poss":  # "Spain reiterated its support": the clause says
                verb = token.head
                if child.pos_ == "PRON" and verb.pos_ in {"VERB", "AUX"}:
                    return _subject(verb) or child
                return child
            if child.dep_ == "prep" and child.lower_ in _HOLDER_PREPS:
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        return None
    for child in token.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    for child in token.children:
        if child.dep_ == "nsubjpass":
            return None  # "Minsk was praised": the praise is someone else's
        if child.dep_ == "nsubj":
            if child.tag_ in {"WDT", "WP"} and token.dep_ == "relcl":
                return token.head
            return child
    if token.dep_ == "acl":  # "protesters calling for elections"
        return token.head
    if token.dep_ in {"xcomp", "conj", "advcl", "relcl", "ccomp", "acomp", "attr", "prep"} \
            and token.head.i != token.i:
        return _subject(token.head)
    return None


def _obligation(verb: Token) -> bool:
    """ "must be lifted", "should end", "had to end", "needs to stop": a clause that says
    what has to happen."""
    if any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in verb.children):
        return True
    if verb.lemma_ in _NECESSITY and any(c.dep_ == "xcomp" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ in _NECESSITY


def _own_stance(term: Span) -> bool:
    """ "would never negotiate", "will release prisoners": an issue verb that is itself
    the announced act of its subject (a past act, done or not done, is an event, not a
    stance)."""
    verb = term.root
    if verb.pos_ != "VERB" or verb.dep_ == "relcl":
        return False
    subject = verb if verb.dep_ != "conj" else verb.head  # "... but would not step down"
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in subject.children) and any(
        c.dep_ == "aux" and c.lower_ in _ANNOUNCING for c in verb.children)


def _governing_stance(term: Span, lexicon: IssueLexicon, term_at: dict[int, Span]
                      ) -> tuple[Token, str | None]:
    """The predicate that says where someone stands on ``term``, and the stance it says.

    An issue named inside another issue's phrase ("withdrawal of the peacekeeping
    mission") has no stance of its own. A reversing word on the way turns the stance
    around ("welcomed cuts in military aid", "called for the lifting of sanctions")."""
    root = term.root
    if _own_stance(term):
        return root, "support"
    if root.dep_ in {"nsubj", "nsubjpass"} and _obligation(root.head) and \
            root.head.lemma_.lower() in lexicon.carrying | lexicon.reversing | _NECESSITY:
        # "sanctions must be lifted": the speaker opposes them; "a truce must hold"
        reversed_ = root.head.lemma_.lower() in lexicon.reversing or any(
            c.dep_ == "xcomp" and c.lemma_.lower() in lexicon.reversing
            for c in root.head.children)
        return root.head, "oppose" if reversed_ else "demand"
    governor, reversed_, nouns = root, False, 0
    for _ in range(6):
        if finite_relative(governor) or circumstance(governor, lexicon):
            return governor, None  # "the ways to ensure a ceasefire", "in the talks"
        if governor.i != root.i and governor.pos_ in {"NOUN", "PROPN"}:
            nouns += 1
            if nouns > 1:  # "rejected criticism of the handling of the talks"
                return governor, None
        previous, governor = governor, governor.head
        inner = term_at.get(governor.i)
        if inner is not None and inner != term and previous.dep_ != "conj":
            return governor, None
        stance = lexicon.stance_of(governor)
        if stance or governor.head.i == governor.i:
            return governor, _FLIP.get(stance, stance) if reversed_ else stance
        lemma = governor.lemma_.lower()
        if governor.pos_ in {"VERB", "AUX"} and (
                lemma not in lexicon.carrying | lexicon.reversing
                or any(c.dep_ in {"nsubj", "nsubjpass"} for c in governor.children)):
            # another act ("a plan to investigate the election"), or a clause with a
            # subject of its own and no stance
            return governor, None
        reversed_ ^= lemma in lexicon.reversing
    return governor, None


def _share(subject: Token) -> bool:
    """ "49% of Scots backed independence": a share of a people holds no position."""
    return subject.ent_type_ in {"PERCENT", "CARDINAL", "QUANTITY"} or \
        subject.lemma_.lower() in _SHARES


def _holders(governor: Token, term: Span, actors: ActorIndex, speaker: str | None,
             proposals: list[Proposal]) -> tuple[list[str | None], bool]:
    """Who takes the stance, and whether the text names them as its subject. A proposal
    that "demands" something speaks for its sponsor; a clause saying what must happen to
    the issue ("the blockade had to end") speaks for whoever says it."""
    subject = _subject(governor)
    if subject is not None and term.start <= subject.i < term.end:
        subject = _subject(governor.head) if governor.dep_ != "ROOT" else None
    if subject is None:
        # only a quote's own predicate speaks for its speaker ("'We reject the truce'")
        heads_quote = governor.dep_ in {"ROOT", "ccomp"} and governor.pos_ in {"VERB", "AUX"}
        return [speaker if heads_quote else None], False
    if _share(subject):
        return [], True
    for proposal in proposals:
        if any(m.start <= subject.idx < m.end for m in proposal.mentions):
            return [proposal.sponsor], True
    holders = [actors.resolve(t, speaker) for t in (subject, *subject.conjuncts)]
    # "Netanyahu said Israel would not agree": the voice is the one on record
    return [speaker if actors.speaks_for(speaker, h) else h for h in holders], True


def find_positions(doc: Doc, context: Context) -> list[Position]:
    """Stances of actors on issues, each with the sentence it comes from: those the text
    states, then the parties' responses to proposals on an issue."""
    stated = stated_positions(doc, context.lexicons.issues, context.actors, context.quotes,
                              context.proposals)
    return stated + positions_from_responses(context.proposals, stated)


def stated_positions(doc: Doc, lexicon: IssueLexicon, actors: ActorIndex,
                     quotes: list[Quote], proposals: list[Proposal]) -> list[Position]:
    """Stances the text states with a cue on an issue term."""
    positions: list[Position] = []
    text = text_of(doc)
    seen: set[tuple[str, str, int]] = set()
    terms = lexicon.terms(doc)
    quote_at = QuoteLookup(quotes)
    term_at = {token.i: span for _, span, _ in terms for token in span}
    for issue, term, opposed in terms:
        if len(term) == 1 and term.root.lemma_.lower() in lexicon.sectors or (
                term.root.dep_ in {"compound", "amod"}
                and term.root.head.lemma_.lower() in lexicon.sectors):
            continue  # "occupation forces" names an actor, not the issue
        governor, stance = _governing_stance(term, lexicon, term_at)
        if not stance or hypothetical(governor, lexicon):
            continue
        if opposed:  # condemning terrorism supports counterterrorism
            stance = {"support": "oppose", "oppose": "support"}.get(stance, stance)
        # "urged both sides to accept the ceasefire": the urging actor demands it.
        if governor.dep_ == "xcomp" and lexicon.stance_of(governor.head) == "demand":
            governor, stance = governor.head, "demand"
        quote = quote_at.at(term.start_char)
        subject_of_it = term.root.head.i == governor.i and term.root.dep_ in {
            "nsubj", "nsubjpass"}  # "sanctions must be lifted" is read above
        if not subject_of_it and any(c.dep_ == "aux" and c.lower_ in _OBLIGATION
                                     for c in governor.children):
            # "the government must agree to a referendum": what the one who says it
            # demands, not the government's own stance
            stance, governor = "demand", governor.head
            if governor.pos_ not in {"VERB", "AUX"} or governor.i == term.root.i:
                continue
        found, named = _holders(governor, term, actors, quote.speaker if quote else None,
                                proposals)
        _, negated = modality_of(governor)
        if negated:
            stance = _FLIP.get(stance, "neutral")
        sentence = sentence_of(term.root)
        conditions, conditions_start = conditions_after(
            text[governor.idx:clause_end(governor)], governor.idx, lexicon,
            refusal=stance == "oppose")
        if conditions and term.start_char >= conditions_start:
            stance = "conditional"  # "would deal positively with an agreement based on X"
        elif conditions and stance in {"support", "neutral", "oppose"}:
            stance = "conditional"  # "rejected ... until", "accepts ... if"
        for actor in dict.fromkeys(a for a in found if actors.can_hold_stance(a)):
            key = (actor, issue, sentence.start)
            if key in seen:
                continue
            seen.add(key)
            positions.append(Position(
                actor=actor, issue=issue, stance=stance, conditions=conditions,
                trigger=text_span(governor), evidence=text_span(sentence),
                quote=quote.id if quote else None,
                confidence=0.75 if named else 0.6))
    return positions


def positions_from_responses(proposals: list[Proposal], positions: list[Position]
                             ) -> list[Position]:
    """A party's response to a proposal on an issue is also its stance on that issue,
    unless the story already gives that stance in the same sentence."""
    stated = {(p.actor, p.issue, p.evidence.start) for p in positions}
    found = []
    for proposal in proposals:
        if proposal.issue is None:
            continue
        for response in proposal.responses:
            key = (response.actor, proposal.issue, response.evidence.start)
            if key in stated:
                continue
            stated.add(key)
            found.append(Position(
                actor=response.actor, issue=proposal.issue,
                stance=_RESPONSE_STANCE[response.response], conditions=response.conditions,
                trigger=response.trigger, evidence=response.evidence, quote=response.quote,
                confidence=round(response.confidence * 0.9, 3)))
    return found
