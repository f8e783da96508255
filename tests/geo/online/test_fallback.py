"""The fallback around a service: one request per name ever, retries, timeouts, pace, failures listed."""

from __future__ import annotations

import multiprocessing
import sqlite3
from concurrent.futures import ProcessPoolExecutor

import pytest

from geo.online import CachedAnswer, OnlineCache, OnlineFallback, OnlineResult, Throttle, default_cache_path
from geo.online.nominatim import NominatimGeocoder

from .fake_server import closed_port_url


def test_one_request_per_name_ever(online, server, cache_file):
    first = online()
    found = first.lookup("Qqxyzville Zzt")
    assert first.lookup("Qqxyzville Zzt") == found
    assert server.count("/search") == 1
    first.close()
    again = online()  # another run, same cache file
    assert again.lookup("Qqxyzville Zzt") == found
    respelt = again.lookup("  QQXYZVILLE   zzt ")  # folds to the same key: a hit, answered for this spelling
    assert respelt.query == "QQXYZVILLE zzt" and respelt.source_id == found.source_id
    assert server.count() == 1 and again.lookups == 0


def test_nothing_found_is_cached_too(online, server):
    first = online()
    assert first.lookup("Nowhere Qqq") is None and server.count() == 1
    assert first.lookup("Nowhere Qqq") is None
    assert online().lookup("nowhere qqq") is None
    assert server.count() == 1 and first.failures == []


def test_answers_are_kept_per_service_server_and_countries(online, server, tmp_path, cache_file):
    online().lookup("Qqxyzville Zzt")
    online().lookup("Qqxyzville Zzt", ("YE",))
    online("geonames").lookup("Qqxyzville Zzt")
    assert server.count() == 3
    with sqlite3.connect(cache_file) as conn:
        rows = conn.execute("SELECT service, query, countries, result IS NULL FROM answers ORDER BY 1, 3").fetchall()
    assert rows == [
        ("geonames", "qqxyzville zzt", "", 0),
        ("nominatim", "qqxyzville zzt", "", 0),
        ("nominatim", "qqxyzville zzt", "YE", 0),
    ]


def test_retries_a_500_then_succeeds(online, server, clock):
    server.script["Qqxyzville Zzt"] = ["500"]
    fallback = online(retries=2, backoff=2.0)
    assert fallback.lookup("Qqxyzville Zzt").source_id == "node/987654321"
    assert server.count() == 2 and fallback.failures == []
    assert clock.sleeps == [2.0]  # the back-off, which also covers the one-second pace


def test_failures_are_listed_not_cached_and_asked_again_later(online, server, clock, cache_file):
    server.script["Qqxyzville Zzt"] = ["500", "500", "500"]
    fallback = online(retries=2, backoff=2.0)
    assert fallback.lookup("Qqxyzville Zzt") is None
    assert server.count() == 3 and clock.sleeps == [2.0, 4.0]
    assert fallback.failures == [("Qqxyzville Zzt", "HTTP 500")]
    assert "'Qqxyzville Zzt' (HTTP 500)" in fallback.failure_message()
    assert len(OnlineCache(cache_file)) == 0
    assert online().lookup("Qqxyzville Zzt").name == "Qqxyzville Zzt"  # the next run asks again
    assert server.count() == 4


def test_a_batch_goes_on_past_a_failed_name(online, server):
    server.script["Qqxyzville Zzt"] = ["500"]
    fallback = online(retries=0)
    results = [fallback.lookup(n) for n in ("Qqxyzville Zzt", "Wwqqa Ridge", "Nowhere Qqq")]
    assert [r.name if r else None for r in results] == [None, "Wwqqa Ridge", None]
    assert [name for name, _ in fallback.failures] == ["Qqxyzville Zzt"]


def test_timeout_is_a_failure(online, server):
    server.script["Qqxyzville Zzt"] = ["slow"]
    fallback = online(timeout=0.3, retries=0)
    assert fallback.lookup("Qqxyzville Zzt") is None
    assert fallback.failures == [("Qqxyzville Zzt", "timed out")]


def test_timeout_then_retry_succeeds(online, server, clock):
    server.script["Qqxyzville Zzt"] = ["slow"]
    fallback = online(timeout=0.3, retries=1, backoff=1.5)
    assert fallback.lookup("Qqxyzville Zzt").country_code == "YE"
    assert server.count() == 2 and clock.sleeps == [1.5] and fallback.failures == []


def test_refused_connection_is_listed_and_the_service_given_up(online, clock, cache_file):
    fallback = online(url=closed_port_url(), retries=1)
    names = ["Qqxyzville Zzt", "Wwqqa Ridge", "Zzqq Province", "Nowhere Qqq"]
    assert [fallback.lookup(n) for n in names] == [None] * 4
    assert [name for name, _ in fallback.failures] == names
    reasons = [reason for _, reason in fallback.failures]
    assert all(r.startswith("service unreachable") and "refused" in r.lower() for r in reasons[:3])
    assert reasons[3] == "not asked: nominatim failed 3 names in a row"
    assert fallback.lookups == 3 and len(OnlineCache(cache_file)) == 0


def test_a_refusing_account_stops_the_run(online, server):
    fallback = online("geonames", username="disabled")
    assert fallback.lookup("Qqxyzville Zzt") is None and fallback.lookup("Wwqqa Ridge") is None
    assert server.count() == 1  # not retried, and the second name was not sent
    (_, first), (_, second) = fallback.failures
    assert "not enabled" in first and second.startswith("not asked: geonames refused")


def test_rate_limit_sleeps_the_remaining_time(online, server, clock):
    fallback = online(min_delay=1.0)
    fallback.lookup("Qqxyzville Zzt")
    fallback.lookup("Wwqqa Ridge")  # at once: a full second
    clock.advance(0.25)
    fallback.lookup("Zzqq Province")  # a quarter of a second later: the rest
    fallback.lookup("Qqxyzville Zzt")  # a cache hit: no request, no wait
    clock.advance(5)
    fallback.lookup("Nowhere Qqq")  # long after: no wait
    assert clock.sleeps == pytest.approx([1.0, 0.75])
    assert server.count() == 4


def test_retry_after_is_honoured(online, server, clock):
    server.script["Qqxyzville Zzt"] = ["429"]
    fallback = online(retries=1, backoff=2.0)
    assert fallback.lookup("Qqxyzville Zzt") is not None
    assert clock.sleeps == [7.0]


def test_blank_names_are_never_sent(online, server):
    fallback = online()
    assert fallback.lookup("") is None and fallback.lookup("  ,. ") is None
    assert server.count() == 0 and fallback.failures == []


def test_throttle_does_not_retry_what_will_not_change(clock):
    from geopy.exc import GeocoderQueryError

    calls = []

    def bad_request():
        calls.append(1)
        raise GeocoderQueryError("bad query")

    with pytest.raises(GeocoderQueryError):
        Throttle(1.0, retries=3, clock=clock, sleep=clock.sleep).call(bad_request)
    assert len(calls) == 1 and clock.sleeps == []


def test_fallback_from_parts(server, tmp_path, clock):
    geocoder = NominatimGeocoder(url=server.url, timeout=5)
    with OnlineFallback(geocoder, OnlineCache(tmp_path / "x.sqlite"), throttle=Throttle(0, clock=clock)) as fallback:
        assert fallback.service == "nominatim" and fallback.lookup("Wwqqa Ridge").source == "nominatim"


def test_cache_location(monkeypatch, tmp_path):
    monkeypatch.delenv("GEO_ONLINE_CACHE", raising=False)
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path / "cache"))
    assert default_cache_path() == tmp_path / "cache" / "online.sqlite"
    monkeypatch.setenv("GEO_ONLINE_CACHE", str(tmp_path / "elsewhere.sqlite"))
    assert default_cache_path() == tmp_path / "elsewhere.sqlite"


def _fill(path: str, worker: int) -> None:
    cache = OnlineCache(path)
    for i in range(40):
        result = OnlineResult(f"place {worker} {i}", f"Place {i}", "", 1.0, 2.0, source="nominatim", source_id=str(i))
        cache.put("nominatim", "http://x", result.query, (), result if i % 2 else None)
    cache.close()


def test_cache_is_shared_by_processes(cache_file):
    with ProcessPoolExecutor(4, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_fill, [str(cache_file)] * 4, range(4)))
    cache = OnlineCache(cache_file)
    assert len(cache) == 160
    assert cache.get("nominatim", "http://x", "PLACE 3 7").result.source_id == "7"
    assert cache.get("nominatim", "http://x", "place 3 8") == CachedAnswer(None)
    assert cache.get("nominatim", "http://y", "place 3 7") is None
