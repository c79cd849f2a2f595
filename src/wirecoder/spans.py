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
