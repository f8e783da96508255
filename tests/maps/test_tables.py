"""Claims tables (GeoParquet, CSV, GeoDataFrame) read back into the features the map is drawn from."""

import io
import json

import pytest

from maps import ClaimsError, build_payload, features_from_frame, is_claims_table, prepare, read_claims_table, render

SOURCES = [
    {"article": "a1", "outlet": "First Wire", "url": "https://first.example/1", "published": "2020-10-02"},
    {"article": "a2", "outlet": "Second Daily", "url": "https://second.example/2", "published": "2020-10-03"},
]


def rows():
    """Two claims as ``geo batch`` stores them: nested values as JSON text, gaps as nulls."""
    return [
        {
            "claim_id": "a1#1",
            "role": "event",
            "side": "AZ",
            "side_type": "belligerent",
            "event_type": "Battles",
            "text": "Fighting near Tartar.",
            "place_name": "Tartar",
            "mention": "Tartar",
            "geonameid": 585170,
            "precision": 1,
            "needs_review": False,
            "quantities": json.dumps([{"value": 241, "value_max": 250, "item": "tank", "action": "destroyed"}]),
            "sources": json.dumps(SOURCES),
            "source_count": 2,
            "fatalities": 10,
            "fatalities_max": 12,
            "date": "2020-10-02",
            "published": "2020-10-02",
        },
        {
            "claim_id": "a2#1",
            "role": "event",
            "side": "AM",
            "side_type": "belligerent",
            "event_type": None,
            "text": "No place here.",
            "place_name": None,
            "mention": None,
            "geonameid": None,
            "precision": None,
            "needs_review": None,
            "quantities": "[]",
            "sources": None,
            "source_count": None,
            "fatalities": None,
            "fatalities_max": None,
            "date": None,
            "published": "2020-10-03",
        },
    ]


@pytest.fixture
def parquet(tmp_path):
    import geopandas
    from shapely.geometry import Point

    frame = geopandas.GeoDataFrame(rows(), geometry=[Point(47.1, 40.4), None], crs="EPSG:4326")
    path = tmp_path / "batch.parquet"
    frame.to_parquet(path)
    return path


def test_parquet_rows_become_features(parquet):
    placed, unplaced = read_claims_table(parquet)
    assert placed["geometry"] == {"type": "Point", "coordinates": [47.1, 40.4]}
    p = placed["properties"]
    assert p["quantities"] == [{"value": 241, "value_max": 250, "item": "tank", "action": "destroyed"}]
    assert [s["outlet"] for s in p["sources"]] == ["First Wire", "Second Daily"]
    assert p["geonameid"] == 585170 and isinstance(p["geonameid"], int)  # not 585170.0
    assert p["fatalities"] == 10 and p["source_count"] == 2 and p["needs_review"] is False
    assert unplaced["geometry"] is None
    q = unplaced["properties"]
    assert q["geonameid"] is None and q["fatalities"] is None and q["sources"] is None  # not NaN
    assert q["quantities"] == [] and q["event_type"] is None


def test_parquet_maps_with_sources_and_ranges(parquet):
    payload = build_payload(prepare(read_claims_table(parquet)))
    strings, claims = payload["strings"], payload["claims"]
    row = payload["places"][0]["claims"][0]
    assert [strings[i] for i in claims["qty"][row]] == ["241–250 tanks destroyed"]
    assert strings[claims["fat"][row]] == "10–12"
    assert claims["nsrc"][row] == 2 and len(claims["src"][row]) == 2
    assert len(payload["unplaced"]) == 1
    assert "Tartar" in render(read_claims_table(parquet)).get_root().render()


def test_plain_parquet_with_lat_lon(tmp_path):
    import pandas

    frame = pandas.DataFrame(rows())
    frame["lat"], frame["lon"] = [40.4, None], [47.1, None]
    path = tmp_path / "plain.parquet"
    frame.to_parquet(path)
    placed, unplaced = read_claims_table(path)
    assert placed["geometry"]["coordinates"] == [47.1, 40.4] and unplaced["geometry"] is None


def test_unreadable_parquet_is_one_clear_line(tmp_path):
    bad = tmp_path / "bad.parquet"
    bad.write_text("not parquet at all")
    with pytest.raises(ClaimsError, match=r"bad\.parquet: cannot read as GeoParquet \(") as err:
        read_claims_table(bad)
    assert "\n" not in str(err.value)
    with pytest.raises(ClaimsError, match=r"missing\.parquet: no such file"):
        read_claims_table(tmp_path / "missing.parquet")


def test_non_point_geometry_is_named(tmp_path):
    import geopandas
    from shapely.geometry import LineString

    frame = geopandas.GeoDataFrame(rows()[:1], geometry=[LineString([(0, 0), (1, 1)])], crs="EPSG:4326")
    with pytest.raises(ClaimsError, match="row 0: geometry must be a Point or empty, not a LineString"):
        features_from_frame(frame)


def test_csv_as_geo_writes_it(tmp_path):
    from geo.output import write_features

    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [47.1, 40.4]}, "properties": rows()[0]},
        {"type": "Feature", "geometry": None, "properties": rows()[1]},
    ]
    for f in features:  # geo keeps nested values as lists in memory
        f["properties"] = dict(f["properties"], quantities=json.loads(f["properties"]["quantities"]))
    out = io.StringIO()
    write_features(features, out, "csv")
    path = tmp_path / "claims.csv"
    path.write_text(out.getvalue(), "utf-8")
    assert is_claims_table(path)
    placed, unplaced = read_claims_table(path)
    assert placed["geometry"]["coordinates"] == [47.1, 40.4] and unplaced["geometry"] is None
    p = placed["properties"]
    assert p["quantities"][0]["value_max"] == 250 and p["geonameid"] == 585170 and p["precision"] == 1
    assert p["needs_review"] is False and p["text"] == "Fighting near Tartar."
    assert unplaced["properties"]["fatalities"] is None and unplaced["properties"]["place_name"] is None


def test_which_files_are_tables(tmp_path):
    article = tmp_path / "article.csv"
    article.write_text("name,score\nTartar,3\n")
    assert not is_claims_table(article)  # left to the article readers
    assert is_claims_table(tmp_path / "anything.parquet")
    assert not is_claims_table(tmp_path / "claims.geojson")


def test_geodataframe_with_json_text_renders(parquet):
    import geopandas

    page = render(geopandas.read_parquet(parquet)).get_root().render()
    assert "241–250 tanks destroyed" in page


def test_place_mentions_are_left_out_unless_asked(tmp_path):
    import geopandas
    from shapely.geometry import Point

    mention = {"claim_id": None, "role": "other", "side": None, "place_name": "Baku"}
    frame = geopandas.GeoDataFrame([rows()[0], mention], geometry=[Point(47.1, 40.4), Point(49.9, 40.4)], crs=4326)
    path = tmp_path / "with-mentions.parquet"
    frame.to_parquet(path)
    assert [f["properties"]["role"] for f in read_claims_table(path)] == ["event"]
    assert [f["properties"]["role"] for f in read_claims_table(path, mentions=True)] == ["event", "other"]
