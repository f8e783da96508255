"""The extraction's output: documents as feature rows, written as GeoJSON, JSON lines or CSV, or
handed over as a GeoDataFrame. Column names and types are those of :mod:`geo.schema`."""

from __future__ import annotations

from .features import claim_id, features_of, point
from .frame import to_geodataframe
from .stream import FeatureStream
from .writers import (
    FORMATS,
    GeoJsonWriter,
    csv_row,
    csv_writer,
    feature_collection,
    neutralize_cell,
    unneutralize_cell,
    with_articles,
    write_features,
)

__all__ = [
    "features_of",
    "claim_id",
    "point",
    "to_geodataframe",
    "write_features",
    "feature_collection",
    "with_articles",
    "neutralize_cell",
    "unneutralize_cell",
    "csv_writer",
    "csv_row",
    "GeoJsonWriter",
    "FeatureStream",
    "FORMATS",
]
