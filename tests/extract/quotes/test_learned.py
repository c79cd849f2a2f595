import json

import pytest

from conftest import SHARED
from wirecoder.errors import KnowledgeError
from wirecoder.extract.pipeline import Pipeline
from wirecoder.extract.quotes.learned import QuoteModel

UNLISTED_CUES = ("Senator Ruiz has repeatedly questioned the legality of the blockade.\n\n"
                 "The governor is confident that the bridge will reopen by Friday.")


@pytest.fixture(scope="module")
def rules_only():
    return Pipeline(use_quote_model=False)


def test_model_finds_attributions_whose_cue_is_not_in_the_lexicon(extract):
    result = extract(UNLISTED_CUES)
    by_cue = {q.cue: q for q in result.quotes}
    assert by_cue["question"].content.text == "the legality of the blockade"
    assert by_cue["question"].speaker_text == "Senator Ruiz"
    assert by_cue["confident"].content.text == "the bridge will reopen by Friday"
    assert by_cue["confident"].speaker_text == "The governor"
    # a learned quote carries the model's probability as its confidence
    assert all(0.0 < q.confidence < 1.0 for q in result.quotes)


def test_rules_alone_leave_those_attributions_out(rules_only):
    result = rules_only.extract(UNLISTED_CUES, published="2024-05-08")
    assert {q.cue for q in result.quotes} & {"question", "confident"} == set()


def test_model_keeps_the_rules_clause_for_a_lexicon_cue(extract):
    result = extract("The opposition accused the government of rigging the election.")
    assert [(q.cue, q.content.text) for q in result.quotes] == [
        ("accuse", "rigging the election")]


def test_narrative_sentences_give_no_quotes(extract):
    result = extract("Heavy rain flooded the valley on Monday. Farmers moved their cattle "
                     "to higher ground and the river rose above its banks.")
    assert result.quotes == []


def test_built_in_model_names_its_training_data():
    model = QuoteModel.load()
    assert model.trained_on.startswith("PolNeAR train")
    assert 0.0 < model.threshold < 1.0 and len(model.weights) > 1000


def test_malformed_model_file_is_reported_with_its_name(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"weights": [1, 2]}', encoding="utf-8")
    with pytest.raises(KnowledgeError, match="broken.json: not a quote model"):
        QuoteModel.load(path)
    with pytest.raises(KnowledgeError, match="missing.json: cannot read"):
        QuoteModel.load(tmp_path / "missing.json")


@pytest.mark.skipif(not (SHARED / "eval/polnear/train").is_dir(), reason="needs ../shared")
def test_training_is_reproducible_and_its_weights_load_back(tmp_path, rules_only):
    pytest.importorskip("sklearn")
    from wirecoder.evaluation.training import train_quote_model

    gold = SHARED / "eval/polnear/train"
    first = train_quote_model(gold, limit=8, pipeline=rules_only)
    second = train_quote_model(gold, limit=8, pipeline=rules_only)
    assert first.weights == second.weights and first.threshold == second.threshold
    assert "8 articles" in first.trained_on and first.weights
    path = tmp_path / "quotes.json"
    first.save(path)
    assert json.loads(path.read_text())["threshold"] == first.threshold
    loaded = QuoteModel.load(path)
    assert loaded.weights == first.weights
    features = {name: 1.0 for name in list(first.weights)[:5]}
    assert loaded.score(features) == pytest.approx(first.score(features))
