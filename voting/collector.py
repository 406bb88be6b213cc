"""The garbage collector paused while a large round becomes objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """No garbage collection inside: for making or parsing a million acyclic objects.

    Ballots, ids and parsed JSON form no cycles, yet CPython's collector walks all of them again
    and again while a million are made: half the time of reading a large round.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
