"""The geometry of the charts: the map's frames, country views and region labels, and the
timeline's bars by day, week or month."""

import datetime as dt
import itertools
import re

import pytest

from wirecoder.web import charts


def test_world_paths_drawn_in_a_country_frame_land_where_its_own_points_do():
    frame = charts.country_frame("UKR")
    a, d, e, f = (float(v) for v in
                  re.fullmatch(r"matrix\((\S+) 0 0 (\S+) (\S+) (\S+)\)", frame.from_world).groups())
    for lat, lon in [(50.45, 30.52), (46.48, 30.73), (49.99, 36.23)]:  # Kyiv, Odesa, Kharkiv
        wx, wy = charts.project(lat, lon)
        x, y = frame.xy(lat, lon)
        assert (a * wx + e, d * wy + f) == pytest.approx((x, y), abs=0.01)
        assert frame.shows(x, y)


@pytest.mark.parametrize("code", ["USA", "RUS", "COL", "LBN", "IRQ", "IDN", "NOR"])
def test_a_country_frame_is_as_wide_as_the_map_and_fits_a_screen(code):
    frame = charts.country_frame(code)
    low, high = charts.COUNTRY_HEIGHTS
    assert frame.width == charts.COUNTRY_WIDTH and low <= frame.height <= high
    west, south, east, north = charts.regions()[code]["box"]
    for lat, lon in [(south, west), (north, east), (south, east), (north, west)]:
        assert frame.shows(*frame.xy(lat, lon))


def test_region_labels_sit_apart_inside_the_frame():
    frame = charts.country_frame("USA")
    regions = charts.country_regions("USA", frame)
    assert len(regions) >= 50 and all(r.d.startswith("M") for r in regions)
    labelled = [r for r in regions if r.label]
    assert 10 <= len(labelled) < len(regions)  # small states go without
    boxes = [(x - 3.3 * len(r.name), y - 11, x + 3.3 * len(r.name), y + 3)
             for r in labelled for x, y in [r.label]]
    for i, a in enumerate(boxes):
        assert frame.shows(a[0] + 3.3, a[1] + 11)
        assert not any(charts._overlap(a, b) for b in boxes[i + 1:])


def test_countries_the_source_draws_whole_get_approximate_divisions():
    iraq = charts.regions()["IRQ"]["regions"]
    assert len(iraq) >= 15 and all(r["approximate"] for r in iraq)
    assert not any(r["approximate"] for r in charts.regions()["SYR"]["regions"])
    assert "CHL" not in charts.regions()  # its source file draws Colombia


@pytest.mark.parametrize(("span", "grain"), [(30, "day"), (365, "week"), (2000, "month")])
def test_the_timeline_chart_bins_a_long_range_into_weeks_or_months(span, grain):
    first = dt.date(2016, 4, 19)
    counts = [{"day": first + dt.timedelta(days=i), "kind": kind, "n": 1 + i % 3}
              for i in range(0, span, 5) for kind in ("event", "quote")]
    chart = charts.day_chart(counts, ("event", "quote"))
    assert chart.grain == grain
    assert sum(b.count for b in chart.bars) == sum(row["n"] for row in counts)
    for bar in chart.bars:
        assert bar.day <= bar.end and chart.left <= bar.x and bar.x + bar.width <= chart.width
        if grain == "week":
            assert bar.day.weekday() == 0 and (bar.end - bar.day).days == 6
        if grain == "month":
            assert bar.day.day == 1 and (bar.end + dt.timedelta(days=1)).day == 1
    periods = sorted({(b.day, b.end) for b in chart.bars})
    assert all(a[1] < b[0] for a, b in itertools.pairwise(periods))  # no overlap
