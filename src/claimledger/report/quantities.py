"""Figures grouped by the quantity they give, so each quantity is one series a reader can follow.

Which quantity a figure gives (a count's owner, counted class and aspect; a measure's dimension,
unit and what it measures) is worked out once by the ledger build and kept with the ledger
(:mod:`claimledger.ledger.quantities`, ``Ledger.figure_quantities``), so drawing the series
embeds nothing and loads no unit registry. A ledger made by hand, without them, has them
worked out here.

A source that gives a different value for one quantity on a later day than
before has *revised* it, when the ledger also found the two statements to be
one proposition with two values (a figure conflict citing both: "2,600 in the
first group" and "11,000 in all" are one series but not a revision); the point
says from what.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from claimledger.ledger.quantities import figure_quantities
from claimledger.records import item_id
from claimledger.report.context import LedgerContext, number, one_line

_CURRENCY = re.compile(r"^[A-Z]{3}$")


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


def amount(value: float | None, unit: str, qualifier: str = "exact") -> str:
    """1500 → '1,500'; 800000000 USD → 'USD 800 million'; 12 metric ton → '12 metric tons'; with the figure's
    ``qualifier``, 2 metric ton at most → 'at most 2 metric tons'."""
    if value is None:
        return ""
    text = number(value)
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size and float(value / size * 100).is_integer():
            text = f"{number(value / size)} {word}"
            break
    said = _QUALIFIER_WORDS.get(qualifier, "")
    if not unit:
        return said + text
    return said + (f"{unit} {text}" if _CURRENCY.match(unit) else f"{text} {_unit_for(value, unit)}")


#: How a figure's qualifier reads before it (English).
_QUALIFIER_WORDS = {"approx": "about ", "at_least": "at least ", "at_most": "at most ", "up_to": "up to "}
#: Units whose plural is not their name and "s" (English).
_IRREGULAR_PLURALS = {"foot": "feet", "inch": "inches", "century": "centuries"}


def _unit_for(value: float, unit: str) -> str:
    """A unit's name as it reads after a value: "1 metric ton", "12 metric tons", "3 miles per hour"."""
    if value == 1 or not re.fullmatch(r"[a-z ]+", unit):
        return unit
    head, per, rest = unit.partition(" per ")
    words = head.split()
    last = _IRREGULAR_PLURALS.get(words[-1], words[-1] if words[-1].endswith("s") else words[-1] + "s")
    return " ".join([*words[:-1], last]) + (per + rest if per else "")


def figure_series(ctx: LedgerContext) -> list[Series]:
    """Every quantity with its figures, the most widely sourced first (then the most figures, then by name)."""
    quantities = ctx.ledger.figure_quantities
    if quantities is None:
        quantities = figure_quantities(ctx.reports)
    series: dict[str, Series] = {}
    for fid, q in quantities.items():
        found = ctx.figure(fid)
        if found is None:
            continue
        f = found[1]
        when = ctx.item_date(fid)
        value, low, high = (v if v is None or not q.unit else v * q.scale for v in (f.value, f.low, f.high))
        series.setdefault(q.key, Series(q.key, q.label, q.unit)).points.append(
            Point(fid, day_of(when), when, ctx.source_name(fid), value, low, high, f.qualifier, one_line(f.text, 120)))
    contested: dict[str, set[int]] = {}  # statement id → the figure conflicts citing it
    for k, conflict in enumerate(ctx.ledger.conflicts):
        if conflict.kind == "figure":
            for aid in conflict.attribution_ids:
                contested.setdefault(aid, set()).add(k)
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


def _one_proposition(ctx: LedgerContext, a: str, b: str, contested: dict[str, set[int]]) -> bool:
    """Did the ledger find the statements of figures ``a`` and ``b`` to disagree on one proposition?"""
    aids = []
    for fid in (a, b):
        found = ctx.figure(fid)
        if found is None or found[1].attribution is None:
            return False
        aids.append(item_id(found[0].id, "a", found[1].attribution))
    return bool(contested.get(aids[0], set()) & contested.get(aids[1], set()))
