"""Very long articles: wall time, peak memory and output size of ``geo extract`` (or ``geo batch``).

Makes articles of a given size from the seed article's body (copies of it, one after another), in
two layouts: ``paragraphs`` (a line break after every copy) and ``oneline`` (no line break at all,
as scraped text often is), then runs each through the command line in a process of its own, on one
core, and reports what it took::

    python benchmarks/bench_long.py                       # 10 MB, both layouts
    python benchmarks/bench_long.py --mb 10 --mb 50 --layout oneline
    python benchmarks/bench_long.py --mb 10 --command batch

Output sizes are linear when a long article gives as many rows per copy as a short one and each
row is about as long. Wall times vary on a shared machine (the CPU time less so): run it more than once.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "karabakh-2020-10-20.ar.txt"


def make_article(path: Path, megabytes: float, layout: str) -> dict:
    """Write an article of ``megabytes`` (10**6 bytes) of copies of the seed's body; what it holds."""
    title, body = SEED.read_text("utf-8").split("\n", 1)
    body = " ".join(body.split()) if layout == "oneline" else body.strip()
    sep = " " if layout == "oneline" else "\n"
    size = int(megabytes * 1_000_000)
    copies = size // len((body + sep).encode()) + 1
    with open(path, "w", encoding="utf-8") as fh:
        if layout == "paragraphs":
            fh.write(title + "\n")
        for _ in range(copies):
            fh.write(body + sep)
    return {"bytes": path.stat().st_size, "copies": copies, "words": copies * len(body.split())}


def run(cmd: list[str], env: dict) -> dict:
    """Run ``cmd`` pinned to one core; its wall time and peak resident memory (its own, via wait4)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError):
            os.sched_setaffinity(proc.pid, {min(os.sched_getaffinity(0))})
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),  # what a shared machine's load does not inflate
        "peak_mb": round(usage.ru_maxrss / 1024),
        "status": proc.returncode,
        "stderr_tail": stderr.decode("utf-8", "replace").strip().splitlines()[-3:],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, action="append", help="article size in MB (repeatable; default 10)")
    parser.add_argument("--layout", choices=["paragraphs", "oneline", "both"], default="both")
    parser.add_argument("--command", choices=["extract", "batch"], default="extract")
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "geojson", "csv"])
    parser.add_argument("--keep", type=Path, help="keep the articles and outputs in this folder")
    args = parser.parse_args()
    sizes = args.mb or [10.0]
    layouts = ["paragraphs", "oneline"] if args.layout == "both" else [args.layout]
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-long-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    results = []
    for mb in sizes:
        for layout in layouts:
            article = work / f"long-{mb:g}mb-{layout}.txt"
            held = make_article(article, mb, layout)
            out = work / f"long-{mb:g}mb-{layout}.{args.format}"
            for stale in work.glob(out.name + "*"):
                if stale.is_file():
                    stale.unlink()
            if args.command == "extract":
                cmd = [sys.executable, "-m", "geo", "extract", str(article), "--date", "2020-10-20"]
                cmd += ["--format", args.format, "-o", str(out)]
            else:
                cmd = [sys.executable, "-m", "geo", "batch", str(article), "-o", str(out), "--workers", "1", "-q"]
                cmd += ["--date", "2020-10-20", "--fresh"]
            got = run(cmd, env)
            rows = None
            if out.exists() and args.format == "jsonl":
                with open(out, "rb") as fh:
                    rows = sum(1 for _ in fh)
            row = {"mb": mb, "layout": layout, **held, **got}
            row["output_mb"] = round(out.stat().st_size / 1e6, 1) if out.exists() else None
            row["rows"] = rows
            row["words_per_s"] = round(held["words"] / got["seconds"]) if got["seconds"] else None
            row["words_per_cpu_s"] = round(held["words"] / got["cpu_seconds"]) if got["cpu_seconds"] else None
            results.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
            if not args.keep:
                article.unlink()
                for produced in work.glob(out.name + "*"):
                    if produced.is_file():
                        produced.unlink()
    if not args.keep:
        for leftover in sorted(work.rglob("*"), reverse=True):
            leftover.rmdir() if leftover.is_dir() else leftover.unlink()
        work.rmdir()


if __name__ == "__main__":
    main()
