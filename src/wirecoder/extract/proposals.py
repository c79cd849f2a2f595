"""Proposals: truce proposals, plans and papers, who backs and delivers them, who answered how.

A proposal mention is a noun phrase headed by a proposal term (``issues.yaml``). Its sponsor
comes from the phrase ("Egypt's plan", "the Biden plan", "a proposal from Qatar", "the plan
proposed by X") or from an authoring verb ("X unveiled a plan"); its presenter and recipients
from a delivering verb ("mediators presented a proposal to Hamas", "the paper that the
mediators showed us"); each response from the verb that governs it ("Israel rejected an
earlier proposal", "refused to accept the plan"). Later definite mentions ("the proposal",
"the plan") refer back to the latest proposal that fits; "an earlier proposal" is a separate
one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from wirecoder.extract.actors import ActorIndex
from wirecoder.extract.context import Context
from wirecoder.extract.grammar import (
    QuoteLookup,
    clause_end,
    conditions_after,
    hypothetical,
    modality_of,
    reaches,
    sentence_of,
    text_of,
    text_span,
)
from wirecoder.knowledge.lexicons import IssueLexicon, ProposalLexicon, grammar_words
from wirecoder.records import Proposal, ProposalResponse, Quote

# "viewed the plan positively": a stance cue says how a party answered
_STANCE_RESPONSE = {"support": "accepted", "oppose": "rejected", "neutral": "under_study"}
_INDEFINITE = grammar_words().nouns["indefinite"]
_CONTENT_PREPS = grammar_words().prepositions["proposal_content"]
_AUTHOR_PREPS = grammar_words().prepositions["author"]
_OBJECTS = {"dobj", "dative", "ccomp", "xcomp", "attr", "oprd", "nsubjpass", "csubj"}
_RESPONSES = {"accepted", "rejected", "under_study"}


@dataclass
class _Mention:
    head: Token
    phrase: Span
    issue: str | None = None
    sponsor: str | None = None
    presenter: str | None = None
    recipients: list[str] = field(default_factory=list)
    responses: list[ProposalResponse] = field(default_factory=list)
    order: str | None = None  # "earlier" or "new"
    definite: bool = True
    issue_only: bool = False  # named by an issue term ("the truce"), not a proposal noun
    offered: bool = False  # an issue term some party proposed ("proposed a truce")


class _Reader:
    """Reads the proposals of one parsed story."""

    def __init__(self, doc: Doc, lexicon: ProposalLexicon, issues: IssueLexicon,
                 actors: ActorIndex, quotes: list[Quote]):
        self.doc, self.lexicon, self.issues = doc, lexicon, issues
        self.actors, self.quotes = actors, quotes
        self.quote_at = QuoteLookup(quotes)
        self.sentences = [s.start_char for s in doc.sents]
        self.issue_at: dict[int, str] = {}
        for issue, term, _ in issues.terms(doc):
            for token in term:
                self.issue_at[token.i] = issue

    def _quote(self, token: Token) -> Quote | None:
        return self.quote_at.at(token.idx)

    def _actor(self, token: Token | None) -> str | None:
        if token is None:
            return None
        quote = self._quote(token)
        return self.actors.resolve(token, quote.speaker if quote else None) or \
            self.actors.unnamed_speaker(token)

    def mentions(self) -> list[_Mention]:
        found: dict[int, _Mention] = {}
        for _, start, end in self.lexicon.matcher(self.doc):
            head = self.doc[start:end].root
            if head.pos_ not in {"NOUN", "PROPN"} or head.dep_ == "compound" or head.i in found:
                continue
            if head.tag_ == "NNS" and not any(c.dep_ in {"det", "poss", "nummod"}
                                              for c in head.children):
                continue  # "block free-trade deals": deals in general, not a proposal
            found[head.i] = self._read(head)
        # "proposed a one-week truce": an issue offered is a proposal; "accepted the
        # truce" later answers it
        for issue, term, _ in self.issues.terms(self.doc):
            head = term.root
            if head.pos_ != "NOUN" or head.i in found or issue in self.lexicon.invitations:
                continue
            via = head.head if head.dep_ == "pobj" else None
            verb = via.head if via is not None else head.head
            if head.dep_ not in {"dobj", "pobj"} or verb.pos_ != "VERB":
                continue
            role = self.lexicon.role_of(verb, via)
            offered = head.dep_ == "dobj" and role in {"author", "present"}
            answered = role in _RESPONSES and any(
                c.dep_ in {"det", "poss"} and c.lower_ not in _INDEFINITE
                for c in head.children)
            if offered or answered:
                found[head.i] = self._read(head)
                found[head.i].offered = offered
                found[head.i].issue_only = True
        # "Kenya offered to lead a security mission": an offer made with a verb
        for verb in self.doc:
            act = next((c for c in verb.children if c.dep_ == "xcomp"), None)
            if act is None or verb.i in found or \
                    self.lexicon.role_of(verb) not in {"author", "present"}:
                continue
            mention = _Mention(verb, self.doc[verb.i:act.right_edge.i + 1], definite=False,
                               offered=True)
            mention.issue = next((self.issue_at[t.i] for t in mention.phrase
                                  if t.i in self.issue_at), None)
            mention.sponsor = self._actor(self._subject(verb))
            found[verb.i] = mention
        return [found[i] for i in sorted(found)]

    def bare_responses(self) -> list[tuple[Token, str, Token]]:
        """ "The army said it would only agree if ...": a response verb with no object
        of its own, with its response and its subject."""
        found = []
        for verb in self.doc:
            if verb.pos_ != "VERB" or any(c.dep_ in _OBJECTS | {"prep"}
                                          for c in verb.children):
                continue
            role = self.lexicon.role_of(verb) or _STANCE_RESPONSE.get(
                self.issues.stance_of(verb) or "")
            subject = self._subject(verb)
            if role in _RESPONSES and subject is not None:
                found.append((verb, role, subject))
        return found

    def _read(self, head: Token) -> _Mention:
        doc = self.doc
        phrase = doc[head.left_edge.i:head.i + 1]
        for child in head.rights:  # "a proposal for a ceasefire", "a plan to end the war"
            if child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS and \
                    not self._conditional(child) or child.dep_ == "acl" and any(
                        c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                phrase = doc[phrase.start:child.right_edge.i + 1]
                break
        mention = _Mention(head, phrase)
        mention.issue = next((self.issue_at[t.i] for t in phrase if t.i in self.issue_at
                              and reaches(t, head, self.issues)), None)
        for child in head.children:
            lower = child.lower_
            if child.dep_ == "det" or child.dep_ == "poss":
                mention.definite = lower not in _INDEFINITE
            if lower in self.lexicon.earlier:
                mention.order = "earlier"
            elif lower in self.lexicon.new:
                mention.order = "new"
                mention.definite = False
            if child.dep_ == "poss" or (child.dep_ in {"amod", "compound", "nmod"}
                                        and self.actors.actor_of(child)):
                mention.sponsor = mention.sponsor or self._actor(child)
            elif child.dep_ in {"amod", "compound"} and \
                    self.lexicon.role_of(child) in {"author", "accepted"}:
                # "the EU-backed plan", "the Qatari-brokered deal"
                backer = next((g for g in child.children if self.actors.actor_of(g)), None)
                mention.sponsor = mention.sponsor or self._actor(backer)
            elif child.dep_ == "prep" and lower in _AUTHOR_PREPS:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                mention.sponsor = mention.sponsor or self._actor(pobj)
            elif child.dep_ in {"acl", "relcl"}:
                self._clause(child, mention)
        if not any(c.dep_ in {"det", "poss"} for c in head.children):
            mention.definite = False
        self._governor(mention)
        return mention

    def _conditional(self, token: Token) -> bool:
        """Whether a phrase opens with a conditional cue ("on condition that")."""
        rest = text_of(self.doc)[token.idx:token.idx + 40].lower()
        return any(rest.startswith(cue) for cue in self.issues.conditional)

    def _clause(self, verb: Token, mention: _Mention) -> None:
        """ "the plan proposed by X", "the paper that the mediators showed us", "the
        previous proposal that we agreed to"."""
        via = next((c for c in verb.children if c.dep_ == "prep"), None)
        role = self.lexicon.role_of(verb, via)
        if role is None:
            return
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subject = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else \
            next((c for c in verb.children if c.dep_ in {"nsubj"} and
                  c.tag_ not in {"WDT", "WP"}), None)
        self._apply(role, verb, subject, mention)

    def _governor(self, mention: _Mention) -> None:
        """The verb the mention is the object of ("rejected the plan", "agreed to it")."""
        head = mention.head
        via = None
        # "agreed on the implementation of the plan": through the noun that holds it
        while head.dep_ == "pobj" and head.head.lower_ == "of" and \
                head.head.head.pos_ == "NOUN":
            head = head.head.head
        if head.dep_ == "pobj" and head.head.dep_ in {"prep", "agent"}:
            via = head.head
            verb = via.head
        elif head.dep_ in {"dobj", "nsubjpass", "dative", "attr", "oprd"}:
            verb = head.head
        else:
            return
        if verb.pos_ not in {"VERB", "AUX"}:
            return
        if head.dep_ == "nsubjpass":  # "the plan was rejected by Israel"
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            subject = next((g for g in agent.children if g.dep_ == "pobj"), None) \
                if agent else None
        else:
            subject = self._subject(verb)
        role = self.lexicon.role_of(verb, via) or _STANCE_RESPONSE.get(
            self.issues.stance_of(verb) or "")
        for party in (subject, *subject.conjuncts) if subject is not None else (None,):
            self._apply(role, verb, party, mention)

    def _subject(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "nsubj":
                return child
        if verb.dep_ == "xcomp":
            # "urged both parties to accept the deal": the parties would accept, not the
            # one who urges
            urged = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            if urged is not None:
                return urged
        if verb.dep_ in {"xcomp", "conj", "advcl"} and verb.head.i != verb.i:
            return self._subject(verb.head)
        return None

    def _apply(self, role: str | None, verb: Token, subject: Token | None,
               mention: _Mention) -> None:
        if role is None:
            return
        actor = self._actor(subject)
        if actor is None and subject is None:
            quote = self._quote(verb)
            actor = quote.speaker if quote else None
        if role == "author":
            mention.sponsor = mention.sponsor or actor
        elif role == "present":
            mention.presenter = mention.presenter or actor
            for child in verb.children:
                target = child if child.dep_ == "dative" and child.pos_ != "ADP" else \
                    next((g for g in child.children if g.dep_ == "pobj"), None) \
                    if child.dep_ in {"prep", "dative"} and child.lower_ == "to" else None
                recipient = self._actor(target)
                if recipient and recipient not in mention.recipients:
                    mention.recipients.append(recipient)
        elif self.actors.can_hold_stance(actor):
            self._respond(role, verb, actor, mention)

    def _respond(self, response: str, verb: Token, actor: str, mention: _Mention) -> None:
        modality, negated = modality_of(verb)
        if modality == "demanded" or hypothetical(verb, self.issues):
            return  # "urged both parties to accept the deal": no one has answered yet
        if actor in {mention.sponsor, mention.presenter}:
            return  # "stood by their plan": a party does not answer its own proposal
        negated = negated or any(c.dep_ == "det" and c.lower_ == "no"
                                 for o in verb.children if o.dep_ == "dobj"
                                 for c in o.children)  # "signed no treaty"
        if negated:  # "did not accept", "refused to accept"
            response = {"accepted": "rejected", "rejected": "accepted"}.get(response,
                                                                             response)
        sentence = sentence_of(verb)
        conditions, start = conditions_after(text_of(self.doc)[verb.idx:clause_end(verb)],
                                             verb.idx, self.issues,
                                             refusal=response == "rejected")
        if conditions:  # "accepted ... if", "rejected the plan until ..."
            response = "conditional"
        quote = self._quote(verb)
        if quote and self.actors.speaks_for(quote.speaker, actor):
            actor = quote.speaker  # "Putin said Moscow agreed": the voice on record
        mention.responses.append(ProposalResponse(
            actor=actor, response=response, conditions=conditions if start >= 0 else [],
            trigger=text_span(verb), evidence=text_span(sentence),
            quote=quote.id if quote else None, confidence=0.7))


def _better(known: str | None, found: str | None) -> str | None:
    """The more specific of two actor ids: a named party beats an unaffiliated source."""
    if known is None or (found and known.startswith("anonymous:unaffiliated")):
        return found or known
    return known


def _fits(proposal: Proposal, mention: _Mention) -> bool:
    """Whether a later mention can refer back to ``proposal``."""
    if mention.order is not None and (mention.order == "earlier") != proposal.earlier:
        return False
    if mention.sponsor and proposal.sponsor and mention.sponsor != proposal.sponsor:
        return False
    return not (mention.issue and proposal.issue and mention.issue != proposal.issue)


def _near(proposal: Proposal, mention: _Mention, sentences: list[int]) -> bool:
    """Whether a mention is close enough to refer back: the same noun ("the plan" after "a
    plan"), or within three sentences of the proposal's last mention."""
    last = proposal.mentions[-1]
    if last.text.lower().split()[-1:] == [mention.head.lower_]:
        return True
    return sum(last.end <= start <= mention.head.idx for start in sentences) <= 3


def find_proposals(doc: Doc, context: Context) -> list[Proposal]:
    """The proposals of a story, each with all its mentions, ids ``p1``, ``p2``..."""
    lexicons = context.lexicons
    reader = _Reader(doc, lexicons.proposals, lexicons.issues, context.actors, context.quotes)
    proposals: list[Proposal] = []
    introduced_as_new: set[str] = set()
    for mention in reader.mentions():
        named = mention.sponsor or mention.presenter or mention.issue
        candidates = [p for p in reversed(proposals) if _fits(p, mention)
                      and _near(p, mention, reader.sentences)]
        if mention.issue_only and not mention.offered and not any(
                p.issue == mention.issue for p in candidates):
            continue  # "the truce" with no truce on the table is the issue, not a proposal
        # A definite or attributed mention refers back. "A new proposal" starts one,
        # unless the proposal before was itself introduced as new (headline and lead).
        refers_back = mention.definite or (named and mention.order != "new") or (
            mention.order == "new" and candidates and candidates[0].id in introduced_as_new)
        if candidates and refers_back:
            proposal = candidates[0]
        else:
            proposal = Proposal(id=f"p{len(proposals) + 1}", name=mention.phrase.text,
                                earlier=mention.order == "earlier", confidence=0.6)
            proposals.append(proposal)
            if mention.order == "new":
                introduced_as_new.add(proposal.id)
        proposal.mentions.append(text_span(mention.phrase))
        proposal.issue = proposal.issue or mention.issue
        proposal.sponsor = _better(proposal.sponsor, mention.sponsor)
        proposal.presenter = _better(proposal.presenter, mention.presenter)
        proposal.recipients += [r for r in mention.recipients if r not in proposal.recipients]
        proposal.responses += mention.responses
        if len(mention.phrase) > len(proposal.name.split()) and not mention.definite:
            proposal.name = mention.phrase.text
    _answer_latest(reader, proposals)
    # a proposal named once with nothing said about it is only a word in passing
    kept = [p for p in proposals if p.sponsor or p.presenter or p.responses or p.issue
            or len(p.mentions) > 1]
    for number, proposal in enumerate(kept, 1):
        proposal.id = f"p{number}"
    return kept


def _answer_latest(reader: _Reader, proposals: list[Proposal]) -> None:
    """A response with no object answers the proposal named last, in its sentence or the
    one before ("Egypt proposed a truce. Hamas accepted.")."""
    answered = {r.trigger.start for p in proposals for r in p.responses}
    sentences = reader.sentences
    for verb, role, subject in reader.bare_responses():
        if verb.idx in answered:
            continue
        named = [(m.end, p) for p in proposals for m in p.mentions if m.end <= verb.idx]
        if not named:
            continue
        end, proposal = max(named, key=lambda pair: pair[0])
        if sum(end <= start <= verb.idx for start in sentences) > 1:
            continue
        actor = reader._actor(subject)
        if not reader.actors.can_hold_stance(actor):
            continue
        mention = _Mention(verb, reader.doc[verb.i:verb.i + 1])
        reader._respond(role, verb, actor, mention)
        proposal.responses += mention.responses
