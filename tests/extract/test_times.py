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


@pytest.mark.parametrize("text, published, value, grain", [
    # a bare month in a clause in the past is the last one, whatever is nearer
    ("Fighting flared in August, officials said.", "2024-03-12", "2023-08-01", "month"),
    ("The ministers met last June.", "2024-03-12", "2023-06-01", "month"),
    ("Prices rose late last July.", "2024-03-12", "2023-07-01", "month"),
    ("Deliveries will resume by the end of the year.", "2024-03-12", "2024-01-01", "year"),
    # a weekday in a clause in the future is the next one
    ("The envoys will meet on Monday.", "2024-05-08", "2024-05-13", "day"),
    ("The envoys met on Monday.", "2024-05-08", "2024-05-06", "day"),
    # a weekday named with its date picks the year it falls on
    ("The paper said on Saturday, April 25, that talks had failed.", "1998-04-24",
     "1998-04-25", "day"),
])
def test_relative_months_weekdays_and_years(staged, text, published, value, grain):
    (time,) = [t for t in times_of(staged, text, published) if t.value is not None]
    assert (time.value, time.grain) == (dt.date.fromisoformat(value), grain)


@pytest.mark.parametrize("text, value, until, grain", [
    ("The drought of 2009-2010 ruined harvests.", "2009-01-01", "2010-12-31", "year"),
    ("The famine of 1957-58 is remembered.", "1957-01-01", "1958-12-31", "year"),
    ("He served from 1991 to 1997 as envoy.", "1991-01-01", "1997-12-31", "year"),
    ("The ceasefire held from March 3 to March 9, 2024.", "2024-03-03", "2024-03-09", "day"),
])
def test_a_range_has_both_ends(staged, text, value, until, grain):
    (time,) = times_of(staged, text)
    assert (time.value, time.until, time.grain) == (
        dt.date.fromisoformat(value), dt.date.fromisoformat(until), grain)


def test_ages_counts_and_frequencies_are_no_dates(staged):
    times = times_of(staged, "The 65-year-old general, who is 89, said quarterly talks with "
                             "the 45 delegates would go on. He retired in 2019.")
    assert [t.text for t in times] == ["2019"]


def test_quarters_seasons_decades_and_the_story_own_quarter(staged):
    times = {t.text: t for t in times_of(
        staged, "The company lost money in the third quarter. Sales in the quarter fell 4%, "
                "against a rise a year earlier. Exports collapsed last winter, as in the "
                "1990s.", "2024-10-28")}
    assert (times["the third quarter"].value, times["the third quarter"].grain) == \
        (dt.date(2024, 7, 1), "quarter")
    assert times["the quarter"].value == dt.date(2024, 7, 1)
    assert times["a year earlier"].value == dt.date(2023, 7, 1)
    assert times["a year earlier"].confidence < times["the third quarter"].confidence
    assert (times["last winter"].value, times["last winter"].grain) == \
        (dt.date(2024, 1, 1), "season")
    assert (times["the 1990s"].value, times["the 1990s"].grain) == \
        (dt.date(1990, 1, 1), "decade")


def test_now_recently_and_the_future_are_references_without_a_date(staged):
    times = {t.text: t for t in times_of(
        staged, "The rebels now hold the town, which recently fell. Talks may resume in the "
                "near future.")}
    assert {text: t.reference for text, t in times.items()} == {
        "now": "present", "recently": "past", "the near future": "future"}
    assert all(t.value is None and t.confidence < 0.8 for t in times.values())
