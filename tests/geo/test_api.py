"""The Python API: ``from geo import extract`` gives a GeoDataFrame with the contract's columns."""

import pytest

from ..texts import SEED_DIR


@pytest.mark.usefixtures("default_gazetteer")
def test_extract_returns_a_geodataframe():
    from geo import extract
    from geo.schema import PROPERTIES

    text = (SEED_DIR / "karabakh-2020-10-20.ar.txt").read_text("utf-8")
    gdf = extract(text, published="2020-10-20", outlet="رابطة علماء أهل السنة")
    assert gdf.crs.to_epsg() == 4326
    assert set(PROPERTIES) <= set(gdf.columns)
    events = gdf[gdf["role"] == "event"]
    zangilan = events[events["place_name"] == "Zangilan"].iloc[0]
    assert zangilan["side"] == "AZ" and zangilan.geometry.x == pytest.approx(46.66, abs=0.01)
    assert events["geometry"].isna().any()  # claims with no place keep a null geometry
    assert gdf["claim_id"].dropna().str.startswith("text#").all()


@pytest.mark.usefixtures("default_gazetteer")
def test_extract_empty_text():
    from geo import extract

    gdf = extract("")
    assert len(gdf) == 0 and "claim_id" in gdf.columns
