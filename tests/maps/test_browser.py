"""The map in a real browser (headless Chromium, driven by Playwright), fully offline.

Leaflet's scripts are served from a local copy (the npm packages ``.ci/run`` installs into
``.ci/js/node_modules``, or ``$GEO_JS_ASSETS``), tiles from a blank image, the page itself from a
server on 127.0.0.1 that the test starts; every other request is refused. Outside CI the tests are
skipped when Chromium, Playwright or the assets are missing; in CI (``$CI`` set) that is a failure.
"""

from __future__ import annotations

import base64
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from maps import ASSETS, render

from ..texts import SEED_DIR

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII="
)
ASSET_FILES = {
    "leaflet": "leaflet/dist/leaflet.js",
    "leaflet_css": "leaflet/dist/leaflet.css",
    "markercluster": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "markercluster_css": "leaflet.markercluster/dist/MarkerCluster.css",
    "markercluster_default_css": "leaflet.markercluster/dist/MarkerCluster.Default.css",
}


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser tests need {reason} (install them as .ci/run does)")
    pytest.skip(f"browser tests need {reason}")


@pytest.fixture(scope="module")
def browser():
    chromium = os.environ.get("GEO_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        _missing("Chromium (Debian package chromium)")
    assets = Path(os.environ.get("GEO_JS_ASSETS") or ROOT / ".ci" / "js" / "node_modules")
    if not all((assets / f).exists() for f in ASSET_FILES.values()):
        _missing(f"the Leaflet npm packages in {assets}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright Python package")
    local = {ASSETS[name]: assets / path for name, path in ASSET_FILES.items()}
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        b.geo_local = local
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A static file server on 127.0.0.1 for the generated pages."""
    root = tmp_path_factory.mktemp("pages")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class Page:
    """A page with offline routing, console errors and dialogs recorded."""

    def __init__(self, browser, server, name: str, features, **kwargs):
        root, base = server
        (root / f"{name}.html").write_text(render(features, **kwargs).get_root().render(), "utf-8")
        self.page = browser.new_page(viewport={"width": 1300, "height": 850})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.blocked: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("**/*", functools.partial(self._route, browser.geo_local, base))
        self.page.goto(f"{base}/{name}.html")
        self.page.wait_for_function("window.geoClaims !== undefined", timeout=15000)

    def _route(self, local, base, route):
        url = route.request.url
        if url in local:
            kind = "text/css" if url.endswith(".css") else "application/javascript"
            route.fulfill(path=str(local[url]), content_type=kind)
        elif url.startswith(base):
            route.continue_()
        elif "tile.openstreetmap.org" in url:
            route.fulfill(body=BLANK_PNG, content_type="image/png")
        else:
            self.blocked.append(url)
            route.abort()

    def places(self) -> dict[str, dict]:
        return self.page.evaluate(
            "Object.fromEntries(window.geoClaims.entries.map(e => [e.place.name, "
            "{side: e.place.side, visible: window.geoClaims.cluster.hasLayer(e.marker), contested: e.place.contested}]))"
        )

    def open(self, place: str) -> str:
        assert self.page.evaluate(f"window.geoClaims.openPlace({place!r})")
        self.page.wait_for_selector(".gc-popup", state="visible")
        return self.page.locator(".gc-popup").inner_text()


@pytest.fixture(scope="module")
def seed_features(default_gazetteer):
    from geo.pipeline import Extractor
    from geo.readers import read_articles

    article = read_articles(SEED_DIR / "karabakh-2020-10-20.ar.txt").articles[0]
    return Extractor(default_gazetteer).features(article)


def test_seed_map(browser, server, seed_features):
    p = Page(browser, server, "seed", seed_features)
    places = p.places()
    for name in ("Zangilan", "Ganja", "Tap Qaraqoyunlu", "Qubadlı"):
        assert places[name]["side"] == "AZ", name
    for name in ("Ishkhanadzor", "Khojavend"):
        assert places[name]["side"] == "AM", name
    assert "Washington" in places
    assert "Yerevan" not in places and "Baku" not in places  # claimant seats are not event markers
    assert p.page.locator("path.gc-region").count() >= 1  # Karabakh drawn as a region
    assert p.page.locator("path.gc-near").count() >= 3  # near / direction of: dashed rings

    text = p.open("Zangilan")
    assert "Azerbaijan Ministry of Defence" in text and "Territory taken" in text and "2020-10-20" in text
    quote = p.page.locator(".gc-popup blockquote.gc-sentence")
    assert quote.get_attribute("dir") == "rtl" and quote.get_attribute("lang") == "ar"
    assert p.page.locator(".gc-popup blockquote mark").inner_text() == "زنغلان"
    assert "GeoNames 146901" in text

    panel = p.page.locator("#gc-unplaced")
    panel.locator("summary").click()
    unplaced = panel.inner_text()
    assert "241 tanks destroyed" in unplaced and "39 tanks captured" in unplaced
    assert "Fatalities reported: 746" in unplaced  # Yerevan's toll

    ARTIFACTS.mkdir(exist_ok=True)
    p.page.wait_for_timeout(400)
    p.page.screenshot(path=str(ARTIFACTS / "seed-map-popup.png"))
    p.page.evaluate("window.geoClaims.map.closePopup(); window.geoClaims.fit()")
    p.page.wait_for_timeout(400)
    p.page.screenshot(path=str(ARTIFACTS / "seed-map.png"))

    p.page.locator('#gc-filters input[data-side="AZ"]').uncheck()
    after = p.places()
    assert not after["Zangilan"]["visible"] and after["Khojavend"]["visible"]
    p.page.locator('#gc-filters input[data-side="AZ"]').check()
    p.page.locator('#gc-filters input[data-type="Violence against civilians"]').uncheck()
    assert not p.places()["Khojavend"]["visible"]

    assert p.errors == [] and p.dialogs == []
    assert not [u for u in p.blocked if not u.startswith("https://tile.")]


def test_contested_place(browser, server, default_gazetteer):
    from geo.pipeline import Extractor
    from geo.readers.text import TextReader

    text = (
        "Barda shelled\n"
        "Azerbaijan's defence ministry said Armenian forces shelled the town of Barda on Tuesday.\n"
        "Armenia's defence ministry denied shelling Barda.\n"
    )
    article = next(TextReader().parse(text, name="barda.txt", stem="barda"))
    p = Page(browser, server, "contested", Extractor(default_gazetteer).features(article))
    assert p.places()["Barda"]["contested"]
    marker = p.page.locator('.gc-marker.gc-contested[data-place="Barda"]')
    assert marker.count() == 1 and marker.locator(".gc-badge").count() == 1
    text = p.open("Barda")
    assert "Contested" in text and "denies" in text
    assert p.errors == []


def test_untrusted_text_runs_nothing(browser, server):
    evil = (
        '<script>window.__xss=1;alert("script")</script><img src=x onerror="window.__xss=2;alert(2)">'
        '</div></li></ol>${alert(3)}`<a href="javascript:alert(4)">click</a>'
    )
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [47.1, 40.3]},
        "properties": {
            "claim_id": "x#1",
            "role": "event",
            "side": "AZ",
            "side_type": "belligerent",
            "place_name": evil,
            "mention": evil,
            "text": evil,
            "claimant": evil,
            "claimant_en": evil,
            "article_title": evil,
            "outlet": evil,
            "url": "javascript:alert(5)",
            "precision": 1,
        },
    }
    unplaced = dict(feature, geometry=None)
    p = Page(browser, server, "xss", [feature, unplaced], title=evil)
    text = p.open(evil)
    assert "<script>" in text and "onerror" in text  # shown as text
    p.page.locator("#gc-unplaced summary").click()
    assert p.page.evaluate("window.__xss") is None
    assert p.page.locator("img[src='x']").count() == 0
    assert p.page.locator("a[href^='javascript']").count() == 0
    assert p.dialogs == [] and p.errors == []
    assert evil[:20] in p.page.locator("#gc-title").inner_text()
