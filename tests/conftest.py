from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest
from pydantic import BaseModel

from wirecoder.extract.pipeline import STAGES, Pipeline, default_pipeline
from wirecoder.records import Span, TimeExpression, article_input

#: the web app served in a thread, and Chromium, for the browser tests
pytest_plugins = ["web_server"]

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


@pytest.fixture(scope="session")
def staged(pipeline):
    """Parse a text and run the stages before ``stage`` (a stage name or function).

    Returns ``(doc, context)``: the test then calls the stage itself, e.g.
    ``code_events(doc, context)``. What the earlier stages produced is checked for evidence
    offsets on the way.
    """

    def run(text: str, stage, published: str | None = "2024-05-08"):
        names = [s.name for s in pipeline.stages]
        if callable(stage):
            stage = next(s.name for s in pipeline.stages if s.run is stage)
        before = names[:names.index(stage)]
        doc, item = next(pipeline.parse([article_input(text, published)]))
        context = pipeline.run(doc, item, until=before[-1]) if before \
            else pipeline.context(item)
        assert_offsets(text, *(getattr(context, name) for name in before))
        return doc, context

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


def spans_in(value):
    """Every span (and time expression) inside records, lists of them or an actor register."""
    if hasattr(value, "records"):  # the actor register
        value = value.records()
    if isinstance(value, (Span, TimeExpression)):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from spans_in(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from spans_in(item)


def assert_offsets(text: str, *records) -> None:
    """Each span the records hold is the piece of ``text`` its offsets point to."""
    for span in spans_in(records):
        assert text[span.start:span.end] == span.text, span


def story(name: str) -> str:
    return (STORIES / name).read_text(encoding="utf-8")


def actors_of(result) -> list:
    """The actor records of an extraction, a stage context, an actor register or a list."""
    if hasattr(result, "records"):  # an actor register
        return result.records()
    actors = getattr(result, "actors", result)
    return actors.records() if hasattr(actors, "records") else list(actors)


def actor_named(result, name: str):
    """The actor whose name or alias is ``name`` (in an extraction, a context or a
    register)."""
    actors = actors_of(result)
    for actor in actors:
        if actor.name == name or name in actor.aliases:
            return actor
    raise AssertionError(f"no actor {name!r} in {[a.name for a in actors]}")


def declared_only(context, stage: str):
    """A copy of a stage context holding only the earlier products ``stage`` declares it
    reads (``needs``) or adds to (``extends``); every other product is taken away."""
    declared = next(s for s in STAGES if s.name == stage)
    kept = set(declared.needs + declared.extends)
    return dataclasses.replace(context, **{s.name: None for s in STAGES if s.name not in kept})


def written_event_story(story_id: str, text: str, events: list[tuple[str, str]]):
    """A one-sentence event gold story of the train split: (type, trigger) per event."""
    from wirecoder.evaluation.event_stories import GoldEvent, GoldSentence, GoldStory

    gold = [GoldEvent(kind, {None}, {None}, False, trigger) for kind, trigger in events]
    return GoldStory(story_id, "train", text, None, [GoldSentence(0, len(text), gold)])


def frozen_files(folder: Path) -> dict[str, str]:
    """File name -> SHA-256 as a split's ``FROZEN.sha256`` records them."""
    manifest = (folder / "FROZEN.sha256").read_text().splitlines()
    return dict(reversed(line.split("  ")) for line in manifest if not line.startswith("#"))


def current_files(folder: Path) -> dict[str, str]:
    """File name -> SHA-256 of a split's gold files as they are now."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.yaml")}
