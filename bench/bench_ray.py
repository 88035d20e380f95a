"""Reports/s of per-report extraction: the local engine against Ray (a local cluster) with 1 and 2 actors.

Reports are the pages of a generated WARC.gz (``bench/make_warc.py``), read
by the same ingestion as ``claimledger analyze``. Each engine extracts them
and computes story features (what ``analyze`` asks of an engine); storing is
left out, being the driver's work whichever engine ran. Ray's time includes
starting the actors and loading a model in each; that cost is paid once per
window of reports, so it fades on longer runs.

    python bench/bench_ray.py 200
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_warc import write_warc  # noqa: E402

from claimledger.config import Limits  # noqa: E402
from claimledger.engines import local  # noqa: E402
from claimledger.ingest.inputs import read_inputs  # noqa: E402
from claimledger.records import RawReport  # noqa: E402


def _chunks(reports: list[RawReport], size: int = 64):
    for first in range(0, len(reports), size):
        yield reports[first:first + size], None


def _time(label: str, outcomes) -> float:
    started = time.perf_counter()
    n = sum(1 for _ in outcomes)
    seconds = time.perf_counter() - started
    print(f"{label:<22} {n:>6} reports {seconds:8.1f} s {n / seconds:8.2f} reports/s", flush=True)
    return n / seconds


def main(n: int) -> None:
    import ray

    from claimledger.engines import ray as ray_engine

    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "bench.warc.gz"
        write_warc(archive, n)
        reports = [r for r in read_inputs([str(archive)], Limits()) if isinstance(r, RawReport)]
    print(f"{len(reports)} reports from a generated WARC.gz of {n} pages")
    limits = Limits()
    base = _time("local", local.analyse(_chunks(reports), model=None, limits=limits, stories=True))
    for workers in (1, 2):
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        try:
            rate = _time(f"ray, {workers} actor{'s' if workers > 1 else ''}",
                         ray_engine.analyse(_chunks(reports), model=None, limits=limits, stories=True, workers=workers))
        finally:
            ray.shutdown()
        print(f"{'':<22} {rate / base:.2f}x local")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
