"""A time budget per article: a pathological article fails with a timeout instead of stalling its worker.

:func:`time_budget` runs a block with a budget of processor time: the time the thread running it
computes, not the time on the clock, so a long article on a machine shared with other work is not
cut short because it got half a core (a block that waits instead of computing is stopped when the
clock shows :data:`WAIT_FACTOR` times the budget). When the budget is spent, a watchdog thread raises
:class:`~geo.errors.ArticleTimeout` in the thread running the block (CPython's asynchronous
exception, so it works in a process-pool worker, in Dask's worker threads and in the main thread
alike), and again every second until the block gives up, so code that swallows exceptions cannot
keep it running. Python delivers such an exception between bytecodes: a single call into C that
never returns (a regular expression gone wild) cannot be interrupted that way. For that case a
worker of the batch's own process pool (``hard=True``) ends itself once the deadline is long past;
the pool then runs that article alone again and records it as failed when its worker dies again.

>>> with time_budget(0):  # no budget
...     pass
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import threading
import time
from collections.abc import Iterator

from ..errors import ArticleTimeout

__all__ = ["time_budget", "DEFAULT_ARTICLE_TIMEOUT", "HARD_GRACE", "HARD_EXIT_STATUS", "WAIT_FACTOR"]

#: Seconds of processor time one article may take by default: half an hour. Extraction is linear,
#: so only a pathological article (or one near ``--max-chars``) comes close.
DEFAULT_ARTICLE_TIMEOUT = 1800.0
#: A block is stopped anyway when the clock shows this many times its budget (it waits, not computes).
WAIT_FACTOR = 4.0
#: Seconds past the deadline after which a pool worker stuck in C ends itself (``hard=True``).
HARD_GRACE = 60.0
#: The status such a worker exits with.
HARD_EXIT_STATUS = 75


def _cpu_clock(thread: int):
    """A function giving the processor seconds ``thread`` has used since now, or ``None`` where
    threads have no clock of their own (then the budget is on the clock)."""
    try:
        clock = time.pthread_getcpuclockid(thread)
        start = time.clock_gettime(clock)
    except (AttributeError, OSError):
        return None
    return lambda: time.clock_gettime(clock) - start


def _raise_in(thread: int, exc: type[BaseException] | None) -> None:
    """Have ``thread`` raise ``exc`` at its next bytecode (``None``: forget one still pending)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(exc) if exc else None)


@contextlib.contextmanager
def time_budget(seconds: float, *, hard: bool = False) -> Iterator[None]:
    """Run the block within ``seconds`` of its thread's processor time (``0`` or less: no budget;
    :data:`WAIT_FACTOR` times as many on the clock), else raise :class:`ArticleTimeout`.

    ``hard``: the block runs in a process of the batch's own pool, which may end itself
    (``os._exit``) when the block has not stopped :data:`HARD_GRACE` seconds after the deadline.
    """
    if not seconds or seconds <= 0:
        yield
        return
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"running": True, "fired": False}
    done = threading.Event()
    spent = _cpu_clock(target)
    started, wall_limit = time.monotonic(), WAIT_FACTOR * seconds

    def watch() -> None:
        wait = seconds
        while not done.wait(wait):  # the thread's processor time grows no faster than the clock
            left = seconds - spent() if spent is not None else 0.0
            if left <= 0 or time.monotonic() - started >= wall_limit:
                break
            wait = min(left, wall_limit - (time.monotonic() - started)) + 0.01
        else:
            return
        deadline = time.monotonic() + HARD_GRACE
        while not done.is_set():
            with lock:
                if not state["running"]:
                    return
                state["fired"] = True
                _raise_in(target, ArticleTimeout)
            if hard and time.monotonic() > deadline:
                os._exit(HARD_EXIT_STATUS)  # stuck in C: the pool notices and records the article
            done.wait(1.0)

    watchdog = threading.Thread(target=watch, name="article-budget", daemon=True)
    watchdog.start()
    try:
        yield
    finally:
        with lock:
            state["running"] = False
            fired = state["fired"]
            if fired:
                _raise_in(target, None)  # one still pending must not escape the block
        done.set()
    if fired:  # the block ran past its budget and swallowed what was raised in it: still too slow
        raise ArticleTimeout()
