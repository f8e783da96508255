"""``geo batch`` with poisoned input: failures committed like results, not retried for their content,
retried when a limit is raised or when asked; a slow article fails at its budget; a full disk stops cleanly."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
import time

import pytest

from geo.batch import run_batch
from geo.errors import DiskFull

from .corpus import seed_record, write_jsonl

DEEP = '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}"
SURROGATE = '{"id": "sur", "title": "cut \\ud800", "language": "ar", "text": "%s"}'


def _errors(out):
    path = out.with_name(out.name + ".errors.jsonl")
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()] if path.exists() else []


def test_a_poisoned_feed_commits_every_good_record_in_worker_processes(tmp_path, default_gazetteer):
    good = [json.dumps(seed_record(i), ensure_ascii=False) for i in (1, 2)]
    body = seed_record(3)["text"].replace("\n", " ").replace('"', "'")
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([good[0], DEEP, SURROGATE % (body + " \\ud800"), good[1]]) + "\n", "utf-8")
    out = tmp_path / "claims.csv"
    cmd = [sys.executable, "-m", "geo", "batch", str(feed), "-o", str(out), "--workers", "2", "-q", "--no-dedup"]
    proc = subprocess.run(cmd, capture_output=True, timeout=600)
    assert proc.returncode == 3, proc.stderr.decode()  # done, with failures
    assert b"Traceback" not in proc.stderr and b"1 record(s) failed" in proc.stderr
    assert b"line 3: 2 lone surrogate(s) replaced by U+FFFD" in proc.stderr
    text = out.read_text("utf-8")
    for article in ("seed-001", "seed-002", "sur"):
        assert f",{article}," in text
    (failure,) = _errors(out)
    assert (failure["position"], failure["stage"], failure["kind"]) == ("line 2", "decode", "content")
    assert failure["error"] == "JSON nested deeper than 64 levels" and failure["input"] == str(feed)
    again = subprocess.run(cmd, capture_output=True, timeout=600)  # resumes: nothing to do, same failure
    assert again.returncode == 3 and b"extracted 0 article(s) (3 already done, 1 failed)" in again.stderr


class _Picky:
    """An extractor that fails on articles titled "poison" and counts what it is asked."""

    def __init__(self, real):
        self.real, self.asked = real, []
        self.online = None

    def features(self, article):
        self.asked.append(article.id)
        if "poison" in article.title:
            raise ValueError("this article poisons the extractor")
        if "slow" in article.title:
            end = time.monotonic() + 30  # 30 s of work (a budget stops Python code between bytecodes)
            while time.monotonic() < end:
                pass
        return self.real.features(article)


@pytest.fixture
def picky(monkeypatch, default_gazetteer):
    import geo.batch.work as work

    real = work._extractor
    holder: dict = {}

    def extractor(index_dir, online):
        holder.setdefault("picky", _Picky(real(index_dir, online)))
        return holder["picky"]

    monkeypatch.setattr(work, "_extractor", extractor)
    return holder


def test_content_failures_are_not_retried_unless_asked(tmp_path, picky):
    records = [seed_record(1), seed_record(2)]
    records[1]["title"] = "poison " + records[1]["title"]
    write_jsonl(tmp_path / "feed.jsonl", records)
    out = tmp_path / "c.jsonl"
    first = run_batch([str(tmp_path / "feed.jsonl")], out, workers=1, show_progress=False)
    assert (first.extracted, first.failed, first.failed_now) == (1, 1, 1)
    (failure,) = _errors(out)
    assert failure["article"] == "seed-002" and failure["stage"] == "extract" and failure["position"] == "line 2"
    assert "ValueError: this article poisons the extractor" in failure["error"]
    picky["picky"].asked.clear()
    second = run_batch([str(tmp_path / "feed.jsonl")], out, workers=1, show_progress=False)
    assert picky["picky"].asked == [] and (second.failed, second.failed_before, second.failed_now) == (1, 1, 0)
    retried = run_batch([str(tmp_path / "feed.jsonl")], out, workers=1, show_progress=False, retry_failed=True)
    assert picky["picky"].asked == ["seed-002"] and retried.failed == 1


def test_a_slow_article_fails_at_its_budget_and_is_retried_when_the_budget_grows(tmp_path, picky):
    records = [seed_record(1), seed_record(2)]
    records[0]["title"] = "slow " + records[0]["title"]
    write_jsonl(tmp_path / "feed.jsonl", records)
    out = tmp_path / "c.jsonl"
    started = time.perf_counter()
    report = run_batch([str(tmp_path / "feed.jsonl")], out, workers=1, show_progress=False, article_timeout=2)
    assert time.perf_counter() - started < 25 and (report.extracted, report.failed) == (1, 1)
    (failure,) = _errors(out)
    assert (failure["stage"], failure["kind"], failure["limit"]) == ("timeout", "limit", {"article_timeout": 2.0})
    assert failure["error"] == "took longer than --article-timeout 2 s"
    picky["picky"].asked.clear()
    run_batch([str(tmp_path / "feed.jsonl")], out, workers=1, show_progress=False, article_timeout=2)
    assert picky["picky"].asked == []  # the same budget: not tried again
    run_batch([str(tmp_path / "feed.jsonl")], out, workers=1, show_progress=False, article_timeout=3)
    assert picky["picky"].asked == ["seed-001"]  # a larger budget: tried again (and still too slow)


def test_an_article_over_max_chars_fails_alone_and_is_read_when_the_bound_is_raised(tmp_path, default_gazetteer):
    records = [seed_record(1), {"id": "short", "text": "Baku said Tartar was shelled.", "language": "en"}]
    write_jsonl(tmp_path / "feed.jsonl", records)
    out = tmp_path / "c.jsonl"
    report = run_batch([str(tmp_path / "feed.jsonl")], out, workers=1, show_progress=False, max_chars=1000)
    assert (report.extracted, report.failed) == (1, 1)
    (failure,) = _errors(out)
    assert failure["stage"] == "size" and failure["article"] == "seed-001" and "--max-chars 1,000" in failure["error"]
    report = run_batch([str(tmp_path / "feed.jsonl")], out, workers=1, show_progress=False)
    assert (report.extracted, report.already_done, report.failed) == (1, 1, 0) and not _errors(out)


def test_a_full_disk_while_committing_stops_with_one_line(tmp_path, default_gazetteer, monkeypatch):
    import geo.batch.store as store

    write_jsonl(tmp_path / "feed.jsonl", [seed_record(1)])

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store.os, "fsync", full)
    with pytest.raises(DiskFull, match=r"c\.jsonl\.parts: the disk is full .*rerun to go on") as err:
        run_batch([str(tmp_path / "feed.jsonl")], tmp_path / "c.jsonl", workers=1, show_progress=False)
    assert "\n" not in str(err.value)
    assert not list((tmp_path / "c.jsonl.parts").glob("*.tmp")) and not list(
        (tmp_path / "c.jsonl.parts").glob("part-*")
    )


def test_a_dask_task_that_fails_as_a_whole_is_split_and_each_article_recorded(tmp_path):
    from geo.article import Article
    from geo.batch import DaskEngine
    from geo.batch.work import Chunk

    articles = (Article("a", "", "Baku said."), Article("b", "", "Yerevan said."))
    broken = Chunk(articles, ("ka", "kb"), str(tmp_path / "no-index-here"))  # every task fails in its worker
    with DaskEngine(1) as engine:
        results = list(engine.run([broken]))
    records = [json.loads(line) for r in results for line in r.lines]
    assert sorted(r["article"] for r in records) == ["a", "b"]
    assert all("its Dask task failed" in r["error"] and r["stage"] == "extract" for r in records)


def test_file_names_that_are_not_utf8_are_read_and_reported(tmp_path, default_gazetteer):
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "w", encoding="utf-8") as fh:
        fh.write("Shelling in Tartar\nAzerbaijan's defence ministry said Armenian forces shelled Tartar.\n")
    with open(os.fsencode(folder) + b"/bin\xff.txt", "wb") as fh:
        fh.write(b"\x89PNG\x00\x00" + bytes(range(256)) * 4)
    out = tmp_path / "c.csv"
    report = run_batch([str(folder)], out, workers=1, show_progress=False)
    assert (report.extracted, report.failed) == (1, 1)
    (failure,) = _errors(out)
    assert failure["input"].endswith("bin\\xff.txt") and "binary" in failure["error"]
    assert "caf\ufffd#" in out.read_text("utf-8")  # its id, the undecodable byte replaced
