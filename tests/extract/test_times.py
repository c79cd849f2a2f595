import datetime as dt

import pytest

from conftest import assert_offsets, declared_only
from wirecoder.extract.times import resolve_absolute, resolve_relative, resolve_times

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
    ("last April", "2024-04-01", "month"),  # the latest April before this month
    ("last May", "2023-05-01", "month"),  # in May: the May a year back
    ("next March", "2025-03-01", "month"),
    ("a year earlier", "2023-01-01", "year"),
])
def test_relative_expressions(text, value, grain):
    assert resolve_relative(text, WEDNESDAY) == (dt.date.fromisoformat(value), grain)


def test_absolute_dates():
    assert resolve_absolute("March 3", WEDNESDAY) == (dt.date(2024, 3, 3), "day")
    assert resolve_absolute("May 2017", None) == (dt.date(2017, 5, 1), "month")
    assert resolve_absolute("2016", None) == (dt.date(2016, 1, 1), "year")
    assert resolve_absolute("March 3", None) is None  # no year, no publication date
    assert resolve_absolute("the 1990s", WEDNESDAY) is None
    assert resolve_absolute("mid-November", WEDNESDAY) == (dt.date(2024, 11, 1), "month")
    assert resolve_absolute("mid-1996", WEDNESDAY) == (dt.date(1996, 1, 1), "year")


def times_of(staged, text: str, published: str | None = "2024-05-08"):
    """The time expressions ``resolve_times`` finds in a text, their offsets checked."""
    doc, context = staged(text, "times", published=published)
    times = resolve_times(doc, context)
    assert_offsets(text, times)
    return times


def test_times_in_a_story_resolve_against_publication(staged):
    times = times_of(staged, "The talks ended on Tuesday. A new round is due next week.")
    values = {t.text: t.value for t in times}
    assert values["Tuesday"] == dt.date(2024, 5, 7)
    assert values["next week"] == dt.date(2024, 5, 13)


def test_relative_dates_stay_unresolved_without_publication(staged):
    times = times_of(staged, "The talks ended on Tuesday.", published=None)
    assert [t.value for t in times] == [None]


def test_the_time_stage_reads_no_actors_and_only_the_publication_date(staged):
    text = ("The truce collapsed on 14 February 2022, two days after it began. Talks resume "
            "next Monday.")
    found = {}
    for published in ("2024-05-08", None):
        doc, context = staged(text, "times", published=published)
        times = resolve_times(doc, declared_only(context, "times"))
        assert_offsets(text, times)
        found[published] = [(t.text, t.value, t.grain) for t in times]
    dated = {said: (value, grain) for said, value, grain in found["2024-05-08"]}
    assert dated["14 February 2022"] == (dt.date(2022, 2, 14), "day")
    assert dated["next Monday"] == (dt.date(2024, 5, 13), "day")
    undated = {said: value for said, value, _ in found[None]}
    # the year is in the text, the Monday is only known from the publication date
    assert undated["14 February 2022"] == dt.date(2022, 2, 14)
    assert undated["next Monday"] is None


@pytest.mark.parametrize("text", ["29", "February 30", "31 April 2017"])
def test_impossible_or_bare_numbers_abstain(text):
    assert resolve_absolute(text, dt.date(2017, 2, 7)) is None


@pytest.mark.parametrize("text, published, value", [
    # a month without a year is the one nearest the publication, back or ahead
    ("The accord was signed in December.", "1998-04-18", "1997-12-01"),
    ("Elections are planned for April.", "1998-12-05", "1999-04-01"),
    ("The envoy arrived on Nov. 16.", "1989-11-30", "1989-11-16"),
    # about as near both ways: the clause's tense decides
    ("The rebels attacked the base in October.", "1999-04-19", "1998-10-01"),
    ("The delegations will meet again in October.", "1999-04-19", "1999-10-01"),
])
def test_a_month_or_day_without_a_year_takes_the_nearest_year(staged, text, published, value):
    (time,) = [t for t in times_of(staged, text, published) if t.value is not None]
    assert time.value == dt.date.fromisoformat(value)
