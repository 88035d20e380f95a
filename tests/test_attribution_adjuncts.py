"""Who does what an infinitive of purpose or a participle of saying says, where the parser hangs it on the wrong
clause (sentences written for these tests)."""
from __future__ import annotations

import pytest

from claimledger.extract.attribution import find_attributions
from claimledger.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def by_cue(nlp, text):
    return {a.cue: a for a in find_attributions(nlp(text))}


@pytest.mark.parametrize("sentence, cue, speaker", [
    ("The senator used her final speech to call for an inquiry into the contracts.", "call", "The senator"),
    ("The chairman used the annual meeting to announce that the plant would close.", "announce", "The chairman"),
])
def test_infinitive_of_purpose_after_use_is_the_subjects(nlp, sentence, cue, speaker):
    assert by_cue(nlp, sentence)[cue].source.text == speaker


def test_object_control_is_kept(nlp):
    found = by_cue(nlp, "The new figures led some economists to predict that rates would fall in spring.")
    assert found["predict"].source.text == "some economists"


@pytest.mark.parametrize("sentence, cue, speaker", [
    ("Okafor had a strong night that could help him in the northern districts, forcefully denouncing the tax plan "
     "after his rival said it was fair.", "denounce", "Okafor"),
    ("The governor gave a speech that could shape the race in the south, sharply criticizing the budget after the "
     "mayor defended it.", "criticize", "The governor"),
])
def test_participle_after_a_clause_on_a_noun_that_cannot_speak(nlp, sentence, cue, speaker):
    assert by_cue(nlp, sentence)[cue].source.text == speaker


@pytest.mark.parametrize("sentence, speaker, said", [
    ("Mayor Lena Ortiz rejected the suggestion that the stadium deal would burden taxpayers, saying the club "
     "would pay for the roads.", "Mayor Lena Ortiz", "the suggestion that the stadium deal would burden taxpayers"),
    ("The minister dismissed reports that the hospital would close, saying the funding was secure.",
     "The minister", "reports that the hospital would close"),
])
def test_participle_after_a_clause_a_noun_holds(nlp, sentence, speaker, said):
    found = by_cue(nlp, sentence)
    assert found["say"].source.text == speaker
    assert [a.content for a in found.values() if a.cue != "say"] == [said]


def test_participle_hung_on_its_own_quotation(nlp):
    found = by_cue(nlp, "The mayor appeared relaxed at the opening, telling the crowd, “Some people said this "
                        "bridge would never be built.”")
    assert found["tell"].source.text == "The mayor"


@pytest.mark.parametrize("sentence, cue, name", [
    ("Teachers are eager to re-elect Gov. Ada Brennan this year, who endorsed smaller classes after a long strike.",
     "endorse", "Ada Brennan"),
    ("Residents hope to re-elect Councillor Tom Reyes this autumn, who backed the new library after years of delays.",
     "back", "Tom Reyes"),
])
def test_who_after_a_time_is_the_name_before_it(nlp, sentence, cue, name):
    found = by_cue(nlp, sentence)[cue]
    assert found.source.text == "who"
    assert name in found.source.name


def test_participle_after_an_inverted_verb_of_saying_is_its_speakers(nlp):
    found = by_cue(nlp, "Grayson said the plan could not work, the aide recalled, adding that Grayson had already "
                        "made up his mind.")
    assert found["add"].source.text == "the aide"
    assert found["say"].content == "the plan could not work, the aide recalled"


def test_participle_after_a_pronoun_of_the_speaker_stays_the_speakers(nlp):
    found = by_cue(nlp, "The senator said she was thinking about the vote, adding that she would decide on Monday.")
    assert found["add"].source.text == "The senator"


def test_participle_after_a_reported_clause_stays_the_reporters(nlp):
    found = by_cue(nlp, "Mark Oduya, the mayor's chief of staff, said that the mayor was not contradicting his pledge "
                        "on taxes by accepting the grant, noting that most of the money would go to the schools.")
    assert found["note"].source.text == "Mark Oduya, the mayor's chief of staff"


def test_verb_of_saying_joined_to_a_clause_of_it_is_the_persons(nlp):
    found = by_cue(nlp, "Speaking to reporters outside the town hall on Tuesday, Ines Calder, 52, said it was too "
                        "early to count the votes but added, \"I think we all know who has won.\"")
    assert found["add"].source.text.startswith("Ines Calder")
    assert found["say"].content == "it was too early to count the votes"


def test_while_adding_after_a_clause_of_it_is_the_speakers(nlp):
    found = by_cue(nlp, "In a radio interview last spring, Dale insisted it was too early to back the stadium plan "
                        "while adding on the question of costs, “I have no doubt that the club will pay its share.”")
    assert found["add"].source.text == "Dale"


def test_while_adding_after_the_speakers_own_pronoun(nlp):
    found = by_cue(nlp, "The minister said she had not read the report while adding that she would study it over "
                        "the weekend.")
    assert found["add"].source.text == "The minister"
    assert found["say"].content == "she had not read the report"


def test_before_a_participle_after_another_persons_clause_stays_theirs(nlp):
    found = by_cue(nlp, "Police said the man had fled the scene before calling a neighbour.")
    assert "call" not in found


@pytest.mark.parametrize("sentence, speaker", [
    ("The chief executive of the company that runs the ferry, Pavel Novak, said the vessel had been inspected.",
     "Pavel Novak"),
    ("The head of the largest union representing the dock workers, Maria Ekholm, praised the agreement on Friday.",
     "Maria Ekholm"),
])
def test_name_after_a_clause_on_the_description_speaks(nlp, sentence, speaker):
    found = find_attributions(nlp(sentence))
    assert [a.source.text for a in found] == [speaker]


def test_name_after_a_clause_on_a_name_is_not_the_speaker(nlp):
    found = by_cue(nlp, "Peter Lund, who runs a bakery near the old harbour in the port town, Visby, said the ferry "
                        "had not come.")
    assert found["say"].source.text == "Peter Lund"


def test_verb_joined_after_a_clause_ending_in_and_shares_its_subject(nlp):
    found = by_cue(nlp, "On Monday, Father Liam Doyle stood at the altar in Galway, Ireland, and, citing Matthew 5:9 "
                        "(''blessed are the peacemakers''), endorsed Senator Ann Kerr of Ohio, urging his parish to "
                        "vote for her.")
    assert found["endorse"].source.text == "Father Liam Doyle"
    assert found["endorse"].content == "Senator Ann Kerr of Ohio"
    assert found["urge"].source.text == "Father Liam Doyle"


def test_quoted_orders_joined_by_and_keep_the_inverted_speaker(nlp):
    found = by_cue(nlp, "Sit down, be quiet and listen to your teacher for once, Maria scolded.")
    assert all(a.source.text == "Maria" for a in found.values())


def test_a_speaker_the_parser_hangs_on_the_last_noun_of_what_was_said_speaks(nlp):
    # the parser makes "a spokeswoman" an apposition of "Paul Bennett" and leaves "said" with no subject
    found = by_cue(nlp, "The contract was signed off by junior minister Paul Bennett, a spokeswoman for the "
                        "National Audit Office said on Tuesday.")["say"]
    assert found.source.text == "a spokeswoman for the National Audit Office"
    assert found.content == "The contract was signed off by junior minister Paul Bennett"


@pytest.mark.parametrize("sentence", [
    "The study found the supplement cut the risk by 14%, not 40% as several newspapers reported.",
    "The club will pay a fee of £38 million, not £40 million as first reported.",
])
def test_an_as_clause_after_a_value_set_aside_frames_nothing(nlp, sentence):
    found = find_attributions(nlp(sentence))
    assert "report" not in {a.cue for a in found}
    assert all(not a.via for a in found)


def test_an_as_clause_without_a_value_set_aside_still_frames_the_clause(nlp):
    found = by_cue(nlp, "The supplement cut the risk by 40%, as several newspapers reported.")["report"]
    assert (found.source.text, found.content) == ("several newspapers", "The supplement cut the risk by 40%")


def test_a_contrast_after_a_frame_inside_the_sentence_is_the_writers_not_what_was_said(nlp):
    found = by_cue(nlp, "The strike will end on Monday, the union said, while the company's losses from the "
                        "week-long stoppage are now estimated at more than 20 million kroner.")["say"]
    assert found.content == "The strike will end on Monday"


def test_the_clause_with_the_verb_before_a_frame_is_what_was_said_not_a_longer_tail(nlp):
    found = by_cue(nlp, "About 2,000 farmers blocked the motorway near Arnel on Monday, the Farmers' Federation said, "
                        "halting lorry traffic to the border for most of the afternoon and leaving queues of more than "
                        "ten kilometres.")["say"]
    assert found.content == "About 2,000 farmers blocked the motorway near Arnel on Monday"


@pytest.mark.parametrize("sentence, content", [
    ("The plan, the minister said, will cost taxpayers millions.", "The plan will cost taxpayers millions"),
    ("The strike, union leaders said on Tuesday, could last until Christmas.",
     "The strike could last until Christmas"),
])
def test_a_frame_between_a_subject_and_its_verb_splits_what_was_said_in_two(nlp, sentence, content):
    assert by_cue(nlp, sentence)["say"].content.rstrip(".") == content


def test_a_quoted_subject_before_the_frame_and_the_rest_after_it_are_one_statement(nlp):
    found = by_cue(nlp, "“Only the mayor,” she said, would open a bridge that has not passed its inspection.")["say"]
    assert found.content.rstrip(".") == "Only the mayor would open a bridge that has not passed its inspection"
    assert found.quote == "mixed"


def test_a_contrast_after_a_frame_that_opens_the_sentence_is_what_was_said(nlp):
    found = by_cue(nlp, "But according to leaked documents, while the company praised its suppliers in public, "
                        "in private it often threatened to drop them.")["according to"]
    assert found.content.startswith("while the company praised its suppliers")


def test_a_clause_of_time_with_another_speakers_saying_is_no_part_of_what_was_said(nlp):
    found = by_cue(nlp, "Norvik Bank said on Tuesday that no decision had been taken on job cuts, a day after a "
                        "newspaper reported that the lender planned to shed 2,000 posts.")
    assert found["say"].content == "no decision had been taken on job cuts"
    assert found["report"].content == "the lender planned to shed 2,000 posts"


def test_a_clause_of_time_not_set_off_stays_in_what_was_said(nlp):
    found = by_cue(nlp, "The company said the plant would close after the union announced a strike.")
    assert found["say"].content == "the plant would close after the union announced a strike"


def test_the_owner_of_a_claim_noun_is_its_source_without_the_possessive(nlp):
    found = by_cue(nlp, "The inspection report contradicts the council's claim that it acted on every recommendation.")
    assert (found["claim"].source.text, found["claim"].content) == ("the council", "it acted on every recommendation")
