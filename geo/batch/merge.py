"""The end of a batch: every committed partition merged into one output file, atomically.

Rows are ordered by article id (then as extracted), whatever order the workers finished in, so a
run that was killed and resumed writes the same table as one that was not. Claims reported by
several articles are merged (:mod:`geo.dedup`). Failed articles go to ``OUT.errors.jsonl``.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..dedup import deduplicate
from ..errors import InputError, OutputError
from ..files import atomic_text
from ..output import BATCH_PROPERTIES, PROPERTIES, write_features

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


def output_format(path: Path) -> str:
    """The format ``path``'s suffix asks for; an :class:`InputError` lists the known ones."""
    fmt = OUTPUT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(OUTPUT_FORMATS)
        raise InputError(f"{path}: unknown output format {path.suffix or '(no suffix)'!r}; use one of {known}")
    return fmt


def errors_path(output: Path) -> Path:
    return output.with_name(output.name + ".errors.jsonl")


def write_output(records: Iterable[dict], output: Path, fmt: str, *, dedup: bool = True) -> MergeSummary:
    """Merge ``records`` into ``output`` (and its errors file), each replaced only when complete.

    Rows come ordered by article id, then as extracted. With ``dedup``, repeated reports of a claim
    are merged (:mod:`geo.dedup`) and every event row says how many articles report it.
    """
    ok: list[dict] = []
    failed: list[dict] = []
    for r in records:
        (failed if "error" in r else ok).append(r)
    ok.sort(key=lambda r: (r["article"] or "", r["key"]))
    features = [f for r in ok for f in r["features"]]
    before = len(features)
    if dedup:
        features = deduplicate(features)
        for f in features:
            if f["properties"].get("role") == "event":
                f["properties"].setdefault("source_count", 1)
    if fmt == "parquet":
        _write_parquet(features, output)
    else:
        with atomic_text(output) as fh:
            write_features(features, fh, fmt, extra=BATCH_PROPERTIES)
    unresolved = [r for r in ok if r.get("unresolved")]
    _write_errors(failed + unresolved, errors_path(output))
    return MergeSummary(len(features), len(failed), before - len(features), len(unresolved))


def _write_errors(failed: list[dict], path: Path) -> None:
    if not failed:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    failed.sort(key=lambda r: (r["source"] or "", r["article"] or ""))
    with atomic_text(path) as fh:
        for r in failed:
            row = {"article": r["article"], "source": r["source"], "key": r["key"]}
            if "error" in r:
                row["error"] = r["error"]
            else:  # extracted, but names were left unresolved by the online fallback
                row["unresolved"] = [{"name": name, "reason": reason} for name, reason in r["unresolved"]]
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


#: Integer properties (nullable): Parquet keeps them integers even when some rows have none.
_INTEGERS = dict.fromkeys(
    ("start", "end", "mention_start", "mention_end", "geonameid", "precision", "fatalities", "time_precision"), "Int64"
) | {"source_count": "Int64", "fatalities_max": "Int64"}
#: The properties that hold lists or objects: stored as JSON text in Parquet and CSV.
_JSON_COLUMNS = ("alternatives", "quantities", "sources")


def to_frame(features: list[dict]):
    """The features as a GeoDataFrame (WGS 84), lists and objects as JSON text (as Parquet and
    CSV readers expect one type per column); the batch columns only when some row has them."""
    import geopandas
    import numpy
    import orjson
    import pandas
    import shapely

    props = [f["properties"] for f in features]
    extra = [k for k in BATCH_PROPERTIES if any(k in p for p in props)]
    frame = pandas.DataFrame.from_records(props, columns=[*PROPERTIES, *extra])
    for column in _JSON_COLUMNS:
        if column in frame.columns:
            frame[column] = [
                orjson.dumps(v).decode("utf-8") if isinstance(v, list | dict) else v for v in frame[column]
            ]
    coords = numpy.array(
        [(f["geometry"] or {}).get("coordinates", (numpy.nan, numpy.nan)) for f in features], dtype=float
    ).reshape(-1, 2)
    points = shapely.points(coords)
    points[numpy.isnan(coords[:, 0])] = None
    return geopandas.GeoDataFrame(frame, geometry=geopandas.GeoSeries(points, crs="EPSG:4326"))


def _write_parquet(features: list[dict], output: Path) -> None:
    directory = output.parent if str(output.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{output}: the directory {directory} does not exist")
    frame = to_frame(features)
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=directory)
    os.close(fd)
    try:
        frame.to_parquet(tmp, index=False)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, output)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
