"""Derive ``src/wirecoder/web/static/countries.json``, the country outlines of the web app's
map, from Natural Earth's 1:110m countries (public domain) as the PyPI wheel of
``geopandas`` 0.14.4 ships them (``geopandas/datasets/naturalearth_lowres``).

Each country becomes an SVG path in the map's equirectangular projection (longitude -180..180
across ``WIDTH``, latitude ``NORTH``..``SOUTH`` down ``HEIGHT``; Antarctica is left out),
rounded to a tenth of a pixel, keyed by ISO 3166 alpha-3. Run from the repository root:

    pip download --no-deps geopandas==0.14.4 -d /tmp/wheels && pip install pyshp==2.3.1
    python tools/world_outlines.py /tmp/wheels/geopandas-0.14.4-py3-none-any.whl
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import shapefile

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from wirecoder.web.charts import MAP_HEIGHT, MAP_WIDTH, project  # noqa: E402

OUT = Path("src/wirecoder/web/static/countries.json")
LAYER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
#: Natural Earth's "-99" codes for places ISO does not code the usual way
CODES = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX", "N. Cyprus": "CYN",
         "Somaliland": "SOL"}


def outlines(wheel: Path) -> dict[str, dict]:
    with zipfile.ZipFile(wheel) as archive:
        def part(suffix: str) -> io.BytesIO:
            return io.BytesIO(archive.read(f"{LAYER}.{suffix}"))
        reader = shapefile.Reader(shp=part("shp"), shx=part("shx"), dbf=part("dbf"),
                                  encoding="latin-1")
        countries = {}
        for record, shape in zip(reader.records(), reader.shapes(), strict=True):
            fields = record.as_dict()
            code = fields["iso_a3"] if fields["iso_a3"] != "-99" else CODES.get(fields["name"])
            if not code or fields["continent"] == "Antarctica":
                continue
            rings = [shape.points[start:end] for start, end in
                     zip(shape.parts, [*shape.parts[1:], len(shape.points)], strict=True)]
            path = " ".join("M" + " L".join("{:.1f},{:.1f}".format(*project(lat, lon))
                                            for lon, lat in ring) + " Z" for ring in rings)
            countries[code] = {"name": fields["name"], "d": path}
    return dict(sorted(countries.items()))


def main() -> None:
    countries = outlines(Path(sys.argv[1]))
    OUT.write_text(json.dumps({"width": MAP_WIDTH, "height": MAP_HEIGHT,
                               "countries": countries}, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{OUT}: {len(countries)} countries, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
