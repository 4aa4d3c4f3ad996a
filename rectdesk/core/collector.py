"""Pausing Python's cyclic garbage collector around a bulk build of acyclic objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection while hundreds of thousands of tuples, strings and small objects
    that hold no cycles are built (a ledger read, the dashboard's rows): each would count
    towards the next collection, and the full ones walk the whole growing result again (a
    tenth of a ledger read, a sixth of the dashboard). Reference counting frees as before.

    The collector is switched back on only if it was on, so a pause in a worker thread at
    worst ends another thread's pause early, never leaves the collector off."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
