"""Cross-report reasoning: entities, claims, provenance, conflicts, timeline.

:func:`build_ledger` is the entry point. It is a pure function of the *set*
of stored reports (reports are processed in content-hash order), so adding
reports and rebuilding gives the same ledger as analysing everything at
once; sentence vectors are cached per text (see :mod:`embeddings`), so a
rebuild only embeds new statements. :func:`diff_ledgers` says what changed.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from claimledger.ledger.claims import (
    POLARITY,
    Statement,
    _head,
    cluster,
    figure_text,
    statement_text,
    subject_classes,
)
from claimledger.ledger.conflicts import (
    Found,
    attribution_conflicts,
    date_conflicts,
    figure_conflicts,
    stance_conflicts,
)
from claimledger.ledger.entities import resolve_entities
from claimledger.ledger.provenance import Origin, count_independent_by_date, origin_of
from claimledger.records import Claim, Conflict, Ledger, StoredReport, TimelineEntry, item_id

SUMMARY_CHARS = 200


def _statements(reports: list[StoredReport], res, media: set[str]) -> list[Statement]:
    out = []
    for r in reports:
        ext = r.extraction
        figs = defaultdict(list)
        for j, f in enumerate(ext.figures):
            if f.attribution is not None and f.kind == "count":
                figs[f.attribution].append(j)
        for i, a in enumerate(ext.attributions):
            aid = item_id(r.id, "a", i)
            o = origin_of(aid, a, r, res, media)
            when = a.date or ext.published
            text = statement_text(a)
            pol = POLARITY.get(a.stance, "pos")
            for j in figs.get(i) or [None]:
                fig = ext.figures[j] if j is not None else None
                out.append(Statement(aid, r.id, a, item_id(r.id, "f", j) if j is not None else None,
                                     fig, figure_text(a, fig) if fig else text, pol,
                                     None if o.echo else o.entity, when))
    return out


def _status(vouched: bool, named: bool, independent: int, kinds: set[str]) -> str:
    """``vouched``: some statement asserts (not only cannot-confirm); ``named``: some statement has an origin."""
    if "denied" in kinds:
        return "denied"
    if kinds:
        return "disputed"
    if not vouched or not named:
        return "unverified"
    return "corroborated" if independent >= 2 else "single_source"


def _summary(members: list[Statement], names: dict[str, str], source_of: dict[str, str]) -> str:
    best = min(members, key=lambda st: (st.origin is None, -len(st.text) if len(st.text) <= SUMMARY_CHARS else 0,
                                        st.aid))
    who = names.get(source_of.get(best.aid, ""), best.att.source.text if best.att.source else "report")
    text = best.text if len(best.text) <= SUMMARY_CHARS else best.text[:SUMMARY_CHARS - 1].rstrip() + "…"
    return f"{who}: {text}"


def build_ledger(reports: list[StoredReport]) -> Ledger:
    """The ledger of a story from all its stored reports (order-independent, deterministic)."""
    reports = sorted(reports, key=lambda r: (r.content_hash, r.id))
    res = resolve_entities(reports)
    names = {e.id: e.name for e in res.entities}
    media = {e.id for e in res.entities if e.type == "MEDIA"}
    person = {e.id for e in res.entities if e.type == "PERSON"}
    statements = _statements(reports, res, media)
    groups, vecs = cluster(statements)
    heads = subject_classes([_head(st.fig.subject) for st in statements if st.fig is not None])
    src = res.source_entity
    event_dates = {item_id(r.id, "f", j): f.as_of for r in reports
                   for j, f in enumerate(r.extraction.figures) if f.as_of}

    found: list[Found] = []
    found += attribution_conflicts(groups, statements, names, src, person)
    found += figure_conflicts(statements, heads, names, src)
    found += stance_conflicts(groups, statements, vecs, names, src)
    found += date_conflicts(groups, statements, event_dates, {r.id: r.extraction.published for r in reports})

    # Claims in order of first statement, so ids are stable as reports are added.
    def first(members):
        return min((statements[i].date or "9999", statements[i].aid) for i in members)

    order = sorted(range(len(groups)), key=lambda g: first(groups[g]))
    claim_id = {g: f"c{k + 1}" for k, g in enumerate(order)}
    aid_date = {st.aid: st.date or "" for st in statements}
    aid_claims: dict[str, set[int]] = defaultdict(set)
    for g, members in enumerate(groups):
        for i in members:
            aid_claims[statements[i].aid].add(g)
    conflict_kinds: dict[int, list[tuple[str, str]]] = defaultdict(list)  # claim → (date, kind)
    has_denial = [any(statements[i].polarity == "neg" for i in members) for members in groups]
    conflicts = []
    for k, f in enumerate(sorted(found, key=lambda f: (f.kind, f.sides, f.explanation))):
        touched = set(f.claim_idx) | {g for side in f.sides for aid in side for g in aid_claims[aid]}
        when = max(aid_date.get(aid, "") for side in f.sides for aid in side)
        for g in touched:
            denied = f.kind == "stance" and has_denial[g]
            conflict_kinds[g].append((when, "disputed" if denied or f.kind != "stance" else "denied"))
        conflicts.append(Conflict(id=f"k{k + 1}", kind=f.kind,
                                  attribution_ids=sorted({a for side in f.sides for a in side}),
                                  claim_ids=sorted({claim_id[g] for g in f.claim_idx}),
                                  explanation=f.explanation))
    origins = [Origin(st.origin, st.origin) for st in statements]
    claims = []
    for g in order:
        members = [statements[i] for i in groups[g]]
        dates = sorted({st.date for st in members if st.date})
        history: list[tuple[str, str]] = []
        cutoffs = sorted(set(dates) | {when for when, _ in conflict_kinds[g] if when}) or [None]
        independent = count_independent_by_date([origins[i] for i in groups[g]],
                                                 [st.att.content for st in members],
                                                 [st.date or "" for st in members], [*cutoffs, None])
        vouched = min((st.date or "" for st in members if st.polarity not in ("unc", "nc")), default=None)
        named = min((st.date or "" for st in members if st.origin is not None), default=None)
        for d, ind in zip(cutoffs, independent):
            kinds = {kd for when, kd in conflict_kinds[g] if d is None or when <= d}
            status = _status(vouched is not None and (d is None or vouched <= d),
                             named is not None and (d is None or named <= d), ind, kinds)
            if not history or history[-1][1] != status:
                history.append((d or "", status))
        ind = independent[-1]
        claims.append(Claim(
            id=claim_id[g], summary=_summary(members, names, src),
            attribution_ids=sorted({st.aid for st in members}),
            figure_ids=sorted({st.fid for st in members if st.fid}),
            doc_ids=sorted({st.doc for st in members}),
            sources=sorted({src.get(st.aid) or st.origin for st in members if src.get(st.aid) or st.origin}),
            independent_sources=ind, status=history[-1][1],
            first_reported=dates[0] if dates else None, last_reported=dates[-1] if dates else None,
            status_history=history))
    timeline = _timeline(claims, groups, order, statements)
    return Ledger(entities=res.entities, claims=claims, conflicts=conflicts, timeline=timeline,
                  source_entity=res.source_entity, via_entities=res.via_entities)


def _timeline(claims: list[Claim], groups, order, statements) -> list[TimelineEntry]:
    """One entry per claim and day it was stated (statements with a date of their own)."""
    entries: dict[tuple[str, str], list[str]] = defaultdict(list)
    for claim, g in zip(claims, order):
        for i in groups[g]:
            st = statements[i]
            if st.att.date:
                entries[(st.att.date, claim.id)].append(st.aid)
    by_id = {c.id: c for c in claims}
    return [TimelineEntry(date=d, summary=by_id[cid].summary, attribution_ids=sorted(set(aids)))
            for (d, cid), aids in sorted(entries.items())]


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


def changes_since(reports: list[StoredReport], since: str) -> tuple[int, list[str]]:
    """(reports added at or after ``since``, what they changed): the ledger of the older reports against all.

    ``since`` is an ISO date or time (UTC when no offset is given); a malformed one raises ValueError.
    """
    cutoff = _instant(since)
    old = [r for r in reports if _added(r) < cutoff]
    if len(old) == len(reports):
        return 0, []
    return len(reports) - len(old), diff_ledgers(build_ledger(old), build_ledger(reports))


__all__ = ["build_ledger", "changes_since", "diff_ledgers"]
