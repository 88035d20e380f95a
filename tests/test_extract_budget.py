"""Per-report extraction is bounded: a report over its time budget is refused with one line naming it and the
budget while the other reports go on, and spaCy's tokenizer (one C call no budget can interrupt) is never
given a long run of characters. Assertions are on outcomes and on the work done, never on wall-clock time."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.analysis import analyse_into
from claimledger.config import Limits
from claimledger.extract import pipeline
from claimledger.extract.nlp import MAX_RUN_CHARS, BoundedTokenizer, load_nlp
from claimledger.extract.pipeline import ExtractionError, extract_reports
from claimledger.records import RawReport, ReportExtraction
from claimledger.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
FERRY = ("The ferry to Ostra sailed again on Thursday, the operator said, three days after the engine fire had "
         "stopped every crossing. Harbour master Ilse Varga told reporters that 1,200 passengers had waited.")
STUCK = ("Officials said on Monday that the bridge would stay shut. STUCK-MARKER The mayor, Ada Brenn, said "
         "repairs would take a month.")


@pytest.fixture
def one_report_hangs(monkeypatch):
    """Attribution finding never ends on the report holding the marker (a pure-Python loop, as a
    super-linear step would be); every other report is extracted as usual."""
    real = pipeline.find_attributions

    def find_attributions(doc):
        while "STUCK-MARKER" in doc.text:
            pass
        return real(doc)

    monkeypatch.setattr(pipeline, "find_attributions", find_attributions)
    next(extract_reports([RawReport(text=FERRY)]))  # the first extraction loads the models: not a report's cost


def test_a_report_over_its_budget_is_refused_and_the_others_are_extracted(one_report_hangs):
    reports = [RawReport(text=FERRY, path="a.txt"), RawReport(text=STUCK, path="b-stuck.txt"),
               RawReport(text=FERRY.replace("Ostra", "Varna"), path="c.txt")]
    first, stuck, last = extract_reports(reports, limits=Limits(extract_seconds=3))
    assert str(stuck) == "b-stuck.txt: extraction took over 3 s; refused"
    assert isinstance(stuck, ExtractionError)
    assert [a.source.text for a in first.attributions] == ["the operator", "Harbour master Ilse Varga"]
    assert "Varna" in last.attributions[0].sentence


def test_analyze_stores_the_other_reports_of_the_batch(one_report_hangs, tmp_path):
    errors: list[str] = []
    reports = [RawReport(text=FERRY, path="a.txt"), RawReport(text=STUCK, path="b-stuck.txt")]
    with Store.open(tmp_path / "ledger.db") as store:
        tally = analyse_into(store, reports, model=None, limits=Limits(extract_seconds=3), on_error=errors.append)
        assert store.count() == 1
    assert errors == ["b-stuck.txt: extraction took over 3 s; refused"]
    assert (tally.analysed, tally.errors) == (1, 1)


def test_the_budget_interrupts_the_parse_itself_and_leaves_the_pipeline_sound():
    """spaCy's parser runs its network layer by layer in Python, so the budget lands inside it; the
    pipeline shared by the next report is unharmed."""
    nlp = load_nlp()
    before = next(extract_reports([RawReport(text=FERRY)], nlp=nlp))
    long_text = "\n\n".join([FERRY] * 400)  # 80,000 characters: seconds of parsing
    [refused] = extract_reports([RawReport(text=long_text, path="long.txt")], nlp=nlp,
                                limits=Limits(extract_seconds=0.05))
    assert str(refused) == "long.txt: extraction took over 0.05 s; refused"
    after = next(extract_reports([RawReport(text=FERRY)], nlp=nlp))
    assert isinstance(after, ReportExtraction) and after == before


class Spy:
    """A tokenizer that records the longest run without whitespace it is given."""

    def __init__(self, tokenizer):
        self.tokenizer, self.longest_run = tokenizer, 0

    def __call__(self, text):
        self.longest_run = max([self.longest_run, *(len(run) for run in text.split())])
        return self.tokenizer(text)


@pytest.mark.parametrize("text", [
    "(" * 200_000,
    " ".join('"' * 1_000 + str(i) for i in range(150)),
    "He said: " + "x" * 5_000 + " and left.\n\n" + "“" * 3_000,
])
def test_long_runs_reach_spacys_tokenizer_in_short_pieces_and_the_text_is_kept(text):
    nlp = load_nlp()
    spy = Spy(nlp.tokenizer.tokenizer)
    doc = BoundedTokenizer(spy)(text)
    assert doc.text == text
    assert spy.longest_run == MAX_RUN_CHARS


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_text_without_long_runs_is_tokenized_exactly_as_by_spacy():
    nlp = load_nlp()
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        ours, spacys = nlp.tokenizer(text), nlp.tokenizer.tokenizer(text)
        assert [(t.text, t.whitespace_) for t in ours] == [(t.text, t.whitespace_) for t in spacys]



def test_a_text_of_more_tokens_than_the_limit_is_refused_before_the_parse():
    """A text of punctuation is a token a character (news prose is 0.2): refused on its token count, before
    spaCy's parse, which would hold about 15 KB a token."""
    [refused] = extract_reports([RawReport(text="Yes, no. " * 20_000, path="tokens.txt")])
    assert str(refused) == "tokens.txt: text is 80,000 tokens, over the 60,000 limit"


def test_a_report_with_a_giant_sentence_is_refused():
    """Each statement keeps its sentence, and in a chain of "said that" each statement's content is the rest of
    it: a 30,000-character sentence would be kept thousands of times over. Refused on its length."""
    text = "the minister said that " * 1_300 + "the port was closed."
    [refused] = extract_reports([RawReport(text=text, path="chain.txt")])
    assert str(refused) == f"chain.txt: has a sentence of {len(text):,} characters, over the 5,000 limit"
