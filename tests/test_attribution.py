"""Attribution extraction on sentences written for these tests: every shape, stance and channel."""
from __future__ import annotations

import pytest

from claimledger.extract.attribution import find_attributions
from claimledger.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def extract(nlp, text):
    return find_attributions(nlp(text))


def one(nlp, text, phrase):
    """The attribution whose content holds ``phrase`` (the shortest, if nested)."""
    found = [a for a in extract(nlp, text) if phrase in a.content]
    assert found, f"no attribution holds {phrase!r}; got {[(a.source and a.source.text, a.content) for a in extract(nlp, text)]}"
    return min(found, key=lambda a: len(a.content))


# Shapes -------------------------------------------------------------------


def test_said_that(nlp):
    a = one(nlp, "The harbour authority said that three cargo ships had run aground near Valmora.", "three cargo ships")
    assert a.source.text == "The harbour authority"
    assert a.cue == "say"
    assert a.quote == "indirect"
    assert a.stance == "asserts"
    assert a.content.startswith("three cargo ships")


@pytest.mark.parametrize("sentence", [
    "The environment agency said on Friday it had opened an investigation into the fire.",
    "The environment agency said on Friday that it had opened an investigation into the fire.",
])
def test_a_time_right_after_the_cue_dates_the_saying_not_what_was_said(nlp, sentence):
    a = one(nlp, sentence, "opened an investigation")
    assert a.content == "it had opened an investigation into the fire"


def test_said_in_a_statement_that(nlp):
    a = one(nlp, "Korvel Chemicals said in a statement that 5 employees had been taken to hospital with minor burns.",
            "taken to hospital")
    assert (a.source.text, a.cue, a.content) == ("Korvel Chemicals", "say",
                                                 "5 employees had been taken to hospital with minor burns")


def test_inverted_said(nlp):
    a = one(nlp, "The dam will be closed for repairs until spring, the regional governor said.", "closed for repairs")
    assert "governor" in a.source.text
    assert a.cue == "say"


def test_inverted_said_the_parser_joins_to_the_clause_before_without_and(nlp):
    # the small model hangs "said" on "burned" as a second clause here (a name before the comma)
    text = "A wildfire has burned 12,000 hectares of forest near Kestrel Ridge, the state forestry service said on Monday."
    a = one(nlp, text, "12,000 hectares")
    assert (a.source.text, a.cue) == ("the state forestry service", "say")
    assert a.content == "A wildfire has burned 12,000 hectares of forest near Kestrel Ridge"


@pytest.mark.parametrize("text, source, via", [
    # the parser hangs the outlet on the town and "reported" on the clause: the phrase after the comma speaks
    ("Rebel fighters have seized the border town of Kassa, the Al-Nour television channel reported, citing local "
     "officials.", "local officials", ["Al-Nour television channel"]),
    ("Rebel fighters have seized the border town of Kassa, Al-Nour television reported on Monday.",
     "Al-Nour television", []),
])
def test_an_outlet_set_off_after_the_clause_it_reports_is_its_speaker_hyphen_and_all(nlp, text, source, via):
    a = one(nlp, text, "seized the border town")
    assert (a.source.text, a.cue, a.via, a.content) == (source, "report", via,
                                                       "Rebel fighters have seized the border town of Kassa")


def test_two_clauses_joined_by_and_are_no_inverted_frame(nlp):
    assert not [a for a in extract(nlp, "The storm flooded 300 homes near Port Ellis, and the mayor said on Monday.")
                if "flooded" in a.content]


def test_according_to(nlp):
    a = one(nlp, "According to the coast guard, at least forty people were rescued overnight.", "forty people")
    assert a.cue == "according to"
    assert "coast guard" in a.source.text
    assert "According" not in a.content


def test_told_outlet_records_channel(nlp):
    a = one(nlp, "Mayor Elena Varga told The Harbour Gazette that the bridge would reopen on Monday.", "bridge would reopen")
    assert a.source.name == "Elena Varga"
    assert a.cue == "tell"
    assert a.via == ["The Harbour Gazette"]


@pytest.mark.parametrize("text, channel", [
    ("The chief executive told the business daily Vestnik that the mill would cut 300 jobs.", "Vestnik"),
    ("Mr Halder told the weekly Der Anzeiger that he had never met the banker.", "Der Anzeiger"),
    ("The minister told the newspaper Tagblatt that the mill would cut 300 jobs.", "Tagblatt"),
    ("The mayor said in an interview with the newspaper Tagblatt that the mill would cut 300 jobs.", "Tagblatt"),
    ("The owner told the Italian daily Gazzetta del Porto that the mill would cut 300 jobs.", "Gazzetta del Porto"),
])
def test_an_outlet_named_after_a_word_of_its_kind_is_one_channel(nlp, text, channel):
    """ "the business daily Vestnik": the word before the name says it is an outlet, and the two are one listener."""
    a = one(nlp, text, "would cut 300 jobs" if "jobs" in text else "never met")
    assert a.via == [channel]


def test_a_semicolon_ends_what_was_said_and_the_clause_after_it_frames_its_own(nlp):
    found = extract(nlp, "Prosecutors say the hidden losses came to 2.3 billion pounds; the defence puts the figure "
                         "at 1.4 billion pounds, arguing that some loans were later repaid.")
    assert [(a.source.text, a.cue, a.content) for a in found] == [
        ("Prosecutors", "say", "the hidden losses came to 2.3 billion pounds"),
        ("the defence", "put", "at 1.4 billion pounds"),
        ("the defence", "argue", "some loans were later repaid")]


def test_a_semicolon_inside_a_quotation_does_not_cut_it(nlp):
    assert one(nlp, "\u201cWe will fight; we will win,\u201d the minister said.", "we will win").content \
        == "We will fight; we will win"


@pytest.mark.parametrize("text, channel", [
    ("The striker, quoted by Corriere della Sera, said he had never asked to leave.", "Corriere della Sera"),
    ("The coach said in an interview published on Sunday by Le Parisien that he was tired.", "Le Parisien"),
    ("The coach said in an interview given to Le Monde that he was tired.", "Le Monde"),
])
def test_an_outlet_that_ran_the_interview_or_quote_is_the_channel_whole(nlp, text, channel):
    a = one(nlp, text, "tired" if "tired" in text else "never asked")
    assert a.via == [channel]


def test_an_outlet_named_after_a_word_of_its_kind_is_an_outlet_as_a_source(nlp):
    a = one(nlp, "The banker fled to Dubai, the weekly Der Anzeiger reported.", "fled to Dubai")
    assert (a.source.name, a.source.kind) == ("Der Anzeiger", "media")
    # a piece that ran in the outlet is another phrase, left to the ledger whole
    a = one(nlp, "A story in the weekly Der Anzeiger said the banker had fled to Dubai.", "fled to Dubai")
    assert a.source.kind != "media" and "story" in a.source.name


def test_told_reporters_is_not_a_channel(nlp):
    a = one(nlp, "Colonel Ivo Marek told reporters that the convoy had crossed the river.", "convoy had crossed")
    assert a.via == []


def test_told_an_audience_is_not_a_channel(nlp):
    a = one(nlp, "The envoy told the Security Council that the ceasefire had collapsed.", "ceasefire had collapsed")
    assert a.via == []


def test_reported_citing(nlp):
    text = "Rebels have seized the northern airport, the Daily Courier reported on Tuesday, citing the broadcaster Radio Lumen."
    a = one(nlp, text, "seized the northern airport")
    assert "Radio Lumen" in a.source.text
    assert a.via == ["Daily Courier"]


def test_reported_citing_before_the_that_clause(nlp):
    # the parser hangs the that-clause on "citing": it is still what the outlet reported
    text = ("The Northern Courier reported on Wednesday, citing a plant engineer, that the valve had been flagged as "
            "corroded in a 2023 inspection.")
    a = one(nlp, text, "valve had been flagged as corroded")
    assert "plant engineer" in a.source.text
    assert a.via == ["Northern Courier"]


def test_source_that_spoke_to_outlet(nlp):
    text = "An official in the ministry who spoke to the Meridian news agency said that the talks had collapsed."
    a = one(nlp, text, "talks had collapsed")
    assert "official" in a.source.text
    assert any("Meridian" in v for v in a.via)


def test_outer_report_is_a_channel(nlp):
    text = "A senior aide told reporters that new sanctions were being drafted, the Capital Ledger reported."
    a = one(nlp, text, "new sanctions were being drafted")
    assert "aide" in a.source.text
    assert "Capital Ledger" in a.via


def test_quoted_as_saying(nlp):
    a = one(nlp, "“We will not retreat,” the general was quoted as saying.", "We will not retreat")
    assert a.cue == "say"
    assert "general" in a.source.text
    assert a.quote == "direct"


def test_a_quotation_after_a_second_verb_of_saying_is_that_verb_s(nlp):
    """The parser hangs the quotation on "denied"; it is what he told reporters, and he denied the reports."""
    found = extract(nlp, "Transport Minister Jonas Weber on Tuesday denied reports that he would resign, "
                         "telling reporters: “I am not going anywhere.”")
    by_cue = {a.cue: a for a in found}
    assert by_cue["deny"].content == "reports that he would resign" and by_cue["deny"].stance == "denies"
    assert "I am not going anywhere" in by_cue["tell"].content and by_cue["tell"].stance == "asserts"


def test_put_the_number_at(nlp):
    a = one(nlp, "The aid agency put the number of displaced people at 40,000.", "40,000")
    assert a.cue == "put"
    assert "aid agency" in a.source.text


@pytest.mark.parametrize("text, cue, value", [
    ("The coastguard revised the death toll down to 11, saying two bodies had been counted twice.", "revise", "to 11"),
    ("The insurer raised its estimate of the damage to 40 million euros.", "raise", "to 40 million euros"),
    ("Police lowered the number of people injured to 12.", "lower", "to 12"),
])
def test_a_tally_revised_to_a_value_is_the_subject_giving_it(nlp, text, cue, value):
    assert [(a.cue, a.content) for a in extract(nlp, text) if a.cue == cue] == [(cue, value)]


@pytest.mark.parametrize("text", ["The bank raised interest rates to 5 percent.", "The council cut taxes to 12 percent.",
                                  "The council reduced the number of bins."])
def test_raising_or_cutting_what_is_no_tally_says_nothing(nlp, text):
    assert not extract(nlp, text)


def test_putting_something_at_risk_is_no_estimate(nlp):
    """ "Put X at" states an estimate only when X is put at a value; "put lives at risk" says nothing."""
    found = extract(nlp, "“We will not tolerate landlords who put tenants at risk,” the housing minister said.")
    assert [a.cue for a in found] == ["say"]
    assert found[0].source.text == "the housing minister"
    assert not [a for a in extract(nlp, "Drivers who speed put children at risk near schools.") if a.cue == "put"]
    a = one(nlp, "Economists put the cost of the repairs at several billion euros.", "several billion")
    assert a.cue == "put"


def test_what_someone_was_not_authorized_to_discuss_was_not_said(nlp):
    found = extract(nlp, "Two officials, who spoke on condition of anonymity because they were not authorized to "
                         "discuss the inquiry, said the mayor had been questioned.")
    assert [(a.cue, a.content) for a in found] == [("say", "the mayor had been questioned")]
    assert not extract(nlp, "The coach was not allowed to discuss the transfer.")
    # negated "hesitate" or "fail" means it was said
    assert [a.content for a in extract(nlp, "She did not hesitate to say that the count was wrong.")
            if a.cue == "say"] == ["the count was wrong"]


def test_passive_denial(nlp):
    a = one(nlp, "The accusations have been denied by the Velorian government.", "accusations")
    assert a.cue == "deny"
    assert a.stance == "denies"
    assert "Velorian government" in a.source.text


def test_nominal_claims_by(nlp):
    text = "The statement follows claims by the opposition that ballots had been destroyed."
    a = one(nlp, text, "ballots had been destroyed")
    assert "opposition" in a.source.text


def test_inanimate_subject_is_not_a_source(nlp):
    assert not [a for a in extract(nlp, "Heavy rain in the hills could explain the rise.") if a.cue == "explain"]


def test_source_phrase_stops_before_relative_clause_and_date(nlp):
    text = "An engineer at the dam, who spoke on condition of anonymity, said two gates were opened."
    assert one(nlp, text, "two gates were opened").source.text == "An engineer at the dam"
    text = "The foreign ministry on Friday rejected reports that it had asked for help."
    assert one(nlp, text, "it had asked for help").source.text == "The foreign ministry"


def test_citing_is_a_channel_not_a_statement(nlp):
    text = "Investigators seized the logbook, the Valley Courier reported, citing a ministry official."
    found = extract(nlp, text)
    assert [a.cue for a in found] == ["report"]
    assert "ministry official" in found[0].source.text and found[0].via == ["Valley Courier"]


@pytest.mark.parametrize("text, speaker, said, outlet", [
    ("An inspection report from November 2025 said cracks in the spillway needed urgent attention, the Gazette "
     "reported.", "An inspection report", "cracks in the spillway needed urgent attention", "Gazette"),
    ("Union leaders said the strike would go ahead, Harbour Radio reported.", "Union leaders",
     "the strike would go ahead", "Harbour Radio"),
])
def test_a_closing_outlet_frame_reports_the_saying_before_it_whatever_the_parse_hangs_on_what(
        nlp, text, speaker, said, outlet):
    found = {a.source.text: a for a in extract(nlp, text)}
    assert (found[speaker].content, found[speaker].via) == (said, [outlet])
    # the outlet reports the saying, frame and all, up to its own comma
    (reporter,) = [a for key, a in found.items() if outlet in key]
    assert reporter.content == text[:text.rindex(",", 0, text.index(outlet))]


def test_a_that_clause_the_parser_hangs_on_the_listener_is_what_was_told(nlp):
    text = ("Labour MP Rachel Morgan criticised the answer. She told BBC Radio 4's Today programme that the Commons "
            "standards commissioner should investigate.")
    told = one(nlp, text, "should investigate")
    assert told.content == "the Commons standards commissioner should investigate"
    assert told.via == ["BBC Radio 4"]
    # "so many lies that …" tells a result, not what was told
    result = "Mook said that Trump tells so many lies that Clinton could risk deviating from her message."
    assert not [a for a in extract(nlp, result) if a.cue == "tell"]


@pytest.mark.parametrize("text, content", [
    ("Engineers warned Northvale Water about cracks in the dam more than a year ago.",
     "cracks in the dam more than a year ago"),
    ("Donald Trump has warned us about those Mexican rapists.", "those Mexican rapists"),
    ("The mayor told reporters about her plan to close the library.", "her plan to close the library"),
    ("Doctors warned of the risk of an outbreak on the mainland.", "the risk of an outbreak on the mainland"),
])
def test_what_a_listener_is_warned_or_told_about_is_the_content_not_the_listener(nlp, text, content):
    assert [a.content for a in extract(nlp, text)] == [content]


@pytest.mark.parametrize("text, content, source", [
    ("The Valley Courier reported that the mine would close, citing a ministry official.", "the mine would close",
     "ministry official"),
    ("The Valley Courier reported, citing two engineers, that the dam had cracked.", "the dam had cracked",
     "two engineers"),
])
def test_citing_set_off_in_the_reported_clause_is_the_reporters_channel(nlp, text, content, source):
    found = extract(nlp, text)
    assert [(a.content, a.source.name, a.via) for a in found] == [(content, source, ["Valley Courier"])]
    assert source in found[0].source.text


@pytest.mark.parametrize("text", [
    "Quoted by Harbour Radio, the mayor said the ferry is cancelled.",
    "The ferry is cancelled, the mayor was quoted as saying by Harbour Radio.",
])
def test_an_outlet_that_quoted_the_speaker_is_the_channel(nlp, text):
    a = one(nlp, text, "ferry is cancelled")
    assert "mayor" in a.source.text and a.via == ["Harbour Radio"]


def test_citing_a_reason_stays_in_what_was_said(nlp):
    a = one(nlp, "The minister said the company had raised prices, citing higher costs.", "raised prices")
    assert "higher costs" in a.content and a.via == [] and a.source.name == "The minister"


def test_in_a_statement(nlp):
    a = one(nlp, "In a statement, the port operator said it had suspended all shipments.", "suspended all shipments")
    assert "port operator" in a.source.text


def test_the_report_said(nlp):
    a = one(nlp, "The report said the outbreak began in early March.", "outbreak began")
    assert a.source.text == "The report"


def test_capital_as_actor(nlp):
    a = one(nlp, "Valmora denied sending warships to the strait.", "sending warships")
    assert a.source.text == "Valmora"
    assert a.stance == "denies"


def test_media_as_source(nlp):
    a = one(nlp, "The Northern Star reported that the factory had closed.", "factory had closed")
    assert a.source.kind == "media"


def test_generic_sources(nlp):
    text = "Analysts say the currency will fall further. A Western diplomat said the embargo was failing."
    assert "Analysts" in one(nlp, text, "currency will fall").source.text
    assert "Western diplomat" in one(nlp, text, "embargo was failing").source.text


# Quotations -----------------------------------------------------------------


def test_direct_quote_with_colon(nlp):
    a = one(nlp, "The minister said: “Nobody will be left behind.”", "Nobody will be left behind")
    assert a.quote == "direct"
    assert a.source.text == "The minister"


def test_single_quoted_speech_after_a_colon_is_one_quotation_over_its_sentences(nlp):
    """British style: speech in single quotes after "saying:"; an apostrophe inside does not close it,
    and single-quoted words without a colon before them stay scare quotes."""
    text = ("The bishop was quoted by local radio as saying: 'The bells will ring again next spring. "
            "The parish's appeal has raised enough.'")
    a = one(nlp, text, "The bells will ring again")
    assert a.quote == "direct"
    assert a.content.endswith("The parish's appeal has raised enough.")
    assert a.source.text == "The bishop"
    assert not [b for b in extract(nlp, "Critics called the 'peace plan' a stunt on Tuesday.") if b.quote == "direct"]


def test_mixed_quote(nlp):
    a = one(nlp, "The envoy said the deal was “dead in the water” after the vote.", "dead in the water")
    assert a.quote == "mixed"


def test_quote_over_two_sentences(nlp):
    text = "“The river is rising fast. We expect the levee to hold,” said engineer Tomas Reyes."
    a = one(nlp, text, "We expect the levee to hold")
    assert "The river is rising fast" in a.content
    assert a.source.name == "Tomas Reyes"


def test_quotation_interrupted_by_its_cue_is_one_statement(nlp):
    text = (
        "Prosecutor Dana Wells described the case. “The evidence is overwhelming,” Wells said.\n\n"
        "“We found the documents in the basement. Every one of them was signed.”"
    )
    a = one(nlp, text, "documents in the basement")
    assert "The evidence is overwhelming" in a.content
    assert a.source.name == "Dana Wells"
    assert a.quote == "direct"


def test_later_quotation_continues_the_last_speaker(nlp):
    text = (
        "Prosecutor Dana Wells described the case. “The evidence is overwhelming,” Wells said. "
        "The trial opens in May.\n\n“We found the documents in the basement. Every one of them was signed.”"
    )
    a = one(nlp, text, "documents in the basement")
    assert a.continuation
    assert a.source.name == "Dana Wells"
    assert "The evidence is overwhelming" not in a.content


def test_phrase_quoted_in_a_narrative_sentence_is_not_a_continuation(nlp):
    text = (
        "The governor demanded the release of the prisoners. "
        "The minister “condemned in the strongest terms” the arrests at the border."
    )
    assert not [a for a in extract(nlp, text) if a.continuation]


def test_idiom_is_not_a_statement(nlp):
    assert extract(nlp, "Only time will tell how the talks will end.") == []


def test_pronoun_resolves_to_person(nlp):
    text = "Foreign Minister Anja Holm met the ambassador on Monday. She said the border would stay open."
    a = one(nlp, text, "border would stay open")
    assert a.source.text == "She"
    assert a.source.name == "Anja Holm"


def test_pronoun_prefers_subject_over_object(nlp):
    text = "Senator Paul Okafor criticised Governor Lin Bao at the hearing. He added that the budget was unlawful."
    assert one(nlp, text, "budget was unlawful").source.name == "Paul Okafor"


def test_surname_resolves_to_full_name(nlp):
    text = "General Marta Kovac inspected the troops. Kovac said the drills would continue."
    a = one(nlp, text, "drills would continue")
    assert a.source.name == "Marta Kovac"


def test_participle_shares_subject(nlp):
    text = "The economist told the radio station that prices were rising, adding that wages were flat."
    a = one(nlp, text, "wages were flat")
    assert "economist" in a.source.text


# Stance ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, phrase, stance",
    [
        ("The ministry denied that any troops had crossed the border.", "troops had crossed", "denies"),
        ("The embassy rejected the report as fabricated.", "report", "denies"),
        ("The army called the reports “groundless rumors.”", "groundless rumors", "denies"),
        ("“This is fake news,” the spokesman said.", "fake news", "denies"),
        ("The Pentagon said it could not confirm the reports of casualties.", "reports of casualties", "cannot_confirm"),
        ("Officials couldn’t confirm or corroborate the accounts.", "accounts", "cannot_confirm"),
        ("The agency said it was unable to verify the footage.", "footage", "cannot_confirm"),
        ("The company declined to comment on the lawsuit.", "lawsuit", "no_comment"),
        ("The palace has not commented on the rumours.", "rumours", "no_comment"),
        ("The commander said the rebels may have withdrawn.", "rebels may have withdrawn", "speculates"),
        ("Analysts believe the central bank will cut rates.", "central bank will cut rates", "speculates"),
        ("The mayor said the storm is likely to hit the coast.", "storm is likely", "speculates"),
        ("Experts said they cannot rule out a second wave.", "second wave", "speculates"),
        ("Officials said more refugees are expected to arrive.", "refugees are expected", "speculates"),
        ("The minister said the bridge was destroyed on Friday.", "bridge was destroyed", "asserts"),
    ],
)
def test_stance(nlp, text, phrase, stance):
    assert one(nlp, text, phrase).stance == stance


def test_reported_would_is_not_a_hedge(nlp):
    a = one(nlp, "The general said the first brigade would arrive by March.", "first brigade would arrive")
    assert a.stance == "asserts"


def test_hedge_inside_relative_clause_is_not_the_statement(nlp):
    text = "The minister said the army has found ten depots, which could hold thousands of shells."
    assert one(nlp, text, "found ten depots").stance == "asserts"


def test_writer_distance_kept_apart(nlp):
    a = one(nlp, "The rebels allegedly shot down a drone, the governor said.", "shot down a drone")
    assert a.writer_distance == "allegedly"
    assert a.stance == "asserts"


def test_spans_point_into_the_text(nlp):
    text = "“We are ready,” the captain said. According to the log, the ship left at dawn."
    doc = nlp(text)
    for a in find_attributions(doc):
        if " … " not in a.content:  # a joined quotation is not one stretch of text
            assert text[a.content_start:a.content_end] == a.content
        assert text[a.start:a.end] == a.sentence
        assert a.start <= a.content_start < a.content_end <= a.end


# Channels -------------------------------------------------------------------


@pytest.mark.parametrize("text, phrase, speaker, via", [
    ("The ferry operator told Harbour Radio that the crossing would reopen on Monday.", "crossing would reopen",
     "The ferry operator", ["Harbour Radio"]),
    ("Two cranes collapsed overnight, the Valmora Gazette reported, citing the port captain.", "Two cranes",
     "the port captain", ["Valmora Gazette"]),
    ("According to the Valmora Gazette, the mayor said the bridge would close.", "bridge would close",
     "the mayor", ["Valmora Gazette"]),
    ("“The bridge will close,” the mayor said, according to the Valmora Gazette.", "bridge will close",
     "the mayor", ["Valmora Gazette"]),
    ("The mayor said in an interview with Coastline TV that the bridge would close.", "bridge would close",
     "The mayor", ["Coastline TV"]),
    ("Engineer Lena Ortiz, quoted by the Valmora Gazette, said the cables were worn.", "cables were worn",
     "Engineer Lena Ortiz", ["Valmora Gazette"]),
    ("The Valmora Gazette quotes a dock worker as saying: “The cranes shook all night.”", "cranes shook",
     "a dock worker", ["Valmora Gazette"]),
    ("A spokesperson for the port told Harbour Radio that the cranes were safe.", "cranes were safe",
     "A spokesperson for the port", ["Harbour Radio"]),
    ("The port’s lawyer denied the report to the Valmora Gazette.", "the report",
     "The port’s lawyer", ["Valmora Gazette"]),
    ("According to the Gazette’s source, the cranes had not been inspected for years.", "not been inspected",
     "the Gazette’s source", ["Gazette"]),
    ("The Valmora Gazette cited the harbour master as saying that the cranes were unsafe.",
     "cranes were unsafe", "the harbour master", ["Valmora Gazette"]),
    ("Some engineers have cautioned, per the Valmora Gazette, that the cranes were unsafe.", "cranes were unsafe",
     "Some engineers", ["Valmora Gazette"]),
    # "quoted X as" any verb of saying, the quotation before it
    ("“The cranes will be back by June,” the Valmora Gazette quoted the harbour master as telling dock workers.",
     "back by June", "the harbour master", ["Valmora Gazette"]),
    ("The harbour master was quoted by the Valmora Gazette as writing that the cranes were unsafe.",
     "cranes were unsafe", "The harbour master", ["Valmora Gazette"]),
])
def test_channels(nlp, text, phrase, speaker, via):
    a = one(nlp, text, phrase)
    assert a.source.text == speaker
    assert a.via == via


@pytest.mark.xfail(strict=True, reason="the cue model refitted with the 'SPEAKER:' frame gives the nested 'told … that' "
                   "0.441 against its threshold 0.45 (0.445 against 0.44 before): a borderline call of the learned model")
def test_channel_chain_of_two(nlp):
    text = ("The harbour master told Harbour Radio that the pier was unsafe, the Valmora Gazette reported.")
    a = one(nlp, text, "pier was unsafe")
    assert a.source.text == "The harbour master"
    assert a.via == ["Harbour Radio", "Valmora Gazette"]


def test_according_to_around_a_saying_is_no_statement_of_its_own(nlp):
    found = extract(nlp, "According to the Valmora Gazette, the mayor said the bridge would close.")
    assert [a.cue for a in found] == ["say"]


def test_the_short_name_of_an_outlet_named_before(nlp):
    text = ("The Valmora Evening Times first reported the closure. "
            "The mayor told the Times that the bridge was unsafe.")
    assert one(nlp, text, "bridge was unsafe").via == ["Valmora Evening Times"]


# Non-answers, denials and hedges ----------------------------------------------


@pytest.mark.parametrize("text, phrase, stance", [
    ("The port authority declined to comment on the collapse.", "collapse", "no_comment"),
    ("The crane maker did not respond to a request for comment.", "request for comment", "no_comment"),
    ("A spokeswoman for the ministry had no immediate comment.", "comment", "no_comment"),
    ("The governor did not say whether the bridge would reopen.", "bridge would reopen", "no_comment"),
    ("“I am not going to speculate,” the harbour master said.", "speculate", "no_comment"),
    ("The claim could not be independently verified, the agency said.", "independently verified", "cannot_confirm"),
    ("The inspector said it was too early to know whether the cables had failed.", "cables had failed",
     "cannot_confirm"),
    ("The coroner said it was unclear how the fire started.", "fire started", "cannot_confirm"),
    ("The manager said he did not recall any warning about the cables.", "warning", "cannot_confirm"),
    ("The ministry said no such finding was made by the inspectors.", "finding was made", "denies"),
    ("The mayor said it is not true that the bridge was closed for good.", "bridge was closed", "denies"),
    ("The union said the story about the strike was rubbish.", "strike was rubbish", "denies"),
    ("Officials said the fire was believed to have started in the kitchen.", "fire was believed", "speculates"),
    ("The readings suggest the dam moved in the night, engineers said.", "dam moved", "speculates"),
    ("The engineer said that if the rain continues, the levee will fail.", "levee will fail", "speculates"),
])
def test_stances_of_non_answers_denials_and_hedges(nlp, text, phrase, stance):
    assert one(nlp, text, phrase).stance == stance


def test_even_if_concedes_rather_than_hedges(nlp):
    a = one(nlp, "The captain said that even if the storm passes, the port stays closed.", "port stays closed")
    assert a.stance == "asserts"


def test_writer_distance_is_not_the_source_stance(nlp):
    a = one(nlp, "The mayor allegedly told aides that the bridge was sound.", "bridge was sound")
    assert a.writer_distance == "allegedly"
    assert a.stance == "asserts"


# Speakers ---------------------------------------------------------------------


def test_pronoun_agrees_in_gender(nlp):
    text = ("Maria Lopez met the harbour master, Tom Reyes, on Friday. "
            "She said the pier would close in May.")
    assert one(nlp, text, "pier would close").source.name == "Maria Lopez"


def test_pronoun_skips_a_person_of_the_other_gender(nlp):
    text = ("Mrs. Clark spoke to the inspector, Mr. Dunn. Dunn was silent. "
            "She said the cranes had been checked.")
    assert one(nlp, text, "cranes had been checked").source.name == "Clark"


def test_pronoun_outside_a_quotation_skips_names_inside_it(nlp):
    text = ("Inspector Paul Novak examined the crane. “Anna Berg warned us twice,” Novak said. "
            "He said the bolts were rusted.")
    assert one(nlp, text, "bolts were rusted").source.name == "Paul Novak"


def test_quotation_named_after_it_goes_to_its_speaker(nlp):
    text = ("Tom Reyes runs the ferry. “We lost two boats in the storm,” said Anna Berg, who owns the yard.")
    assert one(nlp, text, "two boats").source.name == "Anna Berg"


def test_unresolved_pronoun_stays_a_pronoun(nlp):
    a = one(nlp, "The committee met on Monday. She said the vote was delayed.", "vote was delayed")
    assert a.source.name == "She"


def test_continuation_goes_to_the_narrative_speaker(nlp):
    text = ("“He said the yard would close,” Anna Berg told Harbour Radio. "
            "“That sounds final to everyone who works here.”")
    a = one(nlp, text, "sounds final")
    assert a.source.name == "Anna Berg"
    assert a.via == ["Harbour Radio"]


def test_an_outlet_s_source_is_heard_through_it_but_a_body_s_spokesman_speaks_for_it(nlp):
    held = one(nlp, "The Harbour Gazette's source said the ferry company would close two routes.", "close two routes")
    assert held.via == ["Harbour Gazette"]
    for text in ("The Port Authority's deputy spokesman said the ferry would resume service in May.",
                 "Baltchem's spokeswoman said the valves had been replaced.",
                 "The Kremlin's spokesman said the talks had stalled."):
        assert extract(nlp, text)[0].via == [], text


def test_content_the_parse_ends_at_an_opening_quotation_mark_takes_the_quotation(nlp):
    text = ("Turns out, the entire tale is “rubbish,” said Marr’s publicist to the Herald, backing up what Lind had "
            "said to the publication in September - a Hollow Pines reunion was “[not] very likely.”")
    lind = one(nlp, text, "reunion was")
    assert lind.content.startswith("a Hollow Pines reunion was") and "[not] very likely" in lind.content
    assert lind.stance == "speculates"  # the parse hangs "likely" outside the content: still its hedge
    # a quotation that starts a new sentence after the content is not taken in
    a = one(nlp, "The mayor said the bridge was safe. “We checked every bolt,” an engineer added.", "bridge was safe")
    assert a.content == "the bridge was safe"


def test_told_the_newspaper_is_the_outlet_named_before(nlp):
    text = "The Harbour Gazette published the letter on Monday. The mayor told the newspaper that the bridge would reopen."
    assert one(nlp, text, "bridge would reopen").via == ["Gazette"]
    # with no outlet named before, "the newspaper" is no channel to name
    assert one(nlp, "The mayor told the newspaper that the bridge would reopen.", "bridge would reopen").via == []


def test_calling_a_claim_rubbish_is_denying_it_in_either_voice(nlp):
    passive = one(nlp, "A rumour that the mayor had resigned has been called \"rubbish\" by her publicist.", "mayor had resigned")
    assert passive.stance == "denies" and passive.source.text == "her publicist"
    assert one(nlp, "The reports were called groundless by the ministry.", "The reports").stance == "denies"
    active = one(nlp, "The Kremlin called the allegations absurd.", "allegations")
    assert active.stance == "denies"
    # a predicate complement that is no word of denial is an opinion, not a denial
    assert one(nlp, "Critics called the plan a disaster.", "plan").stance == "asserts"


def test_a_frame_said_twice_is_one_statement_but_a_report_of_another_s_words_is_two(nlp):
    text = ("“It’s a fair deal,” said Ada Lind, an economist at the Harbour Institute, said. “Both sides gain "
            "something from it and neither loses face.”")
    found = extract(nlp, text)
    assert len([a for a in found if "fair deal" in a.content]) == 1
    assert all("said" not in a.content for a in found)
    nested = extract(nlp, "The mayor said the minister said the bridge was safe.")
    assert sorted(a.source.name for a in nested) == ["The mayor", "minister"]
    own = extract(nlp, "The spokesman said he was taken by surprise because he did not recall the pope saying that.")
    assert any(a.content.startswith("he was taken by surprise") for a in own)


def test_a_relative_pronoun_is_the_mention_of_the_speaker_it_relates_to(nlp):
    a = one(nlp, "The ferry strike was a setback for Anna Berg, who said the yard would hire twenty welders.", "twenty welders")
    assert (a.source.text, a.source.name) == ("who", "Anna Berg")
    text = "The ferry strike was a setback for Anna Berg, who said the yard would hire twenty welders."
    assert text[a.source.start:a.source.end] == "who"
    text = "The strike was called off by the Harbour Workers Union, which announced that its members would return on Monday."
    b = one(nlp, text, "return on Monday")
    assert b.source.text == "which" and b.source.name == "Harbour Workers Union"
    # a description keeps its own words: an unnamed source has no other name
    text = "The strike was called off by the dockers, who announced that they would return on Monday."
    assert one(nlp, text, "return on Monday").source.text == "the dockers"
    assert one(nlp, "Some analysts who said the port would close were wrong.", "port would close").source.text == "Some analysts"


def test_a_statement_joined_to_a_verb_of_saying_has_its_speaker(nlp):
    text = ("The local edition of the Harbour Gazette ran an article quoting the mayor as saying “We will rebuild the "
            "pier” and contending that the mayor was quoting the governor.")
    a = one(nlp, text, "was quoting the governor")
    assert "Harbour Gazette" in a.source.text and a.cue == "contend"


def test_a_subject_with_a_name_in_apposition_can_speak(nlp):
    a = one(nlp, "Her deputy, Tom Reyes, suggested that the harbour fees would rise in the spring.", "harbour fees")
    assert a.source.name == "Tom Reyes"


def test_a_verb_of_saying_in_the_cue_s_form_is_joined_to_the_cue_not_to_the_clause(nlp):
    text = ("Marta Olsen said on Monday that she will try to form a cabinet by June and insisted that her party "
            "was still the strongest force.")
    expressed = one(nlp, "The ambassador has said she wants to open a consulate and has expressed support for "
                         "wider trade.", "wider trade")
    assert expressed.source.text == "The ambassador"
    insisted = one(nlp, text, "strongest force")
    assert insisted.source.text == "Marta Olsen" and insisted.cue == "insist"
    said = one(nlp, text, "form a cabinet")
    assert "strongest force" not in said.content
    # a verb in the form of the one it is joined to keeps that verb's subject
    joined = one(nlp, "The mayor said the company grew quickly and announced record profits.", "record profits")
    assert joined.source.name == "company"


def test_a_verb_that_is_no_verb_of_saying_takes_its_own_object_before_a_quotation_of_another_verb(nlp):
    text = "The senator also attacked the harbour master, calling him a “coward.”"
    assert one(nlp, text, "harbour master").cue == "attack"
    assert one(nlp, text, "coward").cue == "call"
    # a verb of saying still takes the quotation its sentence holds
    a = one(nlp, "The senator told reporters at the pier “We will rebuild every berth.”", "rebuild every berth")
    assert a.cue == "tell"


def test_a_common_noun_can_speak_when_its_cue_is_accepted(nlp):
    a = one(nlp, "A local pediatrician reported unusually high lead levels in the children's blood.", "lead levels")
    assert a.source.text == "A local pediatrician"


def test_a_name_with_a_bare_apostrophe_owns_the_nominal_cue_after_it(nlp):
    a = one(nlp, "Fishermen welcomed Minister Wallis’ promise that the harbour would reopen.", "harbour would reopen")
    assert a.source.name == "Wallis" and a.cue == "promise"


def test_a_participle_of_saying_after_the_reported_clause_is_the_speaker_s(nlp):
    text = "Olsen said last week that Berg represents “harbour values,” stating during the debate that they are too expensive."
    a = one(nlp, text, "too expensive")
    assert a.source.name == "Olsen" and a.cue == "state"
    assert "stating" not in one(nlp, text, "harbour values").content
    # with a subject of its own the participle's clause is no adjunct of the speaker's
    b = one(nlp, "The minister said the army had withdrawn, adding that no soldier was hurt.", "no soldier was hurt")
    assert b.source.text == "The minister"


def test_the_object_of_a_verb_of_causing_speaks_its_infinitive(nlp):
    a = one(nlp, "The abrupt resignation led some to speculate that the budget had been cut.", "budget had been cut")
    assert a.source.text == "some"
    # a verb whose subject keeps the infinitive: the subject speaks
    b = one(nlp, "The mayor promised the dockers to announce that the pier would reopen.", "pier would reopen")
    assert b.source.text != "the dockers"


@pytest.mark.parametrize("text, phrase, speaker", [
    ("The harbour deal closed a day before Mr. Varga was finally allowed to speak about the ferry company.",
     "the ferry company", "Mr. Varga"),
    ('Asked by Ostrova to respond to the criticism, Berglund said, "The ferry will run on Monday."', "ferry will run",
     "Berglund"),
])
def test_the_subject_of_a_passive_speaks_its_infinitive_not_the_agent(nlp, text, phrase, speaker):
    # passive control: the one allowed or asked to speak does, never the one who allows or asks
    found = [a for a in extract(nlp, text) if phrase in a.content]
    assert found and {a.source.text for a in found} == {speaker}


def test_a_verb_joined_to_a_passive_shares_its_subject_not_its_agent(nlp):
    a = one(nlp, "Harbour officials were angered by the ruling and predicted it would delay the ferry.", "delay the ferry")
    assert a.source.text == "Harbour officials"


@pytest.mark.parametrize("text, phrase, speaker", [
    ("The interview ended with Lena Frusk asking the council whether the bridge would reopen.", "bridge would reopen",
     "Lena Frusk"),
    ("The session closed with the harbour master warning that the dam could fail.", "dam could fail",
     "the harbour master"),
])
def test_the_noun_of_a_with_clause_speaks_its_participle_not_the_sentence_subject(nlp, text, phrase, speaker):
    assert one(nlp, text, phrase).source.text == speaker


def test_a_participle_after_a_with_phrase_set_off_by_a_comma_keeps_the_sentence_subject(nlp):
    a = one(nlp, "Frusk left the hall with a smile, saying the vote had been fair.", "vote had been fair")
    assert a.source.text == "Frusk"


def test_a_ground_cited_by_the_speaker_is_not_a_source_in_their_place(nlp):
    text = ('"It is hard to poll in winter," said Marta Velez, who chairs the statistics department at Valmora '
            'University, citing another reason.')
    a = one(nlp, text, "hard to poll")
    assert (a.source.name, a.via) == ("Marta Velez", [])


def test_a_speaker_citing_data_argues_from_it_and_an_outlet_citing_a_source_relays_it(nlp):
    a = one(nlp, "Salceda, citing data from the Valmora statistics office, said that 4,000 people had left the town.",
            "4,000 people")
    assert a.source.text == "Salceda"
    b = one(nlp, "Two cranes collapsed overnight, the Valmora Gazette reported, citing the port captain.", "Two cranes")
    assert (b.source.text, b.via) == ("the port captain", ["Valmora Gazette"])
    # An outlet relays whoever it cites, named by any noun ("operator" names no class of sources).
    c = one(nlp, "About 900 people have left the island, the Associated Press reported, citing the ferry operator.",
            "About 900 people")
    assert (c.source.text, c.via) == ("the ferry operator", ["Associated Press"])


def test_a_second_verb_of_saying_in_the_base_form_joins_the_first_not_the_reported_clause(nlp):
    found = extract(nlp, "Some engineers fear that the dam has already cracked and warn that the town must be evacuated.")
    assert [(a.source.text, a.content) for a in found] == [
        ("Some engineers", "the dam has already cracked"), ("Some engineers", "the town must be evacuated")]


@pytest.mark.parametrize("text", [
    "The harbour council rejected the developer's offer on Tuesday.",
    "The striker rejected a two-year contract extension.",
    "The ministry denied the reporters access to the camp.",
    "The court denied bail to the two fishermen.",
    "The federation disavowed the coach after the match.",
    "The ferry company's bid was rejected by the port board.",
])
def test_a_denial_verb_that_refuses_a_thing_states_nothing(nlp, text):
    assert not [a for a in extract(nlp, text) if a.stance == "denies"], text


@pytest.mark.parametrize("text, phrase", [
    ("The harbour master rejected the claims about the collapse.", "claims"),
    ("The port authority dismissed the reports as rumours.", "reports"),
    ("The fishermen's union disputed the figures.", "figures"),
    ("Asked about the leak, the mayor denied it.", "it"),
    ("The shipping company denied any wrongdoing.", "wrongdoing"),
    ("The minister rejected the notion that the bridge was unsafe.", "bridge was unsafe"),
    ("The captain denied steering the ferry onto the rocks.", "steering the ferry"),
])
def test_a_denial_verb_whose_object_is_something_said_denies_it(nlp, text, phrase):
    assert one(nlp, text, phrase).stance == "denies"


@pytest.mark.parametrize("text, phrase, speaker", [
    ("The mayor called the story nonsense.", "story", "The mayor"),
    ("The ministry has dismissed as “baseless” reports that the dam had cracked.", "dam had cracked", "The ministry"),
    ("The striker described as rubbish claims that he had asked for a transfer.", "asked for a transfer", "The striker"),
])
def test_a_word_of_denial_said_of_a_report_denies_it_in_any_order(nlp, text, phrase, speaker):
    a = one(nlp, text, phrase)
    assert (a.source.text, a.stance) == (speaker, "denies")


def test_a_report_called_rubbish_before_it_is_named_is_still_the_newspaper_s_report(nlp):
    found = extract(nlp, "The singer has described as “rubbish” a Harbour Gazette report that he turned down a tour.")
    assert ("The singer", "denies") in [(a.source.text, a.stance) for a in found if "turned down a tour" in a.content]
    gazette = one(nlp, "The singer has described as “rubbish” a Harbour Gazette report that he turned down a tour.",
                  "turned down a tour")
    assert gazette.source.name == "Harbour Gazette" and gazette.stance == "asserts"


def test_a_quotation_opening_a_narrated_sentence_continues_the_quoted_speaker(nlp):
    text = ("The coach spoke after the final. “We gave everything we had tonight,” the coach said. “We wanted more "
            "time to recover from the trip,” then left the room without taking questions. “Next season starts now.”")
    found = [(a.source.text, a.content, a.continuation) for a in extract(nlp, text)]
    # the quoted words are the coach's; the narration after them is the writer's
    assert ("the coach", "We wanted more time to recover from the trip", True) in found
    assert not [c for _, c, _ in found if "left the room" in c]
    assert any(c.startswith("Next season") for _, c, _ in found)


@pytest.mark.parametrize("text", [
    # a subject of its own after the quotation: someone else speaks, with a verb the lexicon does not know
    "“We gave everything we had tonight,” the coach said. “We will be back stronger next year,” a tearful captain sobbed.",
    # another paragraph
    ("“We gave everything we had tonight,” the coach said.\n\n“We wanted more time to recover,” then left the room "
     "without taking any questions from the press."),
    # a speaker reported, not quoted
    ("The coach said the team had run out of energy. “We wanted more time to recover,” then left the room without "
     "taking any questions from the press."),
])
def test_a_quotation_opening_a_narrated_sentence_continues_no_one_else(nlp, text):
    assert not [a for a in extract(nlp, text) if "stronger" in a.content or "recover" in a.content], text


def test_the_occasion_of_a_denial_is_not_what_it_denies_nor_its_channel(nlp):
    # the parser hangs "in an interview" on the object: it is when the rumour was denied, not part of it
    assert one(nlp, "The mayor personally debunked that rumour in an interview last spring.", "rumour").content == "rumour"
    # "on Sunday" is the day of the interview, not an outlet it was given to
    assert one(nlp, "The captain flatly denied the report in an interview on Sunday.", "report").via == []
    # a definite place may be where the claims were made, and stays
    assert "article" in one(nlp, "The ferry company disputed the claims in the article.", "claims").content


def test_a_that_opening_a_quotation_is_the_speakers_word(nlp):
    """Only the complementizer of "said that …" is dropped; a quotation's own first "That" stays."""
    a = one(nlp, "“That is not a hairline crack,” the inspector said.", "hairline crack")
    assert a.content == "That is not a hairline crack"
    a = one(nlp, "The inspector said that the crack was new.", "crack was new")
    assert a.content == "the crack was new"


def test_blame_of_someone_for_something_is_its_own_content_not_a_quotation_nearby(nlp):
    text = "The ad ends with footage of Ruiz saying, “That makes me rich,” when Vega blasted him for not paying tax."
    blame = [a for a in extract(nlp, text) if a.cue == "blast"]
    assert [(a.source.name, a.content) for a in blame] == [("Vega", "him for not paying tax")]


@pytest.mark.parametrize("text, content", [
    ('The actor\'s agent insisted the couple were "still together" and slammed the reports as "total rubbish."',
     'the reports as "total rubbish."'),
    ("The club branded the transfer stories as lies.", "the transfer stories as lies"),
    ('The utility denied that the dam was leaking, calling the claim "reckless speculation."',
     'the claim "reckless speculation."'),
])
def test_a_statement_said_to_be_false_is_a_denial(nlp, text, content):
    a = one(nlp, text, content)
    assert (a.content, a.stance) == (content, "denies")


def test_a_plan_said_to_be_absurd_is_no_denial_of_a_claim(nlp):
    assert all(a.stance != "denies" for a in extract(nlp, "The mayor slammed the bypass plan as absurd."))


@pytest.mark.parametrize("text, source, cue", [
    ("Local media reported that the goalkeeper had agreed terms with a Dutch club, a claim his agent denied.",
     "his agent", "deny"),
    ('Local media reported that the goalkeeper had agreed terms with a Dutch club, a claim his agent described as '
     '"pure fantasy."', "his agent", "describe"),
])
def test_a_claim_denied_in_a_relative_clause_after_it_is_the_clause_before(nlp, text, source, cue):
    """ "…, a claim his agent denied": the agent denies what was reported, and the report ends at the comma."""
    got = [(a.source.text, a.cue, a.stance, a.content, a.via) for a in extract(nlp, text) if a.cue in ("report", cue)]
    said = "the goalkeeper had agreed terms with a Dutch club"
    assert got == [("Local media", "report", "asserts", said, []), (source, cue, "denies", said, [])]


def test_a_speaker_phrase_holds_no_quotation_the_parser_hangs_inside_it(nlp):
    """ "“…,” lead author X said": the parser takes "lead" for a verb whose clause is the quotation."""
    a = one(nlp, '"The effect is small," lead author Dr Mira Olsen said.', "effect is small")
    assert (a.source.name, a.source.text, a.content) == ("Mira Olsen", "lead author Dr Mira Olsen", "The effect is small")


def test_a_subject_split_in_two_by_the_parser_is_one_phrase(nlp):
    a = one(nlp, "Night-shift workers slept less, the study published in the journal Somnia said.", "slept less")
    assert a.source.kind == "document" and a.source.text == "the study published in the journal Somnia"


@pytest.mark.parametrize("text", [
    "Speaking to Harbour Radio on Tuesday, chief executive Mara Lind said the plant would stay open.",
    "The mayor, speaking to the newspaper Tagblatt, said the plant would stay open.",
])
def test_speaking_to_an_outlet_beside_the_cue_is_its_channel(nlp, text):
    a = one(nlp, text, "plant would stay open")
    assert a.via == ["Harbour Radio" if "Harbour" in text else "Tagblatt"]


def test_speaking_to_reporters_or_at_a_rally_is_no_channel(nlp):
    for text in ("Talking to reporters, the mayor said the plant would stay open.",
                 "Speaking at a rally, the mayor said the plant would stay open."):
        assert one(nlp, text, "plant would stay open").via == []


@pytest.mark.parametrize("text, content", [
    ("The health ministry urged older people to stay indoors until evening.", "older people to stay indoors until evening"),
    ("Police warned swimmers not to enter the lake.", "swimmers not to enter the lake"),
])
def test_what_the_object_is_urged_to_do_is_part_of_what_is_said(nlp, text, content):
    a = one(nlp, text, content.split()[0])
    assert a.content == content


def test_a_named_speaker_set_off_by_a_comma_the_parser_hangs_in_the_clause_before(nlp):
    text = ("The Kestrel Bridge will reopen to traffic by Easter, Mayor Joan Whitfield said on Thursday, "
            "despite warnings from engineers.")
    a = one(nlp, text, "Kestrel Bridge will reopen")
    assert (a.source.name, a.cue, a.content) == ("Joan Whitfield", "say", "The Kestrel Bridge will reopen to traffic by Easter")


@pytest.mark.parametrize("text, source, name, cue, content", [
    # the parser joins "said" to the clause with no subject and hangs the speaker on its last noun, a chain of
    # appositions ("Kestrel Health, its director, Paul Indra")
    ("The regional data protection office has opened a formal inquiry into the cyberattack on Kestrel Health, its "
     "director, Paul Indra, said on Friday.", "its director, Paul Indra", "Paul Indra", "say",
     "The regional data protection office has opened a formal inquiry into the cyberattack on Kestrel Health"),
    ("Police have arrested two men in connection with the fire at the Orchard Mill, a spokeswoman, Jane Holt, said "
     "on Saturday.", "a spokeswoman, Jane Holt", "Jane Holt", "say",
     "Police have arrested two men in connection with the fire at the Orchard Mill"),
    ("The mine will stay closed until the inspection of the Halvard shaft, the owner, Brightstone Mining, said on "
     "Monday.", "the owner, Brightstone Mining", "Brightstone Mining", "say",
     "The mine will stay closed until the inspection of the Halvard shaft"),
    ("The team has signed the striker from Norbridge United, its manager, Carl Voss, told reporters after the match.",
     "its manager, Carl Voss", "Carl Voss", "tell", "The team has signed the striker from Norbridge United"),
    # hung on the clause as an adverbial one; the speaker's relative clause is no part of it
    ("The office has opened an inquiry into the breach at Kestrel Health, the company, which runs three clinics, "
     "said on Friday.", "the company", None, "say",
     "The office has opened an inquiry into the breach at Kestrel Health"),
    # the parser makes the clause what "said" reports, and the chain (with no name) an apposition inside it
    ("The committee has rejected the bid by Arlen Group, its chairman, a former judge, said on Thursday.",
     "its chairman, a former judge", None, "say", "The committee has rejected the bid by Arlen Group"),
])
def test_a_speaker_in_apposition_set_off_by_commas_before_the_verb_of_saying(nlp, text, source, name, cue, content):
    a = one(nlp, text, content)
    assert (a.source.text, a.cue, a.content) == (source, cue, content)
    if name is not None:
        assert a.source.name == name


@pytest.mark.parametrize("text, absent", [
    ("The office opened an inquiry into the breach at the Orchard Mill, a site of Brightstone Mining, in March.",
     "The office opened"),
    ("The mayor praised the work of Anna Kell, the harbour director, and thanked the crew.", "the crew"),
])
def test_an_apposition_before_a_verb_that_is_not_set_off_as_a_frame_speaks_no_words(nlp, text, absent):
    # no verb of saying after the chain, or one joined by "and": the clause keeps its own subject
    assert not any(a.source and a.source.text != "The mayor" and absent in a.content for a in extract(nlp, text))


def test_a_verb_of_saying_joined_by_and_after_an_apposition_shares_the_clause_subject(nlp):
    text = ("The council approved the budget for the harbour, the river and the park, and said it would publish "
            "the details.")
    assert one(nlp, text, "publish the details").source.text == "The council"


def test_according_to_closing_a_reported_clause_is_the_reports_channel_not_its_content(nlp):
    text = ("Engineers at the county council have said privately that the corrosion is worse than first thought, "
            "according to three officials who spoke on condition of anonymity.")
    got = [(a.source.text, a.cue, a.content, a.via) for a in extract(nlp, text)]
    assert got == [("Engineers at the county council", "say", "the corrosion is worse than first thought",
                    ["three officials"])]


def test_according_to_with_the_sentence_taken_for_a_relative_clause_on_the_name(nlp):
    """The small model parses this one with "According" as the root and the clause as a relative one on the name."""
    a = one(nlp, "According to the weekly Der Spiegel, the banker fled to Dubai.", "fled to Dubai")
    assert (a.source.name, a.source.kind, a.cue, a.content.rstrip(".")) == (
        "Der Spiegel", "media", "according to", "the banker fled to Dubai")


def test_a_quotation_mark_closing_one_the_content_opens_stays(nlp):
    a = one(nlp, 'The agent insisted the couple were "still together" and nothing more.', "still together")
    assert a.content == 'the couple were "still together" and nothing more'
    a = one(nlp, 'The agent called the claim “reckless speculation.”', "reckless")
    assert a.content == "the claim “reckless speculation.”"


@pytest.mark.parametrize("text, speaker", [
    ('As the crowd began to chant, the comedian Lena Hart was joined on stage by the mayor and joked, '
     '"You are all being ridiculous," drawing loud jeers.', "the comedian Lena Hart"),
    ('"Nobody at the port wants this," the union leader wrote last week after the Harbour Gazette published a story.',
     "the union leader"),
])
def test_a_cue_in_an_adverbial_clause_leaves_a_quotation_outside_it(nlp, text, speaker):
    # the quotation is the words of the clause that takes it, not of a verb in an "as …" or "after …" clause
    found = [a for a in extract(nlp, text) if a.quote == "direct"]
    assert found and {a.source.text for a in found} == {speaker}



_TWO_CLAUSES = ("In the days before Holm's scheduled appearance at {place}, a group of rabbis called for a boycott of his "
                "speech, and the prominent Jewish civil rights organization the Fair Speech League strongly denounced "
                "Holm's rhetoric and said it would \"redirect\" all of his past donations to the league.")


@pytest.mark.parametrize("place", [
    "AIPAC",  # the parser hangs "called" on "group" and joins "organization" to it: one subject of "denounced"
    "the summit",  # the parser joins "said" to "called", past "denounced" and its own subject
])
def test_a_verb_of_the_second_of_two_joined_clauses_has_that_clauses_subject(nlp, place):
    found = {a.cue: a for a in extract(nlp, _TWO_CLAUSES.format(place=place))}
    assert found["say"].source.text == "the prominent Jewish civil rights organization the Fair Speech League"
    assert found["denounce"].source.text == found["say"].source.text


def test_a_verb_of_citing_with_its_own_subject_is_no_source_of_the_cue(nlp):
    text = ("Several councillors had mentioned the ferry company as a possible buyer, but the audit on Monday cited a "
            "2019 memo by the harbour treasurer as pointing toward the port authority.")
    assert one(nlp, text, "possible buyer").source.text == "Several councillors"


@pytest.mark.parametrize("text, speaker, content", [
    ("The new ferry, said Mayor Anna Holt, would reach the island in the spring.", "Mayor Anna Holt",
     "would reach the island"),
    ("And the harbour master, said Berglund, who worked for him for years, never forgets a debt.", "Berglund",
     "never forgets a debt"),
])
def test_a_verb_of_saying_set_off_inside_the_clause_it_reports(nlp, text, speaker, content):
    # "X, said Y, would …": Y, after the verb, speaks; X is the subject of what was said
    a = next(a for a in extract(nlp, text) if a.cue == "say")
    assert a.source.text == speaker
    assert a.content.startswith(content)


@pytest.mark.parametrize("text, speaker", [
    ("The dockers' union criticized the mayor for saying that the pier would close in May.", "the mayor"),
    ("The council accused Lena Holt of claiming that the pier was unsafe.", "Lena Holt"),
    ("Lena Holt was criticized by the union for claiming that the pier was unsafe.", "Lena Holt"),
])
def test_the_one_blamed_for_saying_is_the_speaker(nlp, text, speaker):
    # "criticized X for saying …": X said it; the one who criticizes reports nothing of their own in the adjunct
    assert one(nlp, text, "pier").source.text == speaker


def test_an_object_that_is_no_one_leaves_the_saying_to_the_subject(nlp):
    a = one(nlp, "The mayor won praise for saying that the pier would stay open.", "stay open")
    assert a.source.text == "The mayor"


def test_a_participle_of_saying_joined_to_the_speakers_adjunct_is_the_speakers(nlp):
    text = ("If she wins the vote, Holt has indicated she would try to close the pier, vowing to \"open up\" the "
            "harbour accounts, and suggesting she would require every ferry captain to sign the new safety rules.")
    assert one(nlp, text, "require every ferry captain").source.text == "Holt"


@pytest.mark.parametrize("text, content", [
    ('And although the harbour mayor lamented the delays - "does the ferry have to keep missing its evening run?" - '
     "passengers on the pier who watched the crew said they were patient with the ferry company.",
     "they were patient with the ferry company"),
    ('And while the council leader mocked the plan - "will the new bridge ever carry a single bus?" - engineers in '
     "Valmora who drew the plans said the bridge would open in the spring.",
     "the bridge would open in the spring"),
])
def test_a_quotation_before_the_speaker_is_no_part_of_a_clause_reported_after_the_cue(nlp, text, content):
    said = [a for a in extract(nlp, text) if a.cue == "say"]
    assert [a.content for a in said] == [content]


@pytest.mark.parametrize("text, speaker, cue", [
    ("The council said the new bridge would open to traffic in May.\n\n\"The harbour office is telling everyone that "
     "the buses will be able to cross the new bridge in the spring,\" Okafor started.", "Okafor", "start"),
    ("The council said the new bridge would open to traffic in May.\n\nThe footnote goes further: \"The bridge will "
     "carry no lorries, no coaches and no heavy goods vehicles of any kind before the summer timetable begins.\"",
     "The footnote", "go"),
    ("The council said the new bridge would open to traffic in May.\n\nShe went further: \"The bridge will carry no "
     "lorries, no coaches and no heavy goods vehicles of any kind before the summer timetable begins.\"",
     "The council", "say"),
])
def test_a_quotation_whose_sentence_names_another_subject_is_that_subjects(nlp, text, speaker, cue):
    a = one(nlp, text, "The bridge will carry" if "bridge will carry" in text else "The harbour office")
    assert (a.source.text, a.cue) == (speaker, cue)


@pytest.mark.parametrize("text, content", [
    ('"There is a lot of water under the bridge," Mayor Okafor said, "and it is very hard to imagine the two towns '
     'can do anything but paper over their differences."',
     "There is a lot of water under the bridge … and it is very hard to imagine the two towns can do anything but "
     "paper over their differences."),
    ('"Let me tell you the facts," Okafor said after a brief "I am sorry" to the mayor.', "Let me tell you the facts"),
])
def test_the_speakers_own_frame_inside_a_quotation_is_no_part_of_it(nlp, text, content):
    said = [a for a in extract(nlp, text) if a.cue == "say"]
    assert [a.content for a in said] == [content]
    assert said[0].quote == "direct"


def test_an_agencys_name_the_parser_takes_for_the_subject_after_according_to_is_the_channel(nlp):
    text = ("According to the state news agency VNA, Morland's president, Ivo Kasa, told his cabinet that the claims "
            "were an attempt to justify new sanctions.")
    said = [a for a in extract(nlp, text) if a.cue == "tell"]
    assert [(a.source.name, a.via) for a in said] == [("Ivo Kasa", ["VNA"])]


@pytest.mark.parametrize("text, content, via", [
    ("Carla Diaz told the Corvel Courier she saw sparks from a power line.",
     "she saw sparks from a power line", ["Corvel Courier"]),
    ("The minister told reporters he would not resign.", "he would not resign", []),
])
def test_what_was_told_without_that_is_the_clause_after_the_listener_not_the_listener(nlp, text, content, via):
    said = [a for a in extract(nlp, text) if a.cue == "tell"]
    assert [(a.content, a.via) for a in said] == [(content, via)]


def test_a_speaker_phrase_run_back_into_the_quotation_starts_after_it(nlp):
    from claimledger.extract.attribution import _after_closed_quotation
    from claimledger.extract.quotes import find_quotes

    text = "“I hold in the highest esteem Mayor Ada Brenner,” Okafor said."
    doc = nlp(text)
    mayor = next(t.i for t in doc if t.text == "Mayor")
    okafor = next(t.i for t in doc if t.text == "Okafor")
    assert _after_closed_quotation(doc[mayor:okafor + 1], find_quotes(text)).text == "Okafor"
    # a quotation that opens inside the phrase (a title) is part of it
    text = "Tomas Reyes, author of “The Harbour Years,” a history of the port, said the quay would close."
    doc = nlp(text)
    port = next(t.i for t in doc if t.text == "port")
    assert _after_closed_quotation(doc[0:port + 1], find_quotes(text)).text == doc[0:port + 1].text


@pytest.mark.parametrize("text, content", [
    ("The mayor endorsed the re-election of Councillor Ada Brenner on Friday.", "the re-election"),
    ("Okafor relished counter-punching at his rivals on the harbour board.", "counter-punching"),
])
def test_a_content_does_not_end_inside_a_hyphened_word(nlp, text, content):
    a = [a for a in extract(nlp, text) if a.cue in ("endorse", "relish")]
    assert a and a[0].content.startswith(content)


def test_a_quotation_right_before_its_cue_stays_its_content_before_an_adjunct_clause(nlp):
    text = "“Her legend will live on,” Okafor said, as a few young rowers worked out inside the boathouse."
    said = [a for a in extract(nlp, text) if a.cue == "say"]
    assert [(a.source.text, a.content) for a in said] == [("Okafor", "Her legend will live on")]
