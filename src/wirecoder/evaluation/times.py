"""Date expressions scored on TimeML news: TimeBank and AQUAINT (``eval/timebank`` in the
shared folder), per split of ``gold/times/split.yaml``.

The gold of a document is its DATE TIMEX3 in the text, with their values; its creation time
is the publication date. A predicted expression matches a gold one it overlaps (extent, one
to one); its value is right when it writes as the gold value at its grain (day
``1998-01-08``, week ``1998-W02``, month ``1998-01``, quarter ``1998-Q1``, season
``1998-SU``, half ``1998-H2``, year ``1998``, decade ``199X``) or reference (``PAST_REF``,
``PRESENT_REF``, ``FUTURE_REF``). A range counts as two predictions where it overlaps two
gold dates, its first day for the first and its last day for the second. A predicted
expression that overlaps a gold TIME, DURATION or SET is left out: only dates are scored.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import yaml

from wirecoder.extract.pipeline import Pipeline
from wirecoder.records import ArticleInput, TimeExpression


@dataclass
class GoldTime:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeDocument:
    id: str
    split: str
    text: str
    published: dt.date | None
    times: list[GoldTime]


@dataclass
class TimeCounts:
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    extent_right: int = 0
    value_right: int = 0

    def add(self, other: TimeCounts) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def read_document(path: Path, split: str = "all") -> TimeDocument:
    """A TimeML file: the text of its ``TEXT`` element with every TIMEX3 in it, and its
    creation time."""
    root = ElementTree.parse(path).getroot()
    creation = root.find("DCT/TIMEX3")
    value = creation.get("value") if creation is not None else None
    published = dt.date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    parts: list[str] = []
    times: list[GoldTime] = []
    size = 0

    def walk(element: ElementTree.Element) -> None:
        nonlocal size
        if element.text:
            parts.append(element.text)
            size += len(element.text)
        for child in element:
            start = size
            walk(child)
            if child.tag == "TIMEX3":
                text = "".join(parts)[start:size]
                times.append(GoldTime(start, size, text, child.get("type", ""),
                                      child.get("value", "")))
            if child.tail:
                parts.append(child.tail)
                size += len(child.tail)

    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{path}: no TEXT element")
    walk(body)
    return TimeDocument(id=f"{path.parent.name}/{path.name}", split=split,
                        text="".join(parts), published=published, times=times)


def read_gold(splits: Path, shared: Path, split: str | None = None) -> list[TimeDocument]:
    """The documents that ``splits`` (``gold/times/split.yaml``) lists in one split (``train``,
    ``dev`` or ``test``), or all of them, read from the shared folder."""
    data = yaml.safe_load(Path(splits).read_text(encoding="utf-8"))
    listed = data["documents"]
    folder = Path(shared) / data["source"]
    return [read_document(folder / d["id"], d["split"]) for d in listed
            if split is None or d["split"] == split]


_SEASON_CODES = {1: "WI", 3: "SP", 6: "SU", 9: "FA"}


def written(time: TimeExpression, day: dt.date | None = None) -> str | None:
    """A resolved expression (or the ``day`` a range ends on) as TimeML writes its value, at
    its grain: ``1998-01-08``, ``1998-W02``, ``1998-01``, ``1998-Q1``, ``1998-SU``,
    ``1998-H2``, ``1998``, ``199X``, ``PRESENT_REF``."""
    if time.reference:
        return f"{time.reference.upper()}_REF"
    day = day or time.value
    if day is None or time.grain is None:
        return None
    if time.grain == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return {"day": day.isoformat(), "month": f"{day.year:04d}-{day.month:02d}",
            "quarter": f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}",
            "season": f"{day.year:04d}-{_SEASON_CODES.get(day.month, '')}",
            "half": f"{day.year:04d}-H{(day.month - 1) // 6 + 1}",
            "year": f"{day.year:04d}", "decade": f"{day.year // 10:03d}X"}[time.grain]


def _normal(value: str) -> str:
    """A gold value in the form :func:`written` writes it: TimeML writes a week "2000-W6"
    or "2000-W06", a decade "199" or "199X"."""
    return re.sub(r"^(\d{3})$", r"\1X", re.sub(r"-W(\d)$", r"-W0\1", value))


def score_document(predicted: list[TimeExpression], document: TimeDocument) -> TimeCounts:
    dates = [g for g in document.times if g.type == "DATE"]
    others = [g for g in document.times if g.type != "DATE"]

    def overlaps(time: TimeExpression, gold: GoldTime) -> bool:
        return time.start < gold.end and gold.start < time.end

    scored = [t for t in predicted if not any(overlaps(t, g) for g in others)
              or any(overlaps(t, g) for g in dates)]
    counts = TimeCounts(documents=1, gold=len(dates), predicted=len(scored))
    taken: set[int] = set()
    for time in scored:
        matches = [k for k, g in enumerate(dates) if k not in taken and overlaps(time, g)]
        # a range ("Aug. 26 to Oct. 20") states both the dates TimeML marks in it
        ends = [(matches[0], time.value)] if matches else []
        if time.until and len(matches) > 1:
            counts.predicted += 1
            ends.append((matches[-1], time.until))
        for match, day in ends:
            taken.add(match)
            counts.extent_right += 1
            counts.value_right += written(time, day) == _normal(dates[match].value)
    return counts


def evaluate(pipeline: Pipeline, documents: list[TimeDocument]) -> dict[str, TimeCounts]:
    """Counts per split and for all documents (the stages up to ``times`` only)."""
    table: dict[str, TimeCounts] = {}
    items = [ArticleInput(text=d.text, id=d.id, published=d.published) for d in documents]
    for document, (doc, item) in zip(documents, pipeline.parse(items), strict=True):
        times = pipeline.run(doc, item, until="times").times or []
        counts = score_document(times, document)
        for key in {document.split, "all"}:
            table.setdefault(key, TimeCounts()).add(counts)
    return table
