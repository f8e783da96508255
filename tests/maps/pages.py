"""Helpers for the map tests in a real browser (headless Chromium, driven by Playwright), fully offline.

Leaflet's scripts are served from a local copy (the npm packages ``.ci/run`` installs into
``.ci/js/node_modules``, or ``$GEO_JS_ASSETS``), tiles from a blank image, the page itself from a
server on 127.0.0.1 that the tests start (``conftest.py``); every other request is refused. Outside
CI the tests are skipped when Chromium, Playwright or the assets are missing; in CI (``$CI`` set)
that is a failure.
"""

from __future__ import annotations

import base64
import functools
import os
from pathlib import Path

import pytest

from maps import render

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


def missing(reason: str):
    """Skip the test (outside CI) or fail it (in CI): a browser piece is not installed."""
    if os.environ.get("CI"):
        pytest.fail(f"browser tests need {reason} (install them as .ci/run does)")
    pytest.skip(f"browser tests need {reason}")


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
        self.page.wait_for_function("window.geoClaims !== undefined && !window.geoClaims.busy", timeout=15000)

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
        """Every place marker: its main side, whether it is shown (in the cluster layer), contested, tally."""
        return self.page.evaluate(
            "Object.fromEntries(window.geoClaims.entries.map(e => [e.place.name, {side: e.view.side, "
            "visible: e.on && window.geoClaims.cluster.hasLayer(e.marker), contested: e.view.contested, "
            "count: e.view.rows.length}]))"
        )

    def open(self, place: str) -> str:
        """Open the popup of ``place``; its text."""
        assert self.page.evaluate(f"window.geoClaims.openPlace({place!r})")
        self.page.wait_for_selector(".gc-popup", state="visible")
        return self.page.locator(".gc-popup").inner_text()
