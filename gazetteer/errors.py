"""The gazetteer's exceptions: one root, leaves that also inherit the built-in they resemble."""

from __future__ import annotations

__all__ = [
    "GazetteerError",
    "SourceError",
    "BadSourceLine",
    "IndexMissing",
    "IndexCorrupt",
    "IndexOutdated",
]


class GazetteerError(Exception):
    """Root of every error the gazetteer raises on purpose."""


class SourceError(GazetteerError, ValueError):
    """A source file cannot be read (missing, not the expected format, truncated archive)."""


class BadSourceLine(SourceError):
    """One line of a source file is malformed; carries the file and line number."""

    def __init__(self, path: str, line: int, reason: str):
        super().__init__(f"{path}, line {line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


class IndexMissing(GazetteerError, FileNotFoundError):
    """No index has been built at the given place."""


class IndexCorrupt(GazetteerError, ValueError):
    """The index file exists but is not a readable gazetteer index."""


class IndexOutdated(GazetteerError, ValueError):
    """The index was built by an incompatible version of this package."""
