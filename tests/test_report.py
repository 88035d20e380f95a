"""The briefing: every sentence cites what it rests on; report text is inert in HTML and Markdown."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from claimledger.records import (
    Attribution, CleanText, Claim, Conflict, Entity, Figure, Ledger, RawReport, ReportExtraction, Source,
    StoredReport, TimelineEntry,
)
from claimledger.report.briefing import build_briefing, md_escape, render_html, render_markdown
from claimledger.report.context import LedgerContext

HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)> [x](javascript:alert(1)) # H | a |'


def _report(doc: str, text: str, outlet: str, published: str, statements, figures=()) -> StoredReport:
    """A stored report whose statements are (source, cue, content) found in ``text``."""
    atts = []
    for source, cue, content in statements:
        s0 = text.index(source)
        c0 = text.index(cue, s0)
        k0 = text.index(content)
        start = text.rfind("\n", 0, min(s0, k0)) + 1
        end = text.find("\n", max(c0, k0))
        end = len(text) if end < 0 else end
        atts.append(Attribution(start, end, text[start:end], Source(source, source, "organisation", s0, s0 + len(source)),
                                cue.rstrip("s"), c0, c0 + len(cue), content, k0, k0 + len(content), "indirect",
                                "denies" if cue == "denied" else "asserts", date=published))
    figs = []
    for phrase, value, qualifier, subject, att in figures:
        f0 = text.index(phrase)
        a = atts[att]
        figs.append(Figure(f0, f0 + len(phrase), phrase, a.sentence, value, qualifier, subject, attribution=att,
                           source=a.source, as_of=published))
    extraction = ReportExtraction(RawReport(text=text, title=f"Report {doc}", outlet=outlet, published=published),
                                  CleanText(text, list(range(len(text)))), published, False, atts, figs)
    return StoredReport(doc, extraction, doc * 8, "2025-03-08T00:00:00+00:00")


@pytest.fixture()
def ctx() -> LedgerContext:
    d1 = _report("d1", "The port authority said about 1,200 residents left the valley.\n"
                       "The water board denied that any gate was opened.\n", "Valley Courier", "2025-03-04",
                 [("The port authority", "said", "about 1,200 residents left the valley"),
                  ("The water board", "denied", "any gate was opened")],
                 [("about 1,200", 1200, "approx", "residents", 0)])
    d2 = _report("d2", f"The fire brigade said at least 3,000 residents left, and {HOSTILE}.\n", "Northwire",
                 "2025-03-06", [("The fire brigade", "said", f"at least 3,000 residents left, and {HOSTILE}")],
                 [("at least 3,000", 3000, "at_least", "residents", 0)])
    ledger = Ledger(
        entities=[Entity("e1", "Port Authority", "ORG"), Entity("e2", "Water Board", "ORG"),
                  Entity("e3", "Fire Brigade", "ORG")],
        claims=[
            Claim("c1", "Port Authority: residents left the valley", ["d1.a0", "d2.a0"], ["d1.f0", "d2.f0"],
                  ["d1", "d2"], ["e1", "e3"], 2, "corroborated", "2025-03-04", "2025-03-06",
                  [("2025-03-04", "single_source"), ("2025-03-06", "corroborated")]),
            Claim("c2", "Water Board: any gate was opened", ["d1.a1"], [], ["d1"], ["e2"], 1, "denied",
                  "2025-03-04", "2025-03-04", [("2025-03-04", "denied")]),
            Claim("c3", f"Fire Brigade: {HOSTILE}", ["d2.a0"], [], ["d2"], ["e3"], 1, "single_source",
                  "2025-03-06", "2025-03-06", [("2025-03-06", "single_source")]),
        ],
        conflicts=[Conflict("k1", "figure", ["d1.a0", "d2.a0"], ["c1"],
                            "Port Authority gives about 1,200 residents; Fire Brigade at least 3,000.")],
        timeline=[TimelineEntry("2025-03-04", "Port Authority: residents left the valley", ["d1.a0"])],
        source_entity={"d1.a0": "e1", "d1.a1": "e2", "d2.a0": "e3", "d1.f0": "e1", "d2.f0": "e3"},
    )
    return LedgerContext([d2, d1], ledger)


class _Blocks(HTMLParser):
    """Collects, outside headings, nav, header, svg, table heads and the appendix, text not inside a cited sentence."""

    SKIP = {"h1", "h2", "h3", "nav", "header", "svg", "thead", "style", "title", "q"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, dict]] = []
        self.loose: list[str] = []
        self.sentences = 0
        self.cited_units = 0

    def handle_starttag(self, tag, attrs):
        self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not data.strip():
            return
        tags = [t for t, _ in self.stack]
        attrs = [a for _, a in self.stack]
        if set(tags) & self.SKIP or any(a.get("id") == "cited" for a in attrs):
            return
        if any(a.get("class") in ("sentence", "cites", "none") for a in attrs):
            return
        if "tr" in tags:  # a sources-table row: its cite is in its last cell
            return
        self.loose.append(data.strip())


def test_every_html_sentence_carries_a_citation(ctx):
    briefing = build_briefing(ctx, since="2025-03-05")
    html = render_html(ctx, briefing)
    items = re.findall(r'<li id="s-[^"]+"><span class="sentence">(.*?)</span>(<sup class="cites">.*?</sup>)</li>', html)
    total = sum(len(s.sentences) for s in briefing.first_page + briefing.sections)
    assert total >= 8 and len(items) == total
    for _, cites in items:
        assert re.search(r'<a class="cite" href="#q-[^"]+"', cites), cites
    rows = re.findall(r'<tr class="row">.*?</tr>', html, flags=re.S)
    assert len(rows) == 3 and all('class="cite"' in r for r in rows)
    # nothing else in the body is prose: every loose piece of text is a heading, label or appendix
    parser = _Blocks()
    parser.feed(html)
    assert [t for t in parser.loose if not re.fullmatch(r"[\d\s·,:.-]*", t)] == []
    # every citation opens an appendix entry that quotes the sentence with its mention marked
    for target in set(re.findall(r'href="#(q-[^"]+)"', html)):
        assert f'id="{target}"' in html
    assert '<mark class="figure">about 1,200</mark>' in html


def test_sections_say_what_is_established_disputed_and_changed(ctx):
    briefing = build_briefing(ctx, since="2025-03-05")
    by_key = {s.key: s for s in briefing.sections}
    assert by_key["established"].sentences[0].quote.startswith("Port Authority: residents left")
    assert "2 independent origins (Port Authority, Fire Brigade)" in by_key["established"].sentences[0].plain
    denied = by_key["disputed"].sentences[0]
    assert "Water Board denies" in denied.plain and denied.cites[0] == "d1.a1"
    assert any("1,200" in s.plain and "3,000" in s.plain for s in by_key["disputed"].sentences)
    figures = by_key["figures"]
    assert len(figures.charts) == 1 and "≥3,000" in figures.charts[0]
    assert any(s.plain.startswith("residents: from 1,200") for s in figures.sentences)
    since = [s.plain for s in by_key["since"].sentences]
    assert any("went from single source to corroborated" in t for t in since)
    assert any("Northwire" in t for t in since) and not any("Valley Courier" in t for t in since)
    assert "since" not in {s.key for s in build_briefing(ctx).sections}


def test_report_text_is_inert_in_html(ctx):
    html = render_html(ctx, build_briefing(ctx))
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html.lower()
    assert 'http-equiv="Content-Security-Policy"' in html and "default-src 'none'" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing to fetch


def test_markdown_cites_every_line_and_escapes_report_text(ctx):
    md = render_markdown(ctx, build_briefing(ctx))
    body, _, notes = md.partition("## Cited sentences")
    lines = [ln for ln in body.splitlines() if ln.startswith("- ") or ln.startswith("| ") and "---" not in ln]
    prose = [ln for ln in lines if not ln.startswith("| Source |")]
    assert len(prose) >= 8
    assert all(re.search(r"\[\^\d+\]", ln) for ln in prose)
    used = set(re.findall(r"\[\^(\d+)\](?!:)", body))
    defined = set(re.findall(r"^\[\^(\d+)\]:", notes, flags=re.M))
    assert used == defined
    assert "<script>" not in md and "](javascript" not in md
    assert r"\<script\>alert\(1\)\</script\>" in md
    assert "**about 1,200**" in notes
    assert "port authority said **" in notes  # runs of a quoted sentence keep the spaces between them
    assert not re.search(r"[A-Za-z]\*\*[A-Za-z]", notes)


@pytest.mark.parametrize("text,expected", [
    ("# Heading", r"\# Heading"),
    ("1. list", r"1\. list"),
    ("- item", r"\- item"),
    ("a | b", r"a \| b"),
    ("[x](javascript:alert(1))", r"\[x\]\(javascript:alert\(1\)\)"),
    ("line\nbreak", "line break"),
])
def test_md_escape(text, expected):
    assert md_escape(text) == expected


def test_first_page_ranks_claims_and_keeps_to_its_length(ctx):
    briefing = build_briefing(ctx, since="2025-03-05")
    front = {s.key: s for s in briefing.first_page}
    assert list(front) == ["lede", "key-claims", "key-figures", "open-conflicts", "changed"]
    claims = front["key-claims"].sentences
    # two independent origins before one; the denied claim names who denies it
    assert claims[0].quote.startswith("Port Authority: residents left")
    assert "single source on 2025-03-04, corroborated from 2025-03-06" in claims[0].after
    assert "2 independent origins" in claims[0].after
    figures = front["key-figures"].sentences
    assert len(figures) == 1 and "1,200" in figures[0].plain and "3,000" in figures[0].plain
    assert front["open-conflicts"].sentences[0].cites == ["d1.a0", "d2.a0"]
    assert all(s.cites for section in briefing.first_page for s in section.sentences)
    assert len(build_briefing(ctx, top=1).first_page[1].sentences) == 1
    short = build_briefing(ctx, words=40)
    assert short.first_page_words <= 40 < briefing.first_page_words
    html = render_html(ctx, briefing)
    assert html.index('<section id="first-page">') < html.index('<section id="appendix">')
    md = render_markdown(ctx, briefing)
    first = md[md.index("## First page"):md.index("## Appendix")]
    assert first.count("\n- ") == sum(len(s.sentences) for s in briefing.first_page)
    assert "“Port Authority: residents left the valley” went from" in md  # spaces kept around the quotation


def _figures_ctx(figures: list[tuple[str, str, str, str, str | None, str]],
                 conflicts: list[Conflict] = ()) -> LedgerContext:
    """One report per figure, each the figure of one statement: (doc, sentence, figure text, subject, unit,
    date); the value is read from the text. ``conflicts`` are the ledger's."""
    reports, entities, source_entity = [], {}, {}
    for doc, sentence, phrase, subject, unit, published in figures:
        start = sentence.index(phrase)
        number = float("".join(ch for ch in phrase.split()[0] if ch.isdigit() or ch == "."))
        value = number * (1e6 if "million" in phrase else 1)
        speaker = sentence.split(" said")[0]
        source = Source(speaker, speaker, "person", 0, len(speaker))
        content = sentence.split(" said ", 1)[1].rstrip(".")
        said = Attribution(0, len(sentence), sentence, source, "say", len(speaker) + 1, len(speaker) + 5, content,
                           sentence.index(content), sentence.index(content) + len(content), "indirect", "asserts")
        figure = Figure(start, start + len(phrase), phrase, sentence, value, "exact", subject,
                        kind="measure" if unit else "count", unit=unit, attribution=0, source=source, as_of=published)
        extraction = ReportExtraction(RawReport(text=sentence, title=doc, outlet="Wire", published=published),
                                      CleanText(sentence, list(range(len(sentence)))), published, False, [said],
                                      [figure])
        reports.append(StoredReport(doc, extraction, doc * 8, "2025-03-08T00:00:00+00:00"))
        eid = entities.setdefault(speaker, f"e{len(entities) + 1}")
        source_entity[f"{doc}.f0"] = source_entity[f"{doc}.a0"] = eid
    ledger = Ledger(entities=[Entity(eid, name, "PERSON") for name, eid in entities.items()],
                    conflicts=list(conflicts), source_entity=source_entity)
    return LedgerContext(reports, ledger)


def test_figures_form_one_series_per_quantity():
    from claimledger.report.quantities import figure_series

    ctx = _figures_ctx([
        ("d1", "Mira Kovac said 10,000 North Korean troops had arrived.", "10,000", "North Korean troops", None,
         "2025-03-01"),
        ("d2", "Mira Kovac said 12,000 North Korean soldiers had arrived.", "12,000", "North Korean soldiers", None,
         "2025-03-04"),
        ("d3", "Ivo Lind said 800 million dollars was offered.", "800 million", "offer", "USD", "2025-03-02"),
        ("d4", "Ivo Lind said 500 million pounds was offered.", "500 million", "offer", "GBP", "2025-03-03"),
        ("d5", "Ana Roth said the slick was 3 kilometer long.", "3 kilometer", "slick", "kilometer", "2025-03-02"),
        ("d6", "Ana Roth said the slick was 1500 meter long.", "1500 meter", "slick", "meter", "2025-03-05"),
        ("d7", "Ana Roth said the talks took 2 year.", "2 year", "talks", "year", "2025-03-05"),
    ], [Conflict("k1", "figure", ["d1.a0", "d2.a0"], [], "Mira Kovac gave 10,000 and later 12,000: a revision.")])
    series = {s.key: s for s in figure_series(ctx)}
    assert len(set(series)) == len(series)
    troops = [s for s in series.values() if s.key.startswith("count|")]
    assert len(troops) == 1  # troops and soldiers of one owner, already arrived: one quantity
    (army,) = troops
    assert army.label.startswith("North Korean") and [p.value for p in army.points] == [10000, 12000]
    assert army.points[1].revised_from == 10000  # the same source, later, a different value of one proposition
    # Another value of that source for the same quantity that the ledger did not find to be the same proposition
    # ("2,600 in the first group", "11,000 in all") is a point of the series, not a revision.
    (length,) = [s for s in series.values() if "length" in s.label]
    assert not length.revisions
    money = sorted(s.unit for s in series.values() if s.key.startswith("measure|") and s.unit in ("USD", "GBP"))
    assert money == ["GBP", "USD"]  # currencies never share a series
    (length,) = [s for s in series.values() if "length" in s.label]
    assert length.unit == "kilometer" or length.unit == "meter"
    values = sorted(p.value for p in length.points)
    assert values in ([1.5, 3.0], [1500.0, 3000.0])  # converted into one unit
    assert not any("time" in s.label or s.unit == "year" for s in series.values())  # durations are not charted


def test_each_actor_is_named_one_way_and_the_reports_own_voice_by_its_outlet():
    text = "Kyiv officials said 40 people left. Zelensky said 50 people left. About 60 people left, police said."
    said = [("Kyiv officials", "said", "40 people left"), ("Zelensky", "said", "50 people left")]
    report = _report("d1", text, "Valley Courier", "2025-03-04", said)
    unsourced = Figure(text.index("About 60"), text.index("About 60") + 8, "About 60", text, 60, "approx", "people")
    voiced = Figure(text.index("50"), text.index("50") + 2, "50", text, 50, "exact", "people",
                    source=Source("Zelensky", "Zelensky", "person", text.index("Zelensky"), text.index("Zelensky") + 8))
    report.extraction.figures[:] = [unsourced, voiced]
    ledger = Ledger(entities=[Entity("e1", "Volodymyr Zelenskyy", "PERSON", ["Zelensky", "President Zelensky"])],
                    source_entity={})  # the ledger resolved neither statement nor figure
    ctx = LedgerContext([report], ledger)
    assert ctx.source_name("d1.a1") == ctx.source_name("d1.f1") == "Volodymyr Zelenskyy"  # by its alias
    assert ctx.source_key("d1.f1") == "e1"
    assert ctx.source_name("d1.f0") == "Valley Courier"  # no source: the outlet speaks
    assert ctx.source_name("d1.a0") == "Kyiv officials"  # a name no entity carries stays as written
