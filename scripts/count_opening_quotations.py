#!/usr/bin/env python3
"""Count how PolNeAR annotators treat the quotations the extractor credits to an earlier speaker.

    python scripts/count_opening_quotations.py [POLNEAR_TRAIN_DIR] [--limit N]

A quotation with no cue of its own is credited to the speaker before it
(``claimledger.extract.attribution._continuations``) when it fills most of
its sentence, or when it opens a sentence that goes on in the writer's
narration with no cue and no subject of its own ("“He asked for 48 hours,”
then ripped up the contract."), in the paragraph of a speaker last heard in
quotation marks. For each kind the script prints how many such statements
the extractor makes and how many an annotator marked as an attribution
(content overlapping by half, as the evaluation counts). Only the training
split is read.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from claimledger.extract.attribution import _CONTINUATION_MIN_SHARE, find_attributions
from claimledger.extract.nlp import load_nlp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_cues import articles, gold_attributions, overlap, tokens  # noqa: E402


def main() -> int:
    root = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split_dir", nargs="?", default=str(root.parent / "shared/data/polnear/train"))
    ap.add_argument("--limit", type=int, default=0, help="read only the first N articles")
    args = ap.parse_args()
    names, anns = articles(args.split_dir, args.limit)
    texts = [open(os.path.join(args.split_dir, "text", n + ".txt"), encoding="utf-8").read() for n in names]
    counts = {"fills its sentence": [0, 0], "opens a narrated sentence": [0, 0]}
    for name, doc in zip(names, load_nlp().pipe(texts, batch_size=32)):
        gold = [content for _, content in gold_attributions(anns[name], doc.text)]
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        for a in find_attributions(doc):
            if not a.continuation:
                continue
            start, end = next(((s, e) for s, e in sentences if s <= a.content_start < e), (a.start, a.end))
            kind = "opens a narrated sentence" if a.content_end - a.content_start < _CONTINUATION_MIN_SHARE * len(doc.text[start:end].strip()) \
                else "fills its sentence"
            counts[kind][0] += any(overlap(tokens(a.content), g) >= 0.5 for g in gold)
            counts[kind][1] += 1
    for kind, (marked, made) in counts.items():
        print(f"quotation that {kind}: {marked}/{made} marked by annotators ({marked / max(1, made):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
