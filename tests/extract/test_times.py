import datetime as dt

import pytest

from wirecoder.extract.times import resolve_absolute, resolve_relative

WEDNESDAY = dt.date(2024, 5, 8)


@pytest.mark.parametrize("text, value, grain", [
    ("today", "2024-05-08", "day"),
    ("yesterday", "2024-05-07", "day"),
    ("Monday", "2024-05-06", "day"),
    ("on Wednesday", "2024-05-08", "day"),
    ("last Wednesday", "2024-05-01", "day"),
    ("next Friday", "2024-05-10", "day"),
    ("last week", "2024-04-29", "week"),
    ("last month", "2024-04-01", "month"),
    ("three days ago", "2024-05-05", "day"),
    ("next year", "2025-01-01", "year"),
])
def test_relative_expressions(text, value, grain):
    assert resolve_relative(text, WEDNESDAY) == (dt.date.fromisoformat(value), grain)


def test_absolute_dates():
    assert resolve_absolute("March 3", WEDNESDAY) == (dt.date(2024, 3, 3), "day")
    assert resolve_absolute("May 2017", None) == (dt.date(2017, 5, 1), "month")
    assert resolve_absolute("2016", None) == (dt.date(2016, 1, 1), "year")
    assert resolve_absolute("March 3", None) is None  # no year, no publication date
    assert resolve_absolute("the 1990s", WEDNESDAY) is None


def test_times_in_a_story_resolve_against_publication(extract):
    result = extract("The talks ended on Tuesday. A new round is due next week.")
    values = {t.text: t.value for t in result.times}
    assert values["Tuesday"] == dt.date(2024, 5, 7)
    assert values["next week"] == dt.date(2024, 5, 13)


def test_relative_dates_stay_unresolved_without_publication(extract):
    result = extract("The talks ended on Tuesday.", published=None)
    assert [t.value for t in result.times] == [None]


@pytest.mark.parametrize("text", ["29", "February 30", "31 April 2017"])
def test_impossible_or_bare_numbers_abstain(text):
    assert resolve_absolute(text, dt.date(2017, 2, 7)) is None
