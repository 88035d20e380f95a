"""Concurrent writers on one store, and the web UI reading while an ingest runs.

Two ``analyze`` processes share one SQLite file with overlapping inputs; with
``CLAIMLEDGER_TEST_PG`` set to a PostgreSQL URL (a throwaway database: its
claimledger tables are dropped first), four share it. No report may be lost,
stored twice, or refused with "could not be stored".
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from claimledger.store import Store
from test_crash_safety import CLAIMLEDGER, write_reports


def split_overlapping(source: Path, root: Path, writers: int, per_writer: int, step: int) -> list[Path]:
    """Folders of ``per_writer`` reports each, the i-th starting ``i * step`` reports in: neighbours overlap."""
    files = sorted(source.iterdir())
    folders = []
    for i in range(writers):
        folder = root / f"writer{i}"
        folder.mkdir()
        for path in files[i * step:i * step + per_writer]:
            shutil.copy(path, folder / path.name)
        folders.append(folder)
    return folders


def run_writers(folders: list[Path], db: str) -> list[subprocess.CompletedProcess]:
    procs = [subprocess.Popen([CLAIMLEDGER, "analyze", str(f), "--db", db], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for f in folders]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def _check(results: list[subprocess.CompletedProcess], store: Store, expected: int) -> None:
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "could not be stored" not in result.stderr and "error" not in result.stderr.lower(), result.stderr
    assert store.count() == expected
    hashes = [r.content_hash for r in store.reports()]
    assert len(hashes) == len(set(hashes))
    assert all(r.extraction.attributions for r in store.reports()), "a report stored without its statements"


def test_two_sqlite_writers_with_overlapping_inputs(tmp_path):
    write_reports(tmp_path / "all", 36)
    folders = split_overlapping(tmp_path / "all", tmp_path, writers=2, per_writer=24, step=12)
    db = tmp_path / "shared.db"
    results = run_writers(folders, str(db))
    with Store.open(db, create=False) as store:
        _check(results, store, 36)
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.skipif(not os.environ.get("CLAIMLEDGER_TEST_PG"), reason="CLAIMLEDGER_TEST_PG (a PostgreSQL URL) not set")
def test_four_postgresql_writers_with_overlapping_inputs(tmp_path):
    from claimledger.store.models import Base

    url = os.environ["CLAIMLEDGER_TEST_PG"]
    with Store.open(url) as store, store.engine.begin() as connection:  # a fresh schema, migrations included
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    write_reports(tmp_path / "all", 40)
    folders = split_overlapping(tmp_path / "all", tmp_path, writers=4, per_writer=16, step=8)
    results = run_writers(folders, url)
    with Store.open(url, create=False) as store:
        _check(results, store, 40)


def test_web_ui_serves_reads_while_an_ingest_runs(tmp_path):
    from fastapi.testclient import TestClient

    from claimledger.web.app import create_app

    write_reports(tmp_path / "reports", 40)
    db = tmp_path / "live.db"
    Store.open(db).close()
    proc = subprocess.Popen([CLAIMLEDGER, "analyze", str(tmp_path / "reports"), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen: set[int] = set()
    served = 0
    try:
        with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
            while proc.poll() is None or served < 2:
                for path in ("/api/documents", "/", "/claims"):
                    response = client.get(path)
                    assert response.status_code == 200, (path, response.status_code)
                    served += 1
                seen.add(len(client.get("/api/documents").json()))
                time.sleep(0.05)
            assert len(client.get("/api/documents").json()) == 40
    finally:
        proc.wait(120)
    assert proc.returncode == 0, proc.stderr.read()
    assert served >= 6
    assert len(seen) >= 2, f"the UI never saw the store grow: {seen}"


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
