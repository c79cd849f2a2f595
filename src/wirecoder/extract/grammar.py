"""The grammar every stage shares: evidence spans, sentences and noun phrases, and how a
predicate is qualified (negated, refused, intended, possible, conditional, hypothetical).

Functions over spaCy tokens; the words they test come from ``knowledge/data/grammar.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from wirecoder.knowledge.lexicons import IssueLexicon, grammar_words
from wirecoder.records import Quote, TimeExpression
from wirecoder.records import Span as TextSpan

_WORDS = grammar_words()
_MODALITY = _WORDS.modality
_NEGATIONS = _MODALITY["negations"]
_REFUSAL = _MODALITY["refusal"]
_INTENT = _MODALITY["intent"]
_THREAT = _MODALITY["threat"]
_DEMAND = _MODALITY["demand"]
_WILLING = _MODALITY["willing"]
_COMMIT = _MODALITY["commit"] | _WILLING
_CONDITION_MARKS = _MODALITY["condition_marks"]
_POSSIBLE = _MODALITY["possible"]
_FUTURE = _MODALITY["future"]
_CONTRAST = _MODALITY["contrast"]
_UNASSERTED = _MODALITY["unasserted"]
_HYPOTHETICAL = _MODALITY["hypothetical"]
_OPEN_QUESTIONS = _MODALITY["open_questions"]
_CIRCUMSTANCE = _WORDS.prepositions["circumstance"]
_CONDITION_OPENERS = _WORDS.prepositions["condition_openers"]
_COUNT_NOUNS = _WORDS.nouns["counts"]
_ARTICLES = _WORDS.determiners["articles"]
#: entity labels of amounts, which count something rather than name it
AMOUNTS = {"PERCENT", "CARDINAL", "QUANTITY", "MONEY", "DATE", "TIME", "ORDINAL"}


# ---- evidence, sentences, noun phrases ---------------------------------------------------------

def text_span(piece: Span | Token) -> TextSpan:
    """The evidence record of a token or span, trimmed of surrounding whitespace."""
    if isinstance(piece, Token):
        start, text = piece.idx, piece.text
    else:
        start, text = piece.start_char, piece.text
    stripped = text.strip()
    start += len(text) - len(text.lstrip())
    return TextSpan(start=start, end=start + len(stripped), text=stripped)


def text_of(doc: Doc) -> str:
    """The document's text, read once (``Doc.text`` joins every token on each call)."""
    text = doc.user_data.get("wirecoder_text")
    if text is None:
        text = doc.user_data["wirecoder_text"] = doc.text
    return text


class QuoteLookup:
    """Which quote holds a character offset (the first by content start, as quotes come),
    in logarithmic time: a story dense in quotes must not make each look-up scan them all."""

    def __init__(self, quotes: list[Quote]):
        self.quotes = sorted(quotes, key=lambda q: q.content.start)
        self.ends = list(accumulate((q.content.end for q in self.quotes), max))

    def at(self, offset: int) -> Quote | None:
        # the first quote ending after the offset is the only one that can hold it first
        index = bisect_right(self.ends, offset)
        if index < len(self.quotes) and self.quotes[index].content.start <= offset:
            return self.quotes[index]
        return None


_GRAIN_DAYS = {"day": 1, "week": 7, "month": 31, "quarter": 92, "season": 92, "half": 184,
               "year": 366, "decade": 3653}


def in_background(token: Token, times: list[TimeExpression],
                  published: dt.date | None) -> bool:
    """Whether a time expression attached to the word ("executed in 1995", "backed the
    deal in 2015") ends more than a year before publication: history, not news."""
    if published is None:
        return False
    sentence = sentence_of(token)
    for time in times:
        if not sentence.start_char <= time.start < sentence.end_char or time.value is None \
                or time.grain is None:
            continue
        span = token.doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None:
            continue
        governor = span.root.head
        if governor.dep_ == "prep":
            governor = governor.head
        end = time.until or time.value + dt.timedelta(days=_GRAIN_DAYS[time.grain])
        if governor.i == token.i and end < published - dt.timedelta(days=365):
            return True
    return False


def asks(token: Token) -> bool:
    """Whether the word stands in a question: the first of . ! ? after it in its sentence
    is a question mark ("Will Hamas accept the truce?", '"Why kill children?" he asked')."""
    sentence = sentence_of(token)
    mark = next((t.text for t in token.doc[token.i + 1:sentence.end]
                 if t.text in {".", "!", "?"}), None)
    return mark == "?" or (mark is None and sentence.text.rstrip(' "\'”’').endswith("?"))


def entities_in(span: Span) -> list[Span]:
    """The named entities inside a span, found by bisection (``Span.ents`` reads every entity
    of the document each time)."""
    doc = span.doc
    table = doc.user_data.get("wirecoder_entities")
    if table is None:
        entities = list(doc.ents)
        table = doc.user_data["wirecoder_entities"] = ([e.start for e in entities], entities)
    starts, entities = table
    inside = []
    for entity in entities[bisect_left(starts, span.start):]:
        if entity.start >= span.end:
            break
        if entity.end <= span.end:
            inside.append(entity)
    return inside


def sentence_of(token: Token) -> Span:
    """The sentence of a token, in constant time (``Token.sent`` scans the whole document)."""
    doc = token.doc
    table = doc.user_data.get("wirecoder_sentences")
    if table is None:
        table = [None] * len(doc)
        for sentence in doc.sents:
            for i in range(sentence.start, sentence.end):
                table[i] = sentence
        doc.user_data["wirecoder_sentences"] = table
    return table[token.i]


def noun_phrase(token: Token) -> Span:
    """The noun phrase headed by ``token``, without trailing relative clauses or commas."""
    start = token.left_edge.i
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in {"compound", "prep", "pobj", "amod", "nummod"} and \
                child.i == end:
            end = child.right_edge.i + 1
        else:
            break
    return token.doc[start:end]


def counted(token: Token) -> Token:
    """What an amount counts: "protesters" in "thousands of protesters", "people" in
    "hundreds of thousands of people"; any other token as it is."""
    while token.ent_type_ in AMOUNTS or token.lemma_.lower() in _COUNT_NOUNS:
        pobj = next((c for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                     for c in p.children if c.dep_ == "pobj"), None)
        if pobj is None:
            break
        token = pobj
    return token


def clean_entity(ent: Span) -> Span:
    """Drop a leading article and a trailing possessive from an entity span."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].lower_ in _ARTICLES:
        start += 1
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    return Span(doc, start, end, label=ent.label_)


# ---- how a predicate is qualified --------------------------------------------------------------

def negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in _NEGATIONS and c.dep_ in {"advmod", "det"}
               for c in token.children)


def modality_of(token: Token) -> tuple[str, bool]:
    """The modality of a predicate and whether the text says it did not happen."""
    if negated(token):
        return "negated", True
    head = token.head
    if token.dep_ in {"xcomp", "ccomp"} and head.i != token.i:
        lemma = head.lemma_.lower()
        if lemma in _REFUSAL:
            return "refused", True
        if negated(head) and lemma in _INTENT:
            return "negated", True
        if lemma in _THREAT and token.dep_ == "xcomp":
            return "threatened", False
        if lemma in _DEMAND:
            return "demanded", False
        if lemma in _INTENT | _WILLING and token.dep_ == "xcomp":
            return "intended", False
    auxiliaries = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
    if any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in token.children):
        return "conditional", False
    if auxiliaries & _POSSIBLE:
        return "possible", False
    if auxiliaries & _FUTURE:
        return "intended", False
    return "asserted", False


def announced(token: Token) -> bool:
    """Whether the text announces the predicate as the actor's future act: a future
    auxiliary ("will withdraw", also "will be able to") or a verb of commitment ("vowed to")."""
    while True:
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in token.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in token.children):
            return False
        if token.dep_ not in {"xcomp", "acomp"} or token.head.i == token.i:
            return False
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in _COMMIT:
            return True
        token = token.head


def finite_relative(token: Token) -> bool:
    """ "the plan, which Israel rejected": a clause of its own ("a corridor to deliver
    aid" is not)."""
    return token.dep_ == "relcl" and not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


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


def unasserted(verb: Token) -> bool:
    """ "hoped", "tried", "expects": a verb whose clause is not a fact (the small model
    lemmatizes "hoped" as "hop", so the word itself is checked too)."""
    return verb.lemma_.lower() in _UNASSERTED or verb.lower_ in _UNASSERTED


def hypothetical(governor: Token, lexicon: IssueLexicon) -> bool:
    """Whether a stance lies inside a condition, a question or a hope ("on condition that
    Israel commit to a ceasefire", "if Hamas accepts the truce", "whether to accept", "he
    hoped Washington would examine the plan"): not a stance anyone has taken."""
    clause = governor
    while clause.dep_ in {"xcomp", "conj", "acomp"} and clause.head.i != clause.i:
        if clause.dep_ == "xcomp" and unasserted(clause.head):
            return True  # "will try to convince Pompeo to support a safe zone"
        clause = clause.head
    if any(c.dep_ == "mark" and c.lower_ in _OPEN_QUESTIONS
           for c in clause.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL
           for c in governor.children):
        return True  # "the US could adopt the agenda"
    if asks(governor):
        return True  # "Will Hamas accept the truce?"
    if clause.dep_ in {"ccomp", "xcomp"} and unasserted(clause.head):
        return True  # "he hoped Washington would examine the plan"
    start = clause.left_edge.idx
    before = text_of(governor.doc)[max(0, start - 30):start].lower().rstrip(" ,")
    return any(re.search(rf"\b{re.escape(cue)}$", before) for cue in lexicon.conditional)


def circumstance(token: Token, lexicon: IssueLexicon) -> bool:
    """ "because of", "in the talks", "after halting operations": a preposition that
    sets the scene, unless it attaches to a word that acts on its object ("a cut in
    aid") or makes a condition ("only after a ceasefire")."""
    if token.dep_ != "prep" or token.lower_ == "in" and \
            token.head.lemma_.lower() in lexicon.reversing | lexicon.carrying:
        return False
    if token.lower_ in {"after", "before"}:
        return token.i == 0 or token.nbor(-1).lower_ not in _CONDITION_OPENERS
    return token.lower_ in _CIRCUMSTANCE


def reaches(token: Token, head: Token, lexicon: IssueLexicon) -> bool:
    """Whether a stance on ``head`` is a stance on ``token`` below it: the way up goes
    through no other act, clause or circumstance ("a plan to end the war", not "a
    plan to investigate the election" or "force because of the nuclear programme")."""
    while token.i != head.i:
        if finite_relative(token) or circumstance(token, lexicon):
            return False
        if token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() not in lexicon.carrying:
            return False
        if token.head.i == token.i:
            return False
        token = token.head
    return True
