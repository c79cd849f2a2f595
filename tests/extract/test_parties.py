from conftest import actor_named
from wirecoder.extract.parties import PartyModel, find_parties, only_parties, scenery, uses


def _parties(staged, text: str):
    doc, context = staged(text, "parties")
    return doc, context, {a.id for a in find_parties(doc, context)}


def test_a_country_named_only_as_a_place_is_no_party(staged):
    doc, context, parties = _parties(staged, "Kenya protested to Britain after a concert by "
                                             "a Canadian singer in Australia.")
    assert {"KEN", "GBR"} <= parties
    assert not {"AUS", "CAN"} & parties
    used = uses(context)
    australia = actor_named(context, "Australia")
    assert scenery(australia, doc, context.actors, used)


def test_buildings_and_several_parties_at_once_are_scenery(staged):
    doc, context = staged("Both sides met at the Ben Taub Hospital. The hospital director "
                          "Ruth Ames said talks went well.", "parties")
    used = uses(context)
    found = {a.name: scenery(a, doc, context.actors, used) for a in context.actors.records()}
    assert found.get("Ruth Ames") is False
    assert all(found[name] for name in found if name.lower().startswith(("both", "ben taub")))


def test_an_unnamed_source_the_story_quotes_is_always_a_party(staged):
    doc, context, parties = _parties(staged, "A senior US official said Washington was "
                                             "consulting closely with Seoul.")
    assert any(p.startswith("anonymous:USA") for p in parties)


def test_records_lose_their_references_to_actors_that_are_no_parties(extract):
    result = extract("Kenya protested to Britain on Monday. Kenyan police arrested two men.")
    kenya = next(a for a in result.actors if a.id == "KEN")
    trimmed = only_parties(result.model_copy(deep=True), [kenya])
    assert [a.id for a in trimmed.actors] == ["KEN"]
    kept = {"KEN", None}
    assert all(e.source in kept and e.target in kept for e in trimmed.events)
    assert all(q.speaker in kept for q in trimmed.quotes)
    assert all(p.actor == "KEN" for p in trimmed.positions)


def test_the_built_in_party_model_names_its_training_data():
    model = PartyModel.load()
    assert "gold/actors train" in model.trained_on and 0 < model.threshold < 1
    assert model.weights


def test_named_things_are_scenery_unless_they_speak(staged):
    doc, context = staged("The Food Safety Law took effect after the Financial Times Forum "
                          "ended. Emma Lind of the Paris Agreement secretariat attended.",
                          "parties")
    used = uses(context)
    verdicts = {a.name: scenery(a, doc, context.actors, used)
                for a in context.actors.records()}
    assert verdicts["Food Safety Law"] is True
    assert verdicts["Emma Lind"] is False
