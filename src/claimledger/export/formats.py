"""Writing the ledger in every format but the contract's JSON: one entry point for the CLI.

Each format's library (pandas and pyarrow, networkx, pyld) is imported when
that format is asked for: every command imports this module, and loading
them all up front cost each ``analyze`` about 2 s and 100 MB.
"""
from __future__ import annotations

from pathlib import Path

from claimledger.export.json import export_ledger, write_json
from claimledger.records import Ledger, StoredReport

#: Formats beyond ``json``; csv and parquet write a folder of tables, sqlite one database file.
FORMATS = ("jsonld", "csv", "parquet", "graphml", "sqlite")


def write_format(fmt: str, reports: list[StoredReport], ledger: Ledger, output: Path, *,
                 raw_formulas: bool = False, bom: bool = False, base_url: str | None = None) -> list[Path]:
    """Write the ledger to ``output`` (a file, or a folder for csv/parquet); returns the files written.
    ``raw_formulas`` writes CSV cells a spreadsheet would evaluate as they are and ``bom`` starts each CSV
    with a UTF-8 byte-order mark (see :mod:`.tables`); ``base_url`` is where the web UI serves claim pages,
    for JSON-LD reviews' ``url``."""
    output = Path(output)
    if fmt == "jsonld":
        from claimledger.export.jsonld import export_jsonld

        write_json(export_jsonld(reports, ledger, base_url=base_url), output)
        return [output]
    if fmt in ("csv", "parquet"):
        from claimledger.export.tables import write_tables

        return write_tables(export_ledger(reports, ledger), output, fmt, raw_formulas=raw_formulas, bom=bom)
    if fmt == "sqlite":
        from claimledger.export.sqlite import write_sqlite

        write_sqlite(export_ledger(reports, ledger), output)
        return [output]
    if fmt == "graphml":
        from claimledger.export.graphml import write_graphml

        write_graphml(reports, ledger, output)
        return [output]
    raise ValueError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")


__all__ = ["FORMATS", "write_format"]
