"""Stream a generated WARC.gz of HTML news pages through ``claimledger analyze``: reports/s and peak memory.

Each run is ``claimledger analyze ARCHIVE`` in a fresh process on a fresh
SQLite store, through the local engine or Ray (a local cluster of
``--workers`` CPUs), so its memory belongs to that run alone. Streaming means
the peak should stay flat as the archive grows: the archive is read record by
record, reports are extracted 64 at a time, and the near-copy index and old
stories live in the store, not in memory.

Two memory figures: ``peak RSS`` is the analyze process's own maximum
resident set (exact, from the kernel); ``peak all`` samples every 0.5 s the
proportional set size (shared pages split between their users) summed over
the analyze process and everything it started (Ray's GCS, raylet and
actors), which is what a Ray run costs the machine.

    python bench/bench_warc.py                          # 250, 500, 1000 pages, local engine
    python bench/bench_warc.py 1000 5000 10000          # the local engine's curve (about 30 minutes)
    python bench/bench_warc.py 1000 5000 10000 --engine local ray   # and Ray with 1 and 2 actors (2 hours)
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_warc import write_warc  # noqa: E402

DEFAULT_SIZES = (250, 500, 1000)


def _tree(root: int) -> set[int]:
    """``root`` and every process descended from it or in its session (Ray's daemons may be reparented)."""
    parents, sessions = {}, {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)], sessions[int(entry.name)] = int(fields[1]), int(fields[3])
    members = {pid for pid, sid in sessions.items() if sid == root} | {root}
    grew = True
    while grew:
        more = {pid for pid, ppid in parents.items() if ppid in members} - members
        members |= more
        grew = bool(more)
    return members


def _pss_mb(pids: set[int]) -> float:
    total = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        match = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
        total += int(match.group(1)) if match else 0
    return total / 1024


def run(size: int, folder: Path, engine: str, workers: int | None) -> dict:
    archive = folder / f"news-{size}.warc.gz"
    if not archive.exists():
        write_warc(archive, size)
    db = folder / f"ledger-{size}-{engine}-{workers}.db"
    command = [sys.executable, "-c", "from claimledger.cli import app; app()", "analyze", str(archive), "--db", str(db),
               "--engine", engine, *(["--workers", str(workers)] if workers else [])]
    started = time.monotonic()
    with open(folder / "out.txt", "w+") as out, open(folder / "err.txt", "w+") as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, text=True, start_new_session=True)
        peak_all = 0.0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak_all
            while not done.wait(0.5):
                peak_all = max(peak_all, _pss_mb(_tree(child.pid)))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)  # not Popen.wait: wait4 also gives the child's peak RSS
        done.set()
        sampler.join()
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if status != 0:
        raise SystemExit(f"analyze failed on {size} pages: {stdout} {stderr}")
    analysed = int(re.search(r"analysed (\d+)", stdout).group(1))
    copies = re.search(r"\((\d+) near-cop", stdout)
    return dict(size=size, archive_mb=archive.stat().st_size / 1e6, analysed=analysed,
                copies=int(copies.group(1)) if copies else 0, seconds=seconds, rate=analysed / seconds,
                peak_mb=usage.ru_maxrss / 1024, peak_all_mb=peak_all)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(DEFAULT_SIZES), help="pages per archive")
    parser.add_argument("--engine", nargs="+", choices=("local", "ray"), default=["local"])
    parser.add_argument("--workers", nargs="+", type=int, default=[1, 2], help="Ray actors (one run per value)")
    args = parser.parse_args()
    print(f"{'engine':>8} {'pages':>7} {'archive MB':>10} {'analysed':>8} {'copies':>6} {'seconds':>8} "
          f"{'reports/s':>9} {'peak RSS MB':>11} {'peak all MB':>11}", flush=True)
    runs = [(engine, workers) for engine in args.engine for workers in (args.workers if engine == "ray" else [None])]
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            for engine, workers in runs:
                r = run(size, Path(tmp), engine, workers)
                label = engine + (f" x{workers}" if workers else "")
                print(f"{label:>8} {r['size']:>7} {r['archive_mb']:>10.1f} {r['analysed']:>8} {r['copies']:>6} "
                      f"{r['seconds']:>8.1f} {r['rate']:>9.1f} {r['peak_mb']:>11.0f} {r['peak_all_mb']:>11.0f}",
                      flush=True)


if __name__ == "__main__":
    main()
