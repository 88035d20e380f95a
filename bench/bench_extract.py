"""Throughput of the whole per-report extraction against bare spaCy, in one run.

    .venv/bin/python bench/bench_extract.py [--count 400] [--model NAME]

Input: the bundled examples, plus ../shared/seeds and the PolNeAR dev texts
when present, repeated to ``--count`` reports. Both sides get the same
reports: bare spaCy runs ``nlp.pipe`` over their cleaned texts; the
extraction runs ``extract_reports`` over the raw reports (cleaning, the same
parse, attributions, times, figures). Then the whole ``claimledger analyze``
path runs on the same reports into a throw-away SQLite store
(:func:`claimledger.analysis.analyse_into`: extraction plus near-copy
signatures, story placement and storing). Target: at least 0.8x bare spaCy.

Peak memory is the process's maximum resident set size (``ru_maxrss``),
read after each phase; it only grows, so the later phase's figure includes
the earlier's. On a shared machine use ``--rounds 3``: the runs alternate and
each keeps its fastest time.
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from dataclasses import replace
from itertools import cycle, islice
from pathlib import Path

from rich.console import Console
from rich.table import Table

from claimledger.analysis import analyse_into
from claimledger.config import Limits
from claimledger.extract.clean import clean_text
from claimledger.extract.nlp import load_nlp, resolve_model_name
from claimledger.extract.pipeline import ExtractionError, context_year, extract_reports
from claimledger.ingest import read_paths
from claimledger.records import RawReport
from claimledger.store import Store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def load_reports(shared: Path) -> list[RawReport]:
    folders = [REPO / "examples", shared / "seeds", shared / "data" / "polnear" / "dev" / "text"]
    found = [folder for folder in folders if folder.is_dir()]
    return [item for item in read_paths(found, Limits()) if isinstance(item, RawReport)]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=400, help="reports per run (inputs are repeated)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default as the CLI)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=1, help="alternate the two runs this often; keep each one's best")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (seeds, PolNeAR)")
    args = parser.parse_args(argv)

    distinct = load_reports(args.shared)
    if not distinct:
        print("no input reports found", file=sys.stderr)
        return 1
    reports = list(islice(cycle(distinct), args.count))
    nlp = load_nlp(args.model)
    year = context_year(distinct)
    list(nlp.pipe(["Warm-up: the pipeline said it was ready on Monday."]))
    cleaned = [clean_text(r.text).text for r in reports]
    start_rss = peak_rss_mb()

    spacy_s = extract_s = analyze_s = float("inf")
    numbered = [replace(r, text=f"{r.text}\n{i}") for i, r in enumerate(reports)]  # copies are stored, not skipped
    for _ in range(args.rounds):
        start = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(cleaned, batch_size=args.batch_size))
        spacy_s = min(spacy_s, time.perf_counter() - start)
        spacy_rss = peak_rss_mb()

        start = time.perf_counter()
        results = list(extract_reports(reports, nlp=nlp, year=year))
        extract_s = min(extract_s, time.perf_counter() - start)
        extract_rss = peak_rss_mb()
        with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.db") as store:
            start = time.perf_counter()
            analyse_into(store, numbered, model=args.model, limits=Limits(), on_error=lambda line: None)
            analyze_s = min(analyze_s, time.perf_counter() - start)
        analyze_rss = peak_rss_mb()
    extractions = [r for r in results if not isinstance(r, ExtractionError)]

    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.db") as store:
        start = time.perf_counter()
        for i, extraction in enumerate(extractions):
            # Copies of one report share a content hash; number them so each is really stored.
            store.add(replace(extraction, report=replace(extraction.report, text=f"{extraction.report.text}\n{i}")))
        store_s = time.perf_counter() - start

    n = len(reports)
    attributions = sum(len(e.attributions) for e in extractions)
    figures = sum(len(e.figures) for e in extractions)
    table = Table(title=f"{n} reports ({len(distinct)} distinct), {tokens:,} tokens, {resolve_model_name(args.model)}")
    for column in ("stage", "seconds", "docs/s", "tokens/s", "peak RSS MB"):
        table.add_column(column, justify="right" if column != "stage" else "left")
    table.add_row("bare spaCy nlp.pipe", f"{spacy_s:.2f}", f"{n / spacy_s:.1f}", f"{tokens / spacy_s:,.0f}",
                  f"{spacy_rss:.0f}")
    table.add_row("extract_reports", f"{extract_s:.2f}", f"{n / extract_s:.1f}", f"{tokens / extract_s:,.0f}",
                  f"{extract_rss:.0f}")
    table.add_row("store.add (SQLite)", f"{store_s:.2f}", f"{len(extractions) / store_s:.1f}", "", "")
    table.add_row("analyze (extract, copies, stories, store)", f"{analyze_s:.2f}", f"{n / analyze_s:.1f}",
                  f"{tokens / analyze_s:,.0f}", f"{analyze_rss:.0f}")
    console = Console()
    console.print(table)
    ratio = spacy_s / extract_s
    console.print(
        f"extraction / bare spaCy throughput: [bold]{ratio:.2f}x[/], whole analyze: [bold]{spacy_s / analyze_s:.2f}x[/] "
        f"(target >= 0.80); "
        f"{attributions} attributions, {figures} figures, {n - len(extractions)} errors; "
        f"RSS before the runs {start_rss:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
