"""The ledger as tables (pandas DataFrames), written as CSV or Parquet.

Built from the JSON export (:func:`claimledger.export.json.export_ledger`)
so the tables and the contract cannot drift apart. Parquet keeps list
columns as lists; CSV joins them with ``"; "``.
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


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    flat = frame.copy()
    for column in flat.columns:
        if flat[column].map(lambda v: isinstance(v, list)).any():
            flat[column] = flat[column].map(lambda v: "; ".join(map(str, v)) if isinstance(v, list) else v)
    return flat


def write_tables(data: dict, folder: Path, fmt: str) -> list[Path]:
    """Write every table to ``folder/<name>.csv`` or ``.parquet``; returns the files written."""
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"unknown table format {fmt!r}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables(data).items():
        path = folder / f"{name}.{fmt}"
        if fmt == "csv":
            _flat(frame).to_csv(path, index=False)
        else:
            frame.to_parquet(path, index=False)
        written.append(path)
    return written
