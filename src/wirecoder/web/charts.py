"""Geometry for the server-rendered SVG charts: bars of counts per day, places on a world map,
and the actor network laid out by force (networkx's Fruchterman-Reingold layout, seeded, so a
page always draws the same picture). The templates draw what these return; nothing is fetched
at run time.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass
class Bar:
    day: dt.date  # the first day of the bar's period
    end: dt.date  # and its last
    kind: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class DayChart:
    width: int
    height: int
    grain: str  # day, week or month: the period of a bar
    left: float  # where the plot starts, right of the count axis's labels
    bars: list[Bar]
    ticks: list[tuple[float, str]]  # x and label of the date axis
    levels: list[tuple[float, str]]  # y and label of the count axis


def _period(day: dt.date, grain: str) -> tuple[dt.date, dt.date]:
    """The first and last day of the day, week (Monday to Sunday) or month holding ``day``."""
    if grain == "day":
        return day, day
    if grain == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    start = day.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following - dt.timedelta(days=1)


def day_chart(counts: list[dict], kinds: tuple[str, ...], width: int = 1000,
              height: int = 180) -> DayChart | None:
    """Stacked bars from the first to the last day counted (rows ``day``, ``kind``, ``n``):
    a bar a day over four months or less, a week over three years or less, else a month;
    ``None`` when nothing is dated."""
    if not counts:
        return None
    bottom, top = 22, 8
    span = (max(row["day"] for row in counts) - min(row["day"] for row in counts)).days + 1
    grain = "day" if span <= 122 else "week" if span <= 1100 else "month"
    per_period: dict[tuple[dt.date, dt.date], dict[str, int]] = {}
    for row in counts:
        counted = per_period.setdefault(_period(row["day"], grain), {})
        counted[row["kind"]] = counted.get(row["kind"], 0) + row["n"]
    first = min(per_period)[0]
    last = max(per_period)[1]
    days = (last - first).days + 1
    highest = max(sum(counted.values()) for counted in per_period.values())
    left = 16 + 7 * len(f"{highest:,}")
    plot_width, plot_height = width - left - 8, height - bottom - top
    step = plot_width / days
    bars = []
    for (start, end), counted in sorted(per_period.items()):
        length = (end - start).days + 1
        bar_width = max(min(step * length * 0.8, 40.0), 1.0)
        x = left + (start - first).days * step + (step * length - bar_width) / 2
        base = top + plot_height
        for kind in kinds:
            n = counted.get(kind, 0)
            if n:
                size = plot_height * n / highest
                base -= size
                bars.append(Bar(start, end, kind, n, x, base, bar_width, size))
    every = max(1, math.ceil(days / 8))
    ticks = [(left + (i + 0.5) * step, (first + dt.timedelta(days=i)).isoformat())
             for i in range(0, days, every)]
    levels = [(top + plot_height * (1 - value / highest), f"{value:,}")
              for value in sorted({0, math.ceil(highest / 2), highest})]
    return DayChart(width, height, grain, left, bars, ticks, levels)


@dataclass
class Node:
    id: str
    name: str
    kind: str
    events: int
    x: float
    y: float
    radius: float


@dataclass
class Edge:
    source: str
    target: str
    kind: str  # cooperative or conflictual
    types: str
    events: int
    path: str
    width: float


#: the drawing's size: wider than tall, to fill a laptop screen's width
WIDTH, HEIGHT, MARGIN = 1200, 760, 90


def network_layout(nodes: list[dict], edges: list[dict]) -> dict:
    """Nodes placed by a force layout (linked actors pull together, all push apart), names
    beside them; edges as curves so that A→B and B→A stay apart; parallel edges of one class
    between two actors are drawn as one, wider."""
    import networkx

    merged: dict[tuple[str, str, str], dict] = {}
    for edge in edges:
        key = (edge["source"], edge["target"], edge["class"])
        entry = merged.setdefault(key, {"events": 0, "types": {}})
        entry["events"] += edge["events"]
        entry["types"][edge["type"]] = entry["types"].get(edge["type"], 0) + edge["events"]
    graph = networkx.Graph()
    graph.add_nodes_from(sorted(node["id"] for node in nodes))
    for (source, target, _), entry in sorted(merged.items()):
        weight = graph.get_edge_data(source, target, {}).get("weight", 0)
        graph.add_edge(source, target, weight=weight + math.log2(1 + entry["events"]))
    graph.remove_nodes_from(list(networkx.isolates(graph)))
    # a layout per connected part, the largest first, side by side in widths by their size
    parts = sorted(networkx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    total = sum(len(part) for part in parts) or 1
    most = max((node["events"] for node in nodes), default=1)
    named = {node["id"]: node for node in nodes}
    placed, left = {}, float(MARGIN / 2)
    for part in parts:
        width = max((WIDTH - MARGIN) * len(part) / total, 120.0)
        sub = graph.subgraph(part)
        where = networkx.spring_layout(sub, k=2.5 / math.sqrt(len(part)), iterations=300,
                                       seed=7, weight="weight")
        xs, ys = [p[0] for p in where.values()], [p[1] for p in where.values()]
        for id_ in sorted(part):
            px, py = where[id_]
            node = named[id_]
            placed[id_] = Node(
                id_, node["name"], node["kind"], node["events"],
                left + width * (0.5 if len(part) == 1 else (px - min(xs)) /
                                ((max(xs) - min(xs)) or 1) * 0.8 + 0.05),
                MARGIN / 2 + (HEIGHT - MARGIN) * (0.5 if len(part) == 1 else
                                                  (py - min(ys)) / ((max(ys) - min(ys)) or 1)),
                5 + 17 * math.sqrt(node["events"] / most))
        left += width
    drawn = []
    for (source, target, kind), entry in merged.items():
        a, b = placed[source], placed[target]
        bend = 18 if kind == "cooperative" else 34  # two classes between a pair do not overlap
        drawn.append(Edge(source, target, kind,
                          ", ".join(f"{t} ×{n}" for t, n in sorted(entry["types"].items())),
                          entry["events"], _curve(a, b, bend),
                          1.5 + math.log2(entry["events"]) * 1.5))
    return {"width": WIDTH, "height": HEIGHT, "nodes": list(placed.values()), "edges": drawn}


def _curve(a: Node, b: Node, bend: float) -> str:
    """A quadratic curve from the rim of ``a`` to the rim of ``b``, bowed to its right."""
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    cx, cy = (a.x + b.x) / 2 - uy * bend, (a.y + b.y) / 2 + ux * bend
    start = _toward(a, cx, cy, a.radius + 1)
    end = _toward(b, cx, cy, b.radius + 4)
    return (f"M{start[0]:.1f},{start[1]:.1f} Q{cx:.1f},{cy:.1f} "
            f"{end[0]:.1f},{end[1]:.1f}")


def _toward(node: Node, x: float, y: float, distance: float) -> tuple[float, float]:
    dx, dy = x - node.x, y - node.y
    length = math.hypot(dx, dy) or 1.0
    return node.x + dx / length * distance, node.y + dy / length * distance


#: the world map: an equirectangular world from 85°N to 58°S (Antarctica left out)
MAP_WIDTH, NORTH, SOUTH = 1200, 85.0, -58.0
MAP_HEIGHT = round(MAP_WIDTH * (NORTH - SOUTH) / 360)
#: a country's map is this wide, and between these heights
COUNTRY_WIDTH, COUNTRY_HEIGHTS = 1200, (420, 640)


def project(lat: float, lon: float) -> tuple[float, float]:
    """A point's x and y on the world map."""
    return WORLD.xy(min(max(lat, SOUTH), NORTH), lon)


@dataclass(frozen=True)
class Frame:
    """What a map shows: an equirectangular view whose top left corner is (``west``,
    ``north``), ``kx`` and ``ky`` pixels to a degree, ``width`` by ``height`` pixels."""

    west: float
    north: float
    kx: float
    ky: float
    width: int
    height: int

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        return (lon - self.west) * self.kx, (self.north - lat) * self.ky

    def shows(self, x: float, y: float) -> bool:
        return 0 <= x <= self.width and 0 <= y <= self.height

    @property
    def from_world(self) -> str:
        """The SVG transform that draws world-map paths in this frame."""
        return (f"matrix({360 / MAP_WIDTH * self.kx:.9g} 0 0 "
                f"{(NORTH - SOUTH) / MAP_HEIGHT * self.ky:.9g} "
                f"{-(180 + self.west) * self.kx:.9g} {(self.north - NORTH) * self.ky:.9g})")


WORLD = Frame(-180.0, NORTH, MAP_WIDTH / 360, MAP_HEIGHT / (NORTH - SOUTH), MAP_WIDTH,
              MAP_HEIGHT)


def country_frame(code: str) -> Frame:
    """A country's map: its main land with a margin, a degree of longitude shortened by the
    cosine of the middle latitude, as wide as the world map and no taller than a screen."""
    west, south, east, north = regions()[code]["box"]
    margin = max(0.3, 0.06 * max(east - west, north - south))
    west, south, east, north = west - margin, south - margin, east + margin, north + margin
    shrink = math.cos(math.radians((north + south) / 2))
    k = COUNTRY_WIDTH / ((east - west) * shrink)
    low, high = COUNTRY_HEIGHTS
    height = (north - south) * k
    if height > high:
        k = high / (north - south)
        middle, half = (west + east) / 2, COUNTRY_WIDTH / (k * shrink) / 2
        west, height = middle - half, high
    elif height < low:
        north += (low / k - (north - south)) / 2
        height = low
    return Frame(west, north, k * shrink, k, COUNTRY_WIDTH, round(height))


@dataclass
class MapPoint:
    id: str
    name: str
    kind: str
    country: str | None
    events: int
    stories: int
    x: float
    y: float
    radius: float

    @property
    def area(self) -> bool:
        """A country, province or other area, drawn at one point."""
        return self.kind not in {"city", "capital", "town", "camp", "crossing"}


def map_points(places: list[dict], frame: Frame = WORLD) -> list[MapPoint]:
    """Places with coordinates as circles in ``frame``, sized by their events (or, with none,
    by the stories naming them), the largest drawn first so small ones stay clickable."""
    most = max((p["events"] for p in places), default=0) or 1
    points = []
    for place in places:
        if place["lat"] is None or place["lon"] is None:
            continue
        x, y = frame.xy(place["lat"], place["lon"])
        if not frame.shows(x, y):
            continue
        radius = 3 + 14 * math.sqrt(place["events"] / most) if place["events"] else 2.5
        points.append(MapPoint(place["id"], place["name"], place["kind"], place["country"],
                               place["events"], place["stories"], x, y, radius))
    return sorted(points, key=lambda p: -p.radius)


@lru_cache(maxsize=1)
def world() -> dict:
    """The country outlines (``static/countries.json``, from ``tools/world_outlines.py``)."""
    path = resources.files("wirecoder.web").joinpath("static", "countries.json")
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def regions() -> dict:
    """First-level outlines per country (``static/regions.json.gz``, from
    ``tools/region_outlines.py``): rings of steps in thousandths of a degree."""
    path = resources.files("wirecoder.web").joinpath("static", "regions.json.gz")
    return json.loads(gzip.decompress(path.read_bytes()))


@lru_cache(maxsize=1)
def outlined() -> list[tuple[str, str]]:
    """The countries with a map of their own, as (code, name) by name."""
    return sorted(((code, c["name"]) for code, c in regions().items()),
                  key=lambda pair: pair[1])


@dataclass
class Region:
    name: str
    id: str | None
    approximate: bool
    d: str
    label: tuple[float, float] | None


def _path(rings: list[list[int]], frame: Frame, step: float) -> tuple[str, list[float]]:
    """An SVG path of stored rings in ``frame``, leaving out points nearer than ``step``
    pixels to the last one kept; and its extent in pixels (left, top, right, bottom)."""
    parts, box = [], [math.inf, math.inf, -math.inf, -math.inf]
    for ring in rings:
        lon = lat = 0
        kept: list[tuple[float, float]] = []
        for i in range(0, len(ring), 2):
            lon, lat = lon + ring[i], lat + ring[i + 1]
            x, y = frame.xy(lat / 1000, lon / 1000)
            if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= step:
                kept.append((x, y))
        if len(kept) < 3:
            continue
        xs, ys = [x for x, _ in kept], [y for _, y in kept]
        box = [min(box[0], *xs), min(box[1], *ys), max(box[2], *xs), max(box[3], *ys)]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + "Z")
    return "".join(parts), box


@lru_cache(maxsize=64)
def country_regions(code: str, frame: Frame) -> list[Region]:
    """A country's first-level regions drawn in ``frame``, each labelled where its name fits
    inside it and clears the labels of larger regions."""
    drawn = []
    for region in regions()[code]["regions"]:
        d, (left, top, right, bottom) = _path(region["rings"], frame, 0.6)
        if d:
            drawn.append((region, d, (right - left) * (bottom - top), right - left,
                          bottom - top))
    out, taken = [], []
    for region, d, _, width, height in sorted(drawn, key=lambda r: -r[2]):
        x, y = frame.xy(region["label"][1], region["label"][0])
        half = 3.3 * len(region["name"])
        box = (x - half, y - 11, x + half, y + 3)
        fits = (width >= 2 * half and height >= 14 and frame.shows(x, y)
                and not any(_overlap(box, other) for other in taken))
        if fits:
            taken.append(box)
        out.append(Region(region["name"], region["id"], region["approximate"], d,
                          (x, y) if fits else None))
    return sorted(out, key=lambda r: r.name)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@lru_cache(maxsize=1)
def world_regions() -> str:
    """Every country's first-level borders as one path on the world map, leaving out the
    regions smaller than three pixels."""
    paths = (_path(region["rings"], WORLD, 2.0) for country in regions().values()
             if len(country["regions"]) > 1 for region in country["regions"])
    return "".join(d for d, (left, top, right, bottom) in paths
                   if max(right - left, bottom - top) >= 3)
