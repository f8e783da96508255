"""The weighted phonetic similarity, implementation against implementation, on the work search gives it.

Queries are names drawn from the default index (every script it romanises); each is scored, as
:meth:`gazetteer.Gazetteer.similarities` does, against the phonetic forms of its coarse key and of
the neighbouring keys (at most ``--bucket`` forms). Timed, on the same pairs:

- ``python``: the pure-Python dynamic programme (the fallback; indel costs cached as in use);
- ``numpy``: the same programme vectorised over a whole bucket (one row of the table at a time for
  every candidate; the insertions of a row as a running minimum), without early exit;
- ``c``: the compiled extension, one call per pair (``similarity``);
- ``c batch``: the compiled extension, one call per bucket (``similarities``), as search uses it;
- ``rapidfuzz``: rapidfuzz's uniform Levenshtein (``normalized_similarity``), for scale only: it
  has one weight per kind of edit and no per-symbol or per-context costs, so it cannot compute this
  distance.

It prints pairs/s and the largest difference from the Python results (the compiled code must give
exactly the same doubles; numpy sums in another order, so it differs in the last bits).

Run: ``GEO_CACHE_DIR=... python benchmarks/bench_distance.py [--queries 300] [--bucket 300]``.
"""

from __future__ import annotations

import argparse
import random
import time


def _workload(n_queries: int, bucket: int, seed: int) -> list[tuple[str, bool, list[str]]]:
    from gazetteer import Gazetteer
    from gazetteer.distance import coarse_key, key_variants
    from gazetteer.translit import ABJADS, detect_script, phonetic

    rng = random.Random(seed)
    with Gazetteer.open() as gz:
        con = gz._reader.con
        (count,) = con.execute("SELECT COUNT(*) FROM names").fetchone()
        rows = con.execute("SELECT name FROM names WHERE rowid % ? = 0", (max(1, count // (n_queries * 4)),)).fetchall()
        names = [name for (name,) in rows]
        rng.shuffle(names)
        work = []
        for name in names:
            pf = phonetic(name)
            key = coarse_key(pf)
            if not key:
                continue
            forms = list(gz._reader.by_keys(key_variants(key)))[:bucket]
            if forms:
                work.append((pf, detect_script(name) in ABJADS, forms))
            if len(work) == n_queries:
                break
    return work


def _numpy_similarities(query: str, cands: list[str], abjad: bool, floor: float):
    import numpy as np

    from gazetteer.distance import _costs, _indel_costs

    costs = _costs()
    symbols = {ch: i for i, ch in enumerate(sorted({x for x, _ in costs.sub} | set(query) | set("".join(cands))))}
    k = len(symbols)
    sub = np.ones((k, k))
    for (x, y), c in costs.sub.items():
        if x in symbols and y in symbols:
            sub[symbols[x], symbols[y]] = c
    np.fill_diagonal(sub, 0.0)
    dels, qlen = _indel_costs(query, False)
    width = max(map(len, cands))
    b = len(cands)
    idx = np.zeros((b, width), dtype=np.intp)
    ins = np.zeros((b, width + 1))
    lengths = np.empty(b)
    sizes = np.empty(b, dtype=np.intp)
    for r, cand in enumerate(cands):
        costs_c, clen = _indel_costs(cand, abjad)
        idx[r, : len(cand)] = [symbols[ch] for ch in cand]
        ins[r, 1 : len(cand) + 1] = costs_c
        lengths[r] = clen
        sizes[r] = len(cand)
    cum = np.cumsum(ins, axis=1)
    prev = cum.copy()
    for i, qc in enumerate(query):
        d = dels[i]
        t = np.empty_like(prev)
        t[:, 0] = prev[:, 0] + d
        t[:, 1:] = np.minimum(prev[:, :-1] + sub[symbols[qc]][idx], prev[:, 1:] + d)
        prev = cum + np.minimum.accumulate(t - cum, axis=1)
    dist = prev[np.arange(b), sizes]
    norm = np.maximum(qlen, lengths)
    return np.maximum(0.0, 1.0 - dist / norm).tolist()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--bucket", type=int, default=300, help="at most this many candidate forms per query")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from rapidfuzz.distance import Levenshtein

    from gazetteer import distance as dist

    work = _workload(args.queries, args.bucket, args.seed)
    pairs = sum(len(forms) for _, _, forms in work)
    floor = 0.62
    print(f"{len(work)} queries, {pairs:,} pairs (floor {floor}); compiled backend: {dist.backend()}")
    table = dist._c_table()

    def python_run():
        out = []
        for q, ab, forms in work:
            for c in forms:
                d, norm = dist._distance(q, c, ab, floor)
                out.append(max(0.0, 1.0 - d / norm) if norm else 0.0)
        return out

    def numpy_run():
        return [s for q, ab, forms in work for s in _numpy_similarities(q, forms, ab, floor)]

    def c_run():
        return [table.similarities(q, (c,), ab, floor)[0] for q, ab, forms in work for c in forms]

    def c_batch_run():
        return [s for q, ab, forms in work for s in table.similarities(q, forms, ab, floor)]

    def rapidfuzz_run():
        return [Levenshtein.normalized_similarity(q, c) for q, _, forms in work for c in forms]

    runs = [("python", python_run), ("numpy", numpy_run)]
    if table is not None:
        runs += [("c", c_run), ("c batch", c_batch_run)]
    runs.append(("rapidfuzz", rapidfuzz_run))
    reference = None
    for label, run in runs:
        dist._indel_costs.cache_clear()
        t0 = time.perf_counter()
        sims = run()
        took = time.perf_counter() - t0
        if reference is None:
            reference = sims
        # Below the floor a value may be cut to 0 by the early exit: compare the ones that count.
        diffs = [abs(a - b) for a, b in zip(sims, reference, strict=True) if max(a, b) >= floor]
        same = sum(a == b for a, b in zip(sims, reference, strict=True) if max(a, b) >= floor)
        note = "" if label != "rapidfuzz" else "  (another distance: for scale only)"
        print(
            f"  {label:10} {took:7.3f} s  {pairs / took:12,.0f} pairs/s  "
            f"max |diff| at or above the floor {max(diffs, default=0):.2e} ({same:,}/{len(diffs):,} identical){note}"
        )


if __name__ == "__main__":
    main()
