from conftest import actor_named, story


def test_names_titles_and_demonyms_become_canonical_actors(extract):
    result = extract(story("kharkiv_shelling.txt"))
    zelensky = actor_named(result, "Volodymyr Zelensky")
    assert zelensky.kind == "person"
    assert zelensky.country == "UKR"
    assert "government" in zelensky.roles
    # the full name and the surname alone are one actor
    assert {m.text for m in zelensky.mentions} >= {"Volodymyr Zelenskiy", "Zelenskiy"}
    russia = actor_named(result, "Russia")
    assert russia.kind == "country" and russia.id == "RUS"
    assert "Russian" in {m.text for m in russia.mentions}


def test_unknown_person_gets_title_role_and_affiliation(extract):
    result = extract(
        "Lakeland Interior Minister Tomas Verhoeven said on Friday that the border would "
        "stay closed. Verhoeven added that talks with the rebels had failed.")
    minister = actor_named(result, "Tomas Verhoeven")
    assert not minister.known
    assert minister.title == "interior minister"
    assert "government" in minister.roles
    assert len(minister.mentions) == 2


def test_apposition_gives_role_and_affiliation(extract):
    result = extract("Ismail Haniya, head of the Hamas political bureau, arrived in Cairo.")
    haniyeh = actor_named(result, "Ismail Haniyeh")  # transliteration resolved
    hamas = actor_named(result, "Hamas")
    assert haniyeh.affiliation == hamas.id
    assert haniyeh.country == "PSE"


def test_transliteration_variant_is_matched_fuzzily(extract):
    result = extract("Defence Minister Yoav Gallant met troops. Galant said the army was ready.")
    gallant = actor_named(result, "Yoav Gallant")
    assert {m.text for m in gallant.mentions} >= {"Yoav Gallant", "Galant"}


def test_media_channel_is_not_a_person(extract):
    result = extract("Officials told Al-Hadath and Al Jazeera that the talks had stalled.")
    for name in ("Al-Hadath", "Al Jazeera"):
        assert actor_named(result, name).kind == "media"


def test_anonymous_source_keeps_its_affiliation(extract):
    result = extract(story("korea_missile.txt"))
    official = next(a for a in result.actors if a.kind == "anonymous_source")
    assert official.country == "USA"
    assert official.affiliation == "USA"


def test_sector_actor_from_country_and_collective_noun(extract):
    result = extract("Ethiopian soldiers attacked the village, witnesses said.")
    soldiers = next(a for a in result.actors if a.id == "ETH-MIL")
    assert soldiers.code == "ETHMIL" and soldiers.country == "ETH"
    assert "military" in soldiers.roles


def test_known_armed_forces_come_from_the_knowledge_base(extract):
    result = extract("The Israeli army said its troops had withdrawn from the camp.")
    army = actor_named(result, "Israel Defense Forces")
    assert army.known and army.country == "ISR" and "military" in army.roles


def test_user_actor_file_adds_fictional_actor(tmp_path):
    from wirecoder.extract.pipeline import Pipeline

    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "- id: north-ridge-front\n  name: North Ridge Front\n  kind: group\n"
        "  code: LKDREB\n  roles: [armed_group]\n  aliases: [NRF]\n", encoding="utf-8")
    pipeline = Pipeline(actor_files=[extra])
    result = pipeline.extract("The NRF said it had seized the dam.")
    front = next(a for a in result.actors if a.id == "north-ridge-front")
    assert front.known and front.code == "LKDREB" and front.kind == "group"


def test_untagged_demonym_modifier_names_its_country(extract):
    result = extract("Ghanaian authorities deported 40 migrants on Monday.")
    assert any(a.id == "GHA" for a in result.actors)


def test_unknown_office_holder_serves_the_one_country_in_the_sentence(extract):
    result = extract("President Amadou Kelto banned Nigerien opposition rallies.")
    assert actor_named(result, "Amadou Kelto").country == "NER"
    result = extract("President Amadou Kelto met Malian and Nigerien officials.")
    assert actor_named(result, "Amadou Kelto").country is None


def test_unknown_organisation_named_after_a_country(extract):
    result = extract("The Estonian Union of Farmers called a strike.")
    union = next(a for a in result.actors if a.name.endswith("Union of Farmers"))
    assert union.kind == "organization" and union.country == "EST"


def test_capital_in_a_place_slot_is_no_actor(extract):
    result = extract("Talks were held in Moscow on Monday.")
    assert not any(a.id == "RUS" for a in result.actors)


def test_a_shared_surname_resolves_to_who_held_office_on_the_publication_date(extract):
    text = "President Bush met the Soviet leader in Malta."
    then = next(a for a in extract(text, published="1989-12-03").actors if a.kind == "person")
    later = next(a for a in extract(text, published="2003-03-20").actors if a.kind == "person")
    undated = next(a for a in extract(text, published=None).actors if a.kind == "person")
    assert then.id != later.id and then.known and later.known
    assert then.title == later.title == "President"
    assert not undated.known and undated.country == "USA"  # which Bush is open, not where


def test_the_title_is_the_one_held_on_the_publication_date(extract):
    peres = actor_named(extract("Shimon Peres arrived in Cairo.", published="1993-09-01"),
                        "Shimon Peres")
    assert peres.title == "Foreign Minister"


def test_peoples_named_by_a_demonym_are_groups_of_that_country(extract):
    result = extract("Bosnian Serbs demanded a truce with Moslem forces in east Bosnia.")
    serbs = next(a for a in result.actors if a.name == "Bosnian Serbs")
    assert serbs.kind == "group" and serbs.country == "BIH"


def test_an_amount_is_no_actor(extract):
    result = extract("Fifty-nine percent of voters said the war was a mistake.")
    assert not any("percent" in a.name for a in result.actors)
    assert any(q.speaker_text == "Fifty-nine percent of voters" for q in result.quotes)


def test_leaders_of_a_body_are_the_body_and_a_place_is_not_an_owner(extract):
    result = extract("NATO leaders called for a truce in Kosovo.")
    nato = actor_named(result, "NATO")
    assert "NATO leaders" in nato.aliases
    kosovo = [a for a in result.actors if a.name == "Kosovo"]
    assert all("truce" not in m.text for a in kosovo for m in a.mentions)


def test_a_country_misspelt_by_one_letter_is_that_country(extract):
    result = extract("Ethopia has agreed to reopen its borders. Mr Chiles said so.")
    assert actor_named(result, "Ethiopia").mentions[0].text == "Ethopia"
    assert actor_named(result, "Chiles").kind == "person"
