"""What runs the chunks: in this process, a local process pool, or a Dask cluster.

One small interface: :meth:`Engine.run` takes an iterable of chunks and yields their results as
they finish, keeping only a few chunks in flight (so memory stays bounded and an interruption
loses little). Every engine runs :func:`.work.extract_chunk`.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from ..errors import GeoError
from . import work
from .work import Chunk, ChunkResult, died, extract_chunk

__all__ = ["Engine", "SerialEngine", "ProcessEngine", "DaskEngine", "make_engine", "ENGINES"]

ENGINES = ("processes", "dask")


class Engine:
    """Runs chunks of articles; yields each chunk's result when it is done (in any order)."""

    name = "engine"

    def __init__(self, workers: int):
        self.workers = max(1, workers)

    def run(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        raise NotImplementedError

    def close(self) -> None:
        """Stop the workers (also on interruption)."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class SerialEngine(Engine):
    """One worker: the chunks run in this process, with no copying between processes."""

    name = "serial"

    def run(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        for chunk in chunks:
            yield extract_chunk(chunk)


class ProcessEngine(Engine):
    """A pool of worker processes on this machine.

    A worker that dies (out of memory, a crash in a native library) breaks the pool: the pool is
    made anew and the chunks it held are run again one article at a time, one at a time, so the
    article that kills a worker is found, recorded as failed, and the batch goes on.
    """

    name = "processes"

    def __init__(self, workers: int):
        super().__init__(workers)
        self._method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context(self._method)
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=_die_with_parent)

    def run(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        pending: dict = {}  # future -> its chunk
        retry: list[Chunk] = []  # single articles to run alone, after a worker died
        it = iter(chunks)
        exhausted = False
        while True:
            limit = 1 if retry else 2 * self.workers
            while len(pending) < limit:
                if retry:
                    chunk = retry.pop(0)
                elif exhausted or (chunk := next(it, None)) is None:
                    exhausted = True
                    break
                pending[self._pool.submit(extract_chunk, chunk)] = chunk
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken: list[Chunk] = []
            for future in done:
                chunk = pending.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken.append(chunk)
                    continue
                yield result
            if broken:
                broken += pending.values()
                pending.clear()
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
                for chunk in broken:
                    if len(chunk.articles) == 1 and len(broken) == 1:
                        yield died(chunk)  # it ran alone: this article kills workers
                    else:
                        retry += [
                            replace(chunk, articles=(a,), keys=(k,))
                            for a, k in zip(chunk.articles, chunk.keys, strict=True)
                        ]

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _die_with_parent() -> None:
    """Worker start-up: on Linux, ask to be killed with the batch process, so a batch killed hard
    leaves no orphan workers behind; and mark the process as the pool's own, so an article stuck past
    its time budget may end it (see :func:`.budget.time_budget`)."""
    work._WORKER["pool"] = True
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class DaskEngine(Engine):
    """A Dask cluster: the one at ``scheduler`` (``tcp://host:8786``), or a local one of ``workers``
    processes. Each Dask worker opens the gazetteer index itself: on a cluster, build the index on
    every machine (or share its folder) and pass ``--gazetteer``.

    A chunk whose task fails as a whole (its worker died, Dask gave up on it) is run again one
    article at a time, so the article to blame is found and recorded as failed, and the batch goes on.
    """

    name = "dask"

    def __init__(self, workers: int, scheduler: str | None = None):
        super().__init__(workers)
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise GeoError("--engine dask needs Dask: pip install 'geo-claims[dask]'") from None
        self._cluster = None
        if scheduler:
            try:
                self._client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError, ValueError) as err:
                raise GeoError(
                    f"cannot reach the Dask scheduler at {scheduler}: {' '.join(str(err).split())}"
                ) from None
            self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))
        else:
            self._cluster = LocalCluster(
                n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self._client = Client(self._cluster)

    def run(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        from distributed import as_completed

        it = iter(chunks)
        first = [c for _, c in zip(range(2 * self.workers), it, strict=False)]
        if not first:
            return
        held = {}  # future -> its chunk
        for c in first:
            held[self._client.submit(extract_chunk, c, pure=False)] = c
        queue = as_completed(list(held))
        for future in queue:
            chunk = held.pop(future)
            try:
                result = future.result()
            except Exception as err:  # noqa: BLE001 (the task failed as a whole: find the article to blame)
                future.release()
                if len(chunk.articles) == 1:
                    yield died(
                        chunk, f"its Dask task failed ({type(err).__name__}: {' '.join(str(err).split())[:200]})"
                    )
                else:
                    for a, k in zip(chunk.articles, chunk.keys, strict=True):
                        single = replace(chunk, articles=(a,), keys=(k,))
                        held[f := self._client.submit(extract_chunk, single, pure=False)] = single
                        queue.add(f)
                continue
            future.release()
            following = next(it, None)
            if following is not None:
                held[f := self._client.submit(extract_chunk, following, pure=False)] = following
                queue.add(f)
            yield result

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(name: str, workers: int | None = None, scheduler: str | None = None) -> Engine:
    """The engine called ``name`` ("processes" or "dask") with ``workers`` (default: every core)."""
    n = workers or os.cpu_count() or 1
    if name == "dask":
        return DaskEngine(n, scheduler)
    if name != "processes":
        raise GeoError(f"unknown engine {name!r}; choose from {', '.join(ENGINES)}")
    return SerialEngine(1) if n == 1 else ProcessEngine(n)
