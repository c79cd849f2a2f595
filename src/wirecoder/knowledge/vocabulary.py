"""The PLOVER vocabulary: event types, their cooperative or conflictual class, renamed types
and the CAMEO map, read once from ``data/plover.yaml`` and ``data/cameo_plover.csv``."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from wirecoder.errors import KnowledgeError

DATA = Path(__file__).parent / "data"
CLASSES = ("cooperative", "conflictual")


@dataclass(frozen=True)
class CameoCode:
    """What a CAMEO code is in PLOVER: type, and mode and context where the table gives them."""

    type: str
    mode: str | None
    context: str | None


@dataclass(frozen=True)
class Vocabulary:
    types: dict[str, str]  # type -> class
    renamed: dict[str, str]  # old name -> current type
    cameo: dict[str, CameoCode]

    def event_class(self, event_type: str) -> str:
        """``cooperative`` or ``conflictual``; an unknown type is an error, not a guess."""
        try:
            return self.types[event_type]
        except KeyError:
            raise KnowledgeError(f"unknown PLOVER event type {event_type!r}") from None

    def current(self, event_type: str) -> str:
        """The current name of a type (``FIGHT`` is ``ASSAULT``)."""
        return self.renamed.get(event_type, event_type)

    def from_cameo(self, code: str) -> CameoCode | None:
        """The PLOVER reading of a CAMEO code, or of its nearest listed parent code."""
        code = code.strip()
        while code:
            if code in self.cameo:
                return self.cameo[code]
            code = code[:-1]
        return None


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary, checked: every class known, every CAMEO row of a known type."""
    raw = yaml.safe_load((DATA / "plover.yaml").read_text(encoding="utf-8"))
    types = {str(k): str(v) for k, v in raw["types"].items()}
    bad = {t: c for t, c in types.items() if c not in CLASSES}
    if bad:
        raise KnowledgeError(f"plover.yaml: unknown class(es) {bad}")
    renamed = {str(k): str(v) for k, v in (raw.get("renamed") or {}).items()}
    cameo = {}
    with open(DATA / "cameo_plover.csv", encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), 2):
            if row["plover_type"] not in types:
                raise KnowledgeError(f"cameo_plover.csv:line {line}: unknown PLOVER type "
                                     f"{row['plover_type']!r}")
            cameo[row["cameo"]] = CameoCode(row["plover_type"], row["mode"] or None,
                                            row["context"] or None)
    return Vocabulary(types, renamed, cameo)
