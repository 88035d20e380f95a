"""The ledger as tables (pandas DataFrames), written as CSV or Parquet.

Built from the JSON export (:func:`claimledger.export.json.export_ledger`)
so the tables and the contract cannot drift apart. Parquet keeps list
columns as lists; CSV joins them with ``"; "``.

A CSV cell holding report text that begins with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return would run as a formula when the file is opened in
a spreadsheet (a hostile report can carry ``=HYPERLINK(...)``), so such a
cell gets a leading ``'`` (the OWASP rule for CSV injection), which
spreadsheets show as text. ``raw_formulas`` writes them as they are, for
programs that read the CSV themselves. Numbers are never changed. ``bom``
starts each CSV with a UTF-8 byte-order mark: without one, Excel reads the
file in the system's legacy code page and garbles accented names.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

#: Tables written, in order; each is a list in the JSON export.
TABLES = ("documents", "entities", "attributions", "figures", "claims", "conflicts", "timeline")


def tables(data: dict) -> dict[str, pd.DataFrame]:
    """One DataFrame per list of the export, columns in the export's field order."""
    out = {}
    for name in TABLES:
        rows = data[name]
        frame = pd.DataFrame.from_records(rows) if rows else pd.DataFrame()
        if name == "claims" and "status_history" in frame:
            frame["status_history"] = [[f"{d} {s}".strip() for d, s in h] for h in frame["status_history"]]
        out[name] = frame
    return out


#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell a spreadsheet would evaluate, with a leading ``'``; anything else unchanged."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def _flat(frame: pd.DataFrame, raw_formulas: bool = False) -> pd.DataFrame:
    flat = frame.copy()
    for column in flat.columns:
        if flat[column].map(lambda v: isinstance(v, list)).any():
            flat[column] = flat[column].map(lambda v: "; ".join(map(str, v)) if isinstance(v, list) else v)
        if not raw_formulas and not pd.api.types.is_numeric_dtype(flat[column]):
            flat[column] = flat[column].map(neutralise)
    return flat


def write_tables(data: dict, folder: Path, fmt: str, *, raw_formulas: bool = False, bom: bool = False) -> list[Path]:
    """Write every table to ``folder/<name>.csv`` or ``.parquet``; returns the files written
    (CSV cells neutralised unless ``raw_formulas``; Parquet keeps typed values and is never changed)."""
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"unknown table format {fmt!r}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables(data).items():
        path = folder / f"{name}.{fmt}"
        if fmt == "csv":
            _flat(frame, raw_formulas).to_csv(path, index=False, encoding="utf-8-sig" if bom else "utf-8")
        else:
            frame.to_parquet(path, index=False)
        written.append(path)
    return written
