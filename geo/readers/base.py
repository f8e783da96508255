"""The one interface every article reader implements, and the metadata helpers readers share.

A reader turns decoded text into :class:`~geo.article.Article` objects. Parsing is pure: no file
is opened here, so each reader is tested on tiny strings, and all I/O (reading bytes, decoding,
sidecars, stdin) lives in :func:`geo.readers.read_articles`.

Metadata is untrusted and often messy, so it is sanitised in one place: strings are cleaned as
every text is (:mod:`.hygiene`), dates become :class:`datetime.date`, URLs survive only when they
are absolute http(s), language tags shrink to their primary subtag, titles are cut to a headline's
length. Metadata that cannot be used is dropped *with a warning*, never silently; an article's
text is what matters, and a bad date does not make it unreadable.

>>> parse_date("2020-10-20T08:00:00Z")
datetime.date(2020, 10, 20)
>>> safe_url("javascript:alert(1)") is None
True
>>> language_code("ar-SA")
'ar'
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

from ..article import Article
from ..errors import InputError
from .failure import Failure
from .hygiene import Hygiene, Limits, bounded_id, bounded_title

__all__ = ["Reader", "OnError", "parse_date", "safe_url", "language_code", "metadata"]

#: What a reader does with a malformed record: stop with an error, or skip it and count it.
OnError = str  # "raise" | "skip"

# Arabic-Indic and Persian digits, so "٢٠٢٠-١٠-٢٠" is a date too.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ISO_PREFIX = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]|$)")


def parse_date(value: str) -> date:
    """A publication date from the forms news metadata uses.

    Accepts ISO dates (``2020-10-20``, ``20201020``), ISO date-times with or without a zone
    (``2020-10-20T08:00:00Z``; the date is the one written, not converted to UTC),
    ``2020/10/20`` and RFC 2822 (``Tue, 20 Oct 2020 08:00:00 GMT``). Raises :class:`ValueError`
    for anything else, including an empty string.

    >>> parse_date("٢٠٢٠-١٠-٢٠")
    datetime.date(2020, 10, 20)
    """
    text = value.strip().translate(_DIGITS)
    if not text:
        raise ValueError("empty date")
    for parse in (date.fromisoformat, lambda s: datetime.fromisoformat(s).date()):
        try:
            return parse(text)
        except ValueError:
            pass
    match = _ISO_PREFIX.match(text)
    if match:
        return date(*(int(part) for part in match.groups()))
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"not a date: {value!r}") from None


def safe_url(value: str | None) -> str | None:
    """``value`` if it is an absolute http(s) URL, else ``None``.

    ``javascript:``, ``data:``, relative and protocol-relative URLs, and URLs with spaces or
    control characters are dropped: the URL ends up as a link in a map popup.

    >>> safe_url(" https://example.com/a?b=1 ")
    'https://example.com/a?b=1'
    >>> safe_url("/news/1") is None
    True
    """
    if not value:
        return None
    text = value.strip()
    if any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return text


def language_code(value: str | None) -> str | None:
    """The primary subtag of a language tag, lower-cased: ``"ar-SA"`` -> ``"ar"``; empty -> ``None``."""
    if not value:
        return None
    code = re.split(r"[-_\s]", value.strip(), maxsplit=1)[0].lower()
    return code if code.isascii() and code.isalpha() else None


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


#: Article fields a record or sidecar may set, each with the keys it is read from, first wins.
_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "published": ("published", "date"),
    "language": ("language", "lang"),
    "outlet": ("outlet", "source", "site"),
    "url": ("url",),
}


def metadata(
    record: Mapping[str, Any],
    *,
    where: str,
    warnings: list[str],
    aliases: bool = True,
    hygiene: Hygiene | None = None,
    limits: Limits | None = None,
) -> dict[str, Any]:
    """Article fields from a JSON record or sidecar, sanitised; unusable values dropped with a warning.

    Returns only the fields present and usable (``title``, ``published``, ``language``,
    ``outlet``, ``url``), ready for :func:`dataclasses.replace`. ``aliases`` also reads ``date``,
    ``lang``, ``source`` and ``site``; sidecars use the canonical keys only. ``null`` counts as
    absent. Strings are cleaned by ``hygiene`` (which counts what it replaced); a title or outlet
    longer than ``limits.max_title`` is cut, with a warning.

    >>> metadata({"published": "2020-10-20", "url": "data:x"}, where="a.json", warnings=(w := []))
    {'published': datetime.date(2020, 10, 20)}
    >>> w
    ["a.json: url 'data:x' is not an http(s) URL; dropped"]
    """
    hygiene = hygiene or Hygiene()
    limit = (limits or Limits()).max_title
    fields: dict[str, Any] = {}
    for field, keys in _FIELDS.items():
        key = next((k for k in (keys if aliases else keys[:1]) if record.get(k) is not None), None)
        if key is None:
            continue
        value = record[key]
        if not isinstance(value, str):
            warnings.append(f"{where}: {key} {_short(value)} is not a string; ignored")
            continue
        value = " ".join(hygiene.clean(value).split())
        if field in ("title", "outlet") and len(value) > limit:
            warnings.append(f"{where}: {key} of {len(value):,} characters cut to {limit}")
            value = bounded_title(value, limit=limit)
        if field == "published":
            try:
                fields[field] = parse_date(value)
            except ValueError:
                warnings.append(f"{where}: {key} {_short(value)} is not a date; ignored")
        elif field == "url":
            url = safe_url(value)
            if url is None and value:
                warnings.append(f"{where}: {key} {_short(value)} is not an http(s) URL; dropped")
            elif url:
                fields[field] = url
        elif field == "language":
            if language_code(value):
                fields[field] = language_code(value)
        elif value:
            fields[field] = value
    return fields


class Reader(ABC):
    """A parser of one article format.

    Subclasses set ``kind`` (the registry key) and ``suffixes`` (file name endings, lower case,
    with the dot) and implement :meth:`parse`. The constructor only records options; a reader
    collects the warnings of what it parsed in :attr:`warnings`, and with ``on_error="skip"``
    counts skipped records in :attr:`skipped` and describes each in :attr:`failures`. Every text
    it reads goes through its :class:`~.hygiene.Hygiene`, and ``limits`` bound what it accepts.
    """

    kind: ClassVar[str] = ""
    suffixes: ClassVar[tuple[str, ...]] = ()
    #: Whether a ``NAME.json`` sidecar beside the file may add metadata (single-article formats).
    takes_sidecar: ClassVar[bool] = False

    def __init__(
        self, *, on_error: OnError = "raise", limits: Limits | None = None, hygiene: Hygiene | None = None
    ) -> None:
        if on_error not in ("raise", "skip"):
            raise ValueError(f"on_error must be 'raise' or 'skip', not {on_error!r}")
        self.on_error = on_error
        self.limits = limits or Limits()
        self.hygiene = hygiene or Hygiene()
        self.skipped = 0
        self.warnings: list[str] = []
        self.failures: list[Failure] = []

    @abstractmethod
    def parse(self, data: str, *, name: str, stem: str) -> Iterator[Article]:
        """Yield the articles in ``data`` (decoded text); ``name`` is used in messages, ``stem`` in ids."""

    def _bad(
        self,
        name: str,
        position: str | None,
        message: str,
        *,
        article: str | None = None,
        stage: str = "record",
        kind: str = "content",
        limit: dict | None = None,
    ) -> None:
        """A record that cannot be read: raise :class:`InputError`, or count and describe it when skipping."""
        failure = Failure(name, position, message, article, stage, kind, limit or {})
        if self.on_error == "raise":
            raise InputError(failure.message)
        self.skipped += 1
        self.warnings.append(f"{failure.message}; skipped")
        self.failures.append(failure)

    def _checked(self, article: Article, name: str, position: str | None = None) -> Article | None:
        """``article`` with its texts cleaned and its id bounded, or ``None`` (and :meth:`_bad`) when
        it is longer than ``limits.max_chars``."""
        clean = self.hygiene.clean
        if (cleaned := bounded_id(clean(article.id))) is not article.id:
            if len(cleaned) < len(article.id):
                self.warnings.append(f"{name}: an id of {len(article.id):,} characters shortened to {cleaned!r}")
            article = dataclasses.replace(article, id=cleaned)
        reason = self.limits.too_long(len(article.title) + len(article.body))
        if reason is not None:
            limit = {"max_chars": self.limits.max_chars}
            self._bad(name, position, reason, article=article.id, stage="size", kind="limit", limit=limit)
            return None
        title, body, source = clean(article.title), clean(article.body), Hygiene().clean(article.source)
        if title is not article.title or body is not article.body or source is not article.source:
            article = dataclasses.replace(article, title=title, body=body, source=source)  # a path may not be UTF-8
        self.warnings.extend(self.hygiene.take_notes(f"{name}, {position}" if position else name))
        return article
