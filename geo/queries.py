"""Reading place-name queries (one per line) and writing geocoding results in several formats."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO, TextIO

from gazetteer import Gazetteer
from gazetteer.parallel import chunks, in_parallel

from .errors import InputError

__all__ = ["read_queries", "FORMATS", "write_results", "geocode_all"]

#: Output formats of ``geo geocode``.
FORMATS = ("table", "json", "jsonl", "csv")
_CSV_FIELDS = (
    "query",
    "rank",
    "geonameid",
    "name",
    "lat",
    "lon",
    "country_code",
    "admin1",
    "feature_class",
    "feature_code",
    "population",
    "radius_km",
    "score",
    "matched",
    "source",
)


def read_queries(stream: BinaryIO, *, name: str) -> Iterator[str]:
    """Yield each line of ``stream`` as text, in order, without its line break.

    The bytes must be UTF-8 text (a leading byte-order mark is dropped); a line that is not,
    or that holds NUL bytes (binary data), raises :class:`InputError` naming ``name`` and the line.
    """
    for number, raw in enumerate(stream, 1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        raw = raw.rstrip(b"\n").rstrip(b"\r")
        if b"\x00" in raw:
            raise InputError(f"{name}, line {number}: binary data (NUL byte), not a place name")
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as err:
            raise InputError(f"{name}, line {number}: not valid UTF-8 text (byte {err.start + 1})") from None


Result = dict  # one match, as Match.as_dict() gives it


def geocode_all(
    queries: Iterable[str], gazetteer: Gazetteer, *, workers: int = 1, **options
) -> Iterator[tuple[str, list[Result]]]:
    """Geocode ``queries`` in order, in ``workers`` processes for large batches.

    ``options`` are :meth:`Gazetteer.search` keywords (``limit``, ``country``, ``near``).
    """
    if workers <= 1:
        for q in queries:
            yield q, [m.as_dict() for m in gazetteer.search(q, **options)]
        return
    task = _Batch(str(gazetteer.path.parent), options)
    for part in in_parallel(task, chunks(queries, 64), workers):
        yield from part


class _Batch:
    """Picklable worker task: opens the index once per worker process."""

    _open: dict[str, Gazetteer] = {}

    def __init__(self, index_dir: str, options: dict):
        self.index_dir = index_dir
        self.options = options

    def __call__(self, part: list[str]) -> list[tuple[str, list[Result]]]:
        gz = self._open.get(self.index_dir)
        if gz is None:
            gz = self._open[self.index_dir] = Gazetteer.open(self.index_dir)
        return [(q, [m.as_dict() for m in gz.search(q, **self.options)]) for q in part]


def write_results(rows: Iterable[tuple[str, list[Result]]], out: TextIO, fmt: str, *, raw_csv: bool = False) -> None:
    """Write ``(query, results)`` pairs to ``out`` as ``fmt`` (one of :data:`FORMATS`), streaming.

    CSV text cells that a spreadsheet would run as a formula are neutralised unless ``raw_csv``
    (see :mod:`geo.output.writers`)."""
    if fmt == "jsonl":
        for query, results in rows:
            out.write(json.dumps({"query": query, "results": results}, ensure_ascii=False) + "\n")
    elif fmt == "json":
        out.write("[")
        for i, (query, results) in enumerate(rows):
            out.write(("," if i else "") + "\n  ")
            out.write(json.dumps({"query": query, "results": results}, ensure_ascii=False))
        out.write("\n]\n")
    elif fmt == "csv":
        from .output.writers import csv_writer

        writer = csv_writer(out, raw=raw_csv)
        writer.writerow(_CSV_FIELDS)
        for query, results in rows:
            if not results:
                writer.writerow([query] + [""] * (len(_CSV_FIELDS) - 1))
            for rank, d in enumerate(results, 1):
                writer.writerow([query, rank] + [d[f] if d[f] is not None else "" for f in _CSV_FIELDS[2:]])
    elif fmt == "table":
        for query, results in rows:
            out.write(_table(query, results))
    else:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def _table(query: str, results: list[Result]) -> str:
    buf = io.StringIO()
    shown = query if len(query) <= 80 else query[:77] + "..."
    buf.write(f"{shown}\n")
    if not results:
        buf.write("    (no match)\n\n")
        return buf.getvalue()
    for rank, d in enumerate(results, 1):
        gid = str(d["geonameid"]) if d["geonameid"] else "-"
        buf.write(
            f"  {rank}. {d['name'][:32]:32} {d['country_code']:2} {d['feature_code']:5} "
            f"{d['lat']:8.4f} {d['lon']:9.4f}  pop {d['population']:>9,}  id {gid:>9}  "
            f"score {d['score']:.2f}  via {d['matched'][:30]}\n"
        )
    buf.write("\n")
    return buf.getvalue()
