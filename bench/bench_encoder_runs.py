"""CPU seconds of the default encoder on the texts analyze embeds: one run per text against its batched runs.

    .venv/bin/python bench/bench_encoder_runs.py [--count 40] [--polnear ../shared/data/polnear] [--repeat 2]

The first ``--count`` PolNeAR articles (train, then dev, by file name) are extracted; the texts
the ledger embeds for them (:func:`claimledger.ledger.vectors.texts_to_embed`, distinct) are
embedded by ``minilm-onnx`` one text per ONNX Runtime run, and by
:meth:`~claimledger.ledger.encoders.OnnxMiniLM.encode` (runs of texts of one token length),
alternately ``--repeat`` times. Prints CPU seconds (``time.process_time``), texts per CPU
second and the largest difference between the two sets of vectors.
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--polnear", type=Path, default=REPO.parent / "shared" / "data" / "polnear")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    from claimledger.config import Limits
    from claimledger.engines.local import extract_each
    from claimledger.extract.nlp import load_nlp
    from claimledger.ledger.encoders import get_encoder
    from claimledger.ledger.vectors import texts_to_embed
    from claimledger.records import RawReport, ReportExtraction

    files = sorted([*(args.polnear / "train" / "text").glob("*.txt"), *(args.polnear / "dev" / "text").glob("*.txt")])
    reports = [RawReport(text=f.read_text(encoding="utf-8"), title=f.stem) for f in files[: args.count]]
    pairs = extract_each(reports, load_nlp(None), None, Limits())
    texts = list(dict.fromkeys(t for _, r in pairs if isinstance(r, ReportExtraction) for t in texts_to_embed(r)))
    encoder = get_encoder("minilm-onnx")
    tokens = sum(len(e.ids) for e in encoder.tokenizer.encode_batch(texts))
    print(f"{len(reports)} articles, {len(texts)} distinct texts, {tokens} tokens; load average "
          f"{os.getloadavg()[0]:.2f}", flush=True)
    encoder.encode(texts[:2])  # the session is built outside the timings

    def one_by_one() -> np.ndarray:
        out = np.stack([encoder._run([e.ids])[0] for e in encoder.tokenizer.encode_batch(texts)])
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)

    results = {}
    for _ in range(args.repeat):
        for name, run in (("one run per text", one_by_one), ("runs of one length", lambda: encoder.encode(texts))):
            start = time.process_time()
            results[name] = run()
            cpu = time.process_time() - start
            print(f"  {name:<20} {cpu:6.2f} CPU s {len(texts) / cpu:6.0f} texts per CPU s", flush=True)
    a, b = results.values()
    print(f"  largest difference per component: {np.abs(a - b).max():.1e}")


if __name__ == "__main__":
    main()
