"""Fixtures for the online fallback: the fake server, a fake clock, and a guard that keeps tests off the internet."""

from __future__ import annotations

import socket

import pytest

from geo.online import make_online

from .fake_server import FakeGeoServer

_LOCAL = ("127.0.0.1", "localhost", "::1")


@pytest.fixture(autouse=True)
def no_internet(monkeypatch):
    """Fail any test that resolves or connects to anything but this machine."""
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect

    def getaddrinfo(host, *args, **kwargs):
        if host not in _LOCAL and not (isinstance(host, bytes) and host.decode() in _LOCAL):
            raise AssertionError(f"test tried to resolve {host!r}: tests must not touch the internet")
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(sock, address):
        if isinstance(address, tuple) and address[0] not in _LOCAL:
            raise AssertionError(f"test tried to connect to {address!r}: tests must not touch the internet")
        return real_connect(sock, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.delenv("GEONAMES_USERNAME", raising=False)


@pytest.fixture
def server():
    fake = FakeGeoServer().start()
    yield fake
    fake.stop()


class FakeClock:
    """A monotonic clock that only moves when the code sleeps (or the test says so)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def cache_file(tmp_path):
    return tmp_path / "online.sqlite"


@pytest.fixture
def online(server, cache_file, clock):
    """``online(service="nominatim", **options)``: a fallback on the fake server, with the fake clock."""
    made = []

    def factory(service: str = "nominatim", **options):
        options.setdefault("url", server.url)
        options.setdefault("cache_path", cache_file)
        options.setdefault("clock", clock)
        options.setdefault("sleep", clock.sleep)
        if service == "geonames":
            options.setdefault("username", "tester")
        fallback = make_online(service, **options)
        made.append(fallback)
        return fallback

    yield factory
    for fallback in made:
        fallback.close()
