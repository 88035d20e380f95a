"""Stage 5b: a date for each report its own text leaves undated, from the other reports of its story.

A report's own date comes from the page or its text (:mod:`claimledger.extract.times`) and never
from the reports analysed with it, so analysing in pieces equals analysing at once. Here, over the
whole set, a report with no date of its own takes one from the nearest reports that have one:
those it shares a claim with (or whose claim it answers), else those of the reports sharing a
claim with those, and so on out. Reports that carry one proposition are written around one time,
and the fewer steps apart the closer. Its window is the span of their dates, its date their
median (the estimate with the least absolute error when nothing tells which end is nearer).
Only dates the reports' own texts gave are used, so nothing is dated from a date that was itself
inferred here, and the result depends on the set of reports, not on their order. A report that
shares no claim with a dated one falls back on the dated reports quoting one of its named speakers
(a person, organisation or country, not an outlet; the one fewest dated reports quote, the closest
tie): reports of one story giving voice to the same actor are written in the same days, a weaker tie
than a shared claim, so it comes second.

With its date the report's time expressions are resolved again ("last year", "on Friday"), from
how extraction read them (:attr:`~claimledger.records.TimeExpression.reading`), and its statements
take it before the conflicts are sought (:func:`~claimledger.ledger.build.build_ledger`): who said
what first, a stance shift, figures a week apart all read statement dates.
"""
from __future__ import annotations

from collections import defaultdict

from claimledger.extract.times import resolve_times
from claimledger.ledger.stance import Answer
from claimledger.ledger.statements import Statement
from claimledger.records import ReportDate, StoredReport, TimeExpression

EVIDENCE = "other reports of the story"


def story_dates(reports: list[StoredReport], statements: list[Statement], groups: list[list[int]],
                answered: list[Answer], speakers: dict[str, str]) -> dict[str, ReportDate]:
    """Report id → date, for each undated report linked by shared claims (or, failing that, named
    speakers: ``speakers`` maps an attribution id to its actor's entity) to a dated one."""
    own = {r.id: r.extraction.published[:10] for r in reports if r.extraction.published}
    docs_of = [{statements[i].doc for i in m} for m in groups]
    for a in answered:  # a response and what it answers are one matter
        for target in (a.target, *a.also):
            docs_of[a.group] = docs_of[a.group] | docs_of[target]
    actors_of: dict[str, set[str]] = defaultdict(set)  # report → the actors it quotes
    quoting: dict[str, set[str]] = defaultdict(set)  # actor → the dated reports quoting it
    for st in statements:
        if st.aid in speakers:
            actors_of[st.doc].add(speakers[st.aid])
            if st.doc in own:
                quoting[speakers[st.aid]].add(st.doc)
    by_id = {r.id: r for r in reports}
    nearest_of = nearest_dated(docs_of, own)
    out = {}
    for doc in sorted(by_id):
        if doc in own:
            continue
        nearest, steps = nearest_of.get(doc, (frozenset(), 0))
        how = f"{len(nearest)} dated" + (f", {steps} claims away" if steps > 1 else "")
        if not nearest:  # the speaker quoted by the fewest dated reports is the closest tie
            actor = min((a for a in actors_of[doc] if quoting[a]), key=lambda a: (len(quoting[a]), a), default=None)
            nearest = quoting[actor] if actor is not None else set()
            how = f"{len(nearest)} dated, quoting the same speaker"
        if nearest:
            days = sorted(own[d] for d in nearest)
            middle = days[(len(days) - 1) // 2]
            out[doc] = ReportDate(middle, f"{days[0]}/{days[-1]}", f"{EVIDENCE} ({how})",
                                  times=redated(by_id[doc].extraction.times, middle))
    return out


def nearest_dated(docs_of: list[set[str]], own: dict[str, str]) -> dict[str, tuple[frozenset[str], int]]:
    """For each undated report sharing a claim with others: the dated reports fewest shared claims away, and
    how many steps.

    One breadth-first search from every dated report at once, crossing each claim once, gives each report
    its distance k. The dated reports nearest a report at distance k are those nearest its fellow members
    at distance k - 1 of the claims it shares with them, so each claim's set is formed once, from its
    members at its own nearest distance: linear in the claims' memberships and the sets' sizes, where a
    search from each undated report was quadratic in the size of a story.
    """
    groups_of: dict[str, list[int]] = defaultdict(list)
    for g, docs in enumerate(docs_of):
        for doc in docs:
            groups_of[doc].append(g)
    dist = {doc: 0 for doc in own}
    layers = [sorted(doc for doc in own if doc in groups_of)]
    reached: dict[int, int] = {}  # claim → the distance of its nearest members
    while layers[-1]:
        k, ring = len(layers) - 1, []
        for doc in layers[-1]:
            for g in groups_of[doc]:
                if g not in reached:
                    reached[g] = k
                    for member in docs_of[g]:
                        if member not in dist:
                            dist[member] = k + 1
                            ring.append(member)
        layers.append(sorted(ring))
    by_claim: dict[int, frozenset[str]] = {}  # claim → the dated reports nearest its nearest members

    def nearest(doc: str) -> frozenset[str]:
        if dist[doc] == 0:
            return frozenset({doc})
        sets = [by_claim_of(g) for g in groups_of[doc] if reached[g] == dist[doc] - 1]
        return sets[0] if len(sets) == 1 else frozenset().union(*sets)

    def by_claim_of(g: int) -> frozenset[str]:
        if g not in by_claim:
            sets = [nearest(m) for m in docs_of[g] if dist[m] == reached[g]]
            by_claim[g] = sets[0] if len(sets) == 1 else frozenset().union(*sets)
        return by_claim[g]

    return {doc: (nearest(doc), k) for k, layer in enumerate(layers) if k for doc in layer}


def redated(times: list[TimeExpression], day: str) -> list[TimeExpression]:
    """``times`` resolved against ``day``; one stored without its reading keeps its value."""
    if not any(t.reading for t in times):
        return list(times)
    again = iter(resolve_times([t.reading for t in times if t.reading], day))
    return [next(again) if t.reading else t for t in times]
