"""Full-text search on a real store: every word must match, a quoted part as written, and a
query the index cannot answer says why."""

import re

import pytest

from web_stories import build_corpus
from wirecoder.corpus import queries
from wirecoder.corpus.queries import BadParameter


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline):
    with queries.reading(build_corpus(tmp_path_factory.mktemp("corpus"), pipeline)) as reader:
        yield reader


def stories(db, query: str, target: str = "articles", exact: bool = False) -> list[str]:
    hits = queries.search(db, query, target, None, exact)
    assert len(hits) == queries.count_matches(db, query, target, exact)
    return sorted(h["story" if target == "articles" else "quote"] for h in hits)


def test_every_word_must_match(db):
    truce, israel = set(stories(db, "truce")), set(stories(db, "Israel"))
    both = truce & israel
    assert both and both != truce | israel  # an OR would find more
    assert set(stories(db, "Israel truce")) == set(stories(db, "truce Israel")) == both
    # a stop word in the query is left out, not required
    assert stories(db, "the truce") == sorted(truce)
    assert stories(db, "truce zyzzyva") == []


def test_a_quoted_part_matches_as_written_with_or_without_exact(db):
    words = stories(db, "Israel accepted")
    phrase = stories(db, '"Israel accepted"')
    assert phrase and set(phrase) < set(words)
    assert phrase == stories(db, "Israel accepted", exact=True) \
        == stories(db, '"Israel accepted"', exact=True)
    # with other words outside the quotes, all must match
    assert stories(db, 'truce "Israel accepted"') == sorted(
        set(phrase) & set(stories(db, "truce")))
    for hit in queries.search(db, '"Israel accepted"', limit=None):
        assert "Israel accepted" in hit["excerpt"]  # the passage shown is the phrase's
    # a stop word inside the quotes is part of the phrase
    quotes = stories(db, '"accepted the ceasefire"', "quotes")
    assert quotes and all("accepted the ceasefire" in q for q in quotes)
    assert set(quotes) < set(stories(db, "ceasefire accepted", "quotes"))


def test_exact_keeps_the_words_as_written(db):
    stemmed = stories(db, "shelling")
    assert stemmed and stories(db, "shelling", exact=True) == []
    assert stories(db, "shelled", exact=True) == stemmed


@pytest.mark.parametrize("target", ["articles", "quotes"])
@pytest.mark.parametrize("query, reason", [
    ("the", "only common words (the)"), ("said the", "only common words (said, the)"),
    ('"of the"', "only common words (of, the)"), ("2024", "no words to search for")])
def test_a_query_the_index_cannot_answer_says_why(db, target, query, reason):
    for exact in (False, True):
        with pytest.raises(BadParameter, match=re.escape(reason)):
            queries.search(db, query, target, exact=exact)
        with pytest.raises(BadParameter, match=re.escape(reason)):
            queries.count_matches(db, query, target, exact)


def test_limit(db):
    every = queries.search(db, "Israel", limit=None)
    assert len(every) > 1
    assert queries.search(db, "Israel", limit=1) == every[:1]
    assert queries.search(db, "Israel", limit=1, offset=1) == every[1:2]
    with pytest.raises(BadParameter, match="negative"):
        queries.search(db, "Israel", limit=-1)
