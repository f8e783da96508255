"""Many inputs as one stream: files, folders (recursively) and standard input, as articles and failures.

This is what ``geo extract`` and ``geo batch`` read. A folder gives every article file under it
(``.txt`` with its ``NAME.json`` sidecar, ``.html``, ``.json`` records, ``.jsonl``); a ``.json``
beside a ``.txt`` of the same name is that article's sidecar, not an input. Articles found in a
folder are named by their path inside it ("2020/10/x"), so two ``x.txt`` in different subfolders
stay two articles.

Nothing that goes wrong with one record stops the stream: it comes out as a :class:`Failure` in
its place (its input, its line or record, a one-line reason) and the next record is read. JSON
lines, in a file or on standard input, are read a line at a time: memory holds one line, never the
file, a line longer than any acceptable article (:meth:`Limits.bytes_too_long`) is skipped without
being held, and a line that is not text (invalid UTF-8, NUL bytes) fails alone. Every other file is
read whole (through :func:`geo.readers.read_articles`), one file at a time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import BinaryIO

from ..article import Article
from ..errors import GeoError, InputError
from . import READERS, read_articles
from .encoding import decode_line, utf16_without_bom
from .failure import Failure
from .hygiene import Hygiene, Limits
from .records import JsonlReader

__all__ = ["Source", "discover", "iter_inputs", "digest"]

_SUFFIXES = frozenset(s for cls in READERS.values() for s in cls.suffixes)
#: Suffixes of single-article files, whose NAME.json beside them is metadata, not an input.
_TAKE_SIDECARS = frozenset(s for cls in READERS.values() if cls.takes_sidecar for s in cls.suffixes)
_JSONL = frozenset(JsonlReader.suffixes)
#: Byte-order marks of encodings whose lines cannot be split on the byte b"\n".
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


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


def discover(inputs: list[str], exclude: tuple[Path, ...] = ()) -> list[Source]:
    """The files to read, in a stable order, leaving out ``exclude`` (a run's own output files and
    folders). Raises :class:`InputError` for a missing input, standard input given twice, or an
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
            raise InputError(f"{item}: is the run's own output; choose another -o")
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


def iter_inputs(
    sources: list[Source],
    *,
    encoding: str | None = None,
    date: Date | None = None,
    language: str | None = None,
    limits: Limits | None = None,
    warnings: list[str] | None = None,
) -> Iterator[Article | Failure]:
    """Every article of ``sources`` in order, and a :class:`Failure` in place of each record or file
    that gave none. ``date`` and ``language`` override what the inputs say; the readers' warnings
    (metadata dropped, characters replaced) are added to ``warnings`` as they come.

    Every failure carries a ``key``: for a file, a hash of its path, size and time (it changes
    when the file does); for a record, a hash of its input and its bytes.
    """
    limits = limits or Limits()
    notes = warnings if warnings is not None else []
    for source in sources:
        if source.path == "-":
            items = _stdin(encoding, limits, notes)
        elif Path(source.path).suffix.lower() in _JSONL:
            items = _jsonl_file(source.path, encoding, limits, notes)
        else:
            items = _whole_file(source.path, encoding, date, limits, notes)
        prefix = source.article_prefix
        for item in items:
            if isinstance(item, Article):
                if prefix is not None:
                    item = dataclasses.replace(item, id=_renamed(item.id, Path(source.path).stem, prefix))
                if date is not None and item.published != date:
                    item = dataclasses.replace(item, published=date)
                if language:
                    item = dataclasses.replace(item, language=language)
            yield item


def _whole_file(path: str, encoding, date, limits: Limits, notes: list[str]) -> Iterator[Article | Failure]:
    """A file read whole: its articles, and its broken records (JSON arrays) as failures."""
    try:
        result = read_articles(path, encoding=encoding, date=date, skip_bad_lines=True, limits=limits)
    except (GeoError, OSError, UnicodeError) as err:
        yield _file_failure(path, err)
        return
    notes.extend(w for w in result.warnings if not w.endswith("; skipped"))
    stamp = _stamp(path)
    failures = [
        dataclasses.replace(f, key="record:" + digest(f"{path}|{f.position}|{f.reason}|{stamp}"))
        for f in result.failures
    ]
    yield from _in_order(result.articles, failures)


def _jsonl_file(path: str, encoding, limits: Limits, notes: list[str]) -> Iterator[Article | Failure]:
    """A JSON lines file, a line at a time (or whole, for UTF-16/32 files, whose lines are not bytes)."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed below; only open() errors are a failure of the file)
    except OSError as err:
        yield _file_failure(path, err)
        return
    with fh:
        head = fh.read(4096)
        fh.seek(0)
        # UTF-16/32 (a mark, or NULs in every other byte) cannot be split into lines as bytes: read it
        # whole. A stray NUL in a UTF-8 line is that line's failure, not the file's.
        even = head[: len(head) // 2 * 2]
        wide = head.startswith(_WIDE_BOMS) or (head.count(0) >= len(head) // 10 > 0 and utf16_without_bom(even))
        wide = wide or (encoding or "utf-8").lower().startswith("utf-1")
        if wide or (encoding or "utf-8").lower().startswith("utf-3"):
            fh.close()
            yield from _whole_file(path, encoding, None, limits, notes)
            return
        yield from _lines(fh, path, Path(path).stem, encoding, limits, notes)


def _stdin(encoding, limits: Limits, notes: list[str]) -> Iterator[Article | Failure]:
    """Standard input: JSON lines read as they come when the first line is a whole JSON object (a
    feed need not end before work starts); anything else (an article, a JSON document) read whole."""
    stream = sys.stdin.buffer
    blank = 0
    first = stream.readline(1 << 20)
    while first.endswith(b"\n") and not first.strip():
        blank += 1
        first = stream.readline(1 << 20)
    line = first.removeprefix(b"\xef\xbb\xbf").strip()
    whole = first.endswith(b"\n") or len(first) < 1 << 20
    if line.startswith(b"{") and (line.endswith(b"}") or not whole):  # a record, or the start of a long one
        yield from _lines(_Joined(first, stream), "<stdin>", "stdin", encoding, limits, notes, blank)
        return
    try:
        result = read_articles("-", encoding=encoding, skip_bad_lines=True, limits=limits, data=first + stream.read())
    except (GeoError, OSError, UnicodeError) as err:
        yield _file_failure("<stdin>", err, key="stdin")
        return
    notes.extend(w for w in result.warnings if not w.endswith("; skipped"))
    failures = [
        dataclasses.replace(f, key="record:" + digest(f"<stdin>|{f.position}|{f.reason}")) for f in result.failures
    ]
    yield from _in_order(result.articles, failures)


def _in_order(articles: list[Article], failures: list[Failure]) -> list[Article | Failure]:
    """A file's articles and failures in the order of the records they come from."""
    if not failures:
        return list(articles)

    def number(item: Article | Failure) -> int:
        tail = (item.source if isinstance(item, Article) else item.position or "").rsplit(":", 1)[-1].split()[-1:]
        return int(tail[0]) if tail and tail[0].isdigit() else 0

    return sorted([*articles, *failures], key=number)


class _Joined:
    """A line already read, then the rest of a binary stream (read with ``readline(limit)``)."""

    def __init__(self, first: bytes, rest: BinaryIO):
        self.first, self.rest = first, rest

    def readline(self, limit: int = -1) -> bytes:
        if self.first:
            line, self.first = self.first, b""
            if line.endswith(b"\n") or len(line) >= limit > 0:
                return line
            return line + self.rest.readline(limit - len(line) if limit > 0 else -1)
        return self.rest.readline(limit)


def _lines(
    fh, name: str, stem: str, encoding, limits: Limits, notes: list[str], number: int = 0
) -> Iterator[Article | Failure]:
    """The articles and failures of JSON lines, one line in memory at a time (``number``: lines before)."""
    reader = JsonlReader(on_error="skip", limits=limits, hygiene=Hygiene())
    most = 6 * limits.max_chars + 2**20 + 1 if limits.max_chars else 0  # the longest line held (0: any)
    first = True
    while True:
        raw = fh.readline(most) if most else fh.readline()
        if not raw:
            return
        number += 1
        position = f"line {number}"
        if most and len(raw) >= most and not raw.endswith(b"\n"):  # too long: skip to its end
            size = len(raw) + _skip_line(fh)
            reason = limits.bytes_too_long(size) or f"a line of {size:,} bytes"
            key = "record:" + digest(f"{name}|{position}|{size}")
            yield Failure(name, position, reason, None, "size", "limit", {"max_chars": limits.max_chars}, key)
            continue
        data = raw.rstrip(b"\r\n")
        if first:
            data, first = data.removeprefix(b"\xef\xbb\xbf"), False
        if not data.strip():
            continue
        key = "record:" + digest(f"{name}|{position}|".encode("utf-8", "backslashreplace") + data)
        try:
            text = decode_line(data, name=name, encoding=encoding)
        except InputError as err:
            reason = str(err).removeprefix(f"{name}: ")
            yield Failure(name, position, reason, None, "decode", "content", {}, key)
            continue
        before = len(reader.failures)
        article = reader.parse_line(text, number, name=name, stem=stem)
        notes.extend(w for w in reader.warnings if not w.endswith("; skipped"))
        reader.warnings.clear()
        for failure in reader.failures[before:]:
            yield dataclasses.replace(failure, key=key)
        del reader.failures[before:]
        if article is not None:
            yield article


def _skip_line(fh) -> int:
    """Read past the rest of a line without holding it; how many bytes it had."""
    skipped = 0
    while True:
        chunk = fh.readline(1 << 20)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _file_failure(path: str, err: BaseException, *, key: str | None = None) -> Failure:
    """A file that gave no article: why, whether to try it again, and a key that changes with it."""
    reason = " ".join(str(err).split()) or type(err).__name__
    if isinstance(err, GeoError):
        reason = reason.removeprefix(f"{path}: ").removeprefix(f"{path}, ")
        kind, stage = ("limit", "size") if "--max-chars" in reason else ("content", "decode")
        if "no such file" in reason or "cannot read" in reason:
            kind, stage = "transient", "read"
    else:
        kind, stage, reason = "transient", "read", f"{type(err).__name__}: {reason}"
    limit = {"max_chars": _max_chars(reason)} if kind == "limit" else {}
    return Failure(path, None, reason, None, stage, kind, limit, key or "file:" + digest(_stamp(path)))


def _max_chars(reason: str) -> int:
    """The --max-chars a size failure's reason names."""
    tail = reason.rsplit("--max-chars", 1)[-1].strip().replace(",", "")
    return int(tail) if tail.isdigit() else 0


def _stamp(path: str) -> str:
    try:
        st = os.stat(path)
        return f"{path}|{st.st_size}|{st.st_mtime_ns}"
    except OSError:
        return path


def digest(text: str | bytes) -> str:
    """A short, stable hash (hex) of a text or bytes."""
    data = text if isinstance(text, bytes) else text.encode("utf-8", "backslashreplace")
    return hashlib.sha1(data).hexdigest()[:16]


def _renamed(article_id: str, stem: str, prefix: str) -> str:
    """The file stem at the start of an article id ("x", "x:12") replaced by the path in the folder."""
    if article_id == stem or article_id.startswith(stem + ":"):
        return prefix + article_id[len(stem) :]
    return article_id
