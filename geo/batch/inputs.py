"""What a batch reads: files, folders (recursively) and JSON lines on standard input, as articles.

A folder gives every article file under it (``.txt`` with its ``NAME.json`` sidecar, ``.html``,
``.json`` records, ``.jsonl``); a ``.json`` beside a ``.txt`` of the same name is that article's
sidecar, not an input. Articles found in a folder are named by their path inside it ("2020/10/x"),
so two ``x.txt`` in different subfolders stay two articles. A file that cannot be read is not fatal:
it comes out as a :class:`Failed` item, and the batch records it and goes on.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path

from ..article import Article
from ..errors import GeoError, InputError
from ..readers import READERS, read_articles

__all__ = ["Failed", "Source", "article_hash", "discover", "iter_articles"]

_SUFFIXES = frozenset(s for cls in READERS.values() for s in cls.suffixes)
#: Suffixes of single-article files, whose NAME.json beside them is metadata, not an input.
_TAKE_SIDECARS = frozenset(s for cls in READERS.values() if cls.takes_sidecar for s in cls.suffixes)


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a file (or ``-``), and the folder it was found in, if any."""

    path: str
    root: Path | None = None

    @property
    def article_prefix(self) -> str | None:
        """The name of the file's articles inside its folder ("sub/x" for sub/x.txt), or None."""
        if self.root is None:
            return None
        return Path(self.path).relative_to(self.root).with_suffix("").as_posix()


@dataclass(frozen=True, slots=True)
class Failed:
    """An input that gave no article: where, why, and a key that changes when the file does."""

    source: str
    reason: str
    key: str


def discover(inputs: list[str], exclude: tuple[Path, ...] = ()) -> list[Source]:
    """The files to read, in a stable order, leaving out ``exclude`` (the batch's own output files
    and folders). Raises :class:`InputError` for a missing input, standard input given twice, or an
    input that is one of ``exclude``."""
    skip = {p.resolve() for p in exclude}
    out: list[Source] = []
    if inputs.count("-") > 1:
        raise InputError("-: standard input can be read only once")
    for item in inputs:
        if item == "-":
            out.append(Source("-"))
            continue
        path = Path(item)
        if path.resolve() in skip:
            raise InputError(f"{item}: is the batch's own output; choose another -o")
        if path.is_dir():
            out += [Source(str(p), path) for p in _walk(path, skip)]
        elif path.is_file():
            out.append(Source(str(path)))
        else:
            raise InputError(f"{item}: no such file or folder")
    return out


def _walk(root: Path, skip: set[Path]) -> list[Path]:
    files: list[Path] = []
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (here / d).resolve() not in skip)
        with_sidecar = {Path(n).stem for n in names if Path(n).suffix.lower() in _TAKE_SIDECARS}
        for name in sorted(names):
            suffix = Path(name).suffix.lower()
            if name.startswith(".") or suffix not in _SUFFIXES or (here / name).resolve() in skip:
                continue
            if suffix == ".json" and Path(name).stem in with_sidecar:
                continue  # a sidecar
            files.append(here / name)
    return files


def iter_articles(
    sources: list[Source],
    *,
    encoding: str | None = None,
    date: Date | None = None,
    language: str | None = None,
) -> Iterator[Article | Failed]:
    """Every article of ``sources`` in order; an input that cannot be read gives one :class:`Failed`.

    Broken JSONL records are skipped (and reported as failures of their line), never fatal.
    """
    for source in sources:
        if source.path == "-":
            yield from _stdin_articles(date, language)
            continue
        try:
            result = read_articles(source.path, encoding=encoding, date=date, skip_bad_lines=True)
        except (GeoError, OSError, UnicodeError) as err:
            yield Failed(source.path, _one_line(err), _file_key(source.path))
            continue
        for warning in result.warnings:
            if warning.endswith("; skipped"):  # a broken record: keyed by what it says, not the file's time
                yield Failed(source.path, warning, "record:" + _digest(f"{source.path}|{warning}"))
        prefix = source.article_prefix
        for article in result.articles:
            if prefix is not None:
                article = dataclasses.replace(article, id=_renamed(article.id, Path(source.path).stem, prefix))
            if language:
                article = dataclasses.replace(article, language=language)
            yield article


def _stdin_articles(date: Date | None, language: str | None) -> Iterator[Article | Failed]:
    """JSON lines from standard input, one article at a time (a feed need not end before work starts).

    A line that is not UTF-8 or not a record is a failure of its own; the feed goes on.
    """
    import sys

    from ..readers.records import JsonlReader

    reader = JsonlReader(on_error="skip")
    undecodable: list[str] = []

    def lines() -> Iterator[str]:
        for number, raw in enumerate(sys.stdin.buffer, start=1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                undecodable.append(f"<stdin>, line {number}: not UTF-8 (byte {err.start}); skipped")
                text = ""
            yield text.lstrip("\ufeff") if number == 1 else text.rstrip("\r\n")

    reported = 0
    for article in reader.parse_lines(lines(), name="<stdin>", stem="stdin"):
        yield from _stdin_failures(reader.warnings[reported:] + undecodable)
        reported = len(reader.warnings)
        undecodable.clear()
        if date is not None:
            article = dataclasses.replace(article, published=date)
        if language:
            article = dataclasses.replace(article, language=language)
        yield article
    yield from _stdin_failures(reader.warnings[reported:] + undecodable)


def _stdin_failures(warnings: list[str]) -> Iterator[Failed]:
    for warning in warnings:
        if warning.endswith("; skipped"):
            yield Failed("<stdin>", warning, "record:" + _digest(warning))


def _renamed(article_id: str, stem: str, prefix: str) -> str:
    """The file stem at the start of an article id ("x", "x:12") replaced by the path in the folder."""
    if article_id == stem or article_id.startswith(stem + ":"):
        return prefix + article_id[len(stem) :]
    return article_id


def article_hash(article: Article) -> str:
    """A key of the article's content and metadata (not its id or path): the same article read
    twice, under any name, has the same key; any change to its text or metadata gives a new one."""
    fields = (article.title, article.body, str(article.published or ""), article.language or "")
    fields += (article.outlet or "", article.url or "")
    return _digest(json.dumps(fields, ensure_ascii=False))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _file_key(path: str) -> str:
    """A failure's key: the file's path, size and time, so a repaired file is read again."""
    try:
        st = os.stat(path)
        stamp = f"{path}|{st.st_size}|{st.st_mtime_ns}"
    except OSError:
        stamp = path
    return "file:" + _digest(stamp)


def _one_line(err: BaseException) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text if isinstance(err, GeoError) else f"{type(err).__name__}: {text}"
