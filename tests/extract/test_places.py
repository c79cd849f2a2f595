from conftest import story


def test_places_resolved_with_coordinates(extract):
    result = extract(story("kharkiv_shelling.txt"))
    kharkiv = next(p for p in result.places if p.name == "Kharkiv")
    assert kharkiv.country == "UKR"
    assert 49 < kharkiv.lat < 51 and 35 < kharkiv.lon < 38
    assert kharkiv.gazetteer_id.startswith(("geonames:", "wirecoder:"))


def test_city_from_geonames(extract):
    result = extract("Protesters gathered in Toronto and Lyon on Saturday.")
    places = {p.name: p for p in result.places}
    assert places["Toronto"].country == "CAN"
    assert places["Lyon"].country == "FRA"
    assert places["Lyon"].gazetteer_id.startswith("geonames:")


def test_curated_conflict_geography(extract):
    result = extract("Displaced families fled Khan Younis for Deir al-Balah.")
    names = {p.name for p in result.places}
    assert {"Khan Younis", "Deir al-Balah"} <= names
    assert all(p.country == "PSE" for p in result.places)


def test_ambiguous_name_prefers_the_story_country(extract):
    result = extract("Canada said the protest in London, Ontario, had been peaceful.")
    london = next(p for p in result.places if p.name == "London")
    assert london.country == "CAN"
