"""One record's failure: where it is, which article it was, what went wrong, and whether to try again.

Every stage that can fail for one record (reading its file, decoding its line, turning it into an
article, extracting it, writing its rows) describes the failure with a :class:`Failure`, so that
``geo extract`` and ``geo batch`` list failures the same way (on stderr and in ``OUT.errors.jsonl``)
and go on with the other records.

>>> f = Failure("feed.jsonl", "line 3", "JSON nested deeper than 64 levels", stage="decode")
>>> f.message
'feed.jsonl, line 3: JSON nested deeper than 64 levels'
>>> f.as_dict()["kind"]
'content'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Failure", "Stage", "Kind", "STAGES", "KINDS", "json_line"]

Stage = Literal["read", "decode", "record", "size", "extract", "timeout", "write"]
#: Why it failed, which decides whether a rerun tries it again:
#: ``content`` (the record itself: tried again only with ``--retry-failed``), ``limit`` (a bound such
#: as ``--max-chars`` or ``--article-timeout``: tried again when the bound is raised), ``transient``
#: (the machine: an unreadable file, a worker lost; always tried again).
Kind = Literal["content", "limit", "transient"]

STAGES: tuple[str, ...] = ("read", "decode", "record", "size", "extract", "timeout", "write")
KINDS: tuple[str, ...] = ("content", "limit", "transient")


@dataclass(frozen=True, slots=True)
class Failure:
    """A record that gave no output, and why.

    Attributes
    ----------
    input:
        The input as given (a path, ``<stdin>``).
    position:
        Where in it: ``"line 3"`` (JSON lines), ``"record 2"`` (a JSON array), ``None`` (the whole file).
    reason:
        One line, no location (see :attr:`message` for both).
    article:
        The article's id, when the record got as far as having one.
    stage:
        Where it failed: ``read`` (the file), ``decode`` (bytes or JSON), ``record`` (not an
        article: no text, not an object), ``size`` (``--max-chars``), ``extract``, ``timeout``
        (``--article-timeout``), ``write`` (its rows could not be written).
    kind:
        ``content``, ``limit`` or ``transient`` (see :data:`Kind`).
    limit:
        For ``kind="limit"``: the bound that refused it (``{"max_chars": 1000}``), so a rerun with a
        higher bound tries it again.
    key:
        A key of what failed (the batch's record key), when known.
    """

    input: str
    position: str | None
    reason: str
    article: str | None = None
    stage: str = "read"
    kind: str = "content"
    limit: dict = field(default_factory=dict)
    key: str | None = None

    @property
    def where(self) -> str:
        """``input, position`` (or the input alone)."""
        return f"{self.input}, {self.position}" if self.position else self.input

    @property
    def message(self) -> str:
        """``where: reason``, the line printed on stderr."""
        return f"{self.where}: {self.reason}"

    def json_line(self, **extra) -> str:
        """:meth:`as_dict` (with ``extra``) as one line of JSON, readable where it can be (non-ASCII
        as it is), escaped where it cannot (a file name that is not UTF-8)."""
        return json_line(self.as_dict() | extra)

    def as_dict(self) -> dict:
        """The failure as a row of ``OUT.errors.jsonl``."""
        row = {
            "input": self.input,
            "position": self.position,
            "article": self.article,
            "stage": self.stage,
            "kind": self.kind,
            "error": self.reason,
        }
        if self.limit:
            row["limit"] = dict(self.limit)
        if self.key is not None:
            row["key"] = self.key
        return row

    @classmethod
    def from_dict(cls, row: dict) -> Failure:
        """The failure of a row :meth:`as_dict` made (unknown keys ignored, missing ones defaulted)."""
        return cls(
            input=str(row.get("input") or row.get("source") or ""),
            position=row.get("position"),
            reason=str(row.get("error") or ""),
            article=row.get("article"),
            stage=str(row.get("stage") or "extract"),
            kind=str(row.get("kind") or "content"),
            limit=dict(row.get("limit") or {}),
            key=row.get("key"),
        )


def json_line(row: dict) -> str:
    """``row`` as one line of JSON, non-ASCII as it is. A string that cannot be UTF-8 (a file name
    that is not, read by Python as lone surrogates) shows its bytes as ``\\xff`` escapes: every JSON
    reader can read the line, and the name can still be recognised."""
    try:
        text = json.dumps(row, ensure_ascii=False)
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return json.dumps({k: _printable(v) for k, v in row.items()}, ensure_ascii=False)


def _printable(value):
    if isinstance(value, str):
        try:
            return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a lone surrogate that stands for no byte
            return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable(v) for v in value]
    return value
