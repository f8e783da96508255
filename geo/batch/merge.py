"""The end of a batch: every committed partition merged into one output file, atomically.

Rows are ordered by article id (then as extracted), whatever order the workers finished in, so a
run that was killed and resumed writes the same table as one that was not. Claims reported by
several articles are merged (:mod:`geo.dedup`). Failed articles go to ``OUT.errors.jsonl``.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..dedup import MERGE_FIELDS, claim_key, claims_gone, is_orphan_seat, merge_reports, plan_merges, report_order
from ..errors import InputError, OutputError
from ..files import atomic_text, disk_error
from ..output import to_geodataframe, write_features
from ..readers.failure import json_line
from ..schema import BATCH_PROPERTIES, BOOL_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS
from .store import PartitionStore

__all__ = ["OUTPUT_FORMATS", "MergeSummary", "errors_path", "output_format", "write_output", "to_frame"]

#: Output suffixes and the format each stands for.
OUTPUT_FORMATS = {".parquet": "parquet", ".geoparquet": "parquet", ".geojson": "geojson", ".json": "geojson"}
OUTPUT_FORMATS |= {".jsonl": "jsonl", ".csv": "csv"}


@dataclass(frozen=True, slots=True)
class MergeSummary:
    rows: int
    failed: int
    merged: int  # rows folded into another article's report of the same claim
    unresolved: int = 0  # articles with names the online fallback could not ask about
    first_failure: str | None = None  # "where: reason" of the first failure listed, if any


def output_format(path: Path) -> str:
    """The format ``path``'s suffix asks for; an :class:`InputError` lists the known ones."""
    fmt = OUTPUT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(OUTPUT_FORMATS)
        raise InputError(f"{path}: unknown output format {path.suffix or '(no suffix)'!r}; use one of {known}")
    return fmt


def errors_path(output: Path) -> Path:
    return output.with_name(output.name + ".errors.jsonl")


def write_output(
    store: PartitionStore,
    keys: set[str] | None,
    output: Path,
    fmt: str,
    *,
    dedup: bool = True,
    batch_rows: int = 20_000,
    raw_csv: bool = False,
) -> MergeSummary:
    """Merge the latest record of each of ``keys`` (every key when ``None``) into ``output`` and its
    errors file, each replaced only when complete.

    Rows come ordered by article id, then as extracted. With ``dedup``, repeated reports of a claim
    are merged (:mod:`geo.dedup`) and every event row says how many articles report it. Memory stays
    small whatever the corpus: a first pass keeps where each record is and the keys of its claims;
    the rows are then read again and written ``batch_rows`` at a time. CSV text cells are
    neutralised against spreadsheet formulas unless ``raw_csv`` (see :mod:`geo.output.writers`).
    """
    index = _index(store, keys)
    failed = [r.problem for r in index.values() if r.problem and "error" in r.problem]
    unresolved = [r.problem for r in index.values() if r.problem and "error" not in r.problem]
    ok = sorted(
        (r for r in index.values() if not (r.problem and "error" in r.problem)), key=lambda r: (r.article, r.key)
    )
    plan: dict = {}
    gone: set[str] = set()
    if dedup:
        plan = plan_merges((ref, r.article, key, order) for r in ok for ref, _, _, key, order in r.rows)
        merged_away = {ref for members in plan.values() for ref in members[1:]}
        gone = claims_gone(
            ((ref, claim) for r in ok for ref, role, claim, _, _ in r.rows if role == "event"), merged_away
        )
    else:
        merged_away = set()
    reports = _gather(store, index, plan, merged_away) if plan else {}
    rows = _rows(store, ok, plan, merged_away, gone, reports, dedup)
    extra = BATCH_PROPERTIES if dedup else ()
    if fmt == "parquet":
        count = _write_parquet(rows, output, extra, batch_rows)
    else:
        with atomic_text(output) as fh:
            count = write_features(rows, fh, fmt, extra=extra, raw_csv=raw_csv)
    _write_errors(failed + unresolved, errors_path(output))
    first = f"{failed[0].get('source')}: {failed[0].get('error')}" if failed else None
    return MergeSummary(count, len(failed), len(merged_away), len(unresolved), first)


@dataclass(slots=True)
class _Entry:
    """Where a record is, and what merging needs to know of its rows before reading them again."""

    key: str
    article: str
    where: tuple[int, int]  # (partition number, byte offset)
    rows: list[tuple]  # (ref, role, claim id, hash of the claim key or None, order) per event row
    problem: dict | None  # the record's ids and reason, when it failed or left names unresolved


def _index(store: PartitionStore, keys: set[str] | None) -> dict[str, _Entry]:
    """The latest record of each key: where it is, and its rows' claim keys (pass one)."""
    index: dict[str, _Entry] = {}
    for number, record, offset in store.located_records():
        key = record["key"]
        if keys is not None and key not in keys:
            continue
        problem = None
        if "error" in record or record.get("unresolved"):
            problem = {k: v for k, v in record.items() if k != "features"}
        rows = []
        for i, f in enumerate(record.get("features") or ()):
            p = f["properties"]
            if p.get("role") != "event":  # only event rows merge or decide a claim's fate
                continue
            ck = claim_key(f)  # kept as a 64-bit hash: a corpus has hundreds of thousands
            rows.append(((key, i), "event", p.get("claim_id"), None if ck is None else hash(ck), report_order(f)))
        index[key] = _Entry(key, record["article"] or "", (number, offset), rows, problem)
    return index


def _gather(store: PartitionStore, index: dict[str, _Entry], plan: dict, merged_away: set) -> dict:
    """What merging needs of every report folded into another (pass 1½: only their records)."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for members in plan.values():
        for key, i in members:
            wanted[key].append(i)
    out = {}
    for key, positions in wanted.items():
        features = store.read_at(*index[key].where)["features"]
        for i in positions:
            p = features[i]["properties"]
            out[(key, i)] = {k: p.get(k) for k in MERGE_FIELDS}
    return out


def _rows(store, ok: list[_Entry], plan: dict, merged_away: set, gone: set, reports: dict, dedup: bool):
    """Every output row, in order (pass two)."""
    for entry in ok:
        for i, f in enumerate(store.read_at(*entry.where)["features"]):
            ref = (entry.key, i)
            if ref in merged_away or is_orphan_seat(f, gone):
                continue
            if ref in plan:
                f = merge_reports(f, [reports[m] for m in plan[ref]])
            elif dedup and f["properties"].get("role") == "event":
                f["properties"].setdefault("source_count", 1)
            yield f


def _write_errors(failed: list[dict], path: Path) -> None:
    if not failed:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    failed.sort(key=lambda r: (r.get("input") or r["source"] or "", _line_number(r), r["article"] or ""))
    with atomic_text(path) as fh:
        for r in failed:
            row = {k: r.get(k) for k in _ERROR_FIELDS if k in r} | {"article": r["article"], "source": r["source"]}
            if "error" in r:
                row["error"] = r["error"]
            else:  # extracted, but names were left unresolved by the online fallback
                row["unresolved"] = [{"name": name, "reason": reason} for name, reason in r["unresolved"]]
            fh.write(json_line(row) + "\n")


#: The columns of ``OUT.errors.jsonl``, in this order (see :class:`geo.readers.Failure`).
_ERROR_FIELDS = ("input", "position", "article", "source", "stage", "kind", "error", "limit", "key")


def _line_number(record: dict) -> int:
    position = record.get("position") or ""
    return int(position.rsplit(" ", 1)[-1]) if position[-1:].isdigit() else 0


def to_frame(features: list[dict], *, extra: tuple[str, ...] | None = None):
    """The features as a GeoDataFrame (WGS 84), lists and objects as JSON text (as Parquet and
    CSV readers expect one type per column). ``extra`` names the batch columns to add; by default
    those some row has."""
    return to_geodataframe(features, json_text=True, extra=extra)


def _write_parquet(rows, output: Path, extra: tuple[str, ...], batch_rows: int) -> int:
    """GeoParquet, written ``batch_rows`` rows at a time (one row group each) beside ``output``, then
    renamed over it. The ``geo`` metadata is GeoParquet 1.0: WKB points in WGS 84, longitude first."""
    import pyarrow.parquet as pq

    directory = output.parent if str(output.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{output}: the directory {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=directory)
    os.close(fd)
    writer = None
    count = 0
    try:
        batch: list[dict] = []
        for f in itertools.chain(rows, [None]):
            if f is not None:
                batch.append(f)
                if len(batch) < batch_rows:
                    continue
            if not batch and writer is not None:
                break
            table = _arrow_table(batch, extra)
            if writer is None:
                writer = pq.ParquetWriter(tmp, table.schema)
            writer.write_table(table.cast(writer.schema))
            count += len(batch)
            batch = []
        writer.close()
        writer = None
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, output)
    except BaseException as err:
        if writer is not None:
            with contextlib.suppress(OSError):
                writer.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(err, OSError) and not isinstance(err, OutputError):
            kept = "the old file is unchanged" if output.exists() else "nothing was written"
            raise disk_error(output, err, f"the partial output was removed and {kept}") from None
        raise
    return count


def _arrow_type(pyarrow, column: str):
    """The one Arrow type of a column, whatever a batch holds (an all-empty batch included)."""
    if column in INT_COLUMNS:
        return pyarrow.int64()
    if column in BOOL_COLUMNS:
        return pyarrow.bool_()
    if column in FLOAT_COLUMNS:
        return pyarrow.float64()
    return pyarrow.string()


def _arrow_table(features: list[dict], extra: tuple[str, ...]):
    """One batch of rows as an Arrow table with GeoParquet metadata."""
    import pyarrow
    import shapely
    from pyproj import CRS

    frame = to_frame(features, extra=extra)
    geometry = shapely.to_wkb(frame.geometry.values, flavor="iso")
    columns = frame.drop(columns="geometry")
    schema = pyarrow.schema([(c, _arrow_type(pyarrow, c)) for c in columns.columns])
    table = pyarrow.Table.from_pandas(columns, schema=schema, preserve_index=False)
    table = table.append_column("geometry", pyarrow.array(geometry, type=pyarrow.binary()))
    column = {"encoding": "WKB", "geometry_types": ["Point"], "crs": CRS.from_epsg(4326).to_json_dict()}
    geo = {"version": "1.0.0", "primary_column": "geometry", "columns": {"geometry": column}}
    metadata = {**(table.schema.metadata or {}), b"geo": json.dumps(geo).encode()}
    return table.replace_schema_metadata(metadata)
