"""Map speed: a cold ``geo map`` of the seed, and a large map (2,000 claims at 500 places).

- ``cold``: a new ``geo map seeds/karabakh-2020-10-20.ar.txt`` process (index built), best of 3.
- ``large``: synthetic claims (fixed seed) rendered and written to HTML; then the page opened in
  headless Chromium (Leaflet served locally from ``.ci/js/node_modules`` or ``$GEO_JS_ASSETS``):
  time until every marker is in the cluster layer and the clusters are drawn.

Run::

    python benchmarks/bench_map.py [--claims 2000 --places 500]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def synthetic(n_claims: int, n_places: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    places = [(f"Place {i}", 38 + rng.random() * 4, 44 + rng.random() * 6) for i in range(n_places)]
    sides = [("AZ", "belligerent"), ("AM", "belligerent"), ("media", "media"), ("UN", "third_party")]
    types = [
        ("Battles", "Armed clash"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("Strategic developments", "Territory taken"),
        ("Casualty report", "Fatalities"),
    ]
    out = []
    for i in range(n_claims):
        name, lat, lon = places[i % n_places]
        side, side_type = rng.choice(sides)
        event, sub = rng.choice(types)
        out.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "claim_id": f"s#{i}",
                    "role": "event",
                    "side": side,
                    "side_type": side_type,
                    "claimant_en": f"{side} ministry",
                    "event_type": event,
                    "sub_event_type": sub,
                    "place_name": name,
                    "mention": name,
                    "text": f"Reported fighting near {name}.",
                    "precision": rng.choice([1, 1, 2, 3]),
                    "radius_km": 20,
                    "quantities": [{"value": rng.randint(1, 50), "item": "tank", "action": "destroyed"}],
                    "date": "2020-10-20",
                    "time_precision": 1,
                    "article": f"a{i % 40}",
                },
            }
        )
    return out


def open_in_chromium(page_path: Path) -> float | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    chromium = shutil.which("chromium")
    assets = Path(os.environ.get("GEO_JS_ASSETS") or ROOT / ".ci" / "js" / "node_modules")
    if not chromium or not (assets / "leaflet").exists():
        return None
    from maps import ASSETS

    files = {
        "leaflet": "leaflet/dist/leaflet.js",
        "leaflet_css": "leaflet/dist/leaflet.css",
        "markercluster": "leaflet.markercluster/dist/leaflet.markercluster.js",
        "markercluster_css": "leaflet.markercluster/dist/MarkerCluster.css",
        "markercluster_default_css": "leaflet.markercluster/dist/MarkerCluster.Default.css",
    }
    local = {ASSETS[k]: assets / v for k, v in files.items()}

    def route(r):
        if r.request.url in local:
            r.fulfill(path=str(local[r.request.url]))
        elif r.request.url.startswith("file://"):
            r.continue_()
        else:
            r.abort()

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        page = b.new_page(viewport={"width": 1300, "height": 850})
        page.route("**/*", route)
        t = time.perf_counter()
        page.goto(page_path.as_uri())
        page.wait_for_function(
            "window.geoClaims && document.querySelectorAll('.marker-cluster, .gc-marker').length > 0"
        )
        seconds = time.perf_counter() - t
        b.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--places", type=int, default=500)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="geo-map-bench-"))
    cold = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "geo",
                "map",
                str(ROOT / "seeds" / "karabakh-2020-10-20.ar.txt"),
                "-o",
                str(work / "seed.html"),
            ],
            check=True,
            capture_output=True,
        )
        cold.append(time.perf_counter() - t)
    print(f"cold geo map on the seed: best {min(cold):.2f} s, median {statistics.median(cold):.2f} s")

    from maps import render

    features = synthetic(args.claims, args.places)
    t = time.perf_counter()
    page = work / "large.html"
    page.write_text(render(features).get_root().render(), "utf-8")
    print(
        f"{args.claims} claims at {args.places} places: rendered and written in {time.perf_counter() - t:.2f} s "
        f"({page.stat().st_size / 1e6:.1f} MB)"
    )
    opened = open_in_chromium(page)
    if opened is None:
        print("Chromium, Playwright or the Leaflet assets are missing: not opened")
    else:
        print(f"opened in headless Chromium with clustering in {opened:.2f} s")


if __name__ == "__main__":
    main()
