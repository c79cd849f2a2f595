"""Quotes: who said what, with cue, content span, kind and channel.

The rules (:mod:`.rules`) find quotation marks, their attributions and "according to"; the
learned scorer (:mod:`.learned`) decides which other clauses are attributions.
"""

from __future__ import annotations

from spacy.tokens import Doc

from wirecoder.extract.context import Context
from wirecoder.extract.quotes.learned import learned_quotes
from wirecoder.extract.quotes.rules import QuoteFinder
from wirecoder.records import Quote


def extract_quotes(doc: Doc, context: Context) -> list[Quote]:
    """All quotes of a story, in text order, with ids ``q1``, ``q2``...

    The rules run first; with a quote model in the context, the learned scorer adds what
    they left (without one, the rules also read the clauses of cue verbs).
    """
    model = context.quote_model
    finder = QuoteFinder(doc, context.lexicons.cues, context.actors)
    finder.find_rule_quotes(indirect_rules=model is None)
    if model is not None:
        learned_quotes(finder, model)
    quotes = sorted(finder.quotes, key=lambda q: q.content.start)
    for number, quote in enumerate(quotes, 1):
        quote.id = f"q{number}"
    return quotes
