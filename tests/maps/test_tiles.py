"""Local base maps: MBTiles files unpacked beside the page, tile folders linked by relative path."""

import sqlite3

import pytest

from maps import MapError, MapOptions, page_options, render
from maps.tiles import folder_tiles, unpack_mbtiles

from .test_render import feature


def make_mbtiles(path, tiles, fmt="png", **meta):
    """An MBTiles file (rows counted from the south, as the format has them) with ``tiles[(z, x, y)] = bytes``."""
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    db.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
    db.executemany("INSERT INTO metadata VALUES (?, ?)", [("format", fmt), *meta.items()])
    db.executemany(
        "INSERT INTO tiles VALUES (?, ?, ?, ?)", [(z, x, (1 << z) - 1 - y, d) for (z, x, y), d in tiles.items()]
    )
    db.commit()
    db.close()
    return path


def test_unpack_flips_rows_and_reuses(tmp_path):
    src = make_mbtiles(
        tmp_path / "region.mbtiles",
        {(0, 0, 0): b"zero", (1, 1, 0): b"north-east", (1, 0, 1): b"south-west"},
        bounds="44.0,38.0,50.0,42.0",
        attribution="<b>Local</b> survey",
    )
    info = unpack_mbtiles(src, tmp_path / "t")
    assert (tmp_path / "t/1/1/0.png").read_bytes() == b"north-east"
    assert (tmp_path / "t/1/0/1.png").read_bytes() == b"south-west"
    assert info["min_zoom"] == 0 and info["max_zoom"] == 1 and info["bounds"] == (38.0, 44.0, 42.0, 50.0)
    (tmp_path / "t/0/0/0.png").write_bytes(b"touched")
    unpack_mbtiles(src, tmp_path / "t")  # same file: not unpacked again
    assert (tmp_path / "t/0/0/0.png").read_bytes() == b"touched"


def test_page_options_with_mbtiles(tmp_path):
    src = make_mbtiles(tmp_path / "region.mbtiles", {(0, 0, 0): b"x"}, attribution="<img src=x onerror=alert(1)>")
    page = tmp_path / "maps" / "seed.html"
    page.parent.mkdir()
    options = page_options(page, tiles=str(src))
    assert options.tiles.url == "region_tiles/{z}/{x}/{y}.png"
    assert (page.parent / "region_tiles/0/0/0.png").is_file()
    html = render([feature("Barda", "AZ")], options=options).get_root().render()
    assert '"region_tiles/{z}/{x}/{y}.png"' in html and '"maxNativeZoom": 0' in html
    assert "<img src=x" not in html and "&lt;img src=x" in html.replace("\\u0026lt;", "&lt;")  # credit as text


def test_tile_folder(tmp_path):
    for z, x, y in [(3, 5, 2), (4, 10, 5), (5, 21, 11)]:
        (tmp_path / "tiles" / str(z) / str(x)).mkdir(parents=True)
        (tmp_path / "tiles" / str(z) / str(x) / f"{y}.jpg").write_bytes(b"jpg")
    source = folder_tiles(tmp_path / "tiles", tmp_path / "maps" / "m.html")
    assert source.url == "../tiles/{z}/{x}/{y}.jpg" and (source.min_zoom, source.max_zoom) == (3, 5)
    assert page_options(tmp_path / "m.html", tiles=str(tmp_path / "tiles")).tiles.url == "tiles/{z}/{x}/{y}.jpg"


def test_bad_tiles(tmp_path):
    with pytest.raises(MapError, match="no such file"):
        page_options(tmp_path / "m.html", tiles=str(tmp_path / "gone.mbtiles"))
    (tmp_path / "junk.mbtiles").write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(MapError, match="not an MBTiles file"):
        page_options(tmp_path / "m.html", tiles=str(tmp_path / "junk.mbtiles"))
    vector = make_mbtiles(tmp_path / "vector.mbtiles", {(0, 0, 0): b"pbf"}, fmt="pbf")
    with pytest.raises(MapError, match="pbf tiles cannot be drawn"):
        page_options(tmp_path / "m.html", tiles=str(vector))
    (tmp_path / "empty").mkdir()
    with pytest.raises(MapError, match="no .z./.x./.y..png"):
        page_options(tmp_path / "m.html", tiles=str(tmp_path / "empty"))
    assert isinstance(page_options(tmp_path / "m.html", tiles="openstreetmap").tiles, str)
    assert render([feature("Barda", "AZ")], options=MapOptions(tiles="none"))
