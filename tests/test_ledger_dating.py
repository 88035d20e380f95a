"""Undated reports dated by the other reports of their story, on reports written for these tests."""
from __future__ import annotations

from hypothesis import given, strategies as st
from test_ledger_helpers import S, report

from claimledger.export.json import export_ledger
from claimledger.ledger import build_ledger
from claimledger.ledger.dating import nearest_dated
from claimledger.extract.pipeline import extract_reports
from claimledger.records import RawReport, StoredReport
from claimledger.store import Store


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


def _strike(doc: str, published: str | None, who: str, *contents: str) -> StoredReport:
    r = report(doc, published or "2000-01-01",
               [S(f"{who} said {c}.", who, kind="organisation", content=c) for c in contents])
    if published is None:
        r.extraction.published = r.extraction.report.published = None
    return r


def test_a_report_sharing_no_claim_with_a_dated_one_takes_the_nearest_dated_reports_date():
    """d3 shares a claim only with d2, which is undated and shares another with d1: d1's date, two steps out."""
    walkout, diverted = "dock workers in Rotterdam walked out over pay", "container ships were diverted to Antwerp"
    d1 = _strike("d1", "2025-03-04", "The union", walkout)
    d2 = _strike("d2", None, "Port officials", walkout, diverted)
    d3 = _strike("d3", None, "Shipping lines", diverted)
    ledger = build_ledger([d1, d2, d3])
    assert ledger.report_dates["d2"].date == ledger.report_dates["d3"].date == "2025-03-04"
    assert "claims away" not in ledger.report_dates["d2"].evidence
    assert "2 claims away" in ledger.report_dates["d3"].evidence


def test_an_undated_reports_relative_times_are_resolved_against_the_date_its_story_gives(tmp_path):
    """Extraction cannot place "on Thursday" or "last year" in a report with no date; once the ledger
    dates it from another report, they are resolved, also after a round trip through the store."""
    dated = RawReport(text="The fire service said on Thursday that ammonia leaked from the Baltchem fertiliser "
                           "plant near Gdansk.", published="2025-06-13", path="a.txt")
    undated = RawReport(text="Residents said on Thursday that ammonia leaked from the Baltchem fertiliser plant "
                             "near Gdansk. The plant failed an inspection last year, the regional inspectorate "
                             "said.", path="b.txt")
    with Store.open(tmp_path / "s.db") as store:
        for extraction in extract_reports([dated, undated]):
            store.add(extraction)
        reports = store.reports()
    b = next(r for r in reports if r.extraction.report.path == "b.txt")
    assert b.extraction.published is None
    assert {t.text: t.value for t in b.extraction.times} == {"on Thursday": None, "last year": None}
    ledger = build_ledger(reports)
    assert ledger.date_of(b) == "2025-06-13"
    assert {t.text: t.value for t in ledger.times_of(b)} == {"on Thursday": "2025-06-12", "last year": "2024"}
    exported = {t["text"]: t["value"] for t in export_ledger(reports, ledger)["times"] if t["doc_id"] == b.id}
    assert exported == {"on Thursday": "2025-06-12", "last year": "2024"}


def test_a_report_sharing_no_claim_falls_back_on_the_dated_reports_quoting_its_speaker():
    """d3 shares no claim with anyone but quotes the mayor, whom d1 (dated) also quotes: d1's date.
    d4 quotes only a council no dated report quotes and stays undated."""
    mayor = "Mayor Elena Ruiz"
    d1 = report("d1", "2025-05-02", [
        S(f"{mayor} said the bridge on Route 9 would close for repairs.", mayor, name="Elena Ruiz",
          content="the bridge on Route 9 would close for repairs")])
    d2 = report("d2", "2025-05-20", [
        S("The port authority said cargo volumes fell by a tenth.", "The port authority", kind="organisation",
          content="cargo volumes fell by a tenth")])
    d3 = report("d3", "2000-01-01", [
        S(f"{mayor} said the city would hire forty new teachers.", mayor, name="Elena Ruiz",
          content="the city would hire forty new teachers")])
    d3.extraction.published = d3.extraction.report.published = None
    ledger = build_ledger([d1, d2, d3, _other("d4")])
    assert set(ledger.report_dates) == {"d3"}
    when = ledger.report_dates["d3"]
    assert when.date == "2025-05-02" and when.window == "2025-05-02/2025-05-02"
    assert "same speaker" in when.evidence


def test_statements_of_a_story_dated_report_carry_its_date_into_the_claims_and_conflicts():
    """d2 states no date; it shares the convoy claim with d3 and d4 (5, 6 Sept) and the ministry's 'could not
    confirm' (1 Sept) answers it, so its assertion is dated 5 Sept: a stance shift of one origin."""
    ministry = "The Defence Ministry"
    crossed = "the convoy crossed the border at Narva"
    d1 = report("d1", "2025-09-01", [S(f"{ministry} said it could not confirm that {crossed}.", ministry,
                                       kind="organisation", content=f"it could not confirm that {crossed}",
                                       stance="cannot_confirm")])
    d2 = report("d2", "2000-01-01", [S(f"{ministry} said {crossed}.", ministry, kind="organisation",
                                       content=crossed)])
    d2.extraction.published = d2.extraction.report.published = None
    d3 = report("d3", "2025-09-05", [S(f"Border guards said {crossed}.", "Border guards", kind="organisation",
                                       content=crossed)])
    d4 = report("d4", "2025-09-06", [S(f"Local police said {crossed}.", "Local police", kind="organisation",
                                       content=crossed)])
    ledger = build_ledger([d1, d2, d3, d4])
    assert ledger.report_dates["d2"].date == "2025-09-05"  # the median of 1, 5 and 6 September
    claim = next(c for c in ledger.claims if "d2.a0" in c.attribution_ids)
    assert "d3.a0" in claim.attribution_ids and claim.first_reported == "2025-09-05"
    shifts = [k for k in ledger.conflicts if k.kind == "stance" and {"d1.a0", "d2.a0"} <= set(k.attribution_ids)]
    assert len(shifts) == 1 and "2025-09-05" in shifts[0].explanation


def _searched_from_each(docs_of: list[set[str]], own: dict[str, str]) -> dict[str, tuple[frozenset[str], int]]:
    """The definition: from each undated report, breadth first over shared claims until a ring holds a dated one."""
    neighbours: dict[str, set[str]] = {}
    for docs in docs_of:
        for doc in docs:
            neighbours.setdefault(doc, set()).update(docs - {doc})
    out = {}
    for doc in neighbours:
        if doc in own:
            continue
        seen, ring, steps = {doc}, {doc}, 0
        while ring:
            steps += 1
            ring = {n for d in ring for n in neighbours[d]} - seen
            if dated := {d for d in ring if d in own}:
                out[doc] = (frozenset(dated), steps)
                break
            seen |= ring
    return out


@given(st.lists(st.sets(st.integers(0, 14), min_size=1, max_size=5), max_size=12), st.sets(st.integers(0, 14)))
def test_the_nearest_dated_reports_are_those_a_search_from_each_report_finds(claims, dated):
    """One search from all dated reports at once gives what a search from each undated report would."""
    docs_of = [{f"d{i}" for i in claim} for claim in claims]
    own = {f"d{i}": f"2025-03-{i + 1:02d}" for i in dated}
    assert nearest_dated(docs_of, own) == _searched_from_each(docs_of, own)
