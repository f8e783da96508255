"""The vendored Leaflet files: inlined safely, linked from a CDN, or copied into a folder with licences."""

import hashlib
import re

import pytest

from maps import MapError, page_options, write_assets
from maps.assets import asset_tags, inline_script, inline_style, vendor_assets


def test_vendored_files_and_licences_are_in_the_package():
    names = [a.name for a in vendor_assets()]
    assert names == ["leaflet_css", "markercluster_css", "markercluster_default_css", "leaflet", "markercluster"]
    for a in vendor_assets():
        assert a.cdn.endswith("/" + a.filename) and ("@1.9.4/" in a.cdn or "@1.5.3/" in a.cdn)
    tags = asset_tags("inline")
    assert "Leaflet 1.9.4" in tags and "BSD" not in tags  # the code, its banner; licences ship as files


def test_inlined_text_cannot_end_its_element():
    for bad in ("a</script>b", "x</SCRIPT >", "<!-- x", "<script>"):
        with pytest.raises(MapError, match="cannot be inlined"):
            inline_script(bad)
    with pytest.raises(MapError, match="cannot be inlined"):
        inline_style("a{} </style><script>alert(1)</script>")
    assert inline_script("var a = 1 < 2;") == "<script>var a = 1 < 2;</script>"


def test_inline_tags_hold_each_file_once_without_source_maps():
    tags = asset_tags("inline")
    assert tags.count("<script>") == 2 and tags.count("<style>") == 3
    assert "sourceMappingURL" not in tags and "url(images/" not in tags
    assert len(tags.encode()) < 215_000  # minified scripts, three small images: no more than needed


def test_write_assets(tmp_path):
    written = write_assets(tmp_path / "files")
    names = sorted(p.relative_to(tmp_path / "files").as_posix() for p in written)
    assert "leaflet.js" in names and "leaflet.markercluster.js" in names and "images/layers.png" in names
    assert "LICENSE-leaflet.txt" in names and "LICENSE-markercluster.txt" in names
    assert "BSD 2-Clause" in (tmp_path / "files" / "LICENSE-leaflet.txt").read_text()
    css = (tmp_path / "files" / "leaflet.css").read_text()
    for image in re.findall(r"url\((images/[\w.-]+)\)", css):
        assert (tmp_path / "files" / image).is_file()
    # The style sheets are the published files, byte for byte.
    digest = hashlib.sha256((tmp_path / "files" / "leaflet.css").read_bytes()).hexdigest()
    assert digest == "a7837102824184820dfa198d1ebcd109ff6d0ff9a2672a074b9a1b4d147d04c6"


def test_page_options_link_a_folder_relative_to_the_page(tmp_path):
    page = tmp_path / "out" / "map.html"
    page.parent.mkdir()
    options = page_options(page, tiles="none", assets=str(tmp_path / "shared" / "leaflet"))
    assert options.assets == "../shared/leaflet/" and (tmp_path / "shared" / "leaflet" / "leaflet.js").is_file()
    assert page_options(page, assets="cdn").assets == "cdn" and page_options(page).assets == "inline"
    with pytest.raises(MapError, match="folder"):
        page_options(page, assets="https://cdn.example/leaflet/")
    (tmp_path / "file").write_text("x")
    with pytest.raises(MapError, match="cannot write"):
        page_options(page, assets=str(tmp_path / "file" / "sub"))
