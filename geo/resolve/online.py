"""Places the gazetteer lacks, from an online geocoder (opt-in): its answers as gazetteer matches.

The extractor asks only for names a settlement cue announces ("قرية X", "the town of X") and that
the offline index cannot resolve; every answer is cached by :mod:`geo.online`, so a name costs one
request ever. A place found this way carries its service as ``source`` ("nominatim", "geonames"),
which the output shows as ``place_source``.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from gazetteer import Match, Place

if TYPE_CHECKING:  # pragma: no cover
    from ..online import OnlineFallback, OnlineResult

__all__ = ["OnlineMatcher"]

#: The similarity an online answer is given: below an exact gazetteer spelling, above a guess.
_SIMILARITY = 0.9


class OnlineMatcher:
    """Looks up names through an :class:`~geo.online.OnlineFallback`, remembering each answer."""

    def __init__(self, online: OnlineFallback):
        self.online = online
        self._memo: dict[tuple[str, tuple[str, ...]], Match | None] = {}

    def __call__(self, name: str, countries: Iterable[str] = ()) -> Match | None:
        key = (name, tuple(countries))
        if key not in self._memo:
            result = self.online.lookup(name, country_codes=key[1])
            self._memo[key] = None if result is None else Match(_place(result), _SIMILARITY, result.name, _SIMILARITY)
        return self._memo[key]

    @property
    def failures(self) -> list[tuple[str, str]]:
        """Names left unresolved by network trouble: (name, reason)."""
        return self.online.failures


def _place(result: OnlineResult) -> Place:
    """A gazetteer place for an online answer: a GeoNames answer keeps its id; any other gets a
    negative id made from the service's own id (so the same answer is the same place)."""
    pid = None
    if result.source == "geonames" and str(result.source_id).isdigit():
        pid = int(result.source_id)
    if pid is None:
        pid = -(zlib.crc32(f"{result.source}:{result.source_id or result.name}".encode()) % 2_000_000_000) - 1
    return Place(
        id=pid,
        name=result.name,
        lat=result.lat,
        lon=result.lon,
        country_code=(result.country_code or "").upper(),
        feature_class=result.feature_class or "P",
        feature_code=result.feature_code or "PPL",
        population=result.population or 0,
        source=result.source,
    )
