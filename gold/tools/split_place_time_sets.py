"""Split the place and time development data of ../shared by document, and freeze the test
documents before any place or time rule is tuned on them.

    python gold/tools/split_place_time_sets.py

GeoWebNews (``eval/geo/GWN.xml``, 200 articles) and TimeBank + AQUAINT
(``eval/timebank/``, 256 TimeML documents) are split by document: taken in the order of the
SHA-256 of their id, two to train, one to dev, one to test. Writes
``gold/places/split.yaml`` and ``gold/times/split.yaml``: each document's id, split and the
SHA-256 of its text (the texts stay in ../shared), so that a changed or re-split test
document shows.
"""

from __future__ import annotations

import hashlib
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1]
SHARED = GOLD.parents[1] / "shared"
GEO = SHARED / "eval" / "geo" / "GWN.xml"
TIMEBANK = SHARED / "eval" / "timebank"
SPLITS = ("train", "train", "dev", "test")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def geo_documents() -> dict[str, str]:
    """GeoWebNews article number -> its text."""
    root = ElementTree.parse(GEO).getroot()
    return {article.get("file"): article.findtext("text") or ""
            for article in root.iter("article")}


def time_documents() -> dict[str, str]:
    """TimeML document (``TimeBank/NAME`` or ``AQUAINT/NAME``) -> its file's text."""
    return {f"{path.parent.name}/{path.name}": path.read_text(encoding="utf-8")
            for path in sorted(TIMEBANK.glob("*/*.tml"))}


def split(documents: dict[str, str], source: str, what: str) -> str:
    ordered = sorted(documents, key=lambda name: sha256(name))
    lines = [f"# {what}, split by document; made by gold/tools/split_place_time_sets.py.",
             "# The test documents are frozen: score them once, when the issue ends.",
             f"source: {source}", "documents:"]
    for number, name in enumerate(ordered):
        lines.append(f'  - {{id: "{name}", split: {SPLITS[number % len(SPLITS)]}, '
                     f"sha256: {sha256(documents[name])}}}")
    return "\n".join(lines) + "\n"


def sets() -> list[tuple[str, dict[str, str], str, str]]:
    """(gold folder, documents, source, description) of each set."""
    return [("places", geo_documents(), "eval/geo/GWN.xml", "GeoWebNews toponyms"),
            ("times", time_documents(), "eval/timebank", "TimeBank and AQUAINT TIMEX3")]


def main() -> None:
    for folder, documents, source, what in sets():
        (GOLD / folder).mkdir(exist_ok=True)
        (GOLD / folder / "split.yaml").write_text(split(documents, source, what),
                                                  encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
