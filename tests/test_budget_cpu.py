"""The time budget counts the CPU time of the thread it guards, so a report is not refused for time that
other work on the machine took, and a wall-clock stop still ends a block that gets no CPU. Assertions are
on outcomes (refused or not), never on how long anything took."""
from __future__ import annotations

import threading
import time

import pytest

from claimledger.budget import HARD_STOP, thread_cpu_clock, time_budget
from claimledger.config import Limits
from claimledger.extract import pipeline
from claimledger.extract.pipeline import ExtractionError, extract_reports
from claimledger.ingest import IngestError
from claimledger.records import RawReport, ReportExtraction

pytestmark = pytest.mark.skipif(thread_cpu_clock() is None, reason="no per-thread CPU clock on this platform")

FERRY = ("The ferry to Ostra sailed again on Thursday, the operator said, three days after the engine fire had "
         "stopped every crossing. Harbour master Ilse Varga told reporters that 1,200 passengers had waited.")


def wait(seconds: float) -> None:
    """Wait in short sleeps, as a thread does that the machine gives no CPU (the budget's exception lands
    between them)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(0.005)


def test_the_clock_reads_another_threads_cpu_time():
    """A thread that burns CPU shows it on its own clock, read from this thread; this thread's clock does not."""
    ready, stop = threading.Event(), threading.Event()
    ident: list[int] = []

    def burn():
        ident.append(threading.get_ident())
        ready.set()
        while not stop.is_set():
            sum(range(1000))

    worker = threading.Thread(target=burn)
    worker.start()
    ready.wait()
    theirs, mine = thread_cpu_clock(ident[0]), thread_cpu_clock()
    before_theirs, before_mine = theirs(), mine()
    wait(0.3)
    after_theirs, after_mine = theirs(), mine()
    stop.set()
    worker.join()
    assert after_theirs - before_theirs > 10 * (after_mine - before_mine)


def test_time_spent_waiting_is_not_counted():
    with time_budget(0.05, IngestError("late")):
        wait(0.3)  # six times the budget by the wall clock, almost none of it on this thread's CPU


def test_a_block_that_waits_past_the_hard_stop_is_ended():
    with pytest.raises(IngestError, match="late"):
        with time_budget(0.02, IngestError("late")):
            wait(100 * 0.02 * HARD_STOP)  # stopped at HARD_STOP times the budget, long before this ends


def test_cpu_spent_is_counted_in_a_worker_thread():
    def spin():
        with time_budget(0.05, IngestError("late")):
            while True:
                pass

    errors: list[BaseException] = []

    def run():
        try:
            spin()
        except IngestError as exc:
            errors.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert [str(e) for e in errors] == ["late"]


def test_a_report_that_waits_longer_than_its_budget_but_uses_little_cpu_is_extracted(monkeypatch):
    """A report held up (here by a wait inside the attribution step, as a starved thread is held up) is
    extracted all the same: only the CPU time it used counts against ``extract_seconds``."""
    first = next(extract_reports([RawReport(text=FERRY, path="held.txt")]))  # loads the models: not a report's cost
    real = pipeline.find_attributions

    def find_attributions(doc):
        wait(1.0)
        return real(doc)

    monkeypatch.setattr(pipeline, "find_attributions", find_attributions)
    [held] = extract_reports([RawReport(text=FERRY, path="held.txt")], limits=Limits(extract_seconds=0.5))
    assert isinstance(held, ReportExtraction) and held == first
    [stopped] = extract_reports([RawReport(text=FERRY, path="held.txt")], limits=Limits(extract_seconds=0.05))
    assert isinstance(stopped, ExtractionError)  # waited past HARD_STOP times 0.05 s
    assert str(stopped) == "held.txt: extraction took over 0.05 s; refused"
