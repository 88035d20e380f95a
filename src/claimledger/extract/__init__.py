"""Per-report extraction: who said what, how sure, with which figures, when.

The entry points live in :mod:`claimledger.extract.pipeline`.
"""
