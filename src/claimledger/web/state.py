"""What the web UI serves from: the store, the ledger built from it, and the search index, kept in step.

The ledger is read once and again only when the store's report count
changes, whether the UI added a report or an ``analyze`` run did; it comes
from the store's snapshot when the reports are those it was built from
(:mod:`claimledger.store.ledgers`), so restarting the server rebuilds
nothing. Readers always see a complete snapshot:
a rebuild swaps in a new :class:`Snapshot` under a lock.

Upload jobs are bounded: at most :data:`MAX_PENDING` wait or run at once (a
further upload is told to try later), and a finished job is forgotten after
:data:`JOB_TTL` seconds or when more than :data:`MAX_FINISHED` are kept.
"""
from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from claimledger.config import Limits

from claimledger.export.graphml import entity_claim_graph
from claimledger.export.json import export_ledger
from claimledger.report.context import LedgerContext
from claimledger.store import Store
from claimledger.store.ledgers import stored_ledger
from claimledger.web.search import SentenceIndex


#: Uploads queued or running at once; one more is answered "busy, try later".
MAX_PENDING = 8
#: Seconds a finished job's status page stays available.
JOB_TTL = 3600.0
#: Finished jobs kept at most (the oldest are dropped first).
MAX_FINISHED = 200


@dataclass
class Snapshot:
    count: int  # reports in the whole store when it was built
    ctx: LedgerContext
    export: dict
    graph: object
    index: SentenceIndex


@dataclass
class Job:
    """An upload being analysed; the status page polls it."""

    id: str
    name: str
    step: str = "queued"
    done: int = 0
    total: int = 5
    error: str | None = None
    messages: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    ended: float | None = None  # time.monotonic() when it finished

    @property
    def finished(self) -> bool:
        return self.step in ("done", "failed")

    def finish(self, error: str | None = None) -> None:
        """Mark the job done, or failed with a one-line ``error``."""
        self.error = error
        self.step, self.done = ("failed", self.done) if error else ("done", self.total)
        self.ended = time.monotonic()


class Busy(RuntimeError):
    """Too many uploads are waiting; the message is one line for the user."""


class LedgerState:
    def __init__(self, db: str | Path, story: str | None = None, *, limits: Limits = Limits(),
                 allow_private: bool = False):
        self.db = str(db)
        self.story = story  # shown alone, and reports added join it
        self.limits = limits  # the bounds uploads are read within
        self.allow_private = allow_private  # whether pages may be fetched from private addresses
        self.store = Store.open(self.db, create=True)
        self._lock = threading.Lock()
        self._lock_jobs = threading.Lock()
        self._snapshot: Snapshot | None = None
        self.jobs: dict[str, Job] = {}

    def snapshot(self) -> Snapshot:
        """The current snapshot, rebuilt first if the store has more or fewer reports than it shows."""
        count = self.store.count()
        snap = self._snapshot
        if snap is not None and snap.count == count:
            return snap
        with self._lock:
            if self._snapshot is None or self._snapshot.count != self.store.count():
                self._snapshot = self._build()
            return self._snapshot

    def _build(self) -> Snapshot:
        count = self.store.count()  # of the whole store: what snapshot() compares (read first, so never ahead)
        reports = self.store.reports(story=self.story)
        ledger = stored_ledger(self.store, reports)
        ctx = LedgerContext(reports, ledger)
        index = SentenceIndex()
        index.rebuild(ctx)
        return Snapshot(count, ctx, export_ledger(reports, ledger), entity_claim_graph(ctx), index)

    def new_job(self, name: str) -> Job:
        """A queued job, after forgetting expired ones; :class:`Busy` when :data:`MAX_PENDING` are waiting."""
        with self._lock_jobs:
            now = time.monotonic()
            finished = sorted((j for j in self.jobs.values() if j.ended is not None), key=lambda j: j.ended)
            for old in finished[:max(0, len(finished) - MAX_FINISHED)] + [j for j in finished if now - j.ended > JOB_TTL]:
                self.jobs.pop(old.id, None)
            if sum(j.ended is None for j in self.jobs.values()) >= MAX_PENDING:
                raise Busy(f"the server is busy with {MAX_PENDING} reports; try again in a minute")
            job = Job(uuid.uuid4().hex[:16], name)
            self.jobs[job.id] = job
            return job

    def close(self) -> None:
        self.store.close()
