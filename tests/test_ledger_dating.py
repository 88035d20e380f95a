"""Undated reports dated by the other reports of their story, on reports written for these tests."""
from __future__ import annotations

from test_ledger_helpers import S, report

from claimledger.export.json import export_ledger
from claimledger.ledger import build_ledger
from claimledger.records import StoredReport


def _leak(doc: str, published: str | None, who: str) -> StoredReport:
    r = report(doc, published or "2000-01-01", [
        S(f"{who} said ammonia leaked from the Baltchem fertiliser plant near Gdansk.", who, kind="organisation",
          content="ammonia leaked from the Baltchem fertiliser plant near Gdansk")])
    if published is None:  # a text that states no date
        r.extraction.published = r.extraction.report.published = None
        r.extraction.published_inferred = True
    return r


def _other(doc: str) -> StoredReport:
    r = report(doc, "2000-01-01", [
        S("The council said the harbour ferry timetable will change in spring.", "The council", kind="organisation",
          content="the harbour ferry timetable will change in spring")])
    r.extraction.published = r.extraction.report.published = None
    return r


def test_an_undated_report_takes_the_median_date_of_the_reports_it_shares_a_claim_with():
    reports = [_leak("d1", "2025-06-10", "The fire service"), _leak("d2", "2025-06-14", "Police"),
               _leak("d3", "2025-06-11", "The health office"), _leak("d4", None, "Residents"), _other("d5")]
    ledger = build_ledger(reports)
    assert set(ledger.report_dates) == {"d4"}  # dated reports keep their own; d5 shares no claim
    when = ledger.report_dates["d4"]
    assert when.date == "2025-06-11" and when.window == "2025-06-10/2025-06-14"
    assert "other reports" in when.evidence
    # The same set in another order gives the same dates.
    assert build_ledger(list(reversed(reports))).report_dates == ledger.report_dates
    # The export shows the date, marked inferred, with its window and evidence.
    docs = {d["id"]: d for d in export_ledger(reports, ledger)["documents"]}
    assert docs["d4"]["published"] == "2025-06-11" and docs["d4"]["published_inferred"] is True
    assert docs["d4"]["published_window"] == "2025-06-10/2025-06-14"
    assert docs["d5"]["published"] is None and docs["d1"]["published"] == "2025-06-10"
