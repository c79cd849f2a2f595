from conftest import actor_named, assert_offsets, declared_only, story
from wirecoder.extract.events import code_events


def coded(staged, text: str):
    """The events ``code_events`` finds in a text and the context it ran on (whose actor
    register it may add to), offsets checked."""
    doc, context = staged(text, "events")
    context.event_filter = None  # the rules alone; the learned filter is judged against gold
    events = code_events(doc, context)
    assert_offsets(text, events, context.actors)
    return events, context


def events_of(staged, text: str):
    return coded(staged, text)[0]


def test_assault_with_source_and_target(staged):
    events, context = coded(staged, "Russian forces shelled Ukrainian positions near Bakhmut on "
                                    "Sunday.")
    event = next(e for e in events if e.type == "ASSAULT")
    source = next(a for a in context.actors.records() if a.id == event.source)
    assert source.country == "RUS" and "military" in source.roles
    assert event.target == "UKR"
    assert event.modality == "asserted" and not event.negated
    assert event.date.isoformat() == "2024-05-05"
    assert event.date_from == "sentence"


def test_refusal_is_reject_and_the_refused_act_is_negated(staged):
    events = events_of(staged, "Israel refused to halt its offensive in Rafah.")
    types = {e.type: e for e in events}
    assert types["REJECT"].source == "ISR"
    assert not types["REJECT"].negated
    refused = [e for e in events if e.type != "REJECT"]
    assert refused and all(e.negated and e.modality == "refused" for e in refused)


def test_an_act_denied_is_the_content_of_the_denial(staged):
    events = events_of(staged, "The Russian ambassador met Jeff Sessions twice last year. "
                               "Sessions denied meeting Russian officials during the campaign.")
    denial = next(e for e in events if e.type == "REJECT")
    meeting = next(e for e in events if e.trigger.text == "meeting")
    assert denial.source == meeting.source == "person:jeff-sessions"
    assert meeting.content_of == denial.id and meeting.negated


def test_negated_event_is_never_asserted(staged):
    events = events_of(staged, "The army said it will not stop the attack on the city.")
    assert all(e.negated for e in events if e.trigger.text == "stop")


def test_accusation_and_denial(staged):
    events, context = coded(staged, story("el_fasher.txt"))
    rsf = actor_named(context, "Rapid Support Forces")
    accuse = next(e for e in events if e.trigger.text == "accused")
    assert accuse.type == "DISAPPROVE"
    army = next(a for a in context.actors.records() if a.id == accuse.source)
    assert army.country == "SDN" and "military" in army.roles
    assert accuse.target == rsf.id
    deny = next(e for e in events if e.trigger.text == "denied")
    assert deny.type == "REJECT" and deny.source == rsf.id


def test_threat_is_not_an_assault(staged):
    events = events_of(staged, "North Korea threatened to attack South Korea.")
    threat = next(e for e in events if e.type == "THREATEN")
    assert threat.source == "PRK" and threat.target == "KOR"
    attack = [e for e in events if e.type == "ASSAULT"]
    assert all(e.modality == "threatened" for e in attack)


def test_event_inside_a_quote_links_the_quote(staged):
    text = ('"Iran attacked our ships in the Gulf," the Saudi foreign minister said on '
            'Monday.')
    events, context = coded(staged, text)
    event = next(e for e in events if e.type == "ASSAULT")
    assert event.source == "IRN"
    assert event.quote == context.quotes[0].id


def test_noun_trigger_with_modifier_source(staged):
    events = events_of(staged, "Israeli airstrikes on Khan Younis killed 20 people, medics said.")
    strike = next(e for e in events if e.trigger.text == "airstrikes")
    assert strike.type == "ASSAULT" and strike.source == "ISR"
    assert strike.place is not None


def _one(events, event_type):
    return next(e for e in events if e.type == event_type)


def test_announced_cooperation_is_agree(staged):
    events = events_of(staged, "Norway said it will send emergency aid to Sudan next month.")
    agree = _one(events, "AGREE")
    assert agree.source == "NOR" and agree.target == "SDN"
    assert agree.modality == "intended" and not agree.negated
    assert not [e for e in events if e.type == "AID"]


def test_announced_retreat_is_concede(staged):
    events = events_of(staged, "Turkey is willing to withdraw its troops from Cyprus.")
    concede = _one(events, "CONCEDE")
    assert concede.source == "TUR" and concede.target == "CYP"
    assert not [e for e in events if e.type == "RETREAT"]


def test_announced_force_is_a_threat_aimed_at_its_object(staged):
    events = events_of(staged, "Ecuador said it would blockade Peru's ports.")
    threat = _one(events, "THREATEN")
    assert threat.source == "ECU" and threat.target == "PER"


def test_announced_refusal_is_reject_not_a_negated_acceptance(staged):
    events = events_of(staged, "Jordan will not accept any more refugees from Syria.")
    reject = _one(events, "REJECT")
    assert reject.source == "JOR" and not reject.negated and reject.modality == "asserted"
    assert all(e.type != "AGREE" and e.type != "AID" for e in events)


def test_conditional_event_is_not_announced(staged):
    events = events_of(staged, "Chile will resume talks if Bolivia withdraws its claim.")
    withdraw = next(e for e in events if e.trigger.text == "withdraws")
    assert withdraw.modality == "conditional" and withdraw.type == "RETREAT"


def test_attempt_is_coded_as_the_act(staged):
    events = events_of(staged, "Malian rebels tried to kill the governor of Gao.")
    assault = _one(events, "ASSAULT")
    assert assault.trigger.text == "kill" and assault.source is not None
    assert not [e for e in events if e.type == "THREATEN"]


def test_demand_target_is_the_subject_of_the_demanded_clause(staged):
    events = events_of(staged, "Japan demanded that China release the detained fishermen.")
    demand = _one(events, "DEMAND")
    assert demand.source == "JPN" and demand.target == "CHN"
    release = next(e for e in events if e.trigger.text == "release")
    assert release.modality == "demanded"


def test_reported_must_is_a_demand_on_its_subject(staged):
    events = events_of(staged, "Germany said on Monday that Serbia must hand over the suspects.")
    demand = _one(events, "DEMAND")
    assert demand.trigger.text == "must hand"
    assert demand.source == "DEU" and demand.target == "SRB"
    assert not demand.negated


def test_must_about_oneself_is_no_demand(staged):
    events = events_of(staged, "Kenya said it must protect its borders.")
    assert not [e for e in events if e.type == "DEMAND"]


def test_must_inside_a_quote_is_the_speakers_demand(staged):
    events, context = coded(staged, '"Iran must stop enriching uranium," the French foreign '
                                    "minister said.")
    demand = _one(events, "DEMAND")
    assert demand.target == "IRN" and demand.quote == context.quotes[0].id
    speaker = next(a for a in context.actors.records() if a.id == demand.source)
    assert speaker.country == "FRA"


def test_threat_target_is_the_party_the_condition_names(staged):
    events = events_of(staged, "Egypt threatened to suspend the talks unless Ethiopia stops "
                               "filling the dam.")
    threat = _one(events, "THREATEN")
    assert threat.source == "EGY" and threat.target == "ETH"


def test_target_in_a_preposition_of_the_object(staged):
    events = events_of(staged, "The European Union imposed new sanctions on Belarus.")
    sanction = _one(events, "SANCTION")
    assert sanction.target == "BLR"


def test_object_that_names_no_actor_gives_way_to_a_preposition(staged):
    events = events_of(staged, "Greece lifted the curfew in Cyprus.")
    concede = _one(events, "CONCEDE")
    assert concede.source == "GRC" and concede.target == "CYP"


def test_capital_as_object_stands_for_its_government(staged):
    events = events_of(staged, "Poland urged Moscow to release the prisoners.")
    demand = _one(events, "DEMAND")
    assert demand.source == "POL" and demand.target == "RUS"


def test_statement_demanding_is_its_authors_demand(staged):
    events = events_of(staged, "Hezbollah issued a statement demanding that Israel free the "
                               "prisoners.")
    demand = _one(events, "DEMAND")
    assert demand.source == "hezbollah" and demand.target == "ISR"


def test_located_act_is_aimed_at_the_places_country(staged):
    events, context = coded(staged, "Russian forces shelled targets in Kharkiv on Sunday.")
    assault = _one(events, "ASSAULT")
    assert assault.source is not None and assault.target == "UKR"
    place = next(p for p in context.places if p.id == assault.place)
    assert place.name == "Kharkiv" and assault.confidence < 0.9


def test_threatened_act_is_the_threats_content_and_mode(staged):
    events = events_of(staged, "North Korea threatened to attack South Korea.")
    threat = _one(events, "THREATEN")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.content_of == threat.id and threat.content_of is None
    assert threat.mode == "violence"


def test_protest_demand_is_part_of_the_protest(staged):
    events = events_of(staged, "Thousands of protesters blocked roads in Algiers demanding that "
                               "the president resign.")
    protest = _one(events, "PROTEST")
    demand = _one(events, "DEMAND")
    assert demand.content_of == protest.id
    assert protest.target == "DZA"


def test_announced_act_with_unless_is_a_threat(staged):
    events = events_of(staged, "Nigeria announced that it will withdraw its peacekeeping force "
                               "from Chad unless the rebels agree to a ceasefire.")
    threat = _one(events, "THREATEN")
    assert threat.source == "NGA" and threat.trigger.text == "withdraw"


def test_author_of_what_is_rejected_is_the_target(staged):
    events = events_of(staged, "Germany rejected recent calls by Belarus for economic aid.")
    reject = _one(events, "REJECT")
    assert reject.source == "DEU" and reject.target == "BLR"


def test_unnamed_office_holder_and_igo_staff(staged):
    events, context = coded(staged, "Taiwan's Vice Foreign Minister visited Russia today. "
                                    "Later, U.N. mediator Diego Cordovez met him.")
    visit = _one(events, "CONSULT")
    visitor = next(a for a in context.actors.records() if a.id == visit.source)
    assert visitor.kind == "person" and visitor.country == "TWN"
    mediator = actor_named(context, "Diego Cordovez")
    assert mediator.affiliation == "united-nations" and mediator.code.startswith("IGO")


def test_unnamed_group_takes_the_country_of_its_place(staged):
    events, context = coded(staged, "Demonstrators in Baghdad blocked a road on Tuesday.")
    protest = _one(events, "PROTEST")
    group = next(a for a in context.actors.records() if a.id == protest.source)
    assert group.country == "IRQ"


def test_light_verb_names_whom_the_act_is_for(staged):
    events = events_of(staged, "Finland will give Tanzania a grant of 580 million shillings.")
    agree = _one(events, "AGREE")
    assert agree.source == "FIN" and agree.target == "TZA"


def test_a_meeting_is_not_aimed_at_the_place_it_is_held_in(staged):
    events = events_of(staged, "Iranian and American negotiators met in Geneva on Monday.")
    assert all(e.target != "CHE" for e in events)


def test_what_a_protest_disapproves_of_is_its_target(staged):
    events = events_of(staged, "Demonstrators in Baghdad blocked a road to show their "
                               "disapproval of United States policies.")
    protest = _one(events, "PROTEST")
    assert protest.target == "USA"
    assert all(e.content_of == protest.id for e in events if e is not protest)


def test_the_event_stage_codes_from_the_products_it_is_handed(staged):
    text = "Chadian troops shelled rebel camps near Abeche on Friday."
    doc, context = staged(text, code_events)
    context = declared_only(context, "events")
    # the actor stage registers the sector every collective noun names
    assert "TCD-MIL" in {a.id for a in context.actors.records()}
    # "Chadian" is a mention of Chad, but no place the shelling happened at
    named = {m.text: p for p in context.places for m in p.mentions}
    assert set(named) == {"Chadian", "Abeche"} and named["Chadian"].kind == "country"
    abeche = named["Abeche"]
    [friday] = context.times
    events = code_events(doc, context)
    assert_offsets(text, events, context.actors)
    [assault] = events
    assert (assault.type, assault.source, assault.target) == ("ASSAULT", "TCD-MIL", "TCD")
    assert assault.trigger.text == "shelled" and assault.modality == "asserted"
    # date and place are those the time and place stages found
    assert assault.date == friday.value and assault.date_from == "sentence"
    assert (assault.place, assault.place_from) == (abeche.id, "sentence")
    soldiers = actor_named(context, "Chad military")
    assert soldiers.id == "TCD-MIL" and soldiers.country == "TCD"
    # handed no places, it places the act nowhere: it reads the products, not the text
    context.places = []
    assert code_events(doc, context)[0].place is None
