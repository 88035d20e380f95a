"""Whole-process figures of real runs: analyze against bare spaCy, then the ledger cold and warm.

    .venv/bin/python bench/bench_analyze.py --count 1000 [--polnear ../shared/data/polnear]
        [--ray-count 200] [--keep DIR] [--one-process] [--workers N]

Input: the PolNeAR articles (train and dev texts, real news), in file-name order, repeated with
a numbered last line up to ``--count`` reports (each copy has its own content hash, so it is
analysed and stored; analyze links it to its original as a near-copy). They are written to
one JSONL file in a temporary folder; nothing is copied into the repository.

Each figure is one whole process, started afresh (imports and model loading included), timed
wall-clock, with its CPU seconds (its worker processes' included) and peak resident memory from
``wait4`` (the largest of the process and its workers, not their sum: analyze's two workers hold
about 0.64 GB each, its own process about 0.2 GB). Each row ends with the 1-minute load average
when the process ended: on a shared machine compare CPU seconds, and rerun when the load is high
(other work takes a larger share of the cores from spaCy's one process than from analyze's workers).

1. ``claimledger analyze`` of the reports into a new SQLite store (extraction, sentence vectors
   of every text the ledger will embed, near-copies, stories, storing), and bare spaCy
   (``spacy.load`` and ``nlp.pipe`` over the same texts, batch 16) alternated: spaCy, analyze,
   spaCy; the spaCy figure is the mean of its two runs. Target: analyze >= 0.8x spaCy's throughput.
   With ``--one-process``, then ``analyze --workers 1`` (extraction in a process of its own, its
   vectors on a second thread) and spaCy a third time; with ``--workers N``, then ``analyze --workers N``
   (N extraction processes) and spaCy again.
2. ``claimledger report`` on that store: cold (the ledger built from the stored vectors, then
   kept as a snapshot), then warm (the snapshot read). Target: the cold one under 10 s at 1,000.
3. With ``--ray-count N``: ``analyze --engine ray`` of the first N reports with 1 and with 2 workers.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SPACY = """
import sys, json, spacy
from claimledger.extract.nlp import resolve_model_name
nlp = spacy.load(resolve_model_name(None))
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
print(sum(len(doc) for doc in nlp.pipe(texts, batch_size=16)))
"""


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float
    stdout: str
    load: float  # 1-minute load average when the process ended


def run(args: list[str]) -> Run:
    """One whole process: wall seconds, and its own CPU seconds (user + system) and peak RSS (``wait4``)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode:
            raise SystemExit(f"{' '.join(args[:3])}… failed ({proc.returncode}):\n{err.read()[-2000:]}")
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read(), os.getloadavg()[0])


def corpus(polnear: Path, count: int, path: Path) -> int:
    files = sorted([*(polnear / "train" / "text").glob("*.txt"), *(polnear / "dev" / "text").glob("*.txt")])
    if not files:
        raise SystemExit(f"{polnear}: no PolNeAR texts (train/text, dev/text)")
    texts = [f.read_text(encoding="utf-8") for f in files]
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            copy, text = divmod(i, len(texts))
            body = texts[text] if copy == 0 else f"{texts[text]}\n\n({copy})"
            out.write(json.dumps({"text": body, "title": files[text].stem}) + "\n")
    return len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--polnear", type=Path, default=REPO.parent / "shared" / "data" / "polnear")
    parser.add_argument("--ray-count", type=int, default=0, help="also time the Ray engine on this many reports")
    parser.add_argument("--keep", type=Path, help="keep the store here (bench/bench_ledger.py --from reads it)")
    parser.add_argument("--one-process", action="store_true",
                        help="also time analyze --workers 1 (extraction in its own process), then spaCy once more")
    parser.add_argument("--workers", type=int, default=0,
                        help="also time analyze --workers N (N extraction processes), then spaCy once more")
    args = parser.parse_args(argv)
    cl = str(BIN / "claimledger")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        reports = work / "reports.jsonl"
        distinct = corpus(args.polnear, args.count, reports)
        db = args.keep or work / "ledger.db"
        for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            stale.unlink(missing_ok=True)
        print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, {platform.processor() or platform.machine()}, "
              f"{os.cpu_count()} CPUs; {args.count} reports ({distinct} distinct PolNeAR articles)", flush=True)
        spacy_a = run([sys.executable, "-c", SPACY, str(reports)])
        analyze = run([cl, "analyze", str(reports), "--db", str(db), "--json"])
        spacy_b = run([sys.executable, "-c", SPACY, str(reports)])
        spacy_wall = (spacy_a.wall + spacy_b.wall) / 2
        tally = json.loads(analyze.stdout)
        _row("bare spaCy nlp.pipe (mean of 2)", spacy_a, args.count, wall=spacy_wall, cpu=(spacy_a.cpu + spacy_b.cpu) / 2)
        _row("claimledger analyze", analyze, args.count)
        print(f"  analyze / spaCy throughput: {spacy_wall / analyze.wall:.2f}x (target >= 0.80); CPU seconds "
              f"{(spacy_a.cpu + spacy_b.cpu) / 2 / analyze.cpu:.2f}x; "
              f"{spacy_a.stdout.strip()} tokens; stored {tally.get('store_reports')}, errors {tally.get('errors')}",
              flush=True)
        for workers in [1] * args.one_process + [args.workers] * bool(args.workers):
            alone = run([cl, "analyze", str(reports), "--db", str(work / f"workers{workers}.db"), "--workers",
                         str(workers), "--quiet"])
            spacy_c = run([sys.executable, "-c", SPACY, str(reports)])
            wall, cpu = (spacy_b.wall + spacy_c.wall) / 2, (spacy_b.cpu + spacy_c.cpu) / 2
            _row("bare spaCy nlp.pipe (mean of the 2nd and the next)", spacy_c, args.count, wall=wall, cpu=cpu)
            _row(f"claimledger analyze --workers {workers}", alone, args.count)
            print(f"  analyze --workers {workers} / spaCy throughput: {wall / alone.wall:.2f}x; "
                  f"CPU seconds {cpu / alone.cpu:.2f}x", flush=True)
            spacy_b = spacy_c
        cold = run([cl, "report", "--db", str(db), "-o", str(work / "cold.html"), "--quiet"])
        warm = run([cl, "report", "--db", str(db), "-o", str(work / "warm.html"), "--quiet"])
        _row("report, cold (build from stored vectors)", cold, args.count)
        _row("report, warm (snapshot)", warm, args.count)
        if args.ray_count:
            small = work / "ray.jsonl"
            with reports.open(encoding="utf-8") as src, small.open("w", encoding="utf-8") as out:
                out.writelines(line for _, line in zip(range(args.ray_count), src))
            for workers in (1, 2):
                ray_db = work / f"ray{workers}.db"
                ray = run([cl, "analyze", str(small), "--db", str(ray_db), "--engine", "ray", "--workers", str(workers),
                           "--quiet"])
                _row(f"analyze --engine ray --workers {workers}", ray, args.ray_count)
    return 0


def _row(name: str, r: Run, n: int, *, wall: float | None = None, cpu: float | None = None) -> None:
    wall = wall if wall is not None else r.wall
    cpu = cpu if cpu is not None else r.cpu
    print(f"  {name:<44} {wall:8.1f} s wall {cpu:8.1f} s CPU {n / wall:7.1f} reports/s  peak {r.peak_mb:6.0f} MB"
          f"  load {r.load:.1f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
