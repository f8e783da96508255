"""Claim attribution on annotated articles: claim pairs (event place, side) per article and per error
class, scored as ``../shared/bench/claimeval.py`` scores them (its matching rules are imported).

For each ``NAME.txt`` + ``NAME.json`` in the given folders the extractor runs in this process and every
(event point, side) pair it outputs is matched against the gold pairs. Errors are sorted into classes:

misses (gold pairs not found)
  ``unrecognised``   no place of any role within the gold place's radius (recognition or resolution);
  ``not_event``      a place there, but none of its claims an event (a role rule left it out);
  ``wrong_side``     events there, none with the gold side (attribution or side code).
wrong predictions (predicted pairs that match no gold pair)
  ``spurious_place`` no gold claim anywhere near (a role rule made a background place an event);
  ``wrong_side``     a gold claim place near, another side (attribution or side code).

It also prints the figures on the places recognition found (gold pairs whose place no feature lies
near are left out, and so are wrong predictions near no gold place at all: resolution errors), which
measure attribution and roles alone, and checks that no international body, monitor, NGO or outlet
is drawn as a belligerent.

``--learned on|off|loao`` (default ``loao``): the learned decision over (speaker, clause) pairs as
shipped, switched off (rules only), or retrained for each article on the other articles only
(leave-one-article-out), which is the honest figure for anything learned.

Run::

    python benchmarks/bench_claims.py ../shared/eval/dev ../shared/eval/dev_en [--learned loao] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
sys.path.insert(0, str(BENCH))
from claimeval import limit, side_of  # noqa: E402
from placeeval import km, point  # noqa: E402

NEVER_BELLIGERENT = frozenset({"international", "ngo", "monitor", "analysts", "agency", "outlet", "correspondent"})


def gold_of(path: Path) -> tuple[dict, set]:
    gold = json.loads(path.read_text("utf-8"))
    places = {t["name"]: t for t in gold.get("toponyms", []) if t.get("lat") is not None}
    pairs = {(c["place"], side_of(c["side"])) for c in gold.get("claims", []) if c.get("place") in places}
    return places, pairs


def score(places: dict, pairs: set, features: list[dict]) -> dict:
    """Matches and error classes of one article's features against its gold pairs."""
    preds, anywhere = set(), []
    for f in features:
        props, pt = f.get("properties") or {}, point(f.get("geometry"))
        if pt is None:
            continue
        anywhere.append(pt)
        if props.get("role", "event") == "event":
            preds.add((round(pt[0], 3), round(pt[1], 3), side_of(props.get("side"))))

    def near(p, name):
        t = places[name]
        return km((p[0], p[1]), (float(t["lat"]), float(t["lon"]))) <= limit(t.get("feature"))

    errors: Counter = Counter()
    details = []
    found = 0
    for name, side in sorted(pairs):
        if any(near(p, name) and p[2] == side for p in preds):
            found += 1
            continue
        if not any(near(p, name) for p in anywhere):
            kind = "miss:unrecognised"
        elif not any(near(p, name) for p in preds):
            kind = "miss:not_event"
        else:
            kind = "miss:wrong_side"
        errors[kind] += 1
        details.append(f"{kind}\t{name}\t{side}")
    right = 0
    claimed = {name for name, _ in pairs}
    misplaced = 0  # wrong predictions at a point near no gold place at all (a resolution error)
    for p in sorted(preds):
        if any(near(p, name) and p[2] == side for name, side in pairs):
            right += 1
            continue
        kind = "wrong:wrong_side" if any(near(p, name) for name in claimed) else "wrong:spurious_place"
        misplaced += not any(near(p, name) for name in places)
        errors[kind] += 1
        details.append(f"{kind}\t{p[0]:.3f},{p[1]:.3f}\t{p[2]}")
    return {
        "gold": len(pairs),
        "found": found,
        "pred": len(preds),
        "right": right,
        "errors": errors,
        "details": details,
        # the same figures on the places recognition found (attribution and roles alone)
        "gold_seen": len(pairs) - errors["miss:unrecognised"],
        "pred_seen": len(preds) - misplaced,
    }


def belligerent_bodies(docs) -> list[str]:
    """Claims by an international body, monitor, NGO or outlet drawn as belligerent (must be none)."""
    bad = []
    for doc in docs:
        for c, r in zip(doc.clauses, doc.roles, strict=True):
            who = r.claimant or c.claimant
            side_type = r.side_type or who.side_type
            if r.claim and who.kind in NEVER_BELLIGERENT and side_type == "belligerent":
                bad.append(f"{doc.article.id}: {who.canonical} ({who.side})")
    return bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--learned", choices=("on", "off", "loao"), default="loao")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()

    from gazetteer import Gazetteer
    from geo.claims.learned import Model, collect, fit
    from geo.options import ExtractOptions
    from geo.output import features_of
    from geo.pipeline import Extractor
    from geo.readers import read_articles

    gazetteer = Gazetteer.open()
    base = ExtractOptions()
    articles = {}
    for folder in args.folders:
        for txt in sorted(folder.glob("*.txt")):
            if txt.with_suffix(".json").exists():
                articles[txt] = read_articles(txt).articles[0]
    folds: dict[Path, Model | None] = {}
    if args.learned == "loao":
        rules_only = Extractor(gazetteer, options=replace(base, claims=replace(base.claims, learned=False)))
        samples = {txt: collect(rules_only, art, txt.with_suffix(".json")) for txt, art in articles.items()}
        for txt in articles:
            folds[txt] = fit([s for other, ss in samples.items() if other != txt for s in ss])
    extractors: dict[str, Extractor] = {}
    totals: dict[str, Counter] = {}
    bad_all: list[str] = []
    for txt, art in articles.items():
        if args.learned == "loao":
            opts = replace(base, claims=replace(base.claims, model=folds[txt]))
            extractor = Extractor(gazetteer, options=opts)
        else:
            key = args.learned
            if key not in extractors:
                extractors[key] = Extractor(
                    gazetteer, options=replace(base, claims=replace(base.claims, learned=key == "on"))
                )
            extractor = extractors[key]
        docs = list(extractor.docs(art))
        features = [f for d in docs for f in features_of(d)]
        places, pairs = gold_of(txt.with_suffix(".json"))
        s = score(places, pairs, features)
        bad_all += belligerent_bodies(docs)
        folder = txt.parent.name
        t = totals.setdefault(folder, Counter())
        for k in ("gold", "found", "pred", "right", "gold_seen", "pred_seen"):
            t[k] += s[k]
        t.update(s["errors"])
        p = s["right"] / s["pred"] if s["pred"] else 0.0
        r = s["found"] / s["gold"] if s["gold"] else 0.0
        errs = " ".join(f"{k}={v}" for k, v in sorted(s["errors"].items()))
        print(f"{folder}/{txt.stem:38s} P={p:.2f} R={r:.2f} gold={s['gold']} pred={s['pred']}  {errs}")
        if args.verbose:
            for line in s["details"]:
                print(f"    {line}")
    print()
    all_t: Counter = Counter()
    for folder, t in totals.items():
        all_t.update(t)
        _total(folder, t)
    _total("all", all_t)
    print(f"learned decision: {args.learned}")
    print(f"international bodies, monitors, NGOs or outlets drawn as belligerent: {len(bad_all)}")
    for line in bad_all:
        print(f"    {line}")


def _total(name: str, t: Counter) -> None:
    p = t["right"] / t["pred"] if t["pred"] else 0.0
    r = t["found"] / t["gold"] if t["gold"] else 0.0
    errs = " ".join(f"{k}={v}" for k, v in sorted(t.items()) if ":" in k)
    print(f"== {name}: claim pairs P={p:.3f} R={r:.3f} (gold {t['gold']}, predicted {t['pred']})  {errs}")
    ps = t["right"] / t["pred_seen"] if t["pred_seen"] else 0.0
    rs = t["found"] / t["gold_seen"] if t["gold_seen"] else 0.0
    print(
        f"   on the places recognition found: P={ps:.3f} R={rs:.3f} (gold {t['gold_seen']}, predicted {t['pred_seen']})"
    )


if __name__ == "__main__":
    main()
