"""Article readers: one small interface (:class:`Reader`), one module per format, one registry.

:func:`read_articles` is the I/O edge for one file: it reads a file (or standard input), decodes
it (:mod:`.encoding`), picks the reader by ``kind``, by the file's suffix or by sniffing the text,
applies a ``NAME.json`` sidecar beside a single-article file, and applies ``date``. Readers
themselves only parse text. :func:`iter_inputs` (:mod:`.inputs`) reads many inputs (files,
folders, standard input) as a stream of articles and :class:`Failure` records, JSON lines a line at
a time: what ``geo extract`` and ``geo batch`` read. Every text is cleaned on entry and bounded by
:class:`Limits` (:mod:`.hygiene`).

>>> result = read_articles("seeds/karabakh-2020-10-20.ar.txt")  # doctest: +SKIP
>>> result.articles[0].published, result.articles[0].language  # doctest: +SKIP
(datetime.date(2020, 10, 20), 'ar')
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from ..article import Article
from ..errors import InputError
from .base import Reader, metadata, parse_date
from .encoding import declared_charset, decode
from .failure import Failure
from .html import HtmlReader
from .hygiene import BadRecord, Hygiene, Limits, load_json
from .records import JsonlReader, JsonReader
from .text import TextReader

__all__ = [
    "Reader",
    "READERS",
    "ReadResult",
    "reader_for",
    "read_articles",
    "Failure",
    "Limits",
    "Source",
    "discover",
    "iter_inputs",
]

#: Every reader by kind.
READERS: dict[str, type[Reader]] = {cls.kind: cls for cls in (TextReader, HtmlReader, JsonReader, JsonlReader)}


@dataclass(frozen=True, slots=True)
class ReadResult:
    """What one input gave: its articles, how many broken records were skipped (each described in
    ``failures``), and warnings."""

    articles: list[Article]
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def reader_for(path_or_kind: str | Path) -> type[Reader]:
    """The reader class for a kind (``"text"``, ``"html"``, ``"json"``, ``"jsonl"``) or a file name.

    Raises :class:`InputError` listing the valid kinds and suffixes when nothing fits.

    >>> reader_for("news.HTM").kind, reader_for("jsonl").kind
    ('html', 'jsonl')
    """
    if isinstance(path_or_kind, str) and path_or_kind in READERS:
        return READERS[path_or_kind]
    cls = _by_suffix(Path(path_or_kind))
    if cls is not None:
        return cls
    suffixes = ", ".join(s for cls in READERS.values() for s in cls.suffixes)
    raise InputError(
        f"{path_or_kind}: unknown article kind; known kinds: {', '.join(READERS)} (files ending {suffixes})"
    )


def read_articles(
    path: str | Path,
    *,
    encoding: str | None = None,
    date: Date | str | None = None,
    skip_bad_lines: bool = False,
    kind: str | None = None,
    limits: Limits | None = None,
    data: bytes | None = None,
) -> ReadResult:
    """Read the articles of one file, or of standard input when ``path`` is ``"-"``.

    Parameters
    ----------
    path:
        An article file, or ``"-"`` for the bytes of standard input.
    encoding:
        The file's encoding; ``None`` detects UTF-8 (with or without a byte-order mark), UTF-16
        and Windows-1256 (see :func:`.encoding.decode`).
    date:
        Publication date for every article, overriding any the input gives (``--date``).
    skip_bad_lines:
        Skip broken JSON/JSONL records (counted in :attr:`ReadResult.skipped`, each with a
        warning) instead of stopping at the first.
    kind:
        The reader to use; ``None`` goes by the file's suffix, and sniffs the text when the suffix
        says nothing (or for standard input): ``{``/``[`` JSON, ``<`` HTML, else plain text.
    limits:
        Bounds on what is read (:class:`Limits`: the longest article, the deepest JSON).
    data:
        The input's bytes when the caller has read them already (``path`` then only names them).

    An empty or whitespace-only input gives one article with an empty title and body and a
    warning ``"NAME: empty article"``. Every problem that stops the read is an
    :class:`InputError` naming the file (and the line, where there is one); so is a record longer
    than ``limits.max_chars`` unless ``skip_bad_lines``.
    """
    limits = limits or Limits()
    override = _override_date(date)
    stdin = isinstance(path, str) and path == "-"
    name = "<stdin>" if stdin else str(path)
    if data is None:
        data = sys.stdin.buffer.read() if stdin else _read_bytes(Path(path), limits)
    # A kind given wins; else the suffix; else (stdin, an unknown suffix) the text is sniffed below.
    cls = reader_for(kind) if kind else (None if stdin else _by_suffix(Path(path)))
    html_like = cls is HtmlReader or (cls is None and data.lstrip()[:1] == b"<")
    text = decode(data, name=name, encoding=encoding, declared=declared_charset(data) if html_like else None)
    del data  # a long article is held once, as text
    cls = cls or _sniff(text)
    hygiene = Hygiene()
    if cls.kind not in ("json", "jsonl"):  # JSON is cleaned value by value, after decoding
        text = hygiene.clean(text)
    reader = cls(on_error="skip" if skip_bad_lines else "raise", limits=limits, hygiene=hygiene)
    stem = "stdin" if stdin else Path(path).stem
    articles = list(reader.parse(text, name=name, stem=stem))
    warnings = reader.warnings
    if cls.takes_sidecar and not stdin:
        sidecar = _sidecar(Path(path))
        if sidecar is not None:
            articles = [_apply_sidecar(a, sidecar, Path(path).with_suffix(".json"), warnings) for a in articles]
    if override is not None:
        articles = [dataclasses.replace(a, published=override) for a in articles]
    warnings.extend(f"{a.source or name}: empty article" for a in articles if not a.title and not a.body)
    return ReadResult(articles=articles, skipped=reader.skipped, warnings=warnings, failures=reader.failures)


def _by_suffix(path: Path) -> type[Reader] | None:
    suffix = path.suffix.lower()
    return next((cls for cls in READERS.values() if suffix in cls.suffixes), None)


def _override_date(value: Date | str | None) -> Date | None:
    if value is None or isinstance(value, Date):
        return value
    try:
        return parse_date(value)
    except ValueError:
        raise InputError(f"date {value!r} is not a date (YYYY-MM-DD)") from None


def _read_bytes(path: Path, limits: Limits | None = None) -> bytes:
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not an article file")
    try:
        if limits is not None and (reason := limits.bytes_too_long(path.stat().st_size)):
            raise InputError(f"{path}: {reason}")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from err


def _sniff(text: str) -> type[Reader]:
    head = text.lstrip()[:1]
    if head in ("{", "["):
        return JsonReader
    return HtmlReader if head == "<" else TextReader


def _sidecar(path: Path) -> dict | None:
    """The ``NAME.json`` beside ``NAME.txt`` (or ``NAME.html``), parsed; ``None`` when there is none."""
    sidecar = path.with_suffix(".json")
    if sidecar == path or not sidecar.is_file():
        return None
    text = decode(_read_bytes(sidecar, Limits()), name=str(sidecar), encoding=None)
    try:
        value = load_json(text)
    except BadRecord as err:
        raise InputError(f"{err.where(str(sidecar))}: {err}") from None
    if not isinstance(value, dict):
        raise InputError(f"{sidecar}: not a JSON object (a sidecar holds the article's metadata)")
    return value


def _apply_sidecar(article: Article, sidecar: dict, where: Path, warnings: list[str]) -> Article:
    """Sidecar metadata wins over what the article says; a differing title replaces the first line's."""
    fields = metadata(sidecar, where=str(where), warnings=warnings, aliases=False)
    title = fields.get("title")
    if title and article.title and " ".join(article.title.split()) != title:
        warnings.append(f"{where}: title differs from the article's own; the sidecar's title is used")
    return dataclasses.replace(article, **fields)


# The stream of many inputs reads each file through read_articles, so it comes last.
from .inputs import Source, discover, iter_inputs  # noqa: E402
