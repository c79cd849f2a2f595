from pathlib import Path

from wirecoder.evaluation.statements import read_gold, speaker_is
from wirecoder.knowledge import default_knowledge
from wirecoder.records import Actor

GOLD = Path(__file__).resolve().parents[2] / "gold" / "statements" / "translated-wire.yaml"


def actor(name, kind="person", country=None, code=None, aliases=()):
    return Actor(id=name, name=name, kind=kind, country=country, code=code,
                 aliases=list(aliases), known=False, confidence=0.5)


def test_translated_wire_quotes_are_in_their_stories():
    stories = read_gold(GOLD)
    assert len(stories) >= 24 and sum(len(s.quotes) for s in stories) >= 150
    for story in stories:
        for quote in story.quotes:
            assert all(0 <= start < end <= len(story.text) for start, end in quote.spans)


def test_speakers_match_by_name_or_as_the_state_they_speak_for():
    kb = default_knowledge()
    assert speaker_is(actor("Lin"), "Lin Haoran", kb)
    assert speaker_is(actor("Government of National Unity", "organization"),
                      "Government of National Unity (Libya)", kb)
    assert speaker_is(actor("Syria", "country", "SYR"),
                      "Syrian Ministry of Foreign Affairs and Expatriates", kb)
    assert not speaker_is(actor("Israel", "country", "ISR"),
                          "Syrian Ministry of Foreign Affairs and Expatriates", kb)
    assert not speaker_is(actor("Syria", "country", "SYR"), "Nabil Harfoush", kb)
    assert speaker_is(actor("unnamed sources", "anonymous_source"), "anonymous: informed "
                      "sources", kb)
    assert not speaker_is(actor("Qatar", "country", "QAT"), "anonymous: diplomatic sources",
                          kb)
    assert not speaker_is(None, "Lin Haoran", kb)
