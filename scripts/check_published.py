"""Measure text-only publication dates on PolNeAR and set their confidences.

    python scripts/check_published.py [--train N] [--write]

PolNeAR's metadata.tsv gives each article's real date; the article texts
carry no date header (the date in the file name is not shown to the
tagger). Each text goes through ``extract.times.infer_published`` with the
batch year the pipeline would give it (``pipeline.context_year`` over the
articles of one outlet and month, without their dates). Per kind of
evidence it prints how often the inferred date is the real one, within a
day, within a week, and how often the real date falls outside the window
the evidence gives (a contradiction).

The confidence of each kind of evidence is its within-a-day rate on a
sample of PolNeAR train (``--train`` articles); dev is printed as the held-out
check. ``--write`` stores the train rates in
``src/claimledger/extract/data/published_confidence.json``.
Datelines are rated on TempEval-3 (the dates they state against each
document's creation time), as PolNeAR articles have none.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from claimledger.extract.nlp import load_nlp
from claimledger.extract.pipeline import context_year
from claimledger.extract.times import find_time_mentions, infer_published, stated_date
from claimledger.records import RawReport

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
OUT = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "extract" / "data" / "published_confidence.json"


def articles(split: str) -> list[tuple[str, str, str]]:
    """(text, real date, batch key) of every article of a split."""
    meta = {}
    with open(SHARED / "metadata.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    out = []
    for path in sorted((SHARED / split / "text").glob("*.txt")):
        row = meta.get(path.stem)
        if row and row["publication_date"] not in ("", "None"):
            out.append((path.read_text(encoding="utf-8"), row["publication_date"][:10],
                        f"{row['publisher']} {row['publication_date'][:7]}"))
    return out


def in_window(real: str, window: str | None) -> bool:
    if not window:
        return True
    lo, hi = window.split("/")
    return lo <= real and (hi == ".." or real <= hi)


def measure(nlp, items: list[tuple[str, str, str]]) -> dict[str, Counter]:
    batches: dict[str, list[int]] = defaultdict(list)
    for i, (_, _, key) in enumerate(items):
        batches[key].append(i)
    years = {key: context_year(RawReport(text=items[i][0]) for i in idx) for key, idx in batches.items()}
    results = {}
    docs = nlp.pipe((t for t, _, _ in items), batch_size=16)
    for i, ((text, real, key), doc) in enumerate(zip(items, docs)):
        results[i] = infer_published(find_time_mentions(doc), doc, years[key], text)
    stats: dict[str, Counter] = defaultdict(Counter)
    for i, (_, real, _) in enumerate(items):
        p = results[i]
        kind = p.evidence or "none"
        s = stats[kind]
        s["n"] += 1
        if p.date:
            gap = abs((date.fromisoformat(p.date) - date.fromisoformat(real)).days)
            s["exact"] += gap == 0
            s["day"] += gap <= 1
            s["week"] += gap <= 7
            s["contradicted"] += not in_window(real, p.window)
    return stats


def show(name: str, stats: dict[str, Counter]) -> None:
    total = sum(s["n"] for s in stats.values())
    dated = sum(s["n"] for k, s in stats.items() if k != "none")
    print(f"== {name}: {total} articles, {dated} dated ({dated / total:.2f})")
    for kind, s in sorted(stats.items(), key=lambda kv: -kv[1]["n"]):
        if kind == "none":
            print(f"  {kind:40} {s['n']:4}")
            continue
        n = s["n"]
        print(f"  {kind:40} {n:4}  exact {s['exact'] / n:.2f}  within a day {s['day'] / n:.2f}  "
              f"within a week {s['week'] / n:.2f}  real date outside the window {s['contradicted'] / n:.2f}")
    right = sum(s["day"] for s in stats.values())
    print(f"  all articles: within a day {right / total:.2f}")


def datelines() -> float | None:
    """Within-a-day rate of the dates datelines state in TempEval-3 TimeBank/AQUAINT, against each DCT
    (PolNeAR articles have no datelines)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from eval_tempeval import DATA, read_tml

    found = right = 0
    for path in sorted(DATA.glob("*/*.tml")):
        dct, text, _ = read_tml(path)
        stated = stated_date(text.lstrip(), int(dct[:4]))
        if stated:
            found += 1
            right += abs((date.fromisoformat(stated.date) - date.fromisoformat(dct[:10])).days) <= 1
    print(f"== TempEval-3 TimeBank/AQUAINT: {found} datelines state a date; within a day of the DCT {right}/{found}")
    return round(right / found, 2) if found else None


KINDS = {"dateline": "dateline", "weekday after the latest dated event": "weekday", "latest dated event": "event"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=int, default=300, help="train articles sampled (seed 0)")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    nlp = load_nlp()
    train = articles("train")
    random.Random(0).shuffle(train)
    train_stats = measure(nlp, train[: args.train])
    show(f"PolNeAR train sample ({args.train}, sets the confidences)", train_stats)
    show("PolNeAR dev (held out)", measure(nlp, articles("dev")))
    confidence = {short: round(train_stats[kind]["day"] / train_stats[kind]["n"], 2) if train_stats[kind]["n"] else None
                  for kind, short in KINDS.items() if short != "dateline"}
    confidence["dateline"] = datelines()
    print("confidence (within a day on train):", confidence)
    if args.write:
        OUT.write_text(json.dumps({"source": "scripts/check_published.py on a PolNeAR train sample "
                                             f"of {args.train} (seed 0)", "confidence": confidence}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
