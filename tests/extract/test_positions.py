from conftest import actor_named, story


def test_conditional_stance_with_conditions(extract):
    text = ("Hamas said it would accept a ceasefire only if it included a complete withdrawal "
            "of Israeli forces, the return of displaced people and an exchange of prisoners.")
    result = extract(text)
    position = next(p for p in result.positions if p.issue == "ceasefire")
    assert position.actor == actor_named(result, "Hamas").id
    assert position.stance == "conditional"
    assert any("withdrawal" in c for c in position.conditions)
    assert any("exchange of prisoners" in c for c in position.conditions)


def test_rejection_and_demand(extract):
    text = ("Russia rejected the ceasefire proposal on Tuesday. The European Union called for "
            "an immediate ceasefire.")
    result = extract(text)
    stances = {(p.actor, p.issue): p.stance for p in result.positions}
    assert stances[("RUS", "ceasefire")] == "oppose"
    eu = actor_named(result, "European Union")
    assert stances[(eu.id, "ceasefire")] == "demand"


def test_negated_support_is_opposition(extract):
    result = extract("Ukraine will not accept any withdrawal from its territory.")
    position = next(p for p in result.positions if p.issue == "withdrawal")
    assert position.actor == "UKR" and position.stance == "oppose"


def test_no_cue_no_position(extract):
    result = extract("The ceasefire took effect at midnight.")
    assert result.positions == []


def test_each_conjoined_party_gets_the_position(extract):
    result = extract("Kenya and Uganda welcomed the ceasefire in South Sudan.")
    assert {(p.actor, p.stance) for p in result.positions if p.issue == "ceasefire"} == {
        ("KEN", "support"), ("UGA", "support")}


def test_conditions_of_a_neighbouring_clause_do_not_count(extract):
    result = extract("The Houthis accepted the truce, while the army said it would only agree "
                     "if the Houthis left the capital.")
    rebels = next(p for p in result.positions if p.issue == "ceasefire")
    assert rebels.stance == "support" and rebels.conditions == []


def test_rejection_until_a_condition_is_met_is_conditional(extract):
    result = extract("Azerbaijan rejected signing the peace treaty until Armenia changes its "
                     "constitution.")
    position = next(p for p in result.positions if p.actor == "AZE")
    assert position.stance == "conditional"
    assert position.conditions == ["Armenia changes its constitution"]


def test_clause_with_its_own_subject_stops_the_search_for_a_stance(extract):
    result = extract("The minister refused to say whether the ceasefire talks had collapsed.")
    assert not any(p.stance == "oppose" and p.issue == "ceasefire" for p in result.positions)


def test_issue_terms_match_lemmas_and_modified_phrases(extract):
    result = extract("Turkey demanded the withdrawal of all Kurdish fighters from the border. "
                     "The rebels said they would never negotiate with the government.")
    stances = {(p.issue, p.stance) for p in result.positions}
    assert ("withdrawal", "demand") in stances
    assert ("negotiations", "oppose") in stances


def test_passive_agent_and_relative_clause_hold_the_stance(extract):
    result = extract("The truce was welcomed by Kenya. Uganda, which rejected the ceasefire "
                     "in March, said nothing.")
    stances = {(p.actor, p.issue): p.stance for p in result.positions}
    assert stances[("KEN", "ceasefire")] == "support"
    assert stances[("UGA", "ceasefire")] == "oppose"


def test_what_must_happen_is_the_speakers_stance(extract):
    result = extract("Georgian officials rejected the offer, saying the blockade had to be "
                     "lifted at once. Kenya said the truce must be extended.")
    stances = {p.issue: (p.actor, p.stance) for p in result.positions}
    actor, stance = stances["blockade"]
    assert stance == "oppose" and actor.startswith("anonymous:GEO")
    assert stances["ceasefire"] == ("KEN", "demand")


def test_reversing_words_and_opposed_terms_turn_the_stance(extract):
    result = extract("Russia welcomed a cut in military aid to Ukraine. Iran called for the "
                     "lifting of sanctions. Kenya condemned terrorism.")
    stances = {(p.actor, p.issue): p.stance for p in result.positions}
    assert stances[("RUS", "arms_supplies")] == "oppose"
    assert stances[("IRN", "sanctions")] == "oppose"
    assert stances[("KEN", "counterterrorism")] == "support"


def test_no_stance_through_another_act_a_passive_or_a_hope(extract):
    result = extract("The committee approved a plan to investigate interference in the "
                     "elections. The ceasefire was praised. He hoped Iran would accept the "
                     "truce. 49 percent of Scots backed independence.")
    assert result.positions == []


def test_a_named_leader_is_the_voice_of_his_state(extract):
    result = extract("Turkish President Recep Tayyip Erdogan said Turkey would never accept "
                     "sanctions.")
    erdogan = actor_named(result, "Recep Tayyip Erdogan")
    assert [(p.actor, p.stance) for p in result.positions] == [(erdogan.id, "oppose")]


def test_a_stance_inside_a_condition_is_not_a_position(extract):
    result = extract("Egypt agreed to the plan on condition that Sudan commit to a truce.")
    assert not any(p.actor == "SDN" for p in result.positions)


def test_a_refusal_before_a_condition_is_met_is_conditional(extract):
    result = extract("The rebels said they would not sign a ceasefire before the army left "
                     "the city.")
    position = next(p for p in result.positions if p.issue == "ceasefire")
    assert position.stance == "conditional"
    assert position.conditions == ["the army left the city"]


def test_demo_story_positions(extract):
    result = extract(story("../../src/wirecoder/samples/ceasefire_talks.txt"))
    haniyeh = actor_named(result, "Ismail Haniyeh").id
    stances = {(p.actor, p.issue): p for p in result.positions}
    ceasefire = stances[(haniyeh, "ceasefire")]
    assert ceasefire.stance == "conditional" and len(ceasefire.conditions) == 3
    assert stances[("ISR", "ceasefire")].stance == "oppose"


def test_what_someone_else_must_do_is_the_speakers_demand(extract):
    result = extract("Kenya said Israel should accept the truce.")
    assert [(p.actor, p.issue, p.stance) for p in result.positions] == [
        ("KEN", "ceasefire", "demand")]
