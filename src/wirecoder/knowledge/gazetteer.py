"""The GeoNames gazetteer (``data/gazetteer.sqlite``, derived by ``tools/gazetteer.py``):
countries' GeoNames ids, continents, first- and second-level divisions and towns of 1,000
people or more, looked up by folded name without loading them into memory."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

_COLUMNS = "id, kind, name, country, division, lat, lon, population"


@dataclass
class PlaceEntry:
    id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    kind: str
    gazetteer_id: str
    population: int = 0
    aliases: list[str] = field(default_factory=list)
    division: str | None = None  # GeoNames code of its first-level division ("US.TX")


class Gazetteer:
    """Read-only look-ups in the gazetteer file; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None

    def __getstate__(self) -> dict:
        return {"path": self.path, "_db": None}

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True,
                                       check_same_thread=False)
        return self._db

    def lookup(self, key: str, written: str) -> list[PlaceEntry]:
        """Divisions, continents and towns of a folded name (abbreviations such as "Calif."
        only as ``written``); countries come from ``countries.csv``."""
        return list(_lookup(self, key, written.strip()))

    def division(self, key: str) -> PlaceEntry | None:
        """The first-level division of a GeoNames code ("US.TX")."""
        row = self.db.execute(f"SELECT {_COLUMNS} FROM places WHERE division = ? AND kind = "
                              "'division'", (key,)).fetchone()
        return _entry(row) if row else None

    def larger_areas(self) -> list[PlaceEntry]:
        """The continents and first-level divisions whose name has more than one word."""
        return [_entry(row) for row in self.db.execute(
            f"SELECT {_COLUMNS} FROM places WHERE kind IN ('continent', 'division') "
            "AND name LIKE '% %' ORDER BY n")]

    def countries(self) -> list[tuple[str, str, int]]:
        """(alpha-3, GeoNames id, population) of every country GeoNames lists."""
        return self.db.execute("SELECT country, id, population FROM places "
                               "WHERE kind = 'country'").fetchall()

    def capitals(self) -> dict[str, str]:
        """Capital's name -> its country's alpha-3."""
        return dict(self.db.execute("SELECT name, country FROM places WHERE kind = 'capital'"))


@lru_cache(maxsize=20000)
def _lookup(gazetteer: Gazetteer, key: str, written: str) -> tuple[PlaceEntry, ...]:
    rows = gazetteer.db.execute(
        f"SELECT {_COLUMNS} FROM places WHERE kind != 'country' AND n IN "
        "(SELECT n FROM names WHERE key = ? UNION SELECT n FROM exact WHERE name = ?)",
        (key, written)).fetchall()
    return tuple(_entry(row) for row in rows)


def _entry(row: tuple) -> PlaceEntry:
    ident, kind, name, country, division, lat, lon, population = row
    return PlaceEntry(id=ident, name=name, country=country, lat=lat, lon=lon, kind=kind,
                      gazetteer_id=ident, population=population or 0, division=division)
