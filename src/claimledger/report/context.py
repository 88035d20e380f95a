"""One read-only view of a ledger for everything a person reads (briefing, web UI, charts).

The ledger refers to statements by id (``d3.a7``, ``d3.f2``); readers need
the sentence behind an id with its mention marked, the name of its source
and the report it came from. :class:`LedgerContext` answers those questions
once, so the briefing and the web pages cannot disagree.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from claimledger.records import Attribution, Conflict, Entity, Figure, Ledger, StoredReport, item_id

#: Marks inside a cited sentence, strongest first when spans overlap.
ROLES = ("figure", "source", "cue", "content")
_RANK = {role: k for k, role in enumerate(ROLES)}

#: How each stance reads in a sentence ("X denies it").
STANCE_VERBS = {
    "asserts": "asserts",
    "denies": "denies",
    "cannot_confirm": "cannot confirm",
    "speculates": "speculates",
    "no_comment": "declines to comment",
}

QUALIFIER_WORDS = {"exact": "", "approx": "about", "at_least": "at least", "at_most": "at most", "up_to": "up to"}
QUALIFIER_SIGNS = {"exact": "=", "approx": "≈", "at_least": "≥", "at_most": "≤", "up_to": "≤"}

_ITEM = re.compile(r"^(d\d+)\.([af])(\d+)$")


@dataclass(slots=True)
class Segment:
    """A run of a sentence's text; ``role`` is ``None`` for unmarked text."""

    text: str
    role: str | None = None


@dataclass(slots=True)
class Quoted:
    """A cited sentence, cut into marked segments, with where it came from."""

    item: str
    doc: str
    segments: list[Segment]
    source: str
    stance: str | None
    date: str | None


@dataclass
class LedgerContext:
    reports: list[StoredReport]
    ledger: Ledger
    docs: dict[str, StoredReport] = field(init=False)
    entities: dict[str, Entity] = field(init=False)
    copies: dict[str, list[str]] = field(init=False)  # report id -> its near-copies ("also ran in")
    by_form: dict[str, str] = field(init=False)  # folded name or alias -> the one entity it names
    _conflicts_of: dict[str, list[Conflict]] | None = field(init=False, default=None, repr=False)
    _positions: dict[str, int] | None = field(init=False, default=None, repr=False)
    # Answers already looked up (a briefing asks for each statement's item, source and date many times).
    _found: dict[str, dict[str, tuple | None]] = field(init=False, default_factory=lambda: {"a": {}, "f": {}},
                                                       repr=False)
    _source_names: dict[str, str] = field(init=False, default_factory=dict, repr=False)
    _dates: dict[str, str | None] = field(init=False, default_factory=dict, repr=False)
    # Per report id: its figures by the id of the statement each is part of, in the report's order.
    _parts: dict[str, dict[str, list[Figure]]] = field(init=False, default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.reports = sorted(self.reports, key=lambda r: int(r.id[1:]))
        self.docs = {r.id: r for r in self.reports}
        self.entities = {e.id: e for e in self.ledger.entities}
        self.copies = {}
        for r in self.reports:
            if r.copy_of in self.docs:
                self.copies.setdefault(r.copy_of, []).append(r.id)
        forms: dict[str, set[str]] = {}
        for e in self.ledger.entities:
            for form in (e.name, *e.aliases):
                forms.setdefault(fold(form), set()).add(e.id)
        self.by_form = {form: next(iter(ids)) for form, ids in forms.items() if len(ids) == 1 and form}

    # Looking things up -----------------------------------------------------

    def attribution(self, aid: str) -> tuple[StoredReport, Attribution] | None:
        return self._item(aid, "a")  # type: ignore[return-value]

    def figure(self, fid: str) -> tuple[StoredReport, Figure] | None:
        return self._item(fid, "f")  # type: ignore[return-value]

    def _item(self, iid: str, kind: str):
        found = self._found[kind]
        if iid not in found:
            found[iid] = None
            match = _ITEM.match(iid)
            if match and match.group(2) == kind and match.group(1) in self.docs:
                report = self.docs[match.group(1)]
                items = report.extraction.attributions if kind == "a" else report.extraction.figures
                index = int(match.group(3))
                found[iid] = (report, items[index]) if index < len(items) else None
        return found[iid]

    def attribution_ids(self) -> list[str]:
        return [item_id(r.id, "a", i) for r in self.reports for i in range(len(r.extraction.attributions))]

    def figure_ids(self) -> list[str]:
        return [item_id(r.id, "f", i) for r in self.reports for i in range(len(r.extraction.figures))]

    def entity_name(self, eid: str | None) -> str | None:
        entity = self.entities.get(eid or "")
        return entity.name if entity else None

    def source_entity(self, iid: str) -> str | None:
        """The entity id of a statement's or figure's source.

        The ledger's own resolution first; a figure it did not resolve takes the
        entity of the statement it is part of; else the one entity whose name or
        alias is exactly the source's name. So a chart legend, a table and a
        summary name one actor one way.
        """
        eid = self.ledger.source_entity.get(iid)
        found = self.attribution(iid) or self.figure(iid)
        if eid or found is None:
            return eid
        report, item = found
        part_of = getattr(item, "attribution", None)
        if part_of is not None and (eid := self.ledger.source_entity.get(item_id(report.id, "a", part_of))):
            return eid
        if item.source is None:
            return None
        return self.by_form.get(fold(item.source.name)) or self.by_form.get(fold(item.source.text))

    def source_name(self, iid: str) -> str:
        """The resolved entity's name, else the name the report gives, else the report's outlet.

        A statement or figure with no source is the report's own voice; it is
        named by the outlet (or the address's host) when the report gives one.
        """
        if iid not in self._source_names:
            self._source_names[iid] = self._source_name(iid)
        return self._source_names[iid]

    def _source_name(self, iid: str) -> str:
        name = self.entity_name(self.source_entity(iid))
        if name:
            return name
        found = self.attribution(iid) or self.figure(iid)
        if found and found[1].source is not None:
            return found[1].source.name or found[1].source.text
        return self.outlet(found[0].id) if found else "the report itself"

    def outlet(self, doc: str) -> str:
        """The outlet that published a report, else its address's host, else 'the report itself'."""
        raw = self.docs[doc].extraction.report
        if raw.outlet:
            return one_line(raw.outlet, 80)
        host = urlsplit(raw.url or "").hostname or ""
        return host.removeprefix("www.") or "the report itself"

    def source_key(self, iid: str) -> str | None:
        """The entity id of a statement's source (see :meth:`source_entity`), else ``name:...``; None without one."""
        eid = self.source_entity(iid)
        if eid:
            return eid
        found = self.attribution(iid) or self.figure(iid)
        if found is None or found[1].source is None:
            return None
        return "name:" + one_line(self.source_name(iid))

    def doc_label(self, doc: str) -> str:
        """'Valley Courier, 2025-03-04' — the outlet (or title) and date a reader recognises."""
        report = self.docs[doc]
        raw = report.extraction.report
        who = raw.outlet or raw.title or doc
        when = self.published(doc) or "undated"
        return f"{who}, {when}"

    def published(self, doc: str) -> str | None:
        """A report's date: its own, else the one the other reports of its story give (:meth:`Ledger.date_of`)."""
        return self.ledger.date_of(self.docs[doc])

    def item_date(self, iid: str) -> str | None:
        """When a statement was made (or a figure held), else when its report was published; ISO dates only."""
        if iid not in self._dates:
            self._dates[iid] = self._item_date(iid)
        return self._dates[iid]

    def _item_date(self, iid: str) -> str | None:
        if (found := self.attribution(iid)) is not None:
            return _iso(found[1].date) or self.published(found[0].id)
        if (found := self.figure(iid)) is not None:
            return _iso(found[1].as_of) or self.published(found[0].id)
        if iid in self.docs:
            return self.published(iid)
        return None

    # Quoting ---------------------------------------------------------------

    def quote(self, iid: str) -> Quoted | None:
        """The sentence behind an attribution or figure id, its source, cue, content and figure marked."""
        if (found := self.attribution(iid)) is not None:
            report, a = found
            spans = [("content", a.content_start, a.content_end), ("cue", a.cue_start, a.cue_end)]
            if a.source is not None and a.source.start is not None and a.source.end is not None:
                spans.append(("source", a.source.start, a.source.end))
            for f in self._figure_parts(report).get(iid, ()):
                if a.start <= f.start:
                    spans.append(("figure", f.start, f.end))
            segments = _segments(report.extraction.clean.text, a.start, a.end, spans)
            return Quoted(iid, report.id, segments, self.source_name(iid), a.stance, self.item_date(iid))
        if (found := self.figure(iid)) is not None:
            report, f = found
            text = report.extraction.clean.text
            start = text.rfind(f.sentence, 0, f.end) if f.sentence else -1
            if start < 0 or start > f.start:
                start, end = f.start, f.end
            else:
                end = start + len(f.sentence)
            spans = [("figure", f.start, f.end)]
            if f.source is not None and f.source.start is not None and f.source.end is not None:
                spans.append(("source", f.source.start, f.source.end))
            return Quoted(iid, report.id, _segments(text, start, end, spans), self.source_name(iid), None,
                          self.item_date(iid))
        return None

    def _figure_parts(self, report: StoredReport) -> dict[str, list[Figure]]:
        """The report's figures that are part of a statement, by that statement's id (each report's
        figures read once, not once per statement quoted)."""
        parts = self._parts.get(report.id)
        if parts is None:
            parts = self._parts[report.id] = {}
            for f in report.extraction.figures:
                if f.attribution is not None:
                    parts.setdefault(item_id(report.id, "a", f.attribution), []).append(f)
        return parts

    def claim_stances(self, claim_ids: list[str]) -> list[tuple[str, str]]:
        """(attribution id, stance) for every statement of the claims (in the ledger's order of claims)."""
        position = self._claim_positions()
        out = []
        for k in sorted({position[c] for c in claim_ids if c in position}):
            for aid in self.ledger.claims[k].attribution_ids:
                if (found := self.attribution(aid)) is not None:
                    out.append((aid, found[1].stance))
        return out

    def conflicts_of(self, claim_id: str) -> list[Conflict]:
        """The conflicts over a claim, in the ledger's order."""
        if self._conflicts_of is None:
            self._conflicts_of = {}
            for k in self.ledger.conflicts:
                for cid in dict.fromkeys(k.claim_ids):
                    self._conflicts_of.setdefault(cid, []).append(k)
        return self._conflicts_of.get(claim_id, [])

    def _claim_positions(self) -> dict[str, int]:
        if self._positions is None:
            self._positions = {}
            for k, c in enumerate(self.ledger.claims):
                self._positions.setdefault(c.id, k)
        return self._positions


def _segments(text: str, start: int, end: int, spans: list[tuple[str, int, int]]) -> list[Segment]:
    """Cut ``text[start:end]`` into runs, each marked with the strongest role covering it."""
    marked = sorted((_RANK[name], s, e) for name, s, e in spans if name in _RANK)  # strongest first
    # Between two consecutive span ends every character is covered by the same spans.
    last = max(start, end)
    points = {start, last}
    for _, s, e in marked:
        points.add(min(max(s, start), last))
        points.add(min(max(e, start), last))
    cuts = sorted(points)
    runs: list[list] = []  # [role, from, to]: consecutive pieces of one role are one run, cut from the text once
    for a, b in zip(cuts, cuts[1:]):
        role = None
        for rank, s, e in marked:
            if s <= a and b <= e:
                role = ROLES[rank]
                break
        if runs and runs[-1][0] == role:
            runs[-1][2] = b
        else:
            runs.append([role, a, b])
    out = [Segment(text[a:b], role) for role, a, b in runs]
    # Trailing paragraph breaks are part of the stored span but not of the sentence.
    while out and not out[-1].text.strip():
        out.pop()
    if out:
        out[-1].text = out[-1].text.rstrip()
    return out


_ISO = re.compile(r"^\d{4}(?:-\d{2}){0,2}(?:/\d{4}(?:-\d{2}){0,2})?$")


def _iso(value: str | None) -> str | None:
    """An ISO date, month, year or span as given, anything else (an unresolved marker) as None."""
    return value if value and _ISO.match(value) else None


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """A name compared loosely: case, accents, apostrophe style and a leading 'the' ignored."""
    flat = unicodedata.normalize("NFKD", " ".join(name.split())).encode("ascii", "ignore").decode().lower()
    return re.sub(r"^the ", "", flat.replace("'", ""))


def one_line(text: str, limit: int | None = None) -> str:
    """Report text as one line (sentences may span paragraph breaks), cut to ``limit`` characters."""
    flat = " ".join(text.split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


def number(value: float | None) -> str:
    """1500 → '1,500'; 2.5 → '2.5'."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def figure_phrase(f: Figure) -> str:
    """'at least 1,500' or 'between 1,000 and 2,000'."""
    if f.low is not None and f.high is not None and f.low != f.high:
        return f"between {number(f.low)} and {number(f.high)}"
    words = QUALIFIER_WORDS.get(f.qualifier, "")
    return f"{words} {number(f.value)}".strip()
