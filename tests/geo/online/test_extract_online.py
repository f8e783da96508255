"""``geo extract`` and ``geo batch`` with ``--online``: a village the gazetteer lacks, found through the
fake Nominatim, marked with its source; with the service down, the batch completes and lists the name."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from geo.cli import main
from geo.online import fallback as fallback_module
from geo.online.throttle import Throttle

from .fake_server import closed_port_url

ARTICLE = (
    "Strikes reported in Yemen\n"
    "Yemen's Houthi movement said on Monday that an air strike hit the village of Qqxyzville Zzt, "
    "killing five civilians.\n"
)


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    class NoSleepThrottle(Throttle):
        def __init__(self, *args, **kwargs):
            kwargs["sleep"] = lambda seconds: None
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(fallback_module, "Throttle", NoSleepThrottle)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "yemen.txt"
    path.write_text(ARTICLE, "utf-8")
    return path


def _run(cache_file, *args):
    return CliRunner().invoke(main, list(args), env={"GEO_ONLINE_CACHE": str(cache_file)})


def test_extract_finds_an_unknown_village_online(article, server, cache_file, default_gazetteer):
    offline = _run(cache_file, "extract", str(article), "--format", "jsonl")
    assert "Qqxyzville" not in "".join(
        json.loads(line)["properties"]["place_name"] or "" for line in offline.stdout.splitlines()
    )
    result = _run(
        cache_file, "extract", str(article), "--format", "jsonl", "--online", "nominatim", "--online-url", server.url
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    village = [r for r in rows if r["properties"]["place_name"] == "Qqxyzville Zzt"]
    assert village, rows
    props = village[0]["properties"]
    assert props["place_source"] == "nominatim" and props["geonameid"] is None
    assert props["country_code"] == "YE" and props["mention"] == "Qqxyzville Zzt"
    assert village[0]["geometry"]["coordinates"] == pytest.approx([44.2075, 15.3521])
    assert server.count("/search") == 1
    again = _run(
        cache_file, "extract", str(article), "--format", "jsonl", "--online", "nominatim", "--online-url", server.url
    )
    assert "Qqxyzville Zzt" in again.stdout and server.count("/search") == 1  # cached: one request ever


def test_batch_with_the_service_down_completes_and_lists_the_name(article, tmp_path, cache_file, default_gazetteer):
    out = tmp_path / "claims.geojson"
    args = ["batch", str(article), "-o", str(out), "--workers", "1", "-q", "--online", "nominatim"]
    result = _run(cache_file, *args, "--online-url", closed_port_url())
    assert result.exit_code == 0, result.output
    assert "online lookup failed for 1 name(s)" in result.output and "Qqxyzville Zzt" in result.output
    features = json.loads(out.read_text("utf-8"))["features"]
    assert features and all(f["properties"]["place_name"] != "Qqxyzville Zzt" for f in features)
    listed = json.loads((tmp_path / "claims.geojson.errors.jsonl").read_text("utf-8"))
    assert listed["article"] == "yemen" and listed["unresolved"][0]["name"] == "Qqxyzville Zzt"
    again = _run(cache_file, *args, "--online-url", closed_port_url())  # not done: asked again
    assert again.exit_code == 0, again.output
    assert "extracted 1 article(s)" in again.output and "Qqxyzville Zzt" in again.output
