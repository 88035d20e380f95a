#!/usr/bin/env python3
"""Learn cue frame statistics from the PolNeAR training split.

    python scripts/train_cues.py [POLNEAR_TRAIN_DIR] [-o src/claimledger/extract/data/cue_frames.json]

For every cue candidate the extractor generates (a verb and its complement
frame, "according to", a nominal cue), count how often PolNeAR annotators
marked an attribution with that cue whose content overlaps the candidate's
content by at least half (the same overlap the attribution evaluation
uses). The result, ``lemma|frame|subject -> [positives, seen]``, is small (tens of
KB) and ships in the package; ``claimledger.extract.cues`` reads it.

The denial verbs' objects are also counted pooled over the verbs, by whether
the object names a statement ("rejected the claims", "denied it", "denied any
wrongdoing") or a thing refused ("rejected the offer", "denied him access"):
``deny*|object_content|any`` and ``deny*|object_other|any``. The script prints
the rate of each finer class of object.

Only the training split is read: the dev split stays for measuring.
"""
from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import re
import sys
from pathlib import Path

from claimledger.extract.attribution import cue_candidates, denied_object_class, denied_object_key, subject_class
from claimledger.extract.nlp import load_nlp

WORD = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> collections.Counter:
    return collections.Counter(WORD.findall(text.lower()))


def overlap(a: collections.Counter, b: collections.Counter) -> float:
    return sum((a & b).values()) / max(1, min(sum(a.values()), sum(b.values())))


def gold_events(ann_path: str) -> list[dict[str, list[tuple[int, int]]]]:
    """Each annotated attribution of a brat file as role (Source, Cue, Content) -> character ranges."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in open(ann_path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            ranges = parts[1].split(" ", 1)[1]
            spans[parts[0]] = [tuple(map(int, r.split())) for r in ranges.split(";")]
        elif parts[0].startswith("E") and len(parts) >= 2:
            roles: dict[str, list[tuple[int, int]]] = collections.defaultdict(list)
            for kv in parts[1].split():
                role, ref = kv.split(":")
                roles[re.sub(r"\d+$", "", role)].extend(spans.get(ref, []))
            events.append(roles)
    return events


def gold_attributions(ann_path: str, text: str) -> list[tuple[list[tuple[int, int]], collections.Counter]]:
    """(cue character ranges, content tokens) of each annotated attribution with both."""
    return [(ev["Cue"], tokens(" ".join(text[a:b] for a, b in sorted(ev["Content"]))))
            for ev in gold_events(ann_path) if ev.get("Content") and ev.get("Cue")]


def articles(split_dir: str, limit: int = 0) -> tuple[list[str], dict[str, str]]:
    """The split's article names (the first ``limit``, 0 for all) and one annotator's file of each, as the evaluation reads."""
    anns: dict[str, str] = {}
    for ann in sorted(glob.glob(os.path.join(split_dir, "attributions", "*.ann"))):
        anns.setdefault(re.sub(r"_[0-9a-f]{4}\.ann$", "", os.path.basename(ann)), ann)
    return sorted(anns)[: limit or None], anns


def main() -> int:
    root = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split_dir", nargs="?", default=str(root.parent / "shared/data/polnear/train"))
    ap.add_argument("-o", "--output", default=str(root / "src/claimledger/extract/data/cue_frames.json"))
    ap.add_argument("--limit", type=int, default=0, help="read only the first N articles")
    ap.add_argument("--denial-objects-only", action="store_true",
                    help="write only the pooled denial-object counts into the existing output, keeping its frame counts")
    args = ap.parse_args()
    if args.denial_objects_only and args.limit:
        ap.error("--denial-objects-only counts all of the split, as the frame counts it keeps were")
    nlp = load_nlp()
    names, anns = articles(args.split_dir, args.limit)
    texts = [open(os.path.join(args.split_dir, "text", n + ".txt"), encoding="utf-8").read() for n in names]
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    classes: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for i, (name, doc) in enumerate(zip(names, nlp.pipe(texts, batch_size=32))):
        gold = gold_attributions(anns[name], doc.text)
        for cand in cue_candidates(doc):
            key = f"{cand.cue_lemma}|{cand.frame}|{subject_class(cand)}"
            content = tokens(doc.text[cand.content[0]:cand.content[1]])
            hit = any(
                any(a <= cand.cue.idx < b for a, b in cue_spans) and overlap(content, gold_content) >= 0.5
                for cue_spans, gold_content in gold
            )
            counts[key][0] += hit
            counts[key][1] += 1
            pooled = denied_object_key(cand)
            if pooled is not None:
                counts[pooled][0] += hit
                counts[pooled][1] += 1
                kind = denied_object_class(cand)
                classes[kind][0] += hit
                classes[kind][1] += 1
        if i % 100 == 0:
            print(f"{i}/{len(names)} articles", file=sys.stderr)
    frames = {k: v for k, v in sorted(counts.items()) if v[1] >= 2}
    if args.denial_objects_only:
        shipped = json.load(open(args.output, encoding="utf-8"))["frames"]
        frames = dict(sorted({**{k: v for k, v in shipped.items() if not k.startswith("deny*|")},
                              **{k: v for k, v in frames.items() if k.startswith("deny*|")}}.items()))
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as fh:
        json.dump({"source": "PolNeAR train split", "articles": len(names), "frames": frames}, fh, separators=(",", ":"))
    for kind, (pos, seen) in sorted(classes.items()):
        print(f"denial verb, object {kind}: {pos}/{seen} marked ({pos / seen:.2f})")
    for key in sorted(k for k in frames if k.startswith("deny*")):
        pos, seen = frames[key]
        print(f"{key}: {pos}/{seen} marked ({pos / seen:.2f})")
    print(f"wrote {len(frames)} frames from {len(names)} articles to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
