"""Positions: where each actor stands on each issue, with the conditions it sets.

An issue term ("truce", "withdrawal") governed by a stance cue ("reject", "accept",
"call for") gives the stance of the cue's subject, or of the quote's speaker when the
term is inside a quote. Conditions ("based on a complete withdrawal, an exchange of
prisoners") make the stance conditional. Where no cue says how the actor stands,
wirecoder abstains.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from wirecoder.extract.actors import ActorIndex
from wirecoder.extract.context import Context
from wirecoder.extract.grammar import (
    QuoteLookup,
    circumstance,
    clause_end,
    conditions_after,
    entities_in,
    finite_relative,
    hypothetical,
    in_background,
    modality_of,
    sentence_of,
    text_of,
    text_span,
)
from wirecoder.extract.linear import NONE, ClassModel, read_weights
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
#: features of a candidate that the stance model also sees joined with the issue
_PER_ISSUE = ("sentence_cue=", "cue=", "root_negated", "negated", "how=", "holder=",
              "holder_country=")
#: how many of a sentence's most likely issues make candidates
_TOP_ISSUES = 2


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
    states (by the cue rules, or by the learned decision over every candidate when a
    position model is given), then the parties' responses to proposals on an issue."""
    stated = stated_positions(doc, context.lexicons.issues, context.actors, context.quotes,
                              context.proposals)
    model = context.position_model
    if model is not None:
        # the cue rules' positions stand; the model decides the candidates they leave
        stated = stated + decided_positions(
            [c for c in position_candidates(doc, context, stated, model.issues)
             if c.rule is None], model.stances)
    found = stated + positions_from_responses(context.proposals, stated)
    return [p for p in found if not _history(doc, p, context)]


def _history(doc: Doc, position: Position, context: Context) -> bool:
    """A stance its sentence dates more than a year back ("backed the deal in 2015")."""
    span = doc.char_span(position.trigger.start, position.trigger.end, alignment_mode="expand")
    return span is not None and in_background(span.root, context.times or [],
                                              context.published)


class PositionModel:
    """The learned stance decision (a JSON file written by ``wirecoder train positions``):
    ``issues``, one-against-the-rest weights that say which issues a sentence is about, and
    ``stances``, which stance (or ``NONE``) a holder takes on an issue in a sentence."""

    what = "position model"

    def __init__(self, issues: ClassModel, stances: ClassModel, trained_on: str = ""):
        self.issues = issues
        self.stances = stances
        self.trained_on = trained_on

    @property
    def weights(self) -> dict[str, list[float]]:
        return {**self.issues.weights, **self.stances.weights}

    @property
    def threshold(self) -> str:
        return f"issues {self.issues.threshold}, stances {self.stances.threshold}"

    @classmethod
    def load(cls, path: Path | None = None) -> PositionModel:
        """The built-in weights (``positions.json``), or a file written by ``wirecoder
        train positions``."""
        source = resources.files("wirecoder.models").joinpath("positions.json") \
            if path is None else Path(path)
        return read_weights(source, cls.what, lambda data: cls(
            ClassModel._from_data(data["issues"]), ClassModel._from_data(data["stances"]),
            str(data.get("trained_on", ""))))

    def save(self, path: Path) -> None:
        data = {"trained_on": self.trained_on, "issues": self.issues.data(),
                "stances": self.stances.data()}
        Path(path).write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n",
                              encoding="utf-8")


@dataclass
class Candidate:
    """A (holder, issue, sentence) that may carry a stance, with what the text says of it."""

    actor: str
    issue: str
    sentence: Span
    features: dict[str, float] = field(default_factory=dict)
    trigger: Token | Span | None = None
    quote: Quote | None = None
    rule: Position | None = None


def issue_features(sentence: Span, terms: list) -> dict[str, float]:
    """What a sentence is about: its words, named entities and the issue terms in it."""
    features = {f"word={t.lemma_.lower()}": 1.0 for t in sentence
                if t.is_alpha and not t.is_stop}
    features.update({f"entity={e.text.lower()}": 1.0 for e in entities_in(sentence)
                     if e.label_ in {"ORG", "GPE", "NORP", "LAW", "EVENT"}})
    features.update({f"term={issue}": 1.0 for issue, term, _ in terms
                     if sentence.start <= term.start < sentence.end})
    return features


def position_candidates(doc: Doc, context: Context, stated: list[Position],
                        issues: ClassModel | None = None) -> list[Candidate]:
    """Every holder that may take a stance on an issue of a sentence. The issues are those
    its terms name and, with ``issues`` weights, the two its words make likeliest (at a
    quarter of the issue threshold or more); the holders are the speaker of a quote in it,
    whom the cue rules name, the subject of the clause of a term or of the sentence, the
    source of an act in it and every party it names. An act that shows a stance by itself
    (``acts`` in ``issues.yaml``: imposing sanctions supports them) is a candidate of its
    source too."""
    lexicon, actors = context.lexicons.issues, context.actors
    quote_at = QuoteLookup(context.quotes)
    valence = context.lexicons.events.valence
    events = context.events or []
    terms = lexicon.terms(doc)
    term_at = {token.i: span for _, span, _ in terms for token in span}
    rules = {(p.actor, p.issue, p.evidence.start): p for p in stated}
    found: dict[tuple[str, str, int], Candidate] = {}
    said: dict[int, dict[str, float]] = {}  # a sentence's own features, by its first token
    holders_of: dict[int, tuple[list, Quote | None]] = {}  # the same for its holders

    def add(actor: str | None, issue: str, sentence: Span, how: str, trigger, quote,
            features: dict[str, float]) -> None:
        if quote is not None and actors.speaks_for(quote.speaker, actor):
            actor = quote.speaker  # "Erdogan said Turkey would never accept": on record
        if actor is None or not actors.can_hold_stance(actor):
            return
        key = (actor, issue, next(t.idx for t in sentence if not t.is_space))
        candidate = found.get(key)
        if candidate is None:
            candidate = found[key] = Candidate(actor, issue, sentence, trigger=trigger,
                                               quote=quote, rule=rules.get(key))
            if sentence.start not in said:
                said[sentence.start] = _sentence_features(sentence, lexicon, valence)
            candidate.features.update(said[sentence.start])
            candidate.features.update(_act_features(sentence, events, actor))
            candidate.features[f"issue={issue}"] = 1.0
            candidate.features.update(_holder_features(actors, actor))
            if candidate.rule is not None:
                candidate.features[f"rule={candidate.rule.stance}"] = 1.0
        candidate.features[f"how={how}"] = 1.0
        candidate.features.update(features)

    def sentence_holders(sentence: Span) -> tuple[list[tuple[str | None, str, Token]],
                                                  Quote | None]:
        """Who may speak or act in a sentence (its quote's speaker, the subject of its root,
        the sources of its acts), and the quote it holds."""
        if sentence.start in holders_of:
            return holders_of[sentence.start]
        quote = next((q for q in (quote_at.at(t.idx) for t in sentence) if q is not None),
                     None)
        holders = [(quote.speaker, "speaker", sentence.root)] if quote is not None else []
        root = sentence.root
        subject = _subject(root) if root.pos_ in {"VERB", "AUX"} else None
        if subject is not None:
            holders.append((actors.resolve(subject), "root_subject", root))
        holders += [(e.source, "event_source", sentence.root) for e in events
                    if e.source and sentence.start_char <= e.trigger.start < sentence.end_char]
        holders_of[sentence.start] = holders, quote
        return holders, quote

    for issue, term, opposed in terms:
        if len(term) == 1 and term.root.lemma_.lower() in lexicon.sectors:
            continue
        sentence = sentence_of(term.root)
        governor, stance = _governing_stance(term, lexicon, term_at)
        if hypothetical(governor, lexicon):
            continue
        quote = quote_at.at(term.start_char)
        speaker = quote.speaker if quote else None
        features = {"term": 1.0, f"cue={stance}": 1.0,
                    f"governor={governor.lemma_.lower()}": 1.0}
        if opposed:
            features["opposed_term"] = 1.0
        if modality_of(governor)[1]:
            features["negated"] = 1.0
        if quote is not None:
            features["quoted"] = 1.0
        add(speaker, issue, sentence, "speaker", governor, quote, features)
        holders, _ = _holders(governor, term, actors, speaker, context.proposals or [])
        for holder in holders:
            add(holder, issue, sentence, "cue_subject", governor, quote, features)
        for verb in [term.root, *term.root.ancestors]:
            if verb.pos_ in {"VERB", "AUX"}:
                subject = _subject(verb)
                holder = actors.resolve(subject, speaker) if subject is not None else None
                if holder is not None:
                    add(holder, issue, sentence, "clause_subject", verb, quote, features)
                    break
        holders, quote_of = sentence_holders(sentence)
        for holder, how, token in holders:
            add(holder, issue, sentence, how, token, quote or quote_of, features)
    ranks: dict[int, dict[str, int]] = {}  # each sentence's issues, most likely first
    if issues is not None:
        for sentence in doc.sents:
            chances = issues.each(issue_features(sentence, terms))
            ranked = sorted((c for c in chances if c != NONE), key=lambda c: -chances[c])
            ranks[sentence.start] = {c: r for r, c in enumerate(ranked)}
            named = {issue for issue, term, _ in terms
                     if sentence.start <= term.start < sentence.end}
            likely = [c for c in ranked[:_TOP_ISSUES] if chances[c] >= issues.threshold / 4]
            if not likely and not named:
                continue
            holders, quote = sentence_holders(sentence)
            mentioned = _mentioned(sentence, actors)
            for issue in dict.fromkeys([*likely, *named]):
                chance = chances.get(issue, 0.0)
                features = {f"issue_chance={min(int(chance * 10), 5)}": 1.0}
                for holder, how, token in holders:
                    add(holder, issue, sentence, how, token, quote, features)
                for holder, token in mentioned:
                    add(holder, issue, sentence, "mention", token, quote,
                        {**features, f"mention_dep={token.dep_}": 1.0,
                         f"mention_head={token.head.lemma_.lower()}": 1.0})
    for event in events:
        shown = lexicon.acts.get(event.type)
        if shown and event.source and event.content_of is None:
            span = doc.char_span(event.trigger.start, event.trigger.end,
                                 alignment_mode="expand")
            if span is None:
                continue
            add(event.source, shown[0], sentence_of(span.root), "act", span.root,
                quote_at.at(event.trigger.start),
                {f"act={event.type}": 1.0, f"act_stance={shown[1]}": 1.0,
                 f"act_modality={event.modality}": 1.0})
    for candidate in found.values():
        rank = ranks.get(candidate.sentence.start, {}).get(candidate.issue)
        candidate.features[f"issue_rank={rank if rank is not None and rank < 3 else 3}"] = 1.0
        # how a stance reads depends on the issue ("a ban" on migration, "lifting" sanctions)
        candidate.features.update({f"{candidate.issue}|{name}": 1.0 for name in
                                   list(candidate.features) if name.startswith(_PER_ISSUE)})
    return list(found.values())


def _mentioned(sentence: Span, actors: ActorIndex) -> list[tuple[str, Token]]:
    """The actors a sentence names, each with the head of its first mention there."""
    found: dict[str, Token] = {}
    for token in sentence:
        actor = actors.actor_of(token)
        if actor is None or actor in found:
            continue
        head = token
        while head.head.i != head.i and actors.actor_of(head.head) == actor:
            head = head.head
        found[actor] = head
    return list(found.items())


def _holder_features(actors: ActorIndex, actor: str) -> dict[str, float]:
    """What the holder is: its kind, whether the knowledge base knows it, its sector, how
    often the story names it."""
    build = actors.actors[actor]
    mentions = len(build.mentions)
    return {f"holder={actor}": 1.0, f"holder_country={build.country}": 1.0,
            f"holder_kind={build.kind}": 1.0, f"holder_known={build.known}": 1.0,
            f"holder_sector={(build.code or '')[3:] or None}": 1.0,
            f"holder_mentions={min(mentions, 4)}": 1.0}


def _sentence_features(sentence: Span, lexicon: IssueLexicon, valence: dict[str, float]
                       ) -> dict[str, float]:
    """What the whole sentence says: its stance cues and words near them, how negative
    or positive its words are, conditions, negation of its root."""
    features: dict[str, float] = {}
    negative = positive = 0
    for token in sentence:
        stance = lexicon.stance_of(token)
        if stance:
            features[f"sentence_cue={stance}"] = 1.0
            features[f"cue_word={token.lemma_.lower()}"] = 1.0
        value = valence.get(token.lower_, valence.get(token.lemma_.lower(), 0.0))
        negative += value <= -1.5
        positive += value >= 1.5
    features[f"negative={min(negative, 3)}"] = 1.0
    features[f"positive={min(positive, 3)}"] = 1.0
    features[f"root={sentence.root.lemma_.lower()}"] = 1.0
    if modality_of(sentence.root)[1]:
        features["root_negated"] = 1.0
    lowered = f" {sentence.text.lower()} "
    if any(f" {mark} " in lowered for mark in lexicon.conditional):
        features["condition_mark"] = 1.0
    return features


def _act_features(sentence: Span, events: list, actor: str) -> dict[str, float]:
    """The acts of the holder and of others in the sentence."""
    return {f"{'own' if e.source == actor else 'other'}_act={e.type}": 1.0 for e in events
            if sentence.start_char <= e.trigger.start < sentence.end_char}


def decided_positions(candidates: list[Candidate], model: ClassModel) -> list[Position]:
    """The candidates the stance model gives a stance, as positions; a conditional stance
    keeps the conditions the rules read."""
    positions = []
    for candidate in candidates:
        stance, probability = model.decide(candidate.features)
        if stance == NONE:
            continue
        rule = candidate.rule
        trigger = rule.trigger if rule is not None else text_span(
            candidate.trigger if candidate.trigger is not None else candidate.sentence)
        positions.append(Position(
            actor=candidate.actor, issue=candidate.issue, stance=stance,
            conditions=rule.conditions if rule is not None and stance == "conditional"
            else [],
            trigger=trigger, evidence=text_span(candidate.sentence),
            quote=candidate.quote.id if candidate.quote else None,
            confidence=round(min(probability, 0.95), 3)))
    return positions


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
