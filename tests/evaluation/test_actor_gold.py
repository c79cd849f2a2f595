"""The actor gold set: well-formed, its test split frozen, its scorer honest."""

from pathlib import Path

import pytest
import yaml

from conftest import SHARED, current_files, frozen_files
from wirecoder.evaluation.actors import GoldStory, read_gold, score_story
from wirecoder.records import Actor, Article, Extraction
from wirecoder.records import Span as TextSpan

GOLD = Path(__file__).resolve().parents[2] / "gold" / "actors"
CORPUS = SHARED / "corpora" / "news-articles-2017" / "NewsArticles.csv"


def test_the_test_split_is_frozen():
    assert frozen_files(GOLD / "test") == current_files(GOLD / "test")


def test_splits_hold_the_stories_chosen_for_them():
    chosen = yaml.safe_load((GOLD / "stories.yaml").read_text())["stories"]
    splits = [story["split"] for story in chosen]
    assert (splits.count("train"), splits.count("dev"), splits.count("test")) == (80, 16, 16)
    for story in chosen:
        path = GOLD / story["split"] / f"{story['article']}.yaml"
        assert yaml.safe_load(path.read_text())["article"] == story["article"]


@pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared")
def test_gold_mentions_are_in_the_text():
    stories = read_gold(GOLD / "dev", CORPUS)
    assert len(stories) == 16
    for story in stories:
        assert story.actors
        for actor in story.actors:
            assert actor.mentions, (story.article, actor.name)


def test_a_state_split_in_two_is_one_match_and_one_false_actor():
    text = "Russia said the Kremlin would reply. Putin spoke."
    gold = GoldStory("1", "dev", text, None, [
        _gold("Russia", "state", "RUS", "GOV", [(0, 6), (16, 23)]),
        _gold("Vladimir Putin", "person", "RUS", "GOV", [(37, 42)])])
    predicted = Extraction(article=Article(id="1", text_sha256="x"), actors=[
        _actor("RUS", "Russia", "country", "RUS", [(0, 6)]),
        _actor("organization:kremlin", "Kremlin", "organization", None, [(16, 23)]),
        _actor("person:putin", "Putin", "person", "RUS", [(37, 42)])])
    counts = score_story(predicted, gold)
    assert (counts.gold, counts.predicted, counts.matched) == (2, 3, 2)
    assert counts.extra == ["1: Kremlin (organization)"] and counts.missed == []
    assert (counts.kind_right, counts.country_right) == (2, 2)


def _gold(name, kind, country, sector, spans):
    from wirecoder.evaluation.actors import GoldActor

    return GoldActor(name, kind, country, sector, spans)


def _actor(id, name, kind, country, spans):
    text = "Russia said the Kremlin would reply. Putin spoke."
    return Actor(id=id, name=name, kind=kind, country=country, known=False, confidence=0.5,
                 mentions=[TextSpan(start=s, end=e, text=text[s:e]) for s, e in spans])


def _written_story(article: str, text: str, parties: dict[str, list[str]]) -> GoldStory:
    """A gold story written for a test: each party by the strings that mention it (the
    other actors the pipeline finds are the examples of non-parties)."""
    from wirecoder.evaluation.actors import GoldActor, _occurrences

    actors = [GoldActor(name, "person", None, None,
                        [s for m in mentions for s in _occurrences(text, m)])
              for name, mentions in parties.items()]
    return GoldStory(article, "train", text, None, actors)


def test_party_training_is_reproducible_on_stories_written_for_it(tmp_path, pipeline):
    pytest.importorskip("sklearn")
    from wirecoder.evaluation.training import train_party_model
    from wirecoder.extract.parties import PartyModel

    stories = [
        _written_story("a", "Kenya protested to Britain on Monday. Police in Nairobi arrested "
                            "two men, the writer Ruth Ames noted.",
                       {"Kenya": ["Kenya"], "Britain": ["Britain"], "police": ["Police"]}),
        _written_story("b", "Anna Berg said the talks in Oslo failed. Berg blamed Moscow, "
                            "which rejected the claim, as Peter Lund wrote.",
                       {"Anna Berg": ["Anna Berg", "Berg"], "Russia": ["Moscow"]}),
        _written_story("c", "Ghana and Togo signed a border deal in Accra, said Kofi Mensah, "
                            "a spokesman for the Ghanaian government. Mali was not there.",
                       {"Ghana": ["Ghana", "Ghanaian government"], "Togo": ["Togo"],
                        "Kofi Mensah": ["Kofi Mensah"]}),
    ]
    first = train_party_model(stories, pipeline=pipeline)
    second = train_party_model(stories, pipeline=pipeline)
    assert first.weights == second.weights and first.threshold == second.threshold
    assert "3 stories" in first.trained_on
    path = tmp_path / "parties.json"
    first.save(path)
    assert PartyModel.load(path).weights == first.weights
