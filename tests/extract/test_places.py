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
    # where neither the register nor the story's other places name a country, the larger
    # Valencia wins
    text = "The rally in Valencia was peaceful."
    doc, context = staged(text, resolve_places)
    context.actors = ActorIndex(doc, context.knowledge, context.published)
    alone = {p.name: p for p in resolve_places(doc, context)}
    assert alone["Valencia"].country == "VEN" and alone["Valencia"].confidence < 0.9


def test_states_provinces_counties_and_small_towns(staged):
    places = {p.name: p for p in places_of(
        staged, "Floods hit Manitoba, Alberta and the Eastern Cape. In Laurel County, Ky., the "
                "town of London lost power.")}
    assert {places[n].kind for n in ("Manitoba", "Alberta", "Eastern Cape")} == {"division"}
    assert places["Alberta"].country == "CAN" and places["Eastern Cape"].country == "ZAF"
    assert places["Laurel County"].kind == "district" and 36 < places["Laurel County"].lat < 38
    # a town of 8,000 people, in the county and state the story names
    assert places["London"].country == "USA" and 36 < places["London"].lat < 38


def test_a_place_named_with_its_state_or_country_takes_it(staged):
    places = places_of(staged, "The fair moved from Paris, Texas, to London, Ont., and then "
                               "to Alexandria, La.")
    found = {p.name: p for p in places}
    assert found["Paris"].country == "USA" and 33 < found["Paris"].lat < 34
    assert found["London"].country == "CAN"
    assert found["Alexandria"].country == "USA" and -93 < found["Alexandria"].lon < -92


def test_the_story_places_choose_between_namesakes(staged):
    texas = {p.name: p for p in places_of(
        staged, "Storms crossed Texas on Monday. Dallas, Tyler and Paris closed schools.")}
    assert texas["Paris"].country == "USA"
    france = {p.name: p for p in places_of(staged, "Strikes closed schools in Paris.")}
    assert france["Paris"].country == "FRA"


def test_no_wrong_alternate_names(staged):
    places = {p.name: p for p in places_of(
        staged, "Officials in Indiana, Florida and Virginia met in Atlanta, Georgia.")}
    assert {places[n].kind for n in ("Indiana", "Florida", "Virginia", "Georgia")} == \
        {"division"}
    assert all(p.country == "USA" for p in places.values())
    caucasus = {p.name: p for p in places_of(
        staged, "Russia and Georgia traded accusations over South Ossetia.")}
    assert caucasus["Georgia"].country == "GEO"


def test_people_and_organisations_are_not_places(staged):
    text = ("Coach Ripley said the Future Farmers of America chapter would meet in "
            "Springfield, Ill.")
    places = places_of(staged, text)
    mentioned = {m.text for p in places for m in p.mentions}
    assert "Ripley" not in mentioned and "Future Farmers of America" not in mentioned
    springfield = next(p for p in places if p.name == "Springfield")
    assert springfield.country == "USA" and -90 < springfield.lon < -89


def test_demonyms_and_names_inside_names_are_mentions_of_their_place(staged):
    places = {p.name: p for p in places_of(
        staged, "Russian troops left, a Colorado State University report said.")}
    assert [m.text for m in places["Russia"].mentions] == ["Russian"]
    assert places["Colorado"].kind == "division"


def test_an_event_happens_at_its_sentence_place_else_at_the_dateline(pipeline):
    result = pipeline.extract(
        "KYIV, March 4 (Reuters) - Russian forces shelled the city overnight. "
        "Ukrainian troops later attacked Russian positions near Donetsk.",
        published="2025-03-04")
    names = {p.id: p.name for p in result.places}
    located = {(e.type, names.get(e.place), e.place_from) for e in result.events}
    assert ("ASSAULT", "Kyiv", "dateline") in located
    assert ("ASSAULT", "Donetsk", "sentence") in located
    assert not any(names.get(e.place) == "Russia" for e in result.events)
