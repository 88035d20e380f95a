"""The Python API: a stored ledger as pandas DataFrames, for notebooks and scripts.

    from claimledger.api import LedgerView
    ledger = LedgerView.open("claimledger.db")
    ledger.claims()[["id", "status", "independent_sources", "summary"]]
    ledger.figures().query("subject.str.contains('troops')")

Each table has the columns of the JSON export (``../shared/CONTRACT.md``);
list fields stay lists. The ledger is built once, when first asked for.
"""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal, cast

import pandas as pd

from claimledger.export.json import export_ledger
from claimledger.export.tables import tables
from claimledger.ledger import build_ledger, stance_model
from claimledger.ledger.embeddings import use_store_cache
from claimledger.records import Ledger, StoredReport
from claimledger.store import Store


class LedgerView:
    """Read-only tables over the reports in a store (named apart from :class:`claimledger.records.Ledger`)."""

    def __init__(self, reports: list[StoredReport]):
        self.reports = reports

    @classmethod
    def open(cls, path: str | Path) -> LedgerView:
        """Load every report from an existing store (SQLite file or SQLAlchemy URL)."""
        use_store_cache(str(path))  # the ledger reuses the sentence vectors the CLI cached next to the store
        with Store.open(path, create=False) as store:
            return cls(store.reports())

    @cached_property
    def ledger(self) -> Ledger:
        return build_ledger(self.reports)

    @cached_property
    def _tables(self) -> dict[str, pd.DataFrame]:
        return tables(export_ledger(self.reports, self.ledger))

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


def open_ledger(path: str | Path) -> LedgerView:
    """Shorthand for :meth:`LedgerView.open`."""
    return LedgerView.open(path)


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
