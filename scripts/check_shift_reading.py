#!/usr/bin/env python3
"""How well each reading tells that a later statement says what an earlier one said (a stance shift's question).

    python scripts/check_shift_reading.py

A stance shift needs an origin's later assertion to be "the same matter" as what its earlier denial or
doubt answered. Two readings are compared on pairs neither model was fitted on:

* ECB+ ``split == "dev"`` documents: two sentences of one topic from different reports, the same event
  (sharing an annotated event cluster) or another one (``train_claim_match.ecb_pairs``);
* Emergent claims on the held-out side of ``train_claim_match``'s split: a claim and a headline that
  asserts it ("for"), against headlines that deny it, only observe it, or assert the nearest other claim.

For each reading: the share of same-matter pairs it accepts (TPR), of other pairs it accepts (FPR), F1.
The same-claim model is read at its own threshold; the stance model at its most likely label. Its
training split holds out other Emergent claims, so its Emergent figures may be flattered.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np

from claimledger.ledger.claims import Matcher
from claimledger.ledger.embeddings import embed
from claimledger.ledger.matching import collection_idf, load_model, text_profile
from claimledger.ledger.stance_model import LABELS, stance_scores

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_claim_match import ecb_items, ecb_pairs, emergent_rows  # noqa: E402  (one reading of the data sets)

DATA = Path(__file__).resolve().parents[2] / "shared/data"
SEED = 2


def ecb() -> tuple[list[str], list[tuple[int, int]], np.ndarray]:
    items = ecb_items(DATA / "ecbplus/docs_dev.jsonl", "dev", None)
    pairs, labels = ecb_pairs(items, random.Random(SEED))
    keep = random.Random(SEED).sample(range(len(pairs)), min(3000, len(pairs)))
    return [it[2] for it in items], [pairs[k] for k in keep], np.array([labels[k] for k in keep])


def emergent() -> tuple[list[str], list[tuple[int, int]], np.ndarray]:
    rows = emergent_rows(DATA / "emergent/headlines_dev.jsonl", True)
    claims = sorted({r["claim"] for r in rows})
    texts = claims + [r["text"].strip() for r in rows]
    claim_vecs, headline_vecs = embed(claims), embed(texts[len(claims):])
    pairs, labels = [], []
    for k, row in enumerate(rows):
        own = claims.index(row["claim"])
        nearest = next(j for j in np.argsort(-(claim_vecs @ headline_vecs[k])) if j != own)
        pairs += [(own, len(claims) + k), (int(nearest), len(claims) + k)]
        labels += [int(row["label"] == "for"), 0]
    return texts, pairs, np.array(labels)


def show(name: str, accepted: np.ndarray, same: np.ndarray) -> None:
    tp, fp, fn = (accepted & same).sum(), (accepted & ~same).sum(), (~accepted & same).sum()
    print(f"  {name:34s} TPR {accepted[same].mean():.3f}  FPR {accepted[~same].mean():.3f}  "
          f"F1 {2 * tp / (2 * tp + fp + fn):.3f}")


def main() -> int:
    model = load_model()
    for name, (texts, pairs, labels) in (("ECB+ dev", ecb()), ("Emergent, held-out claims", emergent())):
        profiles = [text_profile(t) for t in texts]
        matcher = Matcher(profiles, embed(texts), collection_idf(profiles), model, np.arange(len(texts)))
        index = np.array(pairs, dtype=np.int64)
        paired = matcher.probability(index) >= model.threshold
        agree = stance_scores([texts[a] for a, _ in pairs], [texts[b] for _, b in pairs]).argmax(1) \
            == LABELS.index("agree")
        same = labels.astype(bool)
        print(f"{name}: {len(pairs)} pairs, {same.mean():.3f} the same matter")
        show("same-claim model", paired, same)
        show("stance model says agree", agree, same)
        show("either", paired | agree, same)
    return 0


if __name__ == "__main__":
    sys.exit(main())
