"""The unit of batch work: extract a chunk of articles in a worker, whatever runs the worker.

The same function serves the local process pool and Dask workers. Each worker process opens the
on-disk gazetteer index once (read-only) and keeps its extractor for every chunk it is given.
An article that fails (its extraction raises, runs past ``--article-timeout``, or gives rows that
cannot be written) gives a failure record with the reason instead of features; the chunk goes on.
"""

from __future__ import annotations

import gc
import resource
from dataclasses import dataclass, field
from pathlib import Path

from ..article import Article
from ..errors import ArticleTimeout
from ..readers.failure import Failure
from .budget import time_budget

__all__ = ["Chunk", "ChunkResult", "extract_chunk", "died", "failure_line", "failure_of"]

#: Per worker process: (index directory, extractor) of the last chunk, reused by the next ones.
_WORKER: dict[str, object] = {}


@dataclass(frozen=True, slots=True)
class Chunk:
    """Articles to extract, with their content keys, and the index to search."""

    articles: tuple[Article, ...]
    keys: tuple[str, ...]
    index_dir: str | None = None
    #: Opt-in online fallback: (service, url, user agent, username, seconds between requests).
    online: tuple | None = None
    #: Seconds an article may take (0: no bound).
    article_timeout: float = 0.0


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """One record per article, as the JSON line a partition stores (see :mod:`.store`: made by the
    worker, so the process that commits only writes text), with a summary of each: (key, article,
    source, claims, error or None); and the worker's peak resident memory so far (after each chunk)."""

    lines: list[str]
    summary: list[tuple[str, str | None, str, int, str | None]]
    peak_rss_mb: float
    worker: int
    #: Names the online fallback could not ask about (network trouble): (name, reason).
    unresolved: list[tuple[str, str]] = field(default_factory=list)


def _extractor(index_dir: str | None, online: tuple | None):
    from gazetteer import Gazetteer

    from ..pipeline import Extractor

    if _WORKER.get("config") != (index_dir or "", online) or "extractor" not in _WORKER:
        fallback = None
        if online is not None:
            from ..online import make_online

            service, url, user_agent, username, delay = online
            fallback = make_online(service, url=url, user_agent=user_agent, username=username, min_delay=delay)
        gazetteer = Gazetteer.open(Path(index_dir) if index_dir else None, show_progress=False)
        _WORKER["extractor"] = Extractor(gazetteer, online=fallback)
        _WORKER["config"] = (index_dir or "", online)
        _WORKER["reported"] = 0  # online failures already passed on
        _WORKER["frozen"] = False
    return _WORKER["extractor"]


def extract_chunk(chunk: Chunk) -> ChunkResult:
    """Extract every article of ``chunk``; an article that raises becomes an error record."""
    import os

    import orjson

    extractor = _extractor(chunk.index_dir, chunk.online)
    lines, summary = [], []
    for article, key in zip(chunk.articles, chunk.keys, strict=True):
        record: dict = {"key": key, "article": article.id, "source": article.source}
        claims, failure = 0, None
        asked = len(extractor.online.failures) if extractor.online is not None else 0
        try:
            with time_budget(chunk.article_timeout, hard=bool(_WORKER.get("pool"))):
                features = extractor.features(article)
            claims = len({f["properties"]["claim_id"] for f in features if f["properties"]["role"] == "event"})
        except ArticleTimeout:
            reason = f"took longer than --article-timeout {chunk.article_timeout:g} s"
            failure = failure_of(article, reason, "timeout", "limit", {"article_timeout": chunk.article_timeout})
        except Exception as err:  # noqa: BLE001 (any failure of one article is recorded, not fatal)
            failure = failure_of(article, _one_line(err), "extract")
        if extractor.online is not None and len(extractor.online.failures) > asked:
            record["unresolved"] = [list(f) for f in extractor.online.failures[asked:]]
        line = None
        if failure is None:
            try:
                line = orjson.dumps({**record, "features": features}).decode("utf-8")
            except (TypeError, ValueError) as err:  # a value JSON cannot hold (an integer past 64 bits)
                failure = failure_of(article, f"its rows cannot be written: {_one_line(err)}", "write")
            del features
        if failure is not None:
            claims, line = 0, failure_line(failure, key, article.source)
        lines.append(line)
        summary.append((key, article.id, article.source, claims, failure and failure.reason))
    if not _WORKER.get("frozen"):
        # The tables loaded by the first chunk (lexicons, memos) live as long as the worker: out of
        # the collector's sight, they no longer slow every later collection (~15% faster extraction).
        gc.freeze()
        _WORKER["frozen"] = True
    _WORKER["peak_mb"] = peak = max(_WORKER.get("peak_mb", 0.0), _rss_mb())
    unresolved = []
    if extractor.online is not None:
        unresolved = extractor.online.failures[_WORKER["reported"] :]
        _WORKER["reported"] = len(extractor.online.failures)
    return ChunkResult(lines, summary, round(peak, 1), os.getpid(), list(unresolved))


def _rss_mb() -> float:
    """This process's resident memory now (its peak across chunks is what a worker reports: the
    kernel's own peak counter is inherited from the parent by a forked worker, so it would report
    the batch process's size, not its own)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:  # not Linux: the peak, which is the worker's own where workers are spawned
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def died(chunk: Chunk, how: str = "its worker process died") -> ChunkResult:
    """The result of a one-article chunk whose worker died (or whose task failed outside the
    extractor, on Dask): the article, recorded as failed."""
    (article,), (key,) = chunk.articles, chunk.keys
    reason = f"{how} while extracting this article (a crash, memory exhausted, or stuck past --article-timeout)"
    failure = failure_of(article, reason, "extract")
    return ChunkResult(
        [failure_line(failure, key, article.source)], [(key, article.id, article.source, 0, reason)], 0.0, 0
    )


def failure_line(failure: Failure, key: str, source: str | None) -> str:
    """A failure as the JSON line a partition stores (see :func:`.plan.failure_record`)."""
    return failure.json_line(key=key, source=source or failure.where)


def failure_of(article: Article, reason: str, stage: str, kind: str = "content", limit: dict | None = None) -> Failure:
    """The failure of an article: its input and position come from where it was read (``path:line``)."""
    source = article.source or article.id
    name, _, number = source.rpartition(":")
    if name and number.isdigit():
        lines = name.endswith((".jsonl", ".ndjson", ".jsonlines", "<stdin>"))
        where, position = name, f"line {number}" if lines else f"record {number}"
    else:
        where, position = source, None
    return Failure(where, position, reason[:500], article.id, stage, kind, limit or {})


def _one_line(err: BaseException) -> str:
    text = " ".join(str(err).split())
    return f"{type(err).__name__}: {text}" if text else type(err).__name__
