#!/usr/bin/env python3
"""Where exported speakers disagree with PolNeAR's named ones, and why the scorer counts them.

    python scripts/speaker_errors.py EXPORT.json SPLIT_DIR [--shared ../shared] [--list CLASS]

For a training split only (develop on train, measure on dev). ``speaker_agree_named`` of
``eval/attribution.py`` pairs an exported attribution with a gold one by content overlap, greedily
and across the whole article, then compares their source texts. A disagreement falls in one of
three classes, printed as counts (and, with ``--list CLASS``, one by one with the sentence):

- ``same_cue``: the gold attribution has the exported one's cue: a wrong speaker of our own.
- ``other_gold_cue``: the exported cue is a gold cue, but the content paired the attribution
  with another gold one (nested statements; a short gold content such as "him" held in ours).
- ``cue_not_gold``: the exported cue is no gold cue; its content paired it with some gold one.

It also prints agreement over attributions paired with a gold one by cue position instead, which
measures the speaker alone.
"""
from __future__ import annotations

import argparse
import collections
import glob
import importlib.util
import json
import os
import re
import sys
from pathlib import Path

from train_cues import gold_events  # this folder is on the path of a script run from it

ROOT = Path(__file__).resolve().parents[1]


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("attribution_scorer", shared / "eval" / "attribution.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export")
    ap.add_argument("split_dir")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--list", choices=("same_cue", "other_gold_cue", "cue_not_gold"))
    args = ap.parse_args()
    scorer = load_scorer(args.shared)
    data = json.load(open(args.export, encoding="utf-8"))
    by_name = {os.path.basename(str(d.get("path"))): d["id"] for d in data["documents"]}
    attrs = collections.defaultdict(list)
    for a in data["attributions"]:
        attrs[a["doc_id"]].append(a)

    def names(text) -> set[str]:
        return set(scorer.toks(text)) - scorer.STOP

    classes: collections.Counter[str] = collections.Counter()
    named = cue_named = cue_agree = 0
    seen = set()
    for ann in sorted(glob.glob(os.path.join(args.split_dir, "attributions", "*.ann"))):
        name = re.sub(r"_[0-9a-f]{4}\.ann$", "", os.path.basename(ann))
        if name in seen:
            continue
        seen.add(name)
        text = open(os.path.join(args.split_dir, "text", name + ".txt"), encoding="utf-8").read()
        gold = scorer.parse_ann(ann, text)
        events = [e for e in gold_events(ann) if e.get("Content")]
        preds = attrs.get(by_name.get(name + ".txt"), [])

        def cue_events(p: dict) -> list[int]:
            """The gold events whose cue holds the exported cue (offsets found through the sentence)."""
            base = text.find((p.get("sentence") or "")[:80]) if p.get("sentence") else -1
            at = p["cue_start"] - p["start"] + base
            if base < 0:
                return []
            return [i for i, e in enumerate(events) if any(a <= at < b for a, b in e.get("Cue", []))]

        for p in preds:
            own = cue_events(p)
            if own and names(gold[own[0]]["source"]):
                cue_named += 1
                cue_agree += bool(names(p.get("source_text")) & names(gold[own[0]]["source"]))
        gtoks = [scorer.toks(g["content"]) for g in gold]
        used: set[int] = set()
        for p in preds:  # the scorer's greedy pairing
            pt = scorer.toks(p.get("content"))
            best, score = None, 0.0
            for i, gt in enumerate(gtoks):
                if i not in used and scorer.overlap(pt, gt) > score:
                    best, score = i, scorer.overlap(pt, gt)
            if best is None or score < 0.5:
                continue
            used.add(best)
            g = gold[best]
            if not names(g["source"]):
                continue
            named += 1
            if names(p.get("source_text")) & names(g["source"]):
                continue
            own = cue_events(p)
            cls = "same_cue" if best in own else "other_gold_cue" if own else "cue_not_gold"
            classes[cls] += 1
            if args.list == cls:
                print(f"{name}\tgold {g['source']!r} ({g['cue']!r})\tours {p.get('source_text')!r} ({p.get('cue')!r})")
                print(f"\t{(p.get('sentence') or '')[:300]}")
    wrong = sum(classes.values())
    print(f"speaker_agree_named {1 - wrong / max(1, named):.3f} of {named}; disagreements: "
          + ", ".join(f"{k} {v}" for k, v in classes.most_common()))
    print(f"paired by cue position: {cue_agree / max(1, cue_named):.3f} ({cue_agree}) of {cue_named}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
