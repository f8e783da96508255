"""Features as a GeoDataFrame: the one builder the Python API and ``geo batch`` share.

Columns are :data:`geo.schema.PROPERTIES` (plus the batch's own where rows have them), geometry
points in WGS 84. List and object columns (``quantities``, ``alternatives``, ``sources``) stay
Python objects for the API, or become JSON text (``json_text=True``) for tables that want one type
per column (Parquet, CSV).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..schema import BATCH_PROPERTIES, JSON_COLUMNS, PROPERTIES

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = ["to_geodataframe"]


def to_geodataframe(
    features: Sequence[dict], *, json_text: bool = False, extra: tuple[str, ...] | None = None
) -> geopandas.GeoDataFrame:
    """The features as a GeoDataFrame (EPSG:4326), one column per property.

    ``extra`` names the batch columns to add (by default those some row has).
    """
    import geopandas
    import numpy
    import pandas
    import shapely

    props = [f["properties"] for f in features]
    if extra is None:
        extra = tuple(k for k in BATCH_PROPERTIES if any(k in p for p in props))
    frame = pandas.DataFrame.from_records(props, columns=[*PROPERTIES, *extra])
    if json_text:
        import orjson

        for column in JSON_COLUMNS & set(frame.columns):
            frame[column] = [
                orjson.dumps(v).decode("utf-8") if isinstance(v, list | dict) else v for v in frame[column]
            ]
    coords = numpy.array(
        [(f.get("geometry") or {}).get("coordinates", (numpy.nan, numpy.nan)) for f in features], dtype=float
    ).reshape(-1, 2)
    points = shapely.points(coords)
    points[numpy.isnan(coords[:, 0])] = None
    return geopandas.GeoDataFrame(frame, geometry=geopandas.GeoSeries(points, crs="EPSG:4326"))
