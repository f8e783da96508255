"""Gazetteer sources: one small interface (:class:`Source`), one module per kind, one registry."""

from __future__ import annotations

from .areas import Admin1, Countries
from .base import OnError, Source, SourceInfo, read_lines
from .embedded import Cities500
from .geonames import GeoNamesAlternateNames, GeoNamesDump
from .regions import Regions
from .supplement import PackagedSupplement, Supplement

__all__ = [
    "Source",
    "SourceInfo",
    "OnError",
    "read_lines",
    "Cities500",
    "Countries",
    "Admin1",
    "Regions",
    "GeoNamesDump",
    "GeoNamesAlternateNames",
    "Supplement",
    "PackagedSupplement",
    "SOURCES",
    "default_sources",
    "source_class",
]

#: Every source kind by name.
SOURCES: dict[str, type[Source]] = {
    cls.kind: cls
    for cls in (
        Cities500,
        Countries,
        Admin1,
        Regions,
        PackagedSupplement,
        GeoNamesDump,
        GeoNamesAlternateNames,
        Supplement,
    )
}


def source_class(kind: str) -> type[Source]:
    """Look a source kind up by name; the error lists the valid names."""
    try:
        return SOURCES[kind]
    except KeyError:
        raise KeyError(f"unknown gazetteer source {kind!r}; known: {', '.join(sorted(SOURCES))}") from None


def default_sources() -> list[Source]:
    """The embedded default: cities500, countries, admin-1 divisions, regions and the curated supplement."""
    return [Cities500(), Countries(), Admin1(), Regions(), PackagedSupplement()]
