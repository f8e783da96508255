"""Run a function over chunks of a stream in worker processes, results in input order.

Chunks are read in the calling thread, so errors of the input stream (a malformed line of a
source file, an undecodable query) surface in the caller with their file and line.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

__all__ = ["chunks", "in_parallel", "default_workers"]

T = TypeVar("T")
R = TypeVar("R")


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to ``size`` consecutive items; if ``items`` fails, the items before it still come."""
    chunk: list[T] = []
    try:
        for item in items:
            chunk.append(item)
            if len(chunk) >= size:
                yield chunk
                chunk = []
    except Exception:
        if chunk:
            yield chunk
        raise
    if chunk:
        yield chunk


def default_workers() -> int:
    """Worker processes for batch work: ``$GEO_WORKERS`` or the number of CPUs (at most 4)."""
    env = os.environ.get("GEO_WORKERS", "")
    if env.isdigit():
        return max(1, int(env))
    return max(1, min(4, os.cpu_count() or 1))


def in_parallel(fn: Callable[[list[T]], R], parts: Iterator[list[T]], workers: int) -> Iterator[R]:
    """``fn`` over ``parts`` in ``workers`` processes (in this process when ``workers`` is 1).

    If reading ``parts`` fails, the results of the parts read before are yielded, then the error
    is raised.
    """
    if workers <= 1:
        for part in parts:
            yield fn(part)
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        pending: deque = deque()
        try:
            for part in parts:
                pending.append(pool.submit(fn, part))
                if len(pending) > 2 * workers:
                    yield pending.popleft().result()
        except Exception:
            while pending:
                yield pending.popleft().result()
            raise
        while pending:
            yield pending.popleft().result()
