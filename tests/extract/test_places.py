from conftest import assert_offsets, declared_only, story
from wirecoder.extract.actors import ActorIndex
from wirecoder.extract.places import resolve_places


def places_of(staged, text: str):
    """The places ``resolve_places`` finds in a text, their offsets checked."""
    doc, context = staged(text, "places")
    places = resolve_places(doc, context)
    assert_offsets(text, places)
    return places


def test_places_resolved_with_coordinates(staged):
    places = places_of(staged, story("kharkiv_shelling.txt"))
    kharkiv = next(p for p in places if p.name == "Kharkiv")
    assert kharkiv.country == "UKR"
    assert 49 < kharkiv.lat < 51 and 35 < kharkiv.lon < 38
    assert kharkiv.gazetteer_id.startswith(("geonames:", "wirecoder:"))


def test_city_from_geonames(staged):
    places = {p.name: p for p in places_of(
        staged, "Protesters gathered in Toronto and Lyon on Saturday.")}
    assert places["Toronto"].country == "CAN"
    assert places["Lyon"].country == "FRA"
    assert places["Lyon"].gazetteer_id.startswith("geonames:")


def test_curated_conflict_geography(staged):
    places = places_of(staged, "Displaced families fled Khan Younis for Deir al-Balah.")
    names = {p.name for p in places}
    assert {"Khan Younis", "Deir al-Balah"} <= names
    assert all(p.country == "PSE" for p in places)


def test_ambiguous_name_prefers_the_story_country(staged):
    places = places_of(staged, "Canada said the protest in London, Ontario, had been "
                               "peaceful.")
    london = next(p for p in places if p.name == "London")
    assert london.country == "CAN"


def test_the_place_stage_reads_the_story_countries_from_the_actor_register(staged):
    text = "Spain said the rally in Valencia was peaceful."
    doc, context = staged(text, resolve_places)
    context = declared_only(context, "places")  # the times are not its business
    places = {p.name: p for p in resolve_places(doc, context)}
    assert_offsets(text, list(places.values()))
    valencia = places["Valencia"]
    assert (valencia.country, valencia.confidence) == ("ESP", 0.9)
    assert [(m.text, m.start) for m in valencia.mentions] == [("Valencia", 24)]
    # with a register that names no country, the larger Valencia wins
    context.actors = ActorIndex(doc, context.knowledge, context.published)
    alone = {p.name: p for p in resolve_places(doc, context)}
    assert alone["Valencia"].country == "VEN" and alone["Valencia"].confidence < 0.9
