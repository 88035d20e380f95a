"""Cross-report reasoning: entities, claims, provenance, conflicts, timeline.

:func:`build_ledger` is the entry point; it is a pure function of the set of
stored reports, so adding reports and rebuilding gives the same ledger as
analysing everything at once. :func:`diff_ledgers` says what changed.
"""
from __future__ import annotations

from claimledger.ledger.entities import resolve_entities
from claimledger.records import Ledger, StoredReport


def build_ledger(reports: list[StoredReport]) -> Ledger:
    """The ledger of a story from all its stored reports (order-independent)."""
    res = resolve_entities(reports)
    return Ledger(entities=res.entities, source_entity=res.source_entity, via_entities=res.via_entities)


__all__ = ["build_ledger"]
