"""How well the gazetteer's prior alone places real mentions: each gold mention's text, no context.

For every gold mention with coordinates in the evaluation corpora (GeoVirus, IDRISI), the mention
text alone (a leading "#" dropped) is geocoded with ``Gazetteer.search(text, limit=5)``; a hit is a
result within 161 km of the gold point, or, for a gold country mention, the same country as a
PCL* result. Reported per corpus: acc@161 of the top 1 and of any of the top 5, and how many
mentions had no result. This measures the prominence prior (which place a name means when
nothing else is known); resolution in context is :mod:`geo`'s. Gold is only read to measure.

    GEO_CACHE_DIR=... python benchmarks/bench_prior.py [--corpora DIR] [--index DIR] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from gazetteer import Gazetteer
from gazetteer.geometry import distance_km

CORPORA = ("geovirus", "idrisi_ar", "idrisi_en")


def _hit(match, gold: dict) -> bool:
    p = match.place
    if distance_km(gold["lat"], gold["lon"], p.lat, p.lon) <= 161:
        return True
    return (
        gold.get("type") == "Country"
        and p.feature_code.startswith("PCL")
        and p.country_code == gold.get("country_code")
    )


def score(gz: Gazetteer, gold_path: Path) -> dict:
    n = top1 = top5 = empty = 0
    cache: dict[str, list] = {}
    t0 = time.perf_counter()
    with open(gold_path, encoding="utf-8") as fh:
        for line in fh:
            for m in json.loads(line)["mentions"]:
                if m.get("lat") is None:
                    continue
                text = m["text"].lstrip("#").replace("_", " ").strip()
                if text not in cache:
                    cache[text] = gz.search(text, limit=5)
                found = cache[text]
                n += 1
                empty += not found
                hits = [_hit(r, m) for r in found]
                top1 += bool(hits[:1] and hits[0])
                top5 += any(hits)
    return {
        "mentions": n,
        "acc161_top1": round(top1 / n, 3),
        "acc161_top5": round(top5 / n, 3),
        "no_result": round(empty / n, 3),
        "distinct_names": len(cache),
        "seconds": round(time.perf_counter() - t0, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=Path("/work/shared/eval/corpora"))
    ap.add_argument("--index", type=Path, help="index directory (default: the default index)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    out = {}
    with Gazetteer.open(args.index) as gz:
        for name in CORPORA:
            gold = args.corpora / name / "gold.jsonl"
            if not gold.exists():
                print(f"{name}: no {gold}", file=sys.stderr)
                continue
            out[name] = fig = score(gz, gold)
            print(
                f"{name:10} {fig['mentions']:5} mentions: acc@161 top-1 {fig['acc161_top1']:.3f}, "
                f"top-5 {fig['acc161_top5']:.3f}, no result {fig['no_result']:.3f} ({fig['seconds']} s)"
            )
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
