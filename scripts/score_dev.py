#!/usr/bin/env python3
"""Every metric of ``../shared/eval/score.py`` on every development set, side by side.

    python scripts/score_dev.py [--shared ../shared] [--markdown]

Analyses ``seeds/`` and both folders of ``stories/`` into fresh stores with the
same code and settings, exports each ledger and scores it against its gold
file, then prints one row per metric with a column per set (``--markdown``: the
README's table). A change that raises one column and lowers another is not
progress; nothing here is fitted to these sets.

The scorer breaks ties between exported claims in set order, which follows
Python's string hashing, so a metric can differ between two scorings of one
export (claim_independence_acc picks the claim most members vote for). Each
export is scored under ``--hash-seeds`` values of ``PYTHONHASHSEED``; a metric
that moves is printed as its range ("0.583-0.667").
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args[:3])} … failed:\n{done.stderr[-2000:]}")


def score(shared: Path, name: str, inputs: list[Path], gold: Path, work: Path,
          hash_seeds: int) -> dict[str, list[float | None]]:
    """Each metric under every hash seed (see the module's docstring)."""
    db, out = work / f"{name}.db", work / f"{name}.json"
    exe = str(Path(sys.executable).with_name("claimledger"))
    run([exe, "analyze", *map(str, inputs), "--db", str(db)])
    run([exe, "export", "--db", str(db), "--format", "json", "-o", str(out)])
    values: dict[str, list[float | None]] = {}
    for seed in range(hash_seeds):
        done = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(out), str(gold), "--json"],
                              capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)})
        for metric, value in json.loads(done.stdout[:done.stdout.rindex("}") + 1]).items():
            values.setdefault(metric, []).append(value)
    return values


def dev_sets(shared: Path) -> dict[str, tuple[list[Path], Path]]:
    """Each development set's name, inputs and gold: the seeds, and both rumour stories together."""
    return {"seeds": ([shared / "seeds"], shared / "gold" / "seeds.yaml"),
            "rumour stories": (sorted(p for p in (shared / "stories").iterdir() if p.is_dir()),
                               shared / "gold" / "rumours.yaml")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--hash-seeds", type=int, default=8, help="scorings of each export (default 8)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {name: score(args.shared, name.split()[0], inputs, gold, Path(tmp), max(1, args.hash_seeds))
                   for name, (inputs, gold) in dev_sets(args.shared).items()}
    metrics = list(next(iter(results.values())))

    def cell(v: list[float | None] | None) -> str:
        known = [x for x in v or [] if x is not None]
        if not known:
            return "n/a"
        lo, hi = f"{min(known):.3f}", f"{max(known):.3f}"
        return lo if lo == hi else f"{lo}-{hi}"
    if args.markdown:
        print("| metric | " + " | ".join(results) + " |")
        print("|---|" + "---|" * len(results))
        for m in metrics:
            print(f"| {m} | " + " | ".join(cell(r.get(m)) for r in results.values()) + " |")
    else:
        print(f"{'metric':28s} " + " ".join(f"{n:>15s}" for n in results))
        for m in metrics:
            print(f"{m:28s} " + " ".join(f"{cell(r.get(m)):>15s}" for r in results.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
