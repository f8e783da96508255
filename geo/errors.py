"""Exceptions of the ``geo`` package: one root, leaves that also inherit the built-in they resemble."""

from __future__ import annotations

__all__ = [
    "GeoError",
    "InputError",
    "OutputError",
    "OnlineError",
    "UnknownLanguage",
    "ArticleTimeout",
    "DiskFull",
    "UnwritableRows",
]


class GeoError(Exception):
    """Root of every error ``geo`` raises on purpose."""


class InputError(GeoError, ValueError):
    """An input file cannot be used (unreadable, not text, a malformed line); names file and line."""


class OutputError(GeoError, OSError):
    """An output file cannot be written (missing directory, no permission); names the path."""


class DiskFull(OutputError):
    """The disk filled up while writing; the message names the file, and what was removed or kept."""


class UnwritableRows(GeoError, ValueError):
    """One article's rows cannot be encoded in the output format; that article fails alone."""


class ArticleTimeout(GeoError, TimeoutError):
    """An article took longer than its time budget (``--article-timeout``); it fails alone."""


class OnlineError(GeoError, ValueError):
    """The opt-in online geocoding is misconfigured (unknown service, no GeoNames username, bad URL or cache file).

    Only the user's mistakes raise it; network trouble during lookups never does (the names stay unresolved).
    """


class UnknownLanguage(GeoError, LookupError):
    """No language pack for a code (``--lang xx``); the message lists the codes there are."""
