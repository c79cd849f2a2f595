"""The stage contract: stages declare what they need, the pipeline checks the order, the timing
hook sees every stage, and only the actor register is added to by later stages."""

import pytest

from wirecoder.errors import WirecoderError
from wirecoder.extract.pipeline import STAGES, Pipeline, Stage, check_stages
from wirecoder.records import article_input

TEXT = ("Egypt proposed a truce on Monday. A spokesman for Hamas said the movement rejected "
        "the truce, and the Israeli army shelled Rafah.")


def test_default_stages_come_after_what_they_need():
    check_stages(STAGES)
    names = [stage.name for stage in STAGES]
    for stage in STAGES:
        for need in stage.needs + stage.extends:
            assert names.index(need) < names.index(stage.name)
    # only the actor register is ever extended
    assert {product for stage in STAGES for product in stage.extends} == {"actors"}


def test_a_stage_placed_before_what_it_needs_is_refused():
    events = next(stage for stage in STAGES if stage.name == "events")
    with pytest.raises(WirecoderError, match="events.*needs.*quotes"):
        check_stages([s for s in STAGES if s.name != "quotes"])
    with pytest.raises(WirecoderError, match="no such product"):
        check_stages([Stage("sentiment", events.run)])


def test_run_until_stops_at_the_named_stage(pipeline):
    doc, item = next(pipeline.parse([article_input(TEXT, "2024-05-08")]))
    context = pipeline.run(doc, item, until="quotes")
    assert context.actors is not None and context.quotes is not None
    assert context.events is None and context.positions is None


def test_timing_hook_sees_the_parse_and_every_stage(pipeline):
    seen = []
    pipeline.on_stage = lambda stage, seconds: seen.append((stage, seconds))
    try:
        pipeline.extract(TEXT, published="2024-05-08")
    finally:
        pipeline.on_stage = None
    assert [stage for stage, _ in seen] == ["parse", *(s.name for s in STAGES)]
    assert all(seconds >= 0 for _, seconds in seen)


def test_later_stages_add_actors_only_through_the_register(pipeline):
    doc, item = next(pipeline.parse([article_input(TEXT, "2024-05-08")]))
    context = pipeline.context(item)
    before = None
    for stage in pipeline.stages:
        setattr(context, stage.name, stage.run(doc, context))
        ids = {actor.id for actor in context.actors.records()}
        if stage.name == "actors":
            before = ids
        elif "actors" not in stage.extends:
            assert ids == before, stage.name  # a stage that does not say so adds no actor
        before = ids
    # the spokesman and the army are found by later stages, through the register
    assert any(a.kind == "organization" and a.country == "ISR" for a in
               context.actors.records())


def test_a_custom_stage_list_runs(tmp_path):
    stages = [s for s in STAGES if s.name in {"actors", "times"}]
    pipeline = Pipeline(stages=stages)
    doc, item = next(pipeline.parse([article_input(TEXT, "2024-05-08")]))
    context = pipeline.run(doc, item)
    assert context.times and context.times[0].value.isoformat() == "2024-05-06"
    assert context.quotes is None
