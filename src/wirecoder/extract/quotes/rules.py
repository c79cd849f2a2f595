"""Quotes: who said what, with cue, content span, kind and channel.

Direct quotes come from quotation marks (straight or curly, unbalanced marks closed at
the paragraph end); their cue is the attribution verb next to them, or the speaker of the
quote before when a quote stands alone. Mixed quotes are short quoted fragments inside a
reported clause. Indirect quotes are the complement clauses of cue verbs ("said that ...")
and "according to" attributions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from wirecoder.extract.actors import ActorIndex
from wirecoder.extract.grammar import noun_phrase, sentence_of, text_of, text_span
from wirecoder.knowledge.lexicons import CueLexicon, grammar_words
from wirecoder.records import Quote
from wirecoder.records import Span as TextSpan

_OPENING = {"“": "”", "«": "»", "„": "“"}
_CHANNEL_MEDIA = grammar_words().quotes["channel_media"]
_PRESS = grammar_words().quotes["press"]
_PREPOSITIONS = grammar_words().prepositions
_AUTHOR_PREPS = _PREPOSITIONS["author"]
_CHANNEL_PREPS = _PREPOSITIONS["channel"]
_MEDIUM_PREPS = _PREPOSITIONS["medium"]
_TOPIC_PREPS = _PREPOSITIONS["reported_topic"]
_SOURCE_NOUN_PREPS = _PREPOSITIONS["source_noun"]
_COMPLEMENTIZERS = grammar_words().complementizers["reported"]
_THING_PRONOUNS = grammar_words().pronouns["thing"]
_PERSON_PRONOUNS = grammar_words().pronouns["person"]


@dataclass
class _Marked:
    start: int  # first character of the content (after the opening mark)
    end: int  # end of the content (before the closing mark)


def find_quotation_marks(text: str) -> list[_Marked]:
    """Spans between quotation marks; an unclosed quote ends at its paragraph's end.

    Straight, curly and guillemet marks count, and so do doubled apostrophes (''...''),
    which some archives use for double quotes.
    """
    spans: list[_Marked] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        opened: int | None = None
        closer = ""
        for match in re.finditer(r"''|[\"“”«»„]", paragraph.group()):
            mark, at = match.group(), paragraph.start() + match.start()
            if opened is None:
                if mark in _OPENING or mark in {'"', "''"}:
                    opened, closer = at + len(mark), _OPENING.get(mark, mark)
            elif mark == closer or (mark == '"' and closer in {"”", '"'}) or \
                    (closer == '"' and mark == "”"):
                if at > opened:
                    spans.append(_Marked(opened, at))
                opened = None
        if opened is not None and paragraph.end() - opened > 1:
            spans.append(_Marked(opened, paragraph.end()))
    return spans


class QuoteFinder:
    """Finds the quotes of one parsed story."""

    def __init__(self, doc: Doc, cues: CueLexicon, actors: ActorIndex):
        self.doc = doc
        self.text = text_of(doc)
        self.actors = actors
        self.speech = cues.speech
        self.cognition = cues.cognition
        self.source_nouns = cues.source_nouns
        self.direct_only = cues.direct_only
        self.addressee_verbs = cues.addressee_verbs
        self.object_cues = cues.object_cues
        self.quotes: list[Quote] = []
        self.used_cues: set[int] = set()
        self.quoted_tokens: set[int] = set()
        self.marks = find_quotation_marks(self.text)
        # tokens between quotation marks never serve as a speaker, even before the quote
        # they belong to is recorded
        self.marked_tokens: set[int] = set()
        for marked in self.marks:
            span = doc.char_span(marked.start, marked.end, alignment_mode="expand")
            if span is not None:
                self.marked_tokens |= set(range(span.start, span.end))
        self._speakers: dict[int, tuple] = {}
        self._last: tuple[Token, str | None] | None = None  # the cue before, while priming

    def find_rule_quotes(self, indirect_rules: bool = True) -> None:
        """Quotation marks and "according to"; the cue-verb clauses with ``indirect_rules``
        (the learned scorer decides those otherwise)."""
        self.prime_speakers()
        self.direct()
        self.indirect(indirect_rules)

    # --- helpers --------------------------------------------------------------------
    def _is_cue(self, token: Token, cognition: bool = True) -> bool:
        if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {"VBD", "VBZ", "VBP", "VBG",
                                                                     "VBN", "VB"}:
            return False
        lemma = token.lemma_.lower()
        return lemma in self.speech or (cognition and lemma in self.cognition)

    def _according(self, token: Token) -> bool:
        return token.lower_ == "according" and token.i + 1 < len(self.doc) and \
            self.doc[token.i + 1].lower_ == "to"

    def subject_of(self, cue: Token) -> Token | None:
        if self._according(cue):  # "according to X": X; "according to a statement by X": X
            source = next((c for c in self.doc[cue.i + 1].children if c.dep_ == "pobj"), None)
            return self._author_of(source) or source if source is not None else None
        if cue.pos_ == "NOUN":  # "Trump's claim that ...", "a claim by the campaign"
            for child in cue.children:
                if child.dep_ == "poss":
                    return child
                if child.dep_ == "prep" and child.lower_ in _AUTHOR_PREPS:
                    return next((c for c in child.children if c.dep_ == "pobj"), None)
            return None
        if cue.pos_ == "ADJ":  # "X is confident that ..."
            return self.subject_of(cue.head) if cue.dep_ == "acomp" else None
        children = list(cue.children)
        for child in children:
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        for child in children:
            if child.dep_ in {"nsubj", "nsubjpass", "csubj"} and not child.is_punct and \
                    child.i not in self.marked_tokens:
                return child
        # "..., adding that ...", "and warned ...": the subject is the governing verb's.
        if cue.dep_ in {"advcl", "conj", "xcomp"} and cue.head.i != cue.i:
            return self.subject_of(cue.head)
        # "a statement announcing ...", "Trump, saying ...": the noun described speaks
        if cue.dep_ == "acl" and cue.head.pos_ in {"NOUN", "PROPN"}:
            return cue.head
        # "criticised for saying ...": the subject of the verb the clause hangs on
        if cue.dep_ == "pcomp" and cue.head.head.pos_ in {"VERB", "AUX"}:
            return self.subject_of(cue.head.head)
        return self._adjacent_name(cue)

    def _author_of(self, noun: Token) -> Token | None:
        """Who issued a statement: "a statement by X", "a statement issued by X"."""
        if noun.lemma_.lower() not in self.source_nouns:
            return None
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in _AUTHOR_PREPS:
                return next((c for c in child.children if c.dep_ == "pobj"), None)
            if child.dep_ == "acl":
                agent = next((c for c in child.children if c.dep_ == "agent"), None)
                if agent is not None:
                    return next((c for c in agent.children if c.dep_ == "pobj"), None)
        return None

    def _adjacent_name(self, cue: Token) -> Token | None:
        """A name right before or after a cue the parser left without a subject:
        "..., regional governor Oleh Syniehubov said", "..., said Oleh Syniehubov"."""
        for step in (-1, 1):
            i = cue.i + step
            while 0 <= i < len(self.doc) and self.doc[i].dep_ in {"aux", "advmod", "neg"}:
                i += step
            if not 0 <= i < len(self.doc):
                continue
            token = self.doc[i]
            if token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or \
                    self.actors.actor_of(token):
                # the head of the name: its last token
                while token.i + 1 < len(self.doc) and \
                        self.doc[token.i + 1].ent_iob_ == "I":
                    token = self.doc[token.i + 1]
                return token
        return None

    def prime_speakers(self) -> None:
        """Resolve the speakers of all cues in text order, so that a pronoun finds the
        speaker named before it whichever kind of quote comes first.

        Translated wire copy names a speaker after his title: "…, a Turkish Defence Ministry
        spokesman said. Rear Admiral Selim Karaca said: …". A title said once, followed in
        the next sentence by a person first named there as a speaker, is that person."""
        previous: tuple[Token, str | None] | None = None
        for token in self.doc:
            if not self._is_cue(token):
                continue
            self._last = previous
            speaker = self.speaker_of(token)[0]
            if previous is not None and speaker != previous[1] and \
                    self.actors.unnamed_title_holder(previous[1]) and \
                    _next_sentence(previous[0], token) and \
                    self.actors.first_named_in(speaker, sentence_of(token)):
                self.actors.merge(previous[1], speaker)
                self._speakers = {i: (speaker, *found[1:]) if found[0] == previous[1] else found
                                  for i, found in self._speakers.items()}
            previous = token, speaker
        self._last = None

    def speaker_of(self, cue: Token, speaker_hint: str | None = None):
        if cue.i not in self._speakers:
            self._speakers[cue.i] = self._find_speaker(cue, speaker_hint)
        return self._speakers[cue.i]

    def _find_speaker(self, cue: Token, speaker_hint: str | None = None):
        subject = self.subject_of(cue)
        if subject is None:
            return None, None, None
        # "Clinton, who said ...": the relative pronoun is the evidence, its antecedent speaks
        named = subject.head.head if subject.tag_ in {"WP", "WDT"} and \
            subject.head.dep_ == "relcl" else subject
        actor_id = self._previous_speaker(cue, named) or \
            self.actors.resolve(named, speaker_hint) or \
            self._document_author(named) or self.actors.unnamed_speaker(named)
        phrase = subject if subject.pos_ == "PRON" else noun_phrase(subject)
        span = text_span(phrase)
        return actor_id, span.text, span

    def _previous_speaker(self, cue: Token, subject: Token) -> str | None:
        """"It stressed …", "He added …": a pronoun speaking right after a speaker of its
        kind (a body for "it", a person for "he" and "she") continues that speaker."""
        if self._last is None or subject.pos_ != "PRON":
            return None
        before, speaker = self._last
        build = self.actors.actors.get(speaker or "")
        if build is None or cue.i - before.i > 80 or not (
                _next_sentence(before, cue) or sentence_of(before) == sentence_of(cue)):
            return None
        person = build.kind in {"person", "anonymous_source"}
        if subject.lower_ in _THING_PRONOUNS and not person or \
                subject.lower_ in _PERSON_PRONOUNS and build.kind == "person":
            self.actors.add_mention(speaker, subject)
            return speaker
        return None

    def _document_author(self, subject: Token) -> str | None:
        """ "The statement said ...", "the communique added ...": the body the story last
        named speaks through it (a statement names no one of its own)."""
        if subject.lemma_.lower() not in self.source_nouns or subject.pos_ != "NOUN" or \
                any(c.dep_ in {"poss", "prep", "compound", "amod"} for c in subject.children):
            return None
        return self.actors.nearest_before(subject, {"organization", "igo", "country", "group",
                                                    "media"})

    def channel_of(self, cue: Token, content: range) -> str | None:
        sentence = sentence_of(cue)
        candidates = list(cue.children)
        if cue.head.i != cue.i:
            candidates += [c for c in cue.head.children if c.dep_ == "prep"]
        for child in candidates:
            if child.i in content:
                continue
            lemma = child.lemma_.lower()
            if child.dep_ in {"dative", "dobj"} and cue.lemma_ == "tell" and \
                    child.pos_ in {"PROPN", "NOUN"}:
                return _conjoined(child).text
            if child.dep_ == "prep" and lemma in _CHANNEL_PREPS:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                pobj_lemma = pobj.lemma_.lower()
                if lemma == "in" and pobj_lemma in self.source_nouns:
                    return _source_noun(pobj)
                if lemma in _MEDIUM_PREPS and (pobj_lemma in _CHANNEL_MEDIA
                                                          or pobj_lemma in self.source_nouns):
                    return _conjoined(pobj).text
                if lemma == "to" and (pobj.ent_type_ == "ORG" or pobj_lemma in _PRESS):
                    return _conjoined(pobj).text
        if sentence is not None:
            for token in sentence:
                if token.lower_ == "according" and token.i + 2 < len(self.doc) and \
                        self.doc[token.i + 1].lower_ == "to":
                    pobj = next((c for c in self.doc[token.i + 1].children
                                 if c.dep_ == "pobj"), None)
                    if pobj is not None and pobj.lemma_.lower() in self.source_nouns:
                        return _source_noun(pobj)
        return None

    def add(self, kind: str, content: tuple[int, int], cue: Token | None,
             speaker: tuple, confidence: float, channel: str | None = None) -> Quote | None:
        start, end = content
        text = self.text[start:end]
        # a quotation keeps its own full stop; a reported clause does not
        stripped = text.rstrip(" ,;:\n" if kind == "direct" else " ,;:.\n")
        lead = len(text) - len(text.lstrip(" \n"))
        start, end = start + lead, start + len(stripped)
        if end - start < 2:
            return None
        actor_id, speaker_text, speaker_span = speaker
        if speaker_span is not None and start < speaker_span.start < end <= speaker_span.end:
            # "..., killing three civilians, regional governor X said": X is not content
            end = len(self.text[:speaker_span.start].rstrip(" ,"))
        anonymous = bool(actor_id and self.actors.actors[actor_id].kind == "anonymous_source")
        cue_span = text_span(cue) if cue is not None else None
        parts = []
        if cue_span is not None and start < cue_span.start < end:
            # an attribution inside the sentence it reports: the quote is the rest
            edges = [cue_span.start, cue_span.end]
            if speaker_span is not None:
                edges += [speaker_span.start, speaker_span.end]
            left_end = len(self.text[:min(edges)].rstrip(" ,"))
            right_start = max(edges)
            right_start += len(self.text[right_start:end]) - \
                len(self.text[right_start:end].lstrip(" ,"))
            parts = [TextSpan(start=a, end=b, text=self.text[a:b])
                     for a, b in ((start, left_end), (right_start, end)) if b - a > 1]
        self.quotes.append(Quote(
            id="", speaker=actor_id, speaker_text=speaker_text, speaker_span=speaker_span,
            anonymous=anonymous, cue=None if cue is None else "according to"
            if self._according(cue) else cue.lemma_.lower(),
            cue_span=cue_span, kind=kind,
            content=TextSpan(start=start, end=end, text=self.text[start:end]), parts=parts,
            channel=channel, confidence=confidence))
        if cue is not None:
            self.used_cues.add(cue.i)
        return self.quotes[-1]

    # --- direct and mixed ---------------------------------------------------------------
    def direct(self) -> None:
        previous: Quote | None = None
        for marked in self.marks:
            span = self.doc.char_span(marked.start, marked.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            inside = set(range(span.start, span.end))
            words = [t for t in span if not t.is_punct]
            cue = self._cue_near(span, inside)
            if len(words) < 4 and not any(t.pos_ in {"VERB", "AUX"} for t in span):
                if cue is not None:
                    self._mixed(span, cue)
                continue
            self.quoted_tokens |= inside
            if previous is not None and previous.kind == "direct" and \
                    self._same_quotation(previous, marked, cue):
                _extend(previous, marked, self.text)
                continue
            if cue is not None:
                speaker = self.speaker_of(cue)
                clause = self.complement(cue)
                if clause is not None and _outside_words(clause, inside) > 2:
                    previous = self._mixed(span, cue, clause) or previous
                    continue
                previous = self.add(
                    "direct", (marked.start, marked.end), cue, speaker,
                    0.9 if speaker[0] else 0.6,
                    self.channel_of(cue, range(span.start, span.end))) or previous
            elif previous is not None and self._continues(previous, span):
                previous = self.add(
                    "direct", (marked.start, marked.end), None,
                    (previous.speaker, previous.speaker_text, previous.speaker_span),
                    0.7, previous.channel) or previous

    def _cue_near(self, span: Span, inside: set[int]) -> Token | None:
        """The attribution verb outside the quote, in its sentences or after a colon."""
        first, last = sentence_of(span[0]), sentence_of(span[-1])
        end = last.end
        after = span.end
        while after < len(self.doc) and self.doc[after].text in {'"', "”", "’’", "''"}:
            after += 1
        if after < len(self.doc) and after >= last.end and not self.doc[after].is_space:
            # '“Why?” Obama asked.': the parser ends the sentence at the question mark
            end = sentence_of(self.doc[after]).end
        region = [t for t in self.doc[first.start:end] if t.i not in inside]
        cues = [t for t in region if self._is_cue(t) or self._according(t)]
        if not cues:
            return self._colon_cue(span)

        positions = {t.i for t in cues}

        def distance(token: Token) -> tuple[int, int, int, int]:
            gap = span.start - token.i if token.i < span.start else token.i - span.end
            has_subject = self.subject_of(token) is not None
            # "said in statements reported by local media:": a cue inside another cue's
            # phrase names the channel, not who speaks
            nested = any(a.i in positions for a in token.ancestors)
            # "you see ...", "he thinks" near a quote lose to a speech verb
            thinking = token.lemma_.lower() in self.cognition
            return (0 if has_subject else 1, int(nested), int(thinking), gap)

        return min(cues, key=distance)

    def _colon_cue(self, span: Span) -> Token | None:
        """ "X said:", "Trump boomed:", "PENCE:" right before the quote: a cue from the
        lexicon in that clause, else the verb the colon closes, else the colon itself
        when a name stands before it (transcripts)."""
        last = span.start - 1
        while last >= 0 and (self.doc[last].is_space or self.doc[last].text in {'"', "“"}):
            last -= 1
        if last < 1 or self.doc[last].text != ":":
            return None
        colon = self.doc[last]
        cues = [t for t in sentence_of(colon) if self._is_cue(t) and t.i < colon.i]
        if cues:
            return cues[-1]
        sentence = sentence_of(colon)
        verbs = [t for t in self.doc[sentence.start:colon.i] if t.pos_ == "VERB"
                 and t.i not in self.marked_tokens and self.subject_of(t) is not None]
        if verbs:
            return verbs[-1]
        name = self.doc[last - 1]
        if name.ent_type_ in {"PERSON", "ORG"} or name.is_upper and name.is_alpha:
            return colon
        return None

    def complement(self, cue: Token) -> Span | None:
        """The reported clause of a cue verb, also when the parser hung it elsewhere
        ("said in a statement that ..." parsed as a clause of "statement")."""
        for child in cue.children:
            if child.dep_ in {"ccomp", "xcomp"} and child.pos_ in {"VERB", "AUX", "NOUN",
                                                                  "ADJ"}:
                return self.doc[child.left_edge.i:child.right_edge.i + 1]
        for child in cue.children:
            for grandchild in [g for c in [child, *child.children] for g in c.children]:
                if grandchild.dep_ in {"acl", "relcl", "ccomp"} and grandchild.i > cue.i and \
                        any(m.dep_ == "mark" and m.lower_ == "that"
                            for m in grandchild.children):
                    return self.doc[grandchild.left_edge.i:grandchild.right_edge.i + 1]
        return None

    def _mixed(self, span: Span, cue: Token, clause: Span | None = None) -> Quote | None:
        clause = clause if clause is not None else self.complement(cue)
        if clause is None or not (clause.start <= span.start and span.end <= clause.end + 1):
            return None
        start = clause[0]
        if start.dep_ == "mark" and start.lower_ in _COMPLEMENTIZERS:
            clause = self.doc[clause.start + 1:clause.end]
        end_char = max(clause.end_char, span.end_char)
        self.quoted_tokens |= set(range(clause.start, clause.end))
        return self.add("mixed", (clause.start_char, end_char), cue, self.speaker_of(cue), 0.8,
                         self.channel_of(cue, range(clause.start, clause.end)))

    def _same_quotation(self, previous: Quote, marked: _Marked, cue: Token | None) -> bool:
        """ "“A,” X said, “B.”": the second piece continues the first quotation when the
        two share their cue, or when only a short attribution in the same paragraph
        separates them."""
        gap = self.text[previous.content.end:marked.start]
        if "\n" in gap or len(gap) > 80:
            return False
        if cue is not None and previous.cue_span is not None:
            return cue.idx == previous.cue_span.start
        return cue is None and len(gap) < 40

    def _continues(self, previous: Quote, span: Span) -> bool:
        """A quote without a cue that opens the next paragraph continues the previous
        speaker's quotation (news style: the attribution is given once)."""
        text = self.text
        line_start = text.rfind("\n", 0, span.start_char) + 1
        opens_paragraph = not text[line_start:span.start_char].strip(" \"“«'")
        return previous.speaker is not None and opens_paragraph and \
            0 <= span.start_char - previous.content.end < 400

    # --- indirect ---------------------------------------------------------------------
    def indirect(self, rules: bool = True) -> None:
        """ "according to" attributions, and with ``rules`` the clauses of cue verbs."""
        for token in self.doc:
            if token.i in self.used_cues or token.i in self.quoted_tokens:
                continue
            if self._according(token):
                self._according_to(token)
                continue
            clause = self.rule_clause(token) if rules else None
            if clause is None:
                continue
            if clause[0].dep_ == "mark" and clause[0].lower_ in _COMPLEMENTIZERS:
                clause = self.doc[clause.start + 1:clause.end]
            cognitive = token.lemma_.lower() in self.cognition
            speaker = self.speaker_of(token)
            confidence = 0.55 if cognitive else (0.75 if speaker[0] else 0.5)
            self.add("indirect", (clause.start_char, clause.end_char), token, speaker,
                      confidence, self.channel_of(token, range(clause.start, clause.end)))

    def rule_clause(self, token: Token) -> Span | None:
        """The clause the cue lexicon reports for ``token``, or None."""
        lemma = token.lemma_.lower()
        if lemma in self.object_cues and token.pos_ == "VERB":
            clause = self.complement(token) or self.object_of(token, self.object_cues[lemma])
        elif not self._is_cue(token) or lemma in self.direct_only:
            return None
        else:
            clause = self.complement(token) or self.topic(token) or \
                self.around(token) or self._spoken_object(token)
        if clause is None or len([t for t in clause if not t.is_punct]) < 3:
            return None
        if set(range(clause.start, clause.end)) & self.quoted_tokens:
            return None
        if self.speaker_of(token)[2] is None:
            return None
        return clause

    def around(self, cue: Token) -> Span | None:
        """ "The effects, many economists say, are hard to predict" or "..., he said.": an
        attribution set off by commas reports the rest of its sentence."""
        subject = self.subject_of(cue)
        if subject is None or any(c.dep_ in {"dobj", "ccomp", "xcomp"}
                                  for c in cue.children):
            return None
        sentence = sentence_of(cue)
        start = min(subject.left_edge.i, cue.i)
        end = max(subject.right_edge.i, cue.i) + 1
        before = self.doc[start - 1] if start > sentence.start else None
        after = self.doc[end] if end < sentence.end else None
        if not ((before is not None and before.text == ",") and
                (after is None or after.text in {",", ".", "?", "!"} or after.is_space)):
            return None
        left = self.doc[sentence.start:start - 1]
        right = self.doc[end + 1:sentence.end] if after is not None and after.text == "," \
            else None
        if right is not None and len([t for t in right if not t.is_punct]) >= 3:
            return self.doc[sentence.start:sentence.end] if len(left) else right
        return left if len([t for t in left if not t.is_punct]) >= 3 else None

    def _spoken_object(self, verb: Token) -> Span | None:
        """ "explained the decision", "emphasizes the law's successes": the object of a
        speech verb whose object is not its addressee ("told reporters", "urged Iran")."""
        if verb.lemma_.lower() in self.addressee_verbs:
            return None
        found = self.object_of(verb, None)
        if found is None or len([t for t in found if not t.is_punct]) < 2 or \
                found.root.pos_ == "PRON":
            return None
        return found

    def topic(self, verb: Token) -> Span | None:
        """What a speech verb without a clause reports: "accused X of Y", "asked about Y",
        "called X a Y"."""
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in _TOPIC_PREPS:
                inner = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
                if inner is not None:
                    return self.doc[inner.left_edge.i:inner.right_edge.i + 1]
            if child.dep_ == "oprd":
                obj = next((c for c in verb.children if c.dep_ == "dobj"), child)
                return self.doc[min(obj.left_edge.i, child.left_edge.i):child.right_edge.i + 1]
        return None

    def object_of(self, verb: Token, preposition: str | None) -> Span | None:
        """The object noun phrase of an object cue ("announced a ceasefire plan")."""
        for child in verb.children:
            if preposition is None and child.dep_ == "dobj":
                return self.doc[child.left_edge.i:child.right_edge.i + 1]
            if preposition and child.dep_ == "prep" and child.lower_ == preposition:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return self.doc[pobj.left_edge.i:pobj.right_edge.i + 1]
        return None

    def _clause_before(self, token: Token) -> Token | None:
        """The subordinate clause that ends right before ", according to", which the
        parser tends to hang on the main verb instead."""
        comma = token.i - 1
        if comma < 1 or self.doc[comma].text != ",":
            return None
        node = self.doc[comma - 1]
        while node.head.i != node.i:
            if node.dep_ in {"relcl", "advcl", "acl"} and node.right_edge.i == comma - 1:
                return node
            node = node.head
        return None

    def _according_to(self, token: Token) -> None:
        to = self.doc[token.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            return
        # The attribution covers the clause it modifies ("which killed 20, according to X").
        scope = token.head if token.head.pos_ in {"VERB", "AUX"} else sentence_of(token).root
        scope = self._clause_before(token) or scope
        attribution = set(range(token.i, source.right_edge.i + 1))
        content = [t for t in scope.subtree if t.i not in attribution]
        content = [t for t in content if not (t.is_punct and t.i == content[0].i)]
        while content and content[0].is_punct:
            content = content[1:]
        if len([t for t in content if not t.is_punct]) < 3:
            return
        if source.lemma_.lower() in self.source_nouns:
            # "according to a statement by X": X is the speaker, the statement the channel
            by = next((c for c in source.children if c.dep_ == "prep"), None)
            owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
            speaker_token = owner
            channel = _source_noun(source)
        else:
            speaker_token, channel = source, None
        actor_id = (self.actors.resolve(speaker_token)
                    or self.actors.unnamed_speaker(speaker_token)) \
            if speaker_token is not None else None
        speaker_span = text_span(noun_phrase(speaker_token)) if speaker_token is not None else None
        self.add("indirect", (content[0].idx, content[-1].idx + len(content[-1].text)), token,
                  (actor_id, speaker_span.text if speaker_span else None, speaker_span),
                  0.75 if actor_id else 0.5, channel)


def _next_sentence(first: Token, second: Token) -> bool:
    """Whether ``second`` stands in the sentence right after ``first``'s."""
    sentence = sentence_of(first)
    while sentence.end < len(first.doc):
        sentence = sentence_of(first.doc[sentence.end])
        if any(t.is_alpha for t in sentence):  # a paragraph break is no sentence
            return sentence_of(second).start == sentence.start
    return False


def _extend(quote: Quote, marked: _Marked, text: str) -> None:
    """Add a further piece to a quotation split by its attribution."""
    if not quote.parts:
        quote.parts = [quote.content.model_copy()]
    end = len(text[:marked.end].rstrip(" ,;:\n"))
    quote.parts.append(TextSpan(start=marked.start, end=end, text=text[marked.start:end]))
    quote.content = TextSpan(start=quote.content.start, end=end,
                             text=text[quote.content.start:end])


def _source_noun(noun: Token) -> str:
    """"a statement", "an interview with CNN": the noun with its modifiers, no clause."""
    end = noun.i + 1
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in _SOURCE_NOUN_PREPS:
            end = child.right_edge.i + 1
            break
    return noun.doc[noun.left_edge.i:end].text


def _outside_words(clause: Span, inside: set[int]) -> int:
    return sum(1 for t in clause if t.i not in inside and not t.is_punct
               and t.dep_ != "mark")


def _conjoined(token: Token) -> Span:
    """A noun phrase with its conjuncts ("Al-Arabiya and Al-Hadath"), up to a comma."""
    doc = token.doc
    end = max([token.right_edge.i, *(c.right_edge.i for c in token.conjuncts)])
    for i in range(token.i + 1, end + 1):
        if doc[i].text in {",", ";", ":"} or doc[i].dep_ in {"relcl", "acl"}:
            end = i - 1
            break
    return doc[token.left_edge.i:end + 1]
