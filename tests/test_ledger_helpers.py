"""Build StoredReport records from sentences written for the ledger tests.

Extraction is tested elsewhere; here each statement's source, stance and
figures are given by hand, so the ledger tests exercise only cross-report
reasoning.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from claimledger.records import (
    Attribution,
    CleanText,
    Figure,
    RawReport,
    ReportExtraction,
    Source,
    StoredReport,
)


@dataclass
class S:
    """One statement: the sentence, who said it, and what the extractor would have found."""

    sentence: str
    source: str | None = None
    kind: str = "person"
    name: str | None = None
    content: str | None = None
    stance: str = "asserts"
    via: list[str] = field(default_factory=list)
    date: str | None = None
    # text, value, qualifier, subject (a count), or text, value, qualifier, subject, unit (a measure)
    figures: list[tuple] = field(default_factory=list)
    clauses: list = field(default_factory=list)  # the content's clauses (records.Clause), as the parse gives them


def report(doc_id: str, published: str, statements: list[S], outlet: str | None = None,
           prefix: str = "", copy_of: str | None = None) -> StoredReport:
    text = prefix
    attributions, figures = [], []
    for st in statements:
        start = len(text) + (1 if text else 0)
        text = (text + " " if text else "") + st.sentence
        end = start + len(st.sentence)
        content = st.content or st.sentence
        c0 = text.index(content, start)
        src = None
        if st.source:
            s0 = text.find(st.source, start)
            src = Source(text=st.source, name=st.name or st.source, kind=st.kind,
                         start=s0 if s0 >= 0 else None, end=s0 + len(st.source) if s0 >= 0 else None)
        idx = len(attributions)
        attributions.append(Attribution(
            start=start, end=end, sentence=st.sentence, source=src, cue="say", cue_start=start, cue_end=start,
            content=content, content_start=c0, content_end=c0 + len(content), quote="indirect",
            stance=st.stance, via=list(st.via), date=st.date, clauses=list(st.clauses)))
        for ftext, value, qual, subject, *unit in st.figures:
            f0 = text.index(ftext, start)
            figures.append(Figure(start=f0, end=f0 + len(ftext), text=ftext, sentence=st.sentence, value=value,
                                  qualifier=qual, subject=subject, attribution=idx, source=src,
                                  kind="measure" if unit else "count", unit=unit[0] if unit else None))
    raw = RawReport(text=text, title=None, outlet=outlet, published=published, path=f"{doc_id}.txt")
    ext = ReportExtraction(report=raw, clean=CleanText(text=text, offsets=list(range(len(text)))),
                           published=published, published_inferred=False,
                           attributions=attributions, figures=figures)
    digest = hashlib.sha256(text.encode()).hexdigest()
    return StoredReport(id=doc_id, extraction=ext, content_hash=digest, added_at=f"{published}T00:00:00",
                        copy_of=copy_of)


def test_report_builder_offsets_point_at_the_words():
    r = report("d1", "2025-03-02", [S("The minister said the bridge was closed.", "The minister",
                                      content="the bridge was closed")])
    a = r.extraction.attributions[0]
    assert r.extraction.clean.text[a.content_start:a.content_end] == "the bridge was closed"
    assert r.extraction.clean.text[a.source.start:a.source.end] == "The minister"
