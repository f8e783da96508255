"""Index builds that clean up: a killed build's temporary file is removed by the next, two builds wait in turn."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time

from gazetteer import Gazetteer, build_index
from gazetteer.index import INDEX_FILE
from gazetteer.sources import GeoNamesDump

from ..texts import GEONAMES_SAMPLE

_BUILD = """
import sys
from gazetteer import build_index
from gazetteer.sources import GeoNamesDump
build_index([GeoNamesDump(sys.argv[1])], sys.argv[2], show_progress=False)
"""
_HOLD = "import fcntl, sys, time; f = open(sys.argv[1], 'a+'); fcntl.lockf(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)"


def _big_dump(path, copies: int):
    """The sample's rows again and again under new ids: a dump that takes a while to build."""
    rows = GEONAMES_SAMPLE.read_text("utf-8").splitlines()
    with open(path, "w", encoding="utf-8") as fh:
        for k in range(copies):
            for row in rows:
                cells = row.split("\t")
                cells[0] = str(10_000_000 + k * len(rows) + int(cells[0]) % 1000)
                fh.write("\t".join(cells) + "\n")
    return path


def test_a_build_killed_halfway_leaves_nothing_the_next_build_trips_over(tmp_path):
    dump = _big_dump(tmp_path / "big.txt", 6000)
    out = tmp_path / "index"
    out.mkdir()
    # its own process group, so that the worker processes it forks can be cleaned up after
    proc = subprocess.Popen([sys.executable, "-c", _BUILD, str(dump), str(out)], start_new_session=True)
    built = threading.Event()
    try:
        deadline = time.monotonic() + 120
        while not list(out.glob(".gazetteer-*.tmp")) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        time.sleep(0.3)  # well inside the build
        proc.send_signal(signal.SIGKILL)  # the build alone, as `kill -9 PID` does: its workers may linger
        proc.wait()
        left = list(out.glob(".gazetteer-*.tmp"))
        assert left and not (out / INDEX_FILE).exists(), "the build was not caught halfway"

        def build() -> None:
            build_index([GeoNamesDump(GEONAMES_SAMPLE)], out, show_progress=False)
            built.set()

        worker = threading.Thread(target=build, daemon=True)
        worker.start()
        worker.join(60)  # lingering workers of the dead build hold no lock
        assert built.is_set(), "the next build waited for the dead one"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert not list(out.glob(".gazetteer-*.tmp"))
    with Gazetteer.open(out) as gz:
        assert gz.search("Ganja")[0].place.name == "Ganja"


def test_two_builds_at_once_take_turns_and_the_second_says_it_waits(tmp_path, caplog):
    out = tmp_path / "index"
    out.mkdir()
    holder = subprocess.Popen(  # a build in progress elsewhere holds the build lock
        [sys.executable, "-c", _HOLD, str(out / ".build.lock")], stdout=subprocess.PIPE, text=True
    )
    done = threading.Event()

    def build() -> None:
        build_index([GeoNamesDump(GEONAMES_SAMPLE)], out, show_progress=False)
        done.set()

    try:
        assert holder.stdout.readline().strip() == "held"
        with caplog.at_level(logging.INFO, logger="gazetteer"):
            worker = threading.Thread(target=build)
            worker.start()
            time.sleep(1.0)
            assert not done.is_set() and not (out / INDEX_FILE).exists()  # it waits
            assert any("waiting" in r.getMessage() for r in caplog.records)
            os.kill(holder.pid, signal.SIGKILL)  # the other build dies: its lock goes with it
            holder.wait()
            worker.join(60)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    assert done.is_set()
    with Gazetteer.open(out) as gz:
        assert gz.search("Ganja")[0].place.name == "Ganja"
