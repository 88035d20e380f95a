"""The Ray engine gives the local engine's result: the same store, the same export (timestamps aside)."""
from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.store import Store

ray = pytest.importorskip("ray", reason="ray[data] is not installed (pip install -e '.[ray]')")

REPORTS = {
    "a.txt": "Marlow evacuates as the river rises\n\nMayor Ines Carter said on Monday that 300 homes in Marlow had "
             "been flooded. \"We are moving everyone to the school,\" she told the Marlow Courier.\n",
    "b.txt": "Dam operator denies fault in Marlow flood\n\nThe Vale Water Company denied on Tuesday that its dam had "
             "released water early, a spokesman told reporters. Mayor Ines Carter said 1,200 people had left.\n",
    "c.txt": "Pellworth election won by Harbour Party\n\nTomas Ruud's Harbour Party won 41 of 80 seats, the election "
             "commission said on Sunday. Ruud told supporters he would form a government within a week.\n",
    "empty.txt": "   \n",
}


@pytest.fixture(scope="module")
def local_cluster():
    ray.init(num_cpus=2, include_dashboard=False)
    yield
    ray.shutdown()


def _export(folder, db, engine, *extra):
    runner = CliRunner()
    result = runner.invoke(app, ["analyze", str(folder), "--db", str(db), "--engine", engine, *extra])
    assert result.exit_code == 0, result.output
    out = db.with_suffix(".json")
    result = runner.invoke(app, ["export", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    data.pop("generated_at", None)
    for document in data["documents"]:
        document.pop("added_at", None)  # when it was stored: the two runs differ by their own duration
    return data, result


def test_ray_engine_export_equals_local_engine_export(tmp_path, local_cluster):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text)
    local, _ = _export(folder, tmp_path / "local.db", "local")
    on_ray, _ = _export(folder, tmp_path / "ray.db", "ray", "--workers", "2")
    assert len(local["documents"]) == 3 and local["attributions"]
    assert on_ray == local
    # The actors compute the sentence vectors the ledger reads, as the local engine does, bit for bit.
    vectors = [sqlite3.connect(tmp_path / db).execute("SELECT encoder, key, vector FROM vectors ORDER BY key").fetchall()
               for db in ("local.db", "ray.db")]
    assert vectors[0] and vectors[1] == vectors[0]


def test_ray_keeps_what_never_leaves_the_driver(tmp_path, local_cluster):
    """Actors get only what extraction reads; the stored report still has its WARC record id and offset."""
    from test_warc import PAGES, write_archive

    archive = tmp_path / "crawl.warc.gz"
    ids = write_archive(archive)
    db = tmp_path / "ray.db"
    result = CliRunner().invoke(app, ["analyze", str(archive), "--db", str(db), "--engine", "ray", "--workers", "1"])
    assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        reports = store.reports()
    assert [r.extraction.report.record_id for r in reports] == [ids[u] for u in PAGES]
    assert all(r.extraction.report.path.startswith(f"{archive}#") for r in reports)
