"""Train the learned mention scorer of each language pack from public corpora (reproducible).

    pip install -e '.[train]'
    python tools/train_mentions.py                 # both languages: features, CV report, model files
    python tools/train_mentions.py --lang ar --cv-only

Data (read from ``../shared/eval``, never copied into the package): the corpora of
``eval/corpora/`` (IDRISI-D Arabic and English tweets, CC BY 4.0; NewsFANE Arabic news, CC BY-SA
3.0; GeoVirus English news, GPL v3 / Wikinews CC BY 2.5) and the annotated dev articles
(``eval/dev``, ``eval/dev_en``). For every document the extraction's own first stages run, then
every candidate span (:func:`geo.recognize.find_candidates`) gets its features
(:func:`geo.recognize.features.featurize`) and a label: 1 when it is a gold mention (same span, or
the same end with only a clitic, the article or "the " more or less, or a hashtag's "#"), 0 when
it is not; candidates over spans the gold leaves neutral (NewsFANE's facilities, ``ignore``
spans) are left out.

Model: scikit-learn's ``GradientBoostingClassifier`` (fixed seed), evaluated by 5-fold
cross-validation grouped by document, and for IDRISI by event (the project is judged on other
events and halves). The acceptance threshold is the one that maximises the cross-validated F1 of
the selected spans over all documents. The final model is fit on everything and written as
``geo/lang/<code>/mention_model.npz`` (numpy arrays; see :mod:`geo.recognize.scorer`), with the CV
figures in its ``info``. The cross-validated predictions of every corpus are written as JSON lines
in the gold format under ``benchmarks/_out/mentions/`` so ``../shared/bench/spaneval.py`` scores them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
OUT = ROOT / "benchmarks" / "_out" / "mentions"
SEED = 0
CORPORA = {"ar": ("idrisi_ar", "newsfane_a"), "en": ("idrisi_en", "geovirus")}
DEV = {"ar": "dev", "en": "dev_en"}
_PREFIXES = ("و", "ب", "ل", "ف", "ك", "ال", "لل", "the ", "The ")


def _documents(lang: str):
    """(corpus, group, article, gold spans, neutral spans, gold surfaces) of every training document."""
    from geo.readers import read_articles

    for corpus in CORPORA[lang]:
        folder = EVAL / "corpora" / corpus
        gold = {}
        for line in (folder / "gold.jsonl").read_text("utf-8").splitlines():
            g = json.loads(line)
            gold[g["id"]] = g
        for article in read_articles(folder / "records.jsonl").articles:
            g = gold.get(article.id, {"mentions": []})
            spans, neutral = [], list(map(tuple, g.get("ignore") or []))
            for m in g["mentions"]:
                if corpus == "newsfane_a" and m.get("type") == "FAC":
                    neutral.append((m["start"], m["end"]))
                else:
                    spans.append((m["start"], m["end"], m["text"]))
            group = article.id.split(":")[0] if corpus.startswith("idrisi") else article.id
            yield corpus, f"{corpus}:{group}", article, spans, neutral, None
    for path in sorted((EVAL / DEV[lang]).glob("*.txt")):
        article = read_articles(path).articles[0]
        meta = json.loads(path.with_suffix(".json").read_text("utf-8"))
        surfaces = {t["surface"] for t in meta.get("toponyms", [])}
        yield DEV[lang], f"{DEV[lang]}:{path.stem}", article, [], [], surfaces


def _label(c, text: str, spans, neutral, surfaces) -> int | None:
    """1, 0, or None (neutral: left out of training)."""
    from gazetteer import fold

    if surfaces is not None:
        reading = fold(text[c.start : c.end])
        return int(any(reading == fold(s) or reading == fold(s)[2:] for s in surfaces if s))
    for start, end, _ in spans:
        # the name part of a gold mention (a gold span may hold a clitic, "#", a cue: "بمدينة الشحر"),
        # or the gold name with only a clitic or "the " more
        if end == c.end and (start <= c.start or text[c.start : start] in _PREFIXES):
            return 1
    if any(a < c.end and c.start < b for a, b in neutral):
        return None
    return 0


def extract_features(lang: str):
    """Candidates, features and labels of every document of ``lang``."""
    from gazetteer import Gazetteer
    from geo import ExtractOptions, Extractor
    from geo.lang import get_language
    from geo.model import Doc
    from geo.nlp import find_actors, find_date_spans, segment, sentence_spans
    from geo.recognize import scorer_inputs

    language = get_language(lang)
    extractor = Extractor(Gazetteer.open(), language=language, options=ExtractOptions())
    ctx = extractor.context
    rows, labels, groups, refs = [], [], [], []
    docs, doc_groups = [], []
    t0 = time.perf_counter()
    for n, (corpus, group, article, spans, neutral, surfaces) in enumerate(_documents(lang)):
        doc = Doc(article, language, article.document, tuple(sentence_spans(article.document)))
        for stage in (segment, find_actors, find_date_spans):
            doc = stage(doc, ctx)
        cands, x = scorer_inputs(doc, ctx)  # exactly what the stage scores at run time
        docs.append((corpus, article.id, [(c.start, c.end, c.i, c.j, c.sentence) for c in cands]))
        doc_groups.append(group)
        if not cands:
            continue
        for k, c in enumerate(cands):
            y = _label(c, doc.text, spans, neutral, surfaces)
            rows.append(x[k])
            labels.append(-1 if y is None else y)
            groups.append(group)
            refs.append((len(docs) - 1, k))
        if n % 200 == 0:
            print(f"  {lang}: {n} documents, {len(rows)} candidates, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return numpy.array(rows, dtype=numpy.float32), numpy.array(labels), numpy.array(groups), refs, (docs, doc_groups)


#: Share of the training weight given to the annotated news articles of ``eval/dev*``: few documents,
#: but war reporting, the domain the tool is for (small towns named by sound after a cue), which
#: the tweets and newswire of the corpora rarely show.
DEV_WEIGHT = 0.35


def _weights(groups) -> numpy.ndarray:
    dev = numpy.array([g.split(":")[0] in DEV.values() for g in groups])
    w = numpy.ones(len(groups))
    if dev.any() and (~dev).any():
        w[dev] = max(1.0, DEV_WEIGHT * (~dev).sum() / ((1 - DEV_WEIGHT) * dev.sum()))
    return w


def _fit(x, y, w=None):
    from sklearn.ensemble import GradientBoostingClassifier

    model = GradientBoostingClassifier(
        n_estimators=300, max_depth=3, learning_rate=0.08, subsample=0.8, min_samples_leaf=20, random_state=SEED
    )
    return model.fit(x, y, sample_weight=w)


def _export(clf, accept: float, info: dict):
    """The fitted classifier as a :class:`geo.recognize.scorer.MentionModel`."""
    from geo.recognize.features import FEATURES
    from geo.recognize.scorer import MentionModel
    from geo.trees import from_boosting

    t = from_boosting(clf, FEATURES)
    arrays = (t.feature, t.threshold, t.left, t.right, t.value, t.roots)
    return MentionModel(FEATURES, *arrays, t.base, t.learning_rate, accept, t.depth, info)


def _selected(docs, refs, probs, accept: float) -> dict[int, list[tuple[int, int]]]:
    """Per document: the spans :func:`geo.recognize.select` keeps at ``accept``."""
    from geo.recognize import select
    from geo.recognize.candidates import Candidate

    by_doc: dict[int, list[tuple[int, float]]] = {}
    for (d, k), p in zip(refs, probs, strict=True):
        by_doc.setdefault(d, []).append((k, p))
    out = {}
    for d, items in by_doc.items():
        spans = docs[d][2]
        cands = [
            Candidate(spans[k][4], spans[k][2], spans[k][3], spans[k][0], spans[k][1], "", None, (), False)
            for k, _ in items
        ]
        kept = select(cands, [p for _, p in items], accept)
        out[d] = [(cands[k].start, cands[k].end) for k in kept]
    return out


def _f1(selected, docs, gold_by_doc) -> float:
    tp = fp = fn = 0
    for d, (_, _, _) in enumerate(docs):
        gold = gold_by_doc.get(d)
        if gold is None:
            continue
        pred = set(selected.get(d, []))
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def train(lang: str, cv_only: bool) -> dict:
    from sklearn.model_selection import GroupKFold

    print(f"{lang}: extracting candidates and features", file=sys.stderr)
    x, y, groups, refs, (docs, doc_groups) = extract_features(lang)
    keep = y >= 0
    print(
        f"{lang}: {keep.sum()} labelled candidates ({int((y == 1).sum())} places), {len(set(groups))} groups",
        file=sys.stderr,
    )
    probs = numpy.zeros(len(y))
    folds: dict[str, int] = {}
    fold_models = []
    for fold, (tr, te) in enumerate(GroupKFold(n_splits=5).split(x, y, groups)):
        tr = tr[keep[tr]]
        clf = _fit(x[tr], y[tr], _weights(groups[tr]))
        probs[te] = clf.predict_proba(x[te])[:, 1]
        folds.update(dict.fromkeys(map(str, set(groups[te])), fold))
        fold_models.append(clf)
        print(f"  fold {fold}: trained on {len(tr)}", file=sys.stderr)
    # gold spans as the labelled positives (for the threshold choice; the official scorer reports below)
    gold_by_doc: dict[int, set] = {}
    for (d, k), label in zip(refs, y, strict=True):
        gold_by_doc.setdefault(d, set())
        if label == 1:
            gold_by_doc[d].add(tuple(docs[d][2][k][:2]))
    best = max(numpy.arange(0.2, 0.81, 0.025), key=lambda a: _f1(_selected(docs, refs, probs, a), docs, gold_by_doc))
    accept = round(float(best), 3)
    selected = _selected(docs, refs, probs, accept)
    OUT.mkdir(parents=True, exist_ok=True)
    for corpus in {c for c, _, _ in docs}:
        with open(OUT / f"{corpus}.cv.jsonl", "w", encoding="utf-8") as fh:
            for d, (c, doc_id, _) in enumerate(docs):
                if c == corpus:
                    mentions = [{"start": a, "end": b} for a, b in selected.get(d, [])]
                    fh.write(json.dumps({"id": doc_id, "mentions": mentions}, ensure_ascii=False) + "\n")
    info = {
        "trained": time.strftime("%Y-%m-%d"),
        "seed": SEED,
        "corpora": list(CORPORA[lang]) + [DEV[lang]],
        "candidates": int(keep.sum()),
        "positives": int((y == 1).sum()),
        "cv_folds": 5,
        "cv_grouping": "document; IDRISI by event",
        "dev_weight": DEV_WEIGHT,
        "cv_span_f1_at_accept": round(_f1(selected, docs, gold_by_doc), 4),
    }
    print(f"{lang}: threshold {accept}, CV span F1 over candidates {info['cv_span_f1_at_accept']}", file=sys.stderr)
    # the fold models and which document each held out, for benchmarks/bench_places.py --cv
    for fold, clf in enumerate(fold_models):
        (OUT / f"{lang}.fold{fold}.npz").write_bytes(_export(clf, accept, {"fold": fold}).save())
    doc_folds = {
        f"{corpus}:{doc_id}": folds.get(group, 0) for (corpus, doc_id, _), group in zip(docs, doc_groups, strict=True)
    }
    (OUT / f"{lang}.folds.json").write_text(json.dumps(doc_folds, ensure_ascii=False), "utf-8")
    if not cv_only:
        model = _export(_fit(x[keep], y[keep], _weights(groups[keep])), accept, info)
        path = ROOT / "geo" / "lang" / lang / "mention_model.npz"
        path.write_bytes(model.save())
        print(f"{lang}: wrote {path} ({path.stat().st_size / 1024:.0f} KB)", file=sys.stderr)
    return info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=sorted(CORPORA), action="append")
    parser.add_argument("--cv-only", action="store_true", help="Report cross-validation; write no model.")
    args = parser.parse_args()
    for lang in args.lang or sorted(CORPORA):
        print(json.dumps({lang: train(lang, args.cv_only)}, indent=1))
    print(f"cross-validated predictions: {OUT}/*.cv.jsonl (score with ../shared/bench/spaneval.py)", file=sys.stderr)


if __name__ == "__main__":
    main()
