"""Writers: spreadsheet-safe CSV, GeoJSON with each article's properties once, articles whole or not at all."""

from __future__ import annotations

import csv
import io
import json

import pytest

from geo.errors import UnwritableRows
from geo.output import FeatureStream, neutralize_cell, unneutralize_cell, with_articles, write_features

FORMULA_START = tuple("=+-@\t\r")


def feature(article="a1", text="Baku said.", lat=40.1, lon=-46.5, **props):
    base = {"article": article, "article_title": "Title", "outlet": "Wire", "url": None, "published": "2020-10-20"}
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {**base, "role": "event", "text": text, **props},
    }


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
)
def test_cells_that_would_be_formulas_are_neutralised_and_reversible(text):
    cell = neutralize_cell(text)
    assert cell == "'" + text and unneutralize_cell(cell) == text


def test_apostrophes_before_a_formula_keep_it_reversible_and_plain_text_is_untouched():
    for text in ("'=x", "''+y", "'plain", "Baku", "", "a=b", "3-2"):
        assert unneutralize_cell(neutralize_cell(text)) == text
    assert neutralize_cell("'plain") == "'plain" and neutralize_cell("Baku") == "Baku"
    assert neutralize_cell(-3.5) == -3.5 and neutralize_cell(-7) == -7 and neutralize_cell(None) is None


def _csv_cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_no_cell_a_spreadsheet_would_evaluate_and_numbers_stay_numbers():
    evil = feature(article='=HYPERLINK("http://evil")', text="-2+3+cmd|' /C calc'!A0", claimant="@SUM(1)")
    evil["properties"]["article_title"] = "+title"
    evil["properties"]["geonameid"] = -12
    out = io.StringIO()
    write_features([evil], out, "csv")
    header, row = _csv_cells(out.getvalue())
    by_name = dict(zip(header, row, strict=True))
    assert by_name["lon"] == "-46.5" and by_name["geonameid"] == "-12"  # numbers untouched
    texts = [c for k, c in by_name.items() if k not in ("lat", "lon", "geonameid")]
    assert not any(c.startswith(FORMULA_START) for c in texts)
    assert by_name["text"] == "'-2+3+cmd|' /C calc'!A0" and by_name["article_title"] == "'+title"
    raw = io.StringIO()
    write_features([evil], raw, "csv", raw_csv=True)
    assert dict(zip(*_csv_cells(raw.getvalue()), strict=True))["claimant"] == "@SUM(1)"


def test_geojson_writes_each_articles_properties_once():
    out = io.StringIO()
    features = [feature(), feature(text="Yerevan denied."), feature(article="a2", text="Other.")]
    write_features(features, out, "geojson")
    doc = json.loads(out.getvalue())
    assert set(doc["articles"]) == {"a1", "a2"}
    assert doc["articles"]["a1"] == {"article_title": "Title", "outlet": "Wire", "url": None, "published": "2020-10-20"}
    assert all(set(f["properties"]) == {"article", "role", "text"} for f in doc["features"])
    assert with_articles(doc) == features  # every property back, as it was


def test_a_feature_whose_article_properties_differ_keeps_its_own():
    out = io.StringIO()
    other = feature(text="Same id, other title.")
    other["properties"]["article_title"] = "Another title"
    write_features([feature(), other], out, "geojson")
    doc = json.loads(out.getvalue())
    assert doc["features"][1]["properties"]["article_title"] == "Another title"
    assert [f["properties"]["article_title"] for f in with_articles(doc)] == ["Title", "Another title"]


@pytest.mark.parametrize("fmt", ["geojson", "jsonl", "csv"])
def test_an_article_that_fails_half_way_leaves_nothing_of_itself(fmt):
    def parts():
        yield [feature(article="bad", text="first part")]
        raise RuntimeError("extraction broke in part two")

    out = io.StringIO()
    stream = FeatureStream(out, fmt)
    stream.add([[feature()]])
    with pytest.raises(RuntimeError):
        stream.add(parts())
    with pytest.raises(UnwritableRows, match="cannot be written"):
        stream.add([[feature(article="sur", text="lone \ud800")]])
    stream.add([[feature(article="a2")]])
    stream.close()
    text = out.getvalue()
    assert "first part" not in text and "bad" not in text and "sur" not in text
    if fmt == "geojson":
        doc = json.loads(text)
        assert [f["properties"]["article"] for f in doc["features"]] == ["a1", "a2"] and set(doc["articles"]) == {
            "a1",
            "a2",
        }
    assert stream.rows == 2


def test_an_empty_stream_still_writes_its_header():
    out = io.StringIO()
    FeatureStream(out, "geojson").close()
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": [], "articles": {}}
