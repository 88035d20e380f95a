"""The local engine: extraction in this process, a chunk of reports per ``nlp.pipe``."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from claimledger.config import Limits
from claimledger.engines import Analysed
from claimledger.extract.nlp import load_nlp
from claimledger.extract.pipeline import extract_report, extract_reports
from claimledger.ledger.stories import story_features
from claimledger.records import RawReport, ReportExtraction


def extract_each(
    reports: list[RawReport], nlp, year: int | None, limits: Limits, chunk: int = 64
) -> Iterator[tuple[RawReport, ReportExtraction | Exception]]:
    """Pair each report with its extraction or error, in order.

    Reports go to the extractor in chunks: ``nlp.pipe`` is much faster over a
    batch than one call per report, while a bounded chunk keeps memory flat and
    lets reports be stored as the run progresses. If a chunk breaks on an
    unexpected error, its reports not yet done are retried one by one, so one
    report that trips a defect costs only itself.
    """
    for first in range(0, len(reports), chunk):
        part = reports[first:first + chunk]
        done = 0
        try:
            for result in extract_reports(part, nlp=nlp, year=year, limits=limits):
                yield part[done], result
                done += 1
            continue
        except Exception:  # noqa: BLE001 - the batch goes on; the failing report is named below
            pass
        for report in part[done:]:
            try:
                yield report, extract_report(report, nlp=nlp, year=year)
            except Exception as exc:  # noqa: BLE001 - reported as a one-line error for this report
                yield report, exc


def analyse_chunk(reports: list[RawReport], nlp, year: int | None, limits: Limits, *, stories: bool) -> list[Analysed]:
    """Extract a chunk and, when ``stories``, compute the story features of what was extracted."""
    pairs = list(extract_each(reports, nlp, year, limits))
    done = [result for _, result in pairs if isinstance(result, ReportExtraction)]
    features = iter(story_features(done) if stories else [])
    return [Analysed(report, result, next(features) if stories and isinstance(result, ReportExtraction) else None)
            for report, result in pairs]


def analyse(chunks: Iterable[tuple[list[RawReport], int | None]], *, model: str | None, limits: Limits,
            stories: bool) -> Iterator[Analysed]:
    """Every report of every chunk, in order; the spaCy model loads on the first chunk."""
    nlp = None
    for reports, year in chunks:
        nlp = nlp or load_nlp(model)
        yield from analyse_chunk(reports, nlp, year, limits, stories=stories)
