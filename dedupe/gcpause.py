"""The cyclic garbage collector paused while a collation is built.

A book's collation is millions of small objects (words, cells, columns)
that hold no reference cycles, so reference counting frees them; the
collector's passes over a heap that only grows cost a tenth of the run and
more (unpickling a worker's results: four fifths). Paused where the pipeline
runs, it is back on as it was when the call returns.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def paused() -> Iterator[None]:
    """Collector off inside the block (nested blocks leave it to the outer one).

    >>> with paused():
    ...     gc.isenabled()
    False
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def gc_paused(fn: Callable[..., T]) -> Callable[..., T]:
    """``fn`` run with the collector paused."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        with paused():
            return fn(*args, **kwargs)

    return run
