"""Cross-report reasoning: entities, statements, propositions, claims, stance, provenance, conflicts, timeline.

:func:`build_ledger` (in :mod:`build`) runs the stages; :func:`diff_ledgers` and :func:`changes_since`
say what changed.
"""
from claimledger.ledger.build import build_ledger, changes_since, diff_ledgers
from claimledger.ledger.params import DEFAULT_PARAMS, LedgerParams

__all__ = ["DEFAULT_PARAMS", "LedgerParams", "build_ledger", "changes_since", "diff_ledgers"]
