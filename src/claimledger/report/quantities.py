"""Figures grouped by the quantity they give, so each quantity is one series a reader can follow.

A count's quantity is who it belongs to (the proper words before the counted
noun: "North Korean"), the class of thing counted and its aspect (already
sent, still to come, an addition, a total). Counted classes and aspects are
the ledger's own (:mod:`claimledger.ledger.propositions`): "troops",
"soldiers" and "forces" of one army are one class, so they are one series,
while "hospitalised" and "evacuated" people are not. A count that names no
owner joins its class's series when the class has one named owner only.

A measure's quantity is its dimension and unit (money in one currency,
mass, area…) and, when it says what it measures, the class of that; values
of one dimension are converted to the unit most of them use, and each
currency stays its own series. Durations and bare ratios ("two years",
"three times") describe rather than count, and are left out.

A source that gives a different value for one quantity on a later day than
before has *revised* it, when the ledger also found the two statements to be
one proposition with two values (a figure conflict citing both: "2,600 in the
first group" and "11,000 in all" are one series but not a revision); the point
says from what.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from claimledger.ledger.params import DEFAULT_PARAMS
from claimledger.ledger.propositions import aspect_of, clause_around, head_noun, subject_classes
from claimledger.records import Figure, item_id
from claimledger.report.context import LedgerContext, fold, number, one_line

ASPECT_WORDS = {"done": "already done", "coming": "still to come", "additional": "in addition", "total": "in total"}
_CURRENCY = re.compile(r"^[A-Z]{3}$")
#: Units that state a ratio or a duration, not an amount of the story's things.
_NOT_AMOUNTS = ("times", "percent", "percentage_point")
#: Leading words of a counted subject that name whose it is: capitalised ("North Korean", "Ukraine's").
_OWNER = re.compile(r"^((?:[A-Z][\w.’'-]*\s+)+)")


@dataclass(slots=True)
class Point:
    item: str  # figure id
    day: date | None
    when: str | None
    source: str
    value: float
    low: float | None
    high: float | None
    qualifier: str
    text: str
    revised_from: float | None = None  # this source's earlier value for the quantity, when it differs


@dataclass(slots=True)
class Series:
    """One canonical quantity's figures, oldest first."""

    key: str  # the canonical quantity: "count|north korean|troop|done" or "measure|USD|contract"
    label: str  # what a reader sees: "North Korean soldiers (already done)", "contract (money in USD)"
    unit: str  # the unit every value is in, readable ("USD", "metric ton"), "" for counts
    points: list[Point] = field(default_factory=list)

    @property
    def sources(self) -> int:
        return len({p.source for p in self.points})

    @property
    def revisions(self) -> list[Point]:
        return [p for p in self.points if p.revised_from is not None]


def day_of(iso: str | None) -> date | None:
    """The first day an ISO date, month, year or span stands for."""
    if not iso:
        return None
    parts = iso.split("/")[0].split("-")
    try:
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def amount(value: float | None, unit: str) -> str:
    """1500 → '1,500'; 800000000 USD → 'USD 800 million'; 12 metric ton → '12 metric ton'."""
    if value is None:
        return ""
    text = number(value)
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size and float(value / size * 100).is_integer():
            text = f"{number(value / size)} {word}"
            break
    if not unit:
        return text
    return f"{unit} {text}" if _CURRENCY.match(unit) else f"{text} {unit}"


def figure_series(ctx: LedgerContext) -> list[Series]:
    """Every quantity with its figures, the most widely sourced first (then the most figures, then by name)."""
    figures = [(fid, ctx.figure(fid)[1]) for fid in ctx.figure_ids()]
    counts = [(fid, f) for fid, f in figures if f.kind == "count" and head_noun(f.subject)]
    measures = [(fid, f) for fid, f in figures if f.kind == "measure" and f.unit and f.unit not in _NOT_AMOUNTS]
    series: dict[str, Series] = {}
    for key, label, unit, fid, value, scale in [*_count_keys(counts), *_measure_keys(measures)]:
        f = ctx.figure(fid)[1]
        when = ctx.item_date(fid)
        found = series.setdefault(key, Series(key, label, unit))
        found.points.append(Point(fid, day_of(when), when, ctx.source_name(fid), value,
                                  None if f.low is None else f.low * scale, None if f.high is None else f.high * scale,
                                  f.qualifier, one_line(f.text, 120)))
    contested = [set(k.attribution_ids) for k in ctx.ledger.conflicts if k.kind == "figure"]
    for s in series.values():
        s.points.sort(key=lambda p: (p.day or date.max, p.item))
        last: dict[str, Point] = {}
        for p in s.points:
            if p.day is None:
                continue
            before = last.get(p.source)
            if before is not None and before.day < p.day and before.value != p.value \
                    and _one_proposition(ctx, before.item, p.item, contested):
                p.revised_from = before.value
            last[p.source] = p
    return sorted(series.values(), key=lambda s: (-s.sources, -len(s.points), s.label))


def _one_proposition(ctx: LedgerContext, a: str, b: str, contested: list[set[str]]) -> bool:
    """Did the ledger find the statements of figures ``a`` and ``b`` to disagree on one proposition?"""
    aids = []
    for fid in (a, b):
        found = ctx.figure(fid)
        if found is None or found[1].attribution is None:
            return False
        aids.append(item_id(found[0].id, "a", found[1].attribution))
    return any(aids[0] in k and aids[1] in k for k in contested)


def _count_keys(counts: list[tuple[str, Figure]]):
    """(key, label, unit, figure id, value, scale) for counted figures: owner + counted class + aspect."""
    classes = subject_classes([head_noun(f.subject) for _, f in counts], DEFAULT_PARAMS.subject_class)
    rows = []
    for fid, f in counts:
        head = head_noun(f.subject)
        owner = _owner(f.subject)
        aspect = aspect_of(clause_around(f.sentence, f.text))
        rows.append((fid, f, classes.get(head, -1), owner, aspect, head))
    owners: dict[int, set[str]] = {}
    for _, _, cls, owner, _, _ in rows:
        if owner:
            owners.setdefault(cls, set()).add(owner)
    names: dict[int, Counter] = {}
    for _, f, cls, _, _, _ in rows:
        names.setdefault(cls, Counter())[_plural_head(f.subject)] += 1
    out = []
    for fid, f, cls, owner, aspect, head in rows:
        if not owner and len(owners.get(cls, ())) == 1:
            owner = next(iter(owners[cls]))
        noun = names[cls].most_common(1)[0][0]
        shown_owner = _shown_owner(owner, counts)
        label = f"{shown_owner} {noun}".strip() + (f" ({ASPECT_WORDS[aspect]})" if aspect else "")
        out.append((f"count|{owner}|{cls}|{aspect or ''}", label, "", fid, f.value, 1.0))
    return out


def _measure_keys(measures: list[tuple[str, Figure]]):
    """(key, label, unit, figure id, value, scale) for measures: dimension (or currency) + what is measured."""
    heads = [head_noun(f.subject) for _, f in measures]
    classes = subject_classes([h for h in heads if h], DEFAULT_PARAMS.subject_class)
    groups: dict[str, list[tuple[str, Figure, str]]] = {}
    for (fid, f), head in zip(measures, heads):
        dimension = f.unit if _CURRENCY.match(f.unit) else _dimension(f.unit)
        if dimension is None or dimension == "[time]":
            continue
        groups.setdefault(dimension, []).append((fid, f, head))
    out = []
    for dimension, members in groups.items():
        unit = Counter(f.unit for _, f, _ in members).most_common(1)[0][0]
        shown = unit if _CURRENCY.match(unit) else unit.replace("_", " ")
        what = {classes[h] for _, _, h in members if h}
        names: dict[int, Counter] = {}
        for _, f, h in members:
            if h:
                names.setdefault(classes[h], Counter())[_plural_head(f.subject)] += 1
        for fid, f, head in members:
            cls = classes[head] if head else (next(iter(what)) if len(what) == 1 else -1)
            kind = "money" if _CURRENCY.match(unit) else dimension.strip("[]").replace("_", " ")
            thing = names[cls].most_common(1)[0][0] if cls in names else ""
            label = f"{thing} ({kind} in {shown})" if thing else f"{kind} in {shown}"
            scale = _scale(f.unit, unit)
            out.append((f"measure|{dimension}|{cls}", label, shown, fid, f.value * scale, scale))
    return out


def _owner(subject: str) -> str:
    """The folded proper words before a counted noun ('North Korean troops' → 'north korean'), '' for none."""
    words = " ".join(subject.split())
    match = _OWNER.match(words)
    if not match or match.group(1).strip() == words:
        return ""
    return fold(re.sub(r"['’]s$", "", match.group(1).strip()))


def _shown_owner(owner: str, counts: list[tuple[str, Figure]]) -> str:
    """The owner as the reports most often write it."""
    if not owner:
        return ""
    written = Counter(re.sub(r"['’]s$", "", m.group(1).strip()) for _, f in counts
                      if (m := _OWNER.match(" ".join(f.subject.split()))) and _owner(f.subject) == owner)
    return written.most_common(1)[0][0] if written else owner


def _plural_head(subject: str) -> str:
    """The counted noun as written, lower-case ('North Korean Soldiers' → 'soldiers')."""
    return head_noun(subject) or one_line(subject.lower(), 40)


@lru_cache(maxsize=1)
def _registry():
    import pint

    return pint.UnitRegistry()


@lru_cache(maxsize=256)
def _dimension(unit: str) -> str | None:
    """pint's dimensionality of a normalised unit ('[length]'), None for a word pint does not know."""
    try:
        return str(_registry().Unit(unit).dimensionality)
    except (AttributeError, ValueError):  # pint's UndefinedUnitError is an AttributeError
        return None


@lru_cache(maxsize=256)
def _scale(unit: str, into: str) -> float:
    """How many ``into`` one ``unit`` is (1 for a currency: currencies are never converted)."""
    if unit == into or _CURRENCY.match(unit):
        return 1.0
    return float(_registry().Quantity(1, unit).to(into).magnitude)
