#!/usr/bin/env python3
"""Compare the sentence encoders on throughput and on the claim metrics of both development sets.

    OPENBLAS_NUM_THREADS=1 python scripts/compare_encoders.py [--shared ../shared] [--sentences 2000]
        [--encoders minilm minilm-onnx …] [--markdown]

For each encoder of :data:`claimledger.ledger.encoders.ENCODERS`:

* throughput: sentences per CPU second on one core (BLAS and ONNX Runtime
  each one thread), encoding ``--sentences`` real sentences of ECB+ documents
  (``../shared/data/ecbplus``) after one warm-up text; loading the weights is
  timed apart;
* the claim metrics of ``../shared/eval/score.py`` (claim_pair_recall,
  claim_pair_separation, claim_independence_acc, conflict_recall) on
  ``seeds/`` and on the rumour ``stories/``, by the machinery of
  ``scripts/score_dev.py`` with ``CLAIMLEDGER_ENCODER`` set.

One table is printed; the last column says whether every claim metric on both
sets is within 0.02 of the NumPy MiniLM's (the bar for the default encoder).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from score_dev import dev_sets, score  # noqa: E402  (the development-set machinery, not a copy)

from claimledger.ledger.encoders import ENCODERS, get_encoder  # noqa: E402

CLAIM_METRICS = ("claim_pair_recall", "claim_pair_separation", "claim_independence_acc", "conflict_recall")
TOLERANCE = 0.02  # the bar: claim metrics within this of the NumPy MiniLM's
BASELINE = "minilm"


def sentences(shared: Path, n: int) -> list[str]:
    out: list[str] = []
    with open(shared / "data" / "ecbplus" / "docs_dev.jsonl", encoding="utf-8") as f:
        for line in f:
            out += [s for s in json.loads(line)["text"].split("\n") if len(s.split()) >= 5]
            if len(out) >= n:
                break
    return out[:n]


def throughput(name: str, texts: list[str]) -> tuple[float, float]:
    """(CPU seconds to load, sentences per CPU second) for encoder ``name``.

    CPU time of the process, not wall time: the machine is shared, and with
    one thread CPU seconds are the one-core cost.
    """
    encoder = get_encoder(name)
    start = time.process_time()
    encoder.encode(texts[:1])  # loads the weights
    loaded = time.process_time() - start
    start = time.process_time()
    encoder.encode(texts)
    return loaded, len(texts) / (time.process_time() - start)


def claim_metrics(shared: Path, name: str) -> dict[str, dict[str, float]]:
    """The claim metrics of each development set with ``name``'s vectors (one scoring of each export)."""
    os.environ["CLAIMLEDGER_ENCODER"] = name  # inherited by the analyze runs
    try:
        with tempfile.TemporaryDirectory() as tmp:
            found = {s.split()[0]: score(shared, s.split()[0], inputs, gold, Path(tmp), 1)
                     for s, (inputs, gold) in dev_sets(shared).items()}
            return {s: {m: values[m][0] for m in CLAIM_METRICS} for s, values in found.items()}
    finally:
        del os.environ["CLAIMLEDGER_ENCODER"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--sentences", type=int, default=2000)
    ap.add_argument("--encoders", nargs="+", default=list(ENCODERS), choices=list(ENCODERS))
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    names = [BASELINE] + [n for n in args.encoders if n != BASELINE]
    texts = sentences(args.shared, args.sentences)
    rows = {}
    for name in names:
        print(f"{name}: throughput on {len(texts)} sentences …", file=sys.stderr, flush=True)
        loaded, rate = throughput(name, texts)
        print(f"{name}: claim metrics …", file=sys.stderr, flush=True)
        rows[name] = (get_encoder(name).dim, loaded, rate, claim_metrics(args.shared, name))

    base = rows[BASELINE][3]
    cols = [(s, m) for s in base for m in CLAIM_METRICS]
    short = {"claim_pair_recall": "pair_rec", "claim_pair_separation": "pair_sep",
             "claim_independence_acc": "indep", "conflict_recall": "confl"}
    head = ["encoder", "dim", "load CPU s", "sent/CPU s"] + [f"{s} {short[m]}" for s, m in cols] + ["max |Δ|", "within 0.02"]
    table = []
    for name, (dim, loaded, rate, metrics) in rows.items():
        delta = max(abs(metrics[s][m] - base[s][m]) for s, m in cols)
        table.append([name, str(dim), f"{loaded:.1f}", f"{rate:.0f}"] + [f"{metrics[s][m]:.3f}" for s, m in cols]
                     + [f"{delta:.3f}", "yes" if delta <= TOLERANCE + 1e-9 else "no"])
    if args.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for row in table:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(r[i]) for r in [head] + table) for i in range(len(head))]
        for row in [head] + table:
            print("  ".join(c.rjust(w) for c, w in zip(row, widths)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
