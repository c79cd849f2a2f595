from conftest import actor_named, story


def test_assault_with_source_and_target(extract):
    result = extract("Russian forces shelled Ukrainian positions near Bakhmut on Sunday.")
    event = next(e for e in result.events if e.type == "ASSAULT")
    source = next(a for a in result.actors if a.id == event.source)
    assert source.country == "RUS" and "military" in source.roles
    assert event.target == "UKR"
    assert event.modality == "asserted" and not event.negated
    assert event.date.isoformat() == "2024-05-05"
    assert event.date_from == "sentence"


def test_refusal_is_reject_and_the_refused_act_is_negated(extract):
    result = extract("Israel refused to halt its offensive in Rafah.")
    types = {e.type: e for e in result.events}
    assert types["REJECT"].source == "ISR"
    assert not types["REJECT"].negated
    refused = [e for e in result.events if e.type != "REJECT"]
    assert refused and all(e.negated and e.modality == "refused" for e in refused)


def test_negated_event_is_never_asserted(extract):
    result = extract("The army said it will not stop the attack on the city.")
    assert all(e.negated for e in result.events if e.trigger.text == "stop")


def test_accusation_and_denial(extract):
    result = extract(story("el_fasher.txt"))
    rsf = actor_named(result, "Rapid Support Forces")
    accuse = next(e for e in result.events if e.trigger.text == "accused")
    assert accuse.type == "DISAPPROVE"
    army = next(a for a in result.actors if a.id == accuse.source)
    assert army.country == "SDN" and "military" in army.roles
    assert accuse.target == rsf.id
    deny = next(e for e in result.events if e.trigger.text == "denied")
    assert deny.type == "REJECT" and deny.source == rsf.id


def test_threat_is_not_an_assault(extract):
    result = extract("North Korea threatened to attack South Korea.")
    threat = next(e for e in result.events if e.type == "THREATEN")
    assert threat.source == "PRK" and threat.target == "KOR"
    attack = [e for e in result.events if e.type == "ASSAULT"]
    assert all(e.modality == "threatened" for e in attack)


def test_event_inside_a_quote_links_the_quote(extract):
    text = ('"Iran attacked our ships in the Gulf," the Saudi foreign minister said on '
            'Monday.')
    result = extract(text)
    event = next(e for e in result.events if e.type == "ASSAULT")
    assert event.source == "IRN"
    assert event.quote == result.quotes[0].id


def test_noun_trigger_with_modifier_source(extract):
    result = extract("Israeli airstrikes on Khan Younis killed 20 people, medics said.")
    strike = next(e for e in result.events if e.trigger.text == "airstrikes")
    assert strike.type == "ASSAULT" and strike.source == "ISR"
    assert strike.place is not None
