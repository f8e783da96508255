"""``geo geocode --online``: fill the offline misses from the online fallback and mark every result's source.

With ``--online`` each result says where it comes from: ``"source"`` is ``"offline"`` for the
gazetteer's own matches (the gazetteer's dataset name moves to ``"gazetteer_source"``) and the
service's name for online ones. Without ``--online`` none of this runs and the output is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from ..queries import _CSV_FIELDS, write_results
from .fallback import OnlineFallback

__all__ = ["resolve_rows", "write_marked", "OFFLINE", "CSV_FIELDS"]

#: The ``source`` of the offline gazetteer's results when ``--online`` is used.
OFFLINE = "offline"
#: CSV columns with ``--online``: the usual ones, then where each result comes from.
CSV_FIELDS = (*_CSV_FIELDS, "source_id")

Row = tuple[str, list[dict[str, Any]]]


def resolve_rows(
    rows: Iterable[Row], fallback: OnlineFallback, *, country_codes: tuple[str, ...] = ()
) -> Iterator[Row]:
    """``rows`` with the queries that found nothing offline looked up online, every result marked.

    Lookups happen as the rows stream by, in order, so output starts before a long batch ends.
    """
    for query, results in rows:
        if results:
            yield query, [_offline(d) for d in results]
            continue
        found = fallback.lookup(query, country_codes)
        yield query, [found.as_dict()] if found is not None else []


def write_marked(rows: Iterable[Row], out: TextIO, fmt: str, *, raw_csv: bool = False) -> None:
    """Like :func:`geo.queries.write_results`, with the ``source`` shown in every format."""
    if fmt == "csv":
        from ..output.writers import csv_writer

        writer = csv_writer(out, raw=raw_csv)
        writer.writerow(CSV_FIELDS)
        for query, results in rows:
            if not results:
                writer.writerow([query] + [""] * (len(CSV_FIELDS) - 1))
            for rank, d in enumerate(results, 1):
                writer.writerow([query, rank] + [_cell(d.get(f)) for f in CSV_FIELDS[2:]])
    elif fmt == "table":
        write_results(((query, [_for_table(d) for d in results]) for query, results in rows), out, fmt)
    else:
        write_results(rows, out, fmt, raw_csv=raw_csv)


def _offline(d: dict[str, Any]) -> dict[str, Any]:
    marked = dict(d)
    marked["gazetteer_source"] = d.get("source")
    marked["source"] = OFFLINE
    return marked


def _for_table(d: dict[str, Any]) -> dict[str, Any]:
    """Online results with the blanks the table layout cannot print filled, and the service as "via"."""
    if d.get("source") == OFFLINE:
        return d
    shown = dict(d)
    shown["feature_code"] = d.get("feature_code") or "-"
    shown["population"] = d.get("population") or 0
    shown["score"] = d.get("score") or 0.0
    shown["matched"] = f"{d.get('source')} (online)"
    return shown


def _cell(value: Any) -> Any:
    return "" if value is None else value
