"""The GeoNames search web service as an :class:`OnlineGeocoder`.

GeoNames needs a (free) account name on every request; its answers are GeoNames records, so the
results carry a real ``geonameid`` and feature class/code, like the offline gazetteer's own.
"""

from __future__ import annotations

import os
from typing import Any

from ..errors import OnlineError
from .base import OnlineGeocoder, OnlineResult, as_float, as_int, geopy_adapter_factory

__all__ = ["GeoNamesGeocoder", "USERNAME_ENV"]

#: Environment variable read when no username is given.
USERNAME_ENV = "GEONAMES_USERNAME"


class GeoNamesGeocoder(OnlineGeocoder):
    """GeoNames' ``/searchJSON``, one best record per name.

    The public API is served over plain http (geopy's default too); pass an ``https://`` URL to a
    server that offers it.
    """

    name = "geonames"
    default_url = "http://api.geonames.org"

    def __init__(
        self,
        *,
        username: str | None = None,
        url: str | None = None,
        user_agent: str | None = None,
        timeout: float = 10.0,
    ):
        super().__init__(url=url, user_agent=user_agent, timeout=timeout)
        username = (username or os.environ.get(USERNAME_ENV) or "").strip()
        if not username:
            raise OnlineError(
                f"GeoNames needs an account name: pass --geonames-username NAME or set {USERNAME_ENV} "
                "(free sign-up at https://www.geonames.org/login, then enable the web services)"
            )
        self.username = username
        from geopy.geocoders import GeoNames

        self._geopy = GeoNames(
            username,
            domain=self.domain,
            scheme=self.scheme,
            user_agent=self.user_agent,
            timeout=self.timeout,
            adapter_factory=geopy_adapter_factory,
        )

    def lookup(self, name: str, *, country_codes: tuple[str, ...] = ()) -> OnlineResult | None:
        """The best GeoNames record for ``name``; ``country_codes`` restrict the search (ISO alpha-2)."""
        location = self._geopy.geocode(name, exactly_one=True, country=[c.upper() for c in country_codes] or None)
        if location is None:
            return None
        return self.parse(name, location.raw, display_name=location.address)

    @staticmethod
    def parse(query: str, raw: dict[str, Any], *, display_name: str = "") -> OnlineResult:
        """An :class:`OnlineResult` from one record of GeoNames' ``geonames`` list."""
        geonameid = raw.get("geonameId")
        name = str(raw.get("name") or raw.get("toponymName") or query)
        return OnlineResult(
            query=query,
            name=name,
            display_name=display_name or name,
            lat=float(raw["lat"]),
            lon=float(raw["lng"]),
            source=GeoNamesGeocoder.name,
            source_id=str(geonameid) if geonameid is not None else "",
            country_code=str(raw.get("countryCode") or "").upper(),
            admin1=str(raw.get("adminCode1") or ""),
            feature_class=raw.get("fcl") or None,
            feature_code=raw.get("fcode") or None,
            population=as_int(raw.get("population")),
            score=as_float(raw.get("score")),
        )
