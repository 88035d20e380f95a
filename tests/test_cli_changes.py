"""`claimledger changes --since` and incremental analysis at the command line.

Reports are written for these tests: a first batch on a flood response, then a
second batch that brings a new figure and a denial.
"""
from __future__ import annotations

import json
import sqlite3
import time

import pytest
from typer.testing import CliRunner

from claimledger.cli import app

FIRST = {
    "a1-rescue.txt": (
        "title: Floods cut off river towns\noutlet: Valley Herald\ndate: 2031-03-02\n\n"
        "Rescue teams evacuated 1,200 residents from Marlow on Sunday, the regional emergency agency said. "
        "Interior Minister Petra Lindqvist said the army would send more boats to the valley.\n"
    ),
    "a2-rescue.txt": (
        "title: Army boats reach Marlow\noutlet: River Courier\ndate: 2031-03-03\n\n"
        "About 1,200 residents were evacuated from Marlow, the regional emergency agency told the River Courier. "
        "The agency said the water level at the Marlow bridge was still rising on Monday.\n"
    ),
}
SECOND = {
    "b1-dam.txt": (
        "title: Dam operator rejects blame\noutlet: Valley Herald\ndate: 2031-03-04\n\n"
        "The dam operator Nordkraft denied that it had opened the floodgates before the storm. "
        "Opposition leader Jonas Hedberg said 4,000 homes in the valley had been flooded. "
        "The Red Cross said 1,200 residents had been evacuated from Marlow by rescue teams on Sunday.\n"
    ),
}


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def write(folder, reports: dict[str, str]):
    folder.mkdir(exist_ok=True)
    for name, text in reports.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def added_at(db) -> list[str]:
    with sqlite3.connect(db) as connection:
        return sorted(row[0] for row in connection.execute("SELECT added_at FROM reports"))


def export(db, out) -> dict:
    assert run("export", "--db", str(db), "-o", str(out)).exit_code == 0
    data = json.loads(out.read_text())
    data.pop("generated_at", None)
    for doc in data["documents"]:  # when and from which folder a report came is not the ledger
        doc.pop("added_at", None)
        doc.pop("path", None)
    return data


@pytest.fixture
def two_batches(tmp_path):
    db = tmp_path / "story.db"
    assert run("analyze", str(write(tmp_path / "first", FIRST)), "--db", str(db)).exit_code == 0
    time.sleep(1.1)  # added_at has one-second resolution
    assert run("analyze", str(write(tmp_path / "second", SECOND)), "--db", str(db)).exit_code == 0
    return db


def test_changes_lists_what_the_second_batch_brought(two_batches):
    stamps = added_at(two_batches)
    since = stamps[-1]  # the second batch's time
    assert stamps[0] < since
    result = run("changes", "--since", since, "--db", str(two_batches))
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("1 report added since")
    lines = out.splitlines()[1:]
    assert any(line.startswith("new claim") and "4,000 homes" in line for line in lines)
    assert "new person: Jonas Hedberg" in lines and "new org: Red Cross" in lines
    # The Red Cross repeats the first batch's evacuation figure: that claim gains a statement and a status
    # (the regional emergency agency gave it first: two independent origins).
    assert any(line.startswith("claim gained 1 statement(s) from d3") and "1,200" in line for line in lines)
    assert any(line.startswith("claim single_source") and "-> corroborated (2)" in line and "1,200" in line
               for line in lines)
    # Nothing else from the first batch is reported.
    assert not any("Lindqvist" in line or "water level" in line for line in lines)


def test_changes_since_before_everything_and_after_everything(two_batches):
    result = run("changes", "--since", "2000-01-01", "--db", str(two_batches))
    assert result.exit_code == 0
    assert result.output.startswith("3 reports added since") and "1,200" in result.output
    later = run("changes", "--since", "2999-01-01", "--db", str(two_batches))
    assert later.exit_code == 0 and later.output.strip() == "0 reports added since 2999-01-01"


def test_changes_rejects_a_bad_date(two_batches):
    result = CliRunner().invoke(app, ["changes", "--since", "last tuesday", "--db", str(two_batches)])
    assert result.exit_code == 2
    assert "not an ISO date" in result.output


def test_incremental_equals_batch(two_batches, tmp_path):
    both = write(tmp_path / "both", {**FIRST, **SECOND})
    batch_db = tmp_path / "batch.db"
    assert run("analyze", str(both), "--db", str(batch_db)).exit_code == 0
    incremental = export(two_batches, tmp_path / "inc.json")
    batch = export(batch_db, tmp_path / "batch.json")
    assert incremental["claims"] and incremental["entities"]
    assert incremental == batch
