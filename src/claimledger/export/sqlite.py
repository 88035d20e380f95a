"""The ledger as plain SQL tables in a new SQLite file, for Datasette and SQL users.

The store keeps each report's extraction as one serialised record, which SQL
cannot look into; this export writes the JSON export's lists
(:func:`claimledger.export.json.export_ledger`) as tables with the same
column names, so the two cannot drift apart. Scalars are columns; a list or
object field is also kept as JSON text (Datasette shows it as JSON, SQLite's
``json_each`` reads it), and the links a join needs are tables of their own:
``claim_attributions``, ``claim_figures``, ``claim_documents``,
``claim_sources``, ``conflict_attributions``, ``conflict_claims`` and
``entity_aliases``. Text columns are searchable by ``LIKE``; ids are primary
keys and each link table is indexed both ways.

The file is built beside ``path`` and renamed into place, so a reader never
opens half an export, and an existing file is replaced, never appended to.
"""
from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path

#: Tables from the export's lists, in order, each with its primary key (None: rowid only).
TABLES = {"documents": "id", "entities": "id", "attributions": "id", "figures": "id", "times": "id",
          "claims": "id", "conflicts": "id", "timeline": None}

#: Link tables: name -> (source list, its key column, list field, the linked column's name).
LINKS = {
    "claim_attributions": ("claims", "claim_id", "attribution_ids", "attribution_id"),
    "claim_figures": ("claims", "claim_id", "figure_ids", "figure_id"),
    "claim_documents": ("claims", "claim_id", "doc_ids", "doc_id"),
    "claim_sources": ("claims", "claim_id", "sources", "entity_id"),
    "conflict_attributions": ("conflicts", "conflict_id", "attribution_ids", "attribution_id"),
    "conflict_claims": ("conflicts", "conflict_id", "claim_ids", "claim_id"),
    "entity_aliases": ("entities", "entity_id", "aliases", "alias"),
}


def write_sqlite(data: dict, path: Path) -> Path:
    """Write the JSON export ``data`` as SQL tables to a new SQLite file at ``path``."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        connection = sqlite3.connect(tmp)
        try:
            with connection:
                for name, key in TABLES.items():
                    _write_table(connection, name, data[name], key)
                for name, (source, key, field, linked) in LINKS.items():
                    rows = [(row["id"], i, value) for row in data[source] for i, value in enumerate(row[field])]
                    connection.execute(f'CREATE TABLE "{name}" ("{key}" TEXT NOT NULL, "position" INTEGER NOT NULL, '
                                       f'"{linked}" TEXT NOT NULL, PRIMARY KEY ("{key}", "position"))')
                    connection.execute(f'CREATE INDEX "{name}_{linked}" ON "{name}" ("{linked}")')
                    connection.executemany(f'INSERT INTO "{name}" VALUES (?, ?, ?)', rows)
                connection.execute('CREATE TABLE "meta" ("key" TEXT PRIMARY KEY, "value" TEXT)')
                connection.executemany('INSERT INTO "meta" VALUES (?, ?)',
                                       [("schema", data["schema"]), ("generated_at", data["generated_at"])])
        finally:
            connection.close()
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes the file private; an export is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return path


def _write_table(connection: sqlite3.Connection, name: str, rows: list[dict], key: str | None) -> None:
    columns = list(dict.fromkeys(column for row in rows for column in row))
    if not columns:  # an empty ledger: the table exists, with its key, so queries still run
        columns = [key or "id"]
    types = {column: _type([row.get(column) for row in rows]) for column in columns}
    spec = ", ".join(f'"{c}" {types[c]}' + (" PRIMARY KEY" if c == key else "") for c in columns)
    connection.execute(f'CREATE TABLE "{name}" ({spec})')
    marks = ", ".join("?" for _ in columns)
    connection.executemany(f'INSERT INTO "{name}" VALUES ({marks})',
                           [[_cell(row.get(c)) for c in columns] for row in rows])


def _type(values: list) -> str:
    """The column's SQL type from its values."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "INTEGER"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "INTEGER"
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "REAL"
    return "TEXT"  # text, and lists or objects as JSON text


def _cell(value):
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
