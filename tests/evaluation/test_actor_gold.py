"""The actor gold set: well-formed, its test split frozen, its scorer honest."""

import hashlib
from pathlib import Path

import pytest
import yaml

from conftest import SHARED
from wirecoder.evaluation.actors import GoldStory, read_gold, score_story
from wirecoder.records import Actor, Article, Extraction
from wirecoder.records import Span as TextSpan

GOLD = Path(__file__).resolve().parents[2] / "gold" / "actors"
CORPUS = SHARED / "corpora" / "news-articles-2017" / "NewsArticles.csv"


def test_the_test_split_is_frozen():
    manifest = (GOLD / "test" / "FROZEN.sha256").read_text().splitlines()
    frozen = dict(reversed(line.split("  ")) for line in manifest if not line.startswith("#"))
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
             for p in (GOLD / "test").glob("*.yaml")}
    assert files == frozen


def test_splits_hold_the_stories_chosen_for_them():
    chosen = yaml.safe_load((GOLD / "stories.yaml").read_text())["stories"]
    assert len(chosen) == 64
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
