"""Retrain the learned attribution decision (``geo/claims/data/attribution.json``) on annotated articles.

Runs the rules (the learned decision switched off) on every ``NAME.txt`` with a ``NAME.json`` gold in
the given folders, labels each (candidate speaker, clause) pair by the gold claims
(:func:`geo.claims.learned.collect`), fits a logistic model with a fixed seed
(:func:`geo.claims.learned.fit`, scikit-learn: ``pip install -e '.[train]'``) and writes the weights.
It also prints the leave-one-article-out accuracy of the decision on the candidates, so a retrain
that only fits one article shows.

Run::

    python tools/train_attribution.py ../shared/eval/dev ../shared/eval/dev_en [--out PATH] [--seed 13]
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "geo" / "claims" / "data" / "attribution.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--c", type=float, default=0.5, help="inverse regularisation strength")
    args = parser.parse_args()

    from geo.claims.learned import FEATURES, collect, fit
    from geo.options import ExtractOptions
    from geo.pipeline import Extractor
    from geo.readers import read_articles

    base = ExtractOptions()
    extractor = Extractor(options=replace(base, claims=replace(base.claims, learned=False)))
    samples = {}
    for folder in args.folders:
        for txt in sorted(folder.glob("*.txt")):
            gold = txt.with_suffix(".json")
            if gold.exists():
                samples[txt.stem] = collect(extractor, read_articles(txt).articles[0], gold)
    everything = [s for ss in samples.values() for s in ss]
    print(f"{len(samples)} articles, {len(everything)} candidate pairs, {sum(s.y for s in everything)} right")
    right = total = 0
    for name, held in samples.items():
        model = fit([s for other, ss in samples.items() if other != name for s in ss], seed=args.seed, c=args.c)
        if model is None or not held:
            continue
        scores = model.score(np.stack([s.x for s in held]))
        right += int(((scores > 0).astype(int) == np.array([s.y for s in held])).sum())
        total += len(held)
    if total:
        print(f"leave-one-article-out pair accuracy: {right / total:.3f} ({right}/{total})")
    model = fit(everything, seed=args.seed, c=args.c)
    if model is None:
        raise SystemExit("the samples hold one class only: nothing to learn")
    args.out.write_text(model.to_json() + "\n", "utf-8")
    top = sorted(range(len(model.coef)), key=lambda k: -abs(model.coef[k]))[:8]
    print("largest weights: " + ", ".join(f"{FEATURES[k]}={model.coef[k]:+.2f}" for k in top))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
