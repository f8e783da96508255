"""Pace and retry requests to a web service: one request per ``min_delay`` seconds, back-off on trouble.

Public geocoders ban clients that hammer them (Nominatim allows one request a second), and networks
fail now and then. :class:`Throttle` wraps each request: it waits until the service may be asked
again, retries timeouts, refused connections, 429 and 5xx answers with a doubling back-off, and
re-raises the last error when the retries are spent. The clock and the sleep are injectable, so tests
check the waits without waiting.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import TypeVar

__all__ = ["Throttle", "is_transient", "describe"]

T = TypeVar("T")
_ERRNO = re.compile(r"\[Errno -?\d+\] ([^'\")\]]+)")


class Throttle:
    """One request per ``min_delay`` seconds; ``retries`` more attempts after a transient failure.

    The n-th retry waits at least ``backoff * 2**(n-1)`` seconds (or the service's ``Retry-After``
    when longer). ``clock`` is a monotonic clock in seconds, ``sleep`` waits (``time`` by default).
    """

    def __init__(
        self,
        min_delay: float = 1.0,
        *,
        retries: int = 2,
        backoff: float = 2.0,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
    ):
        if min_delay < 0 or retries < 0 or backoff < 0:
            raise ValueError("min_delay, retries and backoff must not be negative")
        self.min_delay = min_delay
        self.retries = retries
        self.backoff = backoff
        self.clock = clock or time.monotonic
        self.sleep = sleep or time.sleep
        self._last: float | None = None  # when the last request started

    def wait(self, at_least: float = 0.0) -> None:
        """Sleep until ``min_delay`` has passed since the last request, and at least ``at_least`` seconds."""
        now = self.clock()
        delay = at_least
        if self._last is not None:
            delay = max(delay, self._last + self.min_delay - now)
        if delay > 0:
            self.sleep(delay)
        self._last = self.clock()

    def call(self, request: Callable[[], T]) -> T:
        """``request()`` paced and retried; the last error escapes when every attempt failed."""
        pause = 0.0
        for attempt in range(self.retries + 1):
            self.wait(pause)
            try:
                return request()
            except Exception as err:
                if attempt == self.retries or not is_transient(err):
                    raise
                pause = self.backoff * 2**attempt
                retry_after = getattr(err, "retry_after", None)
                if isinstance(retry_after, int | float) and retry_after > pause:
                    pause = float(retry_after)
        raise AssertionError("unreachable")  # pragma: no cover


def is_transient(err: BaseException) -> bool:
    """Whether trying again later may succeed: timeouts, unreachable servers, 429 and 5xx answers.

    Refusals that will not change (bad credentials, a bad query, a spent quota, an unreadable
    answer) are not transient: retrying them only costs the service requests.
    """
    from geopy import exc

    if isinstance(err, exc.GeocoderTimedOut | exc.GeocoderUnavailable | exc.GeocoderRateLimited):
        return True
    if isinstance(
        err,
        exc.GeocoderQueryError
        | exc.GeocoderQuotaExceeded
        | exc.GeocoderAuthenticationFailure
        | exc.GeocoderInsufficientPrivileges
        | exc.GeocoderParseError,
    ):
        return False
    if isinstance(err, exc.GeocoderServiceError):
        status = _http_status(err)
        # No status: a connection-level failure that geopy could not classify (e.g. a reset).
        return status is None or status >= 500
    return isinstance(err, OSError)


def describe(err: BaseException) -> str:
    """A one-line reason for a failed lookup, for warnings (``HTTP 500``, ``timed out``...)."""
    from geopy import exc

    status = _http_status(err)
    if isinstance(err, exc.GeocoderTimedOut):
        reason = f"timed out (HTTP {status})" if status else "timed out"
    elif isinstance(err, exc.GeocoderRateLimited):
        reason = f"rate-limited by the service (HTTP {status or 429})"
    elif status is not None:
        reason = f"HTTP {status}"
    elif isinstance(err, exc.GeocoderUnavailable):
        reason = "service unreachable"
    else:
        reason = type(err).__name__
    if status is None and not isinstance(err, exc.GeocoderTimedOut):
        detail = " ".join(str(err).split())
        # Connection errors nest the useful part ("[Errno 111] Connection refused") deep in the message.
        errno = _ERRNO.search(detail)
        detail = errno.group(1) if errno else detail
        if detail:
            reason += f": {detail[:120]}"
    return reason


def _http_status(err: BaseException) -> int | None:
    """The HTTP status behind a geopy error (geopy chains its adapter's error as the cause)."""
    cause = err.__cause__
    status = getattr(cause, "status_code", None)
    return status if isinstance(status, int) else None
