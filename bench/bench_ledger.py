"""Time build_ledger on synthetic report sets of growing size (one core).

    OPENBLAS_NUM_THREADS=1 python bench/bench_ledger.py 1000 10000
    python bench/bench_ledger.py --stand-in-vectors 1000 10000

Sentence vectors are computed once per distinct statement text and cached
(:mod:`claimledger.ledger.embeddings`); the benchmark embeds first and
reports that time separately, then times the ledger reasoning with the cache
warm, which is what an incremental rebuild costs: wall-clock seconds and the
process's CPU seconds (the two agree on an idle machine; on a loaded one the
CPU figure is the cost).

``--stand-in-vectors`` replaces the model with hashed bag-of-words vectors
(texts sharing words get close vectors) to time the reasoning at sizes where
running MiniLM on one core would take tens of minutes; it measures the
algorithm's growth, not the model's.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_synthetic import make_reports  # noqa: E402

from claimledger.ledger import build_ledger  # noqa: E402
from claimledger.ledger import claims as claims_module  # noqa: E402
from claimledger.ledger import propositions as propositions_module  # noqa: E402
from claimledger.ledger import stance_model as stance_model_module  # noqa: E402
from claimledger.ledger.statements import figure_text, statement_text  # noqa: E402
from claimledger.ledger.embeddings import DIM, embed  # noqa: E402


_stand_in_cache: dict = {}


def stand_in_embed(texts):
    """Hashed bag-of-words unit vectors: a stand-in for the model when timing the reasoning only.

    Cached per text like the real vectors, so the timed rebuild pays lookups, not vectorising.
    """
    import re
    import zlib

    import numpy as np

    for t in texts:
        if t not in _stand_in_cache:
            v = np.zeros(DIM, dtype=np.float32)
            for w in re.findall(r"[a-z0-9,]+", t.lower()):
                h = zlib.crc32(w.encode())
                v[h % DIM] += 1.0 if (h >> 16) & 1 else -1.0
            _stand_in_cache[t] = v / max(float(np.linalg.norm(v)), 1e-9)
    return np.stack([_stand_in_cache[t] for t in texts]) if texts else np.zeros((0, DIM), dtype=np.float32)


def main(sizes: list[int], stand_in: bool) -> None:
    vectorise = embed
    if stand_in:  # every module that embeds: statements, counted nouns, the stance model's sentences
        claims_module.embed = propositions_module.embed = stance_model_module.embed = vectorise = stand_in_embed
    print(f"{'reports':>8} {'statements':>10} {'embed s':>8} {'ledger s':>9} {'cpu s':>8} {'claims':>7} "
          f"{'conflicts':>9}")
    for n in sizes:
        reports = make_reports(n)
        texts = []
        for r in reports:
            for i, a in enumerate(r.extraction.attributions):
                texts.append(statement_text(a))
                texts.extend(figure_text(a, f) for f in r.extraction.figures if f.attribution == i)
        t0 = time.perf_counter()
        vectorise(texts)
        t1, c1 = time.perf_counter(), time.process_time()
        ledger = build_ledger(reports)
        t2, c2 = time.perf_counter(), time.process_time()
        print(f"{n:>8} {len(texts):>10} {t1 - t0:>8.1f} {t2 - t1:>9.1f} {c2 - c1:>8.1f} {len(ledger.claims):>7} "
              f"{len(ledger.conflicts):>9}", flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    main([int(x) for x in args if x.isdigit()] or [1000, 10000], "--stand-in-vectors" in args)
