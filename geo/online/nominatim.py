"""Nominatim (OpenStreetMap's geocoder), public or self-hosted, as an :class:`OnlineGeocoder`.

The public server's usage policy asks for an identifying user agent and at most one request a
second; the user agent is set here, the pace by :class:`geo.online.throttle.Throttle`.
"""

from __future__ import annotations

from typing import Any

from .base import OnlineGeocoder, OnlineResult, as_float, as_int, geopy_adapter_factory

__all__ = ["NominatimGeocoder", "feature_of"]

#: OSM ``class``/``type`` pairs with a close GeoNames feature class and code.
_FEATURES: dict[tuple[str, str], tuple[str, str]] = {
    ("place", "city"): ("P", "PPL"),
    ("place", "town"): ("P", "PPL"),
    ("place", "village"): ("P", "PPL"),
    ("place", "hamlet"): ("P", "PPL"),
    ("place", "isolated_dwelling"): ("P", "PPL"),
    ("place", "suburb"): ("P", "PPLX"),
    ("place", "quarter"): ("P", "PPLX"),
    ("place", "neighbourhood"): ("P", "PPLX"),
    ("place", "locality"): ("L", "LCTY"),
    ("place", "region"): ("L", "RGN"),
    ("place", "country"): ("A", "PCLI"),
    ("place", "state"): ("A", "ADM1"),
    ("place", "province"): ("A", "ADM1"),
    ("place", "county"): ("A", "ADM2"),
    ("place", "district"): ("A", "ADM2"),
    ("place", "island"): ("T", "ISL"),
    ("place", "islet"): ("T", "ISL"),
    ("natural", "peak"): ("T", "PK"),
    ("natural", "volcano"): ("T", "VLC"),
    ("natural", "valley"): ("T", "VAL"),
    ("natural", "mountain_range"): ("T", "MTS"),
    ("natural", "water"): ("H", "LK"),
    ("natural", "bay"): ("H", "BAY"),
    ("waterway", "river"): ("H", "STM"),
    ("waterway", "stream"): ("H", "STM"),
    ("waterway", "dam"): ("S", "DAM"),
    ("aeroway", "aerodrome"): ("S", "AIRP"),
    ("military", "base"): ("S", "INSM"),
    ("landuse", "military"): ("S", "INSM"),
}
#: Administrative boundaries: Nominatim's ``addresstype`` says which level the area is.
_ADMIN_LEVELS: dict[str, tuple[str, str]] = {
    "country": ("A", "PCLI"),
    "state": ("A", "ADM1"),
    "province": ("A", "ADM1"),
    "region": ("A", "ADM1"),
    "county": ("A", "ADM2"),
    "district": ("A", "ADM2"),
    "municipality": ("A", "ADM3"),
    "city": ("P", "PPL"),
    "town": ("P", "PPL"),
    "village": ("P", "PPL"),
}


class NominatimGeocoder(OnlineGeocoder):
    """Nominatim's ``/search``, one best result per name, names in English where OSM has them.

    ``url`` may carry a path for self-hosted servers (``http://localhost:8080/nominatim``).
    """

    name = "nominatim"
    default_url = "https://nominatim.openstreetmap.org"
    #: Names come back in this language when OSM has them, as the offline gazetteer's names are.
    language = "en"

    def __init__(self, *, url: str | None = None, user_agent: str | None = None, timeout: float = 10.0):
        super().__init__(url=url, user_agent=user_agent, timeout=timeout)
        from geopy.geocoders import Nominatim

        self._geopy = Nominatim(
            domain=self.domain,
            scheme=self.scheme,
            user_agent=self.user_agent,
            timeout=self.timeout,
            adapter_factory=geopy_adapter_factory,
        )

    def lookup(self, name: str, *, country_codes: tuple[str, ...] = ()) -> OnlineResult | None:
        """The best OSM feature for ``name``; ``country_codes`` restrict the search (ISO alpha-2)."""
        location = self._geopy.geocode(
            name,
            exactly_one=True,
            addressdetails=True,
            extratags=True,
            language=self.language,
            country_codes=[c.lower() for c in country_codes] or None,
        )
        if location is None:
            return None
        return self.parse(name, location.raw)

    @staticmethod
    def parse(query: str, raw: dict[str, Any]) -> OnlineResult:
        """An :class:`OnlineResult` from one record of Nominatim's JSON answer."""
        display = str(raw.get("display_name") or "")
        address = raw.get("address") or {}
        extratags = raw.get("extratags") or {}
        feature_class, feature_code = feature_of(raw)
        osm_type, osm_id = raw.get("osm_type"), raw.get("osm_id")
        return OnlineResult(
            query=query,
            name=str(raw.get("name") or display.split(",")[0].strip() or query),
            display_name=display,
            lat=float(raw["lat"]),
            lon=float(raw["lon"]),
            source=NominatimGeocoder.name,
            source_id=f"{osm_type}/{osm_id}" if osm_type and osm_id is not None else str(raw.get("place_id", "")),
            country_code=str(address.get("country_code") or "").upper(),
            feature_class=feature_class,
            feature_code=feature_code,
            population=as_int(extratags.get("population")),
            score=as_float(raw.get("importance")),
        )


def feature_of(raw: dict[str, Any]) -> tuple[str | None, str | None]:
    """The GeoNames feature class and code closest to a Nominatim record, or ``(None, None)``."""
    osm_class, osm_type = str(raw.get("class") or raw.get("category") or ""), str(raw.get("type") or "")
    if (osm_class, osm_type) in _FEATURES:
        return _FEATURES[osm_class, osm_type]
    if osm_class == "boundary" and osm_type == "administrative":
        return _ADMIN_LEVELS.get(str(raw.get("addresstype") or ""), ("A", None))
    return None, None
