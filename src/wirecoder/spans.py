"""Evidence spans: character offsets of spaCy tokens and spans, without edge whitespace."""

from __future__ import annotations

from spacy.tokens import Span, Token

from wirecoder.records import Span as TextSpan


def text_span(piece: Span | Token) -> TextSpan:
    """The evidence record of a token or span, trimmed of surrounding whitespace."""
    if isinstance(piece, Token):
        start, text = piece.idx, piece.text
    else:
        start, text = piece.start_char, piece.text
    stripped = text.strip()
    start += len(text) - len(text.lstrip())
    return TextSpan(start=start, end=start + len(stripped), text=stripped)


def sentence_of(token: Token) -> Span:
    """The sentence of a token, in constant time (``Token.sent`` scans the whole document)."""
    doc = token.doc
    table = doc.user_data.get("wirecoder_sentences")
    if table is None:
        table = [None] * len(doc)
        for sentence in doc.sents:
            for i in range(sentence.start, sentence.end):
                table[i] = sentence
        doc.user_data["wirecoder_sentences"] = table
    return table[token.i]
