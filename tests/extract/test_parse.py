from wirecoder.extract.parse import Parser, parts
from wirecoder.extract.pipeline import Pipeline
from wirecoder.records import article_input

PARAGRAPH = ("Qatar said on Monday that Hamas had accepted a truce proposal. "
             "Israel rejected it, its defence minister said.\n")


def test_parts_join_back_and_cut_at_paragraphs():
    text = PARAGRAPH * 40
    pieces = list(parts(text, 500))
    assert "".join(pieces) == text
    assert all(len(p) <= 500 for p in pieces)
    assert all(p.endswith("\n") for p in pieces[:-1])
    assert list(parts("x" * 1200, 500)) == ["x" * 500, "x" * 500, "x" * 200]


def test_a_text_longer_than_the_parser_takes_is_parsed_in_parts(pipeline):
    text = PARAGRAPH * 60
    small = Parser(pipeline.knowledge)
    small.nlp.max_length = 1000  # stands for spaCy's million characters
    (doc,) = small.pipe([text], batch_size=4)
    assert doc.text == text
    assert len(list(doc.sents)) >= 120
    whole = Pipeline(knowledge=pipeline.knowledge)
    whole.parser = small
    result = whole.extract(text, published="2024-05-08")
    # cut at paragraph ends, the parts read as the whole does
    unsplit = pipeline.extract(text, published="2024-05-08")
    assert len(result.quotes) == len(unsplit.quotes) == 120
    assert [e.type for e in result.events] == [e.type for e in unsplit.events]
    for quote in result.quotes:
        assert text[quote.content.start:quote.content.end] == quote.content.text


def test_an_article_that_breaks_the_parser_fails_alone(pipeline, monkeypatch):
    items = [article_input(f"{PARAGRAPH} Story {n}.", "2024-05-08", id=str(n))
             for n in range(5)]
    original = pipeline.parser.pipe

    def fragile(texts, batch_size):
        if any("Story 3." in t for t in texts):
            raise ValueError("the parser fell over")
        return original(texts, batch_size)

    monkeypatch.setattr(pipeline.parser, "pipe", fragile)
    failed = []
    done = list(pipeline.extract_many(items, on_error=lambda i, e: failed.append((i.id, e))))
    assert [e.article.id for e in done] == ["0", "1", "2", "4"]
    assert [(id, str(error)) for id, error in failed] == [("3", "the parser fell over")]


def test_glued_separators_are_split_and_abbreviations_kept(pipeline):
    text = ('Mandhro,-Sindh\'s health minister, told Al Jazeera:-"There was a crowd." '
            'It was a worse choice,"?Sen. Elizabeth Warren said of U.S.-led strikes.')
    (doc,) = pipeline.parser.pipe([text], 1)
    words = [t.text for t in doc]
    assert words[:5] == ["Mandhro", ",", "-", "Sindh", "'s"]
    assert words[words.index("Jazeera"):][:5] == ["Jazeera", ":", "-", '"', "There"]
    assert words[words.index("choice"):][:5] == ["choice", ",", '"', "?", "Sen."]
    assert "U.S.-led" in words
    assert "Al Jazeera" in [e.text for e in doc.ents]
