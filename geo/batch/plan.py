"""Which articles a run extracts: every article of the inputs, minus those already settled.

The plan walks the inputs once, in order (:func:`geo.readers.iter_inputs`). Each article gets a
content key (:func:`.inputs.article_hash`) and an id unique in the run (a second article named like
an earlier one becomes ``id~KEY``, so claim ids never collide). Articles committed earlier are
skipped, the same article given twice is read once, empty articles are skipped and counted, and
records that cannot be read become failure records. An article that failed before is tried again
only when the failure may not recur: a transient one (a worker lost), a limit since raised
(``--max-chars``, ``--article-timeout``), or any failure with ``retry_failed``. :attr:`Plan.current`
ends up holding the key of everything the inputs hold now: the merge writes only those, so rows of
files edited or removed since do not linger.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date as Date

from ..article import Article
from ..readers.failure import Failure
from ..readers.hygiene import Limits
from .inputs import Source, article_hash, iter_inputs
from .work import Chunk

__all__ = ["Plan", "failure_record", "tried_again"]


def failure_record(failure: Failure, key: str, source: str | None = None) -> dict:
    """A failure as a partition stores it: its key, where it was read from, and :meth:`Failure.as_dict`."""
    row = failure.as_dict()
    row["key"] = key
    row["source"] = source or failure.where
    return row


def tried_again(record: dict, *, retry_failed: bool, limits: dict[str, float]) -> bool:
    """Whether an article that failed as ``record`` says is extracted again: always with
    ``retry_failed``, and for a transient failure; for a limit, when the limit is higher now (or off)."""
    kind = record.get("kind", "transient")  # records from before failures had kinds: as ever, again
    if retry_failed or kind == "transient":
        return True
    if kind == "limit":
        for name, then in (record.get("limit") or {}).items():
            now = limits.get(name)
            if now is not None and (not now or (then and now > then)):
                return True
    return False


class Plan:
    """The chunks to extract, made lazily while the engine consumes them."""

    def __init__(
        self,
        sources: list[Source],
        done: set[str],
        *,
        chunk_size: int,
        failed: dict[str, dict] | None = None,
        retry_failed: bool = False,
        article_timeout: float = 0.0,
        limits: Limits | None = None,
        encoding: str | None = None,
        date: Date | None = None,
        language: str | None = None,
    ):
        self.sources, self.done, self.chunk_size = sources, done, chunk_size
        self.failed = failed or {}
        self.retry_failed = retry_failed
        self.limits = limits or Limits()
        self.bounds = {"max_chars": self.limits.max_chars, "article_timeout": article_timeout}
        self.read_options = {"encoding": encoding, "date": date, "language": language, "limits": self.limits}
        self.current: set[str] = set()  # keys of every article and failure the inputs hold now
        self.failures: list[dict] = []  # failed records not committed yet
        self.warnings: list[str] = []  # what the readers said (metadata dropped, characters replaced)
        self.already_done = self.repeated = self.empty = self.failed_before = 0
        self._ids: dict[str, str] = {}  # article id -> the key of the article that has it

    def chunks(
        self, make: Callable[[tuple[Article, ...], tuple[str, ...]], Chunk], on_skip: Callable[[int], None]
    ) -> Iterator[Chunk]:
        """Chunks of ``chunk_size`` articles still to extract; ``on_skip(n)`` hears of skipped ones."""
        batch: list[tuple[Article, str]] = []
        for item in iter_inputs(self.sources, warnings=self.warnings, **self.read_options):
            if isinstance(item, Failure):
                key = item.key or f"failure:{item.where}"
                if key not in self.current:
                    self.current.add(key)
                    if key not in self.failed:  # the same failure committed before is not written again
                        self.failures.append(failure_record(item, key))
                continue
            if not item.title and not item.body:
                self.empty += 1
                continue
            key = article_hash(item)
            if key in self.current:
                self.repeated += 1
                continue
            self.current.add(key)
            item = self._unique(item, key)
            if key in self.done:
                self.already_done += 1
                on_skip(1)
                continue
            before = self.failed.get(key)
            if before is not None and not tried_again(before, retry_failed=self.retry_failed, limits=self.bounds):
                self.failed_before += 1
                on_skip(1)
                continue
            batch.append((item, key))
            if len(batch) >= self.chunk_size:
                yield make(tuple(a for a, _ in batch), tuple(k for _, k in batch))
                batch = []
        if batch:
            yield make(tuple(a for a, _ in batch), tuple(k for _, k in batch))

    def take_failures(self) -> list[dict]:
        out, self.failures = self.failures, []
        return out

    def _unique(self, article: Article, key: str) -> Article:
        owner = self._ids.setdefault(article.id, key)
        if owner == key:
            return article
        return dataclasses.replace(article, id=f"{article.id}~{key[:8]}")
