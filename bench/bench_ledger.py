"""Time the ledger build on stored reports with the real sentence vectors analyze stored.

    .venv/bin/python bench/bench_analyze.py --count 1000 --keep /tmp/polnear.db
    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/bench_ledger.py --from /tmp/polnear.db 1000 10000 [--keep DIR]
    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/bench_ledger.py --from /tmp/polnear.db 1000 --runs 5
    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/bench_ledger.py --from /tmp/polnear.db --build-only 1000 10000
    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/bench_ledger.py --stand-in-vectors 1000 10000

``--from STORE``: the reports of a store ``claimledger analyze`` filled (real text, the vectors
it computed), repeated to each size as new reports (ids and content hashes of their own, the
same extractions, so the same stored vectors). For each size a new SQLite store is written,
then timed, each step one whole process (``claimledger report``): cold (the ledger built
from the stored vectors, then kept as a snapshot) and warm (the snapshot read), ``--runs N``
times (each cold run on a copy of the store as it was before the first: no snapshot). The build
alone is also timed in this process (CPU seconds: the cost on one core), with the peak
resident memory of the whole run. Repetition makes large sets of wire copies: every
statement has its copies, which is more grouping work than as many distinct reports.

``--stand-in-vectors``: synthetic reports (:mod:`make_synthetic`, one story per 50 reports)
with hashed bag-of-words vectors in place of the encoder, to time the reasoning on distinct
reports at sizes whose real vectors would take an hour to compute on one core; it measures
the algorithm's growth, not a real run.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402

from claimledger.ledger import build_ledger  # noqa: E402
from claimledger.ledger.embeddings import DIM, encoder_tag, known_vectors, text_key  # noqa: E402
from claimledger.ledger.vectors import TextVectors, embedded, from_bytes, texts_to_embed  # noqa: E402
from claimledger.records import StoredReport  # noqa: E402
from claimledger.store import Store, content_hash  # noqa: E402

CLAIMLEDGER = Path(sys.executable).with_name("claimledger")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stand_in(texts: list[str]) -> dict[str, np.ndarray]:
    """Hashed bag-of-words unit vectors (texts sharing words get close vectors): not the model."""
    import re
    import zlib

    out = {}
    for t in texts:
        v = np.zeros(DIM, dtype=np.float32)
        for w in re.findall(r"[a-z0-9,]+", t.lower()):
            h = zlib.crc32(w.encode())
            v[h % DIM] += 1.0 if (h >> 16) & 1 else -1.0
        out[text_key(t)] = v / max(float(np.linalg.norm(v)), 1e-9)
    return out


def repeated(reports: list[StoredReport], n: int) -> list[StoredReport]:
    """``n`` reports cycling through ``reports``, each copy with its own text (a numbered last line)."""
    out = []
    for i in range(n):
        copy, k = divmod(i, len(reports))
        r = reports[k]
        ext = r.extraction if copy == 0 else replace(
            r.extraction, report=replace(r.extraction.report, text=f"{r.extraction.report.text}\n\n[{copy}]"))
        out.append(StoredReport(id=f"d{i + 1}", extraction=ext, content_hash=content_hash(ext.report.text),
                                added_at=r.added_at))
    return out


def whole(args: list[str]) -> str:
    """One whole process: "wall/CPU" seconds (its own CPU, from ``wait4``)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(args[:2])} failed ({proc.returncode})")
    return f"{time.perf_counter() - start:.1f}/{usage.ru_utime + usage.ru_stime:.1f}"


def from_store(source: Path, sizes: list[int], keep: Path | None = None, build_only: bool = False,
               runs: int = 1) -> None:
    with Store.open(source, create=False) as store:
        base = store.reports()
        texts = {text_key(t): t for r in base for t in texts_to_embed(r.extraction)}
        blobs = store.vectors(encoder_tag(), set(texts))
    print(f"{len(base)} reports and {len(blobs)} of {len(texts)} texts' vectors in {source}")
    missing = [t for k, t in texts.items() if k not in blobs]
    if missing:  # a store analysed by older code, which embedded fewer texts: as analyze now would
        blobs.update(embedded(missing).by_key)
        print(f"{len(missing)} texts embedded now, as analyze would have")
    print(f"{'reports':>8} {'attributions':>12} {'build s':>8} {'cpu s':>7} {'claims':>7} {'conflicts':>9} "
          f"{'report cold wall/CPU s':>22} {'report warm wall/CPU s':>22} {'peak MB':>8}", flush=True)
    for n in sizes:
        reports = repeated(base, n)
        with tempfile.TemporaryDirectory() as tmp:
            db = (keep / f"ledger-{n}.db") if keep else Path(tmp) / "ledger.db"
            db.unlink(missing_ok=True)
            with Store.open(db) as target:
                target.add_vectors(TextVectors(encoder_tag(), blobs))
                for r in reports:
                    target.add(r.extraction)
                stored = target.reports()
            print(timed_build(stored, from_bytes(blobs)), end="", flush=True)  # the build's figures before the long runs
            if build_only:
                print(f" {'-':>22} {'-':>22} {peak_mb():>8.0f}", flush=True)
                continue
            pristine = Path(tmp) / "pristine.db"
            shutil.copyfile(db, pristine)  # no snapshot yet: each further cold run starts from this copy
            pairs = []
            for k in range(runs):
                if k:
                    shutil.copyfile(pristine, db)
                cold = whole([str(CLAIMLEDGER), "report", "--db", str(db), "-o", str(Path(tmp) / "cold.html"), "--quiet"])
                warm = whole([str(CLAIMLEDGER), "report", "--db", str(db), "-o", str(Path(tmp) / "warm.html"), "--quiet"])
                pairs.append((cold, warm))
        print(f" {pairs[0][0]:>22} {pairs[0][1]:>22} {peak_mb():>8.0f}", flush=True)
        for cold, warm in pairs[1:]:  # the further runs (--runs), each cold then warm
            print(f"{'':>56} {cold:>22} {warm:>22}", flush=True)


def timed_build(reports: list, vectors: dict) -> str:
    """One build of the ledger with the given vectors known: its row (reports, attributions, wall and CPU
    seconds, claims, conflicts)."""
    t0, c0 = time.perf_counter(), time.process_time()
    with known_vectors(vectors):
        ledger = build_ledger(reports)
    t1, c1 = time.perf_counter(), time.process_time()
    statements = sum(len(r.extraction.attributions) for r in reports)
    return (f"{len(reports):>8} {statements:>12} {t1 - t0:>8.1f} {c1 - c0:>7.1f} {len(ledger.claims):>7} "
            f"{len(ledger.conflicts):>9}")


def synthetic(sizes: list[int]) -> None:
    from make_synthetic import make_reports

    print(f"{'reports':>8} {'attributions':>12} {'build s':>8} {'cpu s':>7} {'claims':>7} {'conflicts':>9} "
          f"{'peak MB':>8}", flush=True)
    for n in sizes:
        reports = make_reports(n)
        vectors = stand_in([t for r in reports for t in texts_to_embed(r.extraction)])
        print(f"{timed_build(reports, vectors)} {peak_mb():>8.0f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--from", dest="source", type=Path, help="a store analyze filled (real text and vectors)")
    group.add_argument("--stand-in-vectors", action="store_true", help="synthetic reports, stand-in vectors")
    parser.add_argument("--build-only", action="store_true",
                        help="with --from: time the build only, not the whole `report` processes")
    parser.add_argument("--keep", type=Path, help="with --from: keep each size's store here (ledger-N.db)")
    parser.add_argument("--runs", type=int, default=1,
                        help="with --from: time the cold and warm `report` this many times (each cold run on the "
                             "store as it was before the first)")
    args = parser.parse_args(argv)
    if args.source:
        from_store(args.source, args.sizes, args.keep, args.build_only, args.runs)
    else:
        synthetic(args.sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
