from typing import get_args

import pytest

from wirecoder.errors import KnowledgeError
from wirecoder.knowledge import default_knowledge, vocabulary
from wirecoder.knowledge.lexicons import grammar_words
from wirecoder.records import PloverType


def test_one_list_of_types_for_records_and_lexicon():
    types = vocabulary().types
    assert tuple(types) == get_args(PloverType)
    assert len(types) == 18
    lexicon_types = {k for k in default_knowledge().events if k.isupper()}
    assert lexicon_types == set(types)
    assert set(types.values()) == {"cooperative", "conflictual"}


def test_classes_renames_and_cameo():
    words = vocabulary()
    assert words.event_class("AID") == "cooperative"
    assert words.event_class("ASSAULT") == "conflictual"
    with pytest.raises(KnowledgeError):
        words.event_class("FIGHT")
    assert words.current("FIGHT") == "ASSAULT" and words.current("AGREE") == "AGREE"
    assert words.from_cameo("0311").type == "AGREE"
    assert words.from_cameo("0311").context == "economic"
    # a code the table does not list reads as its nearest listed parent
    assert words.from_cameo("03119").type == "AGREE"
    assert words.from_cameo("zz") is None
    assert {code.type for code in words.cameo.values()} <= set(words.types)


def test_grammar_words_are_strings_by_section():
    words = grammar_words()
    assert "no" in words.modality["negations"] and "on" in words.prepositions["target"]
    assert "can" in words.modality["possible"] - words.modality["hypothetical"]
    for section in (words.modality, words.determiners, words.complementizers,
                    words.prepositions, words.pronouns, words.nouns, words.quotes, words.roles):
        for name, items in section.items():
            assert items and all(isinstance(w, str) and w for w in items), name
