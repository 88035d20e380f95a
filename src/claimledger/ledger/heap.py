"""Python's cycle collector paused while a large, long-lived heap is read or built.

Loading a thousand reports, building their ledger and rendering its briefing each make hundreds of
thousands of objects that all stay alive until the step ends, and nearly none of them in reference
cycles: the collector's full passes, triggered by the allocations alone, re-examine the whole heap
each time (about a second of a 1,000-report ledger build) and find almost nothing to free. Reference
counting still frees everything else as usual. What the steps return is unchanged.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off inside (also as a decorator), back on after if it was on before."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
