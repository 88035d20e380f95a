"""The hostile corpus through the real command line: one error line per bad input, the batch goes on,
memory stays bounded, and nothing is written (or leaked) outside the ledger."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from make_corpus import SECRET, Case, make_corpus  # noqa: E402

from claimledger.ingest.errors import display  # noqa: E402

CLAIMLEDGER = Path(sys.executable).with_name("claimledger")
#: Max RSS allowed for one analyze run over the whole corpus.
MAX_RSS_BYTES = 1536 * 1024 * 1024
LEDGER = ("ledger.db", "ledger.db-wal", "ledger.db-shm", "ledger.db-journal")


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    max_rss: int  # bytes


def run_cli(args: list[str], cwd: Path, timeout: float = 300) -> Run:
    """Run ``claimledger`` and measure its own peak memory: the child is reaped with ``wait4``, which
    gives its rusage alone (``Popen.wait`` would reap it first, leaving only the maximum over every
    child this process ever ran)."""
    out, err = cwd / ".out", cwd / ".err"
    env = {**os.environ, "HOME": str(cwd / "home"), "TMPDIR": str(cwd / "tmp"), "COLUMNS": "400"}
    deadline = time.monotonic() + timeout
    with open(out, "wb") as o, open(err, "wb") as e:
        proc = subprocess.Popen([str(CLAIMLEDGER), *args], cwd=cwd, stdout=o, stderr=e, env=env)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                raise subprocess.TimeoutExpired(proc.args, timeout)
            time.sleep(0.02)
    code = proc.returncode = os.waitstatus_to_exitcode(status)
    run = Run(code, out.read_text(errors="replace"), err.read_text(errors="replace"), usage.ru_maxrss * 1024)
    out.unlink()
    err.unlink()
    return run


def tree(root: Path) -> dict[str, tuple[int, int]]:
    """Every path under ``root`` (symlinks not followed) with its size and modification time."""
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            info = path.lstat()
            found[str(path.relative_to(root))] = (info.st_size, info.st_mtime_ns)
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    cases = make_corpus(root)
    (root / "home").mkdir()
    (root / "tmp").mkdir()
    before = tree(root)
    args = ["analyze", "reports", *[c.path for c in cases if c.via == "arg"], "--db", "ledger.db"]
    analyze = run_cli(args, root)
    feeds = {c.path: run_cli(["watch", "--once", c.path, "--db", "ledger.db"], root) for c in cases if c.via == "feed"}
    return root, cases, before, analyze, feeds


def _lines_naming(stderr: str, case: Case) -> list[str]:
    name = display(case.path.split("#")[0])
    return [line for line in stderr.splitlines() if name in line]


def test_every_bad_input_gets_one_error_line_naming_it(corpus):
    root, cases, _, analyze, feeds = corpus
    missing = []
    for case in cases:
        if case.outcome != "error":
            continue
        stderr = feeds[case.path].stdout + feeds[case.path].stderr if case.via == "feed" else analyze.stderr
        lines = _lines_naming(stderr, case)
        if not any(case.expect in line.lower() for line in lines):
            missing.append(f"{case.label}: {case.path!r} -> {lines}")
    assert not missing, "\n".join(missing)


def test_no_traceback_and_every_error_is_one_line(corpus):
    _, _, _, analyze, feeds = corpus
    for run in (analyze, *feeds.values()):
        assert "Traceback" not in run.stderr and "Traceback" not in run.stdout
    for line in analyze.stderr.splitlines():
        assert line.startswith(("reports/", "archives/")), f"stray stderr line: {line[:200]!r}"
        assert len(line) < 600, f"error line too long: {line[:200]!r}"
        assert "\x1b" not in line


def test_the_batch_goes_on_good_reports_are_stored(corpus):
    root, cases, _, analyze, _ = corpus
    assert analyze.code == 0, analyze.stdout + analyze.stderr
    with sqlite3.connect(root / "ledger.db") as db:
        paths = {p for (p,) in db.execute("select path from reports")}
    for case in cases:
        if case.outcome == "stored" and case.via == "folder":
            assert case.path in paths, f"{case.label} not stored: {sorted(paths)}"
    assert "already stored 1" in analyze.stdout  # the '..' path argument names a report already read


def test_memory_stays_bounded(corpus):
    _, _, _, analyze, feeds = corpus
    for run in (analyze, *feeds.values()):
        assert 0 < run.max_rss < MAX_RSS_BYTES, f"max RSS {run.max_rss / 2**20:.0f} MiB"


def test_nothing_is_written_outside_the_ledger(corpus):
    root, _, before, _, _ = corpus
    after = tree(root)
    changed = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
    # the ledger is the database and its WAL files (sentence vectors and snapshots live inside it)
    assert all(p.startswith("ledger.db") for p in changed), sorted(p for p in changed if not p.startswith("ledger.db"))
    assert "ledger.db" in changed


def test_nothing_outside_the_folder_reaches_the_ledger(corpus):
    root, _, _, _, _ = corpus
    for name in LEDGER:
        path = root / name
        if path.exists():
            assert SECRET.encode() not in path.read_bytes(), f"{name} holds text from outside the folder"
    with sqlite3.connect(root / "ledger.db") as db:
        assert not db.execute("select 1 from reports where raw_text like '%lollollol%'").fetchall()
    assert os.path.getsize(root / "ledger.db") < 20 * 1024 * 1024
