"""Check the HTML briefing of each set of reports against what issue 12 asks of it.

For each set (by default ../shared/seeds and ../shared/stories) the reports
are analysed into a fresh store, then ``claimledger report`` writes the HTML
briefing and ``claimledger export`` the JSON ledger, with the installed
command line. Checked, on the page as a reader gets it:

- the first page (``<section id="first-page">``) is at most 500 words
  (citation numbers not counted);
- every sentence is cited: each listed sentence and each table row carries
  a citation, and the first page has no uncited prose;
- no entity is shown under two names: outside quotations of the reports
  (``<q>``) and hover text, the page's text is searched for every name and
  alias the export gives an entity (longest first; a form two entities
  share is skipped; a possessive, "Plant's publicist", names someone else),
  and two forms of one entity that differ beyond case, accents and a leading
  "the" fail;
- one figure series per canonical quantity: no two charts share a quantity
  key or a label, nor do two first-page key figures;
- no claim summary (``<q class="claim">``) starts or ends with a cue word,
  a comma or a dateline.

Prints each check per set; exits 1 when any fails, 2 when a set cannot be
built. Run: ``.venv/bin/python scripts/check_briefing.py [SET_DIR ...]``.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import html as lxml_html

from claimledger.extract.cues import SPEECH
from claimledger.report.context import fold

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIRST_PAGE_WORDS = 500
#: The past forms of the lexicon's verbs of saying ("said", "denied"), "says", "tells" and "according to":
#: a summary starting or ending with one kept its cue. (Present forms such as "states" or "calls" are
#: also nouns, and would flag "the United States".)
_IRREGULAR = {"say": "said", "tell": "told", "write": "wrote", "find": "found", "put": "put", "hold": "held"}
CUE_FORMS = frozenset(
    _IRREGULAR.get(lemma) or (lemma + "d" if lemma.endswith("e") else lemma[:-1] + "ied" if lemma.endswith("y")
                              and lemma[-2] not in "aeiou" else lemma + "ed")
    for lemma in SPEECH
) | {"says", "tells", "according to"}
#: A dateline: an upper-case place, maybe a date and an agency, then a dash ("SEOUL, Oct 18 (Reuters) -").
DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,}(?:,\s*[^—–-]{0,40})?(?:\([^)]{1,30}\))?\s*[—–-]\s")


@dataclass
class Result:
    name: str
    ok: bool
    detail: str


def build(folder: Path, work: Path) -> tuple[Path, Path]:
    """Analyse ``folder`` into a store in ``work`` and write its HTML briefing and JSON export there."""
    cli = [str(Path(sys.executable).with_name("claimledger"))]
    db = work / "ledger.db"
    page, export = work / "briefing.html", work / "ledger.json"
    for args in (["analyze", str(folder), "--db", str(db)], ["report", "--db", str(db), "-o", str(page)],
                 ["export", "--db", str(db), "-o", str(export)]):
        done = subprocess.run([*cli, *args, "--quiet"], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"claimledger {args[0]} failed: {done.stderr.strip()[-400:]}")
    return page, export


def _text(node) -> str:
    """The text a reader sees in ``node``: no citation numbers, no drawings, no style."""
    node = _copy(node)
    for drop in node.xpath(".//sup[@class='cites'] | .//*[local-name()='svg'] | .//style"):
        drop.drop_tree()
    return _words(node)


def _words(node) -> str:
    """Text nodes joined by spaces (adjacent cells and labels are separate words), whitespace collapsed."""
    return " ".join(" ".join(node.itertext()).split())


def _copy(node):
    return lxml_html.fromstring(lxml_html.tostring(node, encoding="unicode"))


def check_words(first) -> Result:
    words = len(_text(first).split())
    return Result("first page <= 500 words", words <= FIRST_PAGE_WORDS, f"{words} words")


def check_cited(root, first) -> Result:
    uncited = []
    for li in root.xpath("//ul[@class='sentences']/li") + root.xpath("//tr[@class='row']"):
        if not li.xpath(".//sup[@class='cites']/a[@class='cite']"):
            uncited.append(_text(li)[:80])
    loose = _copy(first)
    for drop in loose.xpath(".//h2 | .//h3 | .//ul[@class='sentences'] | .//p[@class='none']"):
        drop.drop_tree()
    stray = _words(loose)
    if stray:
        uncited.append(f"uncited text on the first page: {stray[:80]}")
    total = len(root.xpath("//ul[@class='sentences']/li")) + len(root.xpath("//tr[@class='row']"))
    return Result("every sentence cited", not uncited, "; ".join(uncited[:3]) or f"{total} sentences and rows")


def check_names(root, entities: list[dict]) -> Result:
    owners: dict[str, set[str]] = {}
    for e in entities:
        for form in {e["name"], *e["aliases"]}:
            if len(form.strip()) >= 2:
                owners.setdefault(" ".join(form.split()), set()).add(e["id"])
    forms = {form: next(iter(ids)) for form, ids in owners.items() if len(ids) == 1}
    if not forms:
        return Result("one name per entity", True, "no entities")
    shown = _copy(root)
    for drop in shown.xpath("//q | //*[local-name()='title'] | //style | //head"):
        drop.drop_tree()
    text = _words(shown)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                         + r")(?!\w)")
    seen: dict[str, set[str]] = {}
    for match in pattern.finditer(text):
        if re.match(r"['’]s\b", text[match.end():]):
            continue  # "Plant's publicist" names someone else
        seen.setdefault(forms[match.group(0)], set()).add(match.group(0))
    names = {e["id"]: e["name"] for e in entities}
    twice = {eid: sorted(found) for eid, found in seen.items() if len({fold(f) for f in found}) > 1}
    detail = "; ".join(f"{names[eid]}: {' / '.join(found)}" for eid, found in sorted(twice.items()))
    return Result("one name per entity", not twice, detail or f"{len(seen)} entities named, each one way")


def check_series(root, first) -> Result:
    charts = root.xpath("//*[local-name()='svg'][@data-quantity]")
    keys = [c.get("data-quantity") for c in charts]
    labels = [c.get("aria-label") for c in charts]
    key_figures = [_text(li).split(":")[0] for li in first.xpath(".//section[@id='key-figures']//li")]
    repeated = sorted({k for group in (keys, labels, key_figures) for k in group if group.count(k) > 1})
    counted = f"{len(keys)} charts, {len(key_figures)} key figures"
    return Result("one series per quantity", not repeated, f"repeated: {', '.join(repeated)}" if repeated else counted)


def check_summaries(root) -> Result:
    bad = []
    for q in root.xpath("//q[@class='claim']"):
        text = _words(q)
        lower = text.lower()
        words = re.findall(r"[\w’']+", lower)
        why = None
        if not text:
            why = "empty"
        elif text[0] in ",;:" or text[-1] in ",;:-–—":
            why = "comma"
        elif words and (words[0] in CUE_FORMS or lower.startswith("according to") or words[-1] in CUE_FORMS
                        or lower.endswith("according to")):
            why = "cue word"
        elif DATELINE.match(text):
            why = "dateline"
        if why:
            bad.append(f"{why}: “{text[:70]}”")
    total = len(root.xpath("//q[@class='claim']"))
    return Result("claim summaries without cue, comma or dateline", not bad,
                  f"{len(bad)} of {total}: " + "; ".join(bad[:4]) if bad else f"{total} summaries")


def check(page: Path, export: Path) -> list[Result]:
    root = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    found = root.xpath("//section[@id='first-page']")
    if not found:
        return [Result("first page present", False, "no <section id=\"first-page\">")]
    first = found[0]
    entities = json.loads(export.read_text(encoding="utf-8"))["entities"]
    return [check_words(first), check_cited(root, first), check_names(root, entities), check_series(root, first),
            check_summaries(root)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, default=[SHARED / "seeds", SHARED / "stories"])
    args = parser.parse_args(argv)
    failed = False
    for folder in args.sets:
        if not folder.is_dir():
            print(f"{folder}: not a folder", file=sys.stderr)
            return 2
        with tempfile.TemporaryDirectory() as work:
            try:
                page, export = build(folder, Path(work))
            except RuntimeError as exc:
                print(f"{folder}: {exc}", file=sys.stderr)
                return 2
            for result in check(page, export):
                failed |= not result.ok
                print(f"{folder.name}\t{'ok  ' if result.ok else 'FAIL'}\t{result.name}\t{result.detail}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
