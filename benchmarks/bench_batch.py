"""Batch throughput on a synthetic corpus: 1 and 2 worker processes, and Dask with a local cluster.

Makes the corpus (see ``make_corpus.py``) unless it exists, then runs ``run_batch`` from scratch
(``fresh``) once per configuration, each in a new process, writing GeoParquet, and reports
articles/s (wall, including start-up of the workers and the final merge, and before the merge),
claims, rows, the peak resident memory of each worker (sampled after each chunk) and of the
batch process (which holds the whole table while merging).

Run::

    python benchmarks/bench_batch.py [--n 20000] [--corpus /tmp/geo-corpus] [--only processes1,processes2,dask2]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import make_corpus

CONFIGS = {"processes1": ("processes", 1), "processes2": ("processes", 2), "dask2": ("dask", 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/geo-corpus"))
    parser.add_argument("--only", default=",".join(CONFIGS))
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args()
    from geo.batch import run_batch

    folder = args.corpus / f"n{args.n}"
    if not folder.is_dir():
        t = time.perf_counter()
        make_corpus.make(folder, args.n, 1000, 7)
        print(f"corpus: {args.n} articles made in {time.perf_counter() - t:.1f} s")
    figures = {}
    names = args.only.split(",")
    if len(names) > 1:  # each configuration in a process of its own: no memory or caches carried over
        for name in names:
            cmd = [sys.executable, __file__, "--n", str(args.n), "--corpus", str(args.corpus), "--only", name]
            cmd += ["--json", str(args.corpus / f"figures-{name}.json")]
            subprocess.run(cmd, check=True)
            figures |= json.loads((args.corpus / f"figures-{name}.json").read_text())
        names = []
    for name in names:
        engine, workers = CONFIGS[name]
        out = args.corpus / f"out-{name}.parquet"
        t = time.perf_counter()
        report = run_batch([str(folder)], out, engine=engine, workers=workers, fresh=True, show_progress=False)
        wall = time.perf_counter() - t
        main_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        figures[name] = {
            "articles": report.extracted,
            "wall_s": round(wall, 1),
            "articles_per_s": round(report.extracted / wall, 1),
            "merge_s": round(report.merge_seconds, 1),
            "extraction_articles_per_s": round(report.extracted / (wall - report.merge_seconds), 1),
            "claims": report.claims,
            "rows": report.rows,
            "merged_rows": report.merged,
            "failed": report.failed,
            "worker_peak_rss_mb": sorted(report.peak_worker_rss_mb.values()),
            "main_peak_rss_mb": round(main_rss),
            "output_mb": round(out.stat().st_size / 1e6, 1),
        }
        f = figures[name]
        print(
            f"{name}: {f['articles']} articles in {f['wall_s']} s = {f['articles_per_s']} articles/s "
            f"({f['extraction_articles_per_s']}/s before the final merge of {f['merge_s']} s); "
            f"{f['claims']} claims, {f['rows']} rows ({f['merged_rows']} merged), {f['failed']} failed; "
            f"worker peak RSS {f['worker_peak_rss_mb']} MB, main {f['main_peak_rss_mb']} MB; output {f['output_mb']} MB"
        )
    if "processes2" in figures and "dask2" in figures:
        overhead = figures["dask2"]["wall_s"] / figures["processes2"]["wall_s"] - 1
        print(f"dask overhead vs the process pool (2 workers): {overhead:+.0%}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
