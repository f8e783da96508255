"""GeoNames dump files: the 19-column ``geoname`` table and the ``alternateNamesV2`` table.

Both are streamed line by line, so the 13-million-row ``allCountries.zip`` never sits in memory.
GeoNames data is licensed CC-BY 4.0 (https://www.geonames.org/).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..place import Name, Place
from .base import OnError, Source, read_lines

__all__ = ["GeoNamesDump", "GeoNamesAlternateNames", "parse_geoname"]

_LICENCE = "CC-BY 4.0"
_ATTRIBUTION = "GeoNames (https://www.geonames.org/)"
# Alternate-name "languages" that are codes or links, not names.
_NOT_NAMES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "abbr", "fr_1793"})


def parse_geoname(fields: list[str]) -> Place:
    """Turn the 19 fields of one ``geoname`` row into a :class:`Place`.

    Raises ``ValueError`` with a short reason when a field is missing or malformed.
    """
    if len(fields) != 19:
        raise ValueError(f"expected 19 tab-separated columns, found {len(fields)}")
    try:
        gid = int(fields[0])
    except ValueError:
        raise ValueError(f"geonameid {fields[0][:40]!r} is not an integer") from None
    if gid <= 0:
        raise ValueError(f"geonameid {gid} is not positive")
    try:
        lat, lon = float(fields[4]), float(fields[5])
    except ValueError:
        raise ValueError(f"latitude/longitude {fields[4][:20]!r}, {fields[5][:20]!r} are not numbers") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"coordinates {lat}, {lon} are out of range")
    name = fields[1].strip()
    if not name:
        raise ValueError("empty name")
    try:
        population = int(fields[14] or 0)
    except ValueError:
        raise ValueError(f"population {fields[14][:20]!r} is not an integer") from None
    names = [Name(name)]
    if fields[2] and fields[2] != name:
        names.append(Name(fields[2]))
    names.extend(Name(n) for n in fields[3].split(",") if n.strip())
    return Place(
        id=gid,
        name=name,
        lat=lat,
        lon=lon,
        country_code=fields[8],
        admin1=fields[10],
        feature_class=fields[6],
        feature_code=fields[7],
        population=population,
        names=tuple(names),
        source="geonames",
    )


class GeoNamesDump(Source):
    """A GeoNames ``geoname`` dump: ``allCountries.zip``, ``XX.zip``, ``XX.txt`` or ``cities500.txt``."""

    kind = "geonames"
    licence = _LICENCE
    attribution = _ATTRIBUTION

    def __init__(self, path: str | Path, *, on_error: OnError = "raise"):
        super().__init__(on_error=on_error)
        self._path = Path(path)

    @property
    def path(self) -> str:
        return str(self._path)

    def places(self) -> Iterator[Place]:
        for lineno, line in read_lines(self._path):
            if not line.strip() or line.startswith("#"):
                continue
            try:
                yield parse_geoname(line.split("\t"))
            except ValueError as err:
                self._bad(self.path, lineno, str(err))


class GeoNamesAlternateNames(Source):
    """``alternateNamesV2.zip`` (or ``.txt``): names with ISO language tags, for known places."""

    kind = "geonames-alternate-names"
    licence = _LICENCE
    attribution = _ATTRIBUTION

    def __init__(self, path: str | Path, *, on_error: OnError = "raise"):
        super().__init__(on_error=on_error)
        self._path = Path(path)

    @property
    def path(self) -> str:
        return str(self._path)

    def places(self) -> Iterator[Place]:
        return iter(())

    def names(self) -> Iterator[tuple[int, Name]]:
        hint = "alternateNamesV2" if "V2" in self._path.name else "alternateNames"
        for lineno, line in read_lines(self._path, member_hint=hint):
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) < 4 or not fields[1].isdigit():
                self._bad(
                    self.path, lineno, f"expected alternateId, geonameid, language, name; found {len(fields)} columns"
                )
                continue
            lang, text = fields[2], fields[3].strip()
            if lang in _NOT_NAMES or not text:
                continue
            yield int(fields[1]), Name(text, lang or None)
