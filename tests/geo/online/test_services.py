"""The two services through geopy against the fake server: what is sent, what comes back, user mistakes."""

from __future__ import annotations

import pytest

from geo.errors import GeoError, OnlineError
from geo.online import GeoNamesGeocoder, NominatimGeocoder, OnlineResult, default_user_agent, make_online
from geo.online.base import split_url
from geo.online.nominatim import feature_of


def test_nominatim_result_and_request(online, server):
    result = online("nominatim").lookup("Qqxyzville Zzt")
    assert result == OnlineResult(
        query="Qqxyzville Zzt",
        name="Qqxyzville Zzt",
        display_name="Qqxyzville Zzt, Sanaa Governorate, Yemen",
        lat=15.3521,
        lon=44.2075,
        source="nominatim",
        source_id="node/987654321",
        country_code="YE",
        feature_class="P",
        feature_code="PPL",
        population=1200,
        score=0.31,
    )
    path, params, headers = server.last()
    assert path == "/search"
    assert params["q"] == ["Qqxyzville Zzt"] and params["format"] == ["json"] and params["limit"] == ["1"]
    assert params["addressdetails"] == ["1"] and params["accept-language"] == ["en"]
    assert headers["User-Agent"] == default_user_agent() and headers["User-Agent"].startswith("geo-claims/")


def test_nominatim_as_dict_has_the_geocode_shape_and_the_source(online):
    d = online("nominatim").lookup("Wwqqa Ridge").as_dict()
    assert d["geonameid"] is None and d["source"] == "nominatim" and d["source_id"] == "node/123456"
    assert (d["feature_class"], d["feature_code"], d["country_code"]) == ("T", "PK", "LB")
    assert d["population"] is None and d["matched"] == "Wwqqa Ridge"
    assert {"lat", "lon", "admin1", "radius_km", "score", "display_name"} <= set(d)


def test_user_agent_can_be_overridden(online, server):
    online("nominatim", user_agent="newsroom-mapper/2 (maps@example.org)").lookup("Qqxyzville Zzt")
    assert server.last()[2]["User-Agent"] == "newsroom-mapper/2 (maps@example.org)"


def test_geonames_result_and_request(online, server):
    result = online("geonames", username="tester").lookup("Zzqq Province")
    assert result.source == "geonames" and result.source_id == "99999003"
    assert (result.feature_class, result.feature_code, result.population) == ("A", "ADM1", 1500000)
    assert (result.country_code, result.admin1, result.lat, result.lon) == ("IQ", "03", 36.5, 44.0)
    assert result.display_name == "Zzqq Province, Zzqq Province, Iraq"
    assert result.as_dict()["geonameid"] == 99999003
    path, params, _ = server.last()
    assert path == "/searchJSON" and params["username"] == ["tester"] and params["maxRows"] == ["1"]


def test_country_codes_restrict_the_search(online, server):
    nominatim, geonames = online("nominatim"), online("geonames")
    assert nominatim.lookup("Qqxyzville Zzt", ("AZ", "AM")) is None
    assert server.last()[1]["countrycodes"] == ["am,az"]
    assert nominatim.lookup("Qqxyzville Zzt", ("YE",)).country_code == "YE"
    assert geonames.lookup("Qqxyzville Zzt", ("AZ",)) is None
    assert server.last()[1]["country"] == ["AZ"]
    assert geonames.lookup("Qqxyzville Zzt", ("ye",)).source_id == "99999001"


def test_osm_classes_map_to_geonames_features():
    assert feature_of({"class": "place", "type": "town"}) == ("P", "PPL")
    assert feature_of({"class": "boundary", "type": "administrative", "addresstype": "country"}) == ("A", "PCLI")
    assert feature_of({"class": "boundary", "type": "administrative", "addresstype": "hamlet"}) == ("A", None)
    assert feature_of({"class": "shop", "type": "bakery"}) == (None, None)


def test_boundary_result_from_nominatim(online):
    result = online("nominatim").lookup("Zzqq Province")
    assert (result.feature_class, result.feature_code, result.source_id) == ("A", "ADM1", "relation/4242")


def test_geonames_needs_a_username(monkeypatch, tmp_path):
    with pytest.raises(OnlineError, match="GEONAMES_USERNAME"):
        make_online("geonames", url="http://127.0.0.1:9", cache_path=tmp_path / "c.sqlite")
    monkeypatch.setenv("GEONAMES_USERNAME", "from-env")
    assert GeoNamesGeocoder(url="http://127.0.0.1:9").username == "from-env"
    assert GeoNamesGeocoder(url="http://127.0.0.1:9", username="given").username == "given"


def test_user_mistakes_are_geo_errors(tmp_path):
    with pytest.raises(OnlineError, match="unknown online service 'google'"):
        make_online("google", cache_path=tmp_path / "c.sqlite")
    with pytest.raises(OnlineError, match="not an http"):
        make_online("nominatim", url="ftp://example.org", cache_path=tmp_path / "c.sqlite")
    with pytest.raises(OnlineError, match="user agent"):
        make_online("nominatim", user_agent="  ", cache_path=tmp_path / "c.sqlite")
    with pytest.raises(OnlineError, match="cannot use as the online cache"):
        make_online("nominatim", cache_path=tmp_path)  # a directory, not a file
    assert issubclass(OnlineError, GeoError)


def test_defaults_are_the_public_services():
    assert NominatimGeocoder().url == "https://nominatim.openstreetmap.org"  # no request is made
    assert GeoNamesGeocoder(username="x").url == "http://api.geonames.org"


def test_urls_keep_ports_and_paths():
    assert split_url("http://127.0.0.1:8080/nominatim/") == ("http", "127.0.0.1:8080/nominatim")
    assert split_url("nominatim.example.org") == ("https", "nominatim.example.org")
