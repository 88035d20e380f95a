"""Run the hardening checks at full size and print the README's "Hardening" table (markdown).

    .venv/bin/python scripts/hardening_figures.py [--fuzz 10000] [--kills 20]

Every figure is measured by this run: the hostile corpus through ``analyze``
and ``watch``, the Hypothesis properties with ``--fuzz`` examples each
(counted from Hypothesis's own statistics), ``--kills`` SIGKILLs of
``analyze`` followed by a completing re-run compared with an uninterrupted
one, and concurrent writers on one store (PostgreSQL too when
``CLAIMLEDGER_TEST_PG`` is set). Takes about 15 minutes with the defaults.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "hostile")]

from make_corpus import SECRET, make_corpus  # noqa: E402
from test_concurrency import run_writers, split_overlapping  # noqa: E402
from test_crash_safety import analyze, crash_cycles, export, stored_shape, write_reports  # noqa: E402
from test_hostile import MAX_RSS_BYTES, _lines_naming, run_cli  # noqa: E402

from sqlalchemy import text

from claimledger.store import Store  # noqa: E402


def hostile(tmp: Path) -> list[tuple[str, str]]:
    root = tmp / "hostile"
    cases = make_corpus(root)
    (root / "home").mkdir()
    (root / "tmp").mkdir()
    started = time.monotonic()
    run = run_cli(["analyze", "reports", *[c.path for c in cases if c.via == "arg"], "--db", "ledger.db"], root)
    feeds = {c.path: run_cli(["watch", "--once", c.path, "--db", "ledger.db"], root) for c in cases if c.via == "feed"}
    seconds = time.monotonic() - started
    named = 0
    for case in cases:
        if case.outcome != "error":
            continue
        text = feeds[case.path].stdout + feeds[case.path].stderr if case.via == "feed" else run.stderr
        named += any(case.expect in line.lower() for line in _lines_naming(text, case))
    errors = sum(c.outcome == "error" for c in cases)
    leaked = any(SECRET.encode() in p.read_bytes() for p in root.glob("ledger.db*"))
    rss = max(r.max_rss for r in (run, *feeds.values()))
    return [
        ("Hostile inputs (analyze and watch)", f"{len(cases)} inputs: {errors} must be refused, "
         f"{sum(c.outcome != 'error' for c in cases)} hold a readable report (or are good controls)"),
        ("Refused with a one-line error naming the input", f"{named} of {errors}"),
        ("Tracebacks / crashes", str(sum("Traceback" in r.stderr for r in (run, *feeds.values())))),
        ("Peak memory of one run (max RSS)", f"{rss / 2**20:.0f} MiB (limit {MAX_RSS_BYTES / 2**20:.0f} MiB)"),
        ("Text from outside the folder in the ledger", "yes" if leaked else "none"),
        ("Corpus run time", f"{seconds:.0f} s"),
    ]


def fuzz(examples: int) -> list[tuple[str, str]]:
    env = {**os.environ, "CLAIMLEDGER_FUZZ_EXAMPLES": str(examples)}
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "test_fuzz.py"),
                             "--hypothesis-show-statistics"], cwd=ROOT, env=env, capture_output=True, text=True)
    passing = sum(int(n) for n in re.findall(r"(\d+) passing, \d+ failing", result.stdout))
    failing = sum(int(n) for n in re.findall(r"\d+ passing, (\d+) failing", result.stdout))
    outcome = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-200:]
    return [("Fuzz cases (Hypothesis: cleaning, attribution, figures, times, pipeline)",
             f"{passing:,} passing, {failing:,} failing in {time.monotonic() - started:.0f} s ({outcome.strip('= ')})")]


def kills(tmp: Path, count: int) -> list[tuple[str, str]]:
    folder = tmp / "crash" / "reports"
    write_reports(folder, 48)
    reference_db = tmp / "crash" / "reference.db"
    started = time.monotonic()
    analyze(folder, reference_db)
    span = time.monotonic() - started
    shape = stored_shape(reference_db)
    expected = export(reference_db, tmp / "crash" / "reference.json")
    db = tmp / "crash" / "killed.db"
    counts = crash_cycles(folder, db, shape, count, span, random.Random(2))
    analyze(folder, db)
    same = stored_shape(db) == shape and export(db, tmp / "crash" / "killed.json") == expected
    mid = sum(0 < c < len(shape) for c in counts)
    return [("SIGKILLs of analyze survived", f"{count} ({mid} mid-store); integrity_check ok, no report half-stored "
             f"or duplicated; final export {'equals' if same else 'DIFFERS from'} an uninterrupted run")]


def writers(tmp: Path) -> list[tuple[str, str]]:
    write_reports(tmp / "conc" / "all", 36)
    folders = split_overlapping(tmp / "conc" / "all", tmp / "conc", writers=2, per_writer=24, step=12)
    results = run_writers(folders, str(tmp / "conc" / "shared.db"))
    with Store.open(tmp / "conc" / "shared.db", create=False) as store:
        stored = store.count()
    ok = all(r.returncode == 0 and "could not be stored" not in r.stderr for r in results)
    rows = [("Concurrent analyze writers, SQLite", f"2 writers, 36 reports (12 shared): {stored} stored, "
             f"{'no errors' if ok else 'ERRORS'}")]
    url = os.environ.get("CLAIMLEDGER_TEST_PG")
    if url:
        from claimledger.store.models import Base

        with Store.open(url) as store:
            with store.engine.begin() as connection:  # a fresh schema, migrations included
                Base.metadata.drop_all(connection)
                connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        write_reports(tmp / "pg" / "all", 40)
        folders = split_overlapping(tmp / "pg" / "all", tmp / "pg", writers=4, per_writer=16, step=8)
        results = run_writers(folders, url)
        with Store.open(url, create=False) as store:
            stored = store.count()
        ok = all(r.returncode == 0 and "could not be stored" not in r.stderr for r in results)
        rows.append(("Concurrent analyze writers, PostgreSQL",
                     f"4 writers, 40 reports (overlapping): {stored} stored, {'no errors' if ok else 'ERRORS'}"))
    else:
        rows.append(("Concurrent analyze writers, PostgreSQL", "not run (CLAIMLEDGER_TEST_PG unset)"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fuzz", type=int, default=10_000, help="Hypothesis examples per property")
    parser.add_argument("--kills", type=int, default=20, help="SIGKILLs of analyze")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimledger-hardening-") as folder:
        tmp = Path(folder)
        rows = [*hostile(tmp), *kills(tmp, args.kills), *writers(tmp), *fuzz(args.fuzz)]
    print("| What was tried | What held |")
    print("|---|---|")
    for what, held in rows:
        print(f"| {what} | {held} |")


if __name__ == "__main__":
    main()
