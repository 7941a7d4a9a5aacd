"""The Dask engine: the scan's tasks (fingerprinting batches of files, parts
of the candidate search, batches of pair alignments) run on a Dask cluster,
so a collection too large for one machine is scanned by many.

Without a scheduler address a ``LocalCluster`` of worker processes is
started here. The files must be readable by the workers under the same
paths (a shared filesystem), as for any Dask job reading files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dedupe.model import DedupeError

Progress = Callable[[int, int], None]


class DaskEngine:
    """Runs ``fn(item, *shared)`` for each item as Dask tasks; results in item order."""

    name = "dask"

    def __init__(
        self, scheduler: str | None = None, workers: int | None = None, processes: bool = True
    ) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise DedupeError("--engine dask needs Dask: pip install 'dedupe[dask]'") from None
        self._cluster = None
        try:
            if scheduler:
                # Dask's own connect timeout (30 s unless configured, e.g.
                # DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s)
                self.client = Client(scheduler)
            else:
                self._cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=processes,
                    dashboard_address=":0",  # any free port: 8787 may be taken
                )
                self.client = Client(self._cluster)
        except OSError as err:
            self.close()
            raise DedupeError(f"--scheduler {scheduler}: cannot connect ({err})") from None

    @property
    def local_disk(self) -> bool:
        """Whether the workers share this machine's disk (the scan's temporary
        files): only those of a cluster started here are known to."""
        return self._cluster is not None

    def map(
        self,
        fn: Callable[..., Any],
        items: Sequence[Any],
        *shared: Any,
        progress: Progress | None = None,
    ) -> list[Any]:
        from distributed import as_completed

        report = progress or (lambda done, total: None)
        if not items:
            return []
        # data goes to the workers ahead of the tasks, not inside the task graph
        handles = [self.client.scatter([value], broadcast=True)[0] for value in shared]
        inputs = self.client.scatter(list(items), hash=False)
        futures = self.client.map(fn, inputs, *[[h] * len(items) for h in handles], pure=False)
        position = {f.key: i for i, f in enumerate(futures)}
        results: list[Any] = [None] * len(futures)
        for done, future in enumerate(as_completed(futures), start=1):
            results[position[future.key]] = future.result()
            report(done, len(futures))
        return results

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
