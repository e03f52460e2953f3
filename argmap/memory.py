"""Memory habits of the runs that build much data at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a run builds its data.

    Loading a map allocates several objects per node, none of them in a
    reference cycle; the collector, triggered every 700 allocations, walks
    the whole growing heap again and again: half the time of checking a
    100,000-node map went to it (bench/RESULTS.md), and half of formatting
    a 10,000-node one. Reference counting still frees everything as usual;
    only cycles wait until the collector resumes.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
