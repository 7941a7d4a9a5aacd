"""Independent pieces of one stage, computed on every core.

After reading, the witnesses are in memory and the pieces of a stage (the
pairwise alignment of each witness with the pivot, the collation of each
unit) depend only on them. A worker forked at that moment shares that
memory without copying or pickling it; it computes its share of the pieces
and only its results come back. The calling process computes a share of
its own, so one core's worth of results is never pickled. Small inputs stay
serial: forking and pickling cost more than they save. ``DEDUPE_WORKERS``
sets the number of processes (1: always serial). Where processes cannot be
forked (not POSIX), every stage is serial.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from dedupe.model import DedupeError

T = TypeVar("T")
R = TypeVar("R")

#: A stage is split when its pieces hold at least this many words in all
#: witnesses together (a 100-page book read by four witnesses; the sample
#: pair has 9,000).
PARALLEL_WORDS = 150_000


def cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def env_workers() -> int | None:
    """``DEDUPE_WORKERS`` as a number, None where it is unset."""
    env = os.environ.get("DEDUPE_WORKERS", "").strip()
    if not env:
        return None
    if not env.isdigit():
        raise DedupeError(f"DEDUPE_WORKERS={env}: not a number of workers")
    return max(1, int(env))


def workers_for_words(words: int) -> int:
    """Processes for a stage over ``words`` words: one per core when large."""
    env = env_workers()
    if env is not None:
        return env
    return cores() if words >= PARALLEL_WORDS else 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def fresh_worker() -> None:
    """A worker leaves ^C to its parent, which stops it, and opens its own
    word-list database (a connection must not cross a fork)."""
    import signal

    from dedupe.frequencies import word_list

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    word_list.cache_clear()


#: What forked workers compute: (function, its shared argument, the items).
_JOB: tuple[Callable[[Any, Any], Any], Any, Sequence[Any]] | None = None


def _run_share(bounds: tuple[int, int]) -> list[Any]:
    assert _JOB is not None
    fn, shared, items = _JOB
    return [fn(shared, items[k]) for k in range(*bounds)]


def shares(weights: Sequence[int], parts: int) -> list[tuple[int, int]]:
    """Contiguous ranges of the items with about equal total weight each.

    >>> shares([1, 1, 1, 1, 4], 2)
    [(0, 4), (4, 5)]
    >>> shares([5], 3)
    [(0, 1)]
    """
    total = sum(weights) or 1
    out, start, acc = [], 0, 0
    for k, w in enumerate(weights):
        acc += w
        if len(out) < parts - 1 and acc * parts >= total * (len(out) + 1) and k + 1 < len(weights):
            out.append((start, k + 1))
            start = k + 1
    out.append((start, len(weights)))
    return [b for b in out if b[0] < b[1]]


def fork_map(
    fn: Callable[[Any, T], R],
    shared: Any,
    items: Sequence[T],
    weights: Sequence[int],
    workers: int,
) -> list[R]:
    """``[fn(shared, item) for item in items]``, in order, the items split by
    ``weights`` (a rough cost each) among ``workers`` processes: this one
    and ``workers - 1`` forked now, which inherit ``shared`` and ``items``.
    An error in a worker is raised here, as in the serial run."""
    parts = shares(weights, workers) if workers > 1 and can_fork() else []
    if len(parts) < 2:
        return [fn(shared, item) for item in items]
    global _JOB
    _JOB = (fn, shared, items)
    ctx = multiprocessing.get_context("fork")
    pool = ctx.Pool(len(parts) - 1, initializer=fresh_worker)
    try:
        jobs = [pool.apply_async(_run_share, (b,)) for b in parts[1:]]
        mine = _run_share(parts[0])
        results = mine + [r for job in jobs for r in job.get()]
    except BaseException:
        pool.terminate()
        raise
    finally:
        _JOB = None
        pool.close()
        pool.join()
    return results


class Background:
    """``fn(*args)`` computed in a process forked now, while the caller goes
    on with other work; ``result()`` waits for it. The child inherits the
    arguments (nothing is pickled but the result, through a pipe) and runs
    no thread, so nothing it inherits is held. With ``fork`` False, or where
    processes cannot be forked, ``result()`` computes it then, here."""

    def __init__(self, fn: Callable[..., R], args: tuple, fork: bool) -> None:
        self.fn, self.args = fn, args
        self.pid: int | None = None
        if not (fork and can_fork()):
            return
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, and leave without cleaning up the parent's state
            os.close(read_end)
            code = 0
            try:
                fresh_worker()
                try:
                    payload = pickle.dumps((True, fn(*args)), pickle.HIGHEST_PROTOCOL)
                except BaseException as err:  # noqa: BLE001 - sent to the parent, raised there
                    payload = _error_payload(err)
                with os.fdopen(write_end, "wb") as out:
                    out.write(payload)
            except BaseException:  # noqa: BLE001 - the parent sees a short read
                code = 1
            finally:
                os._exit(code)
        os.close(write_end)
        self.pid, self.pipe = pid, read_end

    def result(self) -> Any:
        if self.pid is None:
            return self.fn(*self.args)
        try:
            with os.fdopen(self.pipe, "rb") as pipe:
                data = pipe.read()
            os.waitpid(self.pid, 0)
        finally:
            self.pid = None
        if not data:
            raise DedupeError("a worker process ended without its result")
        ok, value = pickle.loads(data)
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """Stop the child if its result was not taken (an error elsewhere)."""
        if self.pid is not None:
            import signal

            os.kill(self.pid, signal.SIGKILL)
            os.close(self.pipe)
            os.waitpid(self.pid, 0)
            self.pid = None

    def __enter__(self) -> Background:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _error_payload(err: BaseException) -> bytes:
    try:
        return pickle.dumps((False, err), pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - an exception that does not pickle
        return pickle.dumps((False, RuntimeError(f"{type(err).__name__}: {err}")))
