"""JSON and JSON Lines articles: records with the text and its metadata, as scrapers and APIs write them.

A record is a JSON object with the text under ``text`` (or ``body``, ``content``) and optional
``id``, ``title``, ``url``, ``published`` (or ``date``), ``language`` (or ``lang``) and ``outlet``
(or ``source``, ``site``). A JSON file holds one record, an array of records, or
``{"articles": [...]}``; a JSON Lines file holds one record a line, blank lines ignored.

A record's ``title`` is only ever that field: the text is not split into title and body.
Records are numbered from 1 (the JSONL line, or the position in an array); a record without an
``id`` gets ``STEM:N``. A broken record (invalid JSON or nested too deeply, not an object, no
text, longer than the reader's ``max_chars``) stops the read with an error naming the file and the
line or record, or, with ``on_error="skip"``, is skipped, counted and described in
:attr:`~.base.Reader.failures`. JSON is decoded by :func:`.hygiene.load_json` and every string read
is cleaned (:mod:`.hygiene`). A ``.json`` file that turns out to hold JSON Lines is read as such.

>>> data = '{"text": "نص", "lang": "ar"}\\n\\n{"id": 7, "text": "more", "url": "javascript:x"}\\n'
>>> [(a.id, a.body, a.language, a.url) for a in JsonlReader().parse(data, name="a.jsonl", stem="a")]
[('a:1', 'نص', 'ar', None), ('7', 'more', None, None)]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..article import Article
from ..errors import InputError
from .base import Reader, metadata
from .hygiene import BadRecord, Hygiene, bounded_id, load_json

__all__ = ["JsonReader", "JsonlReader"]

_TEXT_KEYS = ("text", "body", "content")


class _RecordReader(Reader):
    """What JSON and JSON Lines share: a record to an :class:`Article`."""

    def _record(self, record: Any, *, name: str, position: str | None, default_id: str, source: str) -> Article | None:
        """The article of a decoded record, or ``None`` when it is not one (see :meth:`Reader._bad`)."""
        where = f"{name}, {position}" if position else name
        try:
            article = self._article(record, default_id=default_id, where=where, source=source)
        except BadRecord as err:
            self._bad(name, position, str(err), article=_id_of(record), stage="record")
            return None
        return self._checked(article, name, position)

    def _article(self, record: Any, *, default_id: str, where: str, source: str) -> Article:
        if not isinstance(record, dict):
            raise BadRecord(f"not a JSON object (got {_json_type(record)})")
        key = next((k for k in _TEXT_KEYS if record.get(k) is not None), None)
        if key is None:
            raise BadRecord("no text (a record needs 'text', 'body' or 'content')")
        text = record[key]
        if not isinstance(text, str):
            raise BadRecord(f"{key!r} is not a string (got {_json_type(text)})")
        record_id = record.get("id")
        if isinstance(record_id, bool) or not isinstance(record_id, str | int | None):
            raise BadRecord(f"'id' is not a string or an integer (got {_json_type(record_id)})")
        record_id = "" if record_id is None else str(record_id).strip()
        fields = metadata(record, where=where, warnings=self.warnings, hygiene=self.hygiene, limits=self.limits)
        return Article(
            id=record_id or default_id,
            title=fields.pop("title", ""),
            body=text.strip(),
            source=source,
            **fields,
        )


class JsonlReader(_RecordReader):
    """JSON Lines: one record a line."""

    kind = "jsonl"
    suffixes = (".jsonl", ".ndjson", ".jsonlines")

    def parse(self, data: str, *, name: str, stem: str) -> Iterator[Article]:
        for number, line in enumerate(data.split("\n"), start=1):
            article = self.parse_line(line, number, name=name, stem=stem)
            if article is not None:
                yield article

    def parse_line(self, line: str, number: int, *, name: str, stem: str) -> Article | None:
        """The article of line ``number``: ``None`` for a blank line or a broken record (raised, or
        counted and described in :attr:`failures`, as ``on_error`` says). Lets a stream be read a
        line at a time."""
        if not line.strip():
            return None
        position = f"line {number}"
        try:
            record = load_json(line, max_depth=self.limits.max_json_depth)
        except BadRecord as err:
            self._bad(name, position, str(err), stage="decode")
            return None
        return self._record(
            record, name=name, position=position, default_id=f"{stem}:{number}", source=f"{name}:{number}"
        )


class JsonReader(_RecordReader):
    """JSON: one record, an array of records, or ``{"articles": [...]}``."""

    kind = "json"
    suffixes = (".json",)

    def parse(self, data: str, *, name: str, stem: str) -> Iterator[Article]:
        try:
            document = load_json(data, max_depth=self.limits.max_json_depth)
        except BadRecord as err:
            if _looks_like_lines(data):  # several one-line records: JSON Lines under a .json name
                reader = JsonlReader(on_error=self.on_error, limits=self.limits, hygiene=self.hygiene)
                try:
                    yield from reader.parse(data, name=name, stem=stem)
                finally:
                    self.skipped += reader.skipped
                    self.warnings.extend(reader.warnings)
                    self.failures.extend(reader.failures)
                return
            raise InputError(f"{err.where(name)}: {err}") from None
        if isinstance(document, dict) and isinstance(document.get("articles"), list) and not _has_text(document):
            document = document["articles"]
        if not isinstance(document, list):
            article = self._record(document, name=name, position=None, default_id=stem, source=name)
            if article is not None:
                yield article
            return
        for number, record in enumerate(document, start=1):
            article = self._record(
                record, name=name, position=f"record {number}", default_id=f"{stem}:{number}", source=f"{name}:{number}"
            )
            if article is not None:
                yield article


def _looks_like_lines(data: str) -> bool:
    """JSON Lines, not one document: more than one line, the first a whole object (``{...}``)."""
    text = data.lstrip()
    first, newline, rest = text.partition("\n")
    first = first.strip()
    return bool(newline and rest.strip()) and first.startswith("{") and first.endswith("}")


def _has_text(record: dict[str, Any]) -> bool:
    return any(record.get(k) is not None for k in _TEXT_KEYS)


def _id_of(record: Any) -> str | None:
    """The id a broken record gives, if any, for its failure (as cleaned and bounded as an article's)."""
    value = record.get("id") if isinstance(record, dict) else None
    if isinstance(value, bool) or not isinstance(value, str | int) or not str(value).strip():
        return None
    return bounded_id(Hygiene().clean(str(value).strip()))


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")
