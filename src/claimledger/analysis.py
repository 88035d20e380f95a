"""Adding reports to a ledger: the one path every front end takes.

The command line (``analyze``, ``watch``) and the web upload hand a stream of
read reports (or read errors) to :func:`analyse_into`, which skips what is
stored already, extracts the rest on the chosen engine (which also computes
the sentence vectors the ledger will need), links copies and near-copies, places
each report in a story and stores it with its vectors, one transaction per report.
Front ends only say how to show an error and how to count progress.
"""
from __future__ import annotations

import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from claimledger.config import Limits
from claimledger.dedup import buckets, original_of, pack, signature
from claimledger.engines import local as local_engine
from claimledger.extract.nlp import resolve_model_name
from claimledger.extract.pipeline import ExtractionError, batches, context_year, report_years
from claimledger.ingest import IngestError
from claimledger.ledger.stories import OPEN_STORIES, StoryIndex
from claimledger.records import RawReport, ReportExtraction
from claimledger.store import Store, report_identity
from claimledger.store.stories import load_profile, load_profiles, save_profile

#: Reports extracted per engine call (each parsed on its own): two chunks of 16 in flight are stored
#: within seconds (with 64, a run killed every 10-20 s stored nothing: each report is committed on its
#: own, but only once its chunk is extracted).
CHUNK = 16
#: Report identities remembered to skip repeats not yet stored (far more than the chunks an engine holds at once).
RECENT_HASHES = 4096


@dataclass(slots=True)
class Tally:
    """What one run did."""

    analysed: int = 0
    already: int = 0
    errors: int = 0
    copies: int = 0  # stored as copies of a stored report: word for word from another place, or near-copies
    started: float = 0.0
    added: list[str] | None = None  # ids of the reports stored by this run

    def summary(self) -> str:
        copies = f" ({self.copies} near-cop{'y' if self.copies == 1 else 'ies'} of stored reports)" if self.copies else ""
        return (f"analysed [bold]{self.analysed}[/]{copies}, already stored [bold]{self.already}[/], "
                f"errors [bold{' red' if self.errors else ''}]{self.errors}[/]")

    def rate(self) -> str:
        seconds = time.monotonic() - self.started
        return f"{seconds:.1f} s, {self.analysed / seconds if seconds else 0:.1f} reports/s"


def analyse_into(
    store: Store,
    items: Iterable[RawReport | IngestError],
    *,
    model: str | None,
    limits: Limits,
    on_error: Callable[[str], None],
    on_report: Callable[[], None] = lambda: None,
    engine: str = "local",
    address: str | None = None,
    workers: int | None = None,
    story: str | None = None,
) -> Tally:
    """Stream reports into the store: new ones are extracted a chunk at a time and stored one by one.

    Reading is lazy, so a web archive of any size goes through in bounded
    memory; each report is committed as it is stored, so an interrupted run
    loses at most the chunks in flight and a re-run skips what is stored. A
    report whose text is a stored one's, read from another place (another
    URL, file or outlet), or whose cleaned text nearly matches a stored one
    (:mod:`claimledger.dedup`), is stored as its copy. Each report joins
    ``story`` or, without one, the story it fits
    (:mod:`claimledger.ledger.stories`). Raises
    :class:`~claimledger.extract.nlp.ModelNotInstalled` before any work when
    the spaCy pipeline is missing.
    """
    tally = Tally(started=time.monotonic(), added=[])

    def chunks() -> Iterator[tuple[list[RawReport], int | None]]:
        # The years of the reports stored before this run and of this run's earlier chunks: read once, so
        # a chunk's context year does not depend on how many of the run's reports the engine has stored
        # by then (they used to be counted twice, once stored and once in flight).
        seen: Counter[int] = Counter()
        for number, part in enumerate(batches(_new_reports(items, store, tally, on_error), CHUNK)):
            if number == 0:
                resolve_model_name(model)  # a missing model is one error before any engine starts
                seen = store.year_counts()
            yield part, context_year(part, seen)
            seen = seen + report_years(part)

    if engine == "ray":
        from claimledger.engines import ray as ray_engine

        outcomes = ray_engine.analyse(chunks(), model=model, limits=limits, stories=True, address=address,
                                      workers=workers)
    else:
        outcomes = local_engine.analyse(chunks(), model=model, limits=limits, stories=True, workers=workers)
    stories = None
    for outcome in outcomes:
        report, result = outcome.report, outcome.result
        if stories is None:
            stories = StoryIndex(load_profiles(store, OPEN_STORIES), closed=lambda name: load_profile(store, name))
        on_report()
        if not isinstance(result, ReportExtraction):
            on_error(str(result) if isinstance(result, ExtractionError)
                     else f"{report_name(report)}: extraction failed ({type(result).__name__}: {result})")
            tally.errors += 1
            continue
        minhash = signature(result.clean.text)
        bands = buckets(minhash) if minhash else []
        original = original_of(minhash, store.copy_candidates(bands)) if bands else None
        name = story or stories.place(outcome.features)
        try:
            stored = store.add(result, copy_of=original, signature=pack(minhash) if minhash else None,
                               buckets=bands, story=name, vectors=outcome.vectors)
            if stored is not None:
                save_profile(store, stories.add(name, outcome.features, pinned=story is not None))
        except SQLAlchemyError as exc:
            on_error(f"{report_name(report)}: could not be stored ({getattr(exc, 'orig', None) or exc})")
            tally.errors += 1
            continue
        if stored is None:
            tally.already += 1
            continue
        tally.analysed += 1
        tally.copies += stored.copy_of is not None  # the store links a word-for-word copy itself
        tally.added.append(stored.id)
    return tally


def report_name(report: RawReport) -> str:
    return report.path or report.url or report.title or "report"


def _new_reports(items: Iterable[RawReport | IngestError], store: Store, tally: Tally,
                 on_error: Callable[[str], None]) -> Iterator[RawReport]:
    """The reports not stored yet (by :func:`report_identity`: their text and where they came from);
    errors and stored ones are counted on the way.

    Repeats within the reports read but not yet stored are caught by a window
    of recent identities, so memory does not grow with the stream; a repeat further
    back is stored by then, and one that slips through is refused by
    :meth:`Store.add` (same identity) and counted the same way. The same text
    from another place goes on, to be stored as a copy.
    """
    recent: OrderedDict[str, None] = OrderedDict()
    for item in items:
        if not isinstance(item, RawReport):
            on_error(str(item))
            tally.errors += 1
            continue
        key = report_identity(item)
        if key in recent or store.has_identity(key):
            tally.already += 1
            continue
        recent[key] = None
        if len(recent) > RECENT_HASHES:
            recent.popitem(last=False)
        yield item
