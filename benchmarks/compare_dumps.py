"""Compare two dumps of geo's output: the same features, article by article, or where they differ.

A speed change must not change what is extracted. Dump the features before and after it, then
compare::

    python benchmarks/bench_corpus.py --no-peers --dump before/      # per corpus: CORPUS.jsonl
    python benchmarks/eval.py ../shared/eval/dev ../shared/eval/dev_en --pred before_eval/
    ... change the code ...
    python benchmarks/bench_corpus.py --no-peers --dump after/
    python benchmarks/eval.py ../shared/eval/dev ../shared/eval/dev_en --pred after_eval/
    python benchmarks/compare_dumps.py before/ after/
    python benchmarks/compare_dumps.py before_eval/ after_eval/

Both folders are walked for ``*.jsonl`` (one ``{"id", "features"}`` object per line, as
``bench_corpus.py --dump`` writes) and ``*.geojson`` files (a FeatureCollection each, as
``eval.py --pred`` writes), matched by relative path. Floats are compared exactly (the same code
path must give the same doubles). Exit status 0 when everything is the same, 1 otherwise; the
first differences of each file are printed (``--show N``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _records(path: Path) -> list[tuple[str, object]]:
    """(article id, its features) in file order."""
    if path.suffix == ".geojson":
        return [(path.stem, json.loads(path.read_text("utf-8")).get("features", []))]
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if line.strip():
                row = json.loads(line)
                out.append((f"{n}:{row.get('id')}", row.get("features")))
    return out


def _first_difference(a: object, b: object, where: str = "") -> str | None:
    """Where two JSON values first differ (a path and both values), or None when they are equal."""
    if type(a) is not type(b):
        return f"{where or '/'}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{where}/{key}: {'missing before' if key not in a else 'missing after'}"
            found = _first_difference(a[key], b[key], f"{where}/{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        for k, (x, y) in enumerate(zip(a, b, strict=False)):
            found = _first_difference(x, y, f"{where}[{k}]")
            if found:
                return found
        return f"{where}: {len(a)} items before, {len(b)} after" if len(a) != len(b) else None
    return None if a == b else f"{where or '/'}: {a!r} != {b!r}"


def compare_files(before: Path, after: Path, show: int) -> tuple[int, int, list[str]]:
    """(records compared, records that differ, descriptions of the first ``show`` differences)."""
    a, b = _records(before), _records(after)
    notes = []
    differ = abs(len(a) - len(b))
    if len(a) != len(b):
        notes.append(f"{len(a)} records before, {len(b)} after")
    for (id_a, fa), (id_b, fb) in zip(a, b, strict=False):
        found = f"article {id_a} became {id_b}" if id_a != id_b else _first_difference(fa, fb)
        if found:
            differ += 1
            if len(notes) < show:
                notes.append(f"{id_a}: {found}")
    return min(len(a), len(b)), differ, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--show", type=int, default=5, help="differences printed per file")
    args = parser.parse_args()
    files = sorted(p.relative_to(args.before) for p in args.before.rglob("*") if p.suffix in (".jsonl", ".geojson"))
    if not files:
        print(f"{args.before}: no .jsonl or .geojson files")
        return 1
    status = 0
    for rel in files:
        other = args.after / rel
        if not other.is_file():
            print(f"{rel}: missing in {args.after}")
            status = 1
            continue
        n, differ, notes = compare_files(args.before / rel, other, args.show)
        if differ or notes:
            status = 1
        if differ or len(files) < 20:
            print(f"{rel}: {n} records, {differ} differ" + "".join(f"\n    {note}" for note in notes))
    extra = sorted(
        p.relative_to(args.after)
        for p in args.after.rglob("*")
        if p.suffix in (".jsonl", ".geojson") and not (args.before / p.relative_to(args.after)).exists()
    )
    for rel in extra:
        print(f"{rel}: only in {args.after}")
        status = 1
    print("same" if status == 0 else "DIFFERENT")
    return status


if __name__ == "__main__":
    sys.exit(main())
