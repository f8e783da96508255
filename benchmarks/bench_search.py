"""Gazetteer search on the names extraction really asks for: record them from a corpus, replay them.

``record`` runs the extractor over a corpus (as ``bench_corpus.py`` reads it) and writes every name
the stages searched for, in order, one per line (the extractor's cache keeps repeats out). ``replay``
opens a fresh :class:`gazetteer.Gazetteer` in a new process pinned to one CPU and searches those
names in that order, as the first pass of extraction does: CPU seconds, searches/s, the split of
exact (some name spelled so) and fuzzy-only searches, and peak RSS. ``--out FILE`` writes every
result (place id, score, similarity, prior, kind, name matched, prominence; floats as ``repr``)
so that two versions of the search code can be compared exactly (``cmp`` or ``diff``).

Run (with the project's venv)::

    python benchmarks/bench_search.py record geovirus benchmarks/_out/geovirus.names
    python benchmarks/bench_search.py replay benchmarks/_out/geovirus.names --out before.txt
    python benchmarks/bench_search.py replay benchmarks/_out/*.names --repeat 3
    python benchmarks/bench_search.py replay benchmarks/_out/geovirus.names --profile 30

The name files hold text drawn from the corpora: keep them out of the repository
(``benchmarks/_out/`` is ignored by git).
"""

from __future__ import annotations

import argparse
import contextlib
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


def record(corpus: str, out: Path) -> int:
    """Write the names the extractor searches for on ``corpus``, in order; return how many."""
    from geo import Extractor
    from geo.readers import read_articles

    path = Path(corpus)
    if not path.exists():
        path = CORPORA / corpus
    source = path / "records.jsonl" if path.is_dir() else path
    extractor = Extractor()
    names: list[str] = []
    inner = extractor.context.search.__wrapped__  # the uncached search: called once per distinct name

    def search(name: str, _inner=inner):
        names.append(name)
        return _inner(name)

    from functools import lru_cache

    cached = lru_cache(maxsize=extractor.options.search_cache)(search)
    extractor.context = type(extractor.context)(
        extractor.gazetteer, cached, extractor.options, extractor.context.online
    )
    for article in read_articles(source).articles:
        extractor.features(article)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(n.replace("\n", " ") + "\n" for n in names), "utf-8")
    return len(names)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _digest(matches) -> str:
    return " | ".join(
        f"{m.place.id} {m.score!r} {m.similarity!r} {m.prior!r} {m.kind} {m.matched} {m.prominence!r}" for m in matches
    )


def replay_worker(path: Path, limit: int, out: Path | None, profile: int) -> dict:
    """Search every name of ``path`` with a fresh gazetteer, in this (new) process."""
    with contextlib.suppress(AttributeError, OSError):  # not Linux: any CPU
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from gazetteer import Gazetteer

    names = [n for n in path.read_text("utf-8").split("\n") if n]
    c0 = time.process_time()
    gaz = Gazetteer.open()
    gaz.known_names(["x"])  # the in-memory name filter, which extraction always loads (and search then uses)
    open_cpu = time.process_time() - c0
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    results = []
    exact = 0
    c0 = time.process_time()
    for name in names:
        found = gaz.search(name, limit=limit)
        exact += any(m.similarity > 1.0 for m in found)
        if out is not None:
            results.append(found)
    cpu = time.process_time() - c0
    if profiler is not None:
        profiler.disable()
    if out is not None:
        with open(out, "w", encoding="utf-8") as fh:
            for name, found in zip(names, results, strict=True):
                fh.write(f"{name}\t{_digest(found)}\n")
    fig = {
        "names": len(names),
        "exact": exact,
        "open_cpu_s": round(open_cpu, 3),
        "cpu_s": round(cpu, 3),
        "per_s": round(len(names) / cpu, 1) if cpu else None,
        "ms_per_search": round(1000 * cpu / len(names), 3) if names else None,
        "peak_rss_mb": round(_peak_rss_mb(), 1),
    }
    if profiler is not None:
        import io
        import pstats

        buf = io.StringIO()
        stats = pstats.Stats(profiler, stream=buf)
        stats.sort_stats("tottime").print_stats(profile)
        stats.sort_stats("cumulative").print_stats(profile)
        fig["profile"] = buf.getvalue()
    return fig


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    rec = sub.add_parser("record", help="write the names extraction searches for on a corpus")
    rec.add_argument("corpus", help=f"a corpus name (in {CORPORA}) or path")
    rec.add_argument("out", type=Path)
    rep = sub.add_parser("replay", help="search recorded names with a fresh gazetteer, one process per run")
    rep.add_argument("files", nargs="+", type=Path)
    rep.add_argument("--repeat", type=int, default=1)
    rep.add_argument("--limit", type=int, default=None, help="matches per search (default: the extractor's)")
    rep.add_argument("--out", type=Path, help="write every result here (one file: only with one name file)")
    rep.add_argument("--profile", type=int, default=0, metavar="N")
    wrk = sub.add_parser("worker")
    wrk.add_argument("file", type=Path)
    wrk.add_argument("--limit", type=int, required=True)
    wrk.add_argument("--out", type=Path)
    wrk.add_argument("--profile", type=int, default=0)
    args = parser.parse_args()
    if args.cmd == "record":
        print(f"{record(args.corpus, args.out)} names written to {args.out}")
        return 0
    if args.cmd == "worker":
        print(json.dumps(replay_worker(args.file, args.limit, args.out, args.profile)))
        return 0
    if args.out and len(args.files) > 1:
        sys.exit("--out takes one name file")
    limit = args.limit
    if limit is None:
        from geo.options import ExtractOptions

        limit = ExtractOptions().mentions.candidates
    print(f"GEO_CACHE_DIR={os.environ.get('GEO_CACHE_DIR', '(unset)')}; load {os.getloadavg()[0]:.2f}; limit {limit}")
    for path in args.files:
        runs = []
        for _ in range(args.repeat):
            cmd = [sys.executable, __file__, "worker", str(path), "--limit", str(limit)]
            if args.out:
                cmd += ["--out", str(args.out)]
            if args.profile:
                cmd += ["--profile", str(args.profile)]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode:
                print(proc.stderr)
                return 1
            runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
            if runs[-1].get("profile"):
                print(runs[-1].pop("profile"))
        cpu = [r["cpu_s"] for r in runs]
        first = runs[0]
        print(
            f"  {path.name:24} {first['names']:6,} names ({first['exact']:,} exact)  "
            f"CPU {statistics.median(cpu):.2f} s ({min(cpu):.2f}-{max(cpu):.2f})  "
            f"{first['names'] / statistics.median(cpu):,.0f} searches/s  "
            f"{1000 * statistics.median(cpu) / max(1, first['names']):.2f} ms each  "
            f"peak RSS {max(r['peak_rss_mb'] for r in runs):.0f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
