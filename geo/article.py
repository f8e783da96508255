"""The article value object every reader produces and the extractor consumes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["Article"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article.

    ``title`` and ``body`` are kept apart; :attr:`document` joins them, and every character
    offset the extractor reports refers to :attr:`document`.

    Attributes
    ----------
    id:
        The file stem, or the record's id (or ``stem:line`` for JSONL records without one).
    title, body:
        Plain text. Either may be empty.
    published:
        Publication date, when known (a sidecar, a record field, HTML metadata or ``--date``).
    language:
        ``"ar"``, ``"en"`` ... when known; ``None`` means detect it.
    outlet, url:
        Where it was published; ``url`` is only ever http(s) or ``None``.
    source:
        Where it was read from (a path, ``path:line`` for JSONL records, ``<text>`` for strings).
    """

    id: str
    title: str
    body: str
    published: date | None = None
    language: str | None = None
    outlet: str | None = None
    url: str | None = None
    source: str = ""

    @property
    def document(self) -> str:
        """Title and body as one text: the title, a newline, the body."""
        if not self.title:
            return self.body
        if not self.body:
            return self.title
        return self.title + "\n" + self.body

    @property
    def body_offset(self) -> int:
        """Where :attr:`body` starts in :attr:`document`."""
        return len(self.title) + 1 if self.title and self.body else 0
