"""Crash safety: ``analyze`` SIGKILLed at random points while it ingests a folder, then run again.

After every kill the SQLite file passes ``PRAGMA integrity_check`` and holds
no report half-stored (each stored report has exactly the attributions,
figures and times an uninterrupted run gives it) and none twice; once a
re-run completes, the export equals the uninterrupted run's, timestamps aside.

``CLAIMLEDGER_CRASH_KILLS`` sets the number of kills (default 4).
"""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

CLAIMLEDGER = str(Path(sys.executable).with_name("claimledger"))
KILLS = int(os.environ.get("CLAIMLEDGER_CRASH_KILLS", "4"))
TIMESTAMPS = ("generated_at", "added_at")

PEOPLE = ["Mara Quist", "Olek Brandvik", "Ilse Varga", "Tomas Reyes", "Ana Roth", "Piet Halloran"]
GROUPS = ["the port authority", "the dock workers' union", "the transport ministry", "the coastguard"]
EVENTS = ["ships were waiting outside the harbour", "workers had joined the strike", "containers were stranded",
          "tonnes of grain were spoiling", "crew members had been sent home"]


def write_reports(folder: Path, count: int, seed: int = 7) -> None:
    """``count`` short, distinct reports on one invented story (a harbour strike), dated or not."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        day = 10 + i % 15
        lines = [f"title: Harbour strike, day {i + 1}"]
        if i % 5:
            lines.append(f"date: 2031-05-{day:02d}")
        paragraphs = []
        for _ in range(rng.randint(2, 5)):
            who, group = rng.choice(PEOPLE), rng.choice(GROUPS)
            figure, event = rng.randint(2, 4000), rng.choice(EVENTS)
            paragraphs.append(rng.choice([
                f"{who} said on {rng.choice(['Monday', 'Tuesday', 'Wednesday'])} that {figure:,} {event}.",
                f"\"About {figure:,} {event},\" {who} told reporters.",
                f"According to {group}, at least {figure:,} {event}.",
                f"{group[0].upper()}{group[1:]} denied that {figure:,} {event}.",
            ]))
        (folder / f"report-{i:03d}.txt").write_text("\n".join(lines) + "\n\n" + "\n\n".join(paragraphs) + "\n")


def analyze(folder: Path, db: Path, kill_after: float | None = None) -> int | None:
    """Run ``analyze``; with ``kill_after``, SIGKILL it after that many seconds. Returns the exit code."""
    proc = subprocess.Popen([CLAIMLEDGER, "analyze", str(folder), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if kill_after is None:
        return proc.wait(300)
    try:
        return proc.wait(kill_after)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return None


def export(db: Path, out: Path) -> dict:
    subprocess.run([CLAIMLEDGER, "export", "--db", str(db), "-o", str(out)], check=True, stdout=subprocess.DEVNULL)
    return _without_timestamps(json.loads(out.read_text()))


def _without_timestamps(value):
    if isinstance(value, dict):
        return {k: _without_timestamps(v) for k, v in value.items() if k not in TIMESTAMPS}
    if isinstance(value, list):
        return [_without_timestamps(v) for v in value]
    return value


def stored_shape(db: Path) -> dict[str, tuple[int, int, int]]:
    """Per content hash: (attributions, figures, times) stored. Also checks integrity and uniqueness."""
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        hashes = [h for (h,) in con.execute("select content_hash from reports")]
        assert len(hashes) == len(set(hashes)), "a report stored twice"
        rows = con.execute(
            "select r.content_hash,"
            " (select count(*) from attributions a where a.report_id = r.id),"
            " (select count(*) from figures f where f.report_id = r.id),"
            " (select count(*) from times t where t.report_id = r.id) from reports r"
        ).fetchall()
    return {h: (a, f, t) for h, a, f, t in rows}


def kill_when_stored(folder: Path, db: Path, target: int) -> None:
    """Run ``analyze`` and SIGKILL it as soon as ``target`` reports are stored (polling the store)."""
    proc = subprocess.Popen([CLAIMLEDGER, "analyze", str(folder), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        stored = 0
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=0.1) as con:
                    stored = con.execute("select count(*) from reports").fetchone()[0]
            except sqlite3.OperationalError:
                pass  # tables not created yet, or the writer holds the lock
        if stored >= target:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    proc.wait()


def crash_cycles(folder: Path, db: Path, reference: dict[str, tuple[int, int, int]], kills: int, span: float,
                 rng: random.Random) -> list[int]:
    """Kill ``analyze`` ``kills`` times and check the store after each.

    Odd kills come at a random moment within ``span`` seconds (often while the
    model loads); even ones as soon as a random number of further reports is
    stored, so they land mid-store. Returns how many reports were stored after each kill.
    """
    counts = []
    for i in range(kills):
        if i % 2:
            analyze(folder, db, kill_after=rng.uniform(0.4, 1.0) * span)
        else:
            done = counts[-1] if counts else 0
            kill_when_stored(folder, db, min(len(reference) - 1, done + rng.randint(1, 6)))
        if not db.exists():
            counts.append(0)
            continue
        shape = stored_shape(db)
        for digest, items in shape.items():
            assert reference.get(digest) == items, "a report half-stored or stored differently"
        counts.append(len(shape))
    return counts


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash")
    folder = root / "reports"
    write_reports(folder, 48)
    db = root / "reference.db"
    started = time.monotonic()
    assert analyze(folder, db) == 0
    span = time.monotonic() - started
    return root, folder, stored_shape(db), export(db, root / "reference.json"), span


def test_sigkill_at_random_points_loses_and_duplicates_nothing(reference):
    root, folder, shape, expected, span = reference
    db = root / "killed.db"
    counts = crash_cycles(folder, db, shape, KILLS, span, random.Random(int(os.environ.get("CLAIMLEDGER_CRASH_SEED", "1"))))
    assert analyze(folder, db) == 0
    assert stored_shape(db) == shape
    assert export(db, root / "killed.json") == expected
    assert counts == sorted(counts), "a re-run lost reports an earlier run had stored"


def test_sigkill_mid_store_is_survived(reference):
    """A kill that lands after some reports were stored and before all were."""
    root, folder, shape, expected, span = reference
    db = root / "mid.db"
    kill_when_stored(folder, db, 3)
    assert 0 < len(stored_shape(db)) < len(shape)
    assert analyze(folder, db) == 0
    assert export(db, root / "mid.json") == expected
