"""Fit how many months ahead a year-less month may be read as the coming one (times.COMING_MONTHS).

    python scripts/fit_coming_months.py

"in February" in a report of November: this coming February or last one?
Each TempEval-3 document is parsed once; its month and day expressions
without a year are resolved against its creation time for each setting, and
the setting with the most right values on TimeBank is chosen; AQUAINT is
printed as the held-out check.
"""
from __future__ import annotations

import sys
from pathlib import Path

import claimledger.extract.times as times
from claimledger.extract.nlp import load_nlp

sys.path.insert(0, str(Path(__file__).parent))
from eval_tempeval import DATA, read_tml  # noqa: E402


def yearless(split: str, nlp) -> list[tuple[str, list, list]]:
    """(DCT, year-less month/day mentions, gold) of each document of a split."""
    docs = [read_tml(p) for p in sorted((DATA / split).glob("*.tml"))]
    out = []
    for (dct, _, gold), doc in zip(docs, nlp.pipe((d[1] for d in docs), batch_size=8)):
        found = [t for t in times.find_time_mentions(doc) if t.kind == "date" and t.first.year is None and t.first.month]
        out.append((dct[:10], found, gold))
    return out


def right(data: list[tuple[str, list, list]]) -> tuple[int, int]:
    ok = n = 0
    for dct, found, gold in data:
        for t, value in zip(found, (e.value for e in times.resolve_times(found, dct))):
            match = [g for g in gold if t.start < g[1] and g[0] < t.end]
            if match:
                n += 1
                ok += any(g[4] == value for g in match)
    return ok, n


def main() -> int:
    nlp = load_nlp()
    dev, held = yearless("TimeBank", nlp), yearless("AQUAINT", nlp)
    best = None
    for months in range(0, 7):
        times.COMING_MONTHS = months
        (ok, n), (hok, hn) = right(dev), right(held)
        print(f"COMING_MONTHS {months}: TimeBank {ok}/{n}   AQUAINT (held out) {hok}/{hn}")
        best = max(best or (ok, -months), (ok, -months))
    print(f"best on TimeBank: COMING_MONTHS = {-best[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
