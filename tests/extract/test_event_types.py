"""The event typer: its guards, its learned model file, and its training."""

import json

import pytest

from wirecoder.errors import KnowledgeError
from wirecoder.evaluation.event_stories import GoldEvent, GoldSentence, GoldStory
from wirecoder.extract.event_types import NONE, EventModel, guarded


def _token(pipeline, text: str, word: str):
    doc = pipeline.nlp(text)
    return next(t for t in doc if t.text == word)


def test_agency_boilerplate_is_no_event(pipeline):
    lexicon = pipeline.lexicons.events
    text = "Islamic State (outlawed in Russia) attacked a checkpoint in Homs."
    assert guarded(_token(pipeline, text, "outlawed"), "COERCE", lexicon)
    assert not guarded(_token(pipeline, text, "attacked"), "ASSAULT", lexicon)


def test_a_question_reports_no_event(pipeline):
    lexicon = pipeline.lexicons.events
    assert guarded(_token(pipeline, "Will Russia attack Ukraine this spring?", "attack"),
                   "ASSAULT", lexicon)
    assert not guarded(_token(pipeline, "Russia will attack Ukraine this spring.", "attack"),
                       "ASSAULT", lexicon)
    quoted = '"Why kill children?" the girl\'s grandfather asked after the drone strike.'
    assert guarded(_token(pipeline, quoted, "kill"), "ASSAULT", lexicon)


def test_natural_forces_do_not_assault(pipeline):
    lexicon = pipeline.lexicons.events
    assert guarded(_token(pipeline, "A tsunami killed 43 people in Aceh.", "killed"),
                   "ASSAULT", lexicon)
    assert guarded(_token(pipeline, "Two provinces were hit by bad weather.", "hit"),
                   "ASSAULT", lexicon)
    assert not guarded(_token(pipeline, "Rebels killed 43 people in Aceh.", "killed"),
                       "ASSAULT", lexicon)


def test_the_condition_of_a_hypothetical_is_no_event(pipeline):
    lexicon = pipeline.lexicons.events
    text = "If Pakistan strikes India, the war would be catastrophic."
    assert guarded(_token(pipeline, text, "strikes"), "ASSAULT", lexicon)
    assert not guarded(_token(pipeline, "Pakistan strikes India.", "strikes"), "ASSAULT",
                       lexicon)


def test_an_inverted_condition_is_no_event(pipeline):
    lexicon = pipeline.lexicons.events
    text = ("Should Trump make good on his threat to scrap the Iran deal, Tehran would "
            "resume enrichment.")
    assert guarded(_token(pipeline, text, "scrap"), "SANCTION", lexicon)
    assert not guarded(_token(pipeline, "Trump should scrap the Iran deal.", "scrap"),
                       "SANCTION", lexicon)


def test_an_open_or_denied_act_is_no_event(pipeline):
    lexicon = pipeline.lexicons.events
    assert guarded(_token(pipeline, "The administration will decide whether to lift "
                                    "sanctions on Russia.", "lift"), "RETREAT", lexicon)
    assert guarded(_token(pipeline, "Protests will continue until the government resigns.",
                          "resigns"), "RETREAT", lexicon)
    assert guarded(_token(pipeline, "Police found no evidence that he discussed the plan "
                                    "with others.", "discussed"), "CONSULT", lexicon)
    assert not guarded(_token(pipeline, "Fighting continued until the army withdrew.",
                              "withdrew"), "RETREAT", lexicon)
    assert not guarded(_token(pipeline, "Police found evidence that he discussed the plan "
                                        "with others.", "discussed"), "CONSULT", lexicon)


def test_a_publication_is_no_material_act(pipeline):
    lexicon = pipeline.lexicons.events
    assert guarded(_token(pipeline, "The ministry released a statement on Monday.",
                          "released"), "RETREAT", lexicon)
    assert not guarded(_token(pipeline, "The rebels released two hostages on Monday.",
                              "released"), "RETREAT", lexicon)
    assert not guarded(_token(pipeline, "The two sides agreed to share information.",
                              "share"), "COOPERATE", lexicon)


def test_a_link_to_another_story_is_no_event(pipeline):
    lexicon = pipeline.lexicons.events
    text = "READ MORE: US Senate approves Jeff Sessions as attorney general."
    assert guarded(_token(pipeline, text, "approves"), "SUPPORT", lexicon)
    assert not guarded(_token(pipeline, "The US Senate approves Jeff Sessions as attorney "
                                        "general.", "approves"), "SUPPORT", lexicon)


def test_history_dated_more_than_a_year_back_is_no_event(extract):
    text = ("Nie Shubin was executed in 1995. Police arrested three men in Hebei on "
            "Monday.")
    events = extract(text, published="2017-03-01").events
    assert not any(e.trigger.text == "executed" for e in events)
    assert any(e.trigger.text == "arrested" for e in events)


def test_the_model_keeps_a_type_only_above_its_threshold():
    model = EventModel([NONE, "ASSAULT"], {"lemma=shell": [0.0, 3.0]}, [0.0, -1.0], 0.5)
    assert model.decide({"lemma=shell": 1.0})[0] == "ASSAULT"
    assert model.decide({"lemma=talk": 1.0})[0] == NONE


def test_a_broken_model_file_is_a_one_line_error(tmp_path):
    path = tmp_path / "events.json"
    path.write_text(json.dumps({"classes": [NONE, "ASSAULT"], "bias": [0.0],
                                "weights": {}, "threshold": 0.5}))
    with pytest.raises(KnowledgeError, match="events.json: not an event model"):
        EventModel.load(path)
    with pytest.raises(KnowledgeError, match="cannot read event model"):
        EventModel.load(tmp_path / "missing.json")


def _written(story_id: str, text: str, events: list[tuple[str, str]]) -> GoldStory:
    """A one-sentence gold story written for a test: (type, trigger) pairs."""
    gold = [GoldEvent(kind, {None}, {None}, False, trigger) for kind, trigger in events]
    return GoldStory(story_id, "train", text, None, [GoldSentence(0, len(text), gold)])


def test_event_training_is_reproducible_on_stories_written_for_it(tmp_path, pipeline):
    pytest.importorskip("sklearn")
    from wirecoder.evaluation.training import train_event_model

    stories = [
        _written("a", "Rebels shelled the town and police arrested two men.",
                 [("ASSAULT", "shelled"), ("COERCE", "arrested")]),
        _written("b", "Kenya condemned the attack and said it would help.",
                 [("DISAPPROVE", "condemned")]),
        _written("c", "The army shelled villages while ministers met in Oslo.",
                 [("ASSAULT", "shelled"), ("CONSULT", "met")]),
        _written("d", "Police arrested protesters after the minister condemned them.",
                 [("COERCE", "arrested"), ("DISAPPROVE", "condemned")]),
    ]
    first = train_event_model(stories, pipeline=pipeline)
    second = train_event_model(stories, pipeline=pipeline)
    assert first.weights == second.weights and first.threshold == second.threshold
    assert NONE in first.classes and "ASSAULT" in first.classes
    assert "4 stories" in first.trained_on
    path = tmp_path / "events.json"
    first.save(path)
    assert EventModel.load(path).weights == first.weights
