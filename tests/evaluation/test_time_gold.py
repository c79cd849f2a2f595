"""Date expressions scored on TimeML: the reader's offsets and values, and the scorer."""

import datetime as dt
from pathlib import Path

import pytest

from conftest import SHARED
from wirecoder.evaluation.times import read_document, read_gold, score_document, written
from wirecoder.records import TimeExpression

ROOT = Path(__file__).resolve().parents[2]
TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-04" functionInDocument="CREATION_TIME">
19980304</TIMEX3></DCT>
<TEXT>
Talks <EVENT eid="e1">resumed</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-03-03">yesterday
</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3W">three weeks</TIMEX3>; a vote is
due in <TIMEX3 tid="t3" type="DATE" value="1998-06">June</TIMEX3>.
</TEXT>
</TimeML>
"""


def _time(text: str, start: int, value: dt.date | None, grain: str | None) -> TimeExpression:
    return TimeExpression(text=text, start=start, end=start + len(text), value=value,
                          grain=grain, confidence=0.8)


def test_a_timeml_document_reads_with_its_dates_at_their_offsets(tmp_path):
    path = tmp_path / "X1.tml"
    path.write_text(TIMEML, encoding="utf-8")
    document = read_document(path)
    assert document.published == dt.date(1998, 3, 4)
    assert [(t.type, t.value) for t in document.times] == \
        [("DATE", "1998-03-03"), ("DURATION", "P3W"), ("DATE", "1998-06")]
    assert all(document.text[t.start:t.end] == t.text for t in document.times)
    assert document.times[0].text.strip() == "yesterday"


def test_values_are_written_at_their_grain():
    day = dt.date(1998, 1, 8)
    assert written(_time("x", 0, day, "day")) == "1998-01-08"
    assert written(_time("x", 0, day, "week")) == "1998-W02"
    assert written(_time("x", 0, day, "month")) == "1998-01"
    assert written(_time("x", 0, day, "year")) == "1998"
    assert written(_time("x", 0, None, None)) is None
    assert written(_time("x", 0, dt.date(1989, 7, 1), "quarter")) == "1989-Q3"
    assert written(_time("x", 0, dt.date(1989, 6, 1), "season")) == "1989-SU"
    assert written(_time("x", 0, dt.date(1989, 7, 1), "half")) == "1989-H2"
    assert written(_time("x", 0, dt.date(1990, 1, 1), "decade")) == "199X"
    now = TimeExpression(text="now", start=0, end=3, value=None, reference="present",
                         confidence=0.7)
    assert written(now) == "PRESENT_REF"


def test_a_range_is_scored_at_both_its_ends(tmp_path):
    path = tmp_path / "X2.tml"
    path.write_text(TIMEML.replace("X1", "X2").replace(
        'due in <TIMEX3 tid="t3" type="DATE" value="1998-06">June</TIMEX3>.',
        'due <TIMEX3 tid="t3" type="DATE" value="1998-06">June</TIMEX3> to <TIMEX3 tid="t4" '
        'type="DATE" value="1998-W30">late July</TIMEX3>.'), encoding="utf-8")
    document = read_document(path)
    june, july = [t for t in document.times if t.type == "DATE"][1:]
    span = document.text[june.start:july.end]
    assert span == "June to late July"
    ranged = TimeExpression(text=span, start=june.start, end=july.end,
                            value=dt.date(1998, 6, 1), until=dt.date(1998, 7, 31),
                            grain="month", confidence=0.8)
    counts = score_document([ranged], document)
    # two predictions: June right, July written at the month grain against a week: wrong
    assert (counts.predicted, counts.extent_right, counts.value_right) == (2, 2, 1)


def test_only_dates_are_scored_and_a_wrong_value_counts_for_the_extent_only(tmp_path):
    path = tmp_path / "X1.tml"
    path.write_text(TIMEML, encoding="utf-8")
    document = read_document(path)
    yesterday, weeks, june = document.times
    predicted = [_time("yesterday", yesterday.start, dt.date(1998, 3, 3), "day"),
                 _time("three weeks", weeks.start, None, None),  # a duration: not scored
                 _time("June", june.start, dt.date(1999, 6, 1), "month")]  # wrong year
    counts = score_document(predicted, document)
    assert (counts.gold, counts.predicted, counts.extent_right, counts.value_right) == \
        (2, 2, 2, 1)


@pytest.mark.skipif(not (SHARED / "eval" / "timebank").exists(), reason="needs ../shared")
def test_the_dev_documents_read_with_dates_matching_their_text():
    documents = read_gold(ROOT / "gold" / "times" / "split.yaml", SHARED, "dev")
    assert len(documents) == 64 and all(d.split == "dev" and d.published for d in documents)
    dates = [t for d in documents for t in d.times if t.type == "DATE"]
    assert len(dates) > 300
    assert all(d.text[t.start:t.end] == t.text for d in documents for t in d.times)
