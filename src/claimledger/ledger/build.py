"""The ledger built from stored reports, stage by stage, and what changed between two ledgers.

statements → propositions → claims → stance → provenance → conflicts → status and timeline, and
the dates of reports their own texts leave undated (:mod:`dating`):
each stage is a module of this package with one job; :func:`build_ledger` runs them in order.
It is a pure function of the *set* of stored reports (reports are processed in content-hash
order), so adding reports and rebuilding gives the same ledger as analysing everything at once.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from claimledger.ledger.claims import cluster
from claimledger.ledger.conflicts import Evidence, find_conflicts
from claimledger.ledger.dating import story_dates
from claimledger.ledger.entities import resolve_entities
from claimledger.heap import collector_paused
from claimledger.ledger.params import DEFAULT_PARAMS, LedgerParams
from claimledger.ledger.propositions import propositions
from claimledger.ledger.quantities import figure_quantities
from claimledger.ledger.stance import answers, negations, relation
from claimledger.ledger.stance_model import remembered_rows
from claimledger.ledger.statements import collect_statements
from claimledger.ledger.status import Contest, history, summary, timeline
from claimledger.records import Claim, Conflict, Ledger, StoredReport


@collector_paused()
def build_ledger(reports: list[StoredReport], *, params: LedgerParams = DEFAULT_PARAMS) -> Ledger:
    """The ledger of a story from all its stored reports (order-independent, deterministic)."""
    with remembered_rows():
        return _build(sorted(reports, key=lambda r: (r.content_hash, r.id)), params)


def _build(reports: list[StoredReport], params: LedgerParams) -> Ledger:
    res = resolve_entities(reports)
    names = {e.id: e.name for e in res.entities}
    media = {e.id for e in res.entities if e.type == "MEDIA"}
    person = {e.id for e in res.entities if e.type == "PERSON"}
    actors = {e.id for e in res.entities if e.type in ("PERSON", "ORG", "GPE")}
    statements = collect_statements(reports, res, media)
    props = propositions(statements, params=params)
    groups, matcher, candidates = cluster(statements, props, params=params)
    for i in negations(statements, groups, matcher, candidates):  # a denial from here on, in words and proposition
        statements[i].polarity = "neg"
        props[i] = replace(props[i], polarity="neg")
    groups, answered = answers(statements, props, groups, matcher, candidates, params=params)
    report_dates = story_dates(reports, statements, groups, answered,
                               {aid: e for aid, e in res.source_entity.items() if e in actors})
    for st in statements:  # a report dated from its story: its statements were made about then
        if st.date is None and st.doc in report_dates:
            st.date = report_dates[st.doc].date
    ev = Evidence(statements, props, groups, answered, matcher, candidates, names, res.source_entity, person,
                  {r.id: r.extraction.published for r in reports}, params)
    found = find_conflicts(ev)

    # Claims in order of first statement, so ids are stable as reports are added.
    order = sorted(range(len(groups)),
                   key=lambda g: min((statements[i].date or "9999", statements[i].aid) for i in groups[g]))
    claim_id = {g: f"c{k + 1}" for k, g in enumerate(order)}
    aid_date = {st.aid: st.date or "" for st in statements}
    groups_of_aid: dict[str, set[int]] = defaultdict(set)
    for g, m in enumerate(groups):
        for i in m:
            groups_of_aid[statements[i].aid].add(g)
    contests: dict[int, list[tuple[str, Contest]]] = defaultdict(list)
    polarity_of = {st.aid: st.polarity for st in statements}
    revised_on: dict[int, str] = {}
    for f in found:
        if f.revisions:  # an origin replacing a figure no one else gave: revised, not disputed; the new one stands
            for g, when in f.revisions:
                revised_on[g] = min(revised_on.get(g, when), when)
            continue
        when = max(aid_date.get(aid, "") for side in f.sides for aid in side)
        touched = set(f.claim_idx) or {g for side in f.sides for aid in side for g in groups_of_aid[aid]}
        kind: Contest = "conflict"
        if f.kind == "stance":
            kind = "doubt" if all(polarity_of[aid] == "unc" for aid in f.sides[-1]) else "denial"
        for g in touched:
            if statements[groups[g][0]].polarity == "pos":
                contests[g].append((when, kind))
    conflicts = [Conflict(id=f"k{k + 1}", kind=f.kind, attribution_ids=sorted({a for side in f.sides for a in side}),
                          claim_ids=sorted({claim_id[g] for g in f.claim_idx}), explanation=f.explanation)
                 for k, f in enumerate(found)]
    answer_of = {a.group: a.target for a in answered}
    responses: dict[int, list[int]] = defaultdict(list)
    for a in answered:
        for target in (a.target, *a.also):
            responses[target].append(a.group)
    src = res.source_entity
    claims, members_of = [], {}
    for g in order:
        members = [statements[i] for i in groups[g]]
        dates = sorted({st.date for st in members if st.date})
        hist, independent = history(members, contests[g], revised_on.get(g), params=params)
        stances = {st.aid: relation(st) for st in members}
        for r in responses[g]:
            stances.update({statements[i].aid: relation(statements[i]) for i in groups[r]})
        members_of[claim_id[g]] = members
        claims.append(Claim(
            id=claim_id[g], summary=summary(groups[g], statements, matcher.vecs),
            attribution_ids=sorted({st.aid for st in members}),
            figure_ids=sorted({st.fid for st in members if st.fid}),
            doc_ids=sorted({st.doc for st in members}),
            sources=sorted({src.get(st.aid) or st.origin for st in members if src.get(st.aid) or st.origin}),
            independent_sources=independent, status=hist[-1][1],
            first_reported=dates[0] if dates else None, last_reported=dates[-1] if dates else None,
            status_history=hist, answers=claim_id.get(answer_of.get(g, -1)), stances=stances))
    return Ledger(entities=res.entities, claims=claims, conflicts=conflicts, timeline=timeline(claims, members_of),
                  source_entity=res.source_entity, via_entities=res.via_entities,
                  report_dates=report_dates,
                  figure_quantities=figure_quantities(reports, params=params))


def diff_ledgers(old: Ledger, new: Ledger) -> list[str]:
    """What ``new`` adds to ``old``, one line each: new actors, claims, statements, status changes, conflicts."""
    lines = []
    old_names = {n.lower() for e in old.entities for n in (e.name, *e.aliases)}
    for e in new.entities:
        if not {n.lower() for n in (e.name, *e.aliases)} & old_names:
            lines.append(f"new {e.type.lower()}: {e.name}")
    old_by_attr = {a: c for c in old.claims for a in c.attribution_ids}
    for c in new.claims:
        before = {old_by_attr[a].id: old_by_attr[a] for a in c.attribution_ids if a in old_by_attr}
        if not before:
            lines.append(f"new claim ({c.status}): {c.summary}")
            continue
        prev = max(before.values(), key=lambda o: len(set(o.attribution_ids) & set(c.attribution_ids)))
        added = sorted(set(c.attribution_ids) - {a for o in before.values() for a in o.attribution_ids})
        if added:
            lines.append(f"claim gained {len(added)} statement(s) from {', '.join(sorted({a.split('.')[0] for a in added}))}: "
                         f"{c.summary}")
        if prev.status != c.status or prev.independent_sources != c.independent_sources:
            lines.append(f"claim {prev.status} ({prev.independent_sources} origin(s)) -> {c.status} "
                         f"({c.independent_sources}): {c.summary}")
    old_conf = {(k.kind, tuple(k.attribution_ids)) for k in old.conflicts}
    for k in new.conflicts:
        if (k.kind, tuple(k.attribution_ids)) not in old_conf:
            lines.append(f"new {k.kind} conflict: {k.explanation}")
    return lines


def _instant(iso: str) -> datetime:
    """An ISO date or time as an aware instant; without an offset it is UTC."""
    t = datetime.fromisoformat(iso.strip())
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def _added(report: StoredReport) -> datetime:
    """When a report was stored; a store row without a readable time counts as old."""
    try:
        return _instant(report.added_at)
    except (TypeError, ValueError):
        return datetime.min.replace(tzinfo=UTC)


def changes_since(reports: list[StoredReport], since: str, *,
                  build: Callable[[list[StoredReport]], Ledger] = build_ledger) -> tuple[int, list[str]]:
    """(reports added at or after ``since``, what they changed): the ledger of the older reports against all.

    ``since`` is an ISO date or time (UTC when no offset is given); a malformed one raises ValueError.
    ``build`` makes each ledger (a store's snapshots: :func:`claimledger.store.ledgers.stored_ledger`).
    """
    cutoff = _instant(since)
    old = [r for r in reports if _added(r) < cutoff]
    if len(old) == len(reports):
        return 0, []
    return len(reports) - len(old), diff_ledgers(build(old), build(reports))
