"""A report's publication date: stated, read from its text, or taken from its story's other reports."""
from __future__ import annotations

from collections import Counter

import pytest

from claimledger.extract.nlp import load_nlp
from claimledger.extract.pipeline import STORY_NAMES, context_year, extract_reports, story_dates
from claimledger.extract.times import PublishedDate
from claimledger.records import RawReport


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_an_undated_report_takes_the_dates_of_its_closest_siblings():
    own = [PublishedDate("2014-11-10", "2014-11-10/2014-11-10", "dateline", 1.0), PublishedDate(),
           PublishedDate("2014-12-05", "2014-12-05/..", "latest dated event", 0.0)]
    shared = [[9, 4, 1], [4, 9, 1], [1, 1, 9]]  # report 1 shares four names with report 0, one with report 2
    dated = story_dates(own, shared, [None, None, None])
    assert dated[0] == own[0] and dated[2] == own[2]
    assert (dated[1].date, dated[1].window, dated[1].evidence) == ("2014-11-10", "2014-11-10/2014-11-10",
                                                                 "other reports of the story")


def test_no_sibling_date_before_a_year_the_report_states():
    own = [PublishedDate("2013-05-01", None, "latest dated event", 0.0), PublishedDate()]
    shared = [[STORY_NAMES] * 2] * 2
    assert story_dates(own, shared, [None, 2014])[1] == PublishedDate()


def test_reports_of_other_stories_lend_no_date():
    own = [PublishedDate("2014-11-10", None, "dateline", 1.0), PublishedDate()]
    assert story_dates(own, [[0, 0], [0, 0]], [None, None])[1].date is None


def test_a_tie_between_years_goes_to_the_later_one():
    reports = [RawReport(text="It began in July 2013."), RawReport(text="It ended on Feb. 21, 2014.")]
    assert context_year(reports) == 2014
    assert context_year(reports, Counter({2012: 5})) == 2012


def test_a_batch_dates_a_report_by_its_storys_dateline(nlp):
    dated = RawReport(text="LONDON, Nov. 10 (Wire) - Robert Plant's publicist called the Mirror report rubbish, "
                           "and Jimmy Page said he was fed up.", path="a.txt")
    undated = RawReport(text="Robert Plant turned down the offer, the Mirror said. Jimmy Page was ready to tour.",
                        path="b.txt")
    first, second = extract_reports([dated, undated], nlp=nlp, year=2014)
    assert (first.published, first.published_evidence) == ("2014-11-10", "dateline")
    assert (second.published, second.published_evidence) == ("2014-11-10", "other reports of the story")
    assert second.published_inferred and second.published_window == "2014-11-10/2014-11-10"


def test_a_stated_date_is_kept_as_stated(nlp):
    (report,) = extract_reports([RawReport(text="Officials met on Friday.", published="2024-10-18")], nlp=nlp)
    assert (report.published, report.published_inferred, report.published_evidence) == ("2024-10-18", False, "stated")
