from __future__ import annotations

from pathlib import Path

import pytest

from wirecoder.extract.pipeline import Pipeline, default_pipeline

STORIES = Path(__file__).parent / "stories"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return default_pipeline()


@pytest.fixture(scope="session")
def extract(pipeline):
    """Extract from a text; the result is checked for evidence offsets on the way."""

    def run(text: str, published: str | None = "2024-05-08"):
        result = pipeline.extract(text, published=published)
        for span in evidence_spans(result):
            assert text[span.start:span.end] == span.text
        return result

    return run


def evidence_spans(result):
    for actor in result.actors:
        yield from actor.mentions
    for quote in result.quotes:
        yield quote.content
        yield from (s for s in (quote.speaker_span, quote.cue_span) if s is not None)
    for event in result.events:
        yield event.evidence
        yield event.trigger
    for position in result.positions:
        yield position.evidence
        yield position.trigger
    for place in result.places:
        yield from place.mentions


def story(name: str) -> str:
    return (STORIES / name).read_text(encoding="utf-8")


def actor_named(result, name: str):
    """The actor whose name or alias is ``name``."""
    for actor in result.actors:
        if actor.name == name or name in actor.aliases:
            return actor
    raise AssertionError(f"no actor {name!r} in {[a.name for a in result.actors]}")
