"""Fixtures of the browser tests: headless Chromium with Leaflet served locally, and a page server."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from maps import ASSETS

from .pages import ASSET_FILES, ROOT, missing


@pytest.fixture(scope="module")
def browser():
    chromium = os.environ.get("GEO_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        missing("Chromium (Debian package chromium)")
    assets = Path(os.environ.get("GEO_JS_ASSETS") or ROOT / ".ci" / "js" / "node_modules")
    if not all((assets / f).exists() for f in ASSET_FILES.values()):
        missing(f"the Leaflet npm packages in {assets}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright Python package")
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
