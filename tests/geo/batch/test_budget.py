"""The per-article time budget: stops Python code in any thread, survives code that swallows
exceptions, leaves nothing pending after the block, and ends a pool worker stuck in C."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from geo.batch.budget import HARD_EXIT_STATUS, WAIT_FACTOR, time_budget
from geo.errors import ArticleTimeout


def _busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_block_past_its_budget_raises_in_the_main_thread():
    started = time.monotonic()
    with pytest.raises(ArticleTimeout), time_budget(0.3):
        _busy(20)
    assert time.monotonic() - started < 5


def test_it_works_in_another_thread_as_dask_runs_tasks():
    caught = []

    def task():
        try:
            with time_budget(0.3):
                _busy(20)
        except ArticleTimeout:
            caught.append(True)

    worker = threading.Thread(target=task)
    worker.start()
    worker.join(10)
    assert caught == [True]


def test_code_that_swallows_the_exception_is_stopped_again():
    swallowed = 0
    with pytest.raises(ArticleTimeout), time_budget(0.2):
        for _ in range(3):
            try:
                _busy(20)
            except Exception:  # noqa: BLE001 (what careless code in a pipeline might do)
                swallowed += 1
    assert swallowed >= 1


def test_nothing_is_left_pending_after_a_block_that_finished():
    with time_budget(0.2):
        _busy(0.05)
    _busy(0.5)  # no ArticleTimeout arrives later
    with time_budget(0):
        _busy(0.01)


def _waiting(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(0.01)


def test_the_budget_is_processor_time_so_a_block_that_waits_a_little_is_not_stopped():
    with time_budget(0.3):
        _waiting(0.7)  # more than the budget on the clock, far less of processor time


def test_a_block_that_only_waits_is_stopped_at_the_wait_factor():
    started = time.monotonic()
    with pytest.raises(ArticleTimeout), time_budget(0.3):
        _waiting(20)
    assert WAIT_FACTOR * 0.3 - 0.05 <= time.monotonic() - started < 10


def test_a_pool_worker_stuck_in_c_ends_itself():
    code = (
        "import time, geo.batch.budget as b; b.HARD_GRACE = 0.5\n"
        "with b.time_budget(0.3, hard=True):\n    time.sleep(60)\n"  # one C call: no exception gets in
    )
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", code], timeout=60)
    assert proc.returncode == HARD_EXIT_STATUS and time.monotonic() - started < 30
