"""A batch killed with SIGKILL halfway, then rerun, writes the same rows as an uninterrupted run."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import geopandas

from geo.batch import run_batch

from .corpus import corpus


def _rows(path):
    frame = geopandas.read_parquet(path)
    cols = ["claim_id", "role", "article", "place_name", "mention_start", "side", "date"]
    return sorted(tuple(str(v) for v in row) for row in frame[cols].itertuples(index=False))


def test_sigkill_halfway_then_rerun_gives_the_same_rows(tmp_path, default_gazetteer):
    folder = corpus(tmp_path / "in", 120, per_file=10)
    reference = tmp_path / "reference.parquet"
    run_batch([str(folder)], reference, workers=1, dedup=False, show_progress=False)

    out = tmp_path / "killed.parquet"
    cmd = [sys.executable, "-m", "geo", "batch", str(folder), "-o", str(out), "--workers", "2", "--chunk-size", "2"]
    cmd += ["--no-dedup", "-q"]
    proc = subprocess.Popen(cmd, start_new_session=True, stderr=subprocess.PIPE, text=True)
    parts = out.with_name(out.name + ".parts")
    deadline = time.monotonic() + 120
    while len(list(parts.glob("part-*.jsonl"))) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # the command and its workers, mid-run
    proc.wait()
    committed = len(list(parts.glob("part-*.jsonl")))
    assert not out.exists(), "the run ended before it could be killed; the test needs a larger corpus"
    assert 3 <= committed < 60

    rerun = subprocess.run(cmd, capture_output=True, text=True, check=True)
    assert "already done" in rerun.stderr
    done_before = int(re.search(r"(\d+) already done", rerun.stderr).group(1))
    assert 6 <= done_before < 120
    assert _rows(out) == _rows(reference)
