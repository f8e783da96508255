"""A fake Nominatim and GeoNames on 127.0.0.1: real HTTP, canned answers, scripted trouble, request log.

``/search`` answers like Nominatim (a JSON list; lat/lon as strings; ``address`` only with
``addressdetails=1``, ``extratags`` only with ``extratags=1``) and ``/searchJSON`` like GeoNames
(``{"totalResultsCount": n, "geonames": [...]}``, or a ``status`` error for a disabled account).
``script[query]`` lists behaviours to play, one per request, before answering normally:
``"500"``, ``"429"`` (with ``Retry-After: 7``), ``"slow"`` (answers after the client gave up) and
``"empty"`` (nothing found).
"""

from __future__ import annotations

import json
import socket
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

#: What the fake services know, by lower-cased name.
PLACES = {
    "qqxyzville zzt": {
        "name": "Qqxyzville Zzt",
        "lat": "15.3521",
        "lon": "44.2075",
        "country_code": "ye",
        "country": "Yemen",
        "state": "Sanaa Governorate",
        "osm": ("node", 987654321, "place", "village", "village"),
        "geonameid": 99999001,
        "fcl": "P",
        "fcode": "PPL",
        "admin1": "26",
        "population": 1200,
        "importance": 0.31,
    },
    "wwqqa ridge": {
        "name": "Wwqqa Ridge",
        "lat": "33.1012",
        "lon": "35.6234",
        "country_code": "lb",
        "country": "Lebanon",
        "state": "South Governorate",
        "osm": ("node", 123456, "natural", "peak", "peak"),
        "geonameid": 99999002,
        "fcl": "T",
        "fcode": "MT",
        "admin1": "06",
        "population": 0,
        "importance": 0.12,
    },
    "zzqq province": {
        "name": "Zzqq Province",
        "lat": "36.5",
        "lon": "44.0",
        "country_code": "iq",
        "country": "Iraq",
        "state": "Zzqq Province",
        "osm": ("relation", 4242, "boundary", "administrative", "state"),
        "geonameid": 99999003,
        "fcl": "A",
        "fcode": "ADM1",
        "admin1": "03",
        "population": 1500000,
        "importance": 0.55,
    },
}


class FakeGeoServer:
    """Serves in a daemon thread on 127.0.0.1 (port 0: the system picks a free one)."""

    def __init__(self) -> None:
        self.script: dict[str, list[str]] = {}
        self.requests: list[tuple[str, dict[str, list[str]], dict[str, str]]] = []
        self.slow_seconds = 3.0
        self._release = threading.Event()
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def count(self, path: str | None = None) -> int:
        """Requests received (on ``path`` only, if given)."""
        with self._lock:
            return sum(1 for p, _, _ in self.requests if path is None or p == path)

    def counts(self) -> Counter:
        with self._lock:
            return Counter(p for p, _, _ in self.requests)

    def last(self) -> tuple[str, dict[str, list[str]], dict[str, str]]:
        with self._lock:
            return self.requests[-1]

    def start(self) -> FakeGeoServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()  # let "slow" answers finish at once
        self._httpd.shutdown()
        self._httpd.server_close()

    # -- answers ---------------------------------------------------------------------------
    def answer(self, path: str, params: dict[str, list[str]]) -> tuple[int, dict[str, str], object]:
        query = params.get("q", [""])[0]
        with self._lock:
            steps = self.script.get(query)
            step = steps.pop(0) if steps else "ok"
        if step == "500":
            return 500, {}, {"error": "internal trouble"}
        if step == "429":
            return 429, {"Retry-After": "7"}, {"error": "slow down"}
        if step == "slow":
            self._release.wait(self.slow_seconds)
        place = None if step == "empty" else PLACES.get(query.lower())
        if path == "/search":
            wanted = params.get("countrycodes", [""])[0].split(",")
            if place and wanted != [""] and place["country_code"] not in wanted:
                place = None
            return 200, {}, [_nominatim(place, params)] if place else []
        if path == "/searchJSON":
            if params.get("username", [""])[0] == "disabled":
                message = "user account not enabled to use the free webservice. Please enable it on your account page"
                return 200, {}, {"status": {"message": message, "value": 10}}
            wanted = params.get("country", [])
            if place and wanted and place["country_code"].upper() not in wanted:
                place = None
            return 200, {}, {"totalResultsCount": 1 if place else 0, "geonames": [_geonames(place)] if place else []}
        return 404, {}, {"error": "no such endpoint"}


def _nominatim(place: dict, params: dict[str, list[str]]) -> dict:
    osm_type, osm_id, osm_class, osm_type_tag, addresstype = place["osm"]
    record = {
        "place_id": 100000 + osm_id % 1000,
        "licence": "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright",
        "osm_type": osm_type,
        "osm_id": osm_id,
        "lat": place["lat"],
        "lon": place["lon"],
        "class": osm_class,
        "type": osm_type_tag,
        "place_rank": 19,
        "importance": place["importance"],
        "addresstype": addresstype,
        "name": place["name"],
        "display_name": f"{place['name']}, {place['state']}, {place['country']}",
        "boundingbox": [place["lat"], place["lat"], place["lon"], place["lon"]],
    }
    if params.get("addressdetails") == ["1"]:
        record["address"] = {
            addresstype: place["name"],
            "state": place["state"],
            "country": place["country"],
            "country_code": place["country_code"],
        }
    if params.get("extratags") and place["population"]:
        record["extratags"] = {"population": str(place["population"])}
    return record


def _geonames(place: dict) -> dict:
    return {
        "geonameId": place["geonameid"],
        "name": place["name"],
        "toponymName": place["name"],
        "lat": place["lat"],
        "lng": place["lon"],
        "countryCode": place["country_code"].upper(),
        "countryName": place["country"],
        "adminName1": place["state"],
        "adminCode1": place["admin1"],
        "fcl": place["fcl"],
        "fcode": place["fcode"],
        "population": place["population"],
    }


def _handler(server: FakeGeoServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            parts = urlsplit(self.path)
            params = parse_qs(parts.query)
            with server._lock:
                server.requests.append((parts.path, params, dict(self.headers.items())))
            status, headers, body = server.answer(parts.path, params)
            data = json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client timed out and left
                pass

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    return Handler


def closed_port_url() -> str:
    """An http URL on 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
