#!/usr/bin/env python3
"""Fit the counted-kind class bar (``LedgerParams.subject_class``) and print its held-out score.

    python scripts/fit_subject_class.py [--data ../shared/data]

The ledger groups what counts count ("troops", "special forces soldiers", "landing ships": the
counted kind, :func:`claimledger.ledger.propositions.counted_kind`) into one class when their
sentence vectors are at least ``subject_class`` apart in cosine, joined transitively
(:func:`claimledger.ledger.propositions.subject_classes`). What one class is, is read here from ECB+
entity coreference: two different common-noun mentions of one entity in one topic ("the rep" and
"her publicist", "the blaze" and "the fire") name one kind of thing; two that never name one entity
in their topic ("police" and "suspects") do not. Every topic's kinds are grouped as the ledger
groups them, at each bar of a grid; the bar with the best pair F1 over the topics of the
``split == "train"`` documents is kept, and the pair P/R/F1 on the ``split == "dev"`` topics is
printed. Names (mentions ending in a capitalised word), pronouns and function words are left out.

For comparison, on the same pairs, classes of the head noun alone (the last word, which the ledger
used before) are fitted and scored the same way.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

import numpy as np

from claimledger.ledger.embeddings import embed
from claimledger.ledger.names import PRONOUNS
from claimledger.ledger.propositions import counted_kind, head_noun, subject_classes

Topics = dict[int, dict[str, set[str]]]
Grouping = Callable[[list[str], float], dict[str, int]]


def topic_kinds(data: Path, split: str) -> Topics:
    """topic → counted kind → ids of the entity clusters it names (mentions in ``split`` documents only)."""
    split_of = {}
    for line in (data / "ecbplus" / "docs_dev.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        split_of[doc["doc_id"]] = doc["split"]
    kinds: Topics = defaultdict(lambda: defaultdict(set))
    for line in (data / "ecbplus" / "clusters_dev.jsonl").read_text(encoding="utf-8").splitlines():
        cluster = json.loads(line)
        if cluster["kind"] != "entity":
            continue
        for m in cluster["mentions"]:
            last = (re.findall(r"[A-Za-z][A-Za-z-]+", m["text"]) or [""])[-1]
            if split_of.get(m["doc_id"]) != split or not last.islower() or last in PRONOUNS:
                continue
            kind = counted_kind(m["text"])
            if kind and len(kind) > 2:
                kinds[cluster["topic"]][kind].add(cluster["cluster_id"])
    return kinds


def by_kind(kinds: list[str], bar: float) -> dict[str, int]:
    return subject_classes(kinds, bar)


def by_head(kinds: list[str], bar: float) -> dict[str, int]:
    classes = subject_classes([head_noun(k) for k in kinds], bar)
    return {k: classes[head_noun(k)] for k in kinds}


def score(topics: Topics, grouping: Grouping, bar: float) -> tuple[float, float, float]:
    """Pair precision, recall and F1 of the classes ``grouping`` forms at ``bar``, over all topics."""
    tp = fp = fn = 0
    for kinds in topics.values():
        classes = grouping(sorted(kinds), bar)
        for a, b in combinations(sorted(kinds), 2):
            same, joined = bool(kinds[a] & kinds[b]), classes[a] == classes[b]
            tp += same and joined
            fp += joined and not same
            fn += same and not joined
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def fit(train: Topics, dev: Topics, grouping: Grouping, name: str, *, verbose: bool) -> float:
    fits = {}
    for bar in np.round(np.arange(0.30, 0.91, 0.05), 2):
        fits[float(bar)] = score(train, grouping, float(bar))
        if verbose:
            p, r, f = fits[float(bar)]
            print(f"  bar {bar:.2f}: train pair P {p:.3f} R {r:.3f} F1 {f:.3f}")
    best = max(fits, key=lambda b: (fits[b][2], b))
    p, r, f = score(dev, grouping, best)
    print(f"{name}: bar {best:.2f} (best train pair F1 {fits[best][2]:.3f}); "
          f"held out (dev topics): P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    args = ap.parse_args()
    train, dev = topic_kinds(args.data, "train"), topic_kinds(args.data, "dev")
    kinds = sorted({k for t in (*train.values(), *dev.values()) for k in t})
    embed(kinds + sorted({head_noun(k) for k in kinds}))  # one batch: later calls are cached
    for name, topics in (("train", train), ("dev", dev)):
        pairs = sum(len(k) * (len(k) - 1) // 2 for k in topics.values())
        print(f"{name}: {len(topics)} topics, {sum(len(k) for k in topics.values())} kinds, {pairs} pairs")
    fit(train, dev, by_head, "head noun alone (for comparison)", verbose=False)
    best = fit(train, dev, by_kind, "counted kind", verbose=True)
    print(f"subject_class = {best:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
