"""Claims to interactive Leaflet maps (static HTML). Renders what :mod:`geo` extracts; never geocodes.

>>> from maps import render                                  # doctest: +SKIP
>>> render(features).save("claims.html")                      # doctest: +SKIP
>>> render(filter_claims(read_claims_table("batch.parquet"), since="2020-10-01"))  # doctest: +SKIP

One marker per place, coloured by the side that claims it, a popup listing every claim about the
place (with every source that reports it), filters by side and event type, a time slider when the
claims span several days, a legend, a title panel, the claims without a place in a side panel,
clustering, and honest precision (dashed rings for "near", shaded circles for regions). Leaflet is
vendored and inlined by default: a map needs no network (with ``tiles="none"`` or local tiles).
"""

from __future__ import annotations

from .assets import write_assets
from .claims import REQUIRED, MapData, PlaceClaims, prepare
from .errors import ClaimsError, MapError
from .filters import ClaimFilter, claim_day, filter_claims
from .payload import (
    build_payload,
    describe_alternatives,
    describe_fatalities,
    describe_quantity,
    safe_url,
    unpack_claim,
)
from .render import ASSETS, DEFAULT_MAP_OPTIONS, MapOptions, page_options, render
from .tables import features_from_frame, is_claims_table, read_claims_table
from .tiles import TileSource, local_tiles
from .view import default_window, opening_view

__all__ = [
    "render",
    "MapOptions",
    "DEFAULT_MAP_OPTIONS",
    "ASSETS",
    "page_options",
    "write_assets",
    "TileSource",
    "local_tiles",
    "default_window",
    "opening_view",
    "prepare",
    "MapData",
    "PlaceClaims",
    "REQUIRED",
    "filter_claims",
    "ClaimFilter",
    "claim_day",
    "read_claims_table",
    "is_claims_table",
    "features_from_frame",
    "build_payload",
    "unpack_claim",
    "describe_quantity",
    "describe_fatalities",
    "describe_alternatives",
    "safe_url",
    "MapError",
    "ClaimsError",
]
