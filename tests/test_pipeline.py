"""The extraction pipeline over a stream: what a long run must not accumulate."""
from __future__ import annotations

from claimledger.extract.nlp import load_nlp
from claimledger.extract.pipeline import extract_reports
from claimledger.records import RawReport

TEXT = ("The Qwzrplex council said on Monday that 4,381 residents of Blorvangen were evacuated after the "
        "Vintrask dam cracked. Mayor Oddlin Frusk told reporters the water could reach the old town by night.")


def test_words_never_seen_before_do_not_stay_in_the_vocabulary():
    """spaCy adds every new string to the shared vocabulary; extraction frees them (a memory zone per call)."""
    nlp = load_nlp()
    before = len(nlp.vocab.strings)
    first, second = extract_reports([RawReport(text=TEXT), RawReport(text=TEXT.replace("Frusk", "Zzyqa"))], nlp=nlp)
    assert len(nlp.vocab.strings) == before
    assert "Qwzrplex" not in nlp.vocab.strings
    # the extraction holds plain strings, still whole after the parse's strings are gone
    assert [a.source.text for a in first.attributions] == ["The Qwzrplex council", "Mayor Oddlin Frusk"]
    assert [f.value for f in first.figures] == [4381]
    assert any(n.text == "Oddlin Frusk" for n in first.names)
    assert [a.source.text for a in second.attributions][-1] == "Mayor Oddlin Zzyqa"


def test_a_statement_dated_by_a_clock_time_and_its_day_is_dated_that_day():
    text = ("Harbour bridge to reopen\n\nAt 10 p.m. Wednesday the mayor said that the harbour bridge would reopen "
            "within a month.")
    (ext,) = extract_reports([RawReport(text=text, published="1998-02-13")], nlp=load_nlp())
    said = next(a for a in ext.attributions if "bridge would reopen" in a.content)
    assert said.date == "1998-02-11"
