"""The extraction's output: documents as feature rows, written as GeoJSON, JSON lines or CSV, or
handed over as a GeoDataFrame. Column names and types are those of :mod:`geo.schema`."""

from __future__ import annotations

from .features import claim_id, features_of, point
from .frame import to_geodataframe
from .writers import FORMATS, feature_collection, write_features

__all__ = ["features_of", "claim_id", "point", "to_geodataframe", "write_features", "feature_collection", "FORMATS"]
