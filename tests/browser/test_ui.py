"""Walk the UI as an analyst would, and feed it a hostile report: nothing it contains may run."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimledger.cli import BriefingFormat, report
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"  # made by the page fixture

pytestmark = pytest.mark.browser

PAGES = ["/", "/claims", "/sources", "/figures", "/timeline", "/graph", "/map", "/upload", "/briefing.html",
         "/reports/d7"]


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def assert_nothing_ran(page) -> None:
    assert page.evaluate("window.__pwned") is None, "a payload from the hostile report ran"
    assert page.watch.dialogs == [], f"a payload opened a dialog: {page.watch.dialogs}"
    assert page.watch.errors == [], page.watch.errors
    assert page.locator("script").count() == 0
    assert page.locator("iframe").count() == 0
    assert page.locator("img").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0


def test_overview_filter_claim_citation(page, server):
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "Story overview"
    assert "reports" in page.locator("ul.stats").first.inner_text()
    shot(page, "01-overview")

    page.click("text=Claims")
    total = page.locator("table.claims tbody tr").count()
    assert total > 5
    page.select_option("select[name=status]", "single_source")
    page.fill("input[name=q]", "gates")
    page.click("button[type=submit]")
    assert "status=single_source" in page.url and "q=gates" in page.url
    rows = page.locator("table.claims tbody tr")
    assert 0 < rows.count() < total
    assert all("single source" in t for t in rows.locator("td:nth-child(2)").all_inner_texts())
    shot(page, "02-claims-filtered")

    rows.first.locator("a").click()
    assert re.search(r"/claims/c\d+$", page.url)
    assert page.locator("svg.chain").count() == 1
    assert page.locator("blockquote.quote mark.content").count() >= 1
    shot(page, "03-claim")

    cite = page.locator("blockquote.quote a.cite").first
    item = cite.inner_text()
    cite.click()
    assert page.url.endswith(f"/sentences/{item}")
    highlighted = page.locator("#sentence mark")
    assert highlighted.count() >= 1
    assert highlighted.first.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    shot(page, "04-sentence")

    page.click("text=Read it in the report")
    anchor = page.locator(f"[id='{item.replace('.', '-')}']")
    assert anchor.count() == 1 and anchor.locator("mark").count() >= 1
    assert_nothing_ran(page)


def test_chart_graph_and_map_render(page, server):
    page.goto(server + "/figures")
    chart = page.locator("svg.chart").first
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 300 and box["height"] > 150
    assert chart.locator("circle").count() >= 2
    shot(page, "05-figures")
    chart.locator("a circle").first.click()
    assert "/sentences/" in page.url and page.locator("#sentence mark.figure").count() == 1

    page.goto(server + "/graph")
    graph = page.locator("svg.graph")
    assert graph.locator("circle").count() >= 3 and graph.locator("rect").count() >= 3
    assert graph.locator("path").count() >= 3
    shot(page, "06-graph")

    page.goto(server + "/map")
    assert page.locator("svg.map").is_visible()
    assert "Kyiv" in page.locator("table").inner_text()  # the hostile report names it
    shot(page, "07-map")
    assert page.watch.foreign == [], f"the UI fetched from elsewhere: {page.watch.foreign}"


def test_hostile_report_shows_as_text_everywhere(page, server):
    page.add_init_script("window.__pwned = undefined;")
    for path in PAGES:
        page.goto(server + path)
        assert_nothing_ran(page)
    page.goto(server + "/reports/d7")
    text = page.locator("main").inner_text()
    assert "<script>window.__pwned=1;alert(1)</script>" in text
    assert '"><img src=x onerror=alert(1)>' in text
    assert "[click me](javascript:alert(1))" in text
    assert page.locator("main").inner_text().count("javascript:") >= 3
    shot(page, "08-hostile-report")
    page.goto(server + "/sources")
    for href in [a.get_attribute("href") for a in page.locator("main a").all()]:
        page.goto(server + href)
        assert_nothing_ran(page)
    page.goto(server + "/claims?q=Dorhaven")
    for href in [a.get_attribute("href") for a in page.locator("table.claims a").all()]:
        page.goto(server + href)
        assert_nothing_ran(page)
    page.goto(server + "/claims?q=" + "%22%3E%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E")
    assert_nothing_ran(page)
    assert page.locator("input[name=q]").input_value() == '"><script>window.__pwned=1</script>'


def test_every_response_carries_a_strict_csp(page, server):
    for path in ["/", "/claims", "/claims/c1", "/figures"]:
        response = page.goto(server + path)
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"


def test_briefing_file_makes_no_request_and_runs_nothing(page, server, ledger_db, tmp_path):
    out = tmp_path / "briefing.html"
    report(output=out, db=str(ledger_db), format=BriefingFormat.html, since=None)
    requests: list[str] = []
    page.context.route("**/*", lambda route: (requests.append(route.request.url), route.continue_()))
    page.goto(out.as_uri())
    assert requests == [out.as_uri()], f"the briefing fetched: {requests[1:]}"
    assert_nothing_ran(page)
    assert page.locator("svg.chart").count() >= 1
    shot(page, "09-briefing")
    cite = page.locator("sup.cites a.cite").first
    target = cite.get_attribute("href")
    cite.click()
    assert page.url.endswith(target)
    quoted = page.locator(target)
    assert quoted.evaluate("e => getComputedStyle(e).borderLeftColor") != "rgba(0, 0, 0, 0)"
    assert "<script>window.__pwned=1;alert(1)</script>" in page.locator("body").inner_text()


def test_upload_shows_progress_then_adds_the_report(page, server):
    page.goto(server + "/upload")
    page.fill("input[name=title]", "Ferry resumes on the Oska")
    page.fill("input[name=outlet]", "Harbour Gazette")
    page.fill("textarea[name=text]",
              "The ferry between Brennick and Lowfield resumed on Thursday, the port authority said. "
              "About 200 passengers crossed in the first hour, according to the operator.")
    page.click("button[type=submit]")
    assert "/jobs/" in page.url
    assert page.locator("progress").count() == 1
    shot(page, "10-upload-progress")
    page.wait_for_selector("text=See the claims", timeout=120_000)
    added = page.locator("main a[href^='/reports/']").first
    added.click()
    assert page.locator("h1").inner_text() == "Ferry resumes on the Oska"
    assert page.locator("a.statement mark").count() >= 1
