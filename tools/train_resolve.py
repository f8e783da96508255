"""Train the learned ranker of resolution from the public corpora with coordinates (reproducible).

    pip install -e '.[train]'
    python tools/train_resolve.py              # mentions (cached), features, CV report, model file
    python tools/train_resolve.py --cv-only    # the report only
    python tools/train_resolve.py --refresh    # run recognition again (after a change to it)

Data (read from ``../shared/eval``, never copied into the package): GeoVirus (English Wikinews,
GPL v3 / CC BY 2.5), IDRISI-D Arabic and English tweets (CC BY 4.0) and the annotated dev articles
(``eval/dev``, ``eval/dev_en``). For every document the extraction runs up to ``find_places``; every
recognised mention that overlaps a gold mention with a point (one-to-one, largest overlap first; in
the dev articles, a mention whose text is a gold toponym's surface) gets the gold point, and each of
its candidates a label: 1 when it lies within 161 km of the gold point, or is the gold country (a
country candidate with the gold's country code), else 0. The recognised mentions and their gold are
cached under ``benchmarks/_out/resolve/`` (recognition is the slow part).

Model: scikit-learn's ``GradientBoostingClassifier`` (fixed seed) on the rows of mentions that have
both a right and a wrong candidate; a mention resolves to its highest-scoring candidate. Evaluated
by 5-fold cross-validation grouped by document (IDRISI: by disaster event, as the project is judged
on other events), against the hand rules on the same mentions. The review margin is the lead (in
log-odds) below which the cross-validated choice is wrong most often relative to what it flags (the
best F1 of "flagged" for "wrong"). The final model is fit on everything and written as
``geo/resolve/data/resolve_model.npz``; the fold models and the fold of every group are written to
``benchmarks/_out/resolve/folds/`` for ``benchmarks/bench_resolve.py``.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
OUT = ROOT / "benchmarks" / "_out" / "resolve"
MODEL = ROOT / "geo" / "resolve" / "data" / "resolve_model.npz"
SEED = 0
FOLDS = 5
CORPORA = ("geovirus", "idrisi_ar", "idrisi_en")
DEV = ("dev", "dev_en")
RIGHT_KM = 161.0


def _km(lat1, lon1, lat2, lon2) -> float:
    from gazetteer.geometry import distance_km

    return distance_km(lat1, lon1, lat2, lon2)


def _gold_of_corpus(corpus: str):
    """(article, group, gold mentions with points) of every record of a corpus."""
    from geo.readers import read_articles

    folder = EVAL / "corpora" / corpus
    gold = {g["id"]: g for g in map(json.loads, (folder / "gold.jsonl").read_text("utf-8").splitlines())}
    urls = {r["id"]: r.get("url") for r in map(json.loads, (folder / "records.jsonl").read_text("utf-8").splitlines())}
    for article in read_articles(folder / "records.jsonl").articles:
        g = gold.get(article.id, {"mentions": []})
        group = g.get("event") if corpus.startswith("idrisi") else urls.get(article.id)
        spans = [
            (m["start"], m["end"], m["lat"], m["lon"], m.get("type") == "Country", m.get("country_code") or "")
            for m in g["mentions"]
            if m.get("lat") is not None
        ]
        yield article, f"{corpus}:{group or article.id}", spans


def _gold_of_dev(folder: str):
    from geo.readers import read_articles

    for path in sorted((EVAL / folder).glob("*.txt")):
        article = read_articles(path).articles[0]
        meta = json.loads(path.with_suffix(".json").read_text("utf-8"))
        yield article, f"{folder}:{path.stem}", meta.get("toponyms", [])


def _match_spans(mentions, spans) -> dict[int, tuple]:
    """Mention index -> gold (lat, lon, is_country, cc): one-to-one by overlap, the largest first."""
    pairs = []
    for k, m in enumerate(mentions):
        for g, (a, b, *_rest) in enumerate(spans):
            shared = min(m.end, b) - max(m.start, a)
            if shared > 0:
                pairs.append((-shared, k, g))
    out, used = {}, set()
    for _, k, g in sorted(pairs):
        if k not in out and g not in used:
            out[k] = spans[g][2:]
            used.add(g)
    return out


def _match_surfaces(mentions, text: str, toponyms) -> dict[int, tuple]:
    from gazetteer import fold

    forms = {}
    for t in toponyms:
        if t.get("lat") is not None and t.get("surface"):
            gold = (t["lat"], t["lon"], t.get("feature") == "country", "")
            forms.setdefault(fold(t["surface"]), gold)
    out = {}
    for k, m in enumerate(mentions):
        for reading in (fold(text[m.start : m.end]), fold(m.text)):
            hit = forms.get(reading) or forms.get(reading[2:]) or forms.get(reading[1:])
            if hit:
                out[k] = hit
                break
    return out


def collect(refresh: bool = False) -> list[dict]:
    """Every document's recognised mentions, focus, text and gold (cached in ``OUT/docs.pkl``)."""
    cache = OUT / "docs.pkl"
    if cache.exists() and not refresh:
        return pickle.loads(cache.read_bytes())
    from geo import Extractor
    from geo.pipeline import STAGES

    upto = tuple(STAGES[: [s.__name__ for s in STAGES].index("find_places") + 1])
    extractor = Extractor(stages=upto)
    docs, t0 = [], time.perf_counter()
    sources = [(c, _gold_of_corpus(c)) for c in CORPORA] + [(d, _gold_of_dev(d)) for d in DEV]
    for corpus, items in sources:
        for article, group, gold in items:
            for doc in extractor.docs(article):
                if corpus in DEV:
                    matched = _match_surfaces(doc.mentions, doc.text, gold)
                else:
                    matched = _match_spans(doc.mentions, gold)
                docs.append(
                    {
                        "corpus": corpus,
                        "group": group,
                        "id": article.id,
                        "text": doc.text,
                        "mentions": doc.mentions,
                        "focus": dict(doc.focus),
                        "gold": matched,
                    }
                )
        print(f"  {corpus}: {len(docs)} documents, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    OUT.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(docs))
    return docs


def right(place, gold) -> bool:
    """A candidate is right: within 161 km of the gold point, or the gold country itself."""
    lat, lon, is_country, cc = gold
    km = _km(place.lat, place.lon, lat, lon)
    if km <= RIGHT_KM:
        return True
    # a gold country without a code (the dev articles): its point, as placeeval reads a country
    return is_country and place.feature_code.startswith("PCL") and (place.country_code == cc if cc else km <= 300.0)


def rows(docs: list[dict]):
    """Feature rows of every gold-matched mention's usable candidates, with labels and references.

    Returns ``x``, ``y``, the mention number of each row, and per mention: (doc index, mention index,
    hand-rule pick index, corpus, group)."""
    from geo.options import ResolveOptions
    from geo.resolve.features import featurize, hand_scores, scene, usable_candidates

    options = ResolveOptions(learned=False)
    xs, ys, owner, mentions = [], [], [], []
    for d, doc in enumerate(docs):
        ms = doc["mentions"]
        sc = scene(ms, doc["focus"], options)
        for k, gold in doc["gold"].items():
            cands = usable_candidates(ms[k], sc, options) if ms[k].candidates else ()
            if not cands:
                continue
            hand = hand_scores(cands, sc, options)
            xs.append(featurize(ms, k, cands, sc, options, doc["text"]))
            ys.extend(int(right(c.place, gold)) for c in cands)
            owner.extend([len(mentions)] * len(cands))
            mentions.append((d, k, int(numpy.argmax(hand)), doc["corpus"], doc["group"]))
    return numpy.concatenate(xs), numpy.array(ys), numpy.array(owner), mentions


def fit(x, y, owner):
    """A ranker fit on the mentions of ``owner`` that have both a right and a wrong candidate."""
    from sklearn.ensemble import GradientBoostingClassifier

    pos = numpy.bincount(owner, weights=y, minlength=owner.max() + 1)
    n = numpy.bincount(owner, minlength=owner.max() + 1)
    useful = (pos[owner] > 0) & (pos[owner] < n[owner])
    model = GradientBoostingClassifier(
        n_estimators=200, max_depth=3, learning_rate=0.1, subsample=0.8, min_samples_leaf=20, random_state=SEED
    )
    return model.fit(x[useful], y[useful])


def picks(scores, owner, n_mentions: int) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Per mention: the row of its best candidate and the lead of its score over the second."""
    best = numpy.full(n_mentions, -1)
    lead = numpy.full(n_mentions, numpy.inf)
    top = numpy.full(n_mentions, -numpy.inf)
    for r in numpy.argsort(-scores, kind="stable"):
        m = owner[r]
        if best[m] < 0:
            best[m], top[m] = r, scores[r]
        elif lead[m] == numpy.inf:
            lead[m] = top[m] - scores[r]
    return best, lead


def report(name: str, y, owner, mentions, chosen_rows) -> dict:
    corpora = sorted({m[3] for m in mentions})
    out = {}
    for corpus in [*corpora, "all"]:
        sel = [i for i, m in enumerate(mentions) if corpus in ("all", m[3])]
        out[corpus] = float(numpy.mean([y[chosen_rows[i]] for i in sel])) if sel else float("nan")
    print(f"  {name:<22}" + "  ".join(f"{c} {v:.3f}" for c, v in out.items()))
    return out


def _review_margin(right_choice: numpy.ndarray, lead: numpy.ndarray, fixable: numpy.ndarray) -> float:
    """The lead below which flagging a mention best finds the wrong choices that a runner-up could
    put right (F1; a mention without a right candidate is wrong whatever the lead), flagging <= 10 %."""
    wrong = ~right_choice & fixable
    best, margin = -1.0, 0.0
    for t in numpy.arange(0.1, 4.01, 0.1):
        flagged = lead < t
        if flagged.mean() > 0.10:
            break
        tp = (flagged & wrong).sum()
        f1 = 2 * tp / (flagged.sum() + wrong.sum()) if tp else 0.0
        if f1 > best:
            best, margin = f1, float(t)
    return round(margin, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv-only", action="store_true", help="report only; write no model")
    parser.add_argument("--refresh", action="store_true", help="run recognition again")
    args = parser.parse_args(argv)
    from sklearn.model_selection import GroupKFold

    from geo.resolve.features import FEATURES
    from geo.resolve.ranker import Ranker
    from geo.trees import from_boosting

    docs = collect(args.refresh)
    x, y, owner, mentions = rows(docs)
    n = len(mentions)
    groups = numpy.array([m[4] for m in mentions])
    print(f"{n} gold-matched mentions, {len(y)} candidates, {len(set(groups))} groups", file=sys.stderr)
    first = numpy.zeros(n, dtype=int)
    for r in range(len(owner) - 1, -1, -1):
        first[owner[r]] = r
    hand_rows = numpy.array([first[i] + m[2] for i, m in enumerate(mentions)])
    print("acc@161 on gold-matched mentions with candidates (right candidate chosen)")
    report("hand rules", y, owner, mentions, hand_rows)
    report("oracle (any right)", y, owner, mentions, [first[i] + int(numpy.argmax(y[owner == i])) for i in range(n)])

    cv_scores = numpy.zeros(len(y))
    fold_of: dict[str, int] = {}
    folds = OUT / "folds"
    folds.mkdir(parents=True, exist_ok=True)
    for f, (train, test) in enumerate(GroupKFold(n_splits=FOLDS).split(numpy.zeros(n), groups=groups)):
        train_rows, test_rows = numpy.isin(owner, train), numpy.isin(owner, test)
        clf = fit(x[train_rows], y[train_rows], owner[train_rows])
        trees = from_boosting(clf, FEATURES)
        cv_scores[test_rows] = trees.log_odds(x[test_rows])
        fold_of.update({g: f for g in set(groups[test])})
        (folds / f"fold{f}.npz").write_bytes(Ranker(trees, 0.0, {"fold": f}).save())
    best, lead = picks(cv_scores, owner, n)
    cv = report("learned, CV by group", y, owner, mentions, best)
    fixable = numpy.bincount(owner, weights=y, minlength=n) > 0
    margin = _review_margin(y[best] == 1, lead, fixable)
    flagged = lead < margin
    wrong = (y[best] == 0) & fixable
    print(
        f"  review margin {margin}: flags {flagged.mean():.1%} of mentions; of the wrong choices a runner-up could"
        f" right, {flagged[wrong].mean():.0%} flagged; {(y[best][flagged] == 0).mean():.0%} of the flagged wrong"
    )
    (folds / "folds.json").write_text(json.dumps({"margin": margin, "fold_of": fold_of}, indent=0))
    if args.cv_only:
        return 0
    clf = fit(x, y, owner)
    trees = from_boosting(clf, FEATURES)
    best_in, _ = picks(trees.log_odds(x), owner, n)
    shipped = report("learned, in-sample", y, owner, mentions, best_in)
    info = {"cv_folds": FOLDS, "mentions": n, "candidates": int(len(y)), "cv_acc161": cv, "in_sample_acc161": shipped}
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    MODEL.write_bytes(Ranker(trees, margin, info).save())
    print(f"wrote {MODEL.relative_to(ROOT)} ({MODEL.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
