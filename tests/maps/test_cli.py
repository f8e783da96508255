"""``geo map`` on batch output (GeoParquet, CSV) with --since/--until/--side/--event-type, as a real process."""

import json
import subprocess
import sys

import pytest

DAYS = ["2020-10-01", "2020-10-03", "2020-10-05", "2020-10-09"]


def geo(*args):
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], capture_output=True, timeout=300)


def embedded(page: str) -> dict:
    start = page.index(', {"legend"') + 2
    return json.loads(page[start : page.index(");\n", start)])


def claim_ids(page: str) -> list[str]:
    data = embedded(page)
    return sorted(data["strings"][i] for i in data["claims"]["id"])


@pytest.fixture
def batch(tmp_path):
    """Four claims on four days (AZ, AM, AZ, AM; Battles, then shelling) and one without a day."""
    import geopandas
    from shapely.geometry import Point

    rows, points = [], []
    for i, day in enumerate([*DAYS, None]):
        rows.append(
            {
                "claim_id": f"c{i}",
                "role": "event",
                "side": "AZ" if i % 2 == 0 else "AM",
                "side_type": "belligerent",
                "event_type": "Battles" if i < 2 else "Explosions/Remote violence",
                "text": f"Claim {i}.",
                "place_name": f"Place {i}",
                "quantities": json.dumps([{"value": i + 1, "item": "tank", "action": "destroyed"}]),
                "sources": None,
                "date": day,
                "published": None,
            }
        )
        points.append(Point(45 + i, 40))
    path = tmp_path / "batch.parquet"
    geopandas.GeoDataFrame(rows, geometry=points, crs="EPSG:4326").to_parquet(path)
    return path


def test_parquet_map_with_a_time_slider(batch, tmp_path):
    proc = geo("map", batch, "--tiles", "none")
    assert proc.returncode == 0, proc.stderr.decode()
    page = (tmp_path / "batch.html").read_text("utf-8")
    assert claim_ids(page) == ["c0", "c1", "c2", "c3", "c4"]
    timeline = embedded(page)["timeline"]
    assert timeline == {
        "first": 18536,
        "last": 18544,
        "days": [18536, 18538, 18540, 18544],
        "from": 18536,
        "to": 18544,
        "undated": 1,
        "outside": 0,
    }


def test_filters(batch, tmp_path):
    out = tmp_path / "f.html"
    proc = geo("map", batch, "-o", out, "--since", "2020-10-03", "--until", "2020-10-05")
    assert proc.returncode == 0, proc.stderr.decode()
    assert claim_ids(out.read_text("utf-8")) == ["c1", "c2"]  # the claim without a day is left out
    assert geo("map", batch, "-o", out, "--side", "am", "--side", "RU").returncode == 0
    assert claim_ids(out.read_text("utf-8")) == ["c1", "c3"]
    assert geo("map", batch, "-o", out, "--event-type", "Battles", "--side", "AZ").returncode == 0
    assert claim_ids(out.read_text("utf-8")) == ["c0"]


def test_nothing_left_after_filtering(batch, tmp_path):
    proc = geo("map", batch, "-o", tmp_path / "none.html", "--since", "2021-01-01", "--until", "2021-01-31")
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert proc.stderr.decode().strip() == (
        "Error: no claims between 2021-01-01 and 2021-01-31 (the claims' days run from 2020-10-01 to 2020-10-09)"
    )
    assert not (tmp_path / "none.html").exists()
    proc = geo("map", batch, "--since", "2020-10-09", "--until", "2020-10-01")
    assert proc.returncode == 1 and b"after until" in proc.stderr
    proc = geo("map", batch, "--since", "9 October")
    assert proc.returncode == 2 and b"is not a date like 2020-10-20" in proc.stderr


def test_unreadable_parquet(tmp_path):
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 broken")
    proc = geo("map", bad)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.startswith("Error: ") and "cannot read as GeoParquet" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert b"no such file" in geo("map", tmp_path / "gone.parquet").stderr


def test_csv_claims_table(batch, tmp_path):
    import geopandas

    frame = geopandas.read_parquet(batch)
    frame.insert(0, "lon", frame.geometry.x)
    frame.insert(0, "lat", frame.geometry.y)
    path = tmp_path / "claims.csv"
    frame.drop(columns="geometry").to_csv(path, index=False)
    proc = geo("map", path, "--side", "AZ")
    assert proc.returncode == 0, proc.stderr.decode()
    assert claim_ids((tmp_path / "claims.html").read_text("utf-8")) == ["c0", "c2", "c4"]


def test_help_states_the_date_rule():
    text = " ".join(geo("map", "--help").stdout.decode().split())
    assert "--since" in text and "--until" in text and "--side CODE" in text and "--event-type TEXT" in text
    assert "claims with neither are left out (without, all are kept)" in text
