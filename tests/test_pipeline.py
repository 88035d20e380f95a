"""The extraction pipeline over a stream: what a long run must not accumulate."""
from __future__ import annotations

from claimledger.config import Limits
from claimledger.extract import pipeline
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


def test_a_time_in_another_verb_s_clause_does_not_date_the_statement():
    text = ("Chemical leak estimate raised\n\nSelby Chemicals on Thursday revised its estimate of the chlorine released at its "
            "Harwick plant, saying about six tonnes had escaped, three times the figure it gave on Wednesday.")
    (ext,) = extract_reports([RawReport(text=text, published="2025-05-16")], nlp=load_nlp())
    said = next(a for a in ext.attributions if "six tonnes had escaped" in a.content)
    assert said.date == "2025-05-15"
    text = ("Rally\n\nAs the crowd cheered the senator in Fresno on Tuesday night, his wife whispered to him that they "
            "were still with him. An aide said he liked the film, which opened on Friday.")
    (ext,) = extract_reports([RawReport(text=text, published="2016-06-10")], nlp=load_nlp())
    dates = {a.source.text: a.date for a in ext.attributions}
    assert dates == {"his wife": "2016-06-07", "An aide": None}  # at the time of the "as" clause; not the film's


BATCH_TEXTS = [
    "The Qwzrplex council said on Monday that 4,381 residents were evacuated. Mayor Oddlin Frusk agreed.",
    "Harbour master Ilse Varga told reporters on Friday that the ferry would sail again next week.",
    "   \n\n  ",  # nothing left after cleaning: refused on its own
    "Police said the two men were arrested after the robbery, a spokeswoman told the Valmora Gazette.",
    "The minister denied that the bridge had been closed, her office said in a statement on Tuesday.",
]


class PipeSpy:
    """Counts the texts of each ``nlp.pipe`` batch and each lone ``nlp`` call."""

    def __init__(self, nlp):
        self.nlp, self.batches, self.alone = nlp, [], 0

    def __getattr__(self, name):
        return getattr(self.nlp, name)

    def __call__(self, doc):
        self.alone += 1
        return self.nlp(doc)

    def pipe(self, docs, batch_size):
        docs = list(docs)
        self.batches.append(len(docs))
        return self.nlp.pipe(docs, batch_size=batch_size)


def _summary(results):
    return [str(r) if isinstance(r, Exception) else r for r in results]


def test_texts_are_parsed_in_batches_with_the_extractions_of_one_at_a_time():
    nlp = load_nlp()
    reports = [RawReport(text=t, path=f"{i}.txt") for i, t in enumerate(BATCH_TEXTS)]
    alone = list(extract_reports(reports, nlp=nlp, batch=1))
    spy = PipeSpy(nlp)
    batched = list(extract_reports(reports, nlp=spy, batch=4))
    assert (spy.batches, spy.alone) == ([3], 1)  # the empty text is refused before the parse; the fifth is alone
    assert _summary(batched) == _summary(alone)
    assert str(batched[2]) == "2.txt: no report text left after cleaning"
    assert [a.source.text for a in batched[1].attributions] == ["Harbour master Ilse Varga"]


def test_a_batch_over_the_token_budget_is_parsed_one_text_at_a_time():
    nlp = load_nlp()
    reports = [RawReport(text=t) for t in BATCH_TEXTS[:2]]
    spy = PipeSpy(nlp)
    each_fits = Limits(max_tokens=max(len(nlp.make_doc(t)) for t in BATCH_TEXTS[:2]))
    batched = list(extract_reports(reports, nlp=spy, batch=2, limits=each_fits))
    assert (spy.batches, spy.alone) == ([], 2)
    assert batched == list(extract_reports(reports, nlp=nlp, batch=1))


def test_a_batch_over_its_time_budget_loses_only_the_slow_report(monkeypatch):
    real = pipeline.clean_text

    def clean_text(text):
        while "SLOW-MARKER" in text:
            pass
        return real(text)

    monkeypatch.setattr(pipeline, "clean_text", clean_text)
    nlp = load_nlp()
    reports = [RawReport(text=BATCH_TEXTS[0], path="a.txt"), RawReport(text="SLOW-MARKER " + BATCH_TEXTS[1], path="b.txt"),
               RawReport(text=BATCH_TEXTS[3], path="c.txt")]
    first, slow, last = extract_reports(reports, nlp=nlp, batch=3, limits=Limits(extract_seconds=1))
    assert str(slow) == "b.txt: extraction took over 1 s; refused"
    assert [first, last] == list(extract_reports([reports[0], reports[2]], nlp=nlp, batch=1))
