"""Disagreements a reader must see, each explained in one sentence.

Kinds:

* ``attribution``: near-identical words credited to different people;
* ``figure``: one count of one thing given as a total in one place and as an
  addition in another ("a total of 12,000" / "another 12,000"), or as done in
  one and still to come in another ("already sent" / "being prepared") within
  a week;
* ``stance``: a party moving from cannot-confirm or denial to assertion on
  the same matter (the reverse is mostly different matters in practice), and a party denying what another asserts;
* ``date``: one claim whose statements date the same event to days more
  than a week apart.

Only pairs that share a claim, or a figure block, or a party, are compared,
so the count of conflicts stays with real disagreements.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz

from claimledger.ledger.claims import Statement, _aspect, _clause, _head, _value_key
from claimledger.ledger.provenance import ECHO_MIN_WORDS, ECHO_RATIO

ADDITIVE = re.compile(r"\b(?:another|additional|more|further|extra|a further|a second)\s+(?:\S+\s+){0,1}$", re.I)
TOTAL = re.compile(r"\b(?:a total of|in total|in all|altogether|overall|total)\b", re.I)
DENIAL_TARGET = 0.45  # cosine between a denial and the assertion it denies
POSITION_TOPIC = 0.40  # cosine between a party's earlier and later statements on one matter
WEEK = 7


@dataclass(slots=True)
class Found:
    kind: str
    sides: list[list[str]]  # attribution ids on each side
    claim_idx: list[int]
    explanation: str


@lru_cache(maxsize=4096)
def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso and len(iso) >= 10 else None
    except ValueError:
        return None


def _near(a: Statement, b: Statement, source_of: dict[str, str]) -> bool:
    """Dated within a week of each other, and not one source in one report."""
    return (a.doc != b.doc or source_of.get(a.aid) != source_of.get(b.aid)) \
        and abs((_day(a.date) - _day(b.date)).days) <= WEEK


def _close(these: list[Statement], others: list[Statement], source_of: dict[str, str]) -> list[Statement]:
    """Those of ``these`` (in order) with a :func:`_near` partner among ``others`` (all dated).

    Partners are looked up by day, not by comparing every pair: a large block of one figure
    would otherwise cost its size squared.
    """
    by_day: dict[int, list[Statement]] = defaultdict(list)
    for o in others:
        by_day[_day(o.date).toordinal()].append(o)
    out = []
    for t in these:
        day = _day(t.date).toordinal()
        if any(_near(t, o, source_of) for d in range(day - WEEK, day + WEEK + 1) for o in by_day.get(d, ())):
            out.append(t)
    return out


def _name(eid: str | None, names: dict[str, str], st: Statement) -> str:
    if eid and eid in names:
        return names[eid]
    return st.att.source.text if st.att.source else "the report"


def figure_conflicts(statements: list[Statement], heads: dict[str, int], names: dict[str, str],
                     source_of: dict[str, str]) -> list[Found]:
    blocks: dict[tuple, list[Statement]] = defaultdict(list)
    for st in statements:
        if st.fig is not None and st.fig.kind == "count" and st.polarity == "pos":
            blocks[(_value_key(st.fig), heads.get(_head(st.fig.subject), -1))].append(st)
    found = []
    for (value, _), sts in sorted(blocks.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        if len({s.doc for s in sts}) < 2:
            continue
        num = f"{value:,}"
        clauses = [_clause(s) for s in sts]
        additive = [bool(ADDITIVE.search(before)) for before, _ in clauses]
        add = [s for s, a in zip(sts, additive) if a]
        tot = [s for s, a, c in zip(sts, additive, clauses) if not a and TOTAL.search(" ".join(c))]
        if add and tot:
            found.append(Found("figure", [sorted({s.aid for s in add}), sorted({s.aid for s in tot})], [],
                               f"{num} is given as an addition ('another {num}') by "
                               f"{_name(source_of.get(add[0].aid), names, add[0])} but as the total by "
                               f"{_name(source_of.get(tot[0].aid), names, tot[0])}."))
        aspects = [_aspect(c) for c in clauses]
        done = [s for s, a in zip(sts, aspects) if a == "done" and _day(s.date)]
        coming = [s for s, a in zip(sts, aspects) if a == "coming" and _day(s.date)]
        close_done, close_coming = _close(done, coming, source_of), _close(coming, done, source_of)
        if close_done:
            d0 = close_done[0]
            c0 = next(c for c in coming if _near(d0, c, source_of))
            sides = [sorted({d.aid for d in close_done}), sorted({c.aid for c in close_coming})]
            found.append(Found("figure", sides, [],
                               f"{_name(source_of.get(d0.aid), names, d0)} says {num} "
                               f"{d0.fig.subject or 'of them'} are already there ({d0.date}), while "
                               f"{_name(source_of.get(c0.aid), names, c0)} says they are still to come ({c0.date})."))
    return found


def attribution_conflicts(claims: list[list[int]], statements: list[Statement], names: dict[str, str],
                          source_of: dict[str, str], person: set[str]) -> list[Found]:
    found = []
    for ci, members in enumerate(claims):
        seen: dict[str, Statement] = {}
        for i in members:
            st = statements[i]
            eid = source_of.get(st.aid)
            if eid in person and st.aid not in seen:
                seen.setdefault(eid, st)
        speakers = sorted(seen)
        pair = None
        for x, a in enumerate(speakers):
            for b in speakers[x + 1:]:
                sa, sb = seen[a], seen[b]
                ta, tb = sa.att.content.lower(), sb.att.content.lower()
                if sa.doc != sb.doc and min(len(ta.split()), len(tb.split())) >= ECHO_MIN_WORDS \
                        and fuzz.partial_ratio(ta, tb) >= ECHO_RATIO:
                    pair = (sa, sb)
                    break
            if pair:
                break
        if pair:
            sa, sb = pair
            found.append(Found("attribution", [[sa.aid], [sb.aid]], [ci],
                               f"The same words are attributed to {names[source_of[sa.aid]]} in one report "
                               f"and to {names[source_of[sb.aid]]} in another."))
    return found


def stance_conflicts(claims: list[list[int]], statements: list[Statement], vecs: np.ndarray,
                     names: dict[str, str], source_of: dict[str, str]) -> list[Found]:
    found = []
    centroid = np.stack([vecs[m].mean(0) for m in claims]) if claims else np.zeros((0, vecs.shape[1]))
    norms = np.maximum(np.linalg.norm(centroid, axis=1, keepdims=True), 1e-9)
    centroid = centroid / norms
    pol = [statements[m[0]].polarity for m in claims]
    origins = [{statements[i].origin for i in m if statements[i].origin} for m in claims]
    # A party denying what others assert: each denial claim against its nearest asserted claim.
    targets: dict[int, list[int]] = defaultdict(list)
    pos_idx = [c for c in range(len(claims)) if pol[c] == "pos" and origins[c]]
    if pos_idx:
        pos_mat = centroid[pos_idx]
        for c in range(len(claims)):
            if pol[c] != "neg" or not origins[c]:
                continue
            sims = np.max(vecs[claims[c]] @ pos_mat.T, axis=0)
            top = np.argpartition(-sims, min(8, len(sims) - 1))[:8]
            for k in sorted(top, key=lambda k: (-float(sims[k]), int(k))):
                t = pos_idx[int(k)]
                if sims[k] < DENIAL_TARGET:
                    break
                if not origins[t] & origins[c]:
                    targets[t].append(c)
                    break
    for t, denials in sorted(targets.items()):
        deniers = sorted({names.get(o, o) for c in denials for o in origins[c]})
        asserters = sorted({names.get(o, o) for o in origins[t]})
        found.append(Found("stance", [sorted({statements[i].aid for c in denials for i in claims[c]}),
                                      sorted({statements[i].aid for i in claims[t]})], [t, *sorted(denials)],
                           f"{' and '.join(deniers)} {'deny' if len(deniers) > 1 else 'denies'} what "
                           f"{' and '.join(asserters)} {'assert' if len(asserters) > 1 else 'asserts'}."))
    # A party changing position: cannot confirm / denies, then later asserts, on one matter.
    by_origin: dict[str, list[int]] = defaultdict(list)
    for i, st in enumerate(statements):
        if st.origin and _day(st.date):
            by_origin[st.origin].append(i)
    for origin, idx in sorted(by_origin.items()):
        # One statement per wording and day: repeats give the same row, and the first of them wins anyway.
        doubt = _distinct([i for i in idx if statements[i].polarity in ("unc", "neg")], statements)
        sure = _distinct([i for i in idx if statements[i].att.stance == "asserts"], statements)
        best = None
        if doubt and sure:
            cos = vecs[doubt] @ vecs[sure].T
            days_d = np.array([_day(statements[i].date).toordinal() for i in doubt])
            days_s = np.array([_day(statements[j].date).toordinal() for j in sure])
            cos[(days_s[None, :] - days_d[:, None]) <= 0] = -1.0
            x, y = np.unravel_index(int(np.argmax(cos)), cos.shape)
            if cos[x, y] >= POSITION_TOPIC:
                best = (float(cos[x, y]), doubt[x], sure[y])
        if best:
            _, i, j = best
            a, b = (i, j) if statements[i].date < statements[j].date else (j, i)
            sa, sb = statements[a], statements[b]
            verb = {"unc": "could not confirm", "neg": "denied", "pos": "asserted"}
            found.append(Found("stance", [[sa.aid], [sb.aid]], [],
                               f"{names.get(origin, origin)} {verb[sa.polarity]} it on {sa.date[:10]} "
                               f"but {verb[sb.polarity]} it on {sb.date[:10]}."))
    return found


def _distinct(idx: list[int], statements: list[Statement]) -> list[int]:
    """The first statement of each (wording, day), in order."""
    first: dict[tuple, int] = {}
    for i in idx:
        first.setdefault((statements[i].text, _day(statements[i].date)), i)
    return list(first.values())


def date_conflicts(claims: list[list[int]], statements: list[Statement], event_dates: dict[str, str],
                   published: dict[str, str | None]) -> list[Found]:
    """Statements of one claim dating its event (a figure's ``as_of``) more than a week apart.

    A date after the report's own date is a forecast ("ready by 1 November"), not a dating, and is left out.
    """
    found = []
    for ci, members in enumerate(claims):
        dated = [(event_dates[st.fid], st) for st in (statements[i] for i in members)
                 if st.fid in event_dates and _day(event_dates[st.fid])
                 and (not _day(published.get(st.doc)) or _day(event_dates[st.fid]) <= _day(published[st.doc]))]
        if len({st.doc for _, st in dated}) < 2:
            continue
        dated.sort(key=lambda x: (x[0], x[1].aid))
        (d1, s1), (d2, s2) = dated[0], dated[-1]
        if (_day(d2) - _day(d1)).days > WEEK and s1.doc != s2.doc:
            found.append(Found("date", [[s1.aid], [s2.aid]], [ci],
                               f"One report dates this to {d1[:10]} and another to {d2[:10]}."))
    return found
