from conftest import actor_named, assert_offsets, declared_only, story
from wirecoder.extract.quotes import extract_quotes


def quoted(staged, text: str):
    """The quotes ``extract_quotes`` finds in a text and the context it ran on (whose actor
    register it may add to), offsets checked."""
    doc, context = staged(text, "quotes")
    quotes = extract_quotes(doc, context)
    assert_offsets(text, quotes, context.actors)
    return quotes, context


def quotes_of(staged, text: str):
    return quoted(staged, text)[0]


def test_direct_quote_with_speaker_cue_and_channel(staged):
    quotes, context = quoted(staged, story("kharkiv_shelling.txt"))
    quote = next(q for q in quotes if q.content.text.startswith("We will not trade"))
    assert quote.kind == "direct"
    assert quote.speaker == actor_named(context, "Volodymyr Zelensky").id
    assert quote.cue == "tell"
    assert quote.channel == "reporters"


def test_quotation_split_by_its_attribution_is_one_quote_in_parts(staged):
    quotes = quotes_of(staged, story("kharkiv_shelling.txt"))
    quote = next(q for q in quotes if q.content.text.startswith("We will not trade"))
    assert [p.text for p in quote.parts] == [
        "We will not trade our land for a pause in the war",
        "Every village will be returned."]
    assert quote.content.text.endswith("Every village will be returned.")


def test_follow_on_paragraph_quote_keeps_the_speaker(staged):
    text = ('"We are ready for talks," the envoy Jonas Berg told reporters on Monday.\n\n'
            '"But the guns must fall silent first, and the corridors must open."')
    quotes, context = quoted(staged, text)
    follow = next(q for q in quotes if q.content.text.startswith("But the guns"))
    assert follow.speaker == actor_named(context, "Jonas Berg").id
    assert follow.cue is None


def test_indirect_quote_told_a_channel_and_pronoun_speaker(staged):
    quotes, context = quoted(staged, story("kharkiv_shelling.txt"))
    peskov = actor_named(context, "Dmitry Peskov")
    told = next(q for q in quotes if q.content.text.startswith("Moscow was ready"))
    assert told.kind == "indirect" and told.speaker == peskov.id
    assert told.channel == "the state news agency TASS"
    added = next(q for q in quotes if "prolonging the conflict" in q.content.text)
    assert added.speaker == peskov.id  # "He added ..."
    assert added.cue == "add"


def test_mixed_quote_and_statement_channel(staged):
    text = ('Hamas leader Ismail Haniyeh said in a statement that the movement would deal '
            '"seriously and positively" with any agreement that ends the war.')
    quotes, context = quoted(staged, text)
    quote = quotes[0]
    assert quote.kind == "mixed"
    assert quote.content.text.startswith("the movement would deal")
    assert quote.channel == "a statement"
    assert quote.speaker == actor_named(context, "Ismail Haniyeh").id


def test_colon_introduced_quote(staged):
    text = 'The foreign minister of Lakeland wrote on Monday:\n\n"We will not be intimidated."'
    quote = next(q for q in quotes_of(staged, text) if q.kind == "direct")
    assert quote.content.text == "We will not be intimidated."
    assert quote.cue == "write"


def test_according_to_attribution(staged):
    quotes = quotes_of(staged, story("kharkiv_shelling.txt"))
    quote = next(q for q in quotes if q.cue == "according to")
    assert quote.content.text.startswith("Russia launched 40 drones")
    assert "air force" in quote.speaker_text


def test_anonymous_speaker_is_flagged(staged):
    quotes = quotes_of(staged, story("korea_missile.txt"))
    quote = next(q for q in quotes if "consulting closely" in q.content.text)
    assert quote.anonymous


def test_scare_quotes_alone_are_not_quotes(staged):
    quotes = quotes_of(staged, 'The so-called "peace caravan" reached the border on Monday.')
    assert quotes == []


def test_unbalanced_quotation_mark_does_not_break_extraction(staged):
    quotes = quotes_of(staged, '"We are ready to talk, the envoy said.\n\n'
                               'The talks resume on Monday.')
    assert all(q.content.end <= len('"We are ready to talk, the envoy said.') + 1
               for q in quotes if q.kind == "direct")


def test_parenthetical_attribution_reports_the_rest_of_the_sentence(staged):
    quote = quotes_of(staged, "The effects are difficult to predict, many economists say, "
                              "because there is little precedent.")[0]
    assert quote.kind == "indirect" and quote.cue == "say"
    assert [p.text for p in quote.parts] == ["The effects are difficult to predict",
                                             "because there is little precedent"]
    assert quote.speaker_text == "many economists"


def test_sentence_final_attribution(staged):
    quote = quotes_of(staged, "Talks will resume in Doha on Monday, the Qatari foreign "
                              "ministry said.")[0]
    assert quote.content.text == "Talks will resume in Doha on Monday"
    assert "ministry" in quote.speaker_text


def test_doubled_apostrophes_are_quotation_marks(staged):
    quote = quotes_of(staged, "''We will not give up an inch,'' the general said.")[0]
    assert quote.kind == "direct" and quote.content.text == "We will not give up an inch"


def test_accusation_reports_its_topic(staged):
    quote = quotes_of(staged, "The opposition accused the government of rigging the "
                              "election.")[0]
    assert quote.cue == "accuse" and quote.content.text == "rigging the election"


def test_according_to_covers_the_clause_before_it(staged):
    quotes = quotes_of(staged, "The UN condemned the airstrikes on Rafah, which killed at "
                               "least 20 civilians, according to the Gaza health ministry.")
    quote = next(q for q in quotes if q.cue == "according to")
    assert quote.content.text == "which killed at least 20 civilians"
    assert quote.speaker_text == "the Gaza health ministry"


def test_spoken_object_and_dated_parenthetical(staged):
    quotes = quotes_of(staged, "The spokeswoman explained the decision to close the crossing. "
                               "The border will reopen, a spokeswoman, Anna White, said on "
                               "Saturday, and trucks will be searched.")
    explained = next(q for q in quotes if q.cue == "explain")
    assert explained.content.text == "the decision to close the crossing"
    said = next(q for q in quotes if q.cue == "say")
    assert said.content.text == "The border will reopen"
    assert said.speaker == "person:anna-white"  # the apposed name, not an anonymous source


def test_addressee_is_not_what_was_said(staged):
    quotes = quotes_of(staged, "The envoy told reporters in Doha. He urged Iran.")
    assert not [q for q in quotes if q.content.text in {"reporters", "Iran"}]


def test_question_quote_finds_its_attribution_after_the_mark(staged):
    quotes, context = quoted(staged, '"Why are you still backing him?" Obama asked the '
                                     'senators. "It makes no sense."')
    quote = quotes[0]
    assert quote.cue == "ask" and quote.speaker == actor_named(context, "Barack Obama").id


def test_colon_introduces_a_quote_whose_verb_is_not_a_cue(staged):
    quotes, context = quoted(staged, 'Candidate Ana Ruiz boomed: "We will defeat them in '
                                     'November."')
    quote = quotes[0]
    assert quote.kind == "direct" and quote.cue == "boom"
    assert quote.content.text == "We will defeat them in November."
    assert quote.speaker == actor_named(context, "Ana Ruiz").id


def test_according_to_attributes_a_direct_quote(staged):
    quotes = quotes_of(staged, '"We are still winning hearts and minds every day," the '
                               'minister added, according to a transcript released by his '
                               'office.')
    assert quotes[0].cue in {"add", "according to"}
    text = '"We are still winning hearts and minds every day," according to the Interior Ministry.'
    quote = quotes_of(staged, text)[0]
    assert quote.cue == "according to" and quote.speaker_text == "the Interior Ministry"


def test_relative_pronoun_speaker_is_the_antecedent(staged):
    quotes, context = quoted(staged, "The talks were led by Oleh Marchenko, who said the "
                                     "corridor would open on Friday.")
    quote = quotes[0]
    assert quote.speaker_text == "who"
    assert quote.speaker == actor_named(context, "Oleh Marchenko").id


def test_quoted_words_are_never_the_speaker(staged):
    quotes = quotes_of(staged, '"Happy holidays to all our troops," the general wrote on '
                               'Friday.')
    assert quotes[0].speaker_text == "the general"


def test_the_quote_stage_reads_the_register_and_adds_an_unnamed_speaker_to_it(staged):
    text = '"The border stays closed," the Bolivian interior minister said.'
    doc, context = staged(text, extract_quotes)
    context = declared_only(context, "quotes")  # no times or places: it needs neither
    before = {a.id for a in context.actors.records()}
    assert before == {"BOL"}
    quotes = extract_quotes(doc, context)
    assert_offsets(text, quotes, context.actors)
    [quote] = quotes
    assert (quote.id, quote.kind, quote.cue) == ("q1", "direct", "say")
    assert quote.content.text == "The border stays closed"
    assert quote.speaker_text == "the Bolivian interior minister"
    # the speaker was named by no earlier stage: the quote stage adds it to the register
    assert quote.speaker not in before
    speaker = next(a for a in context.actors.records() if a.id == quote.speaker)
    assert speaker.kind == "person" and speaker.country == "BOL"


def test_a_cue_inside_another_cues_phrase_names_the_channel_not_the_speaker(staged):
    text = ('The army spokesman, Brigadier General Omar Haddad, said in statements reported '
            'by local media after the evening prayers: "Our forces will hold the line and '
            'the crossings will stay closed."')
    doc, context = staged(text, "quotes")
    (quote,) = extract_quotes(doc, context)
    assert quote.kind == "direct" and quote.cue == "say"
    assert quote.speaker == "person:omar-haddad"  # the spokesman, named in apposition
    assert "media" not in (quote.speaker_text or "")


def _speakers(quotes, context):
    names = {a.id: a.name for a in context.actors.records()}
    return [(names.get(q.speaker), q.content.text.split()[0]) for q in quotes]


def test_a_title_named_in_the_next_sentence_is_that_person(staged):
    text = ('Ankara, June 6 – Training will continue in Libya, a Turkish Defence Ministry '
            'spokesman said on Thursday.\n\nRear Admiral Selim Karaca said in a press '
            'conference: "Our presence in Libya is based on an invitation."\n\nThe spokesman '
            'added that 12,000 soldiers had been trained.')
    quotes, context = quoted(staged, text)
    assert {name for name, _ in _speakers(quotes, context)} == {"Selim Karaca"}


def test_it_speaking_right_after_a_body_continues_that_body(staged):
    text = ("The Turkish Ministry of Trade said on Thursday that exports to Israel had "
            "stopped. It stressed that the decision was taken in view of the tragedy in "
            "Palestine. It considered that Israel had violated international law.")
    quotes, context = quoted(staged, text)
    assert len(quotes) == 3
    assert len({q.speaker for q in quotes}) == 1 and quotes[0].speaker is not None


def test_a_statement_issued_by_a_body_is_the_bodys(staged):
    text = ('The Iraqi Ministry of Foreign Affairs summoned the Turkish envoy on Thursday. '
            '"Iraq rejects any military action on its territory," according to a statement '
            'issued by the ministry.')
    quotes, context = quoted(staged, text)
    quote = next(q for q in quotes if q.content.text.startswith("Iraq rejects"))
    assert quote.speaker == "IRQ" and quote.channel
