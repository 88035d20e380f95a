"""A wall-clock budget for one block of work, shared by the stages that spend time on untrusted input
(HTML article extraction, per-report extraction)."""
from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _OverBudget(BaseException):
    """Raised into the working thread when its budget runs out (a BaseException, so no
    ``except Exception`` inside a library swallows it)."""


@contextmanager
def time_budget(seconds: float, error: Exception) -> Iterator[None]:
    """Raise ``error`` if the block runs longer than ``seconds``, in any thread.

    A timer raises an exception into the thread running the block
    (``PyThreadState_SetAsyncExc``): unlike ``SIGALRM`` this works in the web
    UI's worker threads too. It lands between Python bytecodes, so a single
    long C call (one lxml XPath, spaCy's tokenizer on one text) finishes
    first: such calls must be kept short by bounding their input. Never
    ``yield`` from a generator inside the block: the exception would land in
    whatever code the consumer runs meanwhile.
    """
    thread, lock = threading.get_ident(), threading.Lock()
    state = {"inside": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["inside"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(_OverBudget))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    try:
        try:
            timer.start()
            yield
        finally:
            with lock:
                state["inside"] = False
                timer.cancel()
                if state["fired"]:  # fired but not yet delivered: withdraw it
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), None)
    except _OverBudget:
        raise error from None
