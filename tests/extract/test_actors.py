from conftest import actor_named, assert_offsets
from wirecoder.extract.actors import resolve_actors


def actors_of(staged, text: str, published: str | None = "2024-05-08"):
    """The actor records ``resolve_actors`` finds in a text, their offsets checked."""
    doc, context = staged(text, "actors", published=published)
    actors = resolve_actors(doc, context).records()
    assert_offsets(text, actors)
    return actors


def test_apposition_gives_role_and_affiliation(staged):
    actors = actors_of(staged, "Ismail Haniya, head of the Hamas political bureau, arrived in "
                               "Cairo.")
    haniyeh = actor_named(actors, "Ismail Haniyeh")  # transliteration resolved
    hamas = actor_named(actors, "Hamas")
    assert haniyeh.affiliation == hamas.id
    assert haniyeh.country == "PSE"


def test_media_channel_is_not_a_person(staged):
    actors = actors_of(staged, "Officials told Al-Hadath and Al Jazeera that the talks had "
                               "stalled.")
    for name in ("Al-Hadath", "Al Jazeera"):
        assert actor_named(actors, name).kind == "media"


def test_known_armed_forces_come_from_the_knowledge_base(staged):
    actors = actors_of(staged, "The Israeli army said its troops had withdrawn from the camp.")
    army = actor_named(actors, "Israel Defense Forces")  # the knowledge base's name, an alias
    assert army.known and army.country == "ISR" and "military" in army.roles
    assert (army.id, army.name) == ("ISR-MIL", "Israel military")  # the same in every story


def test_user_actor_file_adds_fictional_actor(tmp_path):
    from wirecoder.extract.pipeline import Pipeline
    from wirecoder.records import article_input

    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "- id: north-ridge-front\n  name: North Ridge Front\n  kind: group\n"
        "  code: LKDREB\n  roles: [armed_group]\n  aliases: [NRF]\n", encoding="utf-8")
    pipeline = Pipeline(actor_files=[extra])
    text = "The NRF said it had seized the dam."
    doc, item = next(pipeline.parse([article_input(text)]))
    actors = resolve_actors(doc, pipeline.context(item)).records()
    assert_offsets(text, actors)
    front = next(a for a in actors if a.id == "north-ridge-front")
    assert front.known and front.code == "LKDREB" and front.kind == "group"


def test_untagged_demonym_modifier_names_its_country(staged):
    actors = actors_of(staged, "Ghanaian authorities deported 40 migrants on Monday.")
    assert any(a.id == "GHA" for a in actors)


def test_unknown_office_holder_serves_the_one_country_in_the_sentence(staged):
    actors = actors_of(staged, "President Amadou Kelto banned Nigerien opposition rallies.")
    assert actor_named(actors, "Amadou Kelto").country == "NER"
    actors = actors_of(staged, "President Amadou Kelto met Malian and Nigerien officials.")
    assert actor_named(actors, "Amadou Kelto").country is None


def test_unknown_organisation_named_after_a_country(staged):
    actors = actors_of(staged, "The Estonian Union of Farmers called a strike.")
    union = next(a for a in actors if a.name.endswith("Union of Farmers"))
    assert union.kind == "organization" and union.country == "EST"


def test_a_shared_surname_resolves_to_who_held_office_on_the_publication_date(staged):
    text = "President Bush met the Soviet leader in Malta."
    then = next(a for a in actors_of(staged, text, published="1989-12-03")
                if a.kind == "person")
    later = next(a for a in actors_of(staged, text, published="2003-03-20")
                 if a.kind == "person")
    undated = next(a for a in actors_of(staged, text, published=None) if a.kind == "person")
    assert then.id != later.id and then.known and later.known
    assert then.title == later.title == "President"
    assert not undated.known and undated.country == "USA"  # which Bush is open, not where


def test_the_title_is_the_one_held_on_the_publication_date(staged):
    peres = actor_named(actors_of(staged, "Shimon Peres arrived in Cairo.",
                                  published="1993-09-01"), "Shimon Peres")
    assert peres.title == "Foreign Minister"


def test_peoples_named_by_a_demonym_are_groups_of_that_country(staged):
    actors = actors_of(staged, "Bosnian Serbs demanded a truce with Moslem forces in east "
                               "Bosnia.")
    serbs = next(a for a in actors if a.name == "Bosnian Serbs")
    assert serbs.kind == "group" and serbs.country == "BIH"


def test_the_actor_stage_runs_first_on_a_bare_context(staged):
    text = "Somalia and Kenya signed a border accord on Tuesday."
    doc, context = staged(text, resolve_actors)
    # the first stage is handed no earlier product at all
    assert (context.actors, context.times, context.places, context.quotes) == (
        None, None, None, None)
    index = resolve_actors(doc, context)
    assert context.actors is None  # the stage returns its register; it stores nothing
    actors = {a.id: a for a in index.records()}
    assert {"SOM", "KEN"} <= set(actors)
    assert [(m.text, text[m.start:m.end]) for m in actors["KEN"].mentions] == [
        ("Kenya", "Kenya")]
    assert index.actor_of(doc[0]) == "SOM" and index.actor_of(doc[2]) == "KEN"


def _by_id(actors, actor_id):
    return next(a for a in actors if a.id == actor_id)


def test_state_organs_are_their_state(extract):
    result = extract("The Kremlin said the talks would go on. The Russian foreign ministry "
                     "called them useful, and Russian officials agreed.")
    russia = _by_id(result.actors, "RUS")
    texts = {m.text for m in russia.mentions}
    assert {"Kremlin", "The Russian foreign ministry", "Russian officials"} <= texts
    assert not [a for a in result.actors if a.id != "RUS" and a.country == "RUS"]


def test_a_states_armed_forces_are_one_sector_actor(staged):
    actors = actors_of(staged, "The Turkish Armed Forces shelled the town. Turkish troops "
                               "later entered it.")
    military = _by_id(actors, "TUR-MIL")
    assert military.code == "TURMIL" and military.known
    assert {"Turkish Armed Forces", "Turkish troops"} <= {m.text for m in military.mentions}


def test_a_sector_without_a_country_takes_the_datelines(staged):
    actors = actors_of(staged, "KUALA LUMPUR, Feb 23 (Wire) - Police arrested a man at the "
                               "airport on Thursday.")
    police = _by_id(actors, "MYS-COP")
    assert police.country == "MYS" and police.mentions[0].text == "Police"


def test_a_sector_takes_the_country_acting_in_its_sentence(staged):
    actors = actors_of(staged, "Kenya sent police to the border after protesters blocked "
                               "the road.", published=None)
    assert _by_id(actors, "KEN-COP").country == "KEN"
    assert _by_id(actors, "KEN-CVL").mentions[0].text == "protesters"


def test_a_phrase_about_a_force_to_be_sent_is_no_sector_actor(staged):
    actors = actors_of(staged, "Rwanda offered to send a peacekeeping force to the border.")
    assert not [a for a in actors if a.id.endswith("-MIL")]


def test_an_honorific_and_a_surname_taken_for_an_organisation_are_the_person(staged):
    actors = actors_of(staged, "Keir Starmer spoke first. Mr Starmer said the plan was "
                               "wrong, and Starmer's aides agreed.")
    persons = [a for a in actors if a.kind == "person"]
    assert len(persons) == 1 and len(persons[0].mentions) >= 2


def test_a_surname_the_ner_left_untagged_is_the_person_who_bears_it(staged):
    text = ("Attorney General Jeff Sessions met the Russian ambassador twice. Sessions in a "
            "statement denied it. The sessions of parliament went on.")
    person = next(a for a in actors_of(staged, text) if a.kind == "person"
                  and a.name == "Jeff Sessions")
    surname_at = text.index("Sessions in")
    assert any(m.start == surname_at for m in person.mentions)
    assert not any(m.text == "sessions" for m in person.mentions)


def test_a_title_inside_a_person_entity_stays_out_of_the_name(staged):
    actors = actors_of(staged, "Malaysian Inspector-General of Police Khalid Abu Bakar said "
                               "on Sunday that four men were being sought.")
    persons = [a for a in actors if a.kind == "person"]
    assert [p.name for p in persons] == ["Khalid Abu Bakar"]


def test_a_hyphenated_given_name_stays_whole(staged):
    actors = actors_of(staged, "Commission chief Jean-Claude Juncker and French minister "
                               "Jean-Marc Ayrault met in Paris.")
    assert {a.name for a in actors if a.kind == "person"} == {"Jean-Claude Juncker",
                                                              "Jean-Marc Ayrault"}


def test_a_demonym_in_a_persons_title_is_not_a_mention_of_the_country(staged):
    actors = actors_of(staged, "Japanese Prime Minister Shinzo Abe met the envoy.")
    assert not [a for a in actors if a.id == "JPN"]
    assert next(a for a in actors if a.kind == "person").country == "JPN"


def test_wire_credits_name_their_agencies(staged):
    opening = actors_of(staged, "MOSCOW, February 7. /TASS/. Moscow is confident the talks "
                                "will go on.")
    assert "tass" in {a.id for a in opening}
    closing = actors_of(staged, "The talks will go on, the minister said. jbh/jm (Reuters, "
                                "AFP) -")
    assert {"reuters", "afp"} <= {a.id for a in closing}


def test_a_fuzzy_name_match_keeps_the_country_its_name_gives(staged):
    actors = actors_of(staged, "The Armenian Ministry of Foreign Affairs said Yerevan was "
                               "ready for talks.")
    assert {a.id for a in actors} == {"ARM"}


def test_a_law_coming_into_force_is_no_armed_force(staged):
    actors = actors_of(staged, "Kyiv, May 3 - The new law came into force on Monday, Ukraine "
                               "said.")
    assert not [a for a in actors if a.id.endswith("-MIL")]


def test_an_office_without_a_country_is_held_in_the_datelines_country(staged):
    actors = actors_of(staged, "LONDON, March 2 (Wire) - Police were called after the crash.",
                       published="2017-03-02")
    assert next(a for a in actors if a.id.endswith("-COP")).country == "GBR"


def test_the_prime_minister_of_a_datelined_story_is_that_countrys(extract):
    result = extract("LONDON, March 2 (Wire) - The prime minister said the talks would go on.",
                     published="2017-03-02")
    assert [q.speaker for q in result.quotes] == ["theresa-may"]
