"""The one interface every gazetteer source implements, and helpers to read source files."""

from __future__ import annotations

import io
import zipfile
import zlib
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadSourceLine, SourceError
from ..place import Name, Place

__all__ = ["Source", "SourceInfo", "OnError", "read_lines"]

#: What a source does with a malformed line: stop with an error, or skip it and count it.
OnError = str  # "raise" | "skip"


@dataclass(frozen=True)
class SourceInfo:
    """What a source is, for ``geo gazetteer info`` and the README's attribution list."""

    name: str
    path: str
    licence: str
    attribution: str


class Source(ABC):
    """A provider of places, read in one streaming pass.

    Subclasses set ``kind`` (the registry key) and implement :meth:`places`. Constructors only
    record their arguments; files are opened when :meth:`places` is iterated.
    """

    kind: str = ""
    licence: str = ""
    attribution: str = ""

    def __init__(self, *, on_error: OnError = "raise"):
        if on_error not in ("raise", "skip"):
            raise ValueError(f"on_error must be 'raise' or 'skip', not {on_error!r}")
        self.on_error = on_error
        #: Malformed lines skipped so far (only with ``on_error="skip"``).
        self.skipped = 0

    @property
    def path(self) -> str:
        return ""

    def info(self) -> SourceInfo:
        return SourceInfo(self.kind, self.path, self.licence, self.attribution)

    @abstractmethod
    def places(self) -> Iterator[Place]:
        """Yield the source's places; a place whose id is already known adds its names to it."""

    def names(self) -> Iterator[tuple[int, Name]]:
        """Yield extra ``(place id, name)`` pairs for places given by other sources."""
        return iter(())

    def _bad(self, path: str, line: int, reason: str) -> None:
        if self.on_error == "skip":
            self.skipped += 1
            return
        raise BadSourceLine(path, line, reason)


def read_lines(path: str | Path, *, member_hint: str = "") -> Iterator[tuple[int, str]]:
    """Stream ``(line number, text)`` from a UTF-8 text file, plain or inside a zip archive.

    In a zip, the member is the ``.txt`` file named like the archive (``AZ.zip`` -> ``AZ.txt``),
    else the largest ``.txt`` member that is not a readme. Archive damage (truncation, bad
    CRC) and undecodable bytes become :class:`SourceError` naming the file and line.
    """
    p = Path(path)
    if not p.exists():
        raise SourceError(f"{p}: no such file")
    if p.is_dir():
        raise SourceError(f"{p}: is a directory, not a file")
    lineno = 0
    try:
        if zipfile.is_zipfile(p) or p.suffix.lower() == ".zip":
            with zipfile.ZipFile(p) as zf, zf.open(_pick_member(zf, p, member_hint)) as raw:
                for lineno, line in enumerate(io.BufferedReader(raw, 1 << 20), 1):
                    yield lineno, _decode(line, p, lineno)
        else:
            with open(p, "rb") as fh:
                for lineno, line in enumerate(fh, 1):
                    yield lineno, _decode(line, p, lineno)
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:
        where = f", line {lineno + 1}" if lineno else ""
        raise SourceError(f"{p}{where}: damaged or truncated zip archive ({err})") from err
    except OSError as err:
        raise SourceError(f"{p}: cannot read ({err.strerror or err})") from err


def _decode(line: bytes, path: Path, lineno: int) -> str:
    try:
        return line.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as err:
        raise SourceError(f"{path}, line {lineno}: not UTF-8 text ({err.reason} at byte {err.start + 1})") from None


def _pick_member(zf: zipfile.ZipFile, path: Path, hint: str) -> str:
    members = [i for i in zf.infolist() if i.filename.lower().endswith(".txt")]
    if not members:
        raise SourceError(f"{path}: the archive holds no .txt file")
    wanted = (hint or path.stem).lower() + ".txt"
    for info in members:
        if info.filename.lower().rsplit("/", 1)[-1] == wanted:
            return info.filename
    members = [i for i in members if "readme" not in i.filename.lower()] or members
    return max(members, key=lambda i: i.file_size).filename
