from conftest import actor_named, assert_offsets, declared_only, story
from wirecoder.extract.positions import find_positions


def positioned(staged, text: str):
    """The positions ``find_positions`` finds in a text and the context it ran on (whose actor
    register it may add to), offsets checked."""
    doc, context = staged(text, "positions")
    positions = find_positions(doc, context)
    assert_offsets(text, positions, context.actors)
    return positions, context


def positions_of(staged, text: str):
    return positioned(staged, text)[0]


def test_conditional_stance_with_conditions(staged):
    text = ("Hamas said it would accept a ceasefire only if it included a complete withdrawal "
            "of Israeli forces, the return of displaced people and an exchange of prisoners.")
    positions, context = positioned(staged, text)
    position = next(p for p in positions if p.issue == "ceasefire")
    assert position.actor == actor_named(context, "Hamas").id
    assert position.stance == "conditional"
    assert any("withdrawal" in c for c in position.conditions)
    assert any("exchange of prisoners" in c for c in position.conditions)


def test_rejection_and_demand(staged):
    text = ("Russia rejected the ceasefire proposal on Tuesday. The European Union called for "
            "an immediate ceasefire.")
    positions, context = positioned(staged, text)
    stances = {(p.actor, p.issue): p.stance for p in positions}
    assert stances[("RUS", "ceasefire")] == "oppose"
    eu = actor_named(context, "European Union")
    assert stances[(eu.id, "ceasefire")] == "demand"


def test_negated_support_is_opposition(staged):
    positions = positions_of(staged, "Ukraine will not accept any withdrawal from its territory.")
    position = next(p for p in positions if p.issue == "withdrawal")
    assert position.actor == "UKR" and position.stance == "oppose"


def test_no_cue_no_position(staged):
    positions = positions_of(staged, "The ceasefire took effect at midnight.")
    assert positions == []


def test_each_conjoined_party_gets_the_position(staged):
    positions = positions_of(staged, "Kenya and Uganda welcomed the ceasefire in South Sudan.")
    assert {(p.actor, p.stance) for p in positions if p.issue == "ceasefire"} == {
        ("KEN", "support"), ("UGA", "support")}


def test_conditions_of_a_neighbouring_clause_do_not_count(staged):
    positions = positions_of(staged, "The Houthis accepted the truce, while the army said it "
                                     "would only agree if the Houthis left the capital.")
    rebels = next(p for p in positions if p.issue == "ceasefire")
    assert rebels.stance == "support" and rebels.conditions == []


def test_rejection_until_a_condition_is_met_is_conditional(staged):
    positions = positions_of(staged, "Azerbaijan rejected signing the peace treaty until "
                                     "Armenia changes its constitution.")
    position = next(p for p in positions if p.actor == "AZE")
    assert position.stance == "conditional"
    assert position.conditions == ["Armenia changes its constitution"]


def test_clause_with_its_own_subject_stops_the_search_for_a_stance(staged):
    positions = positions_of(staged, "The minister refused to say whether the ceasefire talks "
                                     "had collapsed.")
    assert not any(p.stance == "oppose" and p.issue == "ceasefire" for p in positions)


def test_issue_terms_match_lemmas_and_modified_phrases(staged):
    positions = positions_of(staged, "Turkey demanded the withdrawal of all Kurdish fighters "
                                     "from the border. The rebels said they would never "
                                     "negotiate with the government.")
    stances = {(p.issue, p.stance) for p in positions}
    assert ("withdrawal", "demand") in stances
    assert ("negotiations", "oppose") in stances


def test_passive_agent_and_relative_clause_hold_the_stance(staged):
    positions = positions_of(staged, "The truce was welcomed by Kenya. Uganda, which rejected "
                                     "the ceasefire in March, said nothing.")
    stances = {(p.actor, p.issue): p.stance for p in positions}
    assert stances[("KEN", "ceasefire")] == "support"
    assert stances[("UGA", "ceasefire")] == "oppose"


def test_what_must_happen_is_the_speakers_stance(staged):
    positions = positions_of(staged, "Georgian officials rejected the offer, saying the "
                                     "blockade had to be lifted at once. Kenya said the truce "
                                     "must be extended.")
    stances = {p.issue: (p.actor, p.stance) for p in positions}
    actor, stance = stances["blockade"]
    assert (actor, stance) == ("GEO", "oppose")  # "Georgian officials": the state
    assert stances["ceasefire"] == ("KEN", "demand")


def test_reversing_words_and_opposed_terms_turn_the_stance(staged):
    positions = positions_of(staged, "Russia welcomed a cut in military aid to Ukraine. Iran "
                                     "called for the lifting of sanctions. Kenya condemned "
                                     "terrorism.")
    stances = {(p.actor, p.issue): p.stance for p in positions}
    assert stances[("RUS", "arms_supplies")] == "oppose"
    assert stances[("IRN", "sanctions")] == "oppose"
    assert stances[("KEN", "counterterrorism")] == "support"


def test_no_stance_through_another_act_a_passive_or_a_hope(staged):
    positions = positions_of(staged, "The committee approved a plan to investigate interference "
                                     "in the elections. The ceasefire was praised. He hoped "
                                     "Iran would accept the truce. 49 percent of Scots backed "
                                     "independence.")
    assert positions == []


def test_a_named_leader_is_the_voice_of_his_state(staged):
    positions, context = positioned(staged, "Turkish President Recep Tayyip Erdogan said Turkey "
                                            "would never accept sanctions.")
    erdogan = actor_named(context, "Recep Tayyip Erdogan")
    assert [(p.actor, p.stance) for p in positions] == [(erdogan.id, "oppose")]


def test_a_stance_inside_a_condition_is_not_a_position(staged):
    positions = positions_of(staged, "Egypt agreed to the plan on condition that Sudan commit "
                                     "to a truce.")
    assert not any(p.actor == "SDN" for p in positions)


def test_a_refusal_before_a_condition_is_met_is_conditional(staged):
    positions = positions_of(staged, "The rebels said they would not sign a ceasefire before "
                                     "the army left the city.")
    position = next(p for p in positions if p.issue == "ceasefire")
    assert position.stance == "conditional"
    assert position.conditions == ["the army left the city"]


def test_demo_story_positions(staged):
    text = story("../../src/wirecoder/samples/ceasefire_talks.txt")
    positions, context = positioned(staged, text)
    haniyeh = actor_named(context, "Ismail Haniyeh").id
    stances = {(p.actor, p.issue): p for p in positions}
    ceasefire = stances[(haniyeh, "ceasefire")]
    assert ceasefire.stance == "conditional" and len(ceasefire.conditions) == 3
    assert stances[("ISR", "ceasefire")].stance == "oppose"


def test_what_someone_else_must_do_is_the_speakers_demand(staged):
    positions = positions_of(staged, "Kenya said Israel should accept the truce.")
    assert [(p.actor, p.issue, p.stance) for p in positions] == [
        ("KEN", "ceasefire", "demand")]


def test_response_to_a_proposal_on_an_issue_is_a_position(staged):
    positions, context = positioned(staged, "Qatar presented a truce proposal to the two sides. "
                                            "Hamas accepted the proposal.")
    position = next(p for p in positions if p.actor == actor_named(context, "Hamas").id)
    assert (position.issue, position.stance) == ("ceasefire", "support")


def test_a_proposal_that_demands_speaks_for_its_sponsor(staged):
    positions = positions_of(staged, "Ukraine presented its peace plan in Riyadh. The plan "
                                     "demands the withdrawal of Russian troops.")
    position = next(p for p in positions if p.issue == "withdrawal")
    assert (position.actor, position.stance) == ("UKR", "demand")


def test_the_position_stage_turns_the_responses_it_is_handed_into_stances(staged):
    text = "Senegal proposed a truce on Sunday. Gambia accepted the proposal."
    doc, context = staged(text, find_positions)
    context = declared_only(context, "positions")  # no times, places or events
    [truce] = context.proposals
    positions = find_positions(doc, context)
    assert_offsets(text, positions)
    assert [(p.actor, p.issue, p.stance, p.trigger.text) for p in positions] == [
        ("GMB", truce.issue, "support", "accepted")]
    assert truce.issue == "ceasefire"
    # "accepted the proposal" names no issue: without the proposal there is no stance
    context.proposals = []
    assert find_positions(doc, context) == []


def test_two_sided_keys_read_the_move_against_the_key(staged):
    """Backing Brexit opposes membership, backing tariffs opposes open trade, rejecting
    deportations supports migration (gold/positions/CONVENTIONS.md)."""
    cases = [("Theresa May said she supports Brexit.", "alliance_membership", "oppose"),
             ("Mexico rejected the deportations of its citizens.", "migration", "support"),
             ("Germany backed new tariffs on Chinese steel.", "trade_deal", "oppose")]
    for text, issue, stance in cases:
        found = {(p.issue, p.stance) for p in positions_of(staged, text)}
        assert (issue, stance) in found, (text, found)


def test_a_stance_dated_years_back_is_history(pipeline):
    old = pipeline.extract("In 2010 Turkey backed the ceasefire in Gaza.",
                           published="2017-03-01")
    new = pipeline.extract("Turkey backed the ceasefire in Gaza on Monday.",
                           published="2017-03-01")
    assert not old.positions
    assert [(p.actor, p.issue, p.stance) for p in new.positions] == \
        [("TUR", "ceasefire", "support")]
