"""The real-news position gold set: well-formed, its test split frozen, its scorer honest."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import SHARED, current_files, frozen_files
from wirecoder.evaluation.positions import GoldStory, Names, read_story_gold, score_story
from wirecoder.knowledge import default_knowledge
from wirecoder.records import Actor, Article, Extraction, Position
from wirecoder.records import Span as TextSpan

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "gold" / "positions"


def test_the_test_split_is_frozen():
    assert frozen_files(GOLD / "test") == current_files(GOLD / "test")


def test_every_chosen_story_is_coded_in_its_split():
    chosen = yaml.safe_load((GOLD / "stories.yaml").read_text())["stories"]
    assert len(chosen) >= 300
    splits = {s["split"] for s in chosen}
    assert splits == {"train", "dev", "test"}
    issues = set()
    for story in chosen:
        data = yaml.safe_load((GOLD / story["split"] / f"{story['id']}.yaml").read_text())
        assert str(data["story"]) == story["id"]
        assert all(1 <= p["sentence"] <= len(story["sentences"]) for p in data["positions"])
        issues |= {p["issue"] for p in data["positions"]}
    assert len(issues) >= 20  # the vocabulary's issues, and questions outside it


@pytest.mark.skipif(not (SHARED / "corpora").exists(), reason="needs ../shared")
def test_the_coded_files_pass_their_check():
    files = sorted(str(p) for p in GOLD.glob("*/*.yaml"))
    result = subprocess.run([sys.executable, str(ROOT / "gold/tools/position_packets.py"),
                             "check", *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]


@pytest.mark.skipif(not (SHARED / "corpora").exists(), reason="needs ../shared")
def test_gold_stories_read_with_their_coded_sentences():
    stories = read_story_gold(GOLD / "dev", SHARED)
    assert stories and all(s.split == "dev" and s.coded for s in stories)
    assert sum(s.unscored for s in stories) > 0  # issues outside the vocabulary, apart
    assert all(p["issue"] != "other" for s in stories for p in s.positions)


def _position(actor, issue, stance, at):
    return Position(actor=actor, issue=issue, stance=stance,
                    trigger=TextSpan(start=at, end=at + 3, text="xxx"),
                    evidence=TextSpan(start=at, end=at + 3, text="xxx"), confidence=0.5)


def test_positions_count_once_per_story_and_only_in_coded_sentences():
    text = "Russia backs the truce. Russia backs the truce again. Iran rejects the truce."
    story = GoldStory("s", text, None, [
        {"actor": "Russia", "country": "RUS", "issue": "ceasefire", "stance": "support"},
        {"actor": "Sergei Lavrov", "country": "RUS", "issue": "sanctions", "stance": "oppose"},
    ], [], split="dev", coded=[(0, 23), (24, 53)])
    actors = [Actor(id=code, name=name, kind="country", country=code, known=True,
                    confidence=0.9) for code, name in (("RUS", "Russia"), ("IRN", "Iran"))]
    predicted = Extraction(article=Article(id="s", text_sha256="x"), actors=actors, positions=[
        _position("RUS", "ceasefire", "support", 7),
        _position("RUS", "ceasefire", "support", 31),  # the same stance again: counted once
        _position("RUS", "sanctions", "oppose", 31),  # the state speaks for its minister
        _position("IRN", "ceasefire", "oppose", 59)])  # outside the coded sentences
    counts = score_story(predicted, story, default_knowledge())
    assert (counts.gold, counts.predicted, counts.right) == (2, 2, 2)


def test_the_second_batch_of_stories_only_adds_training_stories():
    chosen = yaml.safe_load((GOLD / "stories.yaml").read_text())["stories"]
    first, second = chosen[:320], chosen[320:]
    assert second and all(s["split"] == "train" for s in second)
    assert {s["id"] for s in first}.isdisjoint(s["id"] for s in second)
    counts = {split: sum(s["split"] == split for s in first) for split in ("dev", "test")}
    assert counts == {"dev": 64, "test": 64}


def test_a_holder_matches_by_the_coded_mention_or_by_the_end_of_its_name():
    text = "Scotland's first minister wants a vote. Sturgeon said so."
    person = Actor(id="sturgeon", name="Sturgeon", kind="person", country="GBR", known=False,
                   confidence=0.6, mentions=[TextSpan(start=40, end=48, text="Sturgeon")])
    title = Actor(id="first-minister", name="Scotland first minister", kind="person",
                  known=False, confidence=0.6,
                  mentions=[TextSpan(start=0, end=25, text="Scotland's first minister")])
    names = Names([person, title], default_knowledge())
    assert names.match("sturgeon", "Nicola Sturgeon")
    assert names.match("first-minister", "Nicola Sturgeon", text=text[:25])
    assert not names.match("first-minister", "Nicola Sturgeon")
    assert not names.match("sturgeon", "Nicola Sturgeonova")
    he = Actor(id="kenny", name="Enda Kenny", kind="person", known=True, confidence=0.9,
               mentions=[TextSpan(start=0, end=2, text="He")])
    assert not Names([he], default_knowledge()).match("kenny", "Leo Varadkar", text="He")
