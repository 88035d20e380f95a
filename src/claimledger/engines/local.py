"""The local engine: extraction in this process, a chunk of reports at a time."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from threadpoolctl import threadpool_limits

from claimledger.config import Limits
from claimledger.engines import Analysed
from claimledger.extract.nlp import load_nlp
from claimledger.extract.pipeline import extract_report, extract_reports
from claimledger.ledger.stories import StoryFeatures, story_features
from claimledger.ledger.vectors import TextVectors, report_vectors
from claimledger.records import RawReport, ReportExtraction


def extract_each(
    reports: list[RawReport], nlp, year: int | None, limits: Limits, chunk: int = 64
) -> Iterator[tuple[RawReport, ReportExtraction | Exception]]:
    """Pair each report with its extraction or error, in order.

    Reports go to the extractor in chunks (each parsed on its own, within its
    time budget): a bounded chunk keeps memory flat and lets reports be stored
    as the run progresses. If a chunk breaks on an
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
                yield report, extract_report(report, nlp=nlp, year=year, limits=limits)
            except Exception as exc:  # noqa: BLE001 - reported as a one-line error for this report
                yield report, exc


def analyse_chunk(reports: list[RawReport], nlp, year: int | None, limits: Limits, *, stories: bool) -> list[Analysed]:
    """Extract a chunk, then embed what was extracted (:func:`embedded`)."""
    pairs = list(extract_each(reports, nlp, year, limits))
    return _outcomes(pairs, embedded(_extracted(pairs), stories=stories))


def embedded(extractions: list[ReportExtraction], *, stories: bool
             ) -> tuple[list[StoryFeatures] | None, list[TextVectors]]:
    """Each extraction's story features (when ``stories``) and the vectors of the texts the
    ledger will embed (:mod:`claimledger.ledger.vectors`): computed here, once, and stored
    with the report, so no ledger build embeds a stored report again."""
    return (story_features(extractions) if stories else None), report_vectors(extractions)


def analyse(chunks: Iterable[tuple[list[RawReport], int | None]], *, model: str | None, limits: Limits,
            stories: bool) -> Iterator[Analysed]:
    """Every report of every chunk, in order; the spaCy model loads on the first chunk.

    A chunk's sentence vectors (story features and the ledger's texts,
    :func:`embedded`) are computed on a second thread while the next chunk is
    parsed: NumPy releases the GIL in its matrix products, so on two cores the
    two overlap. BLAS is held to one thread for the run, so the two
    do not fight over the cores. A chunk's outcomes are given once the next
    chunk is parsed, so two chunks are in flight.
    """
    nlp = None
    pending: tuple[list, Future] | None = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="embedder") as embedder, \
            threadpool_limits(limits=1, user_api="blas"):
        for reports, year in chunks:
            nlp = nlp or load_nlp(model)
            pairs = list(extract_each(reports, nlp, year, limits))
            vectors = embedder.submit(embedded, _extracted(pairs), stories=stories)
            if pending is not None:
                yield from _outcomes(pending[0], pending[1].result())
            pending = (pairs, vectors)
        if pending is not None:
            yield from _outcomes(pending[0], pending[1].result())


def _extracted(pairs: list[tuple[RawReport, ReportExtraction | Exception]]) -> list[ReportExtraction]:
    return [result for _, result in pairs if isinstance(result, ReportExtraction)]


def _outcomes(pairs: list[tuple[RawReport, ReportExtraction | Exception]],
              computed: tuple[list[StoryFeatures] | None, list[TextVectors]]) -> list[Analysed]:
    """Each report with its result and, for an extraction, what :func:`embedded` computed for it (in order)."""
    features, vectors = computed
    out, k = [], 0
    for report, result in pairs:
        if isinstance(result, ReportExtraction):
            out.append(Analysed(report, result, features[k] if features is not None else None, vectors[k]))
            k += 1
        else:
            out.append(Analysed(report, result))
    return out
