"""Writing features as they come: one GeoJSON FeatureCollection, JSON lines, or CSV.

Features are plain dicts (``{"type": "Feature", "geometry": ..., "properties": ...}``) so that the
command line writes them without importing geopandas. Columns come from :mod:`geo.schema`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from ..schema import PROPERTIES

__all__ = ["feature_collection", "write_features", "FORMATS"]

FORMATS = ("geojson", "jsonl", "csv")


def feature_collection(features: Iterable[dict]) -> dict:
    """The features as one GeoJSON FeatureCollection dict."""
    return {"type": "FeatureCollection", "features": list(features)}


def write_features(features: Iterable[dict], out: TextIO, fmt: str, *, extra: tuple[str, ...] = ()) -> int:
    """Write features as they come: one GeoJSON FeatureCollection, JSON lines, or CSV. Returns the count.

    CSV has one column per property of :data:`PROPERTIES`, then one per name in ``extra``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    n = 0
    if fmt == "geojson":
        out.write('{"type": "FeatureCollection", "features": [')
        for f in features:
            out.write(("," if n else "") + "\n" + json.dumps(f, ensure_ascii=False))
            n += 1
        out.write("\n]}\n")
    elif fmt == "jsonl":
        for f in features:
            out.write(json.dumps(f, ensure_ascii=False) + "\n")
            n += 1
    else:
        writer = csv.writer(out, lineterminator="\n")
        columns = (*PROPERTIES, *extra)
        writer.writerow(["lat", "lon", *columns])
        for f in features:
            coords = (f.get("geometry") or {}).get("coordinates") or [None, None]
            props = f["properties"]
            row = [coords[1], coords[0]]
            for key in columns:
                value = props.get(key)
                if isinstance(value, list | dict):
                    value = json.dumps(value, ensure_ascii=False)
                row.append("" if value is None else value)
            writer.writerow(row)
            n += 1
    return n
