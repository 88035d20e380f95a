"""The Python API: a stored ledger as pandas DataFrames, for notebooks and scripts; one text analysed in-process.

    from claimledger.api import LedgerView, analyze_text
    ledger = LedgerView.open("claimledger.db")            # or LedgerView.open(path, story="harbour-strike")
    ledger.claims()[["id", "status", "independent_sources", "summary"]]
    ledger.figures().query("subject.str.contains('troops')")
    extraction = analyze_text(text, published="2024-10-18")
    [(a.source.name if a.source else None, a.cue, a.content) for a in extraction.attributions]

Each table has the columns of the JSON export (``../shared/CONTRACT.md``);
list fields stay lists. Report dates (``published``, ``added_at``,
``first_reported``, ``last_reported``) are pandas timestamps (NaT when
unknown); the dates of events (an attribution's ``date``, a figure's
``as_of``, the timeline's ``date``) stay TimeML strings, since ``2025-03``
or ``FUTURE_REF`` is not a day. Next to each entity id is the entity's
name: ``source_entity_name`` (attributions, figures), ``source_names``
(claims), ``via_names`` (attributions). The ledger is built once, when first
asked for.
"""
from __future__ import annotations

from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Literal, cast

import pandas as pd

from claimledger.export.json import export_ledger
from claimledger.export.tables import tables
from claimledger.extract.pipeline import extract_report
from claimledger.ledger import build_ledger, stance_model
from claimledger.records import Ledger, RawReport, ReportExtraction, StoredReport
from claimledger.store import Store
from claimledger.store.ledgers import stored_ledger


class LedgerView:
    """Read-only tables over the reports in a store (named apart from :class:`claimledger.records.Ledger`)."""

    def __init__(self, reports: list[StoredReport], *, store: str | Path | None = None):
        self.reports = reports
        self.store = store  # where the reports are stored: the ledger is its snapshot (or is kept there)

    @classmethod
    def open(cls, path: str | Path, *, story: str | None = None) -> LedgerView:
        """Load every report (or one story's: see ``claimledger stories``) from an existing store
        (SQLite file or SQLAlchemy URL); a story with no reports raises ``ValueError``."""
        with Store.open(path, create=False) as store:
            reports = store.reports(story=story)
        if story is not None and not reports:
            raise ValueError(f"no story named {story!r} in {path}")
        return cls(reports, store=path)

    @cached_property
    def ledger(self) -> Ledger:
        if self.store is None:
            return build_ledger(self.reports)
        with Store.open(self.store, create=False) as store:
            return stored_ledger(store, self.reports)

    @cached_property
    def _tables(self) -> dict[str, pd.DataFrame]:
        return _typed(tables(export_ledger(self.reports, self.ledger)))

    def documents(self) -> pd.DataFrame:
        return self._tables["documents"].copy()

    def entities(self) -> pd.DataFrame:
        return self._tables["entities"].copy()

    def attributions(self) -> pd.DataFrame:
        return self._tables["attributions"].copy()

    def figures(self) -> pd.DataFrame:
        return self._tables["figures"].copy()

    def claims(self) -> pd.DataFrame:
        return self._tables["claims"].copy()

    def conflicts(self) -> pd.DataFrame:
        return self._tables["conflicts"].copy()

    def timeline(self) -> pd.DataFrame:
        return self._tables["timeline"].copy()


#: Columns that hold a report's day or a store time, always a full ISO date or time when known.
DATE_COLUMNS = {"documents": ("published", "added_at"), "claims": ("first_reported", "last_reported")}


def _typed(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Report dates as timestamps and entity names next to entity ids (see the module docstring)."""
    for name, columns in DATE_COLUMNS.items():
        for column in columns:
            if column in frames[name]:
                utc = column == "added_at"  # store times carry an offset; report days do not
                frames[name][column] = pd.to_datetime(frames[name][column], format="ISO8601", errors="coerce", utc=utc)
    entities = frames["entities"]
    names = dict(zip(entities["id"], entities["name"])) if "id" in entities else {}

    def name_of(eid):
        return names.get(eid) if isinstance(eid, str) else None

    for table in ("attributions", "figures"):
        frame = frames[table]
        if "source_entity" in frame:
            frame.insert(frame.columns.get_loc("source_entity") + 1, "source_entity_name",
                         frame["source_entity"].map(name_of))
    if "via" in frames["attributions"]:
        frame = frames["attributions"]
        frame.insert(frame.columns.get_loc("via") + 1, "via_names",
                     frame["via"].map(lambda ids: [name_of(e) for e in ids]))
    if "sources" in frames["claims"]:
        frame = frames["claims"]
        frame.insert(frame.columns.get_loc("sources") + 1, "source_names",
                     frame["sources"].map(lambda ids: [name_of(e) for e in ids]))
    return frames


def open_ledger(path: str | Path, *, story: str | None = None) -> LedgerView:
    """Shorthand for :meth:`LedgerView.open`."""
    return LedgerView.open(path, story=story)


def analyze_text(text: str, *, title: str | None = None, published: date | str | None = None,
                 outlet: str | None = None) -> ReportExtraction:
    """Analyse one report's text in this process, with no store: who said what, figures, times, names.

    The same extraction ``claimledger analyze`` stores (cleaning, attribution,
    figures, dates; the spaCy pipeline is loaded once and reused).
    ``published`` (a date or an ISO ``YYYY-MM-DD``) anchors relative dates
    ("on Thursday"); without it the date is inferred from the text, as for a
    report with no date line. Text with nothing to analyse raises
    ``ValueError``.
    """
    if not isinstance(text, str):
        raise TypeError(f"analyze_text: text is {type(text).__name__}, not str")
    if isinstance(published, date):
        published = published.isoformat()[:10]
    elif published is not None:
        published = date.fromisoformat(published).isoformat()  # ValueError on anything but an ISO date
    return extract_report(RawReport(text=text, title=title, outlet=outlet, published=published))


Stance = Literal["agree", "disagree", "discuss", "unrelated"]
MAX_CLAIM_CHARS = 2_000  # a claim is a sentence or two
MAX_TEXT_CHARS = 100_000  # a long article is ~30,000 characters; the model reads its first 40 sentences anyway


def stance(claim: str, text: str) -> Stance:
    """How ``text`` (a statement or a whole report) relates to ``claim``: it agrees, disagrees
    (denies, refutes), discusses (reports it without taking a side, hedges) or is unrelated.

    A learned model (:mod:`claimledger.ledger.stance_model`). Empty or
    oversized input is a caller's mistake, so it raises ``ValueError`` rather
    than getting a guess.
    """
    for name, value, bound in (("claim", claim, MAX_CLAIM_CHARS), ("text", text, MAX_TEXT_CHARS)):
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"stance: {name} is empty")
        if len(value) > bound:
            raise ValueError(f"stance: {name} is {len(value):,} characters; at most {bound:,} are accepted")
    return cast(Stance, stance_model.stance(claim, text))
