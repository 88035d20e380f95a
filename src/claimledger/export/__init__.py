"""Writing the ledger out for readers and other programs."""
from claimledger.export.json import SCHEMA, export_ledger, write_json

__all__ = ["SCHEMA", "export_ledger", "write_json"]
