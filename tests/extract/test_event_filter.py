"""The event filter: what it drops, how content follows its parent, its file and training."""

import pytest

from conftest import assert_offsets
from conftest import written_event_story as written
from wirecoder.errors import KnowledgeError
from wirecoder.extract.event_filter import EventFilter
from wirecoder.extract.events import code_events

TEXT = "Russian jets shelled Kyiv on Monday. Israel refused to halt its offensive in Rafah."


def _filtered(staged, model: EventFilter | None):
    doc, context = staged(TEXT, "events")
    context.event_filter, context.criticism = model, None
    events = code_events(doc, context)
    assert_offsets(TEXT, events, context.actors)
    return events


def test_a_filter_that_keeps_everything_changes_nothing(staged):
    unfiltered = _filtered(staged, None)
    kept = _filtered(staged, EventFilter({}, 5.0, 0.5))
    assert [(e.id, e.type, e.content_of) for e in kept] == \
        [(e.id, e.type, e.content_of) for e in unfiltered]


def test_dropped_events_take_their_content_and_the_rest_are_numbered_anew(staged):
    unfiltered = _filtered(staged, None)
    assert {"ASSAULT", "REJECT"} <= {e.type for e in unfiltered}
    no_assault = _filtered(staged, EventFilter({"type=ASSAULT": -20.0}, 5.0, 0.5))
    assert "ASSAULT" not in {e.type for e in no_assault}
    assert [e.id for e in no_assault] == [f"e{n}" for n in range(1, len(no_assault) + 1)]
    refusal = next(e for e in no_assault if e.type == "REJECT")
    content = [e for e in no_assault if e.content_of is not None]
    assert content and all(e.content_of == refusal.id for e in content)
    no_refusal = _filtered(staged, EventFilter({"type=REJECT": -20.0}, 5.0, 0.5))
    assert all(e.type == "ASSAULT" and e.content_of is None for e in no_refusal)


def test_a_broken_filter_file_is_a_one_line_error(tmp_path):
    path = tmp_path / "event_filter.json"
    path.write_text('{"weights": {}, "threshold": 0.5}')
    with pytest.raises(KnowledgeError, match="event_filter.json: not an event filter"):
        EventFilter.load(path)


def test_filter_training_is_reproducible_on_stories_written_for_it(tmp_path, pipeline):
    pytest.importorskip("sklearn")
    from wirecoder.evaluation.training import train_event_filter
    from wirecoder.extract.pipeline import Pipeline

    stories = [  # events the coder proposes but the gold leaves out are the negatives
        written("a", "Russian jets shelled Kyiv and Ukraine condemned the attack.",
                 [("ASSAULT", "shelled")]),
        written("b", "Kenya condemned the attack and Somalia condemned the raid.",
                 [("DISAPPROVE", "condemned")]),
        written("c", "Israeli jets bombed Gaza while Egypt hosted talks.",
                 [("CONSULT", "hosted")]),
        written("d", "Turkey condemned Syria after its army shelled Idlib.",
                 [("DISAPPROVE", "condemned"), ("ASSAULT", "shelled")]),
    ]
    unfiltered = Pipeline(knowledge=pipeline.knowledge, use_event_filter=False)
    first = train_event_filter(stories, pipeline=unfiltered)
    second = train_event_filter(stories, pipeline=unfiltered)
    assert first.weights == second.weights and first.threshold == second.threshold
    assert "4 stories" in first.trained_on and "type=ASSAULT" in first.weights
    path = tmp_path / "event_filter.json"
    first.save(path)
    assert EventFilter.load(path).weights == first.weights
