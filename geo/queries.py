"""Reading place-name queries (one per line) and writing geocoding results in several formats."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO, TextIO

from gazetteer import Match

from .errors import InputError

__all__ = ["read_queries", "FORMATS", "write_results"]

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
    "score",
    "matched",
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


def write_results(rows: Iterable[tuple[str, list[Match]]], out: TextIO, fmt: str) -> None:
    """Write ``(query, matches)`` pairs to ``out`` as ``fmt`` (one of :data:`FORMATS`), streaming."""
    if fmt == "jsonl":
        for query, matches in rows:
            out.write(
                json.dumps({"query": query, "results": [m.as_dict() for m in matches]}, ensure_ascii=False) + "\n"
            )
    elif fmt == "json":
        out.write("[")
        for i, (query, matches) in enumerate(rows):
            out.write(("," if i else "") + "\n  ")
            out.write(json.dumps({"query": query, "results": [m.as_dict() for m in matches]}, ensure_ascii=False))
        out.write("\n]\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(_CSV_FIELDS)
        for query, matches in rows:
            if not matches:
                writer.writerow([query] + [""] * (len(_CSV_FIELDS) - 1))
            for rank, m in enumerate(matches, 1):
                d = m.as_dict()
                writer.writerow([query, rank] + [d[f] if d[f] is not None else "" for f in _CSV_FIELDS[2:]])
    elif fmt == "table":
        for query, matches in rows:
            out.write(_table(query, matches))
    else:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def _table(query: str, matches: list[Match]) -> str:
    buf = io.StringIO()
    shown = query if len(query) <= 80 else query[:77] + "..."
    buf.write(f"{shown}\n")
    if not matches:
        buf.write("    (no match)\n\n")
        return buf.getvalue()
    for rank, m in enumerate(matches, 1):
        p = m.place
        gid = str(p.geonameid) if p.geonameid else "-"
        where = f"{p.lat:8.4f} {p.lon:9.4f}"
        buf.write(
            f"  {rank}. {p.name[:32]:32} {p.country_code:2} {p.feature_code:5} {where}  "
            f"pop {p.population:>9,}  id {gid:>9}  score {m.score:.2f}  via {m.matched[:30]}\n"
        )
    buf.write("\n")
    return buf.getvalue()
