import datetime as dt

import pytest

from wirecoder.errors import BadInput
from wirecoder.records import ArticleInput, find_title, parse_date
from wirecoder.sources.text import read_article_file


def test_title_is_first_line_when_it_stands_alone():
    assert find_title("Truce talks resume in Cairo\n\nMediators met on Monday.") == \
        "Truce talks resume in Cairo"
    assert find_title("Mediators met on Monday. They talked.\nMore text.") is None


def test_article_id_hash_and_date():
    article = ArticleInput(text="Hello world.", published=dt.date(2024, 1, 2)).article()
    assert len(article.id) == 16 and len(article.text_sha256) == 64


@pytest.mark.parametrize("value", ["2024-13-01", "yesterday", "08/05/2024"])
def test_unparsable_dates_raise(value):
    with pytest.raises(BadInput, match="unparsable publication date"):
        parse_date(value, "--published")


def test_accepts_slashed_dates_and_datetimes():
    assert parse_date("2017/2/3") == dt.date(2017, 2, 3)
    assert parse_date("2016-09-12T10:00:00Z") == dt.date(2016, 9, 12)


@pytest.mark.parametrize("content, reason", [
    (b"", "empty article"),
    (b"  \n\t\n", "empty article"),
    (b"\x00\x01\x02binary", "binary content"),
    (b"caf\xe9 au lait", "not valid UTF-8"),
])
def test_bad_files_name_the_file_and_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(BadInput, match=reason) as error:
        read_article_file(path)
    assert str(path) in str(error.value)


def test_size_limit(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000)
    with pytest.raises(BadInput, match="too large"):
        read_article_file(path, max_bytes=100)
