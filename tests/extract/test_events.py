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


def _one(result, event_type):
    return next(e for e in result.events if e.type == event_type)


def test_announced_cooperation_is_agree(extract):
    result = extract("Norway said it will send emergency aid to Sudan next month.")
    agree = _one(result, "AGREE")
    assert agree.source == "NOR" and agree.target == "SDN"
    assert agree.modality == "intended" and not agree.negated
    assert not [e for e in result.events if e.type == "AID"]


def test_announced_retreat_is_concede(extract):
    result = extract("Turkey is willing to withdraw its troops from Cyprus.")
    concede = _one(result, "CONCEDE")
    assert concede.source == "TUR" and concede.target == "CYP"
    assert not [e for e in result.events if e.type == "RETREAT"]


def test_announced_force_is_a_threat_aimed_at_its_object(extract):
    result = extract("Ecuador said it would blockade Peru's ports.")
    threat = _one(result, "THREATEN")
    assert threat.source == "ECU" and threat.target == "PER"


def test_announced_refusal_is_reject_not_a_negated_acceptance(extract):
    result = extract("Jordan will not accept any more refugees from Syria.")
    reject = _one(result, "REJECT")
    assert reject.source == "JOR" and not reject.negated and reject.modality == "asserted"
    assert all(e.type != "AGREE" and e.type != "AID" for e in result.events)


def test_conditional_event_is_not_announced(extract):
    result = extract("Chile will resume talks if Bolivia withdraws its claim.")
    withdraw = next(e for e in result.events if e.trigger.text == "withdraws")
    assert withdraw.modality == "conditional" and withdraw.type == "RETREAT"


def test_attempt_is_coded_as_the_act(extract):
    result = extract("Malian rebels tried to kill the governor of Gao.")
    assault = _one(result, "ASSAULT")
    assert assault.trigger.text == "kill" and assault.source is not None
    assert not [e for e in result.events if e.type == "THREATEN"]


def test_demand_target_is_the_subject_of_the_demanded_clause(extract):
    result = extract("Japan demanded that China release the detained fishermen.")
    demand = _one(result, "DEMAND")
    assert demand.source == "JPN" and demand.target == "CHN"
    release = next(e for e in result.events if e.trigger.text == "release")
    assert release.modality == "demanded"


def test_reported_must_is_a_demand_on_its_subject(extract):
    result = extract("Germany said on Monday that Serbia must hand over the suspects.")
    demand = _one(result, "DEMAND")
    assert demand.trigger.text == "must hand"
    assert demand.source == "DEU" and demand.target == "SRB"
    assert not demand.negated


def test_must_about_oneself_is_no_demand(extract):
    result = extract("Kenya said it must protect its borders.")
    assert not [e for e in result.events if e.type == "DEMAND"]


def test_must_inside_a_quote_is_the_speakers_demand(extract):
    result = extract('"Iran must stop enriching uranium," the French foreign minister said.')
    demand = _one(result, "DEMAND")
    assert demand.target == "IRN" and demand.quote == result.quotes[0].id
    speaker = next(a for a in result.actors if a.id == demand.source)
    assert speaker.country == "FRA"


def test_threat_target_is_the_party_the_condition_names(extract):
    result = extract("Egypt threatened to suspend the talks unless Ethiopia stops filling "
                     "the dam.")
    threat = _one(result, "THREATEN")
    assert threat.source == "EGY" and threat.target == "ETH"


def test_target_in_a_preposition_of_the_object(extract):
    result = extract("The European Union imposed new sanctions on Belarus.")
    sanction = _one(result, "SANCTION")
    assert sanction.target == "BLR"


def test_object_that_names_no_actor_gives_way_to_a_preposition(extract):
    result = extract("Greece lifted the curfew in Cyprus.")
    concede = _one(result, "CONCEDE")
    assert concede.source == "GRC" and concede.target == "CYP"


def test_capital_as_object_stands_for_its_government(extract):
    result = extract("Poland urged Moscow to release the prisoners.")
    demand = _one(result, "DEMAND")
    assert demand.source == "POL" and demand.target == "RUS"


def test_statement_demanding_is_its_authors_demand(extract):
    result = extract("Hezbollah issued a statement demanding that Israel free the prisoners.")
    demand = _one(result, "DEMAND")
    assert demand.source == "hezbollah" and demand.target == "ISR"


def test_located_act_is_aimed_at_the_places_country(extract):
    result = extract("Russian forces shelled targets in Kharkiv on Sunday.")
    assault = _one(result, "ASSAULT")
    assert assault.source is not None and assault.target == "UKR"
    place = next(p for p in result.places if p.id == assault.place)
    assert place.name == "Kharkiv" and assault.confidence < 0.9


def test_threatened_act_is_the_threats_content_and_mode(extract):
    result = extract("North Korea threatened to attack South Korea.")
    threat = _one(result, "THREATEN")
    attack = next(e for e in result.events if e.type == "ASSAULT")
    assert attack.content_of == threat.id and threat.content_of is None
    assert threat.mode == "violence"


def test_protest_demand_is_part_of_the_protest(extract):
    result = extract("Thousands of protesters blocked roads in Algiers demanding that the "
                     "president resign.")
    protest = _one(result, "PROTEST")
    demand = _one(result, "DEMAND")
    assert demand.content_of == protest.id
    assert protest.target == "DZA"


def test_announced_act_with_unless_is_a_threat(extract):
    result = extract("Nigeria announced that it will withdraw its peacekeeping force from Chad "
                     "unless the rebels agree to a ceasefire.")
    threat = _one(result, "THREATEN")
    assert threat.source == "NGA" and threat.trigger.text == "withdraw"


def test_author_of_what_is_rejected_is_the_target(extract):
    result = extract("Germany rejected recent calls by Belarus for economic aid.")
    reject = _one(result, "REJECT")
    assert reject.source == "DEU" and reject.target == "BLR"


def test_unnamed_office_holder_and_igo_staff(extract):
    result = extract("Taiwan's Vice Foreign Minister visited Russia today. Later, U.N. "
                     "mediator Diego Cordovez met him.")
    visit = _one(result, "CONSULT")
    visitor = next(a for a in result.actors if a.id == visit.source)
    assert visitor.kind == "person" and visitor.country == "TWN"
    mediator = actor_named(result, "Diego Cordovez")
    assert mediator.affiliation == "united-nations" and mediator.code.startswith("IGO")


def test_unnamed_group_takes_the_country_of_its_place(extract):
    result = extract("Demonstrators in Baghdad blocked a road on Tuesday.")
    protest = _one(result, "PROTEST")
    group = next(a for a in result.actors if a.id == protest.source)
    assert group.country == "IRQ"


def test_light_verb_names_whom_the_act_is_for(extract):
    result = extract("Finland will give Tanzania a grant of 580 million shillings.")
    agree = _one(result, "AGREE")
    assert agree.source == "FIN" and agree.target == "TZA"


def test_a_meeting_is_not_aimed_at_the_place_it_is_held_in(extract):
    result = extract("Iranian and American negotiators met in Geneva on Monday.")
    assert all(e.target != "CHE" for e in result.events)


def test_what_a_protest_disapproves_of_is_its_target(extract):
    result = extract("Demonstrators in Baghdad blocked a road to show their disapproval of "
                     "United States policies.")
    protest = _one(result, "PROTEST")
    assert protest.target == "USA"
    assert all(e.content_of == protest.id for e in result.events if e is not protest)
