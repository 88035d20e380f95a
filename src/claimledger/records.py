"""Typed records passed between the stages of claimledger.

Ingestion produces :class:`RawReport`; cleaning turns its text into
:class:`CleanText`; per-report extraction produces :class:`ReportExtraction`
holding :class:`Attribution`, :class:`Figure` and :class:`TimeExpression`
records; storage persists them; outputs read them back.

Offsets are character offsets into the *cleaned* text unless a field says
otherwise. Dates are ISO 8601 strings: a day ``2024-10-18``, a month
``2024-06``, a year ``2024`` or a span ``2024-10-08/2024-10-13``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Stance = Literal["asserts", "denies", "cannot_confirm", "speculates", "no_comment"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Qualifier = Literal["exact", "approx", "at_least", "at_most", "up_to"]
SourceKind = Literal["person", "organisation", "state", "media", "anonymous", "generic", "document"]

STANCES: tuple[str, ...] = ("asserts", "denies", "cannot_confirm", "speculates", "no_comment")
QUALIFIERS: tuple[str, ...] = ("exact", "approx", "at_least", "at_most", "up_to")


@dataclass(slots=True)
class RawReport:
    """One report as read from disk or the network, before cleaning.

    ``published`` is an ISO date when the input states one (header line,
    HTML metadata, JSONL field); extraction infers one otherwise.
    """

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    path: str | None = None
    original: bytes | None = None  # the page as fetched from a URL, kept (compressed) so citations can be checked
    record_id: str | None = None  # WARC-Record-ID of a report read from a web archive (its offset is in ``path``)


@dataclass(slots=True)
class CleanText:
    """Body text with page furniture removed and broken lines repaired.

    ``offsets[i]`` is the index in the original text of cleaned character
    ``i`` (``len(offsets) == len(text)``), so any span found in the cleaned
    text can be shown in the page it came from. ``removed`` lists the lines
    dropped as furniture, for audit.
    """

    text: str
    offsets: list[int]
    removed: list[str] = field(default_factory=list)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned ``[start, end)`` span to the original text."""
        if start >= end or not self.offsets:
            pos = self.offsets[start] if start < len(self.offsets) else (self.offsets[-1] + 1 if self.offsets else 0)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(slots=True)
class Source:
    """Who a statement comes from, as the report names them.

    ``text`` is the mention in the sentence ("he", "the agency"); ``name`` is
    the fullest name the report gives for that actor ("Kyrylo Budanov") after
    pronoun and surname resolution within the report. ``start``/``end`` span
    the mention, or are ``None`` when the source is implicit.
    """

    text: str
    name: str
    kind: SourceKind
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of a statement's content: span in the cleaned text and its proposition slots (None: not
    given), read from the parse by :func:`claimledger.extract.slots.clauses_in`."""

    start: int
    end: int
    predicate: str
    agent: str | None = None
    theme: str | None = None
    place: str | None = None
    agent_named: bool = False  # the agent is a name (a proper noun or a named entity), not a pronoun or noun

    def slots(self) -> tuple[str, str | None, str | None, str | None, bool]:
        """What the ledger compares: the clause without its offsets."""
        return self.predicate, self.agent, self.theme, self.place, self.agent_named

    def to_json(self) -> list:
        return [self.start, self.end, self.predicate, self.agent, self.theme, self.place, self.agent_named]

    @classmethod
    def from_json(cls, row: list) -> Clause:
        return cls(int(row[0]), int(row[1]), str(row[2]), row[3], row[4], row[5], bool(row[6]))


@dataclass(slots=True)
class Attribution:
    """One reported statement: a source, a cue and what was said."""

    start: int  # span of the sentence(s) the statement stands in
    end: int
    sentence: str
    source: Source | None
    cue: str  # lemma of the cue ("say", "deny") or "according to"
    cue_start: int
    cue_end: int
    content: str
    content_start: int
    content_end: int
    quote: QuoteKind
    stance: Stance
    via: list[str] = field(default_factory=list)  # channels it came through, nearest first
    date: str | None = None  # when the statement was made
    writer_distance: str | None = None  # the reporter's own hedge: "allegedly", "claimed"
    continuation: bool = False  # a quotation continuing an earlier speaker without its own cue
    clauses: list[Clause] = field(default_factory=list)  # the content's clauses and their slots (extract.slots)


@dataclass(slots=True)
class Figure:
    """A number that counts something ("around 1,500 special forces").

    ``value`` is the point value; ``low``/``high`` bound a range ("a few
    thousand"). ``kind`` is ``count`` or ``measure`` (155mm, 100 miles):
    measures are kept so a reader can see them but never compared as counts.
    ``attribution`` indexes :attr:`ReportExtraction.attributions`.
    """

    start: int
    end: int
    text: str
    sentence: str
    value: float
    qualifier: Qualifier
    subject: str
    kind: Literal["count", "measure"] = "count"
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    attribution: int | None = None
    source: Source | None = None
    as_of: str | None = None


MentionKind = Literal["date", "span", "weekday", "relative", "after", "month", "quarter", "fixed", "other"]
Unit = Literal["day", "week", "weekend", "month", "quarter", "year", "decade", "century"]


@dataclass(frozen=True, slots=True)
class DateParts:
    """The calendar parts a text states; ``None`` where it leaves one out."""

    year: int | None = None
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True, slots=True)
class TimeMention:
    """One time expression as written, before any reference date is known.

    ``kind`` says how to read it: ``date`` (``first`` holds what is stated; a
    weekday given with it is kept in ``weekday``), ``span`` (``first`` to
    ``last``), ``weekday`` alone ("on Friday", ``modifier`` "last"/"next"/
    "this"), ``relative`` (``unit`` moved by ``shift``: "last week" is week
    −1, "this decade" decade 0; with ``window`` the ``shift`` units up to the
    reference, "in the past week"; with ``ago`` a point ``shift`` units back)
    or ``other`` (a time the rules cannot place, "the late 1980s"). ``month``
    is a month named against the report ("last March", ``modifier`` "last"/
    "next"/"this") and ``quarter`` a quarter of a year (``shift`` 1-4, the
    year in ``first``; with ``value`` "H" a half, ``shift`` 1-2); ``after``
    is ``shift`` days after the date the text named before it
    ("the next day", "a week later"; with ``unit`` "month" or "year", that
    many months or years from the time named before it, "a year earlier";
    with ``unit`` "quarter", the quarter named before it, "the quarter").
    ``fixed`` needs no reference date: its TimeML ``value`` is known from the
    words alone, a duration ("three years", ``P3Y``), a set ("every
    Thursday", ``XXXX-WXX-4``) or a reference to the present, past or
    future ("now", ``PRESENT_REF``). ``future`` marks a deadline or a
    future-tense sentence ("will be ready on November 1").
    """

    start: int
    end: int
    text: str
    kind: MentionKind
    first: DateParts = DateParts()
    last: DateParts | None = None
    weekday: int | None = None  # 0 = Monday
    modifier: str | None = None
    unit: Unit | None = None
    shift: int = 0
    window: bool = False
    ago: bool = False
    future: bool = False
    value: str | None = None


@dataclass(slots=True)
class TimeExpression:
    """A date or relative time ("on Friday", "Oct. 8") normalised to ISO.

    ``reading`` is how the words were read before the report's date was known, kept so a
    report dated later (by the other reports of its story) can resolve them again.
    """

    start: int
    end: int
    text: str
    value: str | None  # TimeML value: a day (with its clock time, "1998-02-11T22:00"), month, year, span,
    # duration ("P3M"), set or reference ("PRESENT_REF"); None when it cannot be resolved
    reading: TimeMention | None = None


@dataclass(slots=True)
class NameMention:
    """A name spaCy's recogniser found in the report ("Kyrylo Budanov", PERSON).

    Kept from the one parse of the report so later stages (story grouping,
    the map of places) read names without parsing again.
    """

    start: int
    end: int
    text: str
    label: str  # spaCy entity label: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, …


@dataclass(slots=True)
class ReportExtraction:
    """Everything extracted from one report, ready to store.

    An inferred ``published`` comes with the interval the evidence allows
    (``published_window``, ISO ``start/end``, ``..`` for an open end), what
    showed it (``published_evidence``: "dateline", "latest dated event", …)
    and how often that evidence is right to a day (``published_confidence``).
    """

    report: RawReport
    clean: CleanText
    published: str | None
    published_inferred: bool
    attributions: list[Attribution] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    names: list[NameMention] = field(default_factory=list)
    published_window: str | None = None
    published_evidence: str | None = None
    published_confidence: float | None = None


@dataclass(slots=True)
class StoredReport:
    """A report's extraction as kept in the store, under its stable id ("d3").

    Attributions, figures and times are identified by position within their
    report: see :func:`item_id`.
    """

    id: str
    extraction: ReportExtraction
    content_hash: str
    added_at: str  # ISO timestamp of when the report entered the ledger
    copy_of: str | None = None  # id of the report this is a near-duplicate of


def item_id(doc_id: str, kind: Literal["a", "f", "t"], index: int) -> str:
    """Stable id of the ``index``-th attribution/figure/time of a report: ``d3.a7``."""
    return f"{doc_id}.{kind}{index}"


# Cross-report ledger ------------------------------------------------------

EntityType = Literal["PERSON", "ORG", "GPE", "MEDIA", "ANON", "LOC", "OTHER"]


@dataclass(slots=True)
class Entity:
    """One real-world actor with every surface form the reports use for it."""

    id: str
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # titles seen: "Defense Secretary"


ClaimStatus = Literal["corroborated", "single_source", "disputed", "denied", "unverified", "revised",
                      "denial", "cannot_confirm", "no_comment"]
ConflictKind = Literal["attribution", "figure", "stance", "date"]
Relation = Literal["supports", "hedges", "reports", "denies", "cannot_confirm", "no_comment"]


@dataclass(slots=True)
class Claim:
    """One proposition stated across reports, with the statements that carry it.

    A claim of denials (or cannot-confirms, no-comments) ``answers`` the claim it responds to;
    ``stances`` maps each statement that addresses the claim, members and answers alike, to its
    relation to it.
    """

    id: str
    summary: str
    attribution_ids: list[str]
    figure_ids: list[str]
    doc_ids: list[str]
    sources: list[str]  # entity ids of the primary sources
    independent_sources: int
    status: ClaimStatus
    first_reported: str | None = None
    last_reported: str | None = None
    status_history: list[tuple[str, str]] = field(default_factory=list)  # (date, status), oldest first
    answers: str | None = None  # id of the claim this one denies, cannot confirm or declines to discuss
    stances: dict[str, Relation] = field(default_factory=dict)  # attribution id → relation to this claim


@dataclass(slots=True)
class Conflict:
    """A disagreement a reader must see, explained in one sentence."""

    id: str
    kind: ConflictKind
    attribution_ids: list[str]
    claim_ids: list[str]
    explanation: str


@dataclass(slots=True)
class TimelineEntry:
    date: str
    summary: str
    attribution_ids: list[str]


@dataclass(slots=True)
class ReportDate:
    """A date for a report its own text leaves undated, read from the other reports of its story.

    ``window`` is the span (ISO ``start/end``) of the dates they give; ``evidence`` says which.
    ``times`` are the report's time expressions resolved against ``date`` ("last year", "on
    Friday"), which its own extraction had to leave unresolved.
    """

    date: str
    window: str
    evidence: str
    times: list[TimeExpression] = field(default_factory=list)


@dataclass(slots=True)
class FigureQuantity:
    """The quantity a figure gives (:mod:`claimledger.ledger.quantities`): the briefing draws one series per ``key``."""

    key: str  # "count|north korean|3|done", "measure|[mass]|2"
    label: str  # what a reader sees: "North Korean soldiers (already done)", "contract (money in USD)"
    unit: str  # the unit the series' values are in, readable ("USD", "metric ton"); "" for counts
    scale: float  # the figure's value (and low and high) times this is in ``unit``


@dataclass(slots=True)
class Ledger:
    """The cross-report view of a story.

    ``source_entity`` maps attribution and figure ids to the entity of their
    source; ``via_entities`` maps attribution ids to the entities of their
    channels, nearest first. ``report_dates`` dates the reports whose own
    text gives no date (see :mod:`claimledger.ledger.dating`).
    """

    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    source_entity: dict[str, str] = field(default_factory=dict)
    via_entities: dict[str, list[str]] = field(default_factory=dict)
    report_dates: dict[str, ReportDate] = field(default_factory=dict)
    #: Figure id → its quantity, worked out by the build; None in a ledger made some other way.
    figure_quantities: dict[str, FigureQuantity] | None = None

    def date_of(self, report: StoredReport) -> str | None:
        """A report's date: its own, else the one the other reports of its story give (every view uses this)."""
        if report.extraction.published:
            return report.extraction.published
        dated = self.report_dates.get(report.id)
        return dated.date if dated else None

    def times_of(self, report: StoredReport) -> list[TimeExpression]:
        """A report's time expressions, resolved against :meth:`date_of` (every view uses this)."""
        dated = None if report.extraction.published else self.report_dates.get(report.id)
        return dated.times if dated else report.extraction.times
