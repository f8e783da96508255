"""Opt-in online geocoding for the names the offline gazetteer cannot resolve (Nominatim, GeoNames).

>>> from geo.online import make_online                                  # doctest: +SKIP
>>> with make_online("nominatim", url="http://localhost:8080") as online:  # doctest: +SKIP
...     online.lookup("Qqxyzville")

Nothing here runs unless asked for: ``geo`` works offline. Each service is a small
:class:`OnlineGeocoder` subclass over geopy; :class:`OnlineFallback` adds a persistent answer cache
(one request per name, ever), a rate limit, timeouts and retries, and never raises on network trouble.
geopy itself is imported only when a geocoder is made.
"""

from __future__ import annotations

from ..errors import OnlineError
from .base import OnlineGeocoder, OnlineResult, default_user_agent
from .cache import CACHE_ENV, CachedAnswer, OnlineCache, default_cache_path
from .fallback import SERVICES, OnlineFallback, make_online
from .geonames import USERNAME_ENV, GeoNamesGeocoder
from .nominatim import NominatimGeocoder
from .throttle import Throttle

__all__ = [
    "OnlineError",
    "OnlineResult",
    "OnlineGeocoder",
    "NominatimGeocoder",
    "GeoNamesGeocoder",
    "OnlineCache",
    "CachedAnswer",
    "Throttle",
    "OnlineFallback",
    "make_online",
    "SERVICES",
    "CACHE_ENV",
    "USERNAME_ENV",
    "default_cache_path",
    "default_user_agent",
]
