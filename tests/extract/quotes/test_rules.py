from conftest import actor_named, story


def test_direct_quote_with_speaker_cue_and_channel(extract):
    result = extract(story("kharkiv_shelling.txt"))
    quote = next(q for q in result.quotes if q.content.text.startswith("We will not trade"))
    assert quote.kind == "direct"
    assert quote.speaker == actor_named(result, "Volodymyr Zelensky").id
    assert quote.cue == "tell"
    assert quote.channel == "reporters"


def test_quotation_split_by_its_attribution_is_one_quote_in_parts(extract):
    result = extract(story("kharkiv_shelling.txt"))
    quote = next(q for q in result.quotes if q.content.text.startswith("We will not trade"))
    assert [p.text for p in quote.parts] == [
        "We will not trade our land for a pause in the war",
        "Every village will be returned."]
    assert quote.content.text.endswith("Every village will be returned.")


def test_follow_on_paragraph_quote_keeps_the_speaker(extract):
    text = ('"We are ready for talks," the envoy Jonas Berg told reporters on Monday.\n\n'
            '"But the guns must fall silent first, and the corridors must open."')
    result = extract(text)
    follow = next(q for q in result.quotes if q.content.text.startswith("But the guns"))
    assert follow.speaker == actor_named(result, "Jonas Berg").id
    assert follow.cue is None


def test_indirect_quote_told_a_channel_and_pronoun_speaker(extract):
    result = extract(story("kharkiv_shelling.txt"))
    peskov = actor_named(result, "Dmitry Peskov")
    told = next(q for q in result.quotes if q.content.text.startswith("Moscow was ready"))
    assert told.kind == "indirect" and told.speaker == peskov.id
    assert told.channel == "the state news agency TASS"
    added = next(q for q in result.quotes if "prolonging the conflict" in q.content.text)
    assert added.speaker == peskov.id  # "He added ..."
    assert added.cue == "add"


def test_mixed_quote_and_statement_channel(extract):
    text = ('Hamas leader Ismail Haniyeh said in a statement that the movement would deal '
            '"seriously and positively" with any agreement that ends the war.')
    result = extract(text)
    quote = result.quotes[0]
    assert quote.kind == "mixed"
    assert quote.content.text.startswith("the movement would deal")
    assert quote.channel == "a statement"
    assert quote.speaker == actor_named(result, "Ismail Haniyeh").id


def test_colon_introduced_quote(extract):
    text = 'The foreign minister of Lakeland wrote on Monday:\n\n"We will not be intimidated."'
    result = extract(text)
    quote = next(q for q in result.quotes if q.kind == "direct")
    assert quote.content.text == "We will not be intimidated."
    assert quote.cue == "write"


def test_according_to_attribution(extract):
    result = extract(story("kharkiv_shelling.txt"))
    quote = next(q for q in result.quotes if q.cue == "according to")
    assert quote.content.text.startswith("Russia launched 40 drones")
    assert "air force" in quote.speaker_text


def test_anonymous_speaker_is_flagged(extract):
    result = extract(story("korea_missile.txt"))
    quote = next(q for q in result.quotes if "consulting closely" in q.content.text)
    assert quote.anonymous


def test_scare_quotes_alone_are_not_quotes(extract):
    result = extract('The so-called "peace caravan" reached the border on Monday.')
    assert result.quotes == []


def test_unbalanced_quotation_mark_does_not_break_extraction(extract):
    result = extract('"We are ready to talk, the envoy said.\n\nThe talks resume on Monday.')
    assert all(q.content.end <= len('"We are ready to talk, the envoy said.') + 1
               for q in result.quotes if q.kind == "direct")


def test_parenthetical_attribution_reports_the_rest_of_the_sentence(extract):
    result = extract("The effects are difficult to predict, many economists say, because there "
                     "is little precedent.")
    quote = result.quotes[0]
    assert quote.kind == "indirect" and quote.cue == "say"
    assert [p.text for p in quote.parts] == ["The effects are difficult to predict",
                                             "because there is little precedent"]
    assert quote.speaker_text == "many economists"


def test_sentence_final_attribution(extract):
    result = extract("Talks will resume in Doha on Monday, the Qatari foreign ministry said.")
    quote = result.quotes[0]
    assert quote.content.text == "Talks will resume in Doha on Monday"
    assert "ministry" in quote.speaker_text


def test_doubled_apostrophes_are_quotation_marks(extract):
    result = extract("''We will not give up an inch,'' the general said.")
    quote = result.quotes[0]
    assert quote.kind == "direct" and quote.content.text == "We will not give up an inch"


def test_accusation_reports_its_topic(extract):
    result = extract("The opposition accused the government of rigging the election.")
    quote = result.quotes[0]
    assert quote.cue == "accuse" and quote.content.text == "rigging the election"


def test_according_to_covers_the_clause_before_it(extract):
    result = extract("The UN condemned the airstrikes on Rafah, which killed at least 20 "
                     "civilians, according to the Gaza health ministry.")
    quote = next(q for q in result.quotes if q.cue == "according to")
    assert quote.content.text == "which killed at least 20 civilians"
    assert quote.speaker_text == "the Gaza health ministry"


def test_spoken_object_and_dated_parenthetical(extract):
    result = extract("The spokeswoman explained the decision to close the crossing. "
                     "The border will reopen, a spokeswoman, Anna White, said on Saturday, "
                     "and trucks will be searched.")
    explained = next(q for q in result.quotes if q.cue == "explain")
    assert explained.content.text == "the decision to close the crossing"
    said = next(q for q in result.quotes if q.cue == "say")
    assert said.content.text == "The border will reopen"
    assert said.speaker == "person:anna-white"  # the apposed name, not an anonymous source


def test_addressee_is_not_what_was_said(extract):
    result = extract("The envoy told reporters in Doha. He urged Iran.")
    assert not [q for q in result.quotes if q.content.text in {"reporters", "Iran"}]


def test_question_quote_finds_its_attribution_after_the_mark(extract):
    result = extract('"Why are you still backing him?" Obama asked the senators. '
                     '"It makes no sense."')
    quote = result.quotes[0]
    assert quote.cue == "ask" and quote.speaker == actor_named(result, "Barack Obama").id


def test_colon_introduces_a_quote_whose_verb_is_not_a_cue(extract):
    result = extract('Candidate Ana Ruiz boomed: "We will defeat them in November."')
    quote = result.quotes[0]
    assert quote.kind == "direct" and quote.cue == "boom"
    assert quote.content.text == "We will defeat them in November."
    assert quote.speaker == actor_named(result, "Ana Ruiz").id


def test_according_to_attributes_a_direct_quote(extract):
    result = extract('"We are still winning hearts and minds every day," the minister '
                     'added, according to a transcript released by his office.')
    assert result.quotes[0].cue in {"add", "according to"}
    text = '"We are still winning hearts and minds every day," according to the Interior Ministry.'
    quote = extract(text).quotes[0]
    assert quote.cue == "according to" and quote.speaker_text == "the Interior Ministry"


def test_relative_pronoun_speaker_is_the_antecedent(extract):
    result = extract("The talks were led by Oleh Marchenko, who said the corridor would open "
                     "on Friday.")
    quote = result.quotes[0]
    assert quote.speaker_text == "who"
    assert quote.speaker == actor_named(result, "Oleh Marchenko").id


def test_quoted_words_are_never_the_speaker(extract):
    result = extract('"Happy holidays to all our troops," the general wrote on Friday.')
    assert result.quotes[0].speaker_text == "the general"
