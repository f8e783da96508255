"""``geo map`` as a real process: articles or extracted GeoJSON in, one HTML file out."""

import json
import subprocess
import sys

import pytest

from ..texts import SEED_DIR

SEED = SEED_DIR / "karabakh-2020-10-20.ar.txt"
pytestmark = pytest.mark.usefixtures("default_gazetteer")


def geo(*args):
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], capture_output=True, timeout=600)


def embedded(page: str) -> dict:
    start = page.index(', {"legend"') + 2
    end = page.index(");", start)
    return json.loads(page[start:end])


def test_article_to_map_with_default_name(tmp_path):
    article = tmp_path / "seed.txt"
    article.write_bytes(SEED.read_bytes())
    (tmp_path / "seed.json").write_bytes((SEED_DIR / "karabakh-2020-10-20.ar.json").read_bytes())
    proc = geo("map", article)
    assert proc.returncode == 0, proc.stderr.decode()
    page = (tmp_path / "seed.html").read_text("utf-8")
    data = embedded(page)
    names = {p["name"] for p in data["places"]}
    assert {"Zangilan", "Ganja", "Khojavend", "Washington"} <= names
    assert data["title"]["headline"].startswith("قره باغ")
    assert len(data["unplaced"]) >= 3


def test_geojson_to_map_and_tiles_none(tmp_path):
    claims = tmp_path / "claims.geojson"
    claims.write_bytes(geo("extract", SEED).stdout)
    out = tmp_path / "out.html"
    proc = geo("map", claims, "-o", out, "--tiles", "none", "--title", "Karabakh, 20 October")
    assert proc.returncode == 0, proc.stderr.decode()
    page = out.read_text("utf-8")
    assert "tile.openstreetmap.org" not in page
    assert embedded(page)["title"]["headline"] == "Karabakh, 20 October"


def test_empty_geojson(tmp_path):
    path = tmp_path / "empty.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}')
    proc = geo("map", path)
    assert proc.returncode == 1 and b"nothing to map" in proc.stderr and b"Traceback" not in proc.stderr
    assert not (tmp_path / "empty.html").exists()


def test_feature_missing_required_properties(tmp_path):
    path = tmp_path / "bad.geojson"
    feats = [
        {"type": "Feature", "geometry": None, "properties": {"claim_id": "a#1", "role": "event", "side": "AZ"}},
        {"type": "Feature", "geometry": None, "properties": {"claim_id": "a#2", "role": "event"}},
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}))
    proc = geo("map", path)
    assert proc.returncode == 1
    assert b"feature 1 (a#2): missing required properties side" in proc.stderr


def test_invalid_geojson_names_the_line(tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [oops]}')
    proc = geo("map", path)
    assert proc.returncode == 1 and b"broken.geojson, line 2" in proc.stderr


def test_output_in_a_missing_directory(tmp_path):
    proc = geo("map", SEED, "-o", tmp_path / "no" / "map.html")
    assert proc.returncode == 1 and b"does not exist" in proc.stderr


def test_existing_output_replaced_only_when_complete(tmp_path):
    out = tmp_path / "map.html"
    out.write_text("old map")
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}}]}')
    assert geo("map", bad, "-o", out).returncode == 1
    assert out.read_text() == "old map"
    assert geo("map", SEED, "-o", out).returncode == 0
    assert "geoClaims" in out.read_text("utf-8")
    assert not list(tmp_path.glob(".map.html.*"))


def test_map_reads_feature_lines(tmp_path, default_gazetteer):
    from click.testing import CliRunner

    from geo.cli import main

    lines = tmp_path / "claims.jsonl"
    seed = SEED_DIR / "karabakh-2020-10-20.ar.txt"
    extracted = CliRunner().invoke(main, ["extract", str(seed), "--format", "jsonl", "-o", str(lines)])
    assert extracted.exit_code == 0, extracted.output
    out = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["map", str(lines), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Zangilan" in out.read_text("utf-8")
    broken = tmp_path / "broken.jsonl"
    broken.write_text(lines.read_text("utf-8").splitlines()[0] + "\n{oops\n", "utf-8")
    bad = CliRunner().invoke(main, ["map", str(broken), "-o", str(out)])
    assert bad.exit_code != 0 and "broken.jsonl, line 2" in bad.output
