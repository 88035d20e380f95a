"""Headline and transcript speakers, "SPEAKER: content" at the start of a line (sentences written for these tests)."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from claimledger.extract.attribution import COLON_PAGE_LABELS, COLON_GATES, ColonGates, colon_candidate, cue_candidates, \
    find_attributions
from claimledger.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def colon(nlp, text):
    """(speaker, content) of each "SPEAKER:" candidate."""
    doc = nlp(text)
    return [(c.source_span.text, doc.text[c.content[0]:c.content[1]]) for c in cue_candidates(doc) if c.frame == "colon"]


def test_headline_speaker(nlp):
    assert colon(nlp, "Okafor: Harbour Tax Will Not Rise This Year\n\nThe mayor spoke on Monday.") == [
        ("Okafor", "Harbour Tax Will Not Rise This Year")]


def test_title_noun_speaker(nlp):
    assert colon(nlp, "Survey: Most Valmora Voters Back the Ferry Plan\n\nThe survey was taken in May.") == [
        ("Survey", "Most Valmora Voters Back the Ferry Plan")]


def test_transcript_turns(nlp):
    found = colon(nlp, "MENDEZ: Let's begin with the budget. Is the deficit growing?\n"
                       "HALVORSEN: It is shrinking. We cut spending twice.")
    assert found == [("MENDEZ", "Let's begin with the budget. Is the deficit growing?"),
                     ("HALVORSEN", "It is shrinking. We cut spending twice.")]


def test_speaker_drops_party_and_place(nlp):
    found = colon(nlp, "Sen. Ada Brenner (D-Ore.): We will not vote for this bill.")
    assert found == [("Sen. Ada Brenner", "We will not vote for this bill.")]


@pytest.mark.parametrize("line", [
    "Update: The ferry timetable was changed on Tuesday.",
    "Note: This story has been corrected.",
    "PHOTOS: The flood in pictures.",
    "WASHINGTON: The senate voted on Friday.",
    "10:30: The minister arrives at the port.",
    "Monday: The strike continues.",
    "Here is what he said: the port stays shut.",
    "Q: What happens to the ferry workers?",
])
def test_not_a_speaker(nlp, line):
    assert colon(nlp, line + "\n\nThe port reopened.") == []


def test_colon_inside_a_line_is_not_a_speaker(nlp):
    assert colon(nlp, "The minister gave one reason: Kessler had resigned.") == []


def test_learned_rule_takes_named_speakers(nlp):
    """Whether a candidate is a statement is the fitted model's call; it takes a named headline and transcript speaker."""
    text = ("Councillor Okafor: Harbour Tax Will Not Rise This Year\n\n"
            "MENDEZ: Will the harbour tax rise this year, councillor?\n"
            "OKAFOR: It will not rise, and the ferry fares stay as they are.")
    found = [a for a in find_attributions(nlp(text)) if a.cue == ":"]
    assert [a.content for a in found] == ["Harbour Tax Will Not Rise This Year",
                                          "Will the harbour tax rise this year, councillor?",
                                          "It will not rise, and the ferry fares stay as they are."]
    assert "Okafor" in found[0].source.text and found[1].source.text == "MENDEZ" and found[2].source.text == "OKAFOR"


def test_gates_are_the_fitted_ones_plus_the_page_labels():
    """Label words and size limits come from scripts/fit_colon_frame.py; the editorial page labels always apply."""
    data = json.loads(resources.files("claimledger.extract").joinpath("data/colon_frame.json").read_text("utf-8"))
    assert "scripts/fit_colon_frame.py" in data["source"]
    gates = COLON_GATES
    assert gates.labels == COLON_PAGE_LABELS | frozenset(data["labels"])
    assert (gates.min_content_words, gates.max_words, gates.max_line_words) == (
        data["min_content_words"], data["max_words"], data["max_line_words"])
    assert {"update", "note", "photo", "watch", "correction"} <= gates.labels


def test_gates_can_be_given(nlp):
    """The fitting script collects candidates with gates of its own."""
    doc = nlp("Harbour Commissioner Ada Brenner Okafor: The ferry fares stay as they are.\n\nThe port reopened.")
    colon_token = next(t for t in doc if t.text == ":")

    def speaker(gates):
        found = colon_candidate(colon_token, colon_token.sent, gates)
        return None if found is None else found.source_span.text

    assert speaker(ColonGates(frozenset(), 0, 6, 12)) == "Harbour Commissioner Ada Brenner Okafor"
    assert speaker(ColonGates(frozenset(), 0, 4, 12)) is None  # too many words for a speaker
    assert speaker(ColonGates(frozenset(), 0, 6, 4)) is None  # too many words before the colon
    assert speaker(ColonGates(frozenset(), 8, 6, 12)) is None  # too few words after it
    assert speaker(ColonGates(frozenset({"okafor"}), 0, 6, 12)) is None  # a label word


def test_a_colon_line_is_bounded_from_the_tokens_beside_it(nlp):
    """The line of each token, read from its neighbours without ``Doc.text`` (which joins every token of the
    document on each access), is the line the text's own newlines give."""
    from claimledger.extract.attribution import _line_bounds

    text = ("Harbour board meets  \nOKAFOR: The tax stays where it is.\n\n  Mensah : We will see.  \n"
            "\n\nThe mayor said nothing more: the meeting ended at noon.\nLast line: no newline after it")
    doc = nlp(text)
    for token in doc:
        end = text.find("\n", token.idx)
        assert _line_bounds(token) == (text.rfind("\n", 0, token.idx) + 1, len(text) if end < 0 else end), token.text
    assert colon(nlp, text)[0] == ("OKAFOR", "The tax stays where it is.")
