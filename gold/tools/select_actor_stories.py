"""Choose the real news stories of the actor gold set and their split, reproducibly.

    python gold/tools/select_actor_stories.py > gold/actors/stories.yaml

From ../shared/corpora/news-articles-2017/NewsArticles.csv: stories of 1,200-4,500
characters with at least four conflict or diplomacy words, fourteen per outlet from eight
outlets, taken in the order of the SHA-256 of their id; per outlet the first four go to
train, two to dev, two to test (so every split holds every outlet), and the next six to
train (added in a second round of annotation, after the test split was frozen). Only ids
are written: the texts stay in ../shared.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from collections import defaultdict
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "news-articles-2017" / \
    "NewsArticles.csv"
OUTLETS = ("aljazeera.com", "tass.com", "dw.com", "bbc.co.uk", "abcnews.go.com", "cnn.com",
           "rte.ie", "huffingtonpost.com")
WORDS = re.compile(r"\b(ceasefire|truce|troops|militants?|rebels?|airstrikes?|sanctions|talks|"
                   r"minister|protesters?|police|army|military|peace|attack|killed|"
                   r"foreign ministry)\b", re.I)
SPLITS = ("train",) * 4 + ("dev",) * 2 + ("test",) * 2 + ("train",) * 6


def outlet(link: str) -> str:
    return re.sub(r"https?://(www\.)?([^/]+)/.*", r"\2", link)


def main() -> None:
    with open(CORPUS, encoding="utf-8", errors="replace", newline="") as handle:
        rows = list(csv.DictReader(handle))
    chosen = defaultdict(list)
    for row in rows:
        text = row["text"]
        if 1200 <= len(text) <= 4500 and len(WORDS.findall(text)) >= 4:
            chosen[outlet(row["article_source_link"])].append(row)
    print("# Stories of the actor gold set; made by gold/tools/select_actor_stories.py")
    print("stories:")
    for name in OUTLETS:
        ranked = sorted(chosen[name],
                        key=lambda r: hashlib.sha256(r["article_id"].encode()).hexdigest())
        for row, split in zip(ranked, SPLITS, strict=False):
            title = row["title"].replace('"', "'").strip()
            print(f'  - {{article: "{row["article_id"]}", outlet: {name}, split: {split}, '
                  f'title: "{title}"}}')


if __name__ == "__main__":
    sys.exit(main())
