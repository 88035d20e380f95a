"""Score the project's time tagger on TempEval-3 TimeML (TimeBank / AQUAINT).

    python scripts/eval_tempeval.py [--split TimeBank|AQUAINT|all] [--limit N] [--show N]
                                    [--tagger project|spacy-dateparser]

Each document is parsed with the project's spaCy pipeline, its time
expressions found by ``extract.times.find_time_mentions`` and resolved by
``resolve_times`` against the document creation time (DCT) as the report
date. Prints extent precision/recall/F1 (strict: same characters; relaxed:
overlapping) and, over the relaxed matches, value accuracy; then value
P/R/F1 as TempEval-3 counts it (a gold expression is found with the right
value). HeidelTime's published value F1 on the platinum test is 0.776
(UzZaman et al. 2013); the platinum test is not in ../shared, so figures
here are on the training documents.

Values are compared after representation changes that keep the interval:
the tagger writes a week as a Monday-Sunday span ("1998-08-03/1998-08-09")
where TimeML writes "1998-W32", a quarter as a month span where TimeML writes
"1998-Q3", and a window ending at the report's date ("in the past three
months", "1997-10-08/1998-01-08") where TimeML writes its length ("P3M",
a DURATION anchored at the creation time); a range the tagger reads as one
span ("from Aug. 26 to Oct. 20") is scored as TimeML writes it, two times,
one for each end.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree as ET

from claimledger.extract.nlp import load_nlp
from claimledger.extract.times import find_time_mentions, resolve_times
from claimledger.records import TimeExpression

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3"


def read_tml(path: Path) -> tuple[str, str, list[tuple[int, int, str, str, str]]]:
    """(DCT value, plain text, [(start, end, text, type, value)]) of one TimeML file."""
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3").get("value")
    text_el = root.find("TEXT")
    parts: list[str] = []
    gold = []

    def walk(el) -> None:
        if el.tag == "TIMEX3":
            start = sum(map(len, parts))
            inner = "".join(el.itertext())
            parts.append(inner)
            gold.append((start, start + len(inner), inner, el.get("type"), el.get("value")))
        else:
            parts.append(el.text or "")
            for child in el:
                walk(child)
        if el is not text_el:
            parts.append(el.tail or "")

    walk(text_el)
    return dct, "".join(parts), gold


def canonical(t: TimeExpression) -> str | None:
    """Write a span that is exactly one ISO week, one quarter or a window back from the report's date the way
    TimeML does."""
    value, reading = t.value, t.reading
    if value and reading is not None and reading.kind == "relative" and reading.window:
        return f"P{reading.shift}{reading.unit[0].upper()}"
    if not value or "/" not in value:
        return value
    first, last = value.split("/", 1)
    try:
        a, b = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        m = re.fullmatch(r"(\d{4})-(\d\d)/(\d{4})-(\d\d)", value)
        if m and m.group(1) == m.group(3) and int(m.group(2)) % 3 == 1 and int(m.group(4)) == int(m.group(2)) + 2:
            return f"{m.group(1)}-Q{(int(m.group(2)) + 2) // 3}"
        return value
    if a.weekday() == 0 and b - a == timedelta(days=6):
        year, week, _ = a.isocalendar()
        return f"{year}-W{week:02d}"
    if a.weekday() == 5 and b - a == timedelta(days=1):
        year, week, _ = a.isocalendar()
        return f"{year}-W{week:02d}-WE"
    return value


_RANGE = re.compile(r"(?i)(?:(?:between|from)\s+)?(?P<a>.+?)\s*(?:\b(?:and|to|until|till|through|thru)\b|[-\u2013\u2014])\s*(?P<b>\S.*)$",
                    re.DOTALL)


def timeml_times(found: list[TimeExpression]) -> list[TimeExpression]:
    """A range the tagger reads as one span ("from Aug. 26 to Oct. 20", "1989-08-26/1989-10-20") as TimeML writes
    it: two times, each end with its own value ("Aug. 26" 1989-08-26, "Oct. 20" 1989-10-20)."""
    out = []
    for t in found:
        m = _RANGE.match(t.text) if t.reading is not None and t.reading.kind == "span" and t.value else None
        if m is None or t.value.count("/") != 1:
            out.append(t)
            continue
        first, last = t.value.split("/")
        out.append(TimeExpression(t.start + m.start("a"), t.start + m.end("a"), m.group("a"), first))
        out.append(TimeExpression(t.start + m.start("b"), t.start + m.end("b"), m.group("b"), last))
    return out


def library_times(doc, dct: str) -> list[TimeExpression]:
    """spaCy's DATE/TIME entities, each valued by dateparser against the DCT (a day, or None)."""
    import dateparser

    base = datetime.fromisoformat(dct)
    out = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            parsed = dateparser.parse(ent.text, languages=["en"],
                                      settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
            out.append(TimeExpression(ent.start_char, ent.end_char, ent.text,
                                      parsed.date().isoformat() if parsed else None))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="all", choices=["TimeBank", "AQUAINT", "all"])
    ap.add_argument("--limit", type=int, default=0, help="first N documents only (exploration)")
    ap.add_argument("--show", type=int, default=0, help="print N misses of each kind")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--tagger", default="project", choices=["project", "spacy-dateparser"],
                    help="spacy-dateparser: spaCy DATE/TIME entities valued by dateparser (RELATIVE_BASE = DCT), "
                         "the library alternative measured against the project's tagger")
    args = ap.parse_args(argv)
    splits = ["TimeBank", "AQUAINT"] if args.split == "all" else [args.split]
    files = [p for s in splits for p in sorted((args.data / s).glob("*.tml"))]
    if args.limit:
        files = files[: args.limit]
    nlp = load_nlp()
    n_gold = n_sys = strict = relaxed_sys = relaxed_gold = value_ok = 0
    by_type: Counter[str] = Counter()
    by_type_ok: Counter[str] = Counter()
    missed: list[str] = []
    wrong: list[str] = []
    spurious: list[str] = []
    docs = [read_tml(p) for p in files]
    for (dct, text, gold), doc in zip(docs, nlp.pipe((d[1] for d in docs), batch_size=8)):
        found = (timeml_times(resolve_times(find_time_mentions(doc), dct[:10])) if args.tagger == "project"
                 else library_times(doc, dct[:10]))
        n_gold += len(gold)
        n_sys += len(found)
        sys_spans = [(t.start, t.end) for t in found]
        gold_spans = {(g[0], g[1]) for g in gold}
        strict += sum(s in gold_spans for s in sys_spans)
        relaxed_sys += sum(any(t.start < g[1] and g[0] < t.end for g in gold) for t in found)
        for g in gold:
            match = [t for t in found if t.start < g[1] and g[0] < t.end]
            by_type[g[3]] += 1
            if not match:
                missed.append(f"{g[3]:8} {g[2]!r} {g[4]}")
                continue
            relaxed_gold += 1
            if any(canonical(t) == g[4] for t in match):
                value_ok += 1
                by_type_ok[g[3]] += 1
            else:
                wrong.append(f"{g[3]:8} {g[2]!r} gold={g[4]} ours={[(t.text, t.value) for t in match]} dct={dct}")
        for t in found:
            if not any(t.start < g[1] and g[0] < t.end for g in gold):
                spurious.append(f"{t.text!r} {t.value}")

    def prf(p_num: int, r_num: int) -> str:
        p = p_num / n_sys if n_sys else 0.0
        r = r_num / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"

    print(f"documents {len(files)} ({', '.join(splits)}); gold expressions {n_gold}; found {n_sys}")
    print(f"extent strict   {prf(strict, strict)}")
    print(f"extent relaxed  {prf(relaxed_sys, relaxed_gold)}")
    print(f"value accuracy on the expressions found  {value_ok / relaxed_gold if relaxed_gold else 0:.3f}")
    print(f"value (TempEval-3: found with the right value)  {prf(value_ok, value_ok)}   HeidelTime platinum value F1 0.776")
    print("recall with the right value by TIMEX3 type: " + ", ".join(
        f"{k} {by_type_ok[k]}/{v}" for k, v in sorted(by_type.items())))
    if args.show:
        for name, rows in (("missed", missed), ("wrong value", wrong), ("not in gold", spurious)):
            print(f"-- {name} ({len(rows)})")
            for row in rows[: args.show]:
                print("  " + row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
