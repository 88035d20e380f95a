"""A denial joined to what was said is the speaker's second statement (sentences written for these tests)."""
from __future__ import annotations

import pytest

from claimledger.extract.attribution import find_attributions
from claimledger.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def by_cue(nlp, text):
    return {a.cue: a for a in find_attributions(nlp(text))}


def test_denial_after_reported_clause_with_subject(nlp):
    found = by_cue(nlp, "The port director said the cranes had been repaired, and denied any delays to shipping.")
    assert found["say"].content == "the cranes had been repaired"
    assert found["deny"].source.text == "The port director"
    assert found["deny"].content.startswith("any delays")
    assert found["deny"].stance == "denies"


def test_rejection_after_passive_clause(nlp):
    found = by_cue(nlp, "A police spokeswoman, Inspector Hana Okoro, said four men had been arrested at the market "
                        "and rejected the union's account as invented.")
    assert found["say"].content == "four men had been arrested at the market"
    assert "Hana Okoro" in found["reject"].source.text
    assert found["reject"].content.startswith("the union's account")
    assert found["reject"].stance == "denies"


def test_denial_after_two_joined_clauses(nlp):
    found = by_cue(nlp, "The mayor said the bridge had reopened and the ferries were running, and denied any injuries.")
    assert found["say"].content == "the bridge had reopened and the ferries were running"
    assert found["deny"].source.text == "The mayor"


def test_confirmation_joined_to_reported_clause(nlp):
    found = by_cue(nlp, "The coastguard said the trawler was towed to Elsfort and confirmed that two crew were missing.")
    assert found["say"].content == "the trawler was towed to Elsfort"
    assert found["confirm"].source.text == "The coastguard"
    assert found["confirm"].content == "two crew were missing"


def test_verb_with_its_own_subject_stays_in_the_content(nlp):
    # "the company denied" has a subject of its own: it is part of what the union said
    found = by_cue(nlp, "The union said the company denied the overtime claims.")
    assert "denied the overtime claims" in found["say"].content


def test_non_denial_verb_stays_in_the_content(nlp):
    found = by_cue(nlp, "The minister said the troops had withdrawn and left the border villages.")
    assert found["say"].content == "the troops had withdrawn and left the border villages"


@pytest.mark.parametrize("text, second, content", [
    ('Mr. Holm said he welcomed the inquiry into the dockyard and added, "I will answer every question."', "add",
     "he welcomed the inquiry into the dockyard"),
    ("The port director said she regretted her remarks about the pilots and promised to meet their union.", "promise",
     "she regretted her remarks about the pilots"),
])
def test_speaker_goes_on_after_reporting_own_clause(nlp, text, second, content):
    # the reported clause's subject is the speaker's own pronoun: the verb of saying joined to it is the speaker's
    # next statement, named as the speaker is, and not part of the first
    found = by_cue(nlp, text)
    assert found["say"].content == content
    assert found[second].source.text == found["say"].source.text


def test_verb_of_saying_joined_to_another_persons_clause_stays_theirs(nlp):
    found = by_cue(nlp, 'She said he came to the harbour office and told the clerk, "The ferry is cancelled."')
    assert "told the clerk" in found["say"].content
    assert found["tell"].source.text == "he"


def test_a_saying_with_a_prepositional_object_joined_to_what_was_said_is_the_speakers_next_statement(nlp):
    found = {a.cue: a for a in find_attributions(nlp(
        "Opposition leader Petra Kovac said on Sunday that at least 40,000 ballots had been destroyed in the "
        "northern districts, and called for a recount."))}
    assert found["call"].source.name == "Petra Kovac" and found["call"].content == "a recount"
    assert found["say"].content == "at least 40,000 ballots had been destroyed in the northern districts"
