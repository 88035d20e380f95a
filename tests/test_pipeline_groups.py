"""Reports are parsed together (one ``nlp.pipe`` call per group): the extractions equal those of reports
extracted one at a time, and a report that breaks the group's parse still fails alone."""
from __future__ import annotations

import pytest
from spacy.language import Language

from claimledger.config import Limits
from claimledger.engines.local import extract_each
from claimledger.extract.nlp import load_nlp
from claimledger.extract.pipeline import ExtractionError, extract_report, extract_reports
from claimledger.records import RawReport

FERRY = ("The ferry to Ostra sailed again on Thursday, the operator said, three days after the engine fire had "
         "stopped every crossing. Harbour master Ilse Varga told reporters that 1,200 passengers had waited.")
BRIDGE = ("Officials said on Monday that the bridge would stay shut. The mayor, Ada Brenn, said repairs would "
          "take a month and cost 4 million euros.")


@Language.component("test_breaks_on_marker")
def breaks_on_marker(doc):
    if "BREAK-MARKER" in doc.text:
        raise RuntimeError("a defect in a pipeline component")
    return doc


@pytest.fixture(scope="module")
def breaking_nlp():
    """A pipeline of its own (not the shared one) whose last component fails on one report."""
    nlp = load_nlp.__wrapped__()
    nlp.add_pipe("test_breaks_on_marker", last=True)
    return nlp


def reports() -> list[RawReport]:
    return [RawReport(text=FERRY, path="a.txt"), RawReport(text=BRIDGE, path="b.txt"), RawReport(text="", path="empty.txt"),
            RawReport(text=FERRY.replace("Ostra", "Varna"), path="c.txt")]


def test_a_group_gives_what_one_report_at_a_time_gives():
    nlp = load_nlp()
    together = list(extract_reports(reports(), nlp=nlp))
    alone = []
    for report in reports():
        try:
            alone.append(extract_report(report, nlp=nlp))
        except ExtractionError as exc:
            alone.append(exc)
    assert str(together[2]) == str(alone[2]) == "empty.txt: no report text left after cleaning"
    assert [together[i] for i in (0, 1, 3)] == [alone[i] for i in (0, 1, 3)]


def test_a_report_that_breaks_the_groups_parse_fails_alone(breaking_nlp):
    broken = RawReport(text=BRIDGE + " BREAK-MARKER", path="broken.txt")
    batch = [reports()[0], broken, reports()[3]]
    outcomes = list(extract_each(batch, breaking_nlp, None, Limits()))
    assert [report.path for report, _ in outcomes] == ["a.txt", "broken.txt", "c.txt"]
    first, failed, last = (result for _, result in outcomes)
    assert isinstance(failed, RuntimeError)
    assert [a.source.text for a in first.attributions] == ["the operator", "Harbour master Ilse Varga"]
    assert "Varna" in last.attributions[0].sentence
