"""Positions: where each actor stands on each issue, with the conditions it sets.

An issue term ("truce", "withdrawal") governed by a stance cue ("reject", "accept",
"call for") gives the stance of the cue's subject, or of the quote's speaker when the
term is inside a quote. Conditions ("based on a complete withdrawal, an exchange of
prisoners") make the stance conditional. Where no cue says how the actor stands,
wirecoder abstains.
"""

from __future__ import annotations

import re

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
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
_FLIP = {"support": "oppose", "oppose": "support", "demand": "oppose"}


class IssueLexicon:
    """Issue terms and stance cues of ``issues.yaml``, compiled for one vocabulary."""

    def __init__(self, vocab: Vocab, knowledge: Knowledge):
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        self.labels: dict[str, str] = {}
        tokenizer_vocab = vocab
        for issue, spec in knowledge.issues.items():
            if not isinstance(spec, dict) or "terms" not in spec:
                continue
            self.labels[issue] = spec.get("label", issue)
            terms = {str(t).lower() for t in spec["terms"]}
            terms |= {t + "s" for t in terms if " " not in t and not t.endswith("s")}
            self.matcher.add(issue, [Doc(tokenizer_vocab, words=t.split()) for t in terms])
        cues = knowledge.issues.get("stance_cues", {})
        self.single: dict[str, str] = {}
        self.pairs: dict[tuple[str, str], str] = {}
        self.conditional: list[str] = []
        for stance, words in cues.items():
            for word in words:
                parts = str(word).lower().split()
                if stance == "conditional":
                    self.conditional.append(str(word).lower())
                elif len(parts) == 1:
                    self.single.setdefault(parts[0], stance)
                else:
                    self.pairs.setdefault((parts[0], parts[-1]), stance)
        self.conditional.sort(key=len, reverse=True)
        self.sectors = set(knowledge.sectors)

    def stance_of(self, token: Token) -> str | None:
        """The stance a predicate expresses: its lemma, a verb + particle or object pair
        ("turn down"), or a stance adverb on it ("deal seriously and positively")."""
        lemma = token.lemma_.lower()
        near = [g for c in token.children for g in (c, *c.children)]
        for child in near:
            found = self.pairs.get((lemma, child.lemma_.lower()))
            if found:
                return found
        found = self.single.get(lemma)
        if found:
            return found
        for child in near:
            if child.pos_ == "ADV" and child.lemma_.lower() in self.single:
                return self.single[child.lemma_.lower()]
        return None


def _subject(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    if token.dep_ in {"xcomp", "conj", "advcl", "relcl"} and token.head.i != token.i:
        return _subject(token.head)
    return None


def _separate_clause(token: Token) -> bool:
    """ "..., while the army said ...", "... and Russia refused": a clause beside the
    stance, whose conditions are its own."""
    if token.dep_ == "conj":
        return any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _CONTRAST for c in token.children)


def conditions_after(text: str, offset: int, lexicon: IssueLexicon) -> tuple[list[str], int]:
    """The conditions stated after a conditional cue in ``text``, and where they start
    (as an offset into the article)."""
    lower = text.lower()
    for cue in lexicon.conditional:
        match = re.search(rf"\b{re.escape(cue)}\b", lower)
        if match:
            rest = text[match.end():]
            start = offset + match.end() + len(rest) - len(rest.lstrip(" :,"))
            rest = re.split(r"[.;]\s|[.;]$|\"|”", rest.strip(" :,"))[0]
            parts = re.split(r",\s*(?:and\s+)?|\s+and\s+(?=an?\s|the\s)", rest)
            return [p.strip(" ,") for p in parts if len(p.strip(" ,").split()) >= 2], start
    return [], -1


def find_positions(doc: Doc, lexicon: IssueLexicon, actors: ActorIndex,
                   quotes: list[Quote]) -> list[Position]:
    """Stances of actors on issues, each with the sentence it comes from."""
    positions: list[Position] = []
    text = doc.text
    seen: set[tuple[str, str, int]] = set()
    for match_id, start, end in lexicon.matcher(doc):
        issue = doc.vocab.strings[match_id]
        term = doc[start:end]
        if term.root.lemma_.lower() in lexicon.sectors or (
                term.root.dep_ in {"compound", "amod"}
                and term.root.head.lemma_.lower() in lexicon.sectors):
            continue  # "occupation forces" names an actor, not the issue
        governor = term.root
        stance = None
        for _ in range(6):
            governor = governor.head
            stance = lexicon.stance_of(governor)
            if stance or governor.head.i == governor.i:
                break
            if governor.pos_ in {"VERB", "AUX"} and any(
                    c.dep_ in {"nsubj", "nsubjpass"} for c in governor.children):
                break  # a clause with a subject of its own and no stance: abstain
        if not stance:
            continue
        # "urged both sides to accept the ceasefire": the urging actor demands it.
        if governor.dep_ == "xcomp" and lexicon.stance_of(governor.head) == "demand":
            governor, stance = governor.head, "demand"
        quote = next((q for q in quotes if q.content.start <= term.start_char < q.content.end),
                     None)
        speaker = quote.speaker if quote else None
        subject = _subject(governor)
        if subject is not None:  # "Kosovo and Serbia agreed ...": each of them
            found = [actors.resolve(t, speaker) for t in (subject, *subject.conjuncts)]
        else:
            found = [speaker]
        _, negated = modality_of(governor)
        if negated:
            stance = _FLIP.get(stance, "neutral")
        sentence = sentence_of(term.root)
        # conditions belong to the clause of the stance, not to a clause beside it
        end = min(sentence.end_char, governor.right_edge.idx + len(governor.right_edge))
        for child in governor.rights:
            if _separate_clause(child):
                end = min(end, child.left_edge.idx)
        conditions, conditions_start = conditions_after(text[governor.idx:end], governor.idx,
                                                        lexicon)
        if conditions and term.start_char >= conditions_start:
            # an issue named among the conditions is something the actor demands
            stance, conditions = "demand", []
        elif conditions and stance in {"support", "neutral", "oppose"}:
            stance = "conditional"  # "rejected ... until", "accepts ... if"
        for actor in dict.fromkeys(a for a in found if a):
            key = (actor, issue, sentence.start)
            if key in seen:
                continue
            seen.add(key)
            positions.append(Position(
                actor=actor, issue=issue, stance=stance, conditions=conditions,
                trigger=text_span(governor), evidence=text_span(sentence),
                quote=quote.id if quote else None,
                confidence=0.75 if subject is not None else 0.6))
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
