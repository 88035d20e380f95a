"""The Ray engine: per-report extraction as Ray Data batches on a pool of actors.

Each actor (:class:`Extractor`) loads the spaCy pipeline once and runs the
local engine's own code (:func:`claimledger.engines.local.analyse_chunk`) on
each batch, so results (sentence vectors included) are the local engine's. Only the fields extraction
reads travel to the actors; outcomes travel back pickled, in input order, and
are given back the driver's own reports (with the page as fetched and the
WARC record id, which never left the driver) before it stores them: the store
is written by one process whichever engine ran. Reports go to Ray in windows of ``window``
rows, which bounds the driver's memory on a long stream; each window starts a
fresh actor pool, so a window should hold far more reports than a pool
loads models.

With ``address`` the engine joins a running cluster (``ray://head:10001``
or ``auto``); the workers need claimledger installed, as the README says.
Without it, a local cluster of ``workers`` CPUs is started.
"""
from __future__ import annotations

import logging
import pickle
from collections.abc import Iterable, Iterator
from itertools import groupby

from claimledger.config import Limits
from claimledger.engines import Analysed
from claimledger.engines.local import FIELDS, pack
from claimledger.records import RawReport, ReportExtraction


class Extractor:
    """A Ray Data actor: the model is loaded in ``__init__``, once per actor, and reused for every batch."""

    def __init__(self, model: str | None, limits: Limits, stories: bool):
        from claimledger.extract.nlp import load_nlp

        self.nlp = load_nlp(model)
        self.limits = limits
        self.stories = stories

    def __call__(self, batch: dict) -> dict:
        import numpy as np

        from claimledger.engines.local import analyse_chunk

        n = len(batch["seq"])
        reports = [RawReport(**{f: _none(batch[f][i]) for f in FIELDS}) for i in range(n)]
        years = [int(y) or None for y in batch["year"]]
        out: list[Analysed] = []
        for year, members in groupby(range(n), key=years.__getitem__):
            idx = list(members)
            out += analyse_chunk([reports[i] for i in idx], self.nlp, year, self.limits, stories=self.stories)
        return {"seq": np.asarray(batch["seq"]), "analysed": np.array([pack(a) for a in out], dtype=object)}


def _none(value):
    return None if value is None or value != value else str(value)  # NaN is how a missing string may arrive


def start(address: str | None = None, workers: int | None = None) -> int:
    """Connect to (or start) Ray; returns the number of extraction actors to run."""
    import ray

    if not ray.is_initialized():
        quiet = dict(include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False)
        if address:
            ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
        else:
            ray.init(num_cpus=workers or None, **quiet)
    return workers or max(1, int(ray.cluster_resources().get("CPU", 1)))


def analyse(chunks: Iterable[tuple[list[RawReport], int | None]], *, model: str | None, limits: Limits,
            stories: bool, address: str | None = None, workers: int | None = None, batch_size: int = 16,
            window: int = 4096) -> Iterator[Analysed]:
    """Every report of every chunk, in order, extracted on Ray actors."""
    import ray.data

    actors = start(address, workers)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    rows: list[dict] = []
    sent: list[RawReport] = []
    for reports, year in chunks:
        for report in reports:
            rows.append({"seq": len(rows), "year": year or 0, **{f: getattr(report, f) for f in FIELDS}})
            sent.append(report)
        if len(rows) >= window:
            yield from _run(rows, sent, model, limits, stories, actors, batch_size)
            rows, sent = [], []
    if rows:
        yield from _run(rows, sent, model, limits, stories, actors, batch_size)


def _run(rows: list[dict], sent: list[RawReport], model, limits, stories, actors: int,
         batch_size: int) -> Iterator[Analysed]:
    import ray.data

    dataset = ray.data.from_items(rows).map_batches(
        Extractor, fn_constructor_kwargs=dict(model=model, limits=limits, stories=stories),
        batch_size=batch_size, batch_format="numpy", compute=ray.data.ActorPoolStrategy(size=actors), num_cpus=1)
    pending: dict[int, Analysed] = {}
    expected = 0
    for row in dataset.iter_rows():  # preserve_order keeps input order; the buffer only guards it
        pending[int(row["seq"])] = pickle.loads(row["analysed"])
        while expected in pending:
            outcome, report = pending.pop(expected), sent[expected]
            if isinstance(outcome.result, ReportExtraction):
                outcome.result.report = report
            yield Analysed(report, outcome.result, outcome.features, outcome.vectors)
            expected += 1
