"""The seed map as ``geo map`` writes it, opened from disk in Chromium with every network request
refused: markers, popups, filters and the time slider work; what a person sees at load (the front's
markers filling the view, none under a panel) and with a popup open (no panel over it).

Screenshots: ``test-artifacts/seed-offline-load.png``, ``seed-offline-popup.png``,
``seed-offline-mbtiles.png``.
"""

from __future__ import annotations

import sqlite3
import struct
import subprocess
import sys
import zlib

import pytest

from ..texts import SEED_DIR
from .pages import ARTIFACTS, ONE_POPUP, POPUP_CLEAR, SEEN, OfflinePage

SEED = SEED_DIR / "karabakh-2020-10-20.ar.txt"
# Where the seed's events happen (Karabakh and around), and the far ones the opening view leaves out.
FRONT = ["Zangilan", "Ganja", "Tap Qaraqoyunlu", "Qubadlı", "Ishkhanadzor", "Khojavend", "Karabakh"]
FAR = ["Washington", "United States"]


def geo_map(*args):
    proc = subprocess.run([sys.executable, "-m", "geo", "map", *map(str, args)], capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()


def solid_png(rgb: tuple[int, int, int], size: int = 256) -> bytes:
    """A one-colour PNG tile."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The seed map written by the command line: inline (no tiles), inline with the default tiles,
    Leaflet copied into a folder, and on tiles from an MBTiles file."""
    out = tmp_path_factory.mktemp("offline")
    geo_map(SEED, "-o", out / "seed.html", "--tiles", "none")
    geo_map(SEED, "-o", out / "seed-osm.html")
    (out / "maps").mkdir()
    geo_map(SEED, "-o", out / "maps" / "seed-dir.html", "--tiles", "none", "--assets", out / "leaflet")
    db = sqlite3.connect(out / "world.mbtiles")
    db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    db.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
    db.executemany("INSERT INTO metadata VALUES (?, ?)", [("format", "png"), ("attribution", "Test tiles")])
    tile = solid_png((222, 235, 214))
    db.executemany(
        "INSERT INTO tiles VALUES (?, ?, ?, ?)",
        [(z, x, y, tile) for z in range(3) for x in range(1 << z) for y in range(1 << z)],
    )
    db.commit()
    db.close()
    geo_map(SEED, "-o", out / "seed-tiles.html", "--tiles", out / "world.mbtiles")
    return out


def visible(p) -> set[str]:
    return set(
        p.page.evaluate(
            "window.geoClaims.entries.filter(e => e.on && window.geoClaims.cluster.hasLayer(e.marker)).map(e => e.place.name)"
        )
    )


def test_seed_map_works_with_every_request_blocked(browser, pages):
    p = OfflinePage(browser, pages / "seed.html")
    assert p.blocked == [] and p.errors == []  # it asked for nothing at all
    assert set(FRONT) | set(FAR) <= visible(p)

    assert p.page.evaluate("window.geoClaims.openPlace('Zangilan')")
    p.page.wait_for_selector(".gc-popup", state="visible")
    text = p.page.locator(".gc-popup").inner_text()
    assert "Azerbaijan Ministry of Defence" in text and "GeoNames 146901" in text
    assert p.page.locator(".gc-popup blockquote mark").inner_text() == "زنغلان"
    p.page.evaluate("window.geoClaims.map.closePopup()")

    p.page.locator('#gc-filters input[data-side="AZ"]').uncheck()
    assert "Zangilan" not in visible(p) and "Khojavend" in visible(p)
    p.page.locator('#gc-filters input[data-side="AZ"]').check()
    assert "Zangilan" in visible(p)

    # The slider steps through the days with claims: 10, 20 and 23 October.
    tl = p.page.locator("#gc-timeline")
    assert tl.locator("#gc-tl-from").get_attribute("max") == "2"
    tl.locator("#gc-tl-from").press("End")
    p.page.wait_for_function("document.getElementById('gc-tl-from-date').textContent === '2020-10-23'")
    p.page.wait_for_function("!window.geoClaims.entries.find(e => e.place.name === 'Zangilan').on")
    assert visible(p) == {"United States"}  # the meeting announced for Friday the 23rd
    tl.locator("button.gc-tl-reset").click()
    p.page.wait_for_function("window.geoClaims.entries.every(e => e.on)")
    assert p.blocked == [] and p.errors == []
    p.close()


def test_default_tiles_fail_quietly_and_the_map_still_works(browser, pages):
    p = OfflinePage(browser, pages / "seed-osm.html")
    assert p.blocked and all(u.startswith("https://tile.openstreetmap.org/") for u in p.blocked)
    assert set(FRONT) <= visible(p)
    assert p.page.evaluate("window.geoClaims.openPlace('Ganja')")
    p.page.wait_for_selector(".gc-popup", state="visible")
    assert [e for e in p.errors if "Failed to load resource" not in e] == []
    p.close()


def test_leaflet_from_a_folder_beside_the_map(browser, pages):
    assert (pages / "leaflet" / "LICENSE-leaflet.txt").is_file()
    html = (pages / "maps" / "seed-dir.html").read_text("utf-8")
    assert '<script src="../leaflet/leaflet.js">' in html and len(html) < 60_000
    p = OfflinePage(browser, pages / "maps" / "seed-dir.html")
    assert p.blocked == [] and p.errors == []
    assert set(FRONT) <= visible(p)
    p.close()


def test_local_mbtiles_base_map(browser, pages):
    assert (pages / "world_tiles" / "2" / "3" / "1.png").is_file()
    p = OfflinePage(browser, pages / "seed-tiles.html")
    p.page.wait_for_function("document.querySelectorAll('img.leaflet-tile-loaded').length > 0")
    sizes = p.page.evaluate("[...document.querySelectorAll('img.leaflet-tile')].map(i => [i.complete, i.naturalWidth])")
    assert sizes and all(size == [True, 256] for size in sizes)  # every tile asked for was there
    assert p.blocked == [] and p.errors == []
    assert "Test tiles" in p.page.locator(".leaflet-control-attribution").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    p.page.screenshot(path=str(ARTIFACTS / "seed-offline-mbtiles.png"))
    p.close()


def test_what_a_person_sees(browser, pages):
    p = OfflinePage(browser, pages / "seed.html")
    ARTIFACTS.mkdir(exist_ok=True)
    p.page.screenshot(path=str(ARTIFACTS / "seed-offline-load.png"))

    # At load: the front fills the view, each place drawn (as a marker or in a cluster), none under a panel.
    seen = p.page.evaluate(SEEN, FRONT)
    for name in FRONT:
        assert seen[name]["drawn"] and seen[name]["inMap"] and seen[name]["onTop"], (name, seen[name])
    xs, ys = [seen[n]["x"] for n in FRONT], [seen[n]["y"] for n in FRONT]
    width, height = 1300, 850
    assert max((max(xs) - min(xs)) / width, (max(ys) - min(ys)) / height) > 0.5  # spread over the view
    assert sum(1 for n in FRONT if not seen[n]["cluster"]) >= 5  # mostly single markers, not one "7"
    far = p.page.evaluate(
        "(names) => names.map(n => window.geoClaims.map.getBounds().contains("
        "window.geoClaims.entries.find(e => e.place.name === n).marker.getLatLng()))",
        FAR,
    )
    assert far == [False, False]  # Washington does not shrink the front
    assert "2 outside the opening view" in p.page.locator("#gc-show-all").inner_text()

    # Every popup, opened by the page's own function, clear of every panel and inside the map.
    for name in FRONT + FAR:
        assert p.page.evaluate(f"window.geoClaims.openPlace({name!r})")
        p.page.wait_for_function(ONE_POPUP)
        assert p.page.locator(".gc-popup h4").inner_text().startswith(name)
        clear = p.page.evaluate(POPUP_CLEAR)
        assert clear == {"overlapping": 0, "covered": 0, "inside": True}, (name, clear)
        p.page.evaluate("window.geoClaims.map.closePopup(); window.geoClaims.fit()")

    # The panel of unplaced claims opened while a popup is open: the map moves the popup clear of it.
    assert p.page.evaluate("window.geoClaims.openPlace('Zangilan')")
    p.page.wait_for_function(ONE_POPUP)
    p.page.locator("#gc-unplaced summary").click()
    p.page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert p.page.evaluate(POPUP_CLEAR) == {"overlapping": 0, "covered": 0, "inside": True}
    p.page.wait_for_timeout(300)  # the popup's fade-in, for the picture
    p.page.screenshot(path=str(ARTIFACTS / "seed-offline-popup.png"))

    # A click on a marker, as a person opens a popup.
    p.page.evaluate("window.geoClaims.map.closePopup(); window.geoClaims.fit()")
    p.page.locator("#gc-unplaced summary").click()
    p.page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")
    p.page.locator('.gc-marker[data-place="Khojavend"]').click()
    p.page.wait_for_function(ONE_POPUP)
    assert p.page.evaluate(POPUP_CLEAR) == {"overlapping": 0, "covered": 0, "inside": True}

    # "Show all places" reaches the far ones.
    p.page.evaluate("window.geoClaims.map.closePopup()")
    p.page.locator("#gc-show-all").click()
    assert p.page.evaluate(
        "window.geoClaims.entries.every(e => window.geoClaims.map.getBounds().contains(e.marker.getLatLng()))"
    )
    assert p.blocked == [] and p.errors == []
    p.close()


# Where the first and the last two digits of an ISO date are drawn: left to right when it reads 2020-10-20.
DATE_ORDER = """(el) => {
  const node = [...el.childNodes].find(n => n.nodeType === 3), text = node.textContent, range = document.createRange();
  const x = (a, b) => { range.setStart(node, a); range.setEnd(node, b); return range.getBoundingClientRect().left; };
  return [text, x(0, 4) < x(5, 7) && x(5, 7) < x(8, 10)];
}"""


def test_right_to_left_fields(browser, pages):
    p = OfflinePage(browser, pages / "seed.html")
    headline = p.page.locator("#gc-title .gc-headline")
    assert headline.evaluate("h => getComputedStyle(h).direction") == "rtl"  # an Arabic headline aligns right
    box, panel = headline.bounding_box(), p.page.locator("#gc-title").bounding_box()
    assert panel["x"] + panel["width"] - (box["x"] + box["width"]) < 15
    date = p.page.locator('#gc-title .gc-sub bdi[dir="ltr"]')
    assert date.evaluate(DATE_ORDER) == ["2020-10-20", True]  # beside the Arabic outlet, not 20-10-2020

    assert p.page.evaluate("window.geoClaims.openPlace('Zangilan')")
    p.page.wait_for_function(ONE_POPUP)
    source = p.page.locator(".gc-popup .gc-source")
    assert source.get_attribute("dir") == "rtl"  # an Arabic title: the line reads right to left
    assert source.locator('bdi[dir="ltr"]').evaluate(DATE_ORDER) == ["2020-10-20", True]
    meta = p.page.locator(".gc-popup .gc-meta bdi").first
    assert meta.evaluate(DATE_ORDER)[1]

    assert p.page.evaluate("window.geoClaims.openPlace('Khojavend')")
    p.page.wait_for_function(
        ONE_POPUP + " && document.querySelector('.gc-popup h4').textContent.startsWith('Khojavend')"
    )
    review = p.page.locator(".gc-popup .gc-review").inner_text()
    assert review.startswith(" needs review: or Martuni (AM") or review.startswith("needs review: or Martuni (AM")
    assert review.count("Martuni") == 1  # two places of that name in Armenia: named once
    assert p.errors == []
    p.close()
