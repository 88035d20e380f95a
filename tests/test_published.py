"""A report's publication date: stated, or read from its own text."""
from __future__ import annotations

from collections import Counter

import pytest

from claimledger.extract.nlp import load_nlp
from claimledger.extract.pipeline import context_year, extract_reports
from claimledger.records import RawReport


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_a_tie_between_years_goes_to_the_later_one():
    reports = [RawReport(text="It began in July 2013."), RawReport(text="It ended on Feb. 21, 2014.")]
    assert context_year(reports) == 2014
    assert context_year(reports, Counter({2012: 5})) == 2012


def test_a_reports_date_does_not_depend_on_its_batch(nlp):
    """Analysing reports in pieces must equal analysing them at once: no date is lent between batch-mates."""
    dated = RawReport(text="GDANSK, Nov. 10 (Wire) - The port authority said the ferry strike had ended.",
                      path="a.txt")
    undated = RawReport(text="Ferry workers went back to work, the port authority said.", path="b.txt")
    first, together = extract_reports([dated, undated], nlp=nlp, year=2030)
    (alone,) = extract_reports([undated], nlp=nlp, year=2030)
    assert (first.published, first.published_evidence) == ("2030-11-10", "dateline")
    assert (together.published, together.published_window) == (alone.published, alone.published_window)


def test_a_stated_date_is_kept_as_stated(nlp):
    (report,) = extract_reports([RawReport(text="Officials met on Friday.", published="2024-10-18")], nlp=nlp)
    assert (report.published, report.published_inferred, report.published_evidence) == ("2024-10-18", False, "stated")


@pytest.mark.parametrize("head", ["March 5, 2025", "Wednesday, 5 March 2025", "March 5, 2025 10:32 GMT"])
def test_a_line_of_only_a_date_under_the_title_is_the_report_s_date(nlp, head):
    text = f"Flood toll rises in the delta\n{head}\n\nThe water agency said on Monday that 20,000 homes were flooded."
    (report,) = extract_reports([RawReport(text=text, path="a.txt")], nlp=nlp, year=2030)
    assert (report.published, report.published_evidence) == ("2025-03-05", "dateline")
    assert head not in report.clean.text


def test_a_date_in_a_sentence_of_the_head_is_not_the_report_s_date(nlp):
    text = "Agency to close dam\nThe agency said on March 5, 2025 that it would close the dam for a month."
    (report,) = extract_reports([RawReport(text=text, path="a.txt")], nlp=nlp, year=2030)
    assert report.published_evidence != "dateline"
