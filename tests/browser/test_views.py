"""The views an analyst reads first, at a desktop width (1280 px) and a phone width (390 px).

Each view is screenshotted at both widths into test-artifacts/ (``<view>-<width>.png``);
the checks are what a reader needs: the first page above the appendix with every
line cited, a claim page and the claims table without sideways scrolling, figure
charts with one series per quantity, a labelled graph, a map with its places.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)


@pytest.fixture(params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def sized(request, browser, server):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    page = context.new_page()
    yield page, request.param
    context.close()


def shot(page, name: str, width: int) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)


def texts(svg) -> list[str]:
    """The words drawn in an SVG (its <text> elements)."""
    return svg.locator("text").evaluate_all("els => els.map(e => e.textContent)")


def no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"


def test_briefing_first_page(sized, server):
    page, width = sized
    page.goto(server + "/briefing.html")
    first = page.locator("section#first-page")
    assert first.is_visible()
    box, appendix = first.bounding_box(), page.locator("section#appendix").bounding_box()
    assert box["y"] < appendix["y"]
    headings = first.locator("h3").all_inner_texts()
    assert headings[:4] == ["The story", "Key claims", "Key figures", "Open conflicts"]
    items = first.locator("ul.sentences > li")
    assert items.count() >= 4
    for k in range(items.count()):
        assert items.nth(k).locator("sup.cites a.cite").count() >= 1
    assert len(first.inner_text().split()) <= 500
    no_sideways_scroll(page, width)
    first.screenshot(path=str(ARTIFACTS / f"11-first-page-{width}.png"))
    cite = items.first.locator("a.cite").first
    target = cite.get_attribute("href")
    cite.click()
    assert page.url.endswith(target) and page.locator(target).is_visible()


def test_claims_table_and_a_claim_page(sized, server):
    page, width = sized
    page.goto(server + "/claims")
    rows = page.locator("table.claims tbody tr")
    assert rows.count() > 3
    no_sideways_scroll(page, width)
    first = rows.first
    link = first.locator("td").first
    assert link.bounding_box()["width"] > width * 0.5  # the claim's words get the room
    summary = link.inner_text().strip()
    assert not re.search(r"[,;:]$", summary) and not re.match(r"(?i)(said|says|according to)\b", summary)
    shot(page, "12-claims", width)
    link.locator("a").click()
    assert re.search(r"/claims/c\d+$", page.url)
    assert page.locator("p.summary").inner_text().strip() == summary
    no_sideways_scroll(page, width)
    shot(page, "13-claim", width)


def test_figures_one_chart_per_quantity(sized, server):
    page, width = sized
    page.goto(server + "/figures")
    sections = page.locator("section.chart")
    assert sections.count() >= 1
    keys = [sections.nth(k).get_attribute("data-quantity") for k in range(sections.count())]
    labels = page.locator("section.chart h2").all_inner_texts()
    assert len(set(keys)) == len(keys) and len(set(labels)) == len(labels)
    chart = page.locator("svg.chart").first
    drawn = set(texts(chart))
    sources = set(sections.first.locator("table.figures tbody td:nth-child(2)").all_inner_texts())
    # the legend names each source as the table does
    assert sources and all(s[:26].rstrip("…") in "\n".join(drawn) for s in sources)
    no_sideways_scroll(page, width)
    shot(page, "14-figures", width)


def test_graph_is_labelled(sized, server):
    page, width = sized
    page.goto(server + "/graph")
    graph = page.locator("svg.graph")
    assert graph.is_visible()
    labels = [t for t in texts(graph) if t.strip()]
    claims, sources = graph.locator("rect").count(), graph.locator("circle").count()
    assert claims >= 3 and sources >= 2 and len(labels) >= claims + sources
    assert graph.locator("path").count() >= claims  # every claim has at least one source drawn
    if width == 1280:
        box = graph.bounding_box()
        assert box["width"] <= width and box["height"] < 1400
        size = graph.locator("text").first.evaluate("e => e.getBoundingClientRect().height")
        assert size >= 10  # labels are drawn at a readable size, not shrunk to fit
    no_sideways_scroll(page, width)
    shot(page, "15-graph", width)


def test_map_places(sized, server):
    page, width = sized
    page.goto(server + "/map")
    assert page.locator("svg.map").is_visible()
    places = page.locator("table tbody tr td:first-child").all_inner_texts()
    assert "Kyiv" in places  # the hostile report names it
    assert page.locator("svg.map circle[fill='#D55E00']").count() == len(places)
    shot(page, "16-map", width)
