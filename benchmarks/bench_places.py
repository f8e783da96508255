"""Place recognition on every shared corpus and the dev articles, in one table.

    python benchmarks/bench_places.py                     # the three modes below
    python benchmarks/bench_places.py --modes cv rules    # some of them
    python benchmarks/bench_places.py --corpora geovirus --no-dev

Modes:
- ``shipped``: the packs' learned scorers as shipped (trained on these very corpora: optimistic);
- ``cv``: each document scored by the fold model of ``tools/train_mentions.py`` that was trained
  without it (grouped by document, IDRISI by event): the honest figure for text nobody tuned on;
- ``rules``: the learned scorer switched off (``MentionOptions(scorer=False)``): the hand rules.

Corpora are scored with ``../shared/bench/spaneval.py`` (NewsFANE with ``--exclude-types FAC``),
the dev articles with ``../shared/bench/placeeval.py``. Run ``tools/train_mentions.py`` first for
``cv`` (it writes the fold models under ``benchmarks/_out/mentions/``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FOLDS = ROOT / "benchmarks" / "_out" / "mentions"
CORPORA = ("idrisi_ar", "idrisi_en", "newsfane_a", "geovirus")
DEV = ("dev", "dev_en")


class _Models:
    """The fold model of each document (``cv``), the shipped one (``shipped``), none (``rules``)."""

    def __init__(self, mode: str):
        from geo.recognize.scorer import MentionModel

        self.mode = mode
        self.folds: dict[str, int] = {}
        self.models: dict[tuple[str, int], MentionModel] = {}
        if mode == "cv":
            for lang in ("ar", "en"):
                mapping = FOLDS / f"{lang}.folds.json"
                if not mapping.exists():
                    sys.exit(f"no fold models for {lang}: run tools/train_mentions.py first")
                self.folds.update(json.loads(mapping.read_text("utf-8")))
                for path in FOLDS.glob(f"{lang}.fold*.npz"):
                    self.models[(lang, int(path.stem.split("fold")[1]))] = MentionModel.load(path.read_bytes())

    def extractor(self, base, corpus: str, doc_id: str, lang: str):
        from geo import ExtractOptions, Extractor

        if self.mode == "shipped":
            return base
        if self.mode == "rules":
            options = ExtractOptions()
            return Extractor(
                base.gazetteer,
                options=dataclasses.replace(options, mentions=dataclasses.replace(options.mentions, scorer=False)),
            )
        model = self.models[(lang, self.folds.get(f"{corpus}:{doc_id}", 0))]
        key = id(model)
        cache = self.__dict__.setdefault("_extractors", {})
        if key not in cache:
            options = ExtractOptions()
            cache[key] = Extractor(
                base.gazetteer,
                options=dataclasses.replace(options, mentions=dataclasses.replace(options.mentions, model=model)),
            )
        return cache[key]


def _corpus(name: str, models: _Models, base, out: Path) -> str:
    from geo.readers import read_articles

    folder = SHARED / "eval" / "corpora" / name
    lang = name.split("_")[-1] if name.startswith("idrisi") else ("ar" if name == "newsfane_a" else "en")
    pred = out / f"{name}.jsonl"
    with open(pred, "w", encoding="utf-8") as fh:
        for article in read_articles(folder / "records.jsonl").articles:
            for f in models.extractor(base, name, article.id, lang).features(article):
                fh.write(json.dumps(f, ensure_ascii=False) + "\n")
    extra = ["--exclude-types", "FAC"] if name == "newsfane_a" else []
    proc = subprocess.run(
        [sys.executable, str(SHARED / "bench" / "spaneval.py"), str(folder), str(pred), *extra, "--quiet"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return proc.stdout.strip().splitlines()[-1]


def _dev(name: str, models: _Models, base, out: Path) -> str:
    from geo.readers import read_articles

    folder = SHARED / "eval" / name
    lang = "en" if name.endswith("_en") else "ar"
    pred = out / name
    pred.mkdir(parents=True, exist_ok=True)
    for txt in sorted(folder.glob("*.txt")):
        article = read_articles(txt).articles[0]
        features = models.extractor(base, name, article.id, lang).features(article)
        (pred / f"{txt.stem}.geojson").write_text(
            json.dumps({"type": "FeatureCollection", "features": features}), "utf-8"
        )
    proc = subprocess.run(
        [sys.executable, str(SHARED / "bench" / "placeeval.py"), str(folder), str(pred)],
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout.strip().splitlines()[-1]


def _figures(line: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in line.replace(",", " ").split() if "=" in part)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--modes", nargs="+", default=["shipped", "cv", "rules"], choices=["shipped", "cv", "rules"])
    parser.add_argument("--corpora", nargs="*", default=list(CORPORA))
    parser.add_argument("--no-dev", action="store_true")
    parser.add_argument("--out", type=Path, help="where predictions go (default: a temporary folder)")
    args = parser.parse_args()
    from gazetteer import Gazetteer
    from geo import Extractor

    base = Extractor(Gazetteer.open())
    out_root = args.out or Path(tempfile.mkdtemp(prefix="geo-places-"))
    print("| set | mode | exact P / R / F1 | overlap P / R / F1 | acc@161 (or country) | seconds |")
    print("|---|---|---|---|---|---|")
    for name in [*args.corpora, *([] if args.no_dev else DEV)]:
        for mode in args.modes:
            out = out_root / mode
            out.mkdir(parents=True, exist_ok=True)
            t = time.perf_counter()
            models = _Models(mode)
            if name in DEV:
                f = _figures(_dev(name, models, base, out))
                print(
                    f"| {name} | {mode} | P {f.get('precision')} / R {f.get('recall')} (places, placeeval) | | | {time.perf_counter() - t:.0f} |"
                )
            else:
                f = _figures(_corpus(name, models, base, out))
                exact = f"{f['exact_p']} / {f['exact_r']} / {f['exact_f1']}"
                overlap = f"{f['overlap_p']} / {f['overlap_r']} / {f['overlap_f1']}"
                print(
                    f"| {name} | {mode} | {exact} | {overlap} | {f['acc161']} ({f['acc161c']}) | {time.perf_counter() - t:.0f} |"
                )
            sys.stdout.flush()
    print(f"predictions: {out_root}", file=sys.stderr)


if __name__ == "__main__":
    main()
