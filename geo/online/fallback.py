"""The online fallback: names the offline gazetteer cannot resolve, asked of a web service once, ever.

:class:`OnlineFallback` puts the answer cache, the pace and the retries around one
:class:`OnlineGeocoder`. It never raises on network trouble: a failed name stays unresolved, is
listed in :attr:`OnlineFallback.failures` and is asked again on a later run (failures are not cached).
After ``give_up_after`` failed names in a row, or a refusal that will not change (bad account,
spent quota), it stops asking for the rest of the run, so a dead server does not stall a batch.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from gazetteer import fold

from ..errors import OnlineError
from .base import OnlineGeocoder, OnlineResult
from .cache import OnlineCache
from .geonames import GeoNamesGeocoder
from .nominatim import NominatimGeocoder
from .throttle import Throttle, describe, is_transient

__all__ = ["OnlineFallback", "make_online", "SERVICES"]

#: The online services by name.
SERVICES: dict[str, type[OnlineGeocoder]] = {"nominatim": NominatimGeocoder, "geonames": GeoNamesGeocoder}


class OnlineFallback:
    """Cached, paced, retried lookups through ``geocoder``; failures are listed, never raised.

    ``cache`` defaults to the shared file (:func:`geo.online.cache.default_cache_path`), ``throttle``
    to one request a second with two retries.
    """

    def __init__(
        self,
        geocoder: OnlineGeocoder,
        cache: OnlineCache | None = None,
        *,
        throttle: Throttle | None = None,
        give_up_after: int = 3,
    ):
        self.geocoder = geocoder
        self.cache = cache if cache is not None else OnlineCache()
        self.throttle = throttle if throttle is not None else Throttle()
        self.give_up_after = max(1, give_up_after)
        #: ``(name, one-line reason)`` for each name left unresolved by network trouble, in order.
        self.failures: list[tuple[str, str]] = []
        #: Names sent to the service in this run (cache hits and retries are not counted).
        self.lookups = 0
        self._failed_names: set[str] = set()
        self._in_a_row = 0
        self._stopped: str | None = None  # why the service is not asked any more in this run

    @property
    def service(self) -> str:
        """The service's name (``nominatim``, ``geonames``): the ``source`` of its results."""
        return self.geocoder.name

    def lookup(self, name: str, country_codes: tuple[str, ...] = ()) -> OnlineResult | None:
        """The service's place for ``name``, from the cache when it was ever asked; ``None`` otherwise.

        ``None`` means "nothing found" or "not reachable now": the latter is in :attr:`failures`.
        Blank names are never sent.
        """
        query = " ".join(name.split())
        if not fold(query):
            return None
        countries = tuple(sorted({c.strip().upper() for c in country_codes if c.strip()}))
        hit = self.cache.get(self.service, self.geocoder.url, query, countries)
        if hit is not None:
            return hit.result
        if self._stopped is not None:
            self._fail(name, f"not asked: {self._stopped}")
            return None
        self.lookups += 1
        try:
            result = self.throttle.call(lambda: self.geocoder.lookup(query, country_codes=countries))
        except Exception as err:  # whatever went wrong, the batch goes on without this name
            self._fail(name, describe(err))
            self._in_a_row += 1
            if not is_transient(err) and _is_refusal(err):
                self._stopped = f"{self.service} refused earlier requests ({describe(err)})"
            elif self._in_a_row >= self.give_up_after:
                self._stopped = f"{self.service} failed {self._in_a_row} names in a row"
            return None
        self._in_a_row = 0
        self.cache.put(self.service, self.geocoder.url, query, countries, result)
        return result

    def failure_message(self) -> str | None:
        """One line naming the names left unresolved and why, or ``None`` when there were none."""
        if not self.failures:
            return None
        listed = "; ".join(f"{name!r} ({reason})" for name, reason in self.failures)
        n = len(self.failures)
        return (
            f"online lookup through {self.service} failed for {n} name{'s' if n != 1 else ''}, "
            f"left unresolved (asked again next run): {listed}"
        )

    def close(self) -> None:
        """Release the cache file."""
        self.cache.close()

    def __enter__(self) -> OnlineFallback:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _fail(self, name: str, reason: str) -> None:
        if name not in self._failed_names:
            self._failed_names.add(name)
            self.failures.append((name, reason))


def make_online(
    service: str,
    *,
    url: str | None = None,
    user_agent: str | None = None,
    username: str | None = None,
    cache_path: str | os.PathLike[str] | None = None,
    min_delay: float = 1.0,
    timeout: float = 10.0,
    retries: int = 2,
    backoff: float = 2.0,
    clock: Callable[[], float] | None = None,
    sleep: Callable[[float], None] | None = None,
) -> OnlineFallback:
    """An :class:`OnlineFallback` for ``service`` (``"nominatim"`` or ``"geonames"``).

    ``url`` points at another server (a self-hosted Nominatim, a test server); ``username`` is the
    GeoNames account (default ``$GEONAMES_USERNAME``); ``cache_path`` the SQLite answer cache
    (default ``$GEO_ONLINE_CACHE`` or ``online.sqlite`` in the cache directory). Raises
    :class:`~geo.errors.OnlineError` for an unknown service or a missing GeoNames username.
    """
    from geopy.exc import ConfigurationError

    if service not in SERVICES:
        raise OnlineError(f"unknown online service {service!r}; choose {' or '.join(SERVICES)}")
    try:
        if service == "geonames":
            geocoder: OnlineGeocoder = GeoNamesGeocoder(
                username=username, url=url, user_agent=user_agent, timeout=timeout
            )
        else:
            geocoder = SERVICES[service](url=url, user_agent=user_agent, timeout=timeout)
    except ConfigurationError as err:  # geopy refuses e.g. its sample user agent on the public server
        raise OnlineError(f"{service}: {err}") from None
    try:
        throttle = Throttle(min_delay, retries=retries, backoff=backoff, clock=clock, sleep=sleep)
    except ValueError as err:
        raise OnlineError(str(err)) from None
    return OnlineFallback(geocoder, OnlineCache(cache_path), throttle=throttle)


def _is_refusal(err: BaseException) -> bool:
    """A refusal that holds for every name: bad credentials, no permission, a spent quota."""
    from geopy import exc

    return isinstance(
        err, exc.GeocoderAuthenticationFailure | exc.GeocoderInsufficientPrivileges | exc.GeocoderQuotaExceeded
    ) and not isinstance(err, exc.GeocoderRateLimited)
