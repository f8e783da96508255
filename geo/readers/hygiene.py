"""Input hygiene in one place: every text, record and title is made safe here on entry.

Scraped feeds carry what no extractor should see: lone surrogates (``"\\ud800"`` in JSON, half of
an emoji cut by a scraper), NUL and other control characters, decomposed letters, JSON nested a
hundred thousand levels deep, numbers of ten thousand digits, an "article" of fifty megabytes, a
first line that is the whole text. This module is where each of them is handled, the same way for
every reader and command:

- :meth:`Hygiene.clean`: ``\\r\\n`` and ``\\r`` to ``\\n``; form feed, vertical tab, NEL and the
  Unicode line and paragraph separators to ``\\n``; a leading byte-order mark dropped; lone
  surrogates replaced by U+FFFD; NUL and the other C0/C1 controls (tab and line breaks aside)
  replaced by a space, so words around them stay apart and offsets stay put; NFC. What was
  replaced is counted, and the reader reports it as a warning.
- :func:`load_json`: JSON decoded with a nesting limit (:attr:`Limits.max_json_depth`) checked
  before the recursive decoder runs, integers of more than 4,300 digits refused, and every failure
  a :class:`BadRecord` with a one-line reason.
- :attr:`Limits.max_chars`: the longest article read; a longer one is a :class:`BadRecord` of its
  own (``--max-chars``).
- :func:`bounded_title`: a title is a headline, at most :attr:`Limits.max_title` characters.

>>> hy = Hygiene()
>>> hy.clean("Bak\\u0075\\u0301\\x00said\\ud800\\r\\n")
'Bakú said\\ufffd\\n'
>>> hy.surrogates, hy.controls
(1, 1)
>>> load_json('{"text": "ok"}')
{'text': 'ok'}
>>> load_json("[" * 100 + "]" * 100)
Traceback (most recent call last):
...
geo.readers.hygiene.BadRecord: JSON nested deeper than 64 levels
>>> bounded_title("A headline   that goes on and on", limit=20)
'A headline that…'
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Limits",
    "Hygiene",
    "normalize",
    "BadRecord",
    "load_json",
    "json_depth",
    "bounded_title",
    "bounded_id",
    "split_title",
    "DEFAULT_MAX_CHARS",
    "MAX_TITLE",
]

#: The longest article read by default: 100 million characters (about 16 million words, a 100 MB
#: file of Latin text). Generous: time and memory grow linearly, so this is a guard, not a target.
DEFAULT_MAX_CHARS = 100_000_000
#: The longest title, in characters: headlines are under 200.
MAX_TITLE = 300
#: The longest article id kept as it is; a longer one is shortened (see :func:`bounded_id`).
MAX_ID = 200


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds every reader applies to what it reads."""

    #: The longest article (title and body), in characters; ``0``: no bound.
    max_chars: int = DEFAULT_MAX_CHARS
    #: The deepest nesting of a JSON document (a news record needs a handful of levels).
    max_json_depth: int = 64
    #: The longest title, in characters.
    max_title: int = MAX_TITLE

    def too_long(self, chars: int) -> str | None:
        """The one-line reason an article of ``chars`` characters is refused, or ``None``."""
        if self.max_chars and chars > self.max_chars:
            return f"article of {chars:,} characters is longer than --max-chars {self.max_chars:,}"
        return None

    def bytes_too_long(self, size: int) -> str | None:
        """The reason a file or line of ``size`` bytes cannot hold an article short enough to read.

        UTF-8 takes at most 4 bytes a character and a JSON escape 6 (``\\u0627``); a record also
        holds metadata, so ``6 * max_chars`` plus a megabyte is a bound no acceptable input exceeds.
        """
        if self.max_chars and size > 6 * self.max_chars + 2**20:
            return f"{size:,} bytes cannot hold an article within --max-chars {self.max_chars:,}"
        return None


class BadRecord(ValueError):
    """A record (a JSON line, an array item, a file) that cannot become an article; the message says why.

    ``line``: for invalid JSON, the line of the text where decoding failed.
    """

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line

    def where(self, name: str) -> str:
        """``name`` with the line, when the text had several (``"a.json, line 3"``)."""
        return f"{name}, line {self.line}" if self.line and self.line > 1 else name


# C0 and C1 controls other than tab, line feed and carriage return; DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_NEWLINES = re.compile(r"\r\n?")
_NOT_PLAIN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def normalize(text: str) -> str:
    """What any decoded text gets: ``\\r\\n`` and ``\\r`` to ``\\n``, a leading byte-order mark
    dropped, NFC. Safe on raw JSON (it changes no structure); :meth:`Hygiene.clean` does the rest."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


class Hygiene:
    """Cleans texts on entry and counts what it replaced (see the module docstring).

    One per reader: the counts add up over everything it cleaned, and :meth:`take_notes` gives the
    warnings of what was replaced since it was last asked.
    """

    def __init__(self) -> None:
        self.surrogates = 0
        self.controls = 0
        self._noted = (0, 0)

    def clean(self, text: str) -> str:
        """``text`` made safe to read and to write (see the module docstring)."""
        if _NOT_PLAIN.search(text) is not None:
            text = _LINE_BREAKS.sub("\n", text)
            text, n = _SURROGATE.subn("\ufffd", text)
            self.surrogates += n
            text, n = _CONTROL.subn(" ", text)
            self.controls += n
        return normalize(text)

    def clean_value(self, value: Any) -> Any:
        """A decoded JSON value with every string in it cleaned (keys too)."""
        if isinstance(value, str):
            return self.clean(value)
        if isinstance(value, dict):
            return {self.clean(str(k)): self.clean_value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.clean_value(v) for v in value]
        return value

    def take_notes(self, where: str) -> list[str]:
        """Warnings (``"WHERE: 2 lone surrogate(s) replaced by U+FFFD"``) for what was replaced since the last call."""
        surrogates, controls = self.surrogates - self._noted[0], self.controls - self._noted[1]
        self._noted = (self.surrogates, self.controls)
        notes = []
        if surrogates:
            notes.append(f"{where}: {surrogates} lone surrogate(s) replaced by U+FFFD")
        if controls:
            notes.append(f"{where}: {controls} control character(s) (NUL and the like) replaced by spaces")
        return notes


# Strings (with their escapes) in JSON text; possessive, so a long string is one quick match.
_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_JSON_BRACKET = re.compile(r"[\[\]{}]")


def json_depth(text: str, limit: int | None = None) -> int:
    """How deeply ``text``'s arrays and objects nest (brackets inside strings do not count).

    Linear in the text and never recursive. With ``limit``, stops counting once past it (and
    returns a depth above it). Unbalanced text gives the deepest point reached.

    >>> json_depth('{"a": [1, {"b": "[[["}]}')
    3
    """
    opened = text.count("[") + text.count("{")
    if limit is not None and opened <= limit:
        return opened  # cannot nest deeper than it opens: the common case, two quick counts
    structure = _JSON_STRING.sub('""', text) if '"' in text else text
    depth = peak = 0
    for bracket in _JSON_BRACKET.findall(structure):
        depth += 1 if bracket in "[{" else -1
        if depth > peak:
            peak = depth
            if limit is not None and peak > limit:
                break
    return peak


def load_json(text: str, *, max_depth: int = 64) -> Any:
    """Decode JSON text, refusing what would crash or stall the decoder, as a :class:`BadRecord`.

    Nesting deeper than ``max_depth`` is refused before decoding (Python's decoder recurses, and
    100,000 levels end in ``RecursionError``); invalid JSON, integers longer than the interpreter
    converts (4,300 digits) and anything else the decoder raises become one-line reasons. Control
    characters inside strings are accepted (scrapers write them raw); :meth:`Hygiene.clean_value`
    replaces them afterwards.
    """
    if json_depth(text, max_depth) > max_depth:
        raise BadRecord(f"JSON nested deeper than {max_depth} levels")
    try:
        return json.loads(text, strict=False)
    except json.JSONDecodeError as err:
        raise BadRecord(f"not valid JSON ({err.msg})", err.lineno) from None
    except (ValueError, RecursionError, MemoryError) as err:
        raise BadRecord(f"not usable JSON ({_first_line(err)})") from None


def bounded_title(text: str, *, limit: int = MAX_TITLE) -> str:
    """White space collapsed; when longer than ``limit``, cut at the last word that fits, with "…"."""
    title = " ".join(text.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def bounded_id(text: str, *, limit: int = MAX_ID) -> str:
    """An article id as it is, or when longer than ``limit`` its start and a hash of the whole
    (ids go into every row and claim id: a megabyte "id" must not be copied a thousand times).

    >>> bounded_id("x" * 500)[-11:]
    '~dc31b173a0'
    """
    if len(text) <= limit:
        return text
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{text[: limit - 11]}~{digest}"


def split_title(text: str, *, limit: int = MAX_TITLE) -> tuple[str, str]:
    """A plain text's title and body: the first line when it is a headline.

    A first line longer than ``limit`` is not a headline (a scraped article often has no line
    break at all): its first sentence is the title when that is short enough, else the article has
    no title and the whole text is its body. Nothing is lost or read twice either way.

    >>> split_title("Title\\nBody.")
    ('Title', 'Body.')
    >>> split_title("Baku said it. " + "More words. " * 40)[0]
    'Baku said it.'
    >>> split_title("word " * 100)[0]
    ''
    """
    first, newline, rest = text.partition("\n")
    if len(first) <= limit:
        return first.strip(), rest
    end = _sentence_end(first, limit)
    if end is None:
        return "", text
    return first[:end].strip(), first[end:].lstrip() + newline + rest


# A sentence end as the sentence splitter sees one (not the dot of "U.S." or of "1.5").
_SENTENCE = re.compile(r"(?<!\b[A-Z])(?<!\d)[.!?\u061f\u06d4]+(?=\s)")


def _sentence_end(line: str, limit: int) -> int | None:
    for m in itertools.islice(_SENTENCE.finditer(line, 0, limit + 1), 50):
        if m.end() >= 8:  # a sentence of a word or two is not a headline
            return m.end()
    return None


def _first_line(err: BaseException) -> str:
    text = " ".join(str(err).split())
    text = text if len(text) <= 200 else text[:199] + "…"
    return f"{type(err).__name__}: {text}" if text else type(err).__name__
