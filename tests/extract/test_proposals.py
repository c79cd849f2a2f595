from conftest import actor_named, assert_offsets, declared_only, story
from wirecoder.extract.proposals import find_proposals


def proposed(staged, text: str):
    """The proposals ``find_proposals`` finds in a text and the context it ran on (whose actor
    register it may add to), offsets checked."""
    doc, context = staged(text, "proposals")
    proposals = find_proposals(doc, context)
    assert_offsets(text, proposals, context.actors)
    return proposals, context


def proposals_of(staged, text: str):
    return proposed(staged, text)[0]


def test_demo_story_has_the_new_proposal_and_the_earlier_one(staged):
    text = story("../../src/wirecoder/samples/ceasefire_talks.txt")
    proposals, context = proposed(staged, text)
    current, earlier = proposals
    assert current.issue == "ceasefire" and not current.earlier
    assert len(current.mentions) == 2  # headline and lead are one proposal
    assert current.recipients == [actor_named(context, "Hamas").id]
    assert current.presenter is not None and current.presenter.startswith("anonymous:EGY")
    assert earlier.earlier
    assert [(r.actor, r.response) for r in earlier.responses] == [("ISR", "rejected")]


def test_sponsor_presenter_recipient_and_responses_across_mentions(staged):
    text = ("Norway drafted a peace plan for the Sahel region. Its envoy handed the plan to "
            "the Malian government on Monday. The government said it would study the plan, "
            "while the rebel coalition rejected the proposal outright.")
    proposals = proposals_of(staged, text)
    assert len(proposals) == 1
    proposal = proposals[0]
    assert proposal.sponsor == "NOR"
    assert [m.text for m in proposal.mentions][1:] == ["the plan", "the plan", "the proposal"]
    responses = {r.response for r in proposal.responses}
    assert responses == {"under_study", "rejected"}
    for mention in proposal.mentions:
        assert text[mention.start:mention.end] == mention.text


def test_plan_named_by_its_backer(staged):
    proposals, context = proposed(staged, "Armenia and Azerbaijan accepted the EU-backed border "
                                          "plan on Friday.")
    proposal = proposals[0]
    assert proposal.sponsor == actor_named(context, "European Union").id
    assert {r.actor for r in proposal.responses} == {"ARM", "AZE"}
    assert {r.response for r in proposal.responses} == {"accepted"}


def test_negated_acceptance_is_a_rejection_and_conditions_make_it_conditional(staged):
    proposals = proposals_of(staged, "The junta did not accept the Kenyan proposal. The "
                                     "opposition said it would accept the proposal provided "
                                     "that elections are held within a year.")
    proposal = proposals[0]
    assert proposal.sponsor == "KEN"
    by_response = {r.response: r for r in proposal.responses}
    assert set(by_response) == {"rejected", "conditional"}
    assert by_response["conditional"].conditions == ["elections are held within a year"]


def test_a_proposal_term_in_passing_is_not_a_proposal(staged):
    proposals = proposals_of(staged, "The city council has a plan for new parks.")
    assert proposals == []


def test_urging_others_to_accept_is_not_accepting(staged):
    proposals = proposals_of(staged, "Egypt presented a truce proposal. The United States urged "
                                     "both parties to accept the proposal.")
    assert all(r.actor != "USA" for p in proposals for r in p.responses)
    # the parties were urged to accept: that is no answer of theirs
    assert all(r.response != "accepted" for p in proposals for r in p.responses)


def test_an_offered_truce_is_a_proposal_and_a_bare_answer_responds_to_it(staged):
    proposals = proposals_of(staged, "Turkey proposed a three-day truce in Libya on Monday. The "
                                     "Libyan army accepted the truce. The rebels said they "
                                     "would only agree if the army left Tripoli.")
    proposal = proposals[0]
    assert proposal.sponsor == "TUR" and proposal.issue == "ceasefire"
    assert [m.text for m in proposal.mentions] == ["a three-day truce", "the truce"]
    assert [r.response for r in proposal.responses] == ["accepted", "conditional"]
    assert proposal.responses[1].conditions == ["the army left Tripoli"]


def test_an_offer_made_with_a_verb_is_answered_by_the_offer(staged):
    proposals = proposals_of(staged, "Rwanda offered to send a peacekeeping force to the "
                                     "border. The Congolese government rejected the offer.")
    proposal = proposals[0]
    assert proposal.sponsor == "RWA" and proposal.issue == "peacekeeping"
    assert [(r.actor, r.response) for r in proposal.responses] == [("COD", "rejected")]


def test_the_proposal_stage_answers_with_the_speaker_of_the_quote_it_is_handed(staged):
    text = ('Ghana proposed a truce along the border on Monday. "We reject this proposal," the '
            'Togolese foreign minister said.')
    doc, context = staged(text, find_proposals)
    context = declared_only(context, "proposals")  # no times, places or events
    said = next(q for q in context.quotes if q.content.text == "We reject this proposal")
    proposals = find_proposals(doc, context)
    assert_offsets(text, proposals)
    [truce] = proposals
    assert (truce.id, truce.sponsor, truce.issue) == ("p1", "GHA", "ceasefire")
    assert [m.text for m in truce.mentions] == ["a truce", "this proposal"]
    # "we" inside the quote is its speaker, and the answer points at that quote
    assert [(r.actor, r.response, r.quote) for r in truce.responses] == [
        (said.speaker, "rejected", said.id)]
    assert actor_named(context, "Togolese foreign minister").id == said.speaker
