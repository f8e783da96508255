"""The extraction's table: one GeoJSON-like feature per claim x place, seat and other mention.

Features are plain dicts (``{"type": "Feature", "geometry": ..., "properties": ...}``) so that the
command line can write GeoJSON, JSON lines or CSV without importing geopandas; the Python API turns
them into a GeoDataFrame. Coordinates are swapped from (lat, lon) to GeoJSON's (lon, lat) in
:func:`point`, and nowhere else.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = [
    "PROPERTIES",
    "BATCH_PROPERTIES",
    "point",
    "feature_collection",
    "write_features",
    "to_geodataframe",
    "FORMATS",
]

#: Every feature carries these properties, in this order (DESIGN.md's contract, plus offsets).
PROPERTIES = (
    "claim_id", "role", "claimant", "claimant_en", "side", "side_type", "stance", "verb",
    "event_type", "sub_event_type", "text", "start", "end", "mention", "mention_start", "mention_end",
    "place_name", "geonameid", "country_code", "feature_code", "place_source", "precision", "precision_note", "radius_km",
    "needs_review", "alternatives", "quantities", "fatalities", "date", "time_precision",
    "article", "article_title", "outlet", "url", "published",
)  # fmt: skip
#: Added by a batch's de-duplication to a claim several articles report (see :mod:`geo.dedup`).
BATCH_PROPERTIES = ("sources", "source_count", "fatalities_max")
FORMATS = ("geojson", "jsonl", "csv")


def point(lat: float, lon: float) -> dict:
    """A GeoJSON Point from latitude and longitude (the one place the axis order flips)."""
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def feature_collection(features: Iterable[dict]) -> dict:
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


def to_geodataframe(features: list[dict]) -> geopandas.GeoDataFrame:
    """The features as a GeoDataFrame in WGS 84 (EPSG:4326), one column per property."""
    import geopandas
    from shapely.geometry import shape

    rows = [{key: f["properties"].get(key) for key in PROPERTIES} for f in features]
    geometry = [shape(f["geometry"]) if f.get("geometry") else None for f in features]
    return geopandas.GeoDataFrame(rows, columns=list(PROPERTIES), geometry=geometry, crs="EPSG:4326")
