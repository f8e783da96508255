"""A persistent cache of online answers, so that each name is asked of a service once, ever.

Both kinds of answer are kept: the place found, and "nothing found" (asking again would only cost
the service another request). Network failures are not answers and are never stored, so a later
run tries those names again. The cache is one SQLite file in WAL mode, written in short transactions,
so several processes may share it; it is keyed by service, server URL, the folded name (``Baku``
and ``BAKU`` are one entry) and the country codes the search was restricted to.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

from gazetteer import fold
from gazetteer.paths import cache_dir

from ..errors import OnlineError
from .base import OnlineResult

__all__ = ["OnlineCache", "CachedAnswer", "default_cache_path", "CACHE_ENV"]

log = logging.getLogger(__name__)

#: Environment variable naming the cache file (default: ``online.sqlite`` in the project's cache directory).
CACHE_ENV = "GEO_ONLINE_CACHE"
_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    service    TEXT NOT NULL,
    url        TEXT NOT NULL,
    query      TEXT NOT NULL,
    countries  TEXT NOT NULL,
    result     TEXT,
    fetched_at REAL NOT NULL,
    PRIMARY KEY (service, url, query, countries)
)
"""


def default_cache_path() -> Path:
    """``$GEO_ONLINE_CACHE``, else ``online.sqlite`` in :func:`gazetteer.paths.cache_dir` (``$GEO_CACHE_DIR``)."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else cache_dir() / "online.sqlite"


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    """A stored answer: the place found, or ``None`` when the service found nothing."""

    result: OnlineResult | None


class OnlineCache:
    """The SQLite answer cache at ``path`` (created on first use with its parent directory).

    ``lock_timeout`` is how long a write waits for another process holding the file.
    Reading or writing trouble after opening is logged and treated as a miss: a cache problem
    must not lose a batch, it only costs requests.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, lock_timeout: float = 30.0):
        self.path = Path(path) if path is not None else default_cache_path()
        self.lock_timeout = lock_timeout
        self._local = threading.local()
        self._connect()  # fail now, with a clear message, if the file cannot be used

    def get(self, service: str, url: str, name: str, country_codes: tuple[str, ...] = ()) -> CachedAnswer | None:
        """The stored answer for ``name``, or ``None`` if the service was never asked (a miss)."""
        try:
            row = (
                self._connect()
                .execute(
                    "SELECT result FROM answers WHERE service = ? AND url = ? AND query = ? AND countries = ?",
                    self._key(service, url, name, country_codes),
                )
                .fetchone()
            )
        except sqlite3.Error as err:
            log.warning("online cache %s: cannot read (%s)", self.path, err)
            return None
        if row is None:
            return None
        if row[0] is None:
            return CachedAnswer(None)
        # The entry may have been stored for another spelling that folds the same: answer for this one.
        return CachedAnswer(replace(OnlineResult.from_record(json.loads(row[0])), query=name))

    def put(
        self, service: str, url: str, name: str, country_codes: tuple[str, ...], result: OnlineResult | None
    ) -> None:
        """Store the service's answer for ``name`` (``None``: it found nothing)."""
        record = json.dumps(result.to_record(), ensure_ascii=False) if result is not None else None
        try:
            with self._connect() as conn:
                conn.execute(
                    "INSERT OR REPLACE INTO answers (service, url, query, countries, result, fetched_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (*self._key(service, url, name, country_codes), record, time.time()),
                )
        except sqlite3.Error as err:
            log.warning("online cache %s: cannot write (%s); the name will be asked again next time", self.path, err)

    def __len__(self) -> int:
        return self._connect().execute("SELECT count(*) FROM answers").fetchone()[0]

    def close(self) -> None:
        """Close this thread's connection (others close when their thread ends)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    @staticmethod
    def _key(service: str, url: str, name: str, country_codes: tuple[str, ...]) -> tuple[str, str, str, str]:
        countries = ",".join(sorted({c.strip().upper() for c in country_codes if c.strip()}))
        return service, url.rstrip("/"), fold(name), countries

    def _connect(self) -> sqlite3.Connection:
        """This thread's connection (sqlite3 connections must not cross threads)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=self.lock_timeout)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > _SCHEMA_VERSION:
                raise OnlineError(f"{self.path}: online cache written by a newer version (schema {version})")
            with conn:
                conn.execute(_SCHEMA)
                conn.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
        except (OSError, sqlite3.Error) as err:
            raise OnlineError(f"{self.path}: cannot use as the online cache ({err})") from None
        self._local.conn = conn
        return conn
