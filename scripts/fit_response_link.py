#!/usr/bin/env python3
"""Fit the bar at which a denial is linked to the claim it answers (``LedgerParams.response_link``) and print
its held-out score.

    python scripts/fit_response_link.py [--data ../shared/data]

A response with words of its own ("the ministry denied that the airports would close") answers the
asserting claim whose statements the same-claim model finds closest, when that probability clears a bar,
and nothing otherwise (:func:`claimledger.ledger.stance.answers`). Read here from Emergent: each headline
labelled *against* its claim is a denial; every headline labelled *for* some claim is an assertion it may
answer. As the ledger does, each denial is given its best-scoring assertion among its nearest by cosine
(``--candidates``, the blocking's stand-in); the link is right when that assertion is of the denial's own
claim and clears the bar, or when the denial's claim has no assertion and nothing clears it. The bar with
the best share of right links on the training claims (80% by claim-id hash, as in
``scripts/train_claim_match.py``) is kept; the other 20% are the held-out check, where the
grouping threshold (the bar used before this was fitted) is printed beside it.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from claimledger.ledger.embeddings import embed
from claimledger.ledger.matching import collection_idf, load_model, pair_features, text_profile
from train_claim_match import emergent_rows  # this folder is on the path of a script run from it


def headlines(path: Path, held_out: bool) -> list[tuple[str, str, str]]:
    """(claim id, label, headline) of the affirming and denying headlines of the claims on one side of the split
    ``scripts/train_claim_match.py`` makes (:func:`train_claim_match.emergent_rows`)."""
    return [(row["claim_id"], row["label"], row["text"].strip()) for row in emergent_rows(path, held_out)
            if row["label"] in ("for", "against")]


def best_links(items: list[tuple[str, str, str]], candidates: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per denial: the probability of its best assertion, whether that assertion is of its own claim, and
    whether its claim has any assertion at all."""
    texts = [t for _, _, t in items]
    vecs = embed(texts, cache=False)
    profiles = [text_profile(t) for t in texts]
    idf = collection_idf(profiles)
    model = load_model()
    claim = np.array([c for c, _, _ in items])
    asserting = np.array([label == "for" for _, label, _ in items])
    denials = np.flatnonzero(~asserting)
    pool = np.flatnonzero(asserting)
    best_p, own, answerable = [], [], []
    for d in denials.tolist():
        near = pool[np.argsort(-(vecs[pool] @ vecs[d]), kind="stable")[:candidates]]
        probs = model.probability(pair_features(profiles, vecs, np.stack([np.full(len(near), d), near], axis=1), idf))
        top = int(np.argmax(probs))
        best_p.append(float(probs[top]))
        own.append(claim[near[top]] == claim[d])
        answerable.append(bool((claim[pool] == claim[d]).any()))
    return np.array(best_p), np.array(own), np.array(answerable)


def right(best_p: np.ndarray, own: np.ndarray, answerable: np.ndarray, bar: float) -> float:
    """Share of denials linked right at ``bar``: to their own claim, or to none when theirs was not asserted."""
    linked = best_p >= bar
    return float(np.mean(np.where(linked, own, ~answerable)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    ap.add_argument("--candidates", type=int, default=20)
    args = ap.parse_args()
    path = args.data / "emergent" / "headlines_dev.jsonl"
    train = best_links(headlines(path, held_out=False), args.candidates)
    held = best_links(headlines(path, held_out=True), args.candidates)
    print(f"denials: {len(train[0])} on training claims ({int(train[2].sum())} whose claim is asserted), "
          f"{len(held[0])} held out ({int(held[2].sum())})")
    grid = [float(b) for b in np.round(np.arange(0.05, 0.91, 0.05), 2)]
    scores = {b: right(*train, b) for b in grid}
    for b in grid:
        print(f"  bar {b:.2f}: right links, training claims {scores[b]:.3f}")
    bar = max(grid, key=lambda b: (scores[b], -b))
    grouping = load_model().threshold
    print(f"fitted bar {bar:.2f}: held out {right(*held, bar):.3f}; "
          f"the grouping threshold {grouping:.2f}: held out {right(*held, grouping):.3f}")
    print(f"response_link = {bar:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
