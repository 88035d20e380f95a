"""Stage 5b: a date for each report its own text leaves undated, from the other reports of its story.

A report's own date comes from the page or its text (:mod:`claimledger.extract.times`) and never
from the reports analysed with it, so analysing in pieces equals analysing at once. Here, over the
whole set, a report with no date of its own takes one from the reports it shares a claim with (or
whose claim it answers): reports that carry one proposition are written around one time. Its
window is the span of their dates, its date their median (the estimate with the least absolute
error when nothing tells which end is nearer). Only dates the reports' own texts gave are used,
so nothing is dated from a date that was itself inferred here, and the result depends on the set
of reports, not on their order.
"""
from __future__ import annotations

from collections import defaultdict

from claimledger.ledger.stance import Answer
from claimledger.ledger.statements import Statement
from claimledger.records import ReportDate, StoredReport

EVIDENCE = "other reports of the story"


def story_dates(reports: list[StoredReport], statements: list[Statement], groups: list[list[int]],
                answered: list[Answer]) -> dict[str, ReportDate]:
    """Report id → date, for each undated report that shares a claim with a dated one."""
    own = {r.id: r.extraction.published[:10] for r in reports if r.extraction.published}
    docs_of = [{statements[i].doc for i in m} for m in groups]
    for a in answered:  # a response and what it answers are one matter
        for target in (a.target, *a.also):
            docs_of[a.group] = docs_of[a.group] | docs_of[target]
    siblings: dict[str, set[str]] = defaultdict(set)
    for docs in docs_of:
        for doc in docs:
            if doc not in own:
                siblings[doc] |= {d for d in docs if d in own}
    out = {}
    for doc in sorted(siblings):
        days = sorted(own[d] for d in siblings[doc])
        if days:
            out[doc] = ReportDate(days[(len(days) - 1) // 2], f"{days[0]}/{days[-1]}",
                                  f"{EVIDENCE} ({len(days)} dated)")
    return out
