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


_BODY = "The water agency said on Tuesday, 13 May, that 20,000 homes were flooded."


@pytest.mark.parametrize("credit, day", [
    ("By Wire Press | 15 May 2025", "2025-05-15"),
    ("15 May 2025 (Wire Press)", "2025-05-15"),
    ("Harwick Gazette, 18 May 2025", "2025-05-18"),
    ("By Tom Reyes, 18 May 2025", "2025-05-18"),
    ("Dana Whitfield · Northern Courier · 14 May 2025", "2025-05-14"),
    ("By Tom Reyes and Ana Li | May 16, 2025 10:32 GMT", "2025-05-16"),
])
def test_a_credit_line_with_a_dated_year_under_the_title_is_the_report_s_date(nlp, credit, day):
    """A byline or outlet beside a full date is page furniture stating the date, as a line of only a date is."""
    text = f"Flood toll rises in the delta\n{credit}\n\n{_BODY}"
    (report,) = extract_reports([RawReport(text=text, path="a.txt")], nlp=nlp, year=2030)
    assert (report.published, report.published_evidence) == (day, "dateline")
    assert credit not in report.clean.text


@pytest.mark.parametrize("text", [
    f"Ministry says audit of 15 May 2025 found no fault\n{_BODY}",
    f"Flood toll rises in the delta\nProtests planned for 18 May 2025 in Harwick\n\n{_BODY}",
    f"Flood toll rises in the delta\nBy Tom Reyes, 18 May\n\n{_BODY}",  # no year: not a stated date
    f"Flood toll rises in the delta\n\n{_BODY}\n\nIt rained.\n\nHarwick Gazette, 18 May 2025",  # not in the head
])
def test_a_date_in_a_headline_or_sentence_or_without_its_year_is_not_a_credit_line(nlp, text):
    (report,) = extract_reports([RawReport(text=text, path="a.txt")], nlp=nlp, year=2030)
    assert report.published_evidence != "dateline"


def test_a_dateline_wins_over_a_credit_line(nlp):
    text = f"Flood toll rises\nBy Tom Reyes, 18 May 2025\nHARWICK, May 14, 2025 (Wire Press) - {_BODY}"
    (report,) = extract_reports([RawReport(text=text, path="a.txt")], nlp=nlp, year=2030)
    assert (report.published, report.published_evidence) == ("2025-05-14", "dateline")


def test_a_dateline_under_a_header_of_three_lines_dates_the_report_it_is_cut_from(nlp):
    text = ("Port traffic rose in May\nBy Dana Whitfield\nNorthern Courier\n"
            "GDANSK, June 10, 2025 (Europa Wire) - The port said traffic rose in May.\n")
    (ext,) = extract_reports([RawReport(text=text)], nlp=nlp)
    assert ext.published == "2025-06-10" and "Europa Wire" not in ext.clean.text
