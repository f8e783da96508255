"""JSON and JSON Lines articles: records with the text and its metadata, as scrapers and APIs write them.

A record is a JSON object with the text under ``text`` (or ``body``, ``content``) and optional
``id``, ``title``, ``url``, ``published`` (or ``date``), ``language`` (or ``lang``) and ``outlet``
(or ``source``, ``site``). A JSON file holds one record, an array of records, or
``{"articles": [...]}``; a JSON Lines file holds one record a line, blank lines ignored.

A record's ``title`` is only ever that field: the text is not split into title and body.
Records are numbered from 1 (the JSONL line, or the position in an array); a record without an
``id`` gets ``STEM:N``. A broken record (invalid JSON, not an object, no text) stops the read
with an error naming the file and the line or record, or, with ``on_error="skip"``, is skipped,
counted and warned about. A ``.json`` file that turns out to hold JSON Lines is read as such.

>>> data = '{"text": "نص", "lang": "ar"}\\n\\n{"id": 7, "text": "more", "url": "javascript:x"}\\n'
>>> [(a.id, a.body, a.language, a.url) for a in JsonlReader().parse(data, name="a.jsonl", stem="a")]
[('a:1', 'نص', 'ar', None), ('7', 'more', None, None)]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..article import Article
from ..errors import InputError
from .base import Reader, metadata
from .encoding import normalize

__all__ = ["JsonReader", "JsonlReader"]

_TEXT_KEYS = ("text", "body", "content")


class _BadRecord(ValueError):
    """A record that cannot become an article; the message says why."""


def _json_error(err: json.JSONDecodeError) -> str:
    return f"not valid JSON ({err.msg})"


class _RecordReader(Reader):
    """What JSON and JSON Lines share: a record to an :class:`Article`."""

    def _article(self, record: Any, *, default_id: str, where: str, source: str) -> Article:
        if not isinstance(record, dict):
            raise _BadRecord(f"not a JSON object (got {_json_type(record)})")
        key = next((k for k in _TEXT_KEYS if record.get(k) is not None), None)
        if key is None:
            raise _BadRecord("no text (a record needs 'text', 'body' or 'content')")
        text = record[key]
        if not isinstance(text, str):
            raise _BadRecord(f"{key!r} is not a string (got {_json_type(text)})")
        record_id = record.get("id")
        if isinstance(record_id, bool) or not isinstance(record_id, str | int | None):
            raise _BadRecord(f"'id' is not a string or an integer (got {_json_type(record_id)})")
        record_id = "" if record_id is None else str(record_id).strip()
        fields = metadata(record, where=where, warnings=self.warnings)
        return Article(
            id=record_id or default_id,
            title=fields.pop("title", ""),
            body=normalize(text).strip(),
            source=source,
            **fields,
        )


class JsonlReader(_RecordReader):
    """JSON Lines: one record a line."""

    kind = "jsonl"
    suffixes = (".jsonl", ".ndjson", ".jsonlines")

    def parse(self, data: str, *, name: str, stem: str) -> Iterator[Article]:
        return self.parse_lines(data.split("\n"), name=name, stem=stem)

    def parse_lines(self, lines: Iterable[str], *, name: str, stem: str) -> Iterator[Article]:
        """The articles of lines as they come (a stream need not be read whole first)."""
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{name}, line {number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                self._bad(where, _json_error(err))
                continue
            try:
                yield self._article(record, default_id=f"{stem}:{number}", where=where, source=f"{name}:{number}")
            except _BadRecord as err:
                self._bad(where, str(err))


class JsonReader(_RecordReader):
    """JSON: one record, an array of records, or ``{"articles": [...]}``."""

    kind = "json"
    suffixes = (".json",)

    def parse(self, data: str, *, name: str, stem: str) -> Iterator[Article]:
        try:
            document = json.loads(data)
        except json.JSONDecodeError as err:
            if err.msg == "Extra data":  # several top-level values: JSON Lines under a .json name
                reader = JsonlReader(on_error=self.on_error)
                try:
                    yield from reader.parse(data, name=name, stem=stem)
                finally:
                    self.skipped += reader.skipped
                    self.warnings.extend(reader.warnings)
                return
            raise InputError(f"{name}, line {err.lineno}: {_json_error(err)}") from err
        if isinstance(document, dict) and isinstance(document.get("articles"), list) and not _has_text(document):
            document = document["articles"]
        if not isinstance(document, list):
            try:
                yield self._article(document, default_id=stem, where=name, source=name)
            except _BadRecord as err:
                self._bad(name, str(err))
            return
        for number, record in enumerate(document, start=1):
            where = f"{name}, record {number}"
            try:
                yield self._article(record, default_id=f"{stem}:{number}", where=where, source=f"{name}:{number}")
            except _BadRecord as err:
                self._bad(where, str(err))


def _has_text(record: dict[str, Any]) -> bool:
    return any(record.get(k) is not None for k in _TEXT_KEYS)


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")
