"""``geo extract`` with poisoned input: every failure is its record's, listed with its reason; exit statuses."""

from __future__ import annotations

import csv
import errno
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from geo.cli import main

from ...texts import SEED_DIR

pytestmark = pytest.mark.usefixtures("default_gazetteer")

GOOD_1 = {
    "id": "g1",
    "title": "Shelling in Tartar",
    "text": "Azerbaijan's defence ministry said Armenian forces shelled Tartar.",
}
GOOD_2 = {
    "id": "g2",
    "title": "Drones near Ganja",
    "text": "Azerbaijan's defence ministry said it downed two drones near Ganja.",
}
DEEP = '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}"
SURROGATE = '{"id": "sur", "title": "cut \\ud800", "text": "Armenia said Azerbaijani forces shelled Martuni \\ud800 on Tuesday."}'


def geo(*args, stdin: bytes | None = None, **kw):
    return subprocess.run(
        [sys.executable, "-m", "geo", *map(str, args)], input=stdin, capture_output=True, timeout=600, **kw
    )


@pytest.fixture
def feed(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps(GOOD_1), DEEP, SURROGATE, '{"id": "broken", "text": oops', json.dumps(GOOD_2)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_a_poisoned_feed_writes_every_good_record_and_lists_each_failure(feed, tmp_path):
    out = tmp_path / "out.csv"
    proc = geo("extract", feed, "-o", out, "--format", "csv")
    assert proc.returncode == 3, proc.stderr.decode()  # done, with failures
    assert b"Traceback" not in proc.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    by_article = {r["article"] for r in rows if r["role"] == "event"}
    assert {"g1", "g2", "sur"} <= by_article  # the surrogate record is read, its surrogate replaced
    assert any(r["place_name"] == "Tartar" and r["side"] == "AZ" for r in rows)
    failures = [json.loads(line) for line in (tmp_path / "out.csv.errors.jsonl").read_text("utf-8").splitlines()]
    assert [(f["position"], f["stage"], f["kind"]) for f in failures] == [
        ("line 2", "decode", "content"),
        ("line 4", "decode", "content"),
    ]
    assert failures[0]["error"] == "JSON nested deeper than 64 levels" and failures[0]["input"] == str(feed)
    stderr = proc.stderr.decode()
    assert f"geo: failed: {feed}, line 2: JSON nested deeper than 64 levels" in stderr
    assert f"{feed}, line 3: 2 lone surrogate(s) replaced by U+FFFD" in stderr
    assert "3 article(s) extracted, 2 failed" in stderr


def test_the_same_through_stdin_with_no_traceback(feed):
    proc = geo("extract", "-", stdin=feed.read_bytes())
    assert proc.returncode == 3 and b"Traceback" not in proc.stderr
    doc = json.loads(proc.stdout)
    assert {f["properties"]["article"] for f in doc["features"]} >= {"g1", "g2", "sur"}
    assert b"geo: failed: <stdin>, line 2: JSON nested deeper" in proc.stderr


def test_a_clean_run_exits_0_and_clears_an_old_failure_list(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(GOOD_1) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.errors.jsonl").write_text("{}\n")
    proc = geo("extract", good, "--format", "jsonl", "-o", out)
    assert proc.returncode == 0, proc.stderr.decode()
    assert not (tmp_path / "out.jsonl.errors.jsonl").exists()
    assert b"1 article(s) extracted, 0 failed" in proc.stderr


def test_nothing_readable_stops_and_keeps_the_old_output(tmp_path):
    out = tmp_path / "out.geojson"
    out.write_text("precious")
    bad = tmp_path / "only.jsonl"
    bad.write_text(DEEP + "\n", "utf-8")
    proc = geo("extract", bad, "-o", out)
    assert proc.returncode == 1 and out.read_text() == "precious"
    assert b"no article could be read" in proc.stderr and b"line 1: JSON nested deeper" in proc.stderr


def test_strict_stops_at_the_first_failure(feed, tmp_path):
    proc = geo("extract", feed, "--strict", "-o", tmp_path / "x.geojson")
    assert proc.returncode == 1 and b"line 2: JSON nested deeper" in proc.stderr and b"--strict" in proc.stderr
    assert not (tmp_path / "x.geojson").exists()


def test_a_slow_article_fails_alone_at_its_time_budget(tmp_path, monkeypatch):

    from geo.pipeline import Extractor

    original = Extractor.iter_features

    def slow(self, article):
        if article.id == "g2":
            while True:  # computes for ever
                pass
        yield from original(self, article)

    monkeypatch.setattr(Extractor, "iter_features", slow)
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(GOOD_1) + "\n" + json.dumps(GOOD_2) + "\n", "utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--article-timeout", "5", "--format", "jsonl"])
    assert result.exit_code == 3, result.output
    assert "line 2: took longer than --article-timeout 5 s" in result.output
    assert '"article": "g1"' in result.output and '"article": "g2"' not in result.output


def test_a_full_disk_is_one_line_and_removes_the_partial_output(tmp_path, monkeypatch):
    import os

    out = tmp_path / "out.geojson"
    out.write_text("old")
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(GOOD_1) + "\n", "utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = CliRunner().invoke(main, ["extract", str(good), "-o", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "the disk is full (No space left on device); the partial output was removed" in result.output
    assert out.read_text() == "old" and not list(tmp_path.glob(".out.geojson.*"))


def test_a_full_disk_behind_stdout_and_a_closed_pipe(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(GOOD_1) + "\n", "utf-8")
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "geo", "extract", str(good)], stdout=full, stderr=subprocess.PIPE, timeout=600
        )
    assert (
        proc.returncode == 1 and b"cannot write to standard output" in proc.stderr and b"Traceback" not in proc.stderr
    )
    seed = SEED_DIR / "karabakh-2020-10-20.ar.txt"  # three times: more than a pipe holds
    head = subprocess.run(
        f"{sys.executable} -m geo extract {seed} {seed} {seed} --format jsonl | head -c 10",
        shell=True,
        capture_output=True,
        timeout=600,
    )
    assert b"Traceback" not in head.stderr and b"Error" not in head.stderr


def test_help_documents_the_exit_statuses():
    for command in ("extract", "batch"):
        text = " ".join(CliRunner().invoke(main, [command, "--help"]).output.split())
        assert "0 all done" in text and "3 done with failures" in text and "1 stopped" in text
        assert "--max-chars" in text and "--article-timeout" in text and "--raw-csv" in text


def test_a_terminated_run_leaves_no_temporary_file(tmp_path):
    import os
    import signal
    import time

    out = tmp_path / "claims.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "geo", "extract", "-", "--lang", "en", "--format", "jsonl", "-o", str(out)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdin.write(b'{"id": "a", "text": "Shelling hit the city of Kharkiv."}\n')
    proc.stdin.flush()  # the stream stays open: the run waits for more records, its output half written
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".claims.jsonl.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert list(tmp_path.glob(".claims.jsonl.*.tmp"))
    os.kill(proc.pid, signal.SIGTERM)
    assert proc.wait(timeout=60) != 0
    proc.stdin.close()
    proc.stderr.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == []
