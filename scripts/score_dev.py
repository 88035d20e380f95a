#!/usr/bin/env python3
"""Every metric of ``../shared/eval/score.py`` on every development set, side by side.

    python scripts/score_dev.py [--shared ../shared] [--markdown]

Analyses ``seeds/`` and both folders of ``stories/`` into fresh stores with the
same code and settings, exports each ledger and scores it against its gold
file, then prints one row per metric with a column per set (``--markdown``: the
README's table). A change that raises one column and lowers another is not
progress; nothing here is fitted to these sets.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args[:3])} … failed:\n{done.stderr[-2000:]}")


def score(shared: Path, name: str, inputs: list[Path], gold: Path, work: Path) -> dict[str, float | None]:
    db, out = work / f"{name}.db", work / f"{name}.json"
    exe = str(Path(sys.executable).with_name("claimledger"))
    run([exe, "analyze", *map(str, inputs), "--db", str(db)])
    run([exe, "export", "--db", str(db), "--format", "json", "-o", str(out)])
    done = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(out), str(gold), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout[:done.stdout.rindex("}") + 1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    sets = {"seeds": ([args.shared / "seeds"], args.shared / "gold" / "seeds.yaml"),
            "rumour stories": (sorted(p for p in (args.shared / "stories").iterdir() if p.is_dir()),
                               args.shared / "gold" / "rumours.yaml")}
    with tempfile.TemporaryDirectory() as tmp:
        results = {name: score(args.shared, name.split()[0], inputs, gold, Path(tmp))
                   for name, (inputs, gold) in sets.items()}
    metrics = list(next(iter(results.values())))

    def cell(v: float | None) -> str:
        return "n/a" if v is None else f"{v:.3f}"
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
