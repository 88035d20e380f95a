"""Python's cycle collector kept off a large, long-lived heap while it is read or built, and at exit.

Loading a thousand reports, building their ledger and rendering its briefing each make hundreds of
thousands of objects that all stay alive until the step ends, and nearly none of them in reference
cycles: the collector's full passes, triggered by the allocations alone, re-examine the whole heap
each time (about a second of a 1,000-report ledger build) and find almost nothing to free. Reference
counting still frees everything else as usual. What the steps return is unchanged.
"""
from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache


_ONE_COMMAND: list[bool] = [False]  # set by one_command(): this process exits when its command ends


def one_command() -> None:
    """Declare this process one that runs a single command and exits (the command line's ``report``,
    ``export``, ``changes``): from now on what a paused block leaves alive is frozen out of the
    collector's reach when the block ends (:func:`gc.freeze`).

    Objects made while the collector is paused are still tracked: the first collections after it
    resumes traverse all of them, and find nothing to free (about 0.6 s of a cold ``report`` on 1,000
    reports). Frozen, they are never traversed again; reference counting frees them as before. Only
    garbage cycles alive at a freeze stay until exit, which a server, rebuilding for hours, must not
    risk: it never calls this.
    """
    _ONE_COMMAND[0] = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off inside (also as a decorator), back on after if it was on before; in a
    process of one command (:func:`one_command`) what the block leaves alive is frozen first."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if _ONE_COMMAND[0]:
            gc.freeze()
        gc.enable()


@lru_cache(maxsize=1)
def no_collection_at_exit() -> None:
    """Leave the heap out of the interpreter's last collection, when the process ends.

    A ledger read or built, and the reports it was built from, are millions of objects that nearly
    all live until the process ends (a command prints its ledger and exits). Python runs one full
    cycle collection at exit whether or not the collector is enabled; it traverses all of them and
    finds almost nothing (0.5 CPU s at the end of a cold ``report`` on 1,000 reports, 0.3 warm).
    :func:`gc.freeze` at exit puts them out of its reach; reference counting and the interpreter's
    teardown still free what they free. Only the garbage cycles left at exit then go unfinalised,
    which Python does not promise to finalise anyway (the store's connections are closed by
    ``Store.close``, files by their ``with`` blocks). Registered once per process, on first use.
    """
    atexit.register(gc.freeze)
