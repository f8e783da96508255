"""The HTML page: scripts it loads, data it embeds, and that article text never becomes markup."""

import json
import re

import pytest

from maps import ASSETS, MapError, MapOptions, render

XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2"></div>${alert(1)}`'


def feature(place, side, text="Shelling near the town.", **props):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [47.1, 40.3]},
        "properties": {
            "claim_id": f"a#{side}",
            "role": "event",
            "side": side,
            "side_type": "belligerent",
            "place_name": place,
            "text": text,
            "mention": place,
            "precision": 1,
        }
        | props,
    }


def html_of(features, **kwargs):
    return render(features, **kwargs).get_root().render()


def test_loads_only_leaflet_and_markercluster():
    page = html_of([feature("Barda", "AZ")], options=MapOptions(assets="cdn"))
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert scripts == [ASSETS["leaflet"], ASSETS["markercluster"]]
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()


def test_inline_by_default_and_nothing_to_fetch():
    page = html_of([feature("Barda", "AZ")], options=MapOptions(tiles="none"))
    assert not re.findall(r"<(?:script|link|img)\b[^>]*\b(?:src|href)=", page)  # no file to load
    assert not re.search(r"url\(['\"]?(?:https?:)?//|@import", page)  # no style sheet asks for a file
    assert 't.version="1.9.4"' in page and "L.MarkerClusterGroup" in page
    assert "url(images/" not in page and "data:image/png;base64," in page  # Leaflet's images inlined
    assert "sourceMappingURL" not in page
    assert page.count("</script>") == page.count("<script")


def test_assets_folder_links():
    page = html_of([feature("Barda", "AZ")], options=MapOptions(assets="map_files"))
    assert re.findall(r'<script src="([^"]+)"', page) == ["map_files/leaflet.js", "map_files/leaflet.markercluster.js"]
    assert '<link rel="stylesheet" href="map_files/leaflet.css"/>' in page
    with pytest.raises(MapError, match="assets"):
        html_of([feature("Barda", "AZ")], options=MapOptions(assets="javascript:alert(1)//"))


def test_data_is_embedded_as_json():
    page = html_of([feature("Barda", "AZ")], title="Barda shelled")
    assert "Barda shelled" in page
    match = re.search(r"\}\)\s*\((map_\w+), (\{.*?\})\);\n", page, re.S)
    assert match, "the claims script call is missing"
    data = json.loads(match.group(2))
    row = data["places"][0]["claims"][0]
    assert data["places"][0]["name"] == "Barda" and data["legend"]["sides"][data["claims"]["side"][row]]["side"] == "AZ"


def test_untrusted_text_cannot_close_the_script_or_add_markup():
    page = html_of([feature(XSS, "AZ", text=XSS, claimant=XSS, url="javascript:alert(1)", article_title=XSS)])
    assert "<script>window.__xss" not in page
    assert "<img src=x onerror" not in page
    assert "javascript:alert" not in page
    assert page.count("</script>") == page.count("<script")


def test_title_is_escaped():
    page = html_of([feature("Barda", "AZ")], title="</title><script>alert(1)</script>")
    assert "<title>&lt;/title&gt;&lt;script&gt;" in page


def test_tiles_options():
    assert "tile.openstreetmap.org" in html_of([feature("Barda", "AZ")])
    page = html_of([feature("Barda", "AZ")], options=MapOptions(tiles="none"))
    assert "tile.openstreetmap.org" not in page and "L.tileLayer" not in page
    page = html_of([feature("Barda", "AZ")], options=MapOptions(tiles="https://tiles.example/{z}/{x}/{y}.png"))
    assert "tiles.example" in page
    page = html_of([feature("Barda", "AZ")], options=MapOptions(tiles="base/{z}/{x}/{y}.png"))
    assert '"base/{z}/{x}/{y}.png"' in page  # relative to the page: a tile folder beside it
    with pytest.raises(MapError, match="XYZ"):
        html_of([feature("Barda", "AZ")], options=MapOptions(tiles="data:text/html,{z}"))
    with pytest.raises(MapError, match="XYZ"):
        html_of([feature("Barda", "AZ")], options=MapOptions(tiles="javascript:alert(1)"))


def test_geodataframe_input(default_gazetteer):
    from geo import extract

    gdf = extract("Tartar shelled\nArmenian forces shelled Tartar, the Azerbaijani defence ministry said.")
    page = render(gdf).get_root().render()
    assert "Tartar" in page


def test_article_text_is_never_a_template():
    # folium wraps a script in an element that compiles it as Jinja; article text must stay text.
    text = "AAA {{ 7*7 }} {{ self.__init__.__globals__ }} {% if %} {# x BBB"
    page = html_of([feature("Barda", "AZ", text=text, claimant=text)], title=text)
    assert "49" not in page.split("AAA", 1)[1][:20]
    assert "{{ 7*7 }}" in page and "{% if %}" in page and "__globals__ }}" in page


def test_arabic_text_is_embedded_as_utf8_once():
    text = "رفع العلم في مركز مدينة زنغلان"
    page = html_of([feature("Zangilan", "AZ", text=text), feature("Ganja", "AZ", text=text)])
    assert page.count(text) == 1 and "\\u0631" not in page


def test_time_slider_script_only_when_needed():
    page = html_of([feature("Barda", "AZ", date="2020-10-01"), feature("Tartar", "AZ", date="2020-10-03")])
    assert '"timeline":{"first":18536,"last":18538,"days":[18536,18538],"from":18536,"to":18538,' in page
    assert "gc-timeline" in page  # the slider's script and style are in the page
    assert '"timeline":null' in html_of([feature("Barda", "AZ", date="2020-10-01")])
