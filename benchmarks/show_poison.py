"""Poisoned input and spreadsheet-safe CSV, shown through the command line (issue 15's "Must show").

1. A JSON lines feed: a good record, one nested 100,000 levels deep, one with a lone surrogate escape
   (``"\\ud800"``), one with a lone surrogate as raw bytes (invalid UTF-8), another good record. Run
   through ``geo batch`` (2 worker processes, then rerun), ``geo extract -o`` and ``geo extract -``
   (standard input); for each: exit status, the failures listed, the articles in the output, and
   whether a traceback was printed.
2. A record whose id, title, outlet, url and text start with ``=``, ``+``, ``-``, ``@``: its CSV from
   ``geo extract`` and ``geo batch``, every cell checked for a leading formula character, then the
   same with ``--raw-csv``.

::

    python benchmarks/show_poison.py [--dir /tmp/show-poison]

Inputs and outputs are written under ``--dir``; nothing is committed. The texts are made up here.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

GOOD_1 = {
    "id": "good-1",
    "title": "Shelling reported in Tartar",
    "text": "Azerbaijan's defence ministry said on Tuesday that Armenian forces shelled the town of Tartar.",
}
GOOD_2 = {
    "id": "good-2",
    "title": "Drones downed near Ganja",
    "text": "The ministry said its air defence downed two drones near Ganja on Tuesday.",
}
DEEP = b'{"id": "deep", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
SURROGATE = b'{"id": "surrogate", "text": "Armenia said Azerbaijani forces shelled Martuni \\ud800 on Tuesday."}'
RAW_SURROGATE = '{"id": "raw-surrogate", "text": "Armenia said the town of Martuni was shelled \ud800."}'.encode(
    "utf-8", "surrogatepass"
)
FORMULA = {
    "id": '=HYPERLINK("http://example.org/x","open")',
    "title": "+cmd|' /C calc'!A0",
    "outlet": "@SUM(A1:A9)",
    "url": "-2+3",
    "published": "2020-10-20",
    "text": "=1+1 Azerbaijan's defence ministry said Armenian forces shelled Tartar.\n"
    "-Armenia's ministry said Azerbaijani forces shelled Martuni.\n"
    "@Baku said the town of Ganja was hit.",
}
DANGER = ("=", "+", "-", "@", "\t", "\r")


def geo(*args: object, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], input=stdin, capture_output=True)


def show(title: str, proc: subprocess.CompletedProcess, failures: Path | None = None) -> None:
    stderr = proc.stderr.decode("utf-8", "replace")
    print(f"\n$ {title}\nexit status {proc.returncode}; traceback printed: {'Traceback' in stderr}")
    for line in stderr.strip().splitlines():
        print("  stderr:", line[:200])
    if failures is not None and failures.exists():
        print(f"  {failures.name}:")
        for line in failures.read_text("utf-8").splitlines():
            row = json.loads(line)
            print("   ", json.dumps({k: row.get(k) for k in ("position", "article", "stage", "kind", "error")}))


def articles_in(path: Path) -> list[str]:
    if path.suffix == ".geojson":
        data = json.loads(path.read_text("utf-8"))
        return sorted({f["properties"]["article"] for f in data["features"]})
    if path.suffix == ".csv":
        with open(path, newline="", encoding="utf-8") as fh:
            return sorted({row["article"] for row in csv.DictReader(fh)})
    return sorted({json.loads(line)["properties"]["article"] for line in path.read_text("utf-8").splitlines()})


def poisoned_feed(work: Path) -> None:
    feed = work / "feed.jsonl"
    lines = [json.dumps(GOOD_1).encode(), DEEP, SURROGATE, RAW_SURROGATE, json.dumps(GOOD_2).encode()]
    feed.write_bytes(b"\n".join(lines) + b"\n")
    print(f"feed: {feed} ({feed.stat().st_size:,} bytes, {len(lines)} lines)")
    out = work / "batch.csv"
    for run in ("first run", "rerun"):
        proc = geo("batch", feed, "-o", out, "--workers", "2", "-q")
        show(f"geo batch {feed} -o {out} --workers 2 -q   # {run}", proc, work / "batch.csv.errors.jsonl")
        print("  articles in the output:", articles_in(out) if out.exists() else None)
    out = work / "extract.geojson"
    proc = geo("extract", feed, "-o", out)
    show(f"geo extract {feed} -o {out}", proc, work / "extract.geojson.errors.jsonl")
    print("  articles in the output:", articles_in(out) if out.exists() else None)
    proc = geo("extract", "-", "--format", "jsonl", stdin=feed.read_bytes())
    show(f"geo extract - --format jsonl < {feed}", proc)
    rows = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    print("  articles in the output:", sorted({r["properties"]["article"] for r in rows}))


def cells(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [cell for row in csv.reader(fh) for cell in row]


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def formula_csv(work: Path) -> None:
    feed = work / "formula.jsonl"
    feed.write_text(json.dumps(FORMULA, ensure_ascii=False) + "\n", "utf-8")
    print(f"\nrecord: {json.dumps(FORMULA, ensure_ascii=False)}")
    outputs = {
        "extract": (
            work / "formula-extract.csv",
            lambda out, *x: geo("extract", feed, "--format", "csv", "-o", out, *x),
        ),
        "batch": (work / "formula-batch.csv", lambda out, *x: geo("batch", feed, "-o", out, "--fresh", "-q", *x)),
    }
    for name, (out, command) in outputs.items():
        for extra in ((), ("--raw-csv",)):
            proc = command(out, *extra)
            all_cells = cells(out)
            live = [c for c in all_cells if c.startswith(DANGER) and not _number(c)]
            guarded = [c for c in all_cells if c.startswith("'") and c[1:2] in DANGER]
            numbers = [c for c in all_cells if c.startswith("-") and _number(c)]
            print(
                f"$ geo {name} ... -o {out.name} {' '.join(extra)}: exit {proc.returncode}, {len(all_cells)} cells, "
                f"{len(live)} starting with = + - @ tab CR (not numbers), {len(guarded)} neutralised with ', "
                f"{len(numbers)} negative numbers left as they are"
            )
            for cell in (guarded if not extra else live)[:6]:
                print("    e.g.", repr(cell[:70]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/show-poison"))
    args = parser.parse_args()
    shutil.rmtree(args.dir, ignore_errors=True)
    args.dir.mkdir(parents=True)
    poisoned_feed(args.dir)
    formula_csv(args.dir)


if __name__ == "__main__":
    main()
