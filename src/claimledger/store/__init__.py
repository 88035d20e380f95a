"""Persistence of reports and their extractions (SQLAlchemy; an SQLite file by default)."""
from claimledger.store.repository import Store, StoreError, content_hash, report_identity

__all__ = ["Store", "StoreError", "content_hash", "report_identity"]
