from conftest import actor_named, story


def test_demo_story_has_the_new_proposal_and_the_earlier_one(extract):
    result = extract(story("../../src/wirecoder/samples/ceasefire_talks.txt"))
    current, earlier = result.proposals
    assert current.issue == "ceasefire" and not current.earlier
    assert len(current.mentions) == 2  # headline and lead are one proposal
    assert current.recipients == [actor_named(result, "Hamas").id]
    assert current.presenter is not None and current.presenter.startswith("anonymous:EGY")
    assert earlier.earlier
    assert [(r.actor, r.response) for r in earlier.responses] == [("ISR", "rejected")]


def test_sponsor_presenter_recipient_and_responses_across_mentions(extract):
    text = ("Norway drafted a peace plan for the Sahel region. Its envoy handed the plan to "
            "the Malian government on Monday. The government said it would study the plan, "
            "while the rebel coalition rejected the proposal outright.")
    result = extract(text)
    assert len(result.proposals) == 1
    proposal = result.proposals[0]
    assert proposal.sponsor == "NOR"
    assert [m.text for m in proposal.mentions][1:] == ["the plan", "the plan", "the proposal"]
    responses = {r.response for r in proposal.responses}
    assert responses == {"under_study", "rejected"}
    for mention in proposal.mentions:
        assert text[mention.start:mention.end] == mention.text


def test_plan_named_by_its_backer(extract):
    result = extract("Armenia and Azerbaijan accepted the EU-backed border plan on Friday.")
    proposal = result.proposals[0]
    assert proposal.sponsor == actor_named(result, "European Union").id
    assert {r.actor for r in proposal.responses} == {"ARM", "AZE"}
    assert {r.response for r in proposal.responses} == {"accepted"}


def test_negated_acceptance_is_a_rejection_and_conditions_make_it_conditional(extract):
    result = extract("The junta did not accept the Kenyan proposal. The opposition said it "
                     "would accept the proposal provided that elections are held within a "
                     "year.")
    proposal = result.proposals[0]
    assert proposal.sponsor == "KEN"
    by_response = {r.response: r for r in proposal.responses}
    assert set(by_response) == {"rejected", "conditional"}
    assert by_response["conditional"].conditions == ["elections are held within a year"]


def test_response_to_a_proposal_on_an_issue_is_a_position(extract):
    result = extract("Qatar presented a truce proposal to the two sides. Hamas accepted the "
                     "proposal.")
    position = next(p for p in result.positions if p.actor == actor_named(result, "Hamas").id)
    assert (position.issue, position.stance) == ("ceasefire", "support")


def test_a_proposal_term_in_passing_is_not_a_proposal(extract):
    result = extract("The city council has a plan for new parks.")
    assert result.proposals == []


def test_urging_others_to_accept_is_not_accepting(extract):
    result = extract("Egypt presented a truce proposal. The United States urged both parties "
                     "to accept the proposal.")
    assert all(r.actor != "USA" for p in result.proposals for r in p.responses)
    # the parties were urged to accept: that is no answer of theirs
    assert all(r.response != "accepted" for p in result.proposals for r in p.responses)


def test_an_offered_truce_is_a_proposal_and_a_bare_answer_responds_to_it(extract):
    result = extract("Turkey proposed a three-day truce in Libya on Monday. The Libyan army "
                     "accepted the truce. The rebels said they would only agree if the army "
                     "left Tripoli.")
    proposal = result.proposals[0]
    assert proposal.sponsor == "TUR" and proposal.issue == "ceasefire"
    assert [m.text for m in proposal.mentions] == ["a three-day truce", "the truce"]
    assert [r.response for r in proposal.responses] == ["accepted", "conditional"]
    assert proposal.responses[1].conditions == ["the army left Tripoli"]


def test_an_offer_made_with_a_verb_is_answered_by_the_offer(extract):
    result = extract("Rwanda offered to send a peacekeeping force to the border. The "
                     "Congolese government rejected the offer.")
    proposal = result.proposals[0]
    assert proposal.sponsor == "RWA" and proposal.issue == "peacekeeping"
    assert [(r.actor, r.response) for r in proposal.responses] == [("COD-GOV", "rejected")]


def test_a_proposal_that_demands_speaks_for_its_sponsor(extract):
    result = extract("Ukraine presented its peace plan in Riyadh. The plan demands the "
                     "withdrawal of Russian troops.")
    position = next(p for p in result.positions if p.issue == "withdrawal")
    assert (position.actor, position.stance) == ("UKR", "demand")
