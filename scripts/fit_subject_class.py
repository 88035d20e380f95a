#!/usr/bin/env python3
"""Fit the counted-noun class bar (``LedgerParams.subject_class``) and print its held-out score.

    python scripts/fit_subject_class.py [--data ../shared/data]

The ledger groups the head nouns of counted things ("troops", "soldiers", "forces") into one class
when their sentence vectors are at least ``subject_class`` apart in cosine, joined transitively
(:func:`claimledger.ledger.propositions.subject_classes`). What one class is, is read here from ECB+
entity coreference: two different common-noun heads of mentions of one entity in one topic ("rep"
and "publicist", "blaze" and "fire") name one kind of thing; two heads that never name one entity
in their topic ("police" and "suspects") do not. Every topic's heads are grouped as the ledger
groups them, at each bar of a grid; the bar with the best pair F1 over the topics of the
``split == "train"`` documents is kept, and the pair P/R/F1 on the ``split == "dev"`` topics is
printed. Names (capitalised heads), pronouns and function words are left out.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np

from claimledger.ledger.embeddings import embed
from claimledger.ledger.names import PRONOUNS
from claimledger.ledger.propositions import head_noun, subject_classes


def topic_heads(data: Path, split: str) -> dict[int, dict[str, set[str]]]:
    """topic → head noun → ids of the entity clusters it names (mentions in ``split`` documents only)."""
    split_of = {}
    for line in (data / "ecbplus" / "docs_dev.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        split_of[doc["doc_id"]] = doc["split"]
    heads: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for line in (data / "ecbplus" / "clusters_dev.jsonl").read_text(encoding="utf-8").splitlines():
        cluster = json.loads(line)
        if cluster["kind"] != "entity":
            continue
        for m in cluster["mentions"]:
            last = (re.findall(r"[A-Za-z][A-Za-z-]+", m["text"]) or [""])[-1]
            if split_of.get(m["doc_id"]) != split or not last.islower() or last in PRONOUNS:
                continue
            head = head_noun(m["text"])
            if head and len(head) > 2:
                heads[cluster["topic"]][head].add(cluster["cluster_id"])
    return heads


def pairs_of(heads: dict[str, set[str]]) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(same-class pairs, different-class pairs) of distinct heads of one topic."""
    same, different = set(), set()
    for a, b in combinations(sorted(heads), 2):
        (same if heads[a] & heads[b] else different).add((a, b))
    return same, different


def score(topics: dict[int, dict[str, set[str]]], bar: float) -> tuple[float, float, float]:
    """Pair precision, recall and F1 of the classes the ledger would form at ``bar``, over all topics."""
    tp = fp = fn = 0
    for heads in topics.values():
        same, different = pairs_of(heads)
        classes = subject_classes(sorted(heads), bar)
        joined = {(a, b) for a, b in combinations(sorted(heads), 2) if classes[a] == classes[b]}
        tp += len(joined & same)
        fp += len(joined & different)
        fn += len(same - joined)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    args = ap.parse_args()
    train, dev = topic_heads(args.data, "train"), topic_heads(args.data, "dev")
    embed(sorted({h for t in (*train.values(), *dev.values()) for h in t}))  # one batch: later calls are cached
    for name, topics in (("train", train), ("dev", dev)):
        same = sum(len(pairs_of(h)[0]) for h in topics.values())
        different = sum(len(pairs_of(h)[1]) for h in topics.values())
        print(f"{name}: {len(topics)} topics, {sum(len(h) for h in topics.values())} heads, "
              f"{same} same-class and {different} different-class pairs")
    fits = {}
    for bar in np.round(np.arange(0.30, 0.91, 0.05), 2):
        fits[float(bar)] = score(train, float(bar))
        p, r, f = fits[float(bar)]
        print(f"  bar {bar:.2f}: train pair P {p:.3f} R {r:.3f} F1 {f:.3f}")
    best = max(fits, key=lambda b: (fits[b][2], b))
    p, r, f = score(dev, best)
    print(f"subject_class = {best:.2f} (best train pair F1 {fits[best][2]:.3f}); "
          f"held out (dev topics): P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
