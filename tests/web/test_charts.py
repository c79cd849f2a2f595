"""The geometry of the map: frames, country views and their region labels."""

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
