"""Places scored on GeoWebNews: the reader, the recognition counts and the distances."""

from pathlib import Path

import pytest

from conftest import SHARED
from wirecoder.evaluation.places import distance_km, median_km, read_gold, score_article
from wirecoder.records import Place, Span

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Troops left Paris for Lyon, said coach Ripley, a French officer."
XML = """<?xml version="1.0" ?>
<articles><article file="7"><title>t</title><link>l</link><text>{text}</text><toponyms>
<toponym><extractedName>Paris</extractedName><type>Literal</type><start>12</start><end>17</end>
<latitude>48.85341</latitude><longitude>2.3488</longitude></toponym>
<toponym><extractedName>Lyon</extractedName><type>Metonymic</type><start>22</start><end>26</end>
<latitude>45.74846</latitude><longitude>4.84671</longitude></toponym>
<toponym><extractedName>Ripley</extractedName><type>Non_Toponym</type><start>39</start>
<end>45</end><latitude /><longitude /></toponym>
<toponym><extractedName>French</extractedName><type>Demonym</type><start>49</start>
<end>55</end><latitude /><longitude /></toponym>
</toponyms></article></articles>
"""


def _place(name: str, start: int, lat: float, lon: float) -> Place:
    return Place(id=name, name=name, lat=lat, lon=lon, kind="city", gazetteer_id=name,
                 mentions=[Span(start=start, end=start + len(name), text=name)],
                 confidence=0.8)


@pytest.fixture
def article(tmp_path):
    (tmp_path / "eval" / "geo").mkdir(parents=True)
    (tmp_path / "eval" / "geo" / "GWN.xml").write_text(XML.format(text=TEXT))
    splits = tmp_path / "split.yaml"
    splits.write_text('source: eval/geo/GWN.xml\ndocuments:\n  - {id: "7", split: dev}\n')
    (found,) = read_gold(splits, tmp_path, "dev")
    return found


def test_a_geowebnews_article_reads_with_its_toponyms(article):
    assert [(t.name, t.type) for t in article.toponyms] == [
        ("Paris", "Literal"), ("Lyon", "Metonymic"), ("Ripley", "Non_Toponym"),
        ("French", "Demonym")]
    assert all(article.text[t.start:t.end] == t.name for t in article.toponyms)


def test_a_person_read_as_a_place_counts_against_and_a_namesake_far_away_is_wrong(article):
    predicted = [_place("Paris", 12, 33.66094, -95.55551),  # Paris, Texas: the wrong Paris
                 _place("Lyon", 22, 45.75, 4.85),
                 _place("Ripley", 39, 38.8, -81.7),  # a person read as a place
                 _place("French", 49, 46.0, 2.0)]  # a demonym: neither right nor wrong
    counts = score_article(predicted, article)
    assert (counts.gold, counts.predicted, counts.found) == (2, 3, 2)
    assert (counts.located, counts.near) == (2, 1)
    assert median_km(counts) > 161


def test_distances_are_great_circle_kilometres():
    assert distance_km(48.85341, 2.3488, 48.85341, 2.3488) == 0
    assert 390 < distance_km(48.85341, 2.3488, 45.74846, 4.84671) < 400  # Paris to Lyon


@pytest.mark.skipif(not (SHARED / "eval" / "geo").exists(), reason="needs ../shared")
def test_the_dev_articles_read_with_toponyms_matching_their_text():
    articles = read_gold(ROOT / "gold" / "places" / "split.yaml", SHARED, "dev")
    assert len(articles) == 50 and all(a.split == "dev" for a in articles)
    toponyms = [t for a in articles for t in a.toponyms]
    assert len(toponyms) > 1000
    assert sum(a.text[t.start:t.end] == t.name for a in articles for t in a.toponyms) \
        > 0.95 * len(toponyms)


def test_a_place_resolved_to_the_gold_geonames_feature_is_at_no_distance(article):
    article.toponyms[0].geonames = "2988507"
    # a point of its own for Paris, 300 km off, but the same GeoNames feature
    paris = _place("Paris", 12, 46.0, 2.0).model_copy(update={"gazetteer_id": "geonames:2988507"})
    counts = score_article([paris], article)
    assert (counts.located, counts.near, counts.errors_km) == (1, 1, [0.0])
