"""``geo geocode --online``: offline misses resolved by the fake server, sources marked, failures warned."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from geo.cli import main
from geo.online import fallback as fallback_module
from geo.online.throttle import Throttle

from .fake_server import closed_port_url

MADE_UP = "Qqxyzville Zzt"  # no offline gazetteer knows it; the fake server does


@pytest.fixture
def sleeps(monkeypatch):
    """The waits the CLI's throttle asked for, none of them slept."""
    waited: list[float] = []

    class NoSleepThrottle(Throttle):
        def __init__(self, *args, **kwargs):
            kwargs["sleep"] = waited.append
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(fallback_module, "Throttle", NoSleepThrottle)
    return waited


@pytest.fixture
def geo(cache_file, sleeps):
    """Run ``geo ARGS`` in-process with the online cache in the test's directory."""

    def run(*args: str):
        return CliRunner().invoke(main, list(args), env={"GEO_ONLINE_CACHE": str(cache_file)})

    return run


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_online_fills_offline_misses_and_marks_sources(geo, server, cache_file):
    result = geo("geocode", "Baku", MADE_UP, "--online", "nominatim", "--online-url", server.url, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    baku, made_up = jsonl(result.stdout)
    assert baku["results"][0]["name"] == "Baku" and baku["results"][0]["source"] == "offline"
    assert baku["results"][0]["gazetteer_source"]  # the dataset name is kept
    assert made_up["query"] == MADE_UP and len(made_up["results"]) == 1
    top = made_up["results"][0]
    assert (top["name"], top["country_code"], top["source"], top["source_id"]) == (
        MADE_UP,
        "YE",
        "nominatim",
        "node/987654321",
    )
    assert (top["lat"], top["lon"]) == (15.3521, 44.2075)
    assert server.count("/search") == 1  # Baku was found offline: never sent
    assert result.stderr == "" and cache_file.exists()

    again = geo("geocode", MADE_UP, "--online", "nominatim", "--online-url", server.url, "--format", "jsonl")
    assert jsonl(again.stdout)[0]["results"][0]["source_id"] == "node/987654321"
    assert server.count() == 1  # answered from the cache


def test_without_online_the_output_is_unchanged(geo, server):
    result = geo("geocode", "Baku", MADE_UP, "--format", "jsonl")
    baku, made_up = jsonl(result.stdout)
    assert baku["results"][0]["source"] != "offline" and "gazetteer_source" not in baku["results"][0]
    assert made_up["results"] == [] and server.count() == 0


def test_geonames_in_csv_and_table(geo, server):
    args = ("geocode", MADE_UP, "--online", "geonames", "--online-url", server.url, "--geonames-username", "tester")
    rows = list(csv.DictReader(io.StringIO(geo(*args, "--format", "csv").stdout)))
    assert rows == [
        {
            "query": MADE_UP,
            "rank": "1",
            "geonameid": "99999001",
            "name": MADE_UP,
            "lat": "15.3521",
            "lon": "44.2075",
            "country_code": "YE",
            "admin1": "26",
            "feature_class": "P",
            "feature_code": "PPL",
            "population": "1200",
            "radius_km": "",
            "score": "",
            "matched": MADE_UP,
            "source": "geonames",
            "source_id": "99999001",
        }
    ]
    table = geo(*args).stdout
    assert MADE_UP in table and "99999001" in table and "via geonames (online)" in table
    assert server.count("/searchJSON") == 1


def test_network_failure_warns_lists_names_and_exits_0(geo, sleeps):
    args = ("geocode", "Baku", MADE_UP, "Xqzvvprt", "--online", "nominatim", "--online-url", closed_port_url())
    result = geo(*args, "--format", "jsonl")
    assert result.exit_code == 0
    rows = jsonl(result.stdout)
    assert [r["query"] for r in rows] == ["Baku", MADE_UP, "Xqzvvprt"]
    assert rows[0]["results"][0]["source"] == "offline" and rows[1]["results"] == rows[2]["results"] == []
    warning = result.stderr.strip()
    assert "\n" not in warning and warning.startswith("geo: warning: online lookup through nominatim failed for 2")
    assert f"'{MADE_UP}' (service unreachable" in warning and "'Xqzvvprt' (" in warning
    assert sleeps  # retried with back-off (not really slept)


def test_online_options_are_checked(geo, server):
    lone = geo("geocode", MADE_UP, "--online-url", server.url)
    assert lone.exit_code == 2 and "need --online" in lone.stderr
    no_user = geo("geocode", MADE_UP, "--online", "geonames", "--online-url", server.url)
    assert no_user.exit_code == 1 and "GEONAMES_USERNAME" in no_user.stderr and no_user.stdout == ""
    unknown = geo("geocode", MADE_UP, "--online", "google")
    assert unknown.exit_code == 2
    assert server.count() == 0
