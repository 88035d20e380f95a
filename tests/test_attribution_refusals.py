"""A refusal to answer, and a report of one, each give one statement with the right speaker."""
from __future__ import annotations

import pytest

from claimledger.extract.attribution import find_attributions
from claimledger.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def found(nlp, text):
    return [(a.source.name, a.stance, a.content) for a in find_attributions(nlp(text))]


def test_declined_to_comment_is_one_statement_of_its_subject(nlp):
    assert found(nlp, "The airline declined to comment on any compensation claims.") == [
        ("The airline", "no_comment", "any compensation claims")]


def test_a_reported_non_answer_and_a_joined_refusal_share_the_subject(nlp):
    # "declined" is joined to "could not confirm", not to "had been replaced": its subject is the agency
    got = found(nlp, "A ministry spokesman said the agency could not confirm that the pipes had been replaced "
                     "and declined to comment on the contractor's complaints.")
    assert [(s.lower().removeprefix("the "), st, c) for s, st, c in got] == [
        ("agency", "cannot_confirm", "the pipes had been replaced"),
        ("agency", "no_comment", "the contractor's complaints"),
    ]


def test_said_it_could_not_confirm_is_one_statement_of_the_speaker(nlp):
    got = found(nlp, "The Environment Protection Agency said it could not confirm that the spill had reached the river.")
    assert got == [("Environment Protection Agency", "cannot_confirm", "the spill had reached the river")]


def test_a_denial_joined_to_what_was_said_stays_the_speakers_second_statement(nlp):
    got = found(nlp, "The minister said the troops had withdrawn, and denied any casualties.")
    assert got == [("The minister", "asserts", "the troops had withdrawn"), ("The minister", "denies", "any casualties")]


def test_a_report_of_someone_elses_non_answer_keeps_both_statements(nlp):
    got = found(nlp, "The coach said Marek Holub had declined to comment on his transfer. "
                     "His agent said he would not answer questions.")
    assert ("His agent", "asserts", "he would not answer questions") in got
    assert any(st == "no_comment" and c == "questions" for _, st, c in got)


def test_a_speakers_own_non_answer_is_named_as_the_speaker_is(nlp):
    got = find_attributions(nlp("The state's party chairman, Peter Walsh, said he cannot comment on the letter "
                                "because he has not seen it."))
    assert [(a.source.name, a.source.text, a.stance) for a in got] == [
        ("Peter Walsh", "The state's party chairman, Peter Walsh", "no_comment")]


def test_a_non_answer_joined_after_a_confirmed_clause_is_the_confirmers(nlp):
    """ "confirmed X but would not say Y": the refusal is the source's answer to the press, not a verb of X."""
    got = found(nlp, "Police confirmed that a woman had been detained but would not say what charges she faced.")
    assert got == [("Police", "asserts", "a woman had been detained"), ("Police", "no_comment", "what charges she faced")]


def test_a_question_cut_to_its_wh_word_is_left_unanswered(nlp):
    got = found(nlp, "The clinic confirmed three patients had died but would not say when.")
    assert got == [("The clinic", "asserts", "three patients had died"), ("The clinic", "no_comment", "when")]


@pytest.mark.parametrize("text, stance", [
    ("The regulator would not confirm the size of the fine.", "no_comment"),  # unwilling
    ("The regulator won't confirm the size of the fine.", "no_comment"),
    ("The regulator could not confirm the size of the fine.", "cannot_confirm"),  # unable
    ("The bank would not say how many branches would close.", "no_comment"),
    ("The bank could not say why.", "no_comment"),  # a question cut to its wh-word
])
def test_a_refusal_by_a_modal_of_will_is_a_non_answer_and_inability_is_not(nlp, text, stance):
    assert [st for _, st, _ in found(nlp, text)] == [stance]


@pytest.mark.parametrize("text, expected", [
    ("The league declined to say whether the referee had been suspended.",
     [("The league", "no_comment", "whether the referee had been suspended")]),
    ("The studio declined to say how much the film had cost.", [("The studio", "no_comment", "how much the film had cost")]),
    ("The trust refused to disclose the sale price.", [("The trust", "no_comment", "the sale price")]),
    ("The port authority declined to confirm the tonnage.", [("The port authority", "no_comment", "the tonnage")]),
])
def test_declining_to_say_is_one_non_answer(nlp, text, expected):
    """A refusal to tell is one statement, a non-answer, not the refusal and what is refused asserted beside it."""
    assert found(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Mr Varga did not return calls for comment.", [("Varga", "no_comment", "calls for comment")]),
    ("Lawyers for the landlord did not immediately return a request for comment.",
     [("Lawyers for the landlord", "no_comment", "a request for comment")]),
    ("The bakery did not return the deposit.", []),  # a thing returned, not an answer
])
def test_not_returning_calls_is_a_non_answer(nlp, text, expected):
    assert found(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Asked whether the depot would reopen this year, the manager would not say.",
     [("the manager", "no_comment", "whether the depot would reopen this year")]),
    ("Asked whether the depot would reopen this year, the manager declined to comment.",
     [("the manager", "no_comment", "whether the depot would reopen this year")]),
])
def test_a_question_put_to_the_speaker_is_what_their_non_answer_leaves_unanswered(nlp, text, expected):
    """ "Asked whether X, S would not say": one non-answer of S, whose content is the question, not S asserting X."""
    assert [(s.removeprefix("The ").removeprefix("the "), st, c) for s, st, c in found(nlp, text)] == [
        (s.removeprefix("the "), st, c) for s, st, c in expected]


@pytest.mark.parametrize("text, expected", [
    ("The landlord was not available for comment on Friday.", [("The landlord", "no_comment", "comment")]),
    ("The landlord was unavailable for comment.", [("The landlord", "no_comment", "comment")]),
    ("Mr Varga could not immediately be reached for comment.", [("Varga", "no_comment", "comment")]),
    ("The landlord was available for comment.", []),
])
def test_a_source_not_available_or_reached_for_comment_gives_a_non_answer(nlp, text, expected):
    assert found(nlp, text) == expected


@pytest.mark.parametrize("text, stance", [
    ("The carmaker said in an email that it did not comment on rumours.", "no_comment"),
    ("The carmaker said the reports were rumours.", "denies"),
    ('"It did not comment on the rumours," the dealer said.', "asserts"),  # "it" in a quotation is someone else
])
def test_a_body_saying_it_does_not_comment_gives_a_non_answer_not_a_denial(nlp, text, stance):
    assert [st for _, st, _ in found(nlp, text)] == [stance]


def test_a_non_answer_after_but_with_the_speakers_pronoun_is_the_speakers_next_statement(nlp):
    got = found(nlp, "Officials said at least three deaths may have been linked to the flooding, "
                     "but they could not confirm the causes.")
    assert got == [("Officials", "speculates", "at least three deaths may have been linked to the flooding"),
                   ("Officials", "cannot_confirm", "the causes")]


@pytest.mark.parametrize("text, expected", [
    ("Its chief inspector, Lars Eng, would not be drawn on the possible cause.",
     [("Lars Eng", "no_comment", "the possible cause")]),
    ("The coach refused to be drawn on his future.", [("The coach", "no_comment", "his future")]),
    ("He was not drawn on the list.", []),  # the literal sense
])
def test_would_not_be_drawn_on_is_a_non_answer(nlp, text, expected):
    assert found(nlp, text) == expected


def test_a_verb_with_a_clause_of_its_own_after_as_reports_that_clause(nlp):
    got = found(nlp, 'A passenger who gave her name only as Mette told the Harbour Post that she had heard a bang.')
    assert got == [("Mette", "asserts", "she had heard a bang")]


@pytest.mark.parametrize("text", [
    "The club would neither confirm nor deny the transfer report.",
    "The club neither confirmed nor denied the transfer report.",
    "A spokeswoman for the club would not confirm or deny the transfer report.",
])
def test_neither_confirming_nor_denying_is_a_non_answer_not_a_denial(nlp, text):
    assert [(st, c) for _, st, c in found(nlp, text)] == [("no_comment", "the transfer report")]
