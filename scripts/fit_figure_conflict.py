#!/usr/bin/env python3
"""Fit the same-proposition bar for counts of people harmed alike (``LedgerParams.harm_conflict``) and
print its held-out score.

    python scripts/fit_figure_conflict.py [--data ../shared/data]

A figure conflict asks of two statements giving different counts: would they be one proposition but
for the figure? The same-claim model answers from the words (:mod:`claimledger.ledger.matching`), and
reads no predicate. When both counts are of one class of people harmed the same way ("30 killed" /
"45 died"; :func:`claimledger.ledger.propositions.harm_of`), the harm is that predicate, and less of the
wording needs to agree. How much less is read here from ECB+: every annotated sentence of a
``split == "train"`` document that gives a count of people harmed is a statement (figures found by the
project's own extraction); two in different documents of one topic, with the same harm, one counted
class and no clash of aspect, are one proposition when they mention one event cluster and not when
they share none (each ECB+ topic holds two real-world events of one kind, two earthquakes, two
shootings: hard negatives). The bar with the best pair F1 over the model's probability with its
number features set neutral (what :func:`claimledger.ledger.conflicts` computes) is kept; P/R/F1 on
the ``split == "dev"`` documents are printed at that bar and at the model's own threshold.

``--model PATH`` fits the bar for another same-claim model (a JSON ``scripts/train_claim_match.py`` wrote,
e.g. with ``--trees``) in place of the shipped one.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimledger.extract.figures import find_figures
from claimledger.extract.nlp import load_nlp
from claimledger.ledger.embeddings import embed
from claimledger.ledger.matching import (
    FEATURES,
    IdfWeights,
    PairModel,
    collection_idf,
    load_model,
    model_of,
    pair_features,
    text_profile,
)
from claimledger.ledger.params import DEFAULT_PARAMS
from claimledger.ledger.propositions import aspect_of, counted_kind, harm_of, subject_classes
from claimledger.ledger.statements import clause_around
from train_claim_match import ecb_items  # this folder is on the path of a script run from it


@dataclass(frozen=True)
class HarmCount:
    topic: str
    doc: str
    text: str
    kind: str
    harm: str
    aspect: str | None
    events: frozenset[str]


def harm_counts(data: Path, split: str, nlp) -> list[HarmCount]:
    """Counts of people harmed in the annotated sentences of ``split`` documents, with their events."""
    out = []
    for topic, doc, text, events in ecb_items(data / "ecbplus" / "docs_dev.jsonl", split, None):
        for fig in find_figures(nlp(text)):
            clause = clause_around(fig.sentence, fig.text)
            harm = harm_of(clause)
            if fig.kind == "count" and harm is not None:
                out.append(HarmCount(topic, doc, text, counted_kind(fig.subject), harm, aspect_of(clause), events))
    return out


def labelled_pairs(items: list[HarmCount], model: PairModel) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Probabilities (number features neutral) and labels of the pairs a figure conflict would compare."""
    classes = subject_classes([it.kind for it in items], DEFAULT_PARAMS.subject_class)
    pairs, labels = [], []
    for a, first in enumerate(items):
        for b in range(a + 1, len(items)):
            second = items[b]
            if first.topic != second.topic or first.doc == second.doc or first.harm != second.harm:
                continue
            if classes.get(first.kind) != classes.get(second.kind):
                continue
            if first.aspect and second.aspect and first.aspect != second.aspect:
                continue
            pairs.append((a, b))
            labels.append(bool(first.events & second.events))
    texts = [it.text for it in items]
    profiles = [text_profile(t) for t in texts]
    idf = collection_idf(profiles)
    rows = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    features = pair_features(profiles, embed(texts), rows, idf, IdfWeights.of(profiles, idf))
    for name in ("number_shared", "number_clash", "number_one_side"):
        features[:, FEATURES.index(name)] = 0.0
    return model.probability(features), np.array(labels, dtype=bool), rows


def prf(prob: np.ndarray, labels: np.ndarray, bar: float) -> tuple[float, float, float]:
    pred = prob >= bar
    tp = int((pred & labels).sum())
    p = tp / pred.sum() if pred.sum() else 0.0
    r = tp / labels.sum() if labels.sum() else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    ap.add_argument("--model", type=Path, default=None,
                    help="a same-claim model's JSON to fit the bar for (default: the shipped one)")
    args = ap.parse_args()
    nlp = load_nlp()
    model = load_model() if args.model is None else model_of(json.loads(args.model.read_text(encoding="utf-8")))
    model_bar = model.threshold
    split_scores = {}
    for split in ("train", "dev"):
        items = harm_counts(args.data, split, nlp)
        prob, labels, _ = labelled_pairs(items, model)
        split_scores[split] = (prob, labels)
        print(f"{split}: {len(items)} counts of people harmed, {len(labels)} pairs, {int(labels.sum())} of one event")
    prob, labels = split_scores["train"]
    fits = {}
    for bar in np.round(np.arange(0.20, 0.81, 0.05), 2):
        fits[float(bar)] = prf(prob, labels, float(bar))
        p, r, f = fits[float(bar)]
        print(f"  bar {bar:.2f}: train P {p:.3f} R {r:.3f} F1 {f:.3f}")
    best = max(fits, key=lambda b: (fits[b][2], b))
    dev_prob, dev_labels = split_scores["dev"]
    for name, bar in (("fitted", best), ("the same-claim model's own", model_bar)):
        p, r, f = prf(dev_prob, dev_labels, bar)
        print(f"{name} bar {bar:.2f}: held out (dev documents) P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"harm_conflict = {best:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
