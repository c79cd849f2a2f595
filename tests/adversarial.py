"""Hypothesis strategies for hostile input: texts with every character readers and parsers
trip on, dates in every wrong shape, and metadata of any type."""

import datetime as dt

from hypothesis import strategies as st

SEPARATORS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\u0085", "\x0c", "\x1c", "\x1d",
              "\x1e", "\x0b"]
AWKWARD = SEPARATORS + ['"', "'", "“", "”", "«", "»", ",", ";", "\t", "\x00", "\x1b[31m",
                        "\ud800", "\udfff", "\ufeff", "é", "نعم", "中文", "\\", "{", "["]
#: Texts made of words and every character readers and parsers trip on
texts = st.lists(st.one_of(st.sampled_from(["Hamas", "said", "the", "truce", "Qatar",
                                            "rejected", "on", "Monday"]),
                           st.sampled_from(AWKWARD), st.text(max_size=8)),
                 max_size=30).map(" ".join)
dates = st.one_of(st.none(), st.integers(-10**12, 10**12), st.text(max_size=25),
                  st.dates().map(dt.date.isoformat),
                  st.builds("{}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}".format,
                            st.integers(1, 9999), st.integers(0, 13), st.integers(0, 32),
                            st.integers(0, 30), st.integers(0, 99), st.integers(0, 99)),
                  st.sampled_from(["2017/13/45", "yesterday", "2017-02-29", "20170301"]))
metadata = st.one_of(st.none(), texts, st.integers(), st.floats(allow_nan=True),
                     st.lists(st.integers(), max_size=3))
records = st.fixed_dictionaries({"text": st.one_of(texts, st.integers(), st.none())},
                                optional={"id": metadata, "title": metadata,
                                          "published": dates, "url": metadata})
