"""The learned stance decision: what it adds to the cue rules, its issue weights, its file
and its training."""

import pytest

from conftest import actor_named, assert_offsets
from wirecoder.errors import KnowledgeError
from wirecoder.evaluation.positions import GoldStory
from wirecoder.extract.linear import NONE, ClassModel
from wirecoder.extract.positions import PositionModel, find_positions, position_candidates

STANCES = ["NONE", "oppose", "support"]
TEXT = ("Russia rejected the ceasefire proposal on Tuesday. \"Our ties with Ireland will grow,\" "
        "Theresa May told parliament.")


def _model(issue_bias: float, stance_bias: list[float]) -> PositionModel:
    issues = ClassModel(["normalization"], {"word=tie": [12.0]}, [issue_bias], 0.5)
    return PositionModel(issues, ClassModel(STANCES, {}, stance_bias, 0.5))


def _positioned(staged, model: PositionModel | None):
    doc, context = staged(TEXT, "positions")
    context.position_model = model
    positions = find_positions(doc, context)
    assert_offsets(TEXT, positions, context.actors)
    return positions, context


def test_a_model_that_decides_nothing_leaves_the_rules_positions(staged):
    rules, _ = _positioned(staged, None)
    quiet, _ = _positioned(staged, _model(-20.0, [10.0, 0.0, 0.0]))
    assert [(p.actor, p.issue, p.stance) for p in quiet] == \
        [(p.actor, p.issue, p.stance) for p in rules]
    assert ("RUS", "ceasefire", "oppose") in {(p.actor, p.issue, p.stance) for p in rules}


def test_issue_weights_find_an_issue_no_term_names_and_the_model_decides_its_stance(staged):
    positions, context = _positioned(staged, _model(-6.0, [0.0, 0.0, 10.0]))
    may = actor_named(context, "Theresa May")
    added = [p for p in positions if p.actor == may.id]
    assert [(p.issue, p.stance) for p in added] == [("normalization", "support")]
    assert added[0].quote is not None  # said in her quote, and it points there
    assert ("RUS", "ceasefire", "oppose") in {(p.actor, p.issue, p.stance) for p in positions}


def test_candidates_carry_what_the_text_says(staged):
    doc, context = staged(TEXT, "positions")
    candidates = position_candidates(doc, context, [], _model(-6.0, [0.0] * 3).issues)
    russia = next(c for c in candidates if c.actor == "RUS" and c.issue == "ceasefire")
    assert russia.features["cue=oppose"] == 1.0 and russia.features["term"] == 1.0
    assert russia.features["holder_kind=country"] == 1.0
    assert russia.features["ceasefire|cue=oppose"] == 1.0  # joined with its issue
    may = next(c for c in candidates if c.issue == "normalization")
    assert "how=speaker" in may.features and "term" not in may.features


def test_a_broken_position_model_is_a_one_line_error(tmp_path):
    path = tmp_path / "positions.json"
    path.write_text('{"issues": {}, "stances": {}}')
    with pytest.raises(KnowledgeError, match="positions.json: not a position model"):
        PositionModel.load(path)


def test_the_shipped_model_loads_with_both_parts():
    model = PositionModel.load()
    assert NONE in model.stances.classes and {"support", "oppose"} <= set(model.stances.classes)
    assert "ceasefire" in model.issues.classes and 0 < model.issues.threshold < 1


def _written(story_id: str, text: str, positions: list[dict]) -> GoldStory:
    return GoldStory(story_id, text, None, positions, [], split="train",
                     coded=[(0, len(text))])


def test_position_training_is_reproducible_on_stories_written_for_it(tmp_path, pipeline):
    pytest.importorskip("sklearn")
    from wirecoder.evaluation.training import train_position_model
    from wirecoder.extract.pipeline import Pipeline

    def gold(actor, country, issue, stance):
        return {"actor": actor, "country": country, "issue": issue, "stance": stance,
                "sentence": 1}

    stories = [
        _written("a", "Russia rejected the ceasefire in Syria.",
                 [gold("Russia", "RUS", "ceasefire", "oppose")]),
        _written("b", "Turkey welcomed the ceasefire in Idlib.",
                 [gold("Turkey", "TUR", "ceasefire", "support")]),
        _written("c", "Iran rejected new sanctions on Tehran.",
                 [gold("Iran", "IRN", "sanctions", "oppose")]),
        _written("d", "France backed new sanctions on Syria.",
                 [gold("France", "FRA", "sanctions", "support")]),
        _written("e", "Egypt welcomed talks on the truce in Gaza.",
                 [gold("Egypt", "EGY", "ceasefire", "support")]),
        _written("f", "China rejected sanctions on North Korea.",
                 [gold("China", "CHN", "sanctions", "oppose")]),
    ]
    rules = Pipeline(knowledge=pipeline.knowledge, use_position_model=False)
    first = train_position_model(stories, pipeline=rules)
    second = train_position_model(stories, pipeline=rules)
    assert first.stances.weights == second.stances.weights
    assert first.issues.weights == second.issues.weights
    assert "6 stories" in first.trained_on and "ceasefire" in first.issues.classes
    path = tmp_path / "positions.json"
    first.save(path)
    assert PositionModel.load(path).stances.weights == first.stances.weights


def test_every_party_a_sentence_names_is_a_candidate_on_its_likely_issue(staged):
    text = "Ties between Ireland and Britain will grow, officials in Dublin and London said."
    doc, context = staged(text, "positions")
    issues = ClassModel(["normalization"], {"word=tie": [12.0]}, [-6.0], 0.5)
    named = {c.actor: c for c in position_candidates(doc, context, [], issues)
             if c.issue == "normalization"}
    assert {"IRL", "GBR"} <= set(named)
    assert named["IRL"].features["how=mention"] == 1.0
    assert named["IRL"].features["issue_rank=0"] == 1.0
    assert named["IRL"].features["holder=IRL"] == 1.0
    unlikely = ClassModel(["normalization"], {"word=tie": [12.0]}, [-30.0], 0.5)
    assert not position_candidates(doc, context, [], unlikely)
