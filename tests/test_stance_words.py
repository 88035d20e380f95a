"""Denial words judge a claim only when the content names one or points back to one."""
from __future__ import annotations

import pytest

from claimledger.extract.attribution import find_attributions
from claimledger.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.mark.parametrize("text, cue, stance", [
    ('The commission rejected opposition allegations of fraud, calling them "baseless."', "call", "denies"),
    ("The ministry said the reports were old and called them accurate.", "call", "asserts"),
    ("The army called the claims false.", "call", "denies"),
])
def test_calling_what_was_said_false_denies_it(nlp, text, cue, stance):
    found = {a.cue: a.stance for a in find_attributions(nlp(text))}
    assert found[cue] == stance


@pytest.mark.parametrize("text, stance", [
    ('"We are not aware of any accident caused by this defect," she said.', "cannot_confirm"),
    ("The company said it was aware of the problem.", "asserts"),
    ("The company said it had not been informed of any injury.", "cannot_confirm"),
    ("The ministry said it was not told about the attack.", "cannot_confirm"),
    ("The company said customers had not been told of the recall.", "asserts"),
])
def test_not_being_aware_of_something_cannot_confirm_it(nlp, text, stance):
    assert [a.stance for a in find_attributions(nlp(text))] == [stance]


@pytest.mark.parametrize("text", [
    'The minister said reports of 500 layoffs were "speculation".',
    'A company spokesman said the reports were pure guesswork.',
    'The mayor said the savings figure of 12 million euros was "pure speculation".',  # a figure put forward
    'The agency said the estimate was conjecture.',
])
def test_a_claim_said_to_be_speculation_is_denied(nlp, text):
    assert [a.stance for a in find_attributions(nlp(text))] == ["denies"]


def test_speculation_that_names_a_claim_does_not_deny_it(nlp):
    got = find_attributions(nlp("The analyst said there was speculation that the chief executive would resign."))
    assert [a.stance for a in got] != ["denies"]


@pytest.mark.parametrize("text, stance", [
    ("The coach said he could not attend the hearing.", "asserts"),
    ("The engineer said the pump could never be repaired.", "asserts"),
    ("The mayor said she could no longer defend the budget.", "asserts"),
    ("The engineer said the pump could fail again.", "speculates"),
    ("The engineer said the pump might not survive the winter.", "speculates"),
])
def test_could_with_its_verb_negated_says_what_was_not_possible_and_hedges_nothing(nlp, text, stance):
    assert [a.stance for a in find_attributions(nlp(text))] == [stance]


@pytest.mark.parametrize("text, stance", [
    ("The researchers said people who drank three cups a day were 14% less likely to develop the disease.", "asserts"),
    ("The study found that smokers were twice as likely to be admitted to hospital.", "asserts"),
    ("The authors said smokers were three times more likely to die.", "asserts"),
    ("Officials said the strike is more likely to end next week.", "speculates"),
    ("The minister said the plant was likely to close.", "speculates"),
])
def test_a_measured_difference_in_likelihood_is_a_finding_not_a_hedge(nlp, text, stance):
    assert [a.stance for a in find_attributions(nlp(text))] == [stance]


@pytest.mark.parametrize("text, cue, stance", [
    ("Arteta rubbished suggestions that the winger was unhappy.", "rubbish", "denies"),
    ("The company criticised reports claiming that the alarm had been switched off.", "criticise", "denies"),
    ("The union blasted the company's claims about the pay offer.", "blast", "denies"),
    ("The mayor criticised the plan to close the library.", "criticise", "asserts"),
    ("Critics condemned the remarks as offensive.", "condemn", "asserts"),
])
def test_disapproving_a_claim_dismisses_it_and_disapproving_anything_else_does_not(nlp, text, cue, stance):
    found = {a.cue: a.stance for a in find_attributions(nlp(text))}
    assert found.get(cue, "asserts") == stance


@pytest.mark.parametrize("text, quote, stance", [
    # the writer's "it" before a quoted refusal: the body's own no-comment, as in indirect speech
    ('Halvard Mills said in a statement that it "does not comment on market rumours or speculation."', "mixed",
     "no_comment"),
    # a reported "would" outside the quotation is the writer's tense, not the speaker's hedge
    ('The senator said he would "introduce a bill to close the loophole next spring."', "mixed", "asserts"),
    ('"We do not comment on market rumours," Halvard Mills said.', "direct", "no_comment"),
])
def test_a_quotation_after_the_writers_own_words_is_mixed_speech_read_as_reported(nlp, text, quote, stance):
    found = find_attributions(nlp(text))
    assert [(a.quote, a.stance) for a in found] == [(quote, stance)]


@pytest.mark.parametrize("text, stance", [
    ("The board rejected it as too low.", "asserts"),  # an offer judged, not a claim denied
    ("The senator dismissed him as a has-been.", "asserts"),  # a person judged: what the senator says of him
    ("The coach dismissed the striker as a has-been.", "asserts"),
    ("The minister dismissed it as nonsense.", "denies"),
    ("The minister rejected the claims as politically motivated.", "denies"),
])
def test_a_verb_of_denial_judging_a_thing_as_what_it_is_asserts_the_judgement(nlp, text, stance):
    assert [a.stance for a in find_attributions(nlp(text))] == [stance]


@pytest.mark.parametrize("text, stance", [
    ("The campaign manager said that the senator tells so many lies that voters have stopped listening.", "asserts"),
    ("The campaign manager said that this was a lie.", "denies"),
])
def test_a_word_of_denial_denies_only_when_it_judges_a_claim(nlp, text, stance):
    (a,) = find_attributions(nlp(text))
    assert a.stance == stance


@pytest.mark.parametrize("text, stance", [
    ('"I did not say that," he said.', "denies"),
    ('"We never said it," the company said.', "denies"),
    ('"I said that," he said.', "asserts"),
])
def test_denying_having_said_the_words_denies(nlp, text, stance):
    (a,) = find_attributions(nlp(text))
    assert a.stance == stance


@pytest.mark.parametrize("text, cue, stance", [
    ("Residents were told on Wednesday they could return home, the council said.", "say", "asserts"),
    ("The ferry operator said passengers had been told they might have to wait overnight.", "say", "asserts"),
    ("Officials said the minister had warned that prices could rise.", "say", "asserts"),
    # the speaker's own words to someone, and the speaker's own hedge, stay hedges
    ("She said she had told residents they might not return for weeks.", "say", "speculates"),
    ("The mayor said the bridge could reopen by May.", "say", "speculates"),
])
def test_a_hedge_in_what_someone_else_said_or_was_told_is_theirs_not_the_speakers(nlp, text, cue, stance):
    assert {a.cue: a.stance for a in find_attributions(nlp(text))}[cue] == stance
