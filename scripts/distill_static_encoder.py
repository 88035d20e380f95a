#!/usr/bin/env python3
"""Distil all-MiniLM-L6-v2 into a static (model2vec-style) token-vector table and print held-out agreement.

    python scripts/distill_static_encoder.py [--data ../shared/data] [--dims 128 256]
        [--out src/claimledger/ledger/data/static_encoder.npz]

model2vec's method (Tulkens & van Dongen 2024), with the NumPy MiniLM of
:mod:`claimledger.ledger.encoders` instead of torch (model2vec's own
distillation imports torch and transformers; its ``StaticModel`` runs the
result without them):

1. every token of MiniLM's vocabulary (``[unused…]`` and special tokens
   aside) is run through the model alone, ``[CLS] token [SEP]``, mean-pooled;
2. PCA to ``dim`` components (fitted on those token vectors);
3. each token vector is scaled by a SIF weight ``a / (a + p(token))``, p
   its frequency in the training texts (ECB+ ``split == "train"`` documents
   and the PolNeAR training articles), so frequent tokens weigh little in a
   sentence's mean. ``a`` and ``dim`` are chosen on training pairs: random
   sentence pairs within ECB+ training topics, by Spearman correlation of the
   static cosine with MiniLM's cosine.

Held out and printed: the same correlation on ECB+ ``split == "dev"`` topics
and on Emergent claim–headline pairs (neither used by any fit here), and the
nearest-neighbour agreement (how often a sentence's nearest other sentence by
MiniLM is also its nearest by the static vectors) on the ECB+ dev sentences.

The table is stored as int8 with one scale per dimension (a few MB), with the
tokenizer, in one ``.npz``.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr
from sklearn.decomposition import PCA

from model2vec import StaticModel

from claimledger.ledger.encoders import MiniLM, StaticEncoder, get_encoder

ROOT = Path(__file__).resolve().parents[1]
SEED = 13
PAIRS_PER_TOPIC = 60
SIF_GRID = (1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2)


def ecb_sentences(data: Path, split: str) -> dict[int, list[str]]:
    """Sentences of five words or more, by ECB+ topic, of documents of ``split``."""
    by_topic: dict[int, list[str]] = {}
    with open(data / "ecbplus" / "docs_dev.jsonl", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            if doc["split"] == split:
                by_topic.setdefault(doc["topic"], []).extend(
                    s for s in doc["text"].split("\n") if len(s.split()) >= 5)
    return by_topic


def topic_pairs(by_topic: dict[int, list[str]], rng: random.Random) -> list[tuple[str, str]]:
    """Random pairs of distinct sentences within each topic (related and unrelated alike)."""
    pairs = []
    for sents in by_topic.values():
        uniq = sorted(set(sents))
        for _ in range(PAIRS_PER_TOPIC):
            a, b = rng.sample(uniq, 2)
            pairs.append((a, b))
    return pairs


def emergent_pairs(data: Path) -> list[tuple[str, str]]:
    with open(data / "emergent" / "headlines_dev.jsonl", encoding="utf-8") as f:
        return [(row["claim"], row["text"]) for row in map(json.loads, f)]


def training_texts(data: Path) -> list[str]:
    texts = [t for sents in ecb_sentences(data, "train").values() for t in sents]
    texts += [p.read_text(encoding="utf-8") for p in sorted((data / "polnear" / "train" / "text").glob("*.txt"))]
    return texts


def token_vectors(model: MiniLM, ids: np.ndarray) -> np.ndarray:
    """MiniLM's mean-pooled vector of each token alone, between [CLS] and [SEP]."""
    cls, sep = model.tokenizer.token_to_id("[CLS]"), model.tokenizer.token_to_id("[SEP]")
    out = []
    for s in range(0, len(ids), 512):
        batch = ids[s: s + 512]
        seq = np.stack([np.full(len(batch), cls), batch, np.full(len(batch), sep)], axis=1).astype(np.int64)
        out.append(model.forward(seq))
    return np.concatenate(out)


def spearman(encoder, target: dict[str, np.ndarray], pairs: list[tuple[str, str]]) -> float:
    texts = sorted({t for p in pairs for t in p})
    vecs = dict(zip(texts, encoder.encode(texts)))
    ours = [float(vecs[a] @ vecs[b]) for a, b in pairs]
    theirs = [float(target[a] @ target[b]) for a, b in pairs]
    return float(spearmanr(ours, theirs).statistic)


def neighbour_agreement(encoder, target: dict[str, np.ndarray], texts: list[str]) -> float:
    ours = encoder.encode(texts)
    theirs = np.stack([target[t] for t in texts])
    a, b = ours @ ours.T, theirs @ theirs.T
    np.fill_diagonal(a, -2)
    np.fill_diagonal(b, -2)
    return float(np.mean(a.argmax(1) == b.argmax(1)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--dims", type=int, nargs="+", default=[128, 256])
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "claimledger" / "ledger" / "data" / "static_encoder.npz")
    args = ap.parse_args()
    rng = random.Random(SEED)

    teacher = MiniLM()
    tok = teacher.tokenizer
    vocab = tok.get_vocab()
    size = max(vocab.values()) + 1
    keep = np.array(sorted(i for t, i in vocab.items() if not (t.startswith("[") and t.endswith("]"))))
    print(f"vocabulary: {size} tokens, {len(keep)} embedded ([unused…] and special tokens get zero vectors)")
    raw = np.zeros((size, teacher.dim), dtype=np.float32)
    raw[keep] = token_vectors(teacher, keep)

    counts = np.zeros(size, dtype=np.float64)
    for enc in tok.encode_batch(training_texts(args.data), add_special_tokens=False):
        np.add.at(counts, enc.ids, 1)
    freq = counts / counts.sum()
    print(f"token frequencies from {int(counts.sum())} training tokens ({int((counts > 0).sum())} distinct)")

    train_pairs = topic_pairs(ecb_sentences(args.data, "train"), rng)
    dev_topics = ecb_sentences(args.data, "dev")
    dev_pairs = topic_pairs(dev_topics, rng)
    em_pairs = rng.sample(emergent_pairs(args.data), 1000)
    dev_texts = sorted({t for sents in dev_topics.values() for t in sents})
    dev_texts = rng.sample(dev_texts, min(1000, len(dev_texts)))
    texts = sorted({t for p in train_pairs + dev_pairs + em_pairs for t in p} | set(dev_texts))
    print(f"MiniLM vectors of {len(texts)} sentences (the targets) …", flush=True)
    target = dict(zip(texts, get_encoder("minilm-onnx").encode(texts)))  # the same vectors as MiniLM's, faster

    results = []  # (training Spearman, dim, sif coefficient, table)
    for dim in args.dims:
        pca = PCA(n_components=dim, random_state=SEED).fit(raw[keep])
        reduced = np.zeros((size, dim), dtype=np.float32)
        reduced[keep] = pca.transform(raw[keep])
        for a in SIF_GRID:
            table = reduced * (a / (a + freq))[:, None].astype(np.float32)
            rho = spearman(StaticModel(table, tok, normalize=True), target, train_pairs)
            print(f"  dim {dim:4d}  sif {a:.0e}  training-pair Spearman {rho:.3f}")
            results.append((rho, dim, a, table))
    # The smallest table within 0.005 of the best training score: the table ships in the package.
    top = max(r[0] for r in results)
    rho, dim, a, table = max((r for r in results if r[0] >= top - 0.005), key=lambda r: (-r[1], r[0]))
    print(f"chosen: dim {dim}, sif {a:.0e} (training-pair Spearman {rho:.3f}; best of all {top:.3f})")

    scales = np.maximum(np.abs(table).max(0), 1e-12) / 127
    quant = np.round(table / scales).astype(np.int8)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, vectors=quant, scales=scales.astype(np.float32),
                        tokenizer=np.frombuffer(tok.to_str().encode(), dtype=np.uint8))
    static = StaticEncoder(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB; int8, {size} × {dim})")
    print("held out (int8 table as shipped):")
    print(f"  ECB+ dev-topic pairs ({len(dev_pairs)}): Spearman with MiniLM cosine {spearman(static, target, dev_pairs):.3f}")
    print(f"  Emergent claim-headline pairs ({len(em_pairs)}): Spearman {spearman(static, target, em_pairs):.3f}")
    print(f"  ECB+ dev sentences ({len(dev_texts)}): nearest neighbour same as MiniLM's "
          f"{neighbour_agreement(static, target, dev_texts):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
