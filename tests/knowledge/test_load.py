import pytest

from wirecoder.errors import KnowledgeError
from wirecoder.knowledge import default_knowledge, read_actor_file

KINDS = {"person", "organization", "country", "group", "igo", "media"}


def test_every_country_has_a_demonym_and_coordinates():
    knowledge = default_knowledge()
    countries = [a for a in knowledge.actors.values() if a.kind == "country"]
    assert len(countries) >= 249
    assert set(knowledge.demonyms.values()) == {c.id for c in countries}
    assert knowledge.demonyms["palestinian"] == "PSE"
    assert knowledge.demonyms["israeli"] == "ISR"
    for country in countries:
        place = knowledge.places[f"iso3166:{country.id}"]
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


def test_shipped_actors_are_well_formed():
    knowledge = default_knowledge()
    assert all(a.kind in KINDS for a in knowledge.actors.values())
    assert knowledge.lookup_actor("Galant")[0].id == knowledge.lookup_actor("Gallant")[0].id
    assert knowledge.lookup_actor("Al Arabiya")[0].kind == "media"


def test_shipped_lexicons_cover_all_plover_types():
    knowledge = default_knowledge()
    types = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
             "INVESTIGATE", "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "SANCTION",
             "PROTEST", "CRIME", "MOBILIZE", "COERCE", "ASSAULT"}
    assert types <= set(knowledge.events)
    assert all(knowledge.events[t]["verbs"] for t in types)


@pytest.mark.parametrize("content, message", [
    ("- id: a\n  name: A\n  kind: group\n  bogus: 1\n", "line 1: unknown field(s) bogus"),
    ("- id: a\n  name: A\n- id: b\n  name: B\n  kind: group\n", "line 1: actor entry is "
                                                                 "missing 'kind'"),
    ("- id: a\n  name: A\n  kind: group\n  aliases: x\n", "'aliases' of actor 'a' must be"),
    ("- id: a\n  name: [A\n", "line 3"),
])
def test_malformed_actor_files_name_the_line(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(KnowledgeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_actor_file(path)


def test_user_entries_override_shipped_ones(tmp_path):
    from wirecoder.knowledge import load_knowledge

    path = tmp_path / "mine.yaml"
    path.write_text("- id: hamas\n  name: Hamas\n  kind: group\n  code: XYZREB\n")
    knowledge = load_knowledge((path,))
    assert knowledge.actors["hamas"].code == "XYZREB"


def test_every_capital_belongs_to_a_known_country():
    knowledge = default_knowledge()
    assert knowledge.capitals["kyiv"] == "UKR"
    assert all(iso3 in knowledge.actors for iso3 in knowledge.capitals.values())


LEXICON = """\
events:
  PROTEST:
    verbs: [picket]
issues:
  water_rights:
    label: Water rights
    terms: [river treaty, water sharing]
  stance_cues:
    oppose: [stonewall]
cue_verbs:
  speech: [opine]
"""


def test_user_lexicon_adds_event_patterns_issues_and_cues(tmp_path):
    from wirecoder.extract.pipeline import Pipeline

    path = tmp_path / "lexicon.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    pipeline = Pipeline(lexicon_files=[path])
    result = pipeline.extract("Farmers picketed the ministry on Monday. Egypt stonewalled the "
                              "river treaty. The minister opined that the dam was unsafe.",
                              published="2024-05-08")
    assert any(e.type == "PROTEST" and e.trigger.text == "picketed" for e in result.events)
    assert ("EGY", "water_rights", "oppose") in {
        (p.actor, p.issue, p.stance) for p in result.positions}
    assert any(q.cue == "opine" for q in result.quotes)
    # the shipped lexicons are extended, not replaced, and the default is untouched
    shipped = default_knowledge().events["PROTEST"]["verbs"]
    assert "picket" not in shipped
    assert pipeline.knowledge.events["PROTEST"]["verbs"] == [*shipped, "picket"]


@pytest.mark.parametrize("content,message", [
    ("events:\n  RIOT:\n    verbs: [riot]\n", "line 2: unknown PLOVER event type 'RIOT'"),
    ("events: [picket]\n", "'events' must be a mapping"),
    ("weapons:\n  verbs: [x]\n", "a lexicon file is a mapping with keys"),
    ("events:\n  PROTEST: {verbs: [picket\n", "line"),
])
def test_malformed_lexicon_files_are_reported(tmp_path, content, message):
    from wirecoder.knowledge import load_knowledge

    path = tmp_path / "lexicon.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message.replace("(", r"\(")) as caught:
        load_knowledge(lexicon_files=(path,))
    assert str(caught.value).startswith(str(path))


def test_past_office_holders_do_not_shadow_current_entries():
    from wirecoder.knowledge import DATA

    current = {e.id for e in read_actor_file(DATA / "actors.yaml")}
    past = read_actor_file(DATA / "past_leaders.yaml")
    assert len(past) > 500
    assert not current & {e.id for e in past}
    knowledge = default_knowledge()
    titles = {t.lower() for t in knowledge.titles}
    assert all(p.get("start") is None or p["start"] <= (p.get("end") or "9999")
               for e in past for p in e.positions)
    assert sum(1 for e in past for p in e.positions if p["title"].lower() in titles) > 800


def test_compiled_knowledge_is_cached_per_version_and_files(tmp_path, monkeypatch):
    from wirecoder.knowledge import load_knowledge

    cache = tmp_path / "cache"
    monkeypatch.setenv("WIRECODER_CACHE", str(cache))
    first = load_knowledge()
    (pickled,) = cache.glob("knowledge-*.pickle")
    again = load_knowledge()
    assert again.actors.keys() == first.actors.keys()
    assert again.lookup_place("Texas", every=True)[0].kind == "division"  # gazetteer reopened
    # a user file is part of the key: its change is read, not served stale from the cache
    extra = tmp_path / "mine.yaml"
    extra.write_text("- {id: my-envoy, name: Anna Example, kind: person, country: NOR}\n")
    assert "my-envoy" in load_knowledge((extra,)).actors
    extra.write_text("- {id: my-envoy, name: Berit Example, kind: person, country: NOR}\n")
    assert load_knowledge((extra,)).actors["my-envoy"].name == "Berit Example"
    assert len(list(cache.glob("knowledge-*.pickle"))) == 3 and pickled.exists()
    monkeypatch.setenv("WIRECODER_CACHE", "off")
    load_knowledge()
    assert len(list(cache.glob("knowledge-*.pickle"))) == 3


@pytest.mark.parametrize(("name", "expected"), [
    ("Russian forces", "RUS-MIL"), ("the Russian army", "RUS-MIL"), ("Russians", "RUS"),
    ("US government", "USA"), ("Ukrainian police", "UKR-COP"), ("Hamas", "hamas"),
    ("Russian weather", None),
])
def test_a_name_is_read_as_the_actor_stage_reads_it(name, expected):
    found = default_knowledge().actor_ids(name)
    assert (expected in found) if expected else not found
