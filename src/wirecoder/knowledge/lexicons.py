"""Lexicons compiled from the knowledge data for fast look-up while a story is read:
events, issues and stance cues, proposals, quote cues, and the grammar words all stages share.

Built once per pipeline (:class:`Lexicons`) from a :class:`~wirecoder.knowledge.Knowledge`, so
the user's ``--lexicon`` files apply; the grammar words are fixed data (:func:`grammar_words`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import yaml
from spacy.attrs import LEMMA, LOWER
from spacy.matcher import PhraseMatcher
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from wirecoder.errors import KnowledgeError
from wirecoder.knowledge.load import DATA, Knowledge

# ---- grammar words ---------------------------------------------------------------------------

@dataclass(frozen=True)
class GrammarWords:
    """The word lists of ``data/grammar.yaml`` by section and name (``modality["future"]``)."""

    modality: dict[str, frozenset[str]]
    determiners: dict[str, frozenset[str]]
    complementizers: dict[str, frozenset[str]]
    prepositions: dict[str, frozenset[str]]
    pronouns: dict[str, frozenset[str]]
    nouns: dict[str, frozenset[str]]
    quotes: dict[str, frozenset[str]]
    roles: dict[str, frozenset[str]]
    times: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def grammar_words() -> GrammarWords:
    """The shared grammar words, read and checked once."""
    raw = yaml.safe_load((DATA / "grammar.yaml").read_text(encoding="utf-8"))
    sections = {}
    for section in GrammarWords.__dataclass_fields__:
        lists = raw.get(section)
        if not isinstance(lists, dict) or not all(
                isinstance(words, list) and all(isinstance(w, str) for w in words)
                for words in lists.values()):
            raise KnowledgeError(f"grammar.yaml: '{section}' must map names to lists of "
                                 "quoted words")
        sections[section] = {name: frozenset(words) for name, words in lists.items()}
    return GrammarWords(**sections)


# ---- events ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None


class EventLexicon:
    """The verb and noun patterns of ``events.yaml``, indexed for look-up."""

    def __init__(self, knowledge: Knowledge):
        self.single: dict[str, Trigger] = {}
        self.pairs: dict[tuple[str, str], Trigger] = {}
        self.nouns: dict[tuple[str, ...], Trigger] = {}
        for event_type, spec in knowledge.events.items():
            if not isinstance(spec, dict) or "verbs" not in spec:
                continue
            for entry in spec.get("verbs") or []:
                pattern, mode = _entry(entry)
                words = pattern.split()
                trigger = Trigger(event_type, mode)
                if len(words) == 1:
                    self.single.setdefault(words[0], trigger)
                else:
                    self.pairs.setdefault((words[0], words[-1]), trigger)
            for entry in spec.get("nouns") or []:
                pattern, mode = _entry(entry)
                self.nouns.setdefault(tuple(pattern.split()), Trigger(event_type, mode))
        self.longest_noun = max((len(k) for k in self.nouns), default=1)
        self.noun_heads = {words[-1] for words in self.nouns}
        self.light_verbs = set(knowledge.events.get("light_verbs") or [])
        self.announced: dict[str, str] = dict(knowledge.events.get("announced") or {})
        self.announced_negated: dict[str, str] = dict(
            knowledge.events.get("announced_negated") or {})
        self.demand_modals = set(knowledge.events.get("demand_modals") or [])
        self.place_targets = set(knowledge.events.get("place_targets") or [])
        self.of_source = set(knowledge.events.get("of_source") or [])
        self.forceful = set(knowledge.events.get("forceful") or [])
        self.natural_forces = {str(w) for w in knowledge.events.get("natural_forces") or []}
        self.boilerplate = tuple(str(w) for w in knowledge.events.get("boilerplate") or [])
        self.agentless = set(knowledge.events.get("agentless") or [])
        self.furniture = tuple(str(w).lower() for w in knowledge.events.get("furniture") or [])
        self.works = {str(w).lower() for w in knowledge.events.get("works") or []}
        self.works_types = set(knowledge.events.get("works_types") or [])
        undecided = knowledge.events.get("undecided") or {}
        self.undecided_always = {str(w).lower() for w in undecided.get("always") or []}
        self.undecided_present = {str(w).lower() for w in undecided.get("present_tense") or []}
        self.unfounded = {str(w).lower() for w in knowledge.events.get("unfounded") or []}
        self.inverted_conditions = {
            str(w).lower() for w in knowledge.events.get("inverted_conditions") or []}
        self.cameo_verbs: dict[str, str] = dict(knowledge.cameo.get("verbs") or {})
        self.cameo_pairs: dict[tuple[str, str], str] = {
            tuple(k.split(" ", 1)): v for k, v in (knowledge.cameo.get("pairs") or {}).items()}
        self.valence: dict[str, float] = {
            str(k): float(v) for k, v in (knowledge.evaluative.get("valence") or {}).items()}
        self.content_modes: dict[str, dict[str, str]] = {
            k: dict(v or {}) for k, v in (knowledge.events.get("content_modes") or {}).items()}
        self.source_nouns = {str(v).lower() for v in knowledge.cues.get("source_nouns") or []}
        self.speech = {str(v).lower() for v in knowledge.cues.get("speech") or []
                       if " " not in str(v)}

    def verb(self, token: Token) -> Trigger | None:
        lemma = token.lemma_.lower()
        for child in token.children:
            if child.dep_ in {"prt", "prep", "dobj", "xcomp", "acomp", "attr", "dative"}:
                found = self.pairs.get((lemma, child.lemma_.lower()))
                if found:
                    return found
        return self.single.get(lemma)

    def cameo(self, token: Token) -> tuple[str | None, str | None]:
        """PETRARCH2's CAMEO type (as PLOVER) of a verb, and of the verb with an argument."""
        lemma = token.lemma_.lower()
        pair = next((found for c in token.children
                     if c.dep_ in {"prt", "prep", "dobj", "xcomp", "attr", "dative"}
                     for found in [self.cameo_pairs.get((lemma, c.lemma_.lower()))] if found),
                    None)
        return self.cameo_verbs.get(lemma) if token.pos_ == "VERB" else None, pair

    def noun(self, token: Token) -> tuple[Trigger, int] | None:
        """The noun pattern ending at ``token`` (longest first) and its first token index."""
        if token.lemma_.lower() not in self.noun_heads:
            return None
        doc = token.doc
        for size in range(min(self.longest_noun, token.i + 1), 0, -1):
            words = tuple(t.lemma_.lower() for t in doc[token.i - size + 1:token.i + 1])
            found = self.nouns.get(words)
            if found:
                return found, token.i - size + 1
        return None


def _entry(entry) -> tuple[str, str | None]:
    if isinstance(entry, dict):
        return str(entry["pattern"]).lower(), entry.get("mode")
    return str(entry).lower(), None



# ---- issues and stance cues ------------------------------------------------------------------

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
        self.acts: dict[str, tuple[str, str]] = {
            str(k): (str(v[0]), str(v[1])) for k, v in (knowledge.issues.get("acts") or {}).items()}
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
        # the hashes of the words that open a term, as a lemma may be capitalized ("Talks")
        self._opening = {hash_string(variant) for form in self.first
                         for variant in (form, form.capitalize(), form.upper())}

    def terms(self, doc: Doc) -> list[IssueTerm]:
        """The issue terms of a story, longest first where they overlap (read once per
        story and kept with it)."""
        if "wirecoder_issue_terms" not in doc.user_data:
            found: list[Span] = []
            opposed: set[tuple[int, int]] = set()
            # only tokens whose form or lemma opens a term (read as hashes, without making
            # a Token of every word)
            rows = doc.to_array([LOWER, LEMMA]).tolist()
            for i in (i for i, (lower, lemma) in enumerate(rows)
                      if lower in self._opening or lemma in self._opening):
                token = doc[i]
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
            text = _text_from(token, 60).lower()
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

# words a term may have between its own: "withdrawal of (all Russian) troops", and any
# compound noun ("return to (peace) talks")
_INSERTED = {"JJ", "JJR", "JJS", "NNP", "NNPS", "DT", "PDT", "CD", "PRP$"}


def _text_from(token: Token, length: int) -> str:
    """The text from a token on, ``length`` characters of it (``Doc.text`` would join the
    whole document on every call)."""
    doc, end, size = token.doc, token.i, 0
    while end < len(doc) and size < length:
        size += len(doc[end].text_with_ws)
        end += 1
    return "".join(t.text_with_ws for t in doc[token.i:end])[:length]


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



# ---- proposals -------------------------------------------------------------------------------

def _phrases(vocab: Vocab, entries) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Verb entries as single lemmas and (verb, particle or preposition) pairs."""
    single, pairs = {}, {}
    for entry, value in entries:
        words = str(entry).lower().split()
        if len(words) == 1:
            single[words[0]] = value
        else:
            pairs[(words[0], words[-1])] = value
    return single, pairs


class ProposalLexicon:
    """The proposal terms, verbs and order words of ``issues.yaml`` for one vocabulary."""

    def __init__(self, vocab: Vocab, knowledge: Knowledge):
        data = knowledge.issues
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        terms = {str(t).lower() for t in data.get("proposal_terms", [])}
        terms |= {t + "s" for t in terms if not t.endswith("s")}
        self.matcher.add("proposal", [Doc(vocab, words=t.split()) for t in terms])
        verbs = data.get("proposal_verbs", {})
        entries = [(v, "author") for v in verbs.get("author", [])]
        entries += [(v, "present") for v in verbs.get("present", [])]
        for response, words in verbs.get("response", {}).items():
            entries += [(v, response) for v in words]
        self.single, self.pairs = _phrases(vocab, entries)
        order = data.get("proposal_order", {})
        self.invitations = set(data.get("invitations", []))
        self.earlier = {str(w).lower() for w in order.get("earlier", [])}
        self.new = {str(w).lower() for w in order.get("new", [])}

    def role_of(self, verb: Token, via: Token | None = None) -> str | None:
        """What ``verb`` does to the proposal: author, present, or a response; ``via`` is
        the preposition or particle between them ("agree to", "hand over")."""
        lemma = verb.lemma_.lower()
        words = [via] if via is not None else []
        words += [c for c in verb.children if c.dep_ in {"prt", "advmod"}]
        for word in words:
            found = self.pairs.get((lemma, word.lower_))
            if found:
                return found
        return self.single.get(lemma)


# ---- quote cues ------------------------------------------------------------------------------

class CueLexicon:
    """The cue verbs and source nouns of ``cue_verbs.yaml``."""

    def __init__(self, knowledge: Knowledge):
        cues = knowledge.cues
        self.speech = set(cues["speech"])
        self.cognition = set(cues["cognition"])
        self.source_nouns = set(cues.get("source_nouns", []))
        self.direct_only = set(cues.get("direct_only", []))
        self.addressee_verbs = set(cues.get("addressee_verbs", []))
        self.object_cues: dict[str, str | None] = {}
        for entry in cues.get("object_cues", []):
            verb, *preposition = str(entry).split()
            self.object_cues[verb] = preposition[0] if preposition else None


# ---- all of them -----------------------------------------------------------------------------

class Lexicons:
    """Every lexicon of one pipeline, compiled for its spaCy vocabulary."""

    def __init__(self, vocab: Vocab, knowledge: Knowledge):
        self.events = EventLexicon(knowledge)
        self.issues = IssueLexicon(vocab, knowledge)
        self.proposals = ProposalLexicon(vocab, knowledge)
        self.cues = CueLexicon(knowledge)
        self.grammar = grammar_words()
