"""Geometry for the server-rendered SVG charts: bars of counts per day, and the actor network
laid out on a circle. The templates draw what these return; nothing is fetched at run time.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass


@dataclass
class Bar:
    day: dt.date
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
    bars: list[Bar]
    ticks: list[tuple[float, str]]  # x and label of the day axis
    levels: list[tuple[float, int]]  # y and value of the count axis


def day_chart(counts: list[dict], kinds: tuple[str, ...], width: int = 1000,
              height: int = 180) -> DayChart | None:
    """Stacked bars, one per day from the first to the last day counted (rows ``day``,
    ``kind``, ``n``); ``None`` when nothing is dated."""
    if not counts:
        return None
    left, bottom, top = 36, 22, 8
    first = min(row["day"] for row in counts)
    days = (max(row["day"] for row in counts) - first).days + 1
    per_day: dict[dt.date, dict[str, int]] = {}
    for row in counts:
        per_day.setdefault(row["day"], {})[row["kind"]] = row["n"]
    highest = max(sum(kinds.values()) for kinds in per_day.values())
    plot_width, plot_height = width - left - 8, height - bottom - top
    step = plot_width / days
    bars = []
    bar_width = max(min(step * 0.8, 40.0), 1.0)
    for day, counted in sorted(per_day.items()):
        x = left + (day - first).days * step + (step - bar_width) / 2
        base = top + plot_height
        for kind in kinds:
            n = counted.get(kind, 0)
            if n:
                size = plot_height * n / highest
                base -= size
                bars.append(Bar(day, kind, n, x, base, bar_width, size))
    every = max(1, math.ceil(days / 8))
    ticks = [(left + (i + 0.5) * step, (first + dt.timedelta(days=i)).isoformat())
             for i in range(0, days, every)]
    levels = [(top + plot_height * (1 - value / highest), value)
              for value in sorted({0, math.ceil(highest / 2), highest})]
    return DayChart(width, height, bars, ticks, levels)


@dataclass
class Node:
    id: str
    name: str
    kind: str
    events: int
    x: float
    y: float
    radius: float
    angle: float  # degrees clockwise from the positive x axis

    @property
    def label(self) -> dict:
        """Where the name goes: outside the circle along the radius, never upside down."""
        left = math.cos(math.radians(self.angle)) < -1e-9
        distance = self.radius + 5
        return {"x": self.x + distance * math.cos(math.radians(self.angle)),
                "y": self.y + distance * math.sin(math.radians(self.angle)),
                "rotate": self.angle + 180 if left else self.angle,
                "anchor": "end" if left else "start"}


@dataclass
class Edge:
    source: str
    target: str
    kind: str  # cooperative or conflictual
    types: str
    events: int
    path: str
    width: float


def network_layout(nodes: list[dict], edges: list[dict]) -> dict:
    """Nodes on a circle in name order with labels pointing outwards, edges as curves so that
    A→B and B→A stay apart; parallel edges of one class between two actors are drawn as one,
    wider."""
    size = 720 if len(nodes) <= 16 else 960
    centre, ring = size / 2, size / 2 - 170
    # no node wider than its share of the circle, so neighbours do not overlap
    largest = max(6.0, min(24.0, math.pi * ring / max(len(nodes), 1) * 0.8))
    most = max((node["events"] for node in nodes), default=1)
    placed = {}
    for i, node in enumerate(sorted(nodes, key=lambda n: n["name"].lower())):
        angle = 2 * math.pi * i / len(nodes) - math.pi / 2
        radius = 5 + (largest - 5) * math.sqrt(node["events"] / most)
        placed[node["id"]] = Node(node["id"], node["name"], node["kind"], node["events"],
                                  centre + ring * math.cos(angle),
                                  centre + ring * math.sin(angle), radius,
                                  math.degrees(angle))
    merged: dict[tuple[str, str, str], dict] = {}
    for edge in edges:
        key = (edge["source"], edge["target"], edge["class"])
        entry = merged.setdefault(key, {"events": 0, "types": {}})
        entry["events"] += edge["events"]
        entry["types"][edge["type"]] = entry["types"].get(edge["type"], 0) + edge["events"]
    drawn = []
    for (source, target, kind), entry in merged.items():
        a, b = placed[source], placed[target]
        bend = 18 if kind == "cooperative" else 34  # two classes between a pair do not overlap
        drawn.append(Edge(source, target, kind,
                          ", ".join(f"{t} ×{n}" for t, n in sorted(entry["types"].items())),
                          entry["events"], _curve(a, b, bend),
                          1.5 + math.log2(entry["events"]) * 1.5))
    return {"size": size, "nodes": list(placed.values()), "edges": drawn}


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
