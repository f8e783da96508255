"""First-pass extraction speed on real corpora: words/s, articles/s and peak memory, one corpus per process.

Each corpus is read once, in a new Python process pinned to one CPU, with a fresh
:class:`geo.Extractor` (no warm-up, no search cache from an earlier pass): every name is searched
for the first time, as when a user runs ``geo extract`` on news they have not read before. The
articles are read with :func:`geo.readers.read_articles` before the clock starts; the clock covers
``Extractor().features(article)`` for every article, which includes the lazy loading of the lexicons
and tables the first articles need. Opening the gazetteer is timed apart (``open s``).

Figures per corpus: articles, words (whitespace tokens of ``article.document``), wall seconds, CPU
seconds of the process, words/s and articles/s (by wall time, and words/s by CPU time, which the
other jobs on a shared machine disturb less) and the process's peak RSS.

Peers, on the same texts in the same run, each in its own fresh process, when installed (skipped
with a note otherwise): spaCy's ``en_core_web_sm`` (``nlp(text)`` per article, English corpora only)
and geotext (``GeoText(text)`` per article). Their model loading is not timed.

Run (with the project's venv; the default corpora are ``../shared/eval/corpora/*``)::

    GEO_CACHE_DIR=/tmp/geocache python benchmarks/bench_corpus.py
    python benchmarks/bench_corpus.py idrisi_en geovirus --repeat 3      # names or paths
    python benchmarks/bench_corpus.py path/to/records.jsonl --no-peers
    python benchmarks/bench_corpus.py geovirus --profile 30              # cProfile: top 30 functions
    python benchmarks/bench_corpus.py --limit 50 --json out.json         # the first 50 articles only
    python benchmarks/bench_corpus.py --dump before/                     # also keep geo's features per corpus
    python benchmarks/bench_corpus.py --split                            # CPU seconds per stage and in search

``--split`` times each stage of :data:`geo.pipeline.STAGES` (and, inside ``find_places``, the
gazetteer's ``search``) with the process clock, which adds little overhead, unlike cProfile; the
shares are printed after each corpus line. Compare two versions with
``benchmarks/compare_dumps.py before/ after/``.

A corpus is a folder holding ``records.jsonl`` or any file :func:`geo.readers.read_articles` reads.
The machine may be shared: with ``--repeat N`` every corpus runs N times (each in a new process) and
the range is printed; compare CPU words/s across runs taken under the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "eval" / "corpora"
ENGINES = ("geo", "spacy", "geotext")


# -- the worker: one engine on one corpus, in this (fresh) process ----------------------------
def _pin_to_one_cpu() -> int | None:
    """Run on one CPU (the first this process may use), so that no library spreads over more."""
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return cpu
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return None


def _read(path: Path, limit: int | None):
    from geo.readers import read_articles

    source = path / "records.jsonl" if path.is_dir() else path
    articles = read_articles(source).articles
    return articles[:limit] if limit else articles


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(fn, name: str, split: dict[str, float]):
    """``fn``, adding the CPU seconds of each call to ``split[name]`` (not counted again inside itself)."""
    clock = time.process_time
    depth = [0]

    def timed(*args, **kwargs):
        if depth[0]:
            return fn(*args, **kwargs)
        depth[0] += 1
        t = clock()
        try:
            return fn(*args, **kwargs)
        finally:
            depth[0] -= 1
            split[name] = split.get(name, 0.0) + clock() - t

    return timed


def _run_geo(articles, profile: int, dump: Path | None = None, split: dict[str, float] | None = None):
    from geo import Extractor
    from geo.pipeline import STAGES

    t0, c0 = time.perf_counter(), time.process_time()
    if split is not None:
        from gazetteer import Gazetteer

        Gazetteer.search = _timed(Gazetteer.search, "(gazetteer search)", split)
        extractor = Extractor(stages=tuple(_timed(st, st.__name__, split) for st in STAGES))
    else:
        extractor = Extractor()
    open_s, open_cpu = time.perf_counter() - t0, time.process_time() - c0
    rss_open = _peak_rss_mb()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    features = 0
    kept = [] if dump else None
    for article in articles:
        found = extractor.features(article)
        features += len(found)
        if kept is not None:
            kept.append(found)
    if profiler is not None:
        profiler.disable()
    if kept is not None:  # after the clock: what was found, to compare two versions' output
        with open(dump, "w", encoding="utf-8") as fh:
            for article, found in zip(articles, kept, strict=True):
                fh.write(json.dumps({"id": article.id, "features": found}, ensure_ascii=False, default=str) + "\n")
    return {"open_s": open_s, "open_cpu_s": open_cpu, "rss_open_mb": rss_open, "features": features}, profiler


def _run_spacy(articles, profile: int, dump: Path | None = None, split: dict | None = None):
    try:
        import spacy
    except ImportError:
        return {"skipped": "spaCy is not installed"}, None
    english = [a for a in articles if (a.language or "en") == "en"]
    if not english:
        return {"skipped": "no English articles (the peer is spaCy's English pipeline)"}, None
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        return {"skipped": "spaCy's en_core_web_sm is not installed"}, None
    entities = 0
    for article in english:
        entities += sum(ent.label_ in ("GPE", "LOC", "FAC") for ent in nlp(article.document).ents)
    return {"features": entities, "articles_used": english}, None


def _run_geotext(articles, profile: int, dump: Path | None = None, split: dict | None = None):
    try:
        from geotext import GeoText
    except ImportError:
        return {"skipped": "geotext is not installed"}, None
    found = 0
    for article in articles:
        places = GeoText(article.document)
        found += len(places.cities) + len(places.countries)
    return {"features": found}, None


def worker(
    engine: str, path: Path, limit: int | None, profile: int, dump: Path | None = None, split: bool = False
) -> dict:
    cpu = _pin_to_one_cpu()
    articles = _read(path, limit)
    run = {"geo": _run_geo, "spacy": _run_spacy, "geotext": _run_geotext}[engine]
    rss_read = _peak_rss_mb()
    shares: dict[str, float] | None = {} if split else None
    wall0, cpu0 = time.perf_counter(), time.process_time()
    fig, profiler = run(articles, profile, dump, shares)
    wall, cpu_s = time.perf_counter() - wall0, time.process_time() - cpu0
    if "skipped" in fig:
        return {"engine": engine, "skipped": fig["skipped"]}
    used = fig.pop("articles_used", articles)
    wall -= fig.get("open_s", 0.0)  # the gazetteer's opening is reported apart
    cpu_s -= fig.pop("open_cpu_s", 0.0)
    words = sum(len(a.document.split()) for a in used)
    out = {
        "engine": engine,
        "cpu": cpu,
        "articles": len(used),
        "words": words,
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu_s, 3),
        "words_per_s": round(words / wall, 1) if wall else None,
        "cpu_words_per_s": round(words / cpu_s, 1) if cpu_s else None,
        "articles_per_s": round(len(used) / wall, 2) if wall else None,
        "rss_after_read_mb": round(rss_read, 1),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        **{k: (round(v, 3) if isinstance(v, float) else v) for k, v in fig.items()},
    }
    if shares is not None:
        out["split_cpu_s"] = {k: round(v, 3) for k, v in shares.items()}
    if profiler is not None:
        import io
        import pstats

        buf = io.StringIO()
        stats = pstats.Stats(profiler, stream=buf)
        stats.sort_stats("tottime").print_stats(profile)
        stats.sort_stats("cumulative").print_stats(profile)
        out["profile"] = buf.getvalue()
    return out


# -- the driver: a fresh process per (corpus, engine, repeat) ---------------------------------
def _corpus_paths(names: list[str]) -> list[Path]:
    if not names:
        return sorted(p for p in CORPORA.iterdir() if (p / "records.jsonl").is_file())
    out = []
    for name in names:
        path = Path(name)
        if not path.exists() and (CORPORA / name).exists():
            path = CORPORA / name
        if not path.exists():
            sys.exit(f"{name}: no such corpus (neither a path nor a folder of {CORPORA})")
        out.append(path)
    return out


def _spawn(engine: str, path: Path, args: argparse.Namespace) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", engine, str(path)]
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    if args.profile and engine == "geo":
        cmd += ["--profile", str(args.profile)]
    if args.split and engine == "geo":
        cmd += ["--split"]
    if args.dump and engine == "geo":
        args.dump.mkdir(parents=True, exist_ok=True)
        cmd += ["--dump", str(args.dump / f"{path.name if path.is_dir() else path.stem}.jsonl")]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode:
        return {"engine": engine, "error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _span(values: list[float], fmt: str = "{:,.0f}") -> str:
    values = [v for v in values if v is not None]
    if not values:
        return "-"
    if len(values) == 1:
        return fmt.format(values[0])
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}-{fmt.format(max(values))})"


def _show(name: str, engine: str, runs: list[dict]) -> None:
    first = runs[0]
    if "skipped" in first or "error" in first:
        print(f"  {name:12} {engine:8} {first.get('skipped') or 'FAILED: ' + first['error']}")
        return
    print(
        f"  {name:12} {engine:8} {first['articles']:6,} art {first['words']:8,} words  "
        f"{_span([r['wall_s'] for r in runs], '{:.1f}')} s  "
        f"{_span([r['words_per_s'] for r in runs])} words/s  "
        f"(CPU {_span([r['cpu_words_per_s'] for r in runs])})  "
        f"{_span([r['articles_per_s'] for r in runs], '{:.1f}')} art/s  "
        f"peak RSS {_span([r['peak_rss_mb'] for r in runs])} MB"
        + (f"  open {_span([r['open_s'] for r in runs], '{:.2f}')} s" if "open_s" in first else "")
    )
    if "split_cpu_s" in first:
        total = statistics.median(r["cpu_s"] for r in runs)
        parts = [f"{k} {_span([r['split_cpu_s'].get(k, 0.0) for r in runs], '{:.2f}')}" for k in first["split_cpu_s"]]
        print(f"  {'':12} CPU s per stage (of {total:.1f}): " + ", ".join(parts))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpora", nargs="*", help=f"corpus names (in {CORPORA}) or paths; default all")
    parser.add_argument("--repeat", type=int, default=1, help="runs per corpus and engine, each in a new process")
    parser.add_argument("--limit", type=int, help="only the first N articles of each corpus")
    parser.add_argument("--no-peers", action="store_true", help="time geo only (not spaCy, geotext)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="cProfile geo: print the top N functions")
    parser.add_argument("--json", type=Path, help="write every run's figures to this file")
    parser.add_argument(
        "--dump", type=Path, metavar="DIR", help="write geo's features to DIR/CORPUS.jsonl (after the clock)"
    )
    parser.add_argument("--split", action="store_true", help="CPU seconds of each stage and of gazetteer search")
    parser.add_argument("--worker", nargs=2, metavar=("ENGINE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        engine, path = args.worker
        print(json.dumps(worker(engine, Path(path), args.limit, args.profile, args.dump, args.split)))
        return 0
    engines = ("geo",) if args.no_peers else ENGINES
    print(
        f"python {sys.version.split()[0]}; GEO_CACHE_DIR={os.environ.get('GEO_CACHE_DIR', '(unset)')}; "
        f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}; each run: a new process on one CPU"
    )
    results: dict[str, dict[str, list[dict]]] = {}
    for path in _corpus_paths(args.corpora):
        name = path.name if path.is_dir() else path.stem
        for engine in engines:
            runs = []
            for _ in range(args.repeat):
                runs.append(_spawn(engine, path, args))
                if "skipped" in runs[-1] or "error" in runs[-1]:
                    break
            results.setdefault(name, {})[engine] = runs
            _show(name, engine, runs)
            for r in runs:
                if r.get("profile"):
                    print(r.pop("profile"))
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
        print(f"figures written to {args.json}")
    return 1 if any("error" in r for by in results.values() for runs in by.values() for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
