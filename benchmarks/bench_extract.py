"""Extraction speed: articles per second with the gazetteer loaded, and a cold ``geo extract``.

- ``first``: one pass over the dev articles (Arabic and English) and the seed with a fresh
  extractor: every place name is searched for the first time.
- ``warm (strict)``: the same articles again with the name-search cache of the first pass kept (as
  in a corpus, where names recur), but every per-word and per-sentence memo cleared: each word
  is folded, stemmed and looked up as if never seen.
- ``warm (steady)``: as in a long corpus run, where the vocabulary recurs: per-word memos kept
  (folded forms, clitic readings), per-sentence ones cleared (tokens, dates), so every
  sentence is still read anew.
- Both warm passes run with the loaded tables frozen out of the garbage collector's sight, as
  in a ``geo batch`` worker.
- ``cold``: a new ``geo extract seeds/...txt`` process, with the index already built (best of 3).

Run::

    python benchmarks/bench_extract.py [--repeat 10]

Passes are short (the dev set is 13 articles) and this machine is shared: read the medians.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


def _articles():
    from geo.readers import read_articles

    paths = sorted(EVAL.glob("dev*/*.txt")) + [ROOT / "seeds" / "karabakh-2020-10-20.ar.txt"]
    return [read_articles(p).articles[0] for p in paths]


#: Loaded data tables (lexicons, word lists): built once per process in real use, so kept.
_TABLES = (
    "_display_names",
    "_packaged",
    "_unpacked",
    "neutral_language",
    "_table",
    "_discourse",
    "_language_words",
    "_no_combining",
    "_latin_fold",
    "_costs",
    "_sub_row",
    "_key_alphabet",
    "_tables",
    "_item_kinds",
    "_applies",
    "_territories",
)


def _clear_text_caches(keep) -> None:
    """Forget everything memoised per word or sentence (not loaded data tables, not the gazetteer's
    name searches), so each warm pass processes the text anew."""
    import functools
    import gc

    for obj in gc.get_objects():
        if obj is keep or not isinstance(obj, functools._lru_cache_wrapper):
            continue
        module = getattr(obj, "__module__", "") or ""
        if module.startswith(("geo", "gazetteer.translit", "gazetteer.distance")) and obj.__name__ not in _TABLES:
            obj.cache_clear()
    from geo.lang import get_language, languages

    for code in languages():
        get_language(code).forget()


def _clear_sentence_caches() -> None:
    """Forget the date expressions remembered per sentence (per-word memos are kept)."""
    from geo.lang import get_language, languages

    for code in languages():
        grammar = get_language(code).derived("dates", lambda: None)
        if grammar is not None:
            grammar.memo.clear()


def _passes(extractor, articles, repeat: int, clear) -> list[float]:
    rates = []
    for _ in range(repeat):
        clear()
        t = time.perf_counter()
        for a in articles:
            extractor.features(a)
        rates.append(len(articles) / (time.perf_counter() - t))
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    from geo import Extractor

    articles = _articles()
    extractor = Extractor()
    t = time.perf_counter()
    n_features = sum(len(extractor.features(a)) for a in articles)
    first = len(articles) / (time.perf_counter() - t)
    import gc

    gc.freeze()  # as a batch worker does once its tables are loaded (see geo.batch.work)
    strict = _passes(extractor, articles, args.repeat, lambda: _clear_text_caches(keep=extractor.context.search))
    steady = _passes(extractor, articles, args.repeat, _clear_sentence_caches)
    cold = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "geo", "extract", str(ROOT / "seeds" / "karabakh-2020-10-20.ar.txt")],
            check=True,
            capture_output=True,
        )
        cold.append(time.perf_counter() - t)
    print(f"articles: {len(articles)} ({n_features} features)")
    print(f"first pass: {first:.1f} articles/s")
    for label, rates in (("warm (strict)", strict), ("warm (steady)", steady)):
        print(
            f"{label}: median {statistics.median(rates):.1f} articles/s (best {max(rates):.1f}, worst {min(rates):.1f})"
        )
    print(f"cold geo extract on the seed: best {min(cold):.2f} s, median {statistics.median(cold):.2f} s")


if __name__ == "__main__":
    main()
