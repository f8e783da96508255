"""Helpers for the map tests in a real browser (headless Chromium, driven by Playwright), fully offline.

Leaflet is inlined in the pages (the package's vendored copy), tiles come from a blank image, the
page itself from a server on 127.0.0.1 that the tests start (``conftest.py``); every other request
is refused and recorded. Outside CI the tests are skipped, with the reason shown, when Chromium or
Playwright is missing; in CI (``$CI`` set) that is a failure.
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
        self.page.route("**/*", functools.partial(self._route, base))
        self.page.goto(f"{base}/{name}.html")
        self.page.wait_for_function("window.geoClaims !== undefined && !window.geoClaims.busy", timeout=15000)

    def _route(self, base, route):
        url = route.request.url
        if url.startswith(base):
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


class OfflinePage:
    """A map file opened from disk (``file://``) as an analyst opens it, with every network request
    refused and recorded (``blocked``), console errors in ``errors``."""

    def __init__(self, browser, path: Path, *, viewport=(1300, 850)):
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.geoClaims !== undefined && !window.geoClaims.busy", timeout=15000)
        self.page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    def _route(self, route):
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def close(self):
        self.page.close()


# What a person sees: for each place, the icon that stands for it on screen (its marker, or the
# cluster holding it), whether that icon is inside the map and on top at its centre (no panel over it).
SEEN = """(names) => {
  const g = window.geoClaims, box = g.map.getContainer().getBoundingClientRect();
  return Object.fromEntries(names.map(n => {
    const e = g.entries.find(x => x.place.name === n);
    const shown = e && e.on ? g.cluster.getVisibleParent(e.marker) : null;
    const icon = shown && shown.getElement();
    if (!icon) return [n, {drawn: false}];
    const r = icon.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
    const inMap = x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
    const top = inMap ? document.elementFromPoint(x, y) : null;
    return [n, {drawn: true, cluster: shown !== e.marker, x: x, y: y, inMap: inMap, onTop: !!top && icon.contains(top)}];
  }));
}"""

# Wait for this before looking at a popup: the one just opened is alone (a closed one fades out a moment).
ONE_POPUP = "document.querySelectorAll('.leaflet-popup').length === 1 && document.querySelector('.gc-popup') !== null"

# The open popup: whether a panel overlaps it, how many of 49 points spread over it show something
# else on top (elementFromPoint), and whether it lies inside the map.
POPUP_CLEAR = """() => {
  const pop = document.querySelector(".leaflet-popup"), body = pop.querySelector(".leaflet-popup-content-wrapper");
  const r = pop.getBoundingClientRect(), b = body.getBoundingClientRect();
  const box = document.querySelector(".leaflet-container").getBoundingClientRect();
  const panels = [...document.querySelectorAll(".leaflet-control")].map(c => c.getBoundingClientRect())
    .filter(p => p.width > 0 && p.height > 0);
  const overlapping = panels.filter(p => p.left < r.right && r.left < p.right && p.top < r.bottom && r.top < p.bottom).length;
  let covered = 0;
  for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) {
    const el = document.elementFromPoint(b.left + (i + 0.5) * b.width / 7, b.top + (j + 0.5) * b.height / 7);
    if (!el || !pop.contains(el)) covered += 1;
  }
  const inside = r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
  return {overlapping: overlapping, covered: covered, inside: inside};
}"""
