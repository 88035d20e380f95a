"""A store that cannot be written (a read-only file system) can still be read: export and report work."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CLAIMLEDGER = Path(sys.executable).with_name("claimledger")
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _can_mount_read_only(tmp_path: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount --bind -o ro {tmp_path} {tmp_path}"],
                           capture_output=True)
    return probe.returncode == 0


def test_a_store_on_a_read_only_file_system_is_exported_and_reported(tmp_path):
    if not _can_mount_read_only(tmp_path):
        pytest.skip("needs unshare -rm to bind-mount a folder read-only")
    store, out = tmp_path / "store", tmp_path / "out"
    store.mkdir()
    out.mkdir()
    db = store / "ledger.db"
    subprocess.run([str(CLAIMLEDGER), "analyze", str(EXAMPLES / "01_valley_courier.txt"), "--db", str(db)],
                   check=True, capture_output=True)
    before = sorted(p.name for p in store.iterdir())
    script = (f"mount --bind -o ro {store} {store} && "
              f"{CLAIMLEDGER} export --db {db} -o {out / 'ledger.json'} && "
              f"{CLAIMLEDGER} export --format csv --db {db} -o {out / 'csv'} && "
              f"{CLAIMLEDGER} report --db {db} -o {out / 'briefing.html'} && "
              f"{{ {CLAIMLEDGER} analyze {EXAMPLES / '05_lusmark_herald.txt'} --db {db}; echo analyze=$?; }}")
    run = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert len(json.loads((out / "ledger.json").read_text())["documents"]) == 1
    assert (out / "csv" / "documents.csv").is_file() and (out / "briefing.html").stat().st_size > 1000
    assert "analyze=2" in run.stdout and "Traceback" not in run.stderr  # writing it is one error line
    assert sorted(p.name for p in store.iterdir()) == before
