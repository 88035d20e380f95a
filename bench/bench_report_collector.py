"""What Python's cycle collector costs a whole ``claimledger report`` process, cold and warm.

    OPENBLAS_NUM_THREADS=1 CLAIMLEDGER_ENCODER=minilm .venv/bin/python bench/bench_report_collector.py STORE [--runs N]

``STORE``: a store ``claimledger analyze`` filled (``bench/bench_ledger.py --from ... --keep DIR``
writes a 1,000-report one); it is copied, never written. Each run is one ``report`` process on a
fresh copy (cold: the ledger built and kept) and then one on that copy (warm: the snapshot read),
each as ``claimledger report`` runs it, with two probes added: a ``gc.callbacks`` hook that sums the
CPU seconds of the collections the run triggers (young generations apart from full ones), and an
``atexit`` hook that reads the CPU seconds used when the command is done. The process's own CPU
seconds (``wait4``) less that reading is what ending the process costs: the interpreter's teardown,
with its last collection. Compare CPU seconds, not wall time, on a shared machine.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROBE = """
import atexit, gc, sys, time
spent = {"young": 0.0, "full": 0.0, "started": 0.0}
def probe(phase, info):
    if phase == "start":
        spent["started"] = time.process_time()
    else:
        spent["full" if info["generation"] == 2 else "young"] += time.process_time() - spent["started"]
gc.callbacks.append(probe)
def done():
    print(f"{time.process_time():.2f} {spent['young']:.2f} {spent['full']:.2f}", file=sys.stderr)
atexit.register(done)  # registered first, so run last: after the command's own exit hooks
from claimledger.cli import main
sys.argv = ["claimledger", *sys.argv[1:]]
main()
"""


def one(db: Path, html: Path) -> str:
    """One ``report`` process: its CPU seconds, those used by the command's end, and the collections'."""
    proc = subprocess.Popen([sys.executable, "-c", PROBE, "report", "--db", str(db), "-o", str(html), "--quiet"],
                            stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read()
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"report failed:\n{err[-2000:]}")
    at_end, young, full = (float(x) for x in err.split()[-3:])
    total = usage.ru_utime + usage.ru_stime
    return f"{total:6.2f} {at_end:6.2f} {total - at_end:6.2f} {young:6.2f} {full:6.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    print(f"{'run':<5} {'CPU s':>6} {'at end':>6} {'exit':>6} {'young':>6} {'full':>6}   load", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store.db"
        for _ in range(args.runs):
            shutil.copyfile(args.store, db)
            for kind in ("cold", "warm"):
                row = one(db, Path(tmp) / f"{kind}.html")
                print(f"{kind:<5} {row}   {os.getloadavg()[0]:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
