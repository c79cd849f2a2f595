"""Positions: where each actor stands on each issue, with the conditions it sets.

An issue term ("truce", "withdrawal") governed by a stance cue ("reject", "accept",
"call for") gives the stance of the cue's subject, or of the quote's speaker when the
term is inside a quote. Conditions ("based on a complete withdrawal, an exchange of
prisoners") make the stance conditional. Where no cue says how the actor stands,
wirecoder abstains.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from wirecoder.actors import ActorIndex
from wirecoder.events import modality_of
from wirecoder.knowledge import Knowledge
from wirecoder.records import Position, Proposal, Quote
from wirecoder.spans import sentence_of, text_span

_RESPONSE_STANCE = {"accepted": "support", "rejected": "oppose", "conditional": "conditional",
                    "under_study": "neutral"}
_CONTRAST = {"while", "whereas", "although", "though", "as", "after", "because", "since",
             "when"}
# a stance turned around by negation or a reversing word ("demanded the lifting of")
_FLIP = {"support": "oppose", "oppose": "support", "demand": "oppose"}
_OBLIGATION = {"must", "should", "ought"}
_CIRCUMSTANCE = {"because", "despite", "since", "amid", "during",
                 "following", "in", "at", "within", "through", "as", "from", "like", "than"}
_UNASSERTED = {"hope", "expect", "wish", "predict", "fear", "doubt", "wonder", "speculate",
               "imagine", "suppose", "try", "attempt", "convince", "persuade", "ask",
               "hoped", "hopes", "hoping", "force", "compel", "pressure"}
_ANNOUNCING = {"will", "would", "shall", "'ll", "wo", "ca", "cannot", "can"}


class IssueTerm(NamedTuple):
    """An issue named in the text; ``opposed`` when the words name what the issue fights
    ("terrorism" for counterterrorism)."""

    issue: str
    span: Span
    opposed: bool


class IssueLexicon:
    """Issue terms and stance cues of ``issues.yaml``, compiled for one vocabulary."""

    def __init__(self, vocab: Vocab, knowledge: Knowledge):
        self.labels: dict[str, str] = {}
        # terms by their first word (and its plural): (words, issue, opposed)
        self.first: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
        for issue, spec in knowledge.issues.items():
            if not isinstance(spec, dict) or "terms" not in spec:
                continue
            self.labels[issue] = spec.get("label", issue)
            opposed = {tuple(str(t).lower().split()) for t in spec.get("opposed", [])}
            terms = {tuple(str(t).lower().split()) for t in spec["terms"]} - opposed
            for words in terms | opposed:
                for form in {words[0], words[0] + "s"}:
                    self.first.setdefault(form, []).append((words, issue, words in opposed))
        cues = dict(knowledge.issues.get("stance_cues", {}))
        self.reversing = {str(w).lower() for w in cues.pop("reversing", [])}
        self.carrying = {str(w).lower() for w in cues.pop("carrying", [])}
        self.single: dict[str, str] = {}
        self.pairs: dict[tuple[str, str], str] = {}
        self.phrases: dict[str, list[tuple[str, str]]] = {}
        self.conditional: list[str] = []
        self.refusal_conditional: list[str] = []
        for stance, words in cues.items():
            for word in words:
                phrase = str(word).lower()
                parts = phrase.split()
                if stance in {"conditional", "refusal_conditional"}:
                    getattr(self, stance).append(phrase)
                elif len(parts) == 1:
                    self.single.setdefault(parts[0], stance)
                elif len(parts) == 2:
                    self.pairs.setdefault((parts[0], parts[1]), stance)
                else:  # "in favour of": the whole phrase, from its first word
                    self.phrases.setdefault(parts[0], []).append((phrase, stance))
        self.conditional.sort(key=len, reverse=True)
        self.refusal_conditional.sort(key=len, reverse=True)
        self.sectors = set(knowledge.sectors)

    def terms(self, doc: Doc) -> list[IssueTerm]:
        """The issue terms of a story, longest first where they overlap (read once per
        story and kept with it)."""
        if "wirecoder_issue_terms" not in doc.user_data:
            found: list[Span] = []
            opposed: set[tuple[int, int]] = set()
            for token in doc:
                forms = {token.lower_, token.lemma_.lower()}
                for form in forms:
                    for words, issue, against in self.first.get(form, ()):
                        end = _term_end(doc, token.i, words)
                        if end:
                            found.append(Span(doc, token.i, end, label=issue))
                            if against:
                                opposed.add((token.i, end))
            doc.user_data["wirecoder_issue_terms"] = [
                IssueTerm(span.label_, span, (span.start, span.end) in opposed)
                for span in filter_spans(found)]
        return doc.user_data["wirecoder_issue_terms"]

    def stance_of(self, token: Token) -> str | None:
        """The stance a predicate expresses: a phrase it opens ("in favour of"), its lemma,
        a verb + particle or object pair ("turn down"), or a stance adverb on it ("deal
        seriously and positively")."""
        lemma = token.lemma_.lower()
        if lemma in self.phrases or token.lower_ in self.phrases:
            text = token.doc.text[token.idx:token.idx + 60].lower()
            for phrase, stance in self.phrases.get(token.lower_, []) + \
                    self.phrases.get(lemma, []):
                if text.startswith(phrase):
                    return stance
        # its own words, "to" of a complement ("ready to join") and conjoined adverbs
        # ("seriously and positively")
        near = [g for c in token.children
                for g in ((c, *c.children) if c.dep_ in {"xcomp", "advmod"} else (c,))]
        for child in near:
            found = self.pairs.get((lemma, child.lemma_.lower()))
            if found:
                return found
        found = self.single.get(lemma)
        if found:
            return found
        for child in near:  # "viewed positively", not "come back"
            if child.pos_ == "ADV" and child.lower_.endswith("ly") and \
                    child.lemma_.lower() in self.single:
                return self.single[child.lemma_.lower()]
        return None

    def circumstance(self, token: Token) -> bool:
        """ "because of", "in the talks", "after halting operations": a preposition that
        sets the scene, unless it attaches to a word that acts on its object ("a cut in
        aid") or makes a condition ("only after a ceasefire")."""
        if token.dep_ != "prep" or token.lower_ == "in" and \
                token.head.lemma_.lower() in self.reversing | self.carrying:
            return False
        if token.lower_ in {"after", "before"}:
            return token.i == 0 or token.nbor(-1).lower_ not in {"only", "not", "until"}
        return token.lower_ in _CIRCUMSTANCE

    def reaches(self, token: Token, head: Token) -> bool:
        """Whether a stance on ``head`` is a stance on ``token`` below it: the way up goes
        through no other act, clause or circumstance ("a plan to end the war", not "a
        plan to investigate the election" or "force because of the nuclear programme")."""
        while token.i != head.i:
            if _finite_relative(token) or self.circumstance(token):
                return False
            if token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() not in self.carrying:
                return False
            if token.head.i == token.i:
                return False
            token = token.head
        return True


# words a term may have between its own: "withdrawal of (all Russian) troops", and any
# compound noun ("return to (peace) talks")
_INSERTED = {"JJ", "JJR", "JJS", "NNP", "NNPS", "DT", "PDT", "CD", "PRP$"}


def _same_word(token: Token, word: str) -> bool:
    """A term word matches its lowercase form, its plural with "s" or its lemma."""
    return token.lower_ in {word, word + "s"} or token.lemma_.lower() == word


def _term_end(doc: Doc, start: int, words: tuple[str, ...]) -> int | None:
    """Where a term starting at ``start`` ends, with up to two modifiers between its
    words, or None when it does not continue there."""
    if not _same_word(doc[start], words[0]):
        return None
    i = start + 1
    for word in words[1:]:
        for _ in range(3):
            if i >= len(doc):
                return None
            if _same_word(doc[i], word):
                break
            if doc[i].tag_ not in _INSERTED and doc[i].dep_ != "compound":
                return None
            i += 1
        else:
            return None
        i += 1
    return i


def _finite_relative(token: Token) -> bool:
    """ "the plan, which Israel rejected": a clause of its own ("a corridor to deliver
    aid" is not)."""
    return token.dep_ == "relcl" and not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


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
            if child.dep_ == "prep" and child.lower_ in {"of", "by", "from"}:
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
    if verb.lemma_ in {"have", "need"} and any(c.dep_ == "xcomp" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ in {"have", "need"}


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


def _separate_clause(token: Token) -> bool:
    """ "..., while the army said ...", "... and Russia refused": a clause beside the
    stance, whose conditions are its own."""
    if token.dep_ == "conj":
        return any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _CONTRAST for c in token.children)


def clause_end(governor: Token) -> int:
    """Where the clause of a stance ends: conditions belong to it, not to a clause beside
    it ("X accepted, while Y said it would only agree if ...")."""
    sentence = sentence_of(governor)
    end = min(sentence.end_char, governor.right_edge.idx + len(governor.right_edge))
    for child in governor.rights:
        if _separate_clause(child):
            end = min(end, child.left_edge.idx)
    return end


def conditions_after(text: str, offset: int, lexicon: IssueLexicon, refusal: bool = False
                     ) -> tuple[list[str], int]:
    """The conditions stated after a conditional cue in ``text``, and where they start
    (as an offset into the article); ``refusal`` admits the cues of a refusal too."""
    lower = text.lower()
    cues = lexicon.conditional + (lexicon.refusal_conditional if refusal else [])
    for cue in cues:
        # "rejected independence before in a referendum" is a time, not a condition
        match = re.search(rf"\b{re.escape(cue)}\b(?!\s+(?:in|on|at|during|then|now)\b)",
                          lower)
        if match:
            rest = text[match.end():]
            start = offset + match.end() + len(rest) - len(rest.lstrip(" :,"))
            rest = re.split(r"[.;]\s|[.;]$|\"|”", rest.strip(" :,"))[0]
            parts = re.split(r",\s*(?:and\s+)?|\s+and\s+(?=an?\s|the\s)", rest)
            return [p.strip(" ,") for p in parts if len(p.strip(" ,").split()) >= 2], start
    return [], -1


def _unasserted(verb: Token) -> bool:
    """ "hoped", "tried", "expects": a verb whose clause is not a fact (the small model
    lemmatizes "hoped" as "hop", so the word itself is checked too)."""
    return verb.lemma_.lower() in _UNASSERTED or verb.lower_ in _UNASSERTED


def hypothetical(governor: Token, lexicon: IssueLexicon) -> bool:
    """Whether a stance lies inside a condition, a question or a hope ("on condition that
    Israel commit to a ceasefire", "if Hamas accepts the truce", "whether to accept", "he
    hoped Washington would examine the plan"): not a stance anyone has taken."""
    clause = governor
    while clause.dep_ in {"xcomp", "conj", "acomp"} and clause.head.i != clause.i:
        if clause.dep_ == "xcomp" and _unasserted(clause.head):
            return True  # "will try to convince Pompeo to support a safe zone"
        clause = clause.head
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"}
           for c in clause.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in {"could", "might", "may"}
           for c in governor.children):
        return True  # "the US could adopt the agenda"
    if sentence_of(governor).text.rstrip(' "\'”’').endswith("?"):
        return True  # "Will Hamas accept the truce?"
    if clause.dep_ in {"ccomp", "xcomp"} and _unasserted(clause.head):
        return True  # "he hoped Washington would examine the plan"
    start = clause.left_edge.idx
    before = governor.doc.text[max(0, start - 30):start].lower().rstrip(" ,")
    return any(re.search(rf"\b{re.escape(cue)}$", before) for cue in lexicon.conditional)


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
            root.head.lemma_.lower() in lexicon.carrying | lexicon.reversing | {"have", "need"}:
        # "sanctions must be lifted": the speaker opposes them; "a truce must hold"
        reversed_ = root.head.lemma_.lower() in lexicon.reversing or any(
            c.dep_ == "xcomp" and c.lemma_.lower() in lexicon.reversing
            for c in root.head.children)
        return root.head, "oppose" if reversed_ else "demand"
    governor, reversed_, nouns = root, False, 0
    for _ in range(6):
        if _finite_relative(governor) or lexicon.circumstance(governor):
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
        subject.lemma_.lower() in {"percent", "%", "majority", "minority", "poll", "survey"}


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


def find_positions(doc: Doc, lexicon: IssueLexicon, actors: ActorIndex,
                   quotes: list[Quote], proposals: list[Proposal]) -> list[Position]:
    """Stances of actors on issues, each with the sentence it comes from."""
    positions: list[Position] = []
    text = doc.text
    seen: set[tuple[str, str, int]] = set()
    terms = lexicon.terms(doc)
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
        quote = next((q for q in quotes if q.content.start <= term.start_char < q.content.end),
                     None)
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
