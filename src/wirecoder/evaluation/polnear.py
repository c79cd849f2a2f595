"""Reading PolNeAR (Political News Attribution Relations): texts, brat standoff, metadata."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from wirecoder.records import parse_date


@dataclass
class GoldAttribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    source_text: str = ""


@dataclass
class GoldArticle:
    name: str
    text: str
    publisher: str
    published: object
    attributions: list[GoldAttribution]


def _segments(location: str) -> list[tuple[int, int]]:
    """'10 20;25 30' -> [(10, 20), (25, 30)]"""
    pieces = []
    for part in location.split(";"):
        start, end = part.split()
        pieces.append((int(start), int(end)))
    return pieces


def read_annotations(path: Path) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        # a span text with a line break continues on lines of its own: skip those
        if not re.match(r"[TE]\d+\t", line):
            continue
        if line.startswith("T"):
            ident, middle, *rest = line.split("\t")
            label, location = middle.split(" ", 1)
            spans[ident] = (label, _segments(location), rest[0] if rest else "")
        elif line.startswith("E"):
            _, roles = line.split("\t", 1)
            events.append(dict(role.split(":", 1) for role in roles.split()))
    attributions = []
    for event in events:
        content = event.get("Content")
        if content not in spans:
            continue
        source = spans.get(event.get("Source", ""))
        cue = spans.get(event.get("Cue", ""))
        attributions.append(GoldAttribution(
            content=spans[content][1], source=source[1] if source else [],
            cue=cue[1] if cue else [], source_text=source[2] if source else ""))
    return attributions


def read_split(folder: Path) -> list[GoldArticle]:
    """A PolNeAR split folder (``.../polnear/dev``): one annotator's file per article."""
    folder = Path(folder)
    metadata = {}
    table = folder.parent / "metadata.tsv"
    if table.exists():
        with table.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                metadata[row["filename"]] = row
    articles = []
    for text_path in sorted((folder / "text").glob("*.txt")):
        name = text_path.stem
        annotations = sorted((folder / "attributions").glob(f"{name}_*.ann"))
        if not annotations:
            continue
        row = metadata.get(name, {})
        articles.append(GoldArticle(
            name=name, text=text_path.read_text(encoding="utf-8"),
            publisher=row.get("publisher") or name.split("_")[0],
            published=parse_date(row.get("publication_date"), name),
            attributions=read_annotations(annotations[0])))
    return articles
