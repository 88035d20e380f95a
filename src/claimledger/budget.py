"""A time budget for one block of work, shared by the stages that spend time on untrusted input
(HTML article extraction, per-report extraction).

The budget is the CPU time of the thread running the block, so on a busy
machine a report is not refused for time that other processes (or other
threads of this one) took. A wall-clock stop at :data:`HARD_STOP` times
the budget still ends a block that gets almost no CPU at all.
"""
from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: The wall-clock stop, in multiples of the CPU budget: a block is ended however little CPU it got once
#: it has waited this long. A thread busy on the 2-CPU development machine at a load average of 8 gets
#: about a quarter of a core; ten times leaves room for a machine more than twice as busy.
HARD_STOP = 10.0


class _OverBudget(BaseException):
    """Raised into the working thread when its budget runs out (a BaseException, so no
    ``except Exception`` inside a library swallows it)."""


def thread_cpu_clock(thread_id: int | None = None) -> Callable[[], float] | None:
    """A function giving the CPU seconds a thread has used, readable from any thread, or None where the
    platform has no per-thread CPU clock (``time.pthread_getcpuclockid`` is Unix only).

    ``thread_id`` is a ``threading.get_ident()``; by default the calling thread.
    """
    try:
        clock = time.pthread_getcpuclockid(threading.get_ident() if thread_id is None else thread_id)
        time.clock_gettime(clock)
    except (AttributeError, OSError):
        return None
    return lambda: time.clock_gettime(clock)


@contextmanager
def time_budget(seconds: float, error: Exception) -> Iterator[None]:
    """Raise ``error`` once the block has used ``seconds`` of its thread's CPU time, or once it has run
    :data:`HARD_STOP` times as long by the wall clock, in any thread (wall clock only where the platform
    has no per-thread CPU clock).

    A watcher thread raises an exception into the thread running the block
    (``PyThreadState_SetAsyncExc``): unlike ``SIGALRM`` this works in the web
    UI's worker threads too. It lands between Python bytecodes, so a single
    long C call (one lxml XPath, spaCy's tokenizer on one text) finishes
    first: such calls must be kept short by bounding their input. Never
    ``yield`` from a generator inside the block: the exception would land in
    whatever code the consumer runs meanwhile.
    """
    thread, lock, done = threading.get_ident(), threading.Lock(), threading.Event()
    state = {"inside": True, "fired": False}
    cpu = thread_cpu_clock(thread)
    started, used_before = time.monotonic(), cpu() if cpu is not None else 0.0
    hard = seconds * HARD_STOP if cpu is not None else seconds

    def watch() -> None:
        while True:
            waited = time.monotonic() - started
            used = cpu() - used_before if cpu is not None else waited
            if used >= seconds or waited >= hard:
                break
            # a thread cannot use CPU time faster than the wall clock runs: look again when it could be over
            if done.wait(min(seconds - used, hard - waited)):
                return
        with lock:
            if state["inside"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(_OverBudget))

    watcher = threading.Thread(target=watch, name="time-budget", daemon=True)
    try:
        try:
            watcher.start()
            yield
        finally:
            done.set()
            with lock:
                state["inside"] = False
                if state["fired"]:  # fired but not yet delivered: withdraw it
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), None)
    except _OverBudget:
        raise error from None
