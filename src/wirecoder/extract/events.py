"""Events: who did what to whom, coded into PLOVER types from the verb and noun lexicon.

A verb trigger takes its source from the subject (or the passive agent) and its target
from the first argument that names an actor: the object (or the passive subject), a
preposition's object ("sanctions on Iran"), the subject of a demanded clause ("demanded
that Israel withdraw"), or the party a threat is conditioned on ("unless Baghdad
accepts"). A noun trigger ("Israeli airstrikes on Rafah") takes them from its modifiers.
Negation, refusal, intention, threat and condition are recorded as modality: an event that
the text says did not happen is ``negated`` and never ``asserted``. An act the actor
announces for the future is coded as the manual says ("will meet" is AGREE, "will not
accept" is REJECT, "would blockade" is THREATEN; ``announced`` in ``events.yaml``), and a
reported "X must ..." is a DEMAND on X.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from wirecoder.extract.context import Context
from wirecoder.extract.criticism import sentence_features, trigger_word
from wirecoder.extract.event_filter import kept
from wirecoder.extract.event_types import EventTyper
from wirecoder.extract.grammar import (
    QuoteLookup,
    announced,
    in_background,
    modality_of,
    negated,
    noun_phrase,
    sentence_of,
    text_of,
    text_span,
)
from wirecoder.extract.parse import dateline
from wirecoder.knowledge.lexicons import Trigger, grammar_words
from wirecoder.records import Event, Place, Quote, TimeExpression
from wirecoder.records import Span as TextSpan

_TARGET_PREPS = grammar_words().prepositions["target"]
_CONDITION_MARKS = grammar_words().modality["condition_marks"]
_BENEFICIARY = grammar_words().prepositions["beneficiary"]


def _between(starts: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The (offset, index) pairs of a sorted list with ``start <= offset < end``."""
    return starts[bisect_left(starts, (start, -1)):bisect_left(starts, (end, -1))]


def _prepositional_objects(token: Token):
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            yield from (c for c in child.children if c.dep_ == "pobj")


def _threat_condition(token: Token) -> bool:
    """Whether an "unless" clause conditions the predicate."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless"
                                         for m in c.children)
               for c in token.children)


def _locative(doc: Doc, mention: TextSpan) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span[0].ent_type_ in {"GPE", "LOC", "FAC", ""}


def _clause_subject(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


class EventCoder:
    """Codes the events of one parsed story."""

    def __init__(self, doc: Doc, context: Context):
        self.doc = doc
        self.text = text_of(doc)
        self.lexicon = context.lexicons.events
        self.actors = context.actors
        self.quotes: list[Quote] = context.quotes
        self.quote_at = QuoteLookup(self.quotes)
        self.times: list[TimeExpression] = context.times
        self.places: list[Place] = context.places
        self.published: dt.date | None = context.published
        # time and place mentions by where they start, for the ones in a sentence
        self.time_starts = sorted((t.start, n) for n, t in enumerate(self.times))
        # where things happen: places the NER tagged as such, not "Russian" in "Russian
        # troops" nor "Colorado" in "Colorado State University"
        self.place_mentions = [(n, m) for n, p in enumerate(self.places) for m in p.mentions
                               if _locative(doc, m)]
        start, end = dateline(text_of(doc))
        self.dateline_place = next((p.id for p in self.places for m in p.mentions
                                    if start <= m.start and m.end <= end), None)
        self.place_starts = sorted((m.start, k) for k, (_, m) in enumerate(self.place_mentions))
        places = self.places
        self.events: list[Event] = []
        self.predicates: dict[int, Event] = {}  # predicate token index -> its event
        self.event_filter = context.event_filter
        self.criticism = context.criticism
        self.typer = EventTyper(self.lexicon, context.event_model, self.actors.actor_of,
                                lambda token: self._quote_of(token) is not None)
        # token index -> (place, mention) of the place mention it lies in
        self.place_spans: dict[int, tuple[Place, Span]] = {}
        for place in places:
            for mention in place.mentions if place.country else []:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                for inside in span if span is not None else []:
                    self.place_spans[inside.i] = (place, span)

    def _quote_of(self, token: Token) -> Quote | None:
        return self.quote_at.at(token.idx)

    def _subject(self, token: Token) -> Token | None:
        for child in token.children:
            if child.dep_ in {"nsubj", "csubj"}:
                return child
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if token.dep_ == "xcomp" and token.head.i != token.i:
            # "urged both sides to agree": the object of the governing verb acts
            controller = next((c for c in token.head.children if c.dep_ == "dobj"), None)
            return controller if controller is not None else self._subject(token.head)
        if token.dep_ in {"conj", "advcl", "acomp"} and token.head.i != token.i:
            return self._subject(token.head)  # "Turkey is willing to withdraw"
        if token.dep_ == "acl" and token.head.i != token.i:
            # "demonstrators demanding ...", or the author of "a statement demanding ..."
            noun = token.head
            if noun.lemma_.lower() in self.lexicon.source_nouns and \
                    noun.dep_ in {"dobj", "attr"}:
                return self._subject(noun.head)
            return noun
        return None

    def _object(self, token: Token, event_type: str | None = None,
                source: Token | None = None) -> Token | None:
        """The first argument of the predicate that refers to an actor other than the
        source ("Croatia investigated crimes by Croatian extremists")."""
        quote = self._quote_of(token)
        speaker = quote.speaker if quote else None
        acting = self.actors.resolve(source, speaker)
        for candidate in self._object_candidates(token, event_type):
            found = self.actors.resolve(candidate, speaker)
            if found and found != acting:
                return candidate
        return None

    def _place_target(self, token: Token, event_type: str | None) -> tuple[str, str] | None:
        """The country of a place the act is aimed at or happens in, when no actor is:
        "shelled targets in Jericho", "the invasion of South Lebanon" (the PLOVER coding
        of a located act). Returns the country actor and the place."""
        candidates = self._object_candidates(token, event_type) if token.pos_ == "VERB" \
            else (c for p in token.children if p.dep_ == "prep" and p.lower_ in _TARGET_PREPS
                  for c in p.children if c.dep_ == "pobj")
        for candidate in candidates:
            # "targets in Jericho", "the capital city of Algiers"
            for inside in noun_phrase(candidate):
                found = self.place_spans.get(inside.i)
                if found and self.actors.actor_of(inside) is None:
                    place, span = found
                    actor_id = self.actors.country_actor(place.country, span)
                    return (actor_id, place.id) if actor_id else None
        return None

    def _object_candidates(self, token: Token, event_type: str | None):
        children = list(token.children)
        objects = [c for c in children if c.dep_ in {"dobj", "nsubjpass", "dative"}]
        yield from objects
        yield from _prepositional_objects(token)
        for found in objects:
            # "rejected calls by Belarus", "investigating crimes by Croatian extremists": the
            # author of what is acted upon
            yield from (c for p in found.children if p.dep_ == "prep" and p.lower_ == "by"
                        for c in p.children if c.dep_ == "pobj")
            # "imposed sanctions on the Taliban", "threatened further action against Russia"
            yield from _prepositional_objects(found)
        for child in children:
            if child.dep_ == "xcomp":
                # "offered to hand over to Britain", "promised to continue aid to Mozambique"
                yield from self._object_candidates(child, event_type)
        if not objects:
            # "donated and delivered goods to X": verbs joined by "and" share what follows
            for child in children:
                if child.dep_ == "conj" and child.pos_ == "VERB" and \
                        _clause_subject(child) is None:
                    yield from (c for c in child.children if c.dep_ == "dobj")
                    yield from _prepositional_objects(child)
        if event_type == "DEMAND":
            # "demanded that the US cancel ...", "its demand that Israel ease ..."
            for head in [token, *objects]:
                for child in head.children:
                    if child.dep_ in {"ccomp", "acl"}:
                        subject = _clause_subject(child)
                        if subject is not None:
                            yield subject
        if event_type == "THREATEN":
            # "threatened to stop the talks if the United States goes ahead": the threat is
            # aimed at the party whose act is its condition
            for child in token.subtree:
                if child.dep_ == "advcl" and any(
                        m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS
                        for m in child.children):
                    subject = _clause_subject(child)
                    if subject is not None:
                        yield subject

    def _date(self, token: Token) -> tuple[dt.date | None, str | None]:
        sentence = sentence_of(token)
        for _, order in _between(self.time_starts, sentence.start_char, sentence.end_char):
            time = self.times[order]
            if time.value and time.grain == "day":
                return time.value, "sentence"
        if self.published:
            return self.published, "published"
        return None, None

    def _place(self, token: Token, actor_ids: set[str | None]) -> str | None:
        sentence = sentence_of(token)
        # the first place (in the order of the place records) named in the sentence
        for _, (number, mention) in sorted(
                (order, self.place_mentions[order]) for _, order in
                _between(self.place_starts, sentence.start_char, sentence.end_char)):
            inside = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if inside is not None and self.actors.actor_of(inside.root) in actor_ids \
                    and self.actors.actor_of(inside.root) is not None:
                continue
            return self.places[number].id
        return None

    def _emit(self, token: Token, trigger: Trigger, first: int, source: Token | None,
              target: Token | None, predicate: Token | None = None,
              source_id: str | None = None) -> None:
        """Record an event triggered by ``doc[first:token.i + 1]``; its modality is read
        from ``predicate`` (by default the trigger verb, or the verb governing a noun)."""
        quote = self._quote_of(token)
        speaker = quote.speaker if quote else None
        source_id = source_id or self.actors.resolve(source, speaker) or \
            self.actors.located_group(source)
        target_id = self.actors.resolve(target, speaker)
        anchor = self.doc[first:token.i + 1].root  # "state" in "a state of siege"
        located = None
        if target is None and source_id is not None and \
                trigger.type in self.lexicon.place_targets:
            located = self._place_target(anchor, trigger.type)
            target_id = located[0] if located else None
        if in_background(anchor if anchor.pos_ in {"VERB", "NOUN", "PROPN"} else token,
                         self.times, self.published):
            return
        if source_id is None and target_id is None and not (
                # a reported act with no party named ("ten people were killed"), by the
                # learned typer only: the lexicon's are mostly topics and history
                self.typer.model is not None and token.pos_ == "VERB"
                and trigger.type in self.lexicon.agentless):
            return
        if source_id == target_id:
            target_id = None
        if predicate is None:
            predicate = anchor if anchor.pos_ in {"VERB", "AUX"} else anchor.head
        event_type, mode = trigger.type, trigger.mode
        modality, negated = modality_of(predicate)
        if any(c.dep_ == "aux" and c.lower_ in self.lexicon.demand_modals
               for c in predicate.children) and modality == "asserted":
            modality = "demanded"  # "Sudan must return the helicopter"
        elif modality in {"intended", "negated"} and announced(predicate):
            table = self.lexicon.announced_negated if negated else self.lexicon.announced
            if event_type in table:
                # "will not accept refugees" is a refusal that did happen
                event_type, mode = table[event_type], None
                if negated:
                    modality, negated = "asserted", False
        date, date_from = self._date(token)
        place = located[1] if located else self._place(token, {source_id, target_id})
        place_from = "sentence" if place else None
        if place is None and self.dateline_place:
            place, place_from = self.dateline_place, "dateline"
        sentence = sentence_of(token)
        if announced(predicate) and not negated and _threat_condition(predicate):
            # "will withdraw its force unless ...": a conditional announced act is a threat
            event_type, mode, modality = "THREATEN", None, "threatened"
        confidence = 0.6 + (0.15 if source_id else 0) + (0.1 if target_id else 0) - \
            (0.05 if located else 0)
        if quote:
            confidence -= 0.05
        event = Event(
            id="", type=event_type, mode=mode, source=source_id, target=target_id,
            negated=negated, modality=modality,
            trigger=TextSpan(start=self.doc[first].idx, end=token.idx + len(token.text),
                             text=self.text[self.doc[first].idx:token.idx + len(token.text)]),
            date=date, date_from=date_from,
            place=place, place_from=place_from,
            quote=quote.id if quote else None,
            evidence=text_span(sentence),
            confidence=round(min(confidence, 0.95), 2))
        self.events.append(event)
        self.predicates.setdefault(token.i, event)
        self.predicates.setdefault(predicate.i, event)  # a noun's governing verb

    def code(self) -> list[Event]:
        for token in self.doc:
            if token.pos_ == "VERB":
                trigger = self.typer.trigger(token)
                if trigger:
                    source = self._subject(token)
                    if any(c.dep_ == "nsubjpass" for c in token.children):
                        source = next((p for c in token.children if c.dep_ == "agent"
                                       for p in c.children if p.dep_ == "pobj"), None)
                    target = self._object(token, trigger.type, source)
                    self._emit(token, trigger, token.i, source, target)
                self._reported_demand(token)
            elif token.pos_ in {"NOUN", "PROPN"}:
                found = self.lexicon.noun(token)
                trigger = self.typer.trigger(token) if found else None
                head = self.doc[found[1]:token.i + 1].root if found else token
                if trigger and not (head.head.pos_ == "VERB" and self.typer.trigger(head.head)
                                    and head.dep_ in {"dobj", "attr"}):
                    first = found[1]
                    self._emit(token, trigger, first, *self._noun_roles(head, trigger.type))
        for number, event in enumerate(self.events, 1):
            event.id = f"e{number}"
        self._link_contents()
        if self.event_filter is not None:
            self.events = kept(self.events, self.doc, self.event_filter, self.lexicon,
                               self.actors.actor_of,
                               lambda token: self._quote_of(token) is not None)
        if self.criticism is not None:
            self._criticize()
        self.events.sort(key=lambda e: e.trigger.start)
        renamed = {e.id: f"e{number}" for number, e in enumerate(self.events, 1)}
        for event in self.events:
            event.id = renamed[event.id]
            event.content_of = renamed.get(event.content_of or "")
        return self.events

    def _criticize(self) -> None:
        """A DISAPPROVE event where the criticism model reads one in a sentence the coder
        gave none (``extract/criticism.py``)."""
        for sentence in self.doc.sents:
            inside = [e for e in self.events
                      if sentence.start_char <= e.trigger.start < sentence.end_char]
            word = None if any(e.type == "DISAPPROVE" for e in inside) else trigger_word(
                sentence, self.lexicon, [(e.trigger.start, e.trigger.end) for e in inside])
            if word is None:
                continue
            quoted = any(self._quote_of(t) is not None for t in sentence)
            features = sentence_features(sentence, self.lexicon, [e.type for e in inside],
                                         quoted)
            if self.criticism.score(features) >= self.criticism.threshold:
                self._disapproval(word)

    def _disapproval(self, word: Token) -> None:
        """Code the criticism carried by ``word``: a quote's speaker criticizes whom the
        quoted clause is about; otherwise the subject of the clause that carries the word
        criticizes its object; failing those, the nearest other actor of the sentence."""
        quote = self._quote_of(word)
        speaker = quote.speaker if quote else None
        verbs = [t for t in [word, *word.ancestors] if t.pos_ in {"VERB", "AUX"}]
        verb = verbs[0] if verbs else word
        source = target = None
        def own(actor: str | None, acting: str | None) -> bool:
            """The critic itself, or a body it speaks for or that speaks for it."""
            return actor == acting or self.actors.speaks_for(acting, actor) or \
                self.actors.speaks_for(actor, acting)

        for candidate in verbs:
            subject = self._subject(candidate)
            found = self.actors.resolve(subject, speaker)
            if found is not None and not own(found, speaker):
                if speaker is None:
                    source, verb = subject, candidate
                    target = self._object(candidate, "DISAPPROVE", subject)
                else:
                    target = subject  # "North Korea is behaving very badly", says X
                break
        acting = speaker or self.actors.resolve(source, speaker)
        if target is None:
            others = [t for t in sentence_of(word) if self.actors.actor_of(t)
                      and not own(self.actors.actor_of(t), acting)]
            target = min(others, key=lambda t: abs(t.i - word.i), default=None)
        number = len(self.events)
        self._emit(word, Trigger("DISAPPROVE", None), word.i, source, target,
                   predicate=verb, source_id=speaker)
        if len(self.events) > number:
            self.events[-1].id = f"c{number}"

    def _link_contents(self) -> None:
        """Link an act threatened, demanded or refused ("threatened to attack", "refused to
        halt") or demanded by a protest to that event, whose mode it gives."""
        parents = {"threatened": "THREATEN", "demanded": "DEMAND", "refused": "REJECT"}
        for index, event in self.predicates.items():
            wanted = {parents[event.modality]} if event.modality in parents else set()
            if event.type in {"DEMAND", "PROTEST", "DISAPPROVE"}:
                wanted.add("PROTEST")  # "began a hunger strike to protest ..."
            token = self.doc[index]
            for _ in range(3):
                if token.dep_ not in {"xcomp", "ccomp", "acl", "advcl"} or \
                        token.head.i == token.i:
                    break
                token = token.head
                parent = self.predicates.get(token.i)
                if parent is not None and parent is not event and parent.type in wanted:
                    event.content_of = parent.id
                    modes = self.lexicon.content_modes.get(parent.type, {})
                    parent.mode = parent.mode or modes.get(event.mode or "") or \
                        modes.get(event.type)
                    if parent.type == "PROTEST" and event.target != parent.source:
                        # what a protest demands or protests against says whom it targets
                        parent.target = parent.target or event.target
                    break

    def _reported_demand(self, token: Token) -> None:
        """ "Russia said Sudan must return the helicopter": a DEMAND of the speaker on the
        subject of a must/should clause, when the two are different actors."""
        modal = next((c for c in token.children if c.dep_ == "aux"
                      and c.lower_ in self.lexicon.demand_modals), None)
        subject = _clause_subject(token)
        if modal is None or subject is None or negated(token):
            return
        quote = self._quote_of(token)
        speaker_token = None
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in self.lexicon.speech:
            speaker_token = self._subject(token.head)
        speaker = quote.speaker if quote else None
        source = self.actors.resolve(speaker_token, speaker) if speaker_token is not None \
            else speaker
        target = self.actors.resolve(subject, speaker)
        if source is None or target is None or source == target:
            return
        self._emit(token, Trigger("DEMAND", None), modal.i, None, subject, predicate=modal,
                   source_id=source)

    def _noun_roles(self, token: Token, trigger_type: str) -> tuple[Token | None, Token | None]:
        source = target = None
        for child in token.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"} and \
                    self.actors.actor_of(child) and source is None:
                source = child
            elif child.dep_ == "prep":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                if child.lower_ == "by" and source is None:
                    source = pobj
                elif child.lower_ == "of" and trigger_type in self.lexicon.of_source and \
                        source is None and self.actors.actor_of(pobj):
                    source = pobj  # "the withdrawal of Israeli forces"
                elif child.lower_ in _TARGET_PREPS and target is None and \
                        self.actors.actor_of(pobj):
                    target = pobj
                elif child.lower_ == "of" and target is None:
                    # "a suspension of air links with Serbia", "the withdrawal of forces
                    # from Panama"
                    target = next((c for c in _prepositional_objects(pobj)
                                   if self.actors.actor_of(c)), None)
        # "Russia launched airstrikes on ...": the subject of a light verb acts, and
        # "gave Tanzania a grant", "sent aid to Sudan" name whom it is for.
        if token.dep_ in {"dobj", "nsubjpass"} and \
                token.head.lemma_.lower() in self.lexicon.light_verbs:
            source = source or self._subject(token.head)
            if target is None:
                target = next((c for c in [*token.head.children,
                                           *_prepositional_objects(token.head)]
                               if (c.dep_ == "dative" or c.dep_ == "pobj" and
                                   c.head.lower_ in _BENEFICIARY)
                               and self.actors.actor_of(c)), None)
        # "negotiators return to Geneva for talks": who comes for the event takes part
        if source is None and token.dep_ == "pobj" and token.head.lower_ == "for" and \
                token.head.head.pos_ == "VERB":
            source = self._subject(token.head.head)
        return source, target


def code_events(doc: Doc, context: Context) -> list[Event]:
    """All events of a story, in text order, with ids ``e1``, ``e2``..."""
    return EventCoder(doc, context).code()
