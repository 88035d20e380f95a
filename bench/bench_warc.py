"""Stream a generated WARC.gz of HTML news pages through the local engine: reports/s and peak memory.

Each size runs ``claimledger analyze ARCHIVE`` in a fresh process on a fresh
store, so the peak resident memory (the process's ru_maxrss) belongs to that
run alone. Streaming means the peak should stay flat as the archive grows:
the archive is read record by record and reports are extracted 64 at a time.

    python bench/bench_warc.py                 # 250, 500, 1000 pages (a few minutes on a laptop)
    python bench/bench_warc.py 1000 5000 10000 # the full curve (about 25 minutes at ~14 reports/s)
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_warc import write_warc  # noqa: E402

DEFAULT_SIZES = (250, 500, 1000)


def run(size: int, folder: Path) -> dict:
    archive, db = folder / f"news-{size}.warc.gz", folder / f"ledger-{size}.db"
    write_warc(archive, size)
    command = [sys.executable, "-c", "from claimledger.cli import app; app()", "analyze", str(archive), "--db", str(db)]
    started = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - started
    out = child.stdout.read()
    if status != 0:
        raise SystemExit(f"analyze failed on {size} pages: {out} {child.stderr.read()}")
    analysed = int(re.search(r"analysed (\d+)", out).group(1))
    copies = re.search(r"\((\d+) near-cop", out)
    return dict(size=size, archive_mb=archive.stat().st_size / 1e6, analysed=analysed,
                copies=int(copies.group(1)) if copies else 0, seconds=seconds, rate=analysed / seconds,
                peak_mb=usage.ru_maxrss / 1024)


def main(sizes: list[int]) -> None:
    print(f"{'pages':>7} {'archive MB':>10} {'analysed':>8} {'copies':>6} {'seconds':>8} {'reports/s':>9} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            r = run(size, Path(tmp))
            print(f"{r['size']:>7} {r['archive_mb']:>10.1f} {r['analysed']:>8} {r['copies']:>6} {r['seconds']:>8.1f} "
                  f"{r['rate']:>9.1f} {r['peak_mb']:>8.0f}", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or list(DEFAULT_SIZES))
