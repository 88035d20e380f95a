#!/usr/bin/env python3
"""Learn which first names take "he" and which take "she", from the PolNeAR training split.

    python scripts/train_name_gender.py [POLNEAR_TRAIN_DIR] [-o src/claimledger/extract/data/name_gender.json]

A pronoun that refers to a person must agree with them in gender; the
resolver (``claimledger.extract.sources``) knows a person's gender from a
title ("Mrs.", "spokeswoman") or from this table. For every PERSON entity
written with a first name, the third-person singular pronouns of the next
two sentences, up to the next person named, are counted against that
first name. A name goes into the table when it was seen at least
``--min-seen`` times and one gender holds at least ``--min-share`` of them.

The articles are split 80/20 by name hash: the table is fitted on the 80,
and the script prints how often, on the held-out 20, a pronoun right after
a name in the table has the table's gender (and how many such pronouns the
table covers). The shipped table is then refitted on all of the training
split. The dev split is never read.
"""
from __future__ import annotations

import argparse
import collections
import glob
import hashlib
import json
import os
import re
import sys
from pathlib import Path

from claimledger.extract.nlp import load_nlp
from claimledger.extract.sources import TITLE_WORDS

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})


def observations(doc) -> list[tuple[str, str]]:
    """(first name, "m"/"f") for each pronoun that follows a named person before another person is named."""
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    out = []
    for i, ent in enumerate(people):
        words = [t for t in ent if t.lower_ not in TITLE_WORDS and t.is_alpha]
        if len(words) < 2 or not words[0].text[:1].isupper() or len(words[0].text) < 2:
            continue
        first = words[0].text.lower()
        stop = people[i + 1].start if i + 1 < len(people) else len(doc)
        sent_ends = 0
        for token in doc[ent.end:stop]:
            if token.is_sent_start:
                sent_ends += 1
                if sent_ends > 2:
                    break
            lower = token.lower_
            if lower in MALE:
                out.append((first, "m"))
            elif lower in FEMALE:
                out.append((first, "f"))
    return out


def fit(obs: list[tuple[str, str]], min_seen: int, min_share: float) -> dict[str, str]:
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for name, gender in obs:
        counts[name][gender] += 1
    table = {}
    for name, c in counts.items():
        total = sum(c.values())
        gender, n = c.most_common(1)[0]
        if total >= min_seen and n / total >= min_share:
            table[name] = gender
    return table


def main() -> int:
    root = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split_dir", nargs="?", default=str(root.parent / "shared/data/polnear/train"))
    ap.add_argument("-o", "--output", default=str(root / "src/claimledger/extract/data/name_gender.json"))
    ap.add_argument("--min-seen", type=int, default=3)
    ap.add_argument("--min-share", type=float, default=0.8)
    ap.add_argument("--limit", type=int, default=0, help="read only the first N articles")
    args = ap.parse_args()
    paths = sorted(glob.glob(os.path.join(args.split_dir, "text", "*.txt")))[: args.limit or None]
    nlp = load_nlp()
    fit_obs: list[tuple[str, str]] = []
    held_obs: list[tuple[str, str]] = []
    texts = (open(p, encoding="utf-8").read() for p in paths)
    for i, (path, doc) in enumerate(zip(paths, nlp.pipe(texts, batch_size=32))):
        held = int(hashlib.md5(os.path.basename(path).encode()).hexdigest(), 16) % 5 == 0
        (held_obs if held else fit_obs).extend(observations(doc))
        if i % 100 == 0:
            print(f"{i}/{len(paths)} articles", file=sys.stderr)
    table = fit(fit_obs, args.min_seen, args.min_share)
    covered = [(n, g) for n, g in held_obs if n in table]
    right = sum(table[n] == g for n, g in covered)
    print(f"held-out: {right}/{len(covered)} pronouns after a tabled name agree "
          f"({right / max(1, len(covered)):.3f}); {len(covered)}/{len(held_obs)} covered")
    table = fit(fit_obs + held_obs, args.min_seen, args.min_share)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as fh:
        json.dump({"source": "PolNeAR train split, scripts/train_name_gender.py", "articles": len(paths),
                   "min_seen": args.min_seen, "min_share": args.min_share, "names": dict(sorted(table.items()))},
                  fh, separators=(",", ":"))
    print(f"wrote {len(table)} first names from {len(paths)} articles to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
