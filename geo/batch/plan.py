"""Which articles a run extracts: every article of the inputs, minus those already committed.

The plan walks the inputs once, in order. Each article gets a content key
(:func:`.inputs.article_hash`) and an id unique in the run (a second article named like an earlier
one becomes ``id~KEY``, so claim ids never collide). Articles committed earlier are skipped, the
same article given twice is read once, empty articles are skipped, and inputs that cannot be read
become failure records. :attr:`Plan.current` ends up holding the key of everything the inputs hold
now: the merge writes only those, so rows of files edited or removed since do not linger.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date as Date

from ..article import Article
from .inputs import Failed, Source, article_hash, iter_articles
from .work import Chunk

__all__ = ["Plan"]


class Plan:
    """The chunks to extract, made lazily while the engine consumes them."""

    def __init__(
        self,
        sources: list[Source],
        done: set[str],
        *,
        chunk_size: int,
        encoding: str | None = None,
        date: Date | None = None,
        language: str | None = None,
    ):
        self.sources, self.done, self.chunk_size = sources, done, chunk_size
        self.read_options = {"encoding": encoding, "date": date, "language": language}
        self.current: set[str] = set()  # keys of every article and failure the inputs hold now
        self.failures: list[dict] = []  # failed inputs not committed yet
        self.already_done = self.repeated = self.empty = 0
        self._ids: dict[str, str] = {}  # article id -> the key of the article that has it

    def chunks(
        self, make: Callable[[tuple[Article, ...], tuple[str, ...]], Chunk], on_skip: Callable[[int], None]
    ) -> Iterator[Chunk]:
        """Chunks of ``chunk_size`` articles still to extract; ``on_skip(n)`` hears of skipped ones."""
        batch: list[tuple[Article, str]] = []
        for item in iter_articles(self.sources, **self.read_options):
            if isinstance(item, Failed):
                if item.key not in self.current:
                    self.current.add(item.key)
                    self.failures.append(
                        {"key": item.key, "article": None, "source": item.source, "error": item.reason}
                    )
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
