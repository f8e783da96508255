"""Extraction quality on annotated articles: the reference scorers' figures plus resolution accuracy.

For each ``NAME.txt`` (+ ``NAME.json`` gold) in the given folders, runs the extractor (the same code
as ``geo extract NAME.txt --format geojson``), writes ``PRED/NAME.geojson``, then runs
``../shared/bench/placeeval.py`` and ``claimeval.py`` on the folder and prints their totals.

Resolution accuracy: over gold toponyms whose surface form the extractor found as a mention, the
share resolved within 25 km of the gold point (50 km for regions; countries by country code).

Run::

    python benchmarks/eval.py ../shared/eval/dev ../shared/eval/dev_en [--pred DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p = math.pi / 180
    h = (
        math.sin((b[0] - a[0]) * p / 2) ** 2
        + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def resolution(gold: dict, features: list[dict]) -> tuple[int, int, list[str]]:
    """(right, found, misses) over gold toponyms the extractor found by surface form."""
    from gazetteer import fold

    right = found = 0
    misses = []
    for g in gold.get("toponyms", []):
        if g.get("lat") is None:
            continue
        surface = fold(g["surface"])
        hits = [f for f in features if f.get("geometry") and fold(f["properties"].get("mention") or "") == surface]
        if not hits:
            continue
        found += 1
        props, (lon, lat) = hits[0]["properties"], hits[0]["geometry"]["coordinates"]
        if g.get("feature") == "country":
            ok = props.get("feature_code", "").startswith("PCL") or km((lat, lon), (g["lat"], g["lon"])) <= 300
        else:
            ok = km((lat, lon), (g["lat"], g["lon"])) <= (50 if g.get("feature") == "region" else 25)
        right += ok
        if not ok:
            misses.append(
                f"{g['surface']} -> {props.get('place_name')} ({props.get('country_code')}), gold {g['name']}"
            )
    return right, found, misses


def run(folder: Path, pred: Path, verbose: bool) -> dict:
    from geo.pipeline import Extractor
    from geo.readers import read_articles

    extractor = Extractor()
    pred.mkdir(parents=True, exist_ok=True)
    right = found = 0
    started = time.perf_counter()
    n = 0
    for txt in sorted(folder.glob("*.txt")):
        article = read_articles(txt).articles[0]
        features = extractor.features(article)
        n += 1
        (pred / f"{txt.stem}.geojson").write_text(
            json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False), "utf-8"
        )
        gold_path = txt.with_suffix(".json")
        if gold_path.exists():
            r, f, misses = resolution(json.loads(gold_path.read_text("utf-8")), features)
            right, found = right + r, found + f
            if verbose:
                for m in misses:
                    print(f"  resolution miss in {txt.stem}: {m}")
    seconds = time.perf_counter() - started
    out = {"articles": n, "seconds": round(seconds, 2), "resolution": round(right / found, 3) if found else None}
    for scorer in ("placeeval.py", "claimeval.py"):
        proc = subprocess.run(
            [sys.executable, str(BENCH / scorer), str(folder), str(pred)], capture_output=True, text=True
        )
        lines = proc.stdout.strip().splitlines()
        if verbose:
            print("\n".join(lines[:-1]))
        out[scorer] = lines[-1] if lines else proc.stderr.strip()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--pred", type=Path, help="where to write predictions (default: a temp dir)")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    root = args.pred or Path(tempfile.mkdtemp(prefix="geo-eval-"))
    for folder in args.folders:
        result = run(folder, root / folder.name, args.verbose)
        print(f"== {folder}  ({result['articles']} articles, {result['seconds']} s)")
        print(f"   places: {result['placeeval.py']}")
        print(f"   claims: {result['claimeval.py']}")
        print(f"   resolution accuracy (gold mentions found, within 25 km): {result['resolution']}")


if __name__ == "__main__":
    main()
