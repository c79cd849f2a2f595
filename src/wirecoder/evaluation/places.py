"""Places scored on GeoWebNews (``eval/geo/GWN.xml`` in the shared folder), per split of
``gold/places/split.yaml``.

The gold toponyms of an article are its annotated place names, literal or metonymic, as
modifiers or embedded in a longer name ("Paris" in "Paris Hilton" is not one). Names
annotated as not toponyms count against a predicted place mention there; demonyms,
languages, homonyms and whole expressions are left out. A predicted mention matches a gold
toponym it overlaps (one to one), for recognition precision, recall and F1; on the matches
whose gold has coordinates, the distance between the two points gives the share within
161 km (100 miles) and the median error. A place resolved to the gold's own GeoNames feature
is at 0 km: GeoNames' point for it is the gold's (wirecoder keeps its own points for
countries, from ``countries.csv``, which can lie hundreds of kilometres from GeoNames').
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wirecoder.extract.pipeline import Pipeline
from wirecoder.records import ArticleInput, Place

#: annotation types that are toponyms, and those that are named but not places
TOPONYMS = {"Literal", "Metonymic", "Mixed", "Coercion", "Literal_Modifier",
            "Non_Literal_Modifier", "Embedded_Literal", "Embedded_Non_Lit"}
NOT_PLACES = {"Non_Toponym"}
NEAR_KM = 161.0


@dataclass
class GoldToponym:
    start: int
    end: int
    name: str
    type: str
    lat: float | None
    lon: float | None
    geonames: str | None = None


@dataclass
class GeoArticle:
    id: str
    split: str
    text: str
    toponyms: list[GoldToponym]


@dataclass
class PlaceCounts:
    articles: int = 0
    gold: int = 0
    predicted: int = 0
    found: int = 0
    located: int = 0  # matches whose gold and prediction both have coordinates
    near: int = 0
    errors_km: list[float] = field(default_factory=list)

    def add(self, other: PlaceCounts) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)


def _number(element: ElementTree.Element, tag: str) -> float | None:
    text = (element.findtext(tag) or "").strip()
    return float(text) if text else None


def read_gold(splits: Path, shared: Path, split: str | None = None) -> list[GeoArticle]:
    """The articles that ``splits`` (``gold/places/split.yaml``) lists in one split, or all
    of them, read from the shared folder."""
    data = yaml.safe_load(Path(splits).read_text(encoding="utf-8"))
    chosen = {str(d["id"]): d["split"] for d in data["documents"]
              if split is None or d["split"] == split}
    root = ElementTree.parse(Path(shared) / data["source"]).getroot()
    articles = []
    for article in root.iter("article"):
        name = article.get("file")
        if name not in chosen:
            continue
        toponyms = [GoldToponym(int(t.findtext("start")), int(t.findtext("end")),
                                t.findtext("extractedName") or "", t.findtext("type") or "",
                                _number(t, "latitude"), _number(t, "longitude"),
                                (t.findtext("geonamesID") or "").strip() or None)
                    for t in article.iter("toponym")]
        articles.append(GeoArticle(name, chosen[name], article.findtext("text") or "",
                                   toponyms))
    return articles


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def score_article(places: list[Place], article: GeoArticle) -> PlaceCounts:
    gold = [t for t in article.toponyms if t.type in TOPONYMS]
    wrong = [t for t in article.toponyms if t.type in NOT_PLACES]
    neutral = [t for t in article.toponyms if t.type not in TOPONYMS | NOT_PLACES]

    def overlaps(start: int, end: int, toponym: GoldToponym) -> bool:
        return start < toponym.end and toponym.start < end

    mentions = [(m.start, m.end, place) for place in places for m in place.mentions]
    scored = [(s, e, p) for s, e, p in mentions
              if any(overlaps(s, e, t) for t in gold + wrong)
              or not any(overlaps(s, e, t) for t in neutral)]
    counts = PlaceCounts(articles=1, gold=len(gold), predicted=len(scored))
    taken: set[int] = set()
    for start, end, place in sorted(scored, key=lambda m: m[0]):
        match = next((k for k, t in enumerate(gold)
                      if k not in taken and overlaps(start, end, t)), None)
        if match is None:
            continue
        taken.add(match)
        counts.found += 1
        toponym = gold[match]
        if None in (toponym.lat, toponym.lon, place.lat, place.lon):
            continue
        same = toponym.geonames and place.gazetteer_id == f"geonames:{toponym.geonames}"
        error = 0.0 if same else distance_km(toponym.lat, toponym.lon, place.lat, place.lon)
        counts.located += 1
        counts.near += error <= NEAR_KM
        counts.errors_km.append(error)
    return counts


def median_km(counts: PlaceCounts) -> float | None:
    return statistics.median(counts.errors_km) if counts.errors_km else None


def evaluate(pipeline: Pipeline, articles: list[GeoArticle]) -> dict[str, PlaceCounts]:
    """Counts per split and for all articles (the stages up to ``places`` only)."""
    table: dict[str, PlaceCounts] = {}
    items = [ArticleInput(text=a.text, id=f"gwn-{a.id}") for a in articles]
    for article, (doc, item) in zip(articles, pipeline.parse(items), strict=True):
        places = pipeline.run(doc, item, until="places").places or []
        counts = score_article(places, article)
        for key in {article.split, "all"}:
            table.setdefault(key, PlaceCounts()).add(counts)
    return table
