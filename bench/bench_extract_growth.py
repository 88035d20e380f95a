"""How one report's extraction cost grows with its size, and what hostile shapes of text cost.

    .venv/bin/python bench/bench_extract_growth.py [--sizes 10000 25000 50000 100000 200000] [--shapes]

Prose: paragraphs of the PolNeAR training texts (``../shared/data/polnear``,
else the bundled examples), joined up to each size. Each size is parsed once
for the per-step figures (cleaning, spaCy's parse, then attributions, time
expressions, figures on that parse) and extracted once whole
(``extract_reports``); every figure is CPU seconds of this process
(``time.process_time``), so other jobs on the machine do not inflate it.
The growth exponent is the slope of log(seconds) against log(size): 1 is
linear, 2 quadratic.

``--shapes``: hostile texts of ``--shape-size`` characters (one paragraph
with no full stop, short lines, unbalanced quotation marks, numbers,
capitalised names, nested "said that", dense attributions, runs of brackets
and quotation marks, …), each extracted whole with the default limits in a
child process of its own, which reports its CPU seconds, outcome and peak
memory (``ru_maxrss``).
"""
from __future__ import annotations

import argparse
import json
import math
import random
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def paragraphs(shared: Path = SHARED) -> list[str]:
    """Real news paragraphs in a fixed order: PolNeAR train when present, else the bundled examples."""
    folder = shared / "data" / "polnear" / "train" / "text"
    files = sorted(folder.glob("*")) if folder.is_dir() else sorted((REPO / "examples").glob("*.txt"))
    random.Random(0).shuffle(files)
    return [p for f in files[:400] for p in f.read_text(encoding="utf-8").split("\n") if p.strip()]


def prose(size: int, paras: list[str]) -> str:
    """``size`` characters of paragraphs separated by blank lines (repeated if there are too few)."""
    out, total, i = [], 0, 0
    while total < size:
        out.append(paras[i % len(paras)])
        total += len(out[-1]) + 2
        i += 1
    return "\n\n".join(out)[:size]


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def hostile_texts(size: int, paras: list[str]) -> dict[str, str]:
    """Texts of ``size`` characters shaped to find what grows faster than the text."""
    rng = random.Random(0)
    text = prose(size, paras)
    words = text.split()
    names = ["John", "Mary", "Smith", "Jones", "Ada", "Brenn", "Ostra", "Kenya", "Ministry", "Council"]
    return {
        "prose": text,
        "one paragraph, no full stop": re.sub(r"[.!?\n]", " ", text),
        "short lines": _fill("Officials said.\nMore soon\n", size),
        "unbalanced quotation marks": " ".join(w + ('"' if rng.random() < 0.15 else "") for w in words)[:size],
        "numbers": " ".join(f"{rng.randint(1, 10 ** rng.randint(1, 9))}{rng.choice(['', ' million', '%', ' people'])}"
                            for _ in range(size // 6))[:size],
        "capitalised names": " ".join(rng.choice(names) for _ in range(size // 6))[:size],
        "nested 'said that'": _fill("the minister said that ", size - 30) + "the port was closed.",
        "dense attributions": _fill('Ada Brenn said 5 ships left the port on Monday. "It is over," she told reporters. ',
                                    size),
        "cue words, no full stop": _fill("said told denied claimed according to reported ", size),
        "runs of 1,000 quotation marks": " ".join('"' * 1000 + w for w in words)[:size],
        "one run of brackets": "(" * size,
        "dates": _fill("on Monday, March 3, 2015, last week, 12 May 2016 and next year ", size),
    }


def _cpu(step: Callable[[], object]) -> tuple[float, object]:
    start = time.process_time()
    result = step()
    return time.process_time() - start, result


def steps(text: str, nlp) -> dict[str, float]:
    """CPU seconds of each step of one report's extraction, and of the whole."""
    from claimledger.extract.attribution import find_attributions
    from claimledger.extract.clean import clean_text
    from claimledger.extract.figures import find_figures
    from claimledger.extract.pipeline import extract_reports
    from claimledger.extract.times import find_time_mentions
    from claimledger.records import RawReport

    seconds: dict[str, float] = {}
    seconds["clean"], clean = _cpu(lambda: clean_text(text))
    seconds["parse"], doc = _cpu(lambda: nlp(clean.text))
    seconds["attributions"], _ = _cpu(lambda: find_attributions(doc))
    seconds["times"], _ = _cpu(lambda: find_time_mentions(doc))
    seconds["figures"], _ = _cpu(lambda: find_figures(doc))
    seconds["whole"], _ = _cpu(lambda: list(extract_reports([RawReport(text=text)], nlp=nlp)))
    return seconds


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(seconds) on log(size)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(max(t, 1e-4)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def one_shape(name: str, size: int, shared: Path) -> dict:
    """Extract one hostile text whole with the default limits (run in a child process)."""
    from claimledger.extract.nlp import load_nlp
    from claimledger.extract.pipeline import extract_reports
    from claimledger.records import RawReport

    nlp = load_nlp()
    list(extract_reports([RawReport(text="Warm-up: the pipeline said it was ready on Monday.")], nlp=nlp))
    text = hostile_texts(size, paragraphs(shared))[name]
    wall = time.monotonic()
    cpu, [result] = _cpu(lambda: list(extract_reports([RawReport(text=text, path=name)], nlp=nlp)))
    outcome = (f"{len(result.attributions)} attributions, {len(result.figures)} figures"
               if hasattr(result, "attributions") else str(result).split(": ", 1)[-1])
    return {"cpu": cpu, "wall": time.monotonic() - wall, "outcome": outcome,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 25_000, 50_000, 100_000, 200_000])
    parser.add_argument("--shapes", action="store_true", help="also time the hostile shapes")
    parser.add_argument("--shape-size", type=int, default=200_000)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a child process: one shape, printed as JSON
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_shape(args.one, args.shape_size, args.shared)))
        return 0

    from claimledger.extract.nlp import load_nlp

    nlp = load_nlp()
    paras = paragraphs(args.shared)
    steps(prose(2_000, paras), nlp)  # the first call loads the cue and figure models
    rows = []
    print(f"{'characters':>10} {'tokens':>7}  " + "  ".join(f"{s:>12}" for s in
                                                          ("clean", "parse", "attributions", "times", "figures", "whole")))
    for size in args.sizes:
        text = prose(size, paras)
        seconds = steps(text, nlp)
        rows.append(seconds)
        print(f"{size:>10,} {len(nlp.make_doc(text)):>7,}  " + "  ".join(f"{v:>12.2f}" for v in seconds.values()),
              flush=True)
    if len(args.sizes) > 1:
        print(f"{'exponent':>19}  " + "  ".join(f"{exponent(args.sizes, [r[k] for r in rows]):>12.2f}"
                                                for k in rows[0]))
    if args.shapes:
        print(f"\nhostile shapes of {args.shape_size:,} characters, default limits (CPU s, wall s, peak MiB, outcome):")
        for name in hostile_texts(1_000, paras):
            child = subprocess.run([sys.executable, __file__, "--one", name, "--shape-size", str(args.shape_size),
                                    "--shared", str(args.shared)], capture_output=True, text=True)
            if child.returncode:
                print(f"{name:>32}: failed: {child.stderr.strip()[-300:]}")
                continue
            r = json.loads(child.stdout.strip().splitlines()[-1])
            print(f"{name:>32}: {r['cpu']:7.1f} {r['wall']:7.1f} {r['peak_mib']:6.0f}  {r['outcome']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
