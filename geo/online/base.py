"""The plug-in interface of the online fallback: one abstract geocoder, one result type.

Each web service (Nominatim, GeoNames) is a small subclass of :class:`OnlineGeocoder` that asks
the service through geopy and turns its answer into an :class:`OnlineResult`. The subclasses know
nothing about caching, rate limits or retries: :class:`geo.online.fallback.OnlineFallback` adds those
around any geocoder, so a new service is one more subclass.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlsplit

from ..errors import OnlineError

__all__ = ["OnlineResult", "OnlineGeocoder", "default_user_agent", "split_url"]


@dataclass(frozen=True, slots=True)
class OnlineResult:
    """One place a web service found for a name the offline gazetteer could not resolve.

    ``feature_class``/``feature_code`` follow GeoNames (``P``/``PPL``...); services that do not give
    them leave ``None``. ``source`` names the service (``"nominatim"``, ``"geonames"``) and
    ``source_id`` the record there (a GeoNames id, or Nominatim's ``"relation/12345"``).
    """

    query: str
    name: str
    display_name: str
    lat: float
    lon: float
    source: str
    source_id: str = ""
    country_code: str = ""
    admin1: str = ""
    feature_class: str | None = None
    feature_code: str | None = None
    population: int | None = None
    score: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """The result in the shape of ``geo geocode`` results, plus the online-only fields.

        ``geonameid`` is filled only for GeoNames answers; ``matched`` is the query sent.
        """
        return {
            "geonameid": int(self.source_id) if self.source == "geonames" and self.source_id.isdigit() else None,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "feature_class": self.feature_class,
            "feature_code": self.feature_code,
            "population": self.population,
            "radius_km": None,
            "score": self.score,
            "matched": self.query,
            "source": self.source,
            "source_id": self.source_id,
            "display_name": self.display_name,
        }

    def to_record(self) -> dict[str, Any]:
        """All fields as plain JSON values (what the cache stores)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> OnlineResult:
        """The inverse of :meth:`to_record`; unknown keys (from a newer version) are ignored."""
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in record.items() if k in known})


class OnlineGeocoder(ABC):
    """One web geocoding service, asked through geopy.

    ``lookup`` sends exactly one request and lets geopy's exceptions (timeouts, HTTP errors,
    refused connections) escape: deciding whether to retry, cache or give up is the caller's job.
    """

    #: The service's short name, also written as the ``source`` of its results.
    name: ClassVar[str]
    #: The service's public address, used when no URL is given.
    default_url: ClassVar[str]

    def __init__(self, *, url: str | None = None, user_agent: str | None = None, timeout: float = 10.0):
        self.scheme, self.domain = split_url(url or self.default_url)
        self.user_agent = user_agent if user_agent is not None else default_user_agent()
        if not self.user_agent.strip():
            raise OnlineError("the user agent must not be empty: web services ask clients to identify themselves")
        if timeout <= 0:
            raise OnlineError(f"the timeout must be positive, not {timeout}")
        self.timeout = timeout

    @property
    def url(self) -> str:
        """The base URL requests go to (part of the cache key: another server may answer differently)."""
        return f"{self.scheme}://{self.domain}"

    @abstractmethod
    def lookup(self, name: str, *, country_codes: tuple[str, ...] = ()) -> OnlineResult | None:
        """The service's best place for ``name`` (within ``country_codes`` if given), ``None`` if none."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(url={self.url!r})"


def split_url(url: str) -> tuple[str, str]:
    """``(scheme, domain)`` as geopy wants them; the domain may carry a path (``host:8080/nominatim``).

    A URL without a scheme gets ``https``. Raises :class:`OnlineError` for anything but http(s).
    """
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise OnlineError(f"{url!r} is not an http(s) URL of a geocoding service")
    if parts.query or parts.fragment:
        raise OnlineError(f"{url!r}: give the service's base URL, without '?' or '#' parts")
    return parts.scheme, (parts.netloc + parts.path).rstrip("/")


def default_user_agent() -> str:
    """``geo-claims/<version> (...)``: identifies this program to the service, as Nominatim's policy asks."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        ours = version("geo-claims")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree that is not installed
        ours = "dev"
    return f"geo-claims/{ours} (offline Arabic-first geoparser; online fallback through geopy)"


def geopy_adapter_factory(*, proxies: Any, ssl_context: Any) -> Any:
    """A geopy HTTP adapter that does not retry on its own: :mod:`geo.online.throttle` owns retries.

    geopy's default ``requests`` adapter retries refused connections twice behind our back, which would
    multiply the retries and break "one request per attempt"; without ``requests``, urllib is used.
    """
    from geopy.adapters import RequestsAdapter, URLLibAdapter

    if RequestsAdapter.is_available:
        return RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)
    return URLLibAdapter(proxies=proxies, ssl_context=ssl_context)  # pragma: no cover - requests missing


def as_int(value: Any) -> int | None:
    """``value`` as an int (services send numbers as text, sometimes with thousands commas), else ``None``."""
    try:
        return int(str(value).replace(",", "").strip())
    except (TypeError, ValueError):
        return None


def as_float(value: Any) -> float | None:
    """``value`` as a float, or ``None`` when it is missing or not a number."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
