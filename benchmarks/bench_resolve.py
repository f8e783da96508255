"""Resolution in context: the hand rules against the learned ranker, scored by the shared scorers.

For every corpus with coordinates (GeoVirus, IDRISI Arabic and English) the recognised mentions of
each record (cached by ``tools/train_resolve.py``: the extraction up to ``find_places``) are resolved
three ways, written in the gold format and scored by ``../shared/bench/spaneval.py`` (acc@161 and
acc@161-or-country on the recognised mentions, its last line):

- ``hand``: ``ResolveOptions(learned=False)``, the hand weights;
- ``learned``: the shipped ranker (trained on these corpora: in-sample);
- ``learned-cv``: for each record the fold model trained without its group (its IDRISI event, its
  GeoVirus article, its dev article), as ``tools/train_resolve.py`` wrote them.

The dev articles (``../shared/eval/dev``, ``dev_en``) are extracted whole in each way and scored by
``../shared/bench/placeeval.py`` (places within 25 km; precision, recall).

    python tools/train_resolve.py          # once: the cache, the fold models, the shipped model
    python benchmarks/bench_resolve.py     # add --no-dev to skip the dev articles
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tools"))

import train_resolve  # noqa: E402


def _options(way: str, fold_model=None):
    from geo.options import ResolveOptions

    if way == "hand":
        return ResolveOptions(learned=False)
    if way == "learned":
        return ResolveOptions(learned=True)
    return ResolveOptions(learned=True, model=fold_model)


def _fold_models():
    from geo.resolve.ranker import Ranker

    folds = train_resolve.OUT / "folds"
    meta = json.loads((folds / "folds.json").read_text("utf-8"))
    models = {}
    for path in sorted(folds.glob("fold*.npz")):
        ranker = Ranker.load(path.read_bytes())
        models[int(ranker.info["fold"])] = replace(ranker, review_margin=meta["margin"])
    return models, meta["fold_of"]


def _predictions(docs, way: str, models, fold_of) -> dict[str, dict[str, list]]:
    """corpus -> record id -> predicted mentions in the gold format."""
    from geo.resolve import resolve

    out: dict[str, dict[str, list]] = {}
    for doc in docs:
        if doc["corpus"] in train_resolve.DEV:
            continue
        model = models.get(fold_of.get(doc["group"], -1)) if way == "learned-cv" else None
        resolved = resolve(doc["mentions"], focus=doc["focus"], options=_options(way, model), text=doc["text"])
        rows = out.setdefault(doc["corpus"], {}).setdefault(doc["id"], [])
        for r in resolved:
            p = r.place
            rows.append(
                {
                    "start": r.mention.start,
                    "end": r.mention.end,
                    "lat": p.lat,
                    "lon": p.lon,
                    "feature_code": p.feature_code,
                    "country_code": p.country_code,
                    "geonameid": p.geonameid,
                }
            )
    return out


def _spaneval(corpus: str, records: dict[str, list], tmp: Path) -> dict[str, str]:
    pred = tmp / f"{corpus}.jsonl"
    pred.write_text("".join(json.dumps({"id": k, "mentions": v}) + "\n" for k, v in records.items()), "utf-8")
    folder = SHARED / "eval" / "corpora" / corpus
    done = subprocess.run(
        [sys.executable, str(SHARED / "bench" / "spaneval.py"), str(folder), str(pred), "--quiet"],
        capture_output=True,
        text=True,
        check=True,
    )
    last = done.stdout.strip().splitlines()[-1]
    return dict(item.split("=", 1) for item in last.split())


def _dev(way: str, models, fold_of, tmp: Path) -> list[str]:
    """placeeval's summary lines of the dev articles extracted with the ``way``'s options."""
    from gazetteer import Gazetteer
    from geo import ExtractOptions, Extractor
    from geo.output import feature_collection
    from geo.readers import read_articles

    gazetteer = Gazetteer.open()
    lines = []
    for folder in train_resolve.DEV:
        out = tmp / f"{folder}-{way}"
        out.mkdir()
        for path in sorted((SHARED / "eval" / folder).glob("*.txt")):
            model = models.get(fold_of.get(f"{folder}:{path.stem}", -1)) if way == "learned-cv" else None
            extractor = Extractor(gazetteer, options=ExtractOptions(resolve=_options(way, model)))
            features = [f for a in read_articles(path).articles for f in extractor.features(a)]
            (out / f"{path.stem}.geojson").write_text(json.dumps(feature_collection(features)), "utf-8")
        done = subprocess.run(
            [sys.executable, str(SHARED / "bench" / "placeeval.py"), str(SHARED / "eval" / folder), str(out)],
            capture_output=True,
            text=True,
            check=True,
        )
        lines.append(f"{folder}: {done.stdout.strip().splitlines()[-1]}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-dev", action="store_true", help="skip the dev articles")
    args = parser.parse_args(argv)
    docs = train_resolve.collect()
    models, fold_of = _fold_models()
    ways = ("hand", "learned", "learned-cv")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        print(f"{'corpus':<10} {'way':<11} {'acc161':>7} {'acc161c':>8} {'median_km':>10}")
        for way in ways:
            for corpus, records in sorted(_predictions(docs, way, models, fold_of).items()):
                s = _spaneval(corpus, records, tmp / way if (tmp / way).exists() else _mk(tmp / way))
                print(f"{corpus:<10} {way:<11} {s['acc161']:>7} {s['acc161c']:>8} {s['median_km']:>10}")
        if not args.no_dev:
            for way in ways:
                for line in _dev(way, models, fold_of, tmp):
                    print(f"{way:<11} {line}")
    return 0


def _mk(path: Path) -> Path:
    path.mkdir()
    return path


if __name__ == "__main__":
    sys.exit(main())
