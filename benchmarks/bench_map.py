"""Map speed: a cold ``geo map`` of the seed, a large map, and a time-slider map of a big corpus.

- ``cold``: a new ``geo map seeds/karabakh-2020-10-20.ar.txt`` process (index built), best of 3, and
  the size of the page it writes with each ``--assets`` choice.
- ``large``: synthetic claims (fixed seed) rendered and written to HTML; then the page opened in
  headless Chromium from disk with every network request refused (Leaflet is inlined): time until
  every marker is in the cluster layer and the clusters are drawn.
- ``timeline``: a synthetic batch of ``--articles`` articles (outlets, days, Arabic sentences,
  claims merged across outlets with several sources and ranges) with ``--claims`` claims at
  ``--places`` places over ``--days`` days, or a real ``geo batch`` output (``--input``): render
  time, HTML size, time until the map is ready in headless Chromium with clustering, the time one
  slider change takes to redraw, and the popup of the busiest place.

Run::

    python benchmarks/bench_map.py [--only cold|large|timeline] [--claims 2000 --places 500]
    python benchmarks/bench_map.py --only timeline --claims 50000 --places 3000 --articles 20000 --days 365
    python benchmarks/bench_map.py --only timeline --input corpus.parquet   # a geo batch output
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
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


_READY = (
    "window.geoClaims && !window.geoClaims.busy && document.querySelectorAll('.marker-cluster, .gc-marker').length > 0"
)


@contextlib.contextmanager
def chromium_page(page_path: Path):
    """The map opened from disk in headless Chromium, every network request refused; yields (page,
    seconds until ready), or ``(None, None)`` when Chromium or Playwright is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        yield None, None
        return
    chromium = os.environ.get("GEO_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        yield None, None
        return
    blocked: list[str] = []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        page = b.new_page(viewport={"width": 1300, "height": 850})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route("**/*", route)
        t = time.perf_counter()
        page.goto(page_path.as_uri(), timeout=120_000)
        page.wait_for_function(_READY, timeout=120_000, polling=20)
        seconds = time.perf_counter() - t
        try:
            yield page, seconds
        finally:
            b.close()
        if errors:
            print(f"page errors: {errors[:3]}")
        if blocked:
            print(f"{len(blocked)} network requests refused, e.g. {blocked[0]}")


def open_in_chromium(page_path: Path) -> float | None:
    with chromium_page(page_path) as (_page, seconds):
        return seconds


# One slider change, timed in the page: from the input event to the next frame after the markers are
# back in the cluster layer (its chunked loading finished).
_SLIDE = """async ([end, value]) => {
  const g = window.geoClaims, input = g.timeline[end];
  const t0 = performance.now();
  input.value = value;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  await new Promise(r => requestAnimationFrame(() => r()));
  while (g.busy) await new Promise(r => setTimeout(r, 5));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r())));
  return [performance.now() - t0, g.applyMs, g.count, g.entries.filter(e => e.on).length];
}"""


def corpus(n_claims: int, n_places: int, n_articles: int, n_days: int, seed: int = 11) -> list[dict]:
    """A batch-like table: articles with outlets and days, Arabic sentences, claims at places over many
    days (a few busy places, a long tail), a tenth without a place, some merged across outlets."""
    rng = random.Random(seed)
    words = ["".join(rng.choice("ابتثجحخدذرزسشصضطظعغفقكلمنهوي") for _ in range(rng.randint(2, 7))) for _ in range(3000)]
    outlets = [f"outlet{i}.example" for i in range(40)]
    first = datetime.date(2020, 1, 1)
    articles = []
    for i in range(n_articles):
        day = first + datetime.timedelta(days=rng.randrange(n_days))
        outlet = rng.choice(outlets)
        title = " ".join(rng.choice(words) for _ in range(8))
        articles.append((f"art{i:05d}", day, outlet, title, f"https://{outlet}/news/{i}"))
    places = [(f"Place {i}", 12 + rng.random() * 30, 30 + rng.random() * 30, 100000 + i) for i in range(n_places)]
    weights = [1 / (i + 1) ** 0.8 for i in range(n_places)]
    sides = [("AZ", "belligerent"), ("AM", "belligerent"), ("RU", "belligerent"), ("UA", "belligerent")]
    sides += [("media", "media"), ("UN", "third_party")]
    types = [
        ("Battles", "Armed clash"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("Strategic developments", "Territory taken"),
        ("Violence against civilians", "Attack"),
        ("Casualty report", "Fatalities"),
    ]
    chosen = rng.choices(places, weights=weights, k=n_claims)
    out = []
    for i in range(n_claims):
        art, published, outlet, title, url = articles[i % n_articles]
        side, side_type = rng.choice(sides)
        event, sub = rng.choice(types)
        name, lat, lon, gid = chosen[i]
        placed = rng.random() > 0.1
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(12, 30)))
        value = rng.randint(1, 300)
        props = {
            "claim_id": f"{art}#{i:x}",
            "role": "event",
            "claimant": "وزارة الدفاع",
            "claimant_en": f"{side} defence ministry",
            "side": side,
            "side_type": side_type,
            "stance": "denies" if rng.random() < 0.05 else "asserts",
            "event_type": event,
            "sub_event_type": sub,
            "text": f"{sentence} {name}",
            "start": 0,
            "mention": name if placed else None,
            "mention_start": len(sentence) + 1 if placed else None,
            "place_name": name if placed else None,
            "geonameid": gid if placed else None,
            "precision": rng.choice([1, 1, 1, 2, 3]) if placed else None,
            "precision_note": "at" if placed else None,
            "radius_km": 25,
            "quantities": [{"value": value, "item": "tank", "action": "destroyed"}],
            "fatalities": value // 10 or None,
            "date": None
            if rng.random() < 0.1
            else (published - datetime.timedelta(days=rng.randint(0, 2))).isoformat(),
            "time_precision": 1,
            "article": art,
            "article_title": title,
            "outlet": outlet,
            "url": url,
            "published": published.isoformat(),
        }
        if rng.random() < 0.15:  # merged across outlets: several sources, counts as ranges
            others = [articles[rng.randrange(n_articles)] for _ in range(rng.randint(1, 3))]
            props["sources"] = [
                {"article": a, "outlet": o, "url": u, "published": d.isoformat(), "article_title": t, "claim_id": a}
                for a, d, o, t, u in [articles[i % n_articles], *others]
            ]
            props["source_count"] = len(props["sources"])
            props["quantities"][0]["value_max"] = value + rng.randint(1, 20)
            props["fatalities_max"] = (props["fatalities"] or 0) + 3
        geometry = {"type": "Point", "coordinates": [lon, lat]} if placed else None
        out.append({"type": "Feature", "geometry": geometry, "properties": props})
    return out


def bench_cold(work: Path) -> None:
    seed = ROOT / "seeds" / "karabakh-2020-10-20.ar.txt"
    for assets, tiles in [("inline", "none"), ("inline", "openstreetmap"), ("cdn", "openstreetmap")]:
        out = work / f"seed-{assets}-{tiles}.html"
        args = [sys.executable, "-m", "geo", "map", str(seed), "-o", str(out), "--assets", assets, "--tiles", tiles]
        subprocess.run(args, check=True, capture_output=True)
        print(f"seed map, --assets {assets} --tiles {tiles}: {out.stat().st_size / 1e3:.1f} kB")
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


def bench_large(work: Path, n_claims: int, n_places: int) -> None:
    from maps import render

    features = synthetic(n_claims, n_places)
    t = time.perf_counter()
    page = work / "large.html"
    page.write_text(render(features).get_root().render(), "utf-8")
    print(
        f"{n_claims} claims at {n_places} places: rendered and written in {time.perf_counter() - t:.2f} s "
        f"({page.stat().st_size / 1e6:.1f} MB)"
    )
    opened = open_in_chromium(page)
    if opened is None:
        print("Chromium or Playwright is missing: not opened")
    else:
        print(f"opened in headless Chromium with clustering in {opened:.2f} s")


def bench_timeline(work: Path, features: list[dict] | Path, label: str) -> None:
    """Render the claims (or ``geo map`` a batch file) and time the map and its slider in Chromium."""
    from maps import render

    page = work / "timeline.html"
    t = time.perf_counter()
    if isinstance(features, Path):  # a batch output: the command line, reading included
        subprocess.run(
            [sys.executable, "-m", "geo", "map", str(features), "-o", str(page)], check=True, capture_output=True
        )
    else:
        page.write_text(render(features).get_root().render(), "utf-8")
    rendered = time.perf_counter() - t
    size = page.stat().st_size
    print(f"timeline map of {label}: rendered and written in {rendered:.2f} s, {size / 1e6:.1f} MB HTML")
    with chromium_page(page) as (p, ready):
        if p is None:
            print("Chromium or Playwright is missing: not opened")
            return
        markers, claims = p.evaluate("[window.geoClaims.entries.filter(e => e.on).length, window.geoClaims.events]")
        print(
            f"ready in headless Chromium with clustering in {ready:.2f} s "
            f"({claims} claims, {markers} markers; {size / claims:.0f} bytes of HTML a claim)"
        )
        # Slider positions are steps through the days with claims (index into timeline.days).
        days = p.evaluate("window.geoClaims.data.timeline.days")
        last = len(days) - 1
        month = next((i for i, d in enumerate(days) if d >= days[0] + 30), last)
        back = next((i for i, d in enumerate(days) if d >= days[-1] - 30), 0)
        steps = [
            ("'to' from the last day to the end of the first month", "to", month),
            ("'to' one step on (an arrow key)", "to", min(last, month + 1)),
            ("'to' back to the last day", "to", last),
            ("'from' to the last month", "from", back),
            ("'from' back to the first day (all dates)", "from", 0),
        ]
        for label, end, value in steps:
            ms, apply_ms, shown, on = p.evaluate(_SLIDE, [end, value])
            print(f"slider: {label}: {ms:.0f} ms, filtering {apply_ms:.0f} ms ({shown} claims, {on} markers shown)")
        t = time.perf_counter()
        busiest = p.evaluate(
            "window.geoClaims.entries.reduce((a, e) => e.place.claims.length > a.place.claims.length ? e : a).place.name"
        )
        p.evaluate(f"window.geoClaims.openPlace({busiest!r})")
        p.wait_for_selector(".gc-popup", state="visible")
        n = p.locator(".gc-popup .gc-claim").count()
        print(f"popup of the busiest place ({n} claims) open in {time.perf_counter() - t:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=["cold", "large", "timeline"], help="Run one section (default: all).")
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--places", type=int, default=500)
    parser.add_argument("--articles", type=int, default=None, help="timeline: articles (default: claims / 2.5)")
    parser.add_argument("--days", type=int, default=365, help="timeline: days the articles span")
    parser.add_argument("--input", type=Path, help="timeline: map this batch output (geo batch) instead")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="geo-map-bench-"))
    if args.only in (None, "cold"):
        bench_cold(work)
    if args.only in (None, "large"):
        bench_large(work, args.claims, args.places)
    if args.only in (None, "timeline") and args.input:
        bench_timeline(work, args.input, f"{args.input} (geo map, reading included)")
    elif args.only in (None, "timeline"):
        articles = args.articles or max(1, int(args.claims / 2.5))
        label = f"{args.claims} claims, {articles} articles, {args.places} places, {args.days} days"
        bench_timeline(work, corpus(args.claims, args.places, articles, args.days), label)


if __name__ == "__main__":
    main()
