"""The event gold set: well-formed, its test split frozen, its scorer honest."""

from pathlib import Path

import pytest
import yaml

from conftest import SHARED, current_files, frozen_files
from wirecoder.evaluation.event_stories import (
    GoldEvent,
    GoldSentence,
    GoldStory,
    read_gold,
    score_story,
)
from wirecoder.knowledge import vocabulary
from wirecoder.records import Actor, Article, Event, Extraction
from wirecoder.records import Span as TextSpan

GOLD = Path(__file__).resolve().parents[2] / "gold" / "events"


def test_the_test_split_is_frozen():
    assert frozen_files(GOLD / "test") == current_files(GOLD / "test")


def test_every_chosen_story_is_coded_in_its_split_with_every_sentence():
    chosen = yaml.safe_load((GOLD / "stories.yaml").read_text())["stories"]
    assert len(chosen) >= 250 and sum(len(s["sentences"]) for s in chosen) >= 2000
    types = set()
    for story in chosen:
        data = yaml.safe_load((GOLD / story["split"] / f"{story['id']}.yaml").read_text())
        assert str(data["story"]) == story["id"]
        assert sorted(data["sentences"]) == list(range(1, len(story["sentences"]) + 1))
        types |= {e["type"] for events in data["sentences"].values() for e in events or []}
    assert types == set(vocabulary().types)  # all 18 PLOVER types are in the gold


@pytest.mark.skipif(not (SHARED / "corpora").exists(), reason="needs ../shared")
def test_gold_triggers_and_parties_are_in_their_sentences():
    for story in read_gold(GOLD / "dev", SHARED):
        for sentence in story.sentences:
            text = story.text[sentence.start:sentence.end]
            for event in sentence.events:
                assert event.trigger in text, (story.id, event.trigger)


def _event(kind, trigger_at, source=None, target=None, negated=False):
    return Event(id="e", type=kind, source=source, target=target, negated=negated,
                 trigger=TextSpan(start=trigger_at, end=trigger_at + 3, text="xxx"),
                 evidence=TextSpan(start=0, end=1, text="x"), confidence=0.5)


def test_events_are_scored_in_their_sentence_by_type_and_by_countries():
    text = "Russia shelled Kyiv. Ukraine and Poland met. Nothing happened here."
    story = GoldStory("s", "dev", text, None, [
        GoldSentence(0, 20, [GoldEvent("ASSAULT", {"RUS"}, {"UKR"}, False, "shelled")]),
        GoldSentence(21, 44, [GoldEvent("CONSULT", {"UKR", "POL"}, {None}, False, "met")]),
        GoldSentence(45, 67, [])])
    actors = [Actor(id=code, name=code, kind="country", country=code, known=True,
                    confidence=0.9) for code in ("RUS", "UKR", "POL")]
    predicted = Extraction(article=Article(id="s", text_sha256="x"), actors=actors, events=[
        _event("ASSAULT", 7, "RUS", "POL"),  # right type, wrong target
        _event("CONSULT", 40, "UKR", "POL"),  # one party as source, the other as target
        _event("PROTEST", 50)])  # an event where the gold has none
    counts = score_story(predicted, story)
    assert (counts.gold, counts.predicted, counts.type_right, counts.triple_right) == \
        (2, 3, 2, 1)
    assert (counts.sentences, counts.empty_right) == (3, 0)
    assert (counts.story_types_gold, counts.story_types_predicted,
            counts.story_types_right) == (2, 3, 2)
    assert any(line.startswith("extra PROTEST") for line in counts.errors)
