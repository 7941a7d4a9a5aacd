"""The in-process engine: runs the scan's tasks here, one after another, or
on a pool of local processes when asked for more than one worker."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Progress = Callable[[int, int], None]


class LocalEngine:
    """Runs ``fn(item, *shared)`` for each item; results in item order."""

    name = "local"
    #: Its processes share this machine's disk (the scan's temporary files).
    local_disk = True

    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)
        self._pool = None

    def map(
        self,
        fn: Callable[..., Any],
        items: Sequence[Any],
        *shared: Any,
        progress: Progress | None = None,
    ) -> list[Any]:
        report = progress or (lambda done, total: None)
        total = len(items)
        results: list[Any] = []
        if self.workers == 1 or total < 2:
            for item in items:
                results.append(fn(item, *shared))
                report(len(results), total)
            return results
        pool = self._processes()
        futures = [pool.submit(fn, item, *shared) for item in items]
        for future in futures:
            results.append(future.result())
            report(len(results), total)
        return results

    def _processes(self):
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(self.workers)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            # after an interrupt, the queued files are dropped rather than read first
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
