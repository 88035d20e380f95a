#!/usr/bin/env python3
"""Fit a logistic model of which cue candidates PolNeAR annotators take as attributions.

    python scripts/train_cue_model.py [POLNEAR_TRAIN_DIR] [-o src/claimledger/extract/data/cue_model.json]

``scripts/train_cues.py`` counts each lemma, frame and subject class alone;
this model weighs them together with what the frame counts cannot see:
the speaker's head (a name, a pronoun, an anonymous or a document noun),
the cue's tense and dependency, negation, whether it sits inside a
quotation and how long its content is. Labels are as in
``train_cues.py``: a candidate is positive when an annotated attribution
has its cue there and a content overlapping by half.

Articles are split 80/20 by name hash. The model is fitted on the 80; the
decision threshold is the one that maximises candidate-level F1 on the
held-out 20 without letting precision fall below that of the frame-count
rule on the same candidates, and the script prints both rules' held-out
precision, recall and F1. The shipped weights are refitted on all of the
training split with that threshold. The dev split is never read.
Inference is NumPy-free arithmetic over the JSON weights
(``claimledger.extract.cues.cue_probability``); scikit-learn is only used here.
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import json
import math
import os
import re
import sys
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from claimledger.extract.attribution import accept_cue, cue_candidates, cue_features
from claimledger.extract.nlp import load_nlp
from claimledger.extract.quotes import find_quotes

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_cues import gold_attributions, overlap, tokens  # noqa: E402


def examples(names, texts, anns, nlp):
    for name, doc in zip(names, nlp.pipe(texts, batch_size=32)):
        gold = gold_attributions(anns[name], doc.text)
        quotes = find_quotes(doc.text)
        for cand in cue_candidates(doc, quotes):
            content = tokens(doc.text[cand.content[0]:cand.content[1]])
            hit = any(any(a <= cand.cue.idx < b for a, b in spans) and overlap(content, g) >= 0.5 for spans, g in gold)
            yield name, cue_features(cand, quotes), int(hit), accept_cue(cand, model=False)


def prf(pred, gold):
    tp = sum(p and g for p, g in zip(pred, gold))
    p = tp / max(1, sum(pred))
    r = tp / max(1, sum(gold))
    return p, r, 2 * p * r / max(1e-9, p + r)


def main() -> int:
    root = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split_dir", nargs="?", default=str(root.parent / "shared/data/polnear/train"))
    ap.add_argument("-o", "--output", default=str(root / "src/claimledger/extract/data/cue_model.json"))
    ap.add_argument("--limit", type=int, default=0, help="read only the first N articles")
    ap.add_argument("--C", type=float, default=0.5, help="inverse L2 strength")
    args = ap.parse_args()
    anns = {}
    for ann in sorted(glob.glob(os.path.join(args.split_dir, "attributions", "*.ann"))):
        anns.setdefault(re.sub(r"_[0-9a-f]{4}\.ann$", "", os.path.basename(ann)), ann)
    names = sorted(anns)[: args.limit or None]
    texts = [open(os.path.join(args.split_dir, "text", n + ".txt"), encoding="utf-8").read() for n in names]
    rows = list(examples(names, texts, anns, load_nlp()))
    held = [int(hashlib.md5(n.encode()).hexdigest(), 16) % 5 == 0 for n, *_ in rows]
    fit_rows = [r for r, h in zip(rows, held) if not h]
    test_rows = [r for r, h in zip(rows, held) if h]

    def fit(rs):
        vec = DictVectorizer()
        x = vec.fit_transform([r[1] for r in rs])
        model = LogisticRegression(C=args.C, max_iter=2000).fit(x, [r[2] for r in rs])
        return vec, model

    vec, model = fit(fit_rows)
    probs = model.predict_proba(vec.transform([r[1] for r in test_rows]))[:, 1]
    gold = [r[2] for r in test_rows]
    rule = [r[3] for r in test_rows]
    rp, rr, rf = prf(rule, gold)
    best = None
    for step in range(5, 96):
        t = step / 100
        p, r, f = prf([q >= t for q in probs], gold)
        if p >= rp and (best is None or f > best[3]):
            best = (t, p, r, f)
    print(f"held-out candidates {len(test_rows)} ({sum(gold)} cues): frame-count rule P={rp:.3f} R={rr:.3f} F1={rf:.3f}")
    t, p, r, f = best
    print(f"held-out logistic model at threshold {t:.2f}: P={p:.3f} R={r:.3f} F1={f:.3f}")
    vec, model = fit(rows)
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), model.coef_[0]) if abs(w) > 1e-4}
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as fh:
        json.dump({"source": "PolNeAR train split, scripts/train_cue_model.py", "articles": len(names),
                   "threshold": t, "intercept": round(float(model.intercept_[0]), 5), "weights": weights},
                  fh, separators=(",", ":"))
    print(f"wrote {len(weights)} weights, threshold {t:.2f}, to {args.output} "
          f"(logit of the threshold {math.log(t / (1 - t)):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
