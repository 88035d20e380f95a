"""The local engine: extraction on this machine, a chunk of reports at a time.

A run of more than one chunk is extracted by worker processes, each with its own
spaCy pipeline and encoder (``analyze --workers N``; by default one per usable
CPU, at most :data:`~claimledger.config.DEFAULT_WORKERS`): the parse is
Python-bound, so threads of one process do not parse in parallel (two threads
over 40 PolNeAR articles took longer than one). Each worker holds about 0.6 GB
and costs about 12 CPU seconds of model loading, which a run of one chunk, or
``--workers 1``, saves by extracting in this process. Outcomes come back in
input order, and the reports are stored by this process, as with any engine.
"""
from __future__ import annotations

import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from multiprocessing import get_context

from threadpoolctl import threadpool_limits

from claimledger.config import Limits, default_workers
from claimledger.engines import Analysed
from claimledger.extract.nlp import load_nlp
from claimledger.extract.pipeline import extract_report, extract_reports
from claimledger.ledger.embeddings import analysing, embed
from claimledger.ledger.stories import StoryFeatures, lede, story_features
from claimledger.ledger.vectors import TextVectors, report_vectors, texts_to_embed
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
    with the report, so no ledger build embeds a stored report again.

    Every text of the chunk is embedded first in one call, so the encoder's runs of texts of
    one token length are as long as the chunk allows; the two steps then read them from the
    analysing cache (:func:`~claimledger.ledger.embeddings.analysing`), which also spares a
    text met again in a later chunk handled by this process."""
    texts = [lede(e) for e in extractions] if stories else []
    texts += [t for e in extractions for t in texts_to_embed(e)]
    with analysing():
        embed(list(dict.fromkeys(texts)), cache=False)
        return (story_features(extractions) if stories else None), report_vectors(extractions)


def analyse(chunks: Iterable[tuple[list[RawReport], int | None]], *, model: str | None, limits: Limits,
            stories: bool, workers: int | None = None) -> Iterator[Analysed]:
    """Every report of every chunk, in order.

    With a second chunk and more than one worker (``workers``, default
    :func:`~claimledger.config.default_workers`), the chunks are extracted by worker processes
    (:func:`analyse_in_processes`); otherwise here (:func:`analyse_here`).
    """
    chunks = iter(chunks)
    head = list(islice(chunks, 2))
    workers = default_workers() if workers is None else workers
    if len(head) > 1 and workers > 1:
        yield from analyse_in_processes(chain(head, chunks), workers, model=model, limits=limits, stories=stories)
    else:
        yield from analyse_here(chain(head, chunks), model=model, limits=limits, stories=stories)


def analyse_here(chunks: Iterable[tuple[list[RawReport], int | None]], *, model: str | None, limits: Limits,
                 stories: bool) -> Iterator[Analysed]:
    """Every report of every chunk, in order, extracted in this process; the spaCy model loads on the first chunk.

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


def analyse_in_processes(chunks: Iterable[tuple[list[RawReport], int | None]], count: int, *, model: str | None,
                         limits: Limits, stories: bool) -> Iterator[Analysed]:
    """Every report of every chunk, in order, each chunk extracted and embedded by one of ``count``
    worker processes (:func:`analyse_chunk`, as the Ray engine's actors run it).

    One chunk more than there are workers is handed out ahead, so no worker waits
    while this process stores. Workers are spawned (not forked: the parent may
    hold ONNX Runtime's and the web server's threads) and load the pipeline
    once. Only the fields extraction reads travel (:func:`travelling`); the
    outcomes are given this process's own reports back. If a worker dies
    (killed for memory, a crash in native code), the pool is broken: the
    chunks not yet given back and all later ones are extracted here instead.
    """
    pool = ProcessPoolExecutor(count, mp_context=get_context("spawn"), initializer=_start_worker,
                               initargs=(model, os.getpid()))
    in_flight: deque[tuple[list[RawReport], int | None, Future | None]] = deque()
    chunks = iter(chunks)
    broken = False
    try:
        for reports, year in chunks:
            in_flight.append((reports, year, None))  # a chunk the broken pool refuses is redone with the others
            in_flight[-1] = (reports, year, pool.submit(_analyse_travelled, [travelling(r) for r in reports], year,
                                                        limits, stories))
            while in_flight and (len(in_flight) > count or in_flight[0][2].done()):
                yield from _given_back(in_flight[0][0], in_flight[0][2].result())
                in_flight.popleft()
        while in_flight:
            yield from _given_back(in_flight[0][0], in_flight[0][2].result())
            in_flight.popleft()
    except BrokenProcessPool:
        broken = True
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if broken:
        redo = [(reports, year) for reports, year, _ in in_flight]
        yield from analyse_here(chain(redo, chunks), model=model, limits=limits, stories=stories)


#: The fields of a report that extraction reads: the page as fetched and the WARC record id stay here.
FIELDS = ("text", "title", "url", "outlet", "published", "path")


def travelling(report: RawReport) -> RawReport:
    """The report as sent to a worker: only :data:`FIELDS`."""
    return RawReport(**{f: getattr(report, f) for f in FIELDS})


def pack(analysed: Analysed) -> bytes:
    """One outcome pickled; an exception that does not pickle still reaches the user, as text."""
    try:
        return pickle.dumps(analysed)
    except Exception as exc:  # noqa: BLE001 - the error is kept as text
        return pickle.dumps(Analysed(analysed.report, RuntimeError(f"{type(analysed.result).__name__}: {exc}")))


def _given_back(reports: list[RawReport], packed: list[bytes]) -> list[Analysed]:
    """A worker's outcomes with this process's own reports (the extraction's too)."""
    out = []
    for report, blob in zip(reports, packed, strict=True):
        outcome = pickle.loads(blob)
        if isinstance(outcome.result, ReportExtraction):
            outcome.result.report = report
        out.append(Analysed(report, outcome.result, outcome.features, outcome.vectors))
    return out


_worker: dict = {}


def _start_worker(model: str | None, parent: int) -> None:
    """In a worker: load the pipeline, hold BLAS to one thread, and leave when the parent is gone
    (a parent killed outright cannot shut its pool down; its workers would wait for work forever)."""
    threadpool_limits(limits=1, user_api="blas")
    _worker["nlp"] = load_nlp(model)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _analyse_travelled(reports: list[RawReport], year: int | None, limits: Limits, stories: bool) -> list[bytes]:
    """In a worker: one chunk's outcomes, pickled one by one (:func:`pack`)."""
    return [pack(a) for a in analyse_chunk(reports, _worker["nlp"], year, limits, stories=stories)]


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
